/*
 * kind_indicators.c - rows of the indicator registry: code, name, unit,
 * polarity (is a higher value better or worse for social development),
 * decimals usually published, membership of the composite index.
 */
#include <ctype.h>
#include <string.h>

#include "import/field.h"

static const char *const REQUIRED[] = { "code", "name", "unit", "polarity", NULL };
static const char *const OPTIONAL[] = { "decimals", "in_index", "position", "source", "kind",
                                        "currency", "price_basis", "definition", NULL };

/* Codes are used in SQL queries and on the command line: keep them plain. */
static bool valid_code(const char *code)
{
    if (!islower((unsigned char)code[0]))
        return false;
    for (const char *p = code; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '_')
            return false;
    return true;
}

static bool parse_polarity(const char *text, int *polarity)
{
    if (strcmp(text, "higher_is_better") == 0)
        *polarity = 1;
    else if (strcmp(text, "higher_is_worse") == 0)
        *polarity = -1;
    else
        return false;
    return true;
}

static bool in_list(const char *text, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(text, *list) == 0)
            return true;
    return false;
}

/* kind, and for money its currency and price basis. */
static bool read_money_fields(import_ctx *ctx, const import_row *row, indicator_record *r)
{
    static const char *const kinds[] = { "count", "rate_per_1000", "percentage", "ratio",
                                         "money", "average", "other", NULL };
    static const char *const bases[] = { "nominal", "real", NULL };
    bool ok = field_currency(ctx, row, "currency", &r->currency);
    r->kind = field_optional(row, "kind");
    r->price_basis = field_optional(row, "price_basis");
    r->definition = field_optional(row, "definition");
    if (r->kind && !in_list(r->kind, kinds)) {
        ctx_error(ctx, row, "kind", "unknown kind \"%s\" (expected count, rate_per_1000, "
                  "percentage, ratio, money, average or other)", r->kind);
        ok = false;
    }
    if (r->price_basis && !in_list(r->price_basis, bases)) {
        ctx_error(ctx, row, "price_basis", "unknown price_basis \"%s\" (expected nominal or "
                  "real)", r->price_basis);
        ok = false;
    }
    bool money = r->kind && strcmp(r->kind, "money") == 0;
    if (money && (!r->currency || !r->price_basis)) {
        ctx_error(ctx, row, "kind", "a money indicator needs a currency and a price_basis");
        ok = false;
    }
    if (!money && (r->currency || r->price_basis)) {
        ctx_error(ctx, row, r->currency ? "currency" : "price_basis", "only money indicators "
                  "(kind money) have a currency and a price_basis");
        ok = false;
    }
    return ok;
}

static void indicators_row(import_ctx *ctx, const import_row *row)
{
    indicator_record r = { 0 };
    const char *polarity = NULL;
    bool has_decimals = false;
    bool ok = field_text(ctx, row, "code", &r.code);
    if (r.code && !valid_code(r.code)) {
        ctx_error(ctx, row, "code", "\"%s\" is not a valid indicator code (lower-case letters, "
                  "digits and _, starting with a letter)", r.code);
        ok = false;
    }
    ok &= field_text(ctx, row, "name", &r.name);
    ok &= field_text(ctx, row, "unit", &r.unit);
    ok &= field_text(ctx, row, "polarity", &polarity);
    if (polarity && !parse_polarity(polarity, &r.polarity)) {
        ctx_error(ctx, row, "polarity", "unknown polarity \"%s\" (expected higher_is_better or "
                  "higher_is_worse)", polarity);
        ok = false;
    }
    ok &= field_int(ctx, row, "decimals", 0, 9, false, &has_decimals, &r.decimals);
    if (!has_decimals)
        r.decimals = 1;
    ok &= field_bool(ctx, row, "in_index", 0, &r.in_index);
    ok &= field_int(ctx, row, "position", 0, 100000, false, &r.has_position, &r.position);
    r.source = field_optional(row, "source");
    ok &= read_money_fields(ctx, row, &r);
    r.line = (long long)row->line;
    r.where = strbuf_str(&ctx->where);
    if (ok)
        ctx_store_result(ctx, row, store_indicator(ctx->store, &r, &ctx->detail), "indicator");
    else
        store_counts_of(ctx->store)->rejected++;
}

const import_kind kind_indicators = {
    .name = "indicators",
    .json_key = "indicators",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = indicators_row,
};
