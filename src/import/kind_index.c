/*
 * kind_index.c - composite index definitions: a code and name, the
 * normalisation (minmax, goalposts, zscore, rank), its scope (year or
 * panel), the aggregation (arithmetic, geometric) and the components, an
 * array of {"indicator", "weight", "goal_low", "goal_high"} objects:
 *
 *   {"index_definitions": [{"code": "paper", "name": "...",
 *     "normalisation": "minmax", "scope": "year", "aggregation": "arithmetic",
 *     "components": [{"indicator": "poverty_rate", "weight": 1}, ...]}]}
 *
 * The JSON reader hands "components" over as its JSON text (it is the
 * kind's one nested field); this handler parses and checks it strictly,
 * naming every problem by its element path
 * ("index_definitions[0].components[2].weight"). See docs/data-format.md.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "import/field.h"

static const char *const REQUIRED[] = { "code", "name", "normalisation", "scope",
                                        "aggregation", "components", NULL };
static const char *const OPTIONAL[] = { "description", NULL };
static const char *const NESTED[] = { "components", NULL };

static bool one_of(const char *text, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(text, *list) == 0)
            return true;
    return false;
}

/* Codes are used on the command line (--index): keep them plain. */
static bool valid_code(const char *code)
{
    if (!islower((unsigned char)code[0]))
        return false;
    for (const char *p = code; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '_')
            return false;
    return true;
}

static bool read_choice(import_ctx *ctx, const import_row *row, const char *name,
                        const char *const *choices, const char *expected, const char **out)
{
    if (!field_text(ctx, row, name, out))
        return false;
    if (one_of(*out, choices))
        return true;
    ctx_error(ctx, row, name, "unknown %s \"%s\" (expected %s)", name, *out, expected);
    return false;
}

/* A number member of a component: absent is fine (*present false). */
static bool component_number(import_ctx *ctx, const import_row *row, const cJSON *obj,
                             size_t i, const char *name, bool *present, double *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    *present = item != NULL && !cJSON_IsNull(item);
    if (!*present)
        return true;
    char where[64];
    snprintf(where, sizeof where, "components[%zu].%s", i, name);
    if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble)) {
        ctx_error(ctx, row, where, "must be a number");
        return false;
    }
    *out = item->valuedouble;
    return true;
}

static bool known_fields(import_ctx *ctx, const import_row *row, const cJSON *obj, size_t i)
{
    static const char *const allowed[] = { "indicator", "weight", "goal_low", "goal_high", NULL };
    bool ok = true;
    for (const cJSON *m = obj->child; m; m = m->next)
        if (!one_of(m->string, allowed)) {
            char where[64];
            snprintf(where, sizeof where, "components[%zu]", i);
            ctx_error(ctx, row, where, "unknown field \"%s\" in a component (expected "
                      "indicator, weight, goal_low, goal_high)", m->string);
            ok = false;
        }
    return ok;
}

static bool read_indicator(import_ctx *ctx, const import_row *row, const cJSON *obj, size_t i,
                           const char **out)
{
    char where[64];
    snprintf(where, sizeof where, "components[%zu].indicator", i);
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, "indicator");
    if (!cJSON_IsString(item) || !*item->valuestring) {
        ctx_error(ctx, row, where, "missing: each component names an indicator code");
        return false;
    }
    *out = item->valuestring;
    if (store_code_exists(ctx->store, CODE_INDICATOR, *out))
        return true;
    strbuf close = STRBUF_INIT;
    store_suggest_indicators(ctx->store, *out, &close);
    ctx_error(ctx, row, where, "unknown indicator \"%s\"%s%s%s", *out,
              close.len ? " (did you mean " : "", strbuf_str(&close), close.len ? "?)" : "");
    strbuf_free(&close);
    return false;
}

