/*
 * kind_rules.c - rows of validation rules: a code, the kind of test
 * (bounds, parts_sum, total_between, regions_sum, jump), what it applies
 * to (one indicator, or every indicator of a kind), its parameters and a
 * description. `oblys check` applies them (v_rule_finding, migration 0009).
 */
#include <string.h>

#include "db/store_rules.h"
#include "import/field.h"

static const char *const REQUIRED[] = { "rule", "test", "description", NULL };
static const char *const OPTIONAL[] = {
    "indicator", "indicator_kind", "breakdown", "min_value", "max_value", "max_change_pct",
    "tolerance_pct", NULL,
};

static const char *const TESTS[] = {
    "bounds", "parts_sum", "total_between", "regions_sum", "jump", NULL,
};
static const char *const INDICATOR_KINDS[] = {
    "count", "rate_per_1000", "percentage", "ratio", "money", "average", "other", NULL,
};

static bool one_of(const char *text, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strcmp(text, words[i]) == 0)
            return true;
    return false;
}

/* An optional field that must be one of words when present. */
static bool field_word(import_ctx *ctx, const import_row *row, const char *name,
                       const char *const *words, const char *expected, const char **out)
{
    *out = field_optional(row, name);
    if (*out && !one_of(*out, words)) {
        ctx_error(ctx, row, name, "unknown %s \"%s\" (expected %s)", name, *out, expected);
        return false;
    }
    return true;
}

/* An optional number; *present tells whether there was one. */
static bool field_number(import_ctx *ctx, const import_row *row, const char *name,
                         bool *present, double *out)
{
    int decimals = 0;
    const char *missing = NULL;
    *present = false;
    if (!field_optional(row, name))
        return true;
    return field_value(ctx, row, name, present, out, &decimals, &missing, NULL);
}

/* What each test needs besides the common fields. */
static bool parameters_fit(import_ctx *ctx, const import_row *row, const rule_record *r)
{
    bool parts = strcmp(r->kind, "parts_sum") == 0 || strcmp(r->kind, "total_between") == 0;
    if (strcmp(r->kind, "bounds") == 0 && !r->has_min && !r->has_max) {
        ctx_error(ctx, row, "min_value", "a bounds rule needs min_value, max_value or both");
        return false;
    }
    if (r->has_min && r->has_max && r->min_value > r->max_value) {
        ctx_error(ctx, row, "max_value", "max_value is below min_value");
        return false;
    }
    if (strcmp(r->kind, "jump") == 0 && (!r->has_change || r->max_change_pct <= 0)) {
        ctx_error(ctx, row, "max_change_pct", "a jump rule needs max_change_pct, above 0");
        return false;
    }
    if (parts && !r->breakdown) {
        ctx_error(ctx, row, "breakdown", "a %s rule needs breakdown (settlement or sex)",
                  r->kind);
        return false;
    }
    if (r->tolerance_pct < 0) {
        ctx_error(ctx, row, "tolerance_pct", "tolerance_pct cannot be negative");
        return false;
    }
    return true;
}

static void rules_row(import_ctx *ctx, const import_row *row)
{
    rule_record r = { 0 };
    bool has_tolerance = false;
    bool ok = field_text(ctx, row, "rule", &r.code);
    ok &= field_text(ctx, row, "test", &r.kind);
    if (r.kind && !one_of(r.kind, TESTS)) {
        ctx_error(ctx, row, "test", "unknown test \"%s\" (expected bounds, parts_sum, "
                  "total_between, regions_sum or jump)", r.kind);
        ok = false;
    }
    if (field_optional(row, "indicator"))
        ok &= field_code(ctx, row, "indicator", CODE_INDICATOR, NULL, &r.indicator);
    ok &= field_word(ctx, row, "indicator_kind", INDICATOR_KINDS, "count, rate_per_1000, "
                     "percentage, ratio, money, average or other", &r.indicator_kind);
    static const char *const BREAKDOWNS[] = { "settlement", "sex", NULL };
    ok &= field_word(ctx, row, "breakdown", BREAKDOWNS, "settlement or sex", &r.breakdown);
    ok &= field_number(ctx, row, "min_value", &r.has_min, &r.min_value);
    ok &= field_number(ctx, row, "max_value", &r.has_max, &r.max_value);
    ok &= field_number(ctx, row, "max_change_pct", &r.has_change, &r.max_change_pct);
    ok &= field_number(ctx, row, "tolerance_pct", &has_tolerance, &r.tolerance_pct);
    ok &= field_text(ctx, row, "description", &r.description);
    if (ok)
        ok = parameters_fit(ctx, row, &r);
    if (ok) {
        r.line = (long long)row->line;
        r.where = strbuf_str(&ctx->where);
        ctx_store_result(ctx, row, store_rule(ctx->store, &r, &ctx->detail), "rule");
    } else {
        store_counts_of(ctx->store)->rejected++;
    }
}

const import_kind kind_rules = {
    .name = "rules",
    .json_key = "rules",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = rules_row,
};
