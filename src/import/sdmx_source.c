/*
 * sdmx_source.c - reads SDMX-CSV 1.0 (a DATAFLOW column) and 2.0 (STRUCTURE,
 * STRUCTURE_ID and maybe ACTION columns): one observation per row, its
 * dimensions in columns, then TIME_PERIOD, OBS_VALUE, OBS_STATUS and other
 * attributes. Rows go to a cube (cube.c), which decides what each
 * dimension is for oblys.
 *
 * Labels: a header "REF_AREA: Reference area" (labels=both) is the column
 * REF_AREA, and its cells "CHN: China" are the code CHN; a header that is
 * not an SDMX identifier (it has a space, like "Reference area") is the
 * label column of labels=name, and is ignored. Attributes oblys has no
 * place for (DECIMALS, BASE_PER, ...) are ignored, except UNIT_MULT: a
 * value other than 0 (thousands, millions) is refused rather than stored
 * a thousand times too small.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "import/csv_table.h"
#include "import/cube.h"

/* Columns that describe the file or a row, not the observation. */
static const char *const META[] = { "DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME",
                                     "ACTION", NULL };
/* Attributes that need no place in oblys. */
static const char *const IGNORED[] = { "DECIMALS", "BASE_PER", "DURABILITY", "OBS_CONF",
                                       "OBS_PRE_BREAK", "OBS_COMMENT", "COMMENT_OBS",
                                       "TIME_FORMAT", "TITLE", "TITLE_COMPL", "UNIT_MULT", NULL };

static bool in_list(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (strcmp(*list, name) == 0)
            return true;
    return false;
}

/* The identifier of a header or cell written "ID: label" (or just "ID"). */
static char *sdmx_id(const char *text)
{
    const char *colon = strstr(text, ": ");
    size_t n = colon ? (size_t)(colon - text) : strlen(text);
    char *id = xcalloc(n + 1, 1);
    memcpy(id, text, n);
    return id;
}

/* SDMX identifiers are letters, digits, _, @, $ and -; a label has spaces. */
static bool is_sdmx_id(const char *id)
{
    if (!*id)
        return false;
    for (const char *c = id; *c; c++)
        if (!isalnum((unsigned char)*c) && !strchr("_@$-", *c))
            return false;
    return true;
}

static int find_id(char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return (int)i;
    return -1;
}

bool sdmx_header(const csv_header *h)
{
    char **ids = xcalloc(h->n + 1, sizeof *ids);
    for (size_t i = 0; i < h->n; i++)
        ids[i] = sdmx_id(h->text[i]);
    bool v1 = find_id(ids, h->n, "DATAFLOW") >= 0;
    bool v2 = find_id(ids, h->n, "STRUCTURE") >= 0 && find_id(ids, h->n, "STRUCTURE_ID") >= 0;
    for (size_t i = 0; i < h->n; i++)
        free(ids[i]);
    free(ids);
    return v1 || v2;
}

typedef struct {
    size_t n;
    char **ids;
    int time, value, status, unit_mult, action;
    bool *is_dim, *labelled;
} sdmx_layout;

static void layout_free(sdmx_layout *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->ids[i]);
    free(l->ids);
    free(l->is_dim);
    free(l->labelled);
}

static bool read_layout(import_session *s, const csv_header *h, sdmx_layout *l)
{
    l->n = h->n;
    l->ids = xcalloc(h->n, sizeof *l->ids);
    l->is_dim = xcalloc(h->n, sizeof *l->is_dim);
    l->labelled = xcalloc(h->n, sizeof *l->labelled);
    for (size_t i = 0; i < h->n; i++) {
        l->ids[i] = sdmx_id(h->text[i]);
        l->labelled[i] = strstr(h->text[i], ": ") != NULL;
    }
    const char *value = map_column(s->opt->map, "value");
    const char *status = map_column(s->opt->map, "status");
    l->time = find_id(l->ids, l->n, "TIME_PERIOD");
    l->value = find_id(l->ids, l->n, value ? value : "OBS_VALUE");
    l->status = find_id(l->ids, l->n, status ? status : "OBS_STATUS");
    l->unit_mult = find_id(l->ids, l->n, "UNIT_MULT");
    l->action = find_id(l->ids, l->n, "ACTION");
    bool ok = true;
    if (l->value < 0) {
        diag_error(s->diag, s->path, h->line, 0, "this SDMX-CSV file has no %s column (the "
                   "observation values); name it in a mapping file, \"columns\": {\"value\": "
                   "\"...\"}", value ? value : "OBS_VALUE");
        ok = false;
    }
    if (status && l->status < 0) {
        diag_error(s->diag, s->path, h->line, 0, "the mapping names the status column \"%s\", "
                   "but this file has none", status);
        ok = false;
    }
    for (size_t i = 0; i < l->n; i++) {
        for (size_t j = 0; j < i; j++)
            if (strcmp(l->ids[i], l->ids[j]) == 0 && is_sdmx_id(l->ids[i])) {
                diag_error(s->diag, s->path, h->lines[i], h->cols[i],
                           "column \"%s\" appears twice in the header", l->ids[i]);
                ok = false;
            }
        l->is_dim[i] = is_sdmx_id(l->ids[i]) && (int)i != l->value && (int)i != l->status
            && !in_list(META, l->ids[i]) && !in_list(IGNORED, l->ids[i]);
    }
    return ok;
}

