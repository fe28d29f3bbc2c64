/*
 * kind_series.c - rows of regional series: region, indicator, year,
 * breakdowns and value, with optional flags and the source's own status
 * text (kept as written; the cube readers pass theirs here too). One row
 * is one observation.
 */
#include <string.h>

#include "import/field.h"

static const char *const REQUIRED[] = { "region", "indicator", "year", "value", NULL };
static const char *const OPTIONAL[] = { "settlement", "sex", "flags", "status", NULL };

static bool flags_have(const strbuf *flags, const char *code)
{
    size_t n = strlen(code);
    for (const char *f = strbuf_str(flags); (f = strstr(f, code)) != NULL; f += n)
        if ((f == strbuf_str(flags) || f[-1] == ',') && (f[n] == ',' || f[n] == '\0'))
            return true;
    return false;
}

/* A value for a region in a year when it was not a unit is refused,
 * unless the row says it is recast (flags) or the user said how to read
 * the file: --back-cast (values recalculated onto the later boundaries:
 * kept, flagged recast) or --old-boundaries (a region named before it was
 * formed stands for the region it was split from, e.g. Turkestan before
 * 2018 for South Kazakhstan: the value is stored for that one). Missing
 * cells claim nothing and are kept as they are. */
static bool region_existed(import_ctx *ctx, const import_row *row, strbuf *region,
                           const obs_record *r, strbuf *flags)
{
    int from = 0, to = 0;
    const char *name = NULL, *pred = NULL, *pred_name = NULL;
    if (!r->has_value || !store_region_years(ctx->store, strbuf_str(region), &from, &to, &name)
        || ((from == 0 || r->year >= from) && (to == 0 || r->year <= to))
        || flags_have(flags, "recast"))
        return true;
    if (ctx->opt->back_cast) {
        field_flags_add(flags, "recast");
        return true;
    }
    bool before = from != 0 && r->year < from;
    if (before && ctx->opt->old_boundaries
        && store_region_predecessor(ctx->store, strbuf_str(region), from, r->year, &pred,
                                    &pred_name)) {
        strbuf_reset(region);
        strbuf_append(region, pred);
        return true;
    }
    if (before && ctx->opt->old_boundaries)
        ctx_error(ctx, row, "region", "%s was not a unit in %d (it is one from %d), and no "
                  "single region it was formed from existed then (territorial changes); flag "
                  "the row recast if the value is recalculated onto later boundaries",
                  name, r->year, from);
    else if (before)
        ctx_error(ctx, row, "region", "%s was not a unit in %d (it is one from %d): if the file "
                  "gives it for the region it was formed from, import it with --old-boundaries; "
                  "if the value is recalculated onto later boundaries, flag the row recast or "
                  "import the file with --back-cast", name, r->year, from);
    else
        ctx_error(ctx, row, "region", "%s was not a unit in %d (it was one until %d); if the "
                  "value is recalculated onto later boundaries, flag the row recast or import "
                  "the file with --back-cast", name, r->year, to);
    return false;
}

/* "region, indicator, year and breakdown (Akmola, poverty_rate, 2021)",
 * with the breakdown when it is not the total. */
static void describe_observation(import_ctx *ctx, const obs_record *r, strbuf *out)
{
    int from = 0, to = 0;
    const char *name = NULL;
    if (!store_region_years(ctx->store, r->region, &from, &to, &name))
        name = r->region;
    strbuf_printf(out, "region, indicator, year and breakdown (%s, %s, %d", name, r->indicator,
                  r->year);
    if (strcmp(r->settlement, "total") != 0)
        strbuf_printf(out, ", %s", r->settlement);
    if (strcmp(r->sex, "total") != 0)
        strbuf_printf(out, ", %s", r->sex);
    strbuf_append(out, ")");
}

static void series_row(import_ctx *ctx, const import_row *row)
{
    strbuf region = STRBUF_INIT, flags = STRBUF_INIT;
    obs_record r = { 0 };
    bool ok = field_region(ctx, row, "region", &region);
    ok &= field_code(ctx, row, "indicator", CODE_INDICATOR, NULL, &r.indicator);
    ok &= field_year(ctx, row, "year", true, &r.year);
    ok &= field_code(ctx, row, "settlement", CODE_SETTLEMENT, "total", &r.settlement);
    ok &= field_code(ctx, row, "sex", CODE_SEX, "total", &r.sex);
    bool footnote = false;
    bool value_read = field_value(ctx, row, "value", &r.has_value, &r.value, &r.decimals,
                                  &r.missing, &footnote);
    ok &= value_read && (!r.has_value || field_decimals_kept(ctx, row, "value", r.decimals));
    ok &= field_flags(ctx, row, "flags", &flags);
    if (footnote)
        field_flags_add(&flags, "footnote");
    if (ok)
        ok = region_existed(ctx, row, &region, &r, &flags);
    if (ok) {
        r.region = strbuf_str(&region);
        r.flags = flags.len ? strbuf_str(&flags) : NULL;
        r.source_status = field_optional(row, "status");
        r.line = (long long)row->line;
        r.where = strbuf_str(&ctx->where);
        store_result res = store_observation(ctx->store, &r, &ctx->detail);
        if (res == STORE_INSERTED || res == STORE_UNCHANGED || res == STORE_UPDATED) {
            ctx_store_result(ctx, row, res, NULL);
        } else {                            /* say which observation, for people */
            strbuf what = STRBUF_INIT;
            describe_observation(ctx, &r, &what);
            ctx_store_result(ctx, row, res, strbuf_str(&what));
            strbuf_free(&what);
        }
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