static bool read_component(import_ctx *ctx, const import_row *row, const cJSON *obj, size_t i,
                           bool needs_goalposts, index_component_record *c)
{
    char where[64];
    if (!cJSON_IsObject(obj)) {
        snprintf(where, sizeof where, "components[%zu]", i);
        ctx_error(ctx, row, where, "must be an object {\"indicator\": ..., \"weight\": ...}");
        return false;
    }
    bool ok = known_fields(ctx, row, obj, i);
    ok &= read_indicator(ctx, row, obj, i, &c->indicator);
    bool has_weight = false, has_low = false, has_high = false;
    ok &= component_number(ctx, row, obj, i, "weight", &has_weight, &c->weight);
    if (!has_weight)
        c->weight = 1.0;                /* equal weights by default */
    snprintf(where, sizeof where, "components[%zu].weight", i);
    if (ok && c->weight <= 0) {
        ctx_error(ctx, row, where, "must be greater than 0");
        ok = false;
    }
    ok &= component_number(ctx, row, obj, i, "goal_low", &has_low, &c->goal_low);
    ok &= component_number(ctx, row, obj, i, "goal_high", &has_high, &c->goal_high);
    c->has_goalposts = has_low && has_high;
    snprintf(where, sizeof where, "components[%zu]", i);
    if (has_low != has_high) {
        ctx_error(ctx, row, where, "goal_low and goal_high come together");
        ok = false;
    } else if (c->has_goalposts && !(c->goal_low < c->goal_high)) {
        ctx_error(ctx, row, where, "goal_low must be less than goal_high");
        ok = false;
    } else if (!c->has_goalposts && needs_goalposts) {
        ctx_error(ctx, row, where, "normalisation goalposts needs goal_low and goal_high");
        ok = false;
    }
    return ok;
}

static bool listed_before(const index_component_record *c, size_t n, const char *indicator)
{
    for (size_t j = 0; j < n; j++)
        if (c[j].indicator && strcmp(c[j].indicator, indicator) == 0)
            return true;
    return false;
}

/* Parses the components' JSON text into r->components (owned by *parsed,
 * which the caller frees with cJSON_Delete). */
static bool read_components(import_ctx *ctx, const import_row *row, bool needs_goalposts,
                            index_definition_record *r, cJSON **parsed)
{
    const char *text = row_get(row, "components");
    *parsed = text ? cJSON_Parse(text) : NULL;
    if (!cJSON_IsArray(*parsed) || cJSON_GetArraySize(*parsed) == 0) {
        ctx_error(ctx, row, "components", "must be a non-empty array of components "
                  "{\"indicator\": ..., \"weight\": ...}");
        return false;
    }
    size_t n = (size_t)cJSON_GetArraySize(*parsed);
    index_component_record *c = xcalloc(n, sizeof *c);
    bool ok = true;
    size_t i = 0;
    for (const cJSON *item = (*parsed)->child; item; item = item->next, i++) {
        bool good = read_component(ctx, row, item, i, needs_goalposts, &c[i]);
        if (good && listed_before(c, i, c[i].indicator)) {
            char where[64];
            snprintf(where, sizeof where, "components[%zu].indicator", i);
            ctx_error(ctx, row, where, "indicator \"%s\" is listed twice", c[i].indicator);
            good = false;
        }
        ok &= good;
    }
    r->components = c;
    r->ncomponents = n;
    return ok;
}

static void index_row(import_ctx *ctx, const import_row *row)
{
    static const char *const normalisations[] = { "minmax", "goalposts", "zscore", "rank", NULL };
    static const char *const scopes[] = { "year", "panel", NULL };
    static const char *const aggregations[] = { "arithmetic", "geometric", NULL };
    index_definition_record r = { 0 };
    bool ok = field_text(ctx, row, "code", &r.code);
    if (r.code && !valid_code(r.code)) {
        ctx_error(ctx, row, "code", "\"%s\" is not a valid index code (lower-case letters, "
                  "digits and _, starting with a letter)", r.code);
        ok = false;
    }
    ok &= field_text(ctx, row, "name", &r.name);
    ok &= read_choice(ctx, row, "normalisation", normalisations,
                      "minmax, goalposts, zscore or rank", &r.normalisation);
    ok &= read_choice(ctx, row, "scope", scopes, "year or panel", &r.scope);
    ok &= read_choice(ctx, row, "aggregation", aggregations, "arithmetic or geometric",
                      &r.aggregation);
    if (r.normalisation && r.aggregation && strcmp(r.normalisation, "zscore") == 0
        && strcmp(r.aggregation, "geometric") == 0) {
        ctx_error(ctx, row, "aggregation", "a geometric mean needs positive scores, and "
                  "z-scores are negative below the mean: use arithmetic with zscore");
        ok = false;
    }
    r.description = field_optional(row, "description");
    cJSON *parsed = NULL;
    bool goalposts = r.normalisation && strcmp(r.normalisation, "goalposts") == 0;
    ok &= read_components(ctx, row, goalposts, &r, &parsed);
    r.line = (long long)row->line;
    r.where = strbuf_str(&ctx->where);
    if (ok)
        ctx_store_result(ctx, row, store_index_definition(ctx->store, &r, &ctx->detail),
                         "index code");
    else
        store_counts_of(ctx->store)->rejected++;
    free((void *)r.components);
    cJSON_Delete(parsed);
}

const import_kind kind_index = {
    .name = "index",
    .json_key = "index_definitions",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .nested = NESTED,
    .handle_row = index_row,
};
