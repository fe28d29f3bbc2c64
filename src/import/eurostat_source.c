/*
 * eurostat_source.c - reads Eurostat's bulk TSV files:
 *
 *   freq,indic_de,geo\time<TAB>2000 <TAB>2001 ...
 *   A,GDEATHRT,NL23<TAB>5.3 <TAB>-2.2 b ...
 *
 * The first cell names the row dimensions, separated by commas, and after
 * the backslash the dimension of the columns (time). Every other cell is
 * a value and its flags, "407700 bp", or ": " (missing), maybe with a flag
 * (": c" confidential). Observations go to a cube (cube.c).
 */
#include <stdlib.h>
#include <string.h>

#include "import/csv_table.h"
#include "import/cube.h"

bool eurostat_header(const csv_header *h)
{
    return h->n >= 2 && strchr(h->text[0], '\\') != NULL;
}

/* Splits text at commas into at most max pieces (copies); returns how many. */
static size_t split_commas(const char *text, char **out, size_t max)
{
    size_t n = 0;
    const char *start = text;
    for (const char *c = text;; c++) {
        if (*c == ',' || *c == '\0') {
            if (n < max) {
                size_t len = (size_t)(c - start);
                out[n] = xcalloc(len + 1, 1);
                memcpy(out[n], start, len);
            }
            n++;
            start = c + 1;
        }
        if (!*c)
            break;
    }
    return n;
}

/* Splits a cell into its value and its flags: "407700 bp" -> "407700", "bp";
 * ": c" -> ":", "c". */
static void split_cell(char *cell, const char **value, const char **flags)
{
    char *space = strchr(cell, ' ');
    *value = cell;
    *flags = "";
    if (space) {
        *space = '\0';
        *flags = csv_trim(space + 1);
    } else if (cell[0] == ':' && cell[1]) {        /* ":c", written without the space */
        *flags = cell + 1;
        *value = ":";
    }
}

#define EUROSTAT_MAX_DIMS 16

oblys_status eurostat_read(import_session *s, csv_reader *r, const csv_header *h)
{
    char *first = xstrdup(h->text[0]);
    char *slash = strchr(first, '\\');
    *slash = '\0';
    char *dims[EUROSTAT_MAX_DIMS] = { 0 };
    size_t ndims = split_commas(first, dims, EUROSTAT_MAX_DIMS);
    const char *column_dim = slash + 1;
    if (ndims >= EUROSTAT_MAX_DIMS || !*column_dim) {
        diag_error(s->diag, s->path, h->lines[0], h->cols[0], "\"%s\" is not a Eurostat header "
                   "cell (expected up to %d dimensions and the column dimension, like "
                   "freq,geo\\time)", h->text[0], EUROSTAT_MAX_DIMS - 1);
        for (size_t i = 0; i < ndims && i < EUROSTAT_MAX_DIMS; i++)
            free(dims[i]);
        free(first);
        return OBLYS_EDATA;
    }
    cube *c = cube_new(s, STATUS_EUROSTAT);
    for (size_t d = 0; d < ndims; d++)
        cube_add_dim(c, dims[d], NULL, (cube_loc){ h->lines[0], h->cols[0] }, NULL);
    cube_add_dim(c, column_dim, NULL, (cube_loc){ h->lines[0], h->cols[0] }, NULL);
    const char *values[EUROSTAT_MAX_DIMS + 1];
    cube_loc locs[EUROSTAT_MAX_DIMS + 1];
    csv_record rec;
    csv_status cs;
    bool ok = true;
    while ((cs = csv_next(r, &rec)) == CSV_OK) {
        if (csv_blank(&rec))
            continue;
        if (rec.nfields != h->n) {
            csv_report_width(s, &rec, h->n);
            ok = false;
            continue;
        }
        char *keys[EUROSTAT_MAX_DIMS] = { 0 };
        size_t nkeys = split_commas(csv_trim(rec.fields[0]), keys, EUROSTAT_MAX_DIMS);
        if (nkeys != ndims) {
            diag_error(s->diag, s->path, rec.field_line[0], rec.field_col[0], "\"%s\" has %zu "
                       "codes but the header names %zu dimensions", rec.fields[0], nkeys, ndims);
            ok = false;
        } else {
            for (size_t d = 0; d < ndims; d++) {
                values[d] = csv_trim(keys[d]);
                locs[d] = (cube_loc){ rec.field_line[0], rec.field_col[0] };
            }
            for (size_t i = 1; i < rec.nfields; i++) {
                const char *value, *flags;
                split_cell(csv_trim(rec.fields[i]), &value, &flags);
                values[ndims] = h->text[i];
                locs[ndims] = (cube_loc){ h->lines[i], h->cols[i] };
                cube_loc at = { rec.field_line[i], rec.field_col[i] };
                cube_add_obs(c, values, locs, value, at, flags, at, NULL);
            }
        }
        for (size_t d = 0; d < nkeys && d < EUROSTAT_MAX_DIMS; d++)
            free(keys[d]);
    }
    oblys_status st = cs == CSV_ERROR ? csv_report_error(s, r) : ok ? cube_finish(c)
                                                                    : OBLYS_EDATA;
    cube_free(c);
    for (size_t d = 0; d < ndims; d++)
        free(dims[d]);
    free(first);
    return st;
}
