/*
 * kind.h - the kinds of file oblys imports, and what a row handler gets.
 *
 * Each kind (series, regions, indicators, published) names the columns it
 * requires and allows, and has one row handler that validates a row and
 * hands a record to the store. Readers (csv_source.c, json_source.c) are
 * format-specific; kinds are not.
 */
#ifndef OBLYS_KIND_H
#define OBLYS_KIND_H

#include <stdbool.h>

#include "db/store.h"
#include "import/diag.h"
#include "import/import.h"
#include "import/row.h"

/* A problem found in the current row, held until the row is done so that
 * the row's problems are listed in column order. */
typedef struct {
    size_t line, col, seq;
    char *location;
    char *message;
} row_problem;

typedef struct {
    store *store;
    diag_list *diag;
    const import_options *opt;
    num_decimal_mark decimal;   /* in effect for this file (see csv_source.c) */
    strbuf location;            /* scratch for error locations */
    strbuf detail;              /* scratch for store messages */
    strbuf where;               /* the current row, e.g. "line 3" (row_where) */
    row_problem *problems;      /* the current row's, see ctx_flush_row() */
    size_t nproblems, cap;
} import_ctx;

typedef struct {
    const char *name;
    const char *json_key;               /* top-level key of a JSON file */
    const char *const *required;        /* NULL-terminated */
    const char *const *optional;        /* NULL-terminated */
    const char *const *nested;          /* NULL or NULL-terminated: fields that
                                           hold a JSON array, handed over as
                                           its JSON text (index definitions) */
    void (*handle_row)(import_ctx *ctx, const import_row *row);
} import_kind;

extern const import_kind kind_series;
extern const import_kind kind_regions;
extern const import_kind kind_indicators;
extern const import_kind kind_published;
extern const import_kind kind_aliases;
extern const import_kind kind_rates;
extern const import_kind kind_prices;
extern const import_kind kind_population;
extern const import_kind kind_changes;
extern const import_kind kind_groups;
extern const import_kind kind_rules;
extern const import_kind kind_index;

/* The kind named name ("series", ...) or NULL. */
const import_kind *kind_by_name(const char *name);
/* The kind whose JSON top-level key is key, or NULL. */
const import_kind *kind_by_json_key(const char *key);
/* The kind whose required columns all appear in names, or NULL. */
const import_kind *kind_detect(const char *const *names, size_t n);
/* The kind with most of its required columns in names (at least two),
 * for a header that matches none exactly; NULL if none is close. */
const import_kind *kind_closest(const char *const *names, size_t n);
/* True when name is one of kind's required or optional columns. */
bool kind_allows(const import_kind *kind, const char *name);
/* True when name is one of kind's nested (JSON array) fields. */
bool kind_nests(const import_kind *kind, const char *name);
/* "series, regions, ... or changes" (or their JSON keys, quoted). */
void kind_list_names(strbuf *out, bool json_keys);
/* "a, b, c": the columns kind accepts, for messages. */
void kind_describe_columns(const import_kind *kind, strbuf *out);

/* Reports a problem with field column (NULL: the whole row). */
void ctx_error(import_ctx *ctx, const import_row *row, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void ctx_warning(import_ctx *ctx, const import_row *row, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Moves the current row's problems to the diag_list, in column order. */
void ctx_flush_row(import_ctx *ctx);
void ctx_free(import_ctx *ctx);

/* Reports what the store said about a row, and counts rejected rows. */
void ctx_store_result(import_ctx *ctx, const import_row *row, store_result res,
                      const char *what);

#endif
