/*
 * field.h - reading typed fields out of an import_row.
 *
 * Each function validates one field, reports a problem at that field's
 * location (quoting the offending text) when it is wrong, and returns
 * false then. Handlers call several in a row and reject the row if any
 * failed, so one pass reports every bad field of the row.
 */
#ifndef OBLYS_FIELD_H
#define OBLYS_FIELD_H

#include <stdbool.h>

#include "import/kind.h"

/* A non-empty text field. */
bool field_text(import_ctx *ctx, const import_row *row, const char *name, const char **out);
/* An optional text field: NULL when absent or empty. */
const char *field_optional(const import_row *row, const char *name);

/* A year: "2021", or a date "2021-12-31" (its year). 1900..2100.
 * When optional and absent/empty, *out = 0. */
bool field_year(import_ctx *ctx, const import_row *row, const char *name, bool required, int *out);

/* An integer in [min, max]. *present tells whether the field had one. */
bool field_int(import_ctx *ctx, const import_row *row, const char *name, int min, int max,
               bool required, bool *present, int *out);

/* true/false (also 1/0, yes/no); dflt when absent or empty. */
bool field_bool(import_ctx *ctx, const import_row *row, const char *name, int dflt, int *out);

/* A statistical value: a number, or a missing marker (see number.h). A
 * footnote mark stuck to it ("4,9*") sets *footnote when footnote is not
 * NULL; with NULL, such a cell is refused. */
bool field_value(import_ctx *ctx, const import_row *row, const char *name, bool *has_value,
                 double *value, int *decimals, const char **missing, bool *footnote);

/* How to see the known indicators, for messages about an unknown one. */
#define LIST_INDICATORS "oblys sql \"SELECT code, name FROM indicator\" lists the known ones"

/* For a value whose decimals are stored (series, published figures): true
 * when there are at most 15, the most the tables keep; else reports the
 * cell, e.g. "0.1234567890123456" or "1.5e-20". */
bool field_decimals_kept(import_ctx *ctx, const import_row *row, const char *name,
                         int decimals);

/* A code that must exist in table; dflt when absent or empty (NULL: required). */
bool field_code(import_ctx *ctx, const import_row *row, const char *name, code_table table,
                const char *dflt, const char **out);

/* A region given by code or any registered spelling; its code goes to
 * *code. An unknown one is reported with the closest known spellings. */
bool field_region(import_ctx *ctx, const import_row *row, const char *name, strbuf *code);

/* An ISO 4217 currency code (three capital letters); NULL when empty. */
bool field_currency(import_ctx *ctx, const import_row *row, const char *name, const char **out);

/* Flags: codes of the flag table separated by commas, semicolons or
 * spaces. *out gets them sorted and comma-separated, or stays empty. */
bool field_flags(import_ctx *ctx, const import_row *row, const char *name, strbuf *out);

/* Adds code to flags (sorted, comma-separated, each once). */
void field_flags_add(strbuf *flags, const char *code);

#endif
