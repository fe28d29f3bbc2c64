/*
 * wide_source.c - reads "wide" tables, as statistics offices publish them:
 *
 *   years across:  region,2016,2017,...        (one row per region, and
 *                  Akmola,130,145,...           per indicator or breakdown
 *                                               when such columns exist)
 *   years down:    Годы,Акмолинская,Актюбинская,...   (one row per year,
 *                  2016,2182,3121,...                   one column per region)
 *
 * Every value cell becomes one observation, handed to the series handler
 * as a named row (region, indicator, year, value and breakdowns) whose
 * fields point at the cells they came from, so problems are reported at
 * the right line and column. The indicator comes from an indicator column
 * or from --indicator.
 */
#include <stdlib.h>
#include <string.h>

#include "import/csv_table.h"
#include "import/field.h"

#define WIDE_MAX_FIELDS 8

/* One observation being put together from cells of a wide table. */
typedef struct {
    size_t n;
    const char *names[WIDE_MAX_FIELDS];
    const char *values[WIDE_MAX_FIELDS];
    size_t cols[WIDE_MAX_FIELDS], lines[WIDE_MAX_FIELDS];
} wide_row;

static void wide_add(wide_row *w, const char *name, const char *value, size_t line, size_t col)
{
    w->names[w->n] = name;
    w->values[w->n] = value;
    w->lines[w->n] = line;
    w->cols[w->n] = col;
    w->n++;
}

static void wide_emit(import_session *s, const wide_row *w, size_t line)
{
    import_row row = {
        .file = s->path, .line = line, .path = NULL, .nfields = w->n,
        .names = w->names, .values = w->values, .cols = w->cols, .lines = w->lines,
    };
    session_row(s, &row);
}

static bool wide_row_fits(import_session *s, const csv_header *h, const csv_record *rec)
{
    if (rec->nfields == h->n)
        return true;
    diag_error(s->diag, s->path, rec->line, 0, "this row has %zu fields but the header has %zu",
               rec->nfields, h->n);
    return false;
}

/* A cell under a column without a name must be empty (the trailing
 * delimiter of World Bank files leaves such a column), except in the
 * column that names the rows (its header is often left empty). */
static void check_unnamed_cells(import_session *s, const csv_header *h, const csv_record *rec,
                                size_t row_names)
{
    for (size_t i = 0; i < h->n; i++)
        if (i != row_names && !*h->names[i] && *rec->fields[i])
            diag_error(s->diag, s->path, rec->field_line[i], rec->field_col[i],
                       "\"%s\" is under a column without a name", rec->fields[i]);
}

/* ---- years across ---- */

typedef struct {
    int region, indicator, settlement, sex, flags;   /* column indexes, -1: none */
} across_columns;

static bool is_known(const char *name)
{
    static const char *const known[] = { "region", "indicator", "settlement", "sex", "flags" };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i]) == 0)
            return true;
    return false;
}

/* The region column is "region" when there is one, else the first column
 * that is not a year; other columns that are neither years nor known are
 * ignored, and the user is told which. */
static across_columns find_across_columns(import_session *s, const csv_header *h)
{
    across_columns c = {
        csv_header_find(h, "region"), csv_header_find(h, "indicator"),
        csv_header_find(h, "settlement"), csv_header_find(h, "sex"), csv_header_find(h, "flags"),
    };
    for (size_t i = 0; c.region < 0 && i < h->n; i++)
        if (!csv_year_cell(h->text[i]))
            c.region = (int)i;
    strbuf ignored = STRBUF_INIT;
    for (size_t i = 0; i < h->n; i++)
        if ((int)i != c.region && *h->names[i] && !csv_year_cell(h->text[i])
            && !is_known(h->names[i]))
            strbuf_printf(&ignored, "%s\"%s\"", ignored.len ? ", " : "", h->text[i]);
    if (ignored.len)
        diag_warning_at(s->diag, s->path, "columns %s are neither years nor region, indicator "
                        "or breakdown columns, and are ignored", strbuf_str(&ignored));
    strbuf_free(&ignored);
    return c;
}

/* Resolves the region a cell names, reporting an unknown one once at the
 * cell; *code gets its code. */
static bool resolve_region_cell(import_session *s, const char *text, size_t line, size_t col,
                                strbuf *code)
{
    const char *name = "region";
    import_row row = {
        .file = s->path, .line = line, .path = NULL, .nfields = 1, .names = &name,
        .values = &text, .cols = &col, .lines = &line,
    };
    bool ok = field_region(&s->ctx, &row, "region", code);
    ctx_flush_row(&s->ctx);
    return ok;
}

