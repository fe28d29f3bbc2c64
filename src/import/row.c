/*
 * row.c - looking up fields of an import_row and saying where they are.
 */
#include "import/row.h"

#include <string.h>

/* The first bytes are compared before calling strcmp: a row's fields
 * are looked up by name several times for every row, and most names
 * compared differ in their first byte. */
int row_index(const import_row *row, const char *name)
{
    for (size_t i = 0; i < row->nfields; i++)
        if (row->names[i][0] == name[0] && strcmp(row->names[i], name) == 0)
            return (int)i;
    return -1;
}

const char *row_get(const import_row *row, const char *name)
{
    int i = row_index(row, name);
    return i < 0 ? NULL : row->values[i];
}

void row_locate(const import_row *row, const char *name, strbuf *out)
{
    strbuf_reset(out);
    strbuf_append(out, row->file);
    if (row->path) {
        strbuf_printf(out, ": %s", row->path);
        if (name)
            strbuf_printf(out, ".%s", name);
        return;
    }
    int i = name ? row_index(row, name) : -1;
    strbuf_printf(out, ":%zu", i >= 0 && row->lines ? row->lines[i] : row->line);
    if (i >= 0 && row->cols && row->cols[i] > 0)   /* 0: not from a cell (--indicator) */
        strbuf_printf(out, ":%zu", row->cols[i]);
}

void row_where(const import_row *row, strbuf *out)
{
    strbuf_reset(out);
    if (row->path) {
        strbuf_append(out, row->path);
        return;
    }
    /* "line %zu" without printf: this runs for every row. */
    char digits[24];
    size_t n = 0, line = row->line;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + line % 10);
        line /= 10;
    } while (line);
    strbuf_append_len(out, "line ", 5);
    strbuf_append_len(out, digits + sizeof digits - n, n);
}
