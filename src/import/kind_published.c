/*
 * kind_published.c - rows of published derived figures (a gap, a growth
 * rate, a ratio, an index or a rank as a source printed it), kept apart
 * from observations so that `oblys check` can compare them with the
 * values the views recompute.
 */
#include "import/field.h"

static const char *const REQUIRED[] = { "source", "measure", "year", "value", NULL };
static const char *const OPTIONAL[] = { "indicator", "region", "base_year", "settlement", "sex",
                                        NULL };

static void published_row(import_ctx *ctx, const import_row *row)
{
    strbuf region = STRBUF_INIT;
    published_record r = { 0 };
    bool has_value = false;
    const char *missing = NULL;
    bool ok = field_text(ctx, row, "source", &r.source);
    ok &= field_code(ctx, row, "measure", CODE_MEASURE, NULL, &r.measure);
    if (field_optional(row, "indicator"))
        ok &= field_code(ctx, row, "indicator", CODE_INDICATOR, NULL, &r.indicator);
    if (field_optional(row, "region")) {
        ok &= field_region(ctx, row, "region", &region);
        r.region = strbuf_str(&region);
    }
    ok &= field_year(ctx, row, "year", true, &r.year);
    ok &= field_year(ctx, row, "base_year", false, &r.base_year);
    ok &= field_code(ctx, row, "settlement", CODE_SETTLEMENT, "total", &r.settlement);
    ok &= field_code(ctx, row, "sex", CODE_SEX, "total", &r.sex);
    bool value_read = field_value(ctx, row, "value", &has_value, &r.value, &r.decimals,
                                  &missing, NULL);
    ok &= value_read && (!has_value || field_decimals_kept(ctx, row, "value", r.decimals));
    if (ok && !has_value) {
        ctx_error(ctx, row, "value", "a published figure needs a value; leave out figures that "
                  "were not published");
        ok = false;
    }
    if (ok) {
        r.line = (long long)row->line;
        r.where = strbuf_str(&ctx->where);
        ctx_store_result(ctx, row, store_published(ctx->store, &r, &ctx->detail),
                         "published figure");
    } else {
        store_counts_of(ctx->store)->rejected++;
    }
    strbuf_free(&region);
}

const import_kind kind_published = {
    .name = "published",
    .json_key = "published",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = published_row,
};