/* A cell "CHN: China" of a labelled column is the code CHN. */
static char *cell_code(const sdmx_layout *l, size_t i, const char *cell)
{
    return l->labelled[i] ? sdmx_id(cell) : xstrdup(cell);
}

/* UNIT_MULT 3 means thousands: refused, said once. ACTION D deletes. */
static bool check_attributes(import_session *s, const sdmx_layout *l, const csv_record *rec,
                             bool *said)
{
    if (l->unit_mult >= 0 && !*said) {
        const char *m = rec->fields[l->unit_mult];
        if (*m && strcmp(m, "0") != 0) {
            diag_error(s->diag, s->path, rec->field_line[l->unit_mult],
                       rec->field_col[l->unit_mult], "UNIT_MULT \"%s\": values are in units "
                       "of 10^%s, which oblys does not convert; publish or download them in "
                       "units (UNIT_MULT 0)", m, m);
            *said = true;
            return false;
        }
    }
    if (l->action >= 0 && strcmp(rec->fields[l->action], "D") == 0) {
        diag_error(s->diag, s->path, rec->field_line[l->action], rec->field_col[l->action],
                   "ACTION \"D\" (delete) is not supported: oblys imports data, it does not "
                   "delete it");
        return false;
    }
    return true;
}

static void add_record(cube *c, const sdmx_layout *l, const csv_record *rec)
{
    const char **values = xcalloc(l->n + 1, sizeof *values);
    cube_loc *locs = xcalloc(l->n + 1, sizeof *locs);
    char **owned = xcalloc(l->n + 1, sizeof *owned);
    size_t nd = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (!l->is_dim[i])
            continue;
        owned[nd] = cell_code(l, i, rec->fields[i]);
        values[nd] = owned[nd];
        locs[nd++] = (cube_loc){ rec->field_line[i], rec->field_col[i] };
    }
    cube_loc none = { rec->line, 0 };
    char *status = l->status >= 0 ? cell_code(l, (size_t)l->status, rec->fields[l->status])
                                  : xstrdup("");
    char *value = cell_code(l, (size_t)l->value, rec->fields[l->value]);
    cube_add_obs(c, values, locs, value,
                 (cube_loc){ rec->field_line[l->value], rec->field_col[l->value] }, status,
                 l->status >= 0 ? (cube_loc){ rec->field_line[l->status],
                                              rec->field_col[l->status] } : none, NULL);
    for (size_t i = 0; i < nd; i++)
        free(owned[i]);
    free(owned);
    free(values);
    free(locs);
    free(status);
    free(value);
}

oblys_status sdmx_read(import_session *s, csv_reader *r, const csv_header *h)
{
    sdmx_layout l = { 0 };
    if (!read_layout(s, h, &l)) {
        layout_free(&l);
        return OBLYS_EDATA;
    }
    cube *c = cube_new(s, STATUS_SDMX);
    for (size_t i = 0; i < l.n; i++)
        if (l.is_dim[i])
            cube_add_dim(c, l.ids[i], NULL, (cube_loc){ h->lines[i], h->cols[i] }, NULL);
    csv_record rec;
    csv_status cs;
    bool ok = true, said_unit_mult = false;
    while ((cs = csv_next(r, &rec)) == CSV_OK) {
        if (csv_blank(&rec))
            continue;
        if (rec.nfields != l.n) {
            csv_report_width(s, &rec, l.n);
            ok = false;
            continue;
        }
        for (size_t i = 0; i < rec.nfields; i++)
            rec.fields[i] = csv_trim(rec.fields[i]);
        if (check_attributes(s, &l, &rec, &said_unit_mult))
            add_record(c, &l, &rec);
        else
            ok = false;
    }
    oblys_status st = cs == CSV_ERROR ? csv_report_error(s, r) : OBLYS_OK;
    if (st == OBLYS_OK && ok)
        st = cube_finish(c);
    else if (st == OBLYS_OK)
        st = OBLYS_EDATA;
    cube_free(c);
    layout_free(&l);
    return st;
}
