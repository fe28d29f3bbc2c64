/*
 * kind_series.c - rows of regional series: region, indicator, year,
 * breakdowns and value. One row is one observation.
 */
#include "import/field.h"

static const char *const REQUIRED[] = { "region", "indicator", "year", "value", NULL };
static const char *const OPTIONAL[] = { "settlement", "sex", "flags", NULL };

static void series_row(import_ctx *ctx, const import_row *row)
{
    strbuf region = STRBUF_INIT, flags = STRBUF_INIT;
    obs_record r = { 0 };
    bool ok = field_region(ctx, row, "region", &region);
    ok &= field_code(ctx, row, "indicator", CODE_INDICATOR, NULL, &r.indicator);
    ok &= field_year(ctx, row, "year", true, &r.year);
    ok &= field_code(ctx, row, "settlement", CODE_SETTLEMENT, "total", &r.settlement);
    ok &= field_code(ctx, row, "sex", CODE_SEX, "total", &r.sex);
    ok &= field_value(ctx, row, "value", &r.has_value, &r.value, &r.decimals, &r.missing);
    ok &= field_flags(ctx, row, "flags", &flags);
    if (ok) {
        r.region = strbuf_str(&region);
        r.flags = flags.len ? strbuf_str(&flags) : NULL;
        r.line = (long long)row->line;
        r.where = strbuf_str(&ctx->where);
        ctx_store_result(ctx, row, store_observation(ctx->store, &r, &ctx->detail),
                         "region, indicator, year and breakdown");
    } else {
        store_counts_of(ctx->store)->rejected++;
    }
    strbuf_free(&region);
    strbuf_free(&flags);
}

const import_kind kind_series = {
    .name = "series",
    .json_key = "observations",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = series_row,
};
