/*
 * kind_rates.c - rows of annual average exchange rates: currency (ISO
 * 4217), year, units of that currency per US dollar, and the source.
 */
#include <ctype.h>
#include <string.h>

#include "import/field.h"

static const char *const REQUIRED[] = { "currency", "year", "per_usd", NULL };
static const char *const OPTIONAL[] = { "source", NULL };

bool field_currency(import_ctx *ctx, const import_row *row, const char *name, const char **out)
{
    const char *text = field_optional(row, name);
    *out = text;
    if (!text)
        return true;
    bool ok = strlen(text) == 3;
    for (size_t i = 0; ok && i < 3; i++)
        ok = isupper((unsigned char)text[i]);
    if (!ok)
        ctx_error(ctx, row, name, "\"%s\" is not an ISO 4217 currency code (e.g. KZT, USD)",
                  text);
    return ok;
}

static void rates_row(import_ctx *ctx, const import_row *row)
{
    rate_record r = { 0 };
    bool has_value = false;
    int decimals = 0;
    const char *missing = NULL;
    bool ok = field_currency(ctx, row, "currency", &r.currency);
    if (ok && !r.currency) {
        ctx_error(ctx, row, "currency", "currency is empty");
        ok = false;
    }
    ok &= field_year(ctx, row, "year", true, &r.year);
    ok &= field_value(ctx, row, "per_usd", &has_value, &r.per_usd, &decimals, &missing, NULL);
    if (ok && (!has_value || r.per_usd <= 0)) {
        ctx_error(ctx, row, "per_usd", "an exchange rate must be a positive number");
        ok = false;
    }
    r.source = field_optional(row, "source");
    r.line = (long long)row->line;
    r.where = strbuf_str(&ctx->where);
    if (ok)
        ctx_store_result(ctx, row, store_rate(ctx->store, &r, &ctx->detail), "exchange rate");
    else
        store_counts_of(ctx->store)->rejected++;
}

const import_kind kind_rates = {
    .name = "rates",
    .json_key = "rates",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = rates_row,
};
