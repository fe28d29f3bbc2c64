/*
 * kind_prices.c - rows of the consumer price index of Kazakhstan: year,
 * annual average index (2010 = 100) and inflation (% a year), either of
 * which may be empty, and the source.
 */
#include "import/field.h"

static const char *const REQUIRED[] = { "year", "cpi", "inflation_pct", NULL };
static const char *const OPTIONAL[] = { "source", NULL };

/* A number that may be left empty (or marked missing). */
static bool optional_number(import_ctx *ctx, const import_row *row, const char *name,
                            bool *present, double *value)
{
    int decimals = 0;
    const char *missing = NULL;
    return field_value(ctx, row, name, present, value, &decimals, &missing, NULL);
}

static void prices_row(import_ctx *ctx, const import_row *row)
{
    price_record r = { 0 };
    bool ok = field_year(ctx, row, "year", true, &r.year);
    ok &= optional_number(ctx, row, "cpi", &r.has_cpi, &r.cpi);
    ok &= optional_number(ctx, row, "inflation_pct", &r.has_inflation, &r.inflation_pct);
    if (ok && !r.has_cpi && !r.has_inflation) {
        ctx_error(ctx, row, "cpi", "a row needs a cpi, an inflation_pct or both");
        ok = false;
    }
    if (ok && r.has_cpi && r.cpi <= 0) {
        ctx_error(ctx, row, "cpi", "a price index must be positive");
        ok = false;
    }
    r.source = field_optional(row, "source");
    r.line = (long long)row->line;
    r.where = strbuf_str(&ctx->where);
    if (ok)
        ctx_store_result(ctx, row, store_price(ctx->store, &r, &ctx->detail), "price index");
    else
        store_counts_of(ctx->store)->rejected++;
}

const import_kind kind_prices = {
    .name = "prices",
    .json_key = "prices",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = prices_row,
};
