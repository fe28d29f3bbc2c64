/*
 * kind.c - the registry of importable kinds, and the reporting helpers
 * their row handlers share (see kind.h).
 */
#include "import/kind.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const import_kind *const KINDS[] = {
    /* Order matters for detection: the most specific header first. */
    &kind_published, &kind_series, &kind_indicators, &kind_regions, &kind_aliases,
    &kind_rates, &kind_prices, &kind_population, &kind_changes, &kind_groups, &kind_rules, &kind_index,
};
#define NKINDS (sizeof KINDS / sizeof KINDS[0])

const import_kind *kind_by_name(const char *name)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (strcmp(KINDS[i]->name, name) == 0)
            return KINDS[i];
    return NULL;
}

const import_kind *kind_by_json_key(const char *key)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (strcmp(KINDS[i]->json_key, key) == 0)
            return KINDS[i];
    return NULL;
}

static bool has_name(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

const import_kind *kind_detect(const char *const *names, size_t n)
{
    for (size_t k = 0; k < NKINDS; k++) {
        bool all = true;
        for (const char *const *req = KINDS[k]->required; *req && all; req++)
            all = has_name(names, n, *req);
        if (all)
            return KINDS[k];
    }
    return NULL;
}

const import_kind *kind_closest(const char *const *names, size_t n)
{
    const import_kind *best = NULL;
    size_t best_found = 1;          /* one shared column is not a resemblance */
    for (size_t k = 0; k < NKINDS; k++) {
        size_t found = 0;
        for (const char *const *req = KINDS[k]->required; *req; req++)
            found += has_name(names, n, *req);
        if (found > best_found) {
            best = KINDS[k];
            best_found = found;
        }
    }
    return best;
}

void kind_list_names(strbuf *out, bool json_keys)
{
    for (size_t i = 0; i < NKINDS; i++) {
        const char *sep = i == 0 ? "" : i + 1 == NKINDS ? " or " : ", ";
        strbuf_printf(out, json_keys ? "%s\"%s\"" : "%s%s", sep,
                      json_keys ? KINDS[i]->json_key : KINDS[i]->name);
    }
}

static bool in_list(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (strcmp(*list, name) == 0)
            return true;
    return false;
}

bool kind_allows(const import_kind *kind, const char *name)
{
    return in_list(kind->required, name) || in_list(kind->optional, name);
}

bool kind_nests(const import_kind *kind, const char *name)
{
    return kind->nested && in_list(kind->nested, name);
}

void kind_describe_columns(const import_kind *kind, strbuf *out)
{
    const char *sep = "";
    for (const char *const *c = kind->required; *c; c++, sep = ", ")
        strbuf_printf(out, "%s%s", sep, *c);
    for (const char *const *c = kind->optional; *c; c++)
        strbuf_printf(out, ", %s (optional)", *c);
}

static void hold_problem(import_ctx *ctx, const import_row *row, const char *column,
                         strbuf *msg)
{
    if (ctx->nproblems == ctx->cap) {
        ctx->cap = ctx->cap ? ctx->cap * 2 : 8;
        ctx->problems = xrealloc(ctx->problems, ctx->cap * sizeof *ctx->problems);
    }
    int i = column ? row_index(row, column) : -1;
    row_problem *p = &ctx->problems[ctx->nproblems];
    /* A field not from a cell sorts with the row (column 0). */
    p->line = i >= 0 && row->lines ? row->lines[i] : row->line;
    p->col = i >= 0 && row->cols ? row->cols[i] : 0;
    p->seq = ctx->nproblems++;
    p->location = xstrdup(strbuf_str(&ctx->location));
    p->message = strbuf_detach(msg);
}

static void ctx_vreport(import_ctx *ctx, const import_row *row, const char *column,
                        bool warning, const char *fmt, va_list ap)
{
    row_locate(row, column, &ctx->location);
    strbuf msg = STRBUF_INIT;
    strbuf_vprintf(&msg, fmt, ap);
    if (warning)
        diag_warning_at(ctx->diag, strbuf_str(&ctx->location), "%s", strbuf_str(&msg));
    else
        hold_problem(ctx, row, column, &msg);
    strbuf_free(&msg);
}

static int compare_problems(const void *a, const void *b)
{
    const row_problem *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void ctx_flush_row(import_ctx *ctx)
{
    if (ctx->nproblems == 0)
        return;
    qsort(ctx->problems, ctx->nproblems, sizeof *ctx->problems, compare_problems);
    for (size_t i = 0; i < ctx->nproblems; i++) {
        diag_error_at(ctx->diag, ctx->problems[i].location, "%s", ctx->problems[i].message);
        free(ctx->problems[i].location);
        free(ctx->problems[i].message);
    }
    ctx->nproblems = 0;
}

void ctx_free(import_ctx *ctx)
{
    ctx_flush_row(ctx);
    free(ctx->problems);
    ctx->problems = NULL;
    ctx->cap = 0;
    strbuf_free(&ctx->location);
    strbuf_free(&ctx->detail);
    strbuf_free(&ctx->where);
}

void ctx_error(import_ctx *ctx, const import_row *row, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ctx_vreport(ctx, row, column, false, fmt, ap);
    va_end(ap);
}

void ctx_warning(import_ctx *ctx, const import_row *row, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ctx_vreport(ctx, row, column, true, fmt, ap);
    va_end(ap);
}

void ctx_store_result(import_ctx *ctx, const import_row *row, store_result res, const char *what)
{
    store_counts *counts = store_counts_of(ctx->store);
    const char *detail = strbuf_str(&ctx->detail);
    switch (res) {
    case STORE_INSERTED:
    case STORE_UNCHANGED:
    case STORE_UPDATED:
        return;
    case STORE_DUPLICATE:
        ctx_warning(ctx, row, NULL, "duplicate row: %s, the same %s (ignored)", detail, what);
        return;
    case STORE_CONFLICT_IN_FILE:
        ctx_error(ctx, row, NULL, "conflicting duplicate: %s for the same %s", detail, what);
        break;
    case STORE_CONFLICT:
        ctx_error(ctx, row, NULL, "differs from what is stored for the same %s: %s; use "
                  "--replace to overwrite it", what, detail);
        break;
    case STORE_REJECTED:
        ctx_error(ctx, row, NULL, "%s", detail);
        break;
    case STORE_FAILED:
        ctx_error(ctx, row, NULL, "the database refused the row: %s", detail);
        break;
    }
    counts->rejected++;
}