static void across_record(import_session *s, const csv_header *h, const across_columns *c,
                          const csv_record *rec)
{
    check_unnamed_cells(s, h, rec, (size_t)c->region);
    strbuf region = STRBUF_INIT;
    bool known = resolve_region_cell(s, rec->fields[c->region], rec->field_line[c->region],
                                     rec->field_col[c->region], &region);
    for (size_t i = 0; i < h->n; i++) {
        if (!csv_year_cell(h->text[i]) || (int)i == c->region)
            continue;
        if (!known) {                       /* reported once, at the region's cell */
            store_counts_of(s->ctx.store)->read++;
            store_counts_of(s->ctx.store)->rejected++;
            continue;
        }
        wide_row w = { 0 };
        wide_add(&w, "region", strbuf_str(&region), rec->field_line[c->region],
                 rec->field_col[c->region]);
        if (c->indicator >= 0)
            wide_add(&w, "indicator", rec->fields[c->indicator],
                     rec->field_line[c->indicator], rec->field_col[c->indicator]);
        else
            wide_add(&w, "indicator", s->opt->indicator, h->line, 0);
        wide_add(&w, "year", h->text[i], h->lines[i], h->cols[i]);
        wide_add(&w, "value", rec->fields[i], rec->field_line[i], rec->field_col[i]);
        const int optional[] = { c->settlement, c->sex, c->flags };
        const char *const names[] = { "settlement", "sex", "flags" };
        for (size_t k = 0; k < 3; k++)
            if (optional[k] >= 0)
                wide_add(&w, names[k], rec->fields[optional[k]],
                         rec->field_line[optional[k]], rec->field_col[optional[k]]);
        wide_emit(s, &w, rec->field_line[i]);
    }
    strbuf_free(&region);
}

oblys_status wide_read_across(import_session *s, csv_reader *r, const csv_header *h)
{
    across_columns c = find_across_columns(s, h);
    if (c.region < 0) {
        diag_error(s->diag, s->path, h->line, 0, "every column of the header is a year: a table "
                   "with a column per year needs a column naming the regions");
        return OBLYS_EDATA;
    }
    if (c.indicator < 0 && !s->opt->indicator) {
        diag_error(s->diag, s->path, h->line, 0, "a table with a column per year needs an "
                   "indicator column, or --indicator CODE to say what it holds");
        return OBLYS_EDATA;
    }
    csv_record rec;
    csv_status cs;
    csv_notes notes = { 0, 0, 0, STRBUF_INIT };
    while ((cs = csv_next_row(s, r, h, &notes, &rec)) == CSV_OK) {
        if (!wide_row_fits(s, h, &rec))
            continue;
        for (size_t i = 0; i < rec.nfields; i++)
            rec.fields[i] = csv_trim(rec.fields[i]);
        across_record(s, h, &c, &rec);
    }
    csv_notes_finish(s, &notes);
    return cs == CSV_ERROR ? csv_report_error(s, r) : OBLYS_OK;
}

/* ---- years down ---- */

/* Resolves every region in the header once; an unknown one is reported
 * at its header cell (with suggestions) and its column left out. */
static char **resolve_header_regions(import_session *s, const csv_header *h)
{
    char **codes = xcalloc(h->n, sizeof *codes);
    for (size_t i = 1; i < h->n; i++) {
        if (!*h->text[i])
            continue;
        strbuf code = STRBUF_INIT;
        if (resolve_region_cell(s, h->text[i], h->lines[i], h->cols[i], &code))
            codes[i] = strbuf_detach(&code);
        strbuf_free(&code);
    }
    return codes;
}

oblys_status wide_read_down(import_session *s, csv_reader *r, const csv_header *h)
{
    if (!s->opt->indicator) {
        diag_error(s->diag, s->path, h->line, 0, "a table with a column per region needs "
                   "--indicator CODE to say what it holds");
        return OBLYS_EDATA;
    }
    char **codes = resolve_header_regions(s, h);
    csv_record rec;
    csv_status cs;
    csv_notes notes = { 0, 0, 0, STRBUF_INIT };
    while ((cs = csv_next_row(s, r, h, &notes, &rec)) == CSV_OK) {
        if (!wide_row_fits(s, h, &rec))
            continue;
        for (size_t i = 0; i < rec.nfields; i++)
            rec.fields[i] = csv_trim(rec.fields[i]);
        check_unnamed_cells(s, h, &rec, 0);
        for (size_t i = 1; i < h->n; i++) {
            if (!codes[i])
                continue;
            wide_row w = { 0 };
            wide_add(&w, "region", codes[i], h->lines[i], h->cols[i]);
            wide_add(&w, "indicator", s->opt->indicator, h->line, 0);
            wide_add(&w, "year", rec.fields[0], rec.field_line[0], rec.field_col[0]);
            wide_add(&w, "value", rec.fields[i], rec.field_line[i], rec.field_col[i]);
            wide_emit(s, &w, rec.field_line[i]);
        }
    }
    csv_notes_finish(s, &notes);
    for (size_t i = 0; i < h->n; i++)
        free(codes[i]);
    free(codes);
    return cs == CSV_ERROR ? csv_report_error(s, r) : OBLYS_OK;
}
