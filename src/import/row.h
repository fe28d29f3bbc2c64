/*
 * row.h - one input row, whatever the file format.
 *
 * CSV and JSON readers both turn their input into import_rows: named
 * fields with a location. The per-kind handlers (kind_*.c) read fields by
 * name, so one handler serves every format, and every error can name the
 * file, line and column (CSV) or the element path (JSON).
 */
#ifndef OBLYS_ROW_H
#define OBLYS_ROW_H

#include <stddef.h>

#include "util/strbuf.h"

typedef struct {
    const char *file;
    size_t line;                /* CSV: line of the record; JSON: 0 */
    const char *path;           /* JSON: e.g. "indicators[2]"; CSV: NULL */
    size_t nfields;
    const char *const *names;   /* column names (CSV header or JSON keys) */
    const char *const *values;  /* trimmed text of each field */
    const size_t *cols;         /* CSV: column of each field; JSON: NULL */
    const size_t *lines;        /* CSV: line where each field starts (a quoted
                                   field may span lines); JSON: NULL */
} import_row;

/* The index of the field called name, or -1. */
int row_index(const import_row *row, const char *name);

/* The text of the field called name, or NULL when the row has no such
 * field. */
const char *row_get(const import_row *row, const char *name);

/* Writes where field name of row is: "file:line:col", "file:line" or
 * "file: path.name". name may be NULL for the row as a whole. */
void row_locate(const import_row *row, const char *name, strbuf *out);

/* Writes which row this is, for messages: "line 3" or "observations[2]". */
void row_where(const import_row *row, strbuf *out);

#endif
