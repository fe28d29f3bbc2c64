/*
 * wide_source.c - reads "wide" tables, as statistics offices publish them:
 *
 *   years across:  region,2016,2017,...        (one row per region, and
 *                  Akmola,130,145,...           per indicator or breakdown
 *                                               when such columns exist)
 *   years down:    Годы,Акмолинская,Актюбинская,...   (one row per year,
 *                  2016,2182,3121,...                   one column per region)
 *
 * A table with years across may have a second header row that splits
 * each year by a breakdown, with the year written once over its columns
 * (a merged cell, exported as one year and then empty cells):
 *
 *   Регион,2019,,2020,
 *   ,город,село,город,село
 *   Акмолинская,130,113,145,120
 *
 * Every value cell becomes one observation, handed to the series handler
 * as a named row (region, indicator, year, value and breakdowns) whose
 * fields point at the cells they came from, so problems are reported at
 * the right line and column. The indicator comes from an indicator column
 * or from --indicator.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/breakdown.h"
#include "import/csv_table.h"
#include "import/field.h"
#include "util/namekey.h"

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
    csv_report_width(s, rec, h->n);
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

/* Where the year and the breakdown of a value column come from. */
typedef struct {
    const char *year;               /* the year ("2021"), NULL: not a value column */
    char year_text[8];
    bool footnote;                  /* the year heading carries a footnote mark */
    size_t year_line, year_col;
    const char *breakdown;          /* "settlement" or "sex" from a second header row */
    const char *code;               /* its code, e.g. "urban" */
    size_t line, col;               /* the label's cell */
} across_value_column;

typedef struct {
    int region, indicator, settlement, sex, flags;   /* column indexes, -1: none */
    across_value_column *value;     /* one per column of the header */
} across_columns;

static bool is_known(const char *name)
{
    static const char *const known[] = { "region", "indicator", "settlement", "sex", "flags" };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i]) == 0)
            return true;
    return false;
}

/* A heading that starts with a digit but is no year ("2O21", "2201",
 * "2018 (est.)") stands over values, as likely as not: it is an error, not
 * a column to ignore, so that no year's values are dropped unseen. */
static bool looks_like_a_year(const char *heading)
{
    return isdigit((unsigned char)*heading);
}

/* The region column is "region" when there is one, else the first column
 * that is not a year; other columns that are neither years nor known are
 * ignored, and the user is told which. */
static across_columns find_across_columns(import_session *s, const csv_header *h)
{
    across_columns c = {
        csv_header_find(h, "region"), csv_header_find(h, "indicator"),
        csv_header_find(h, "settlement"), csv_header_find(h, "sex"), csv_header_find(h, "flags"),
        NULL,
    };
    for (size_t i = 0; c.region < 0 && i < h->n; i++)
        if (!csv_year_cell(h->text[i], NULL))
            c.region = (int)i;
    strbuf ignored = STRBUF_INIT;
    const char *hint = "";
    for (size_t i = 0; i < h->n; i++)
        if ((int)i != c.region && *h->names[i] && !csv_year_cell(h->text[i], NULL)
            && !is_known(h->names[i]) && !looks_like_a_year(h->text[i])) {
            strbuf_printf(&ignored, "%s\"%s\"", ignored.len ? ", " : "", h->text[i]);
            if (!*hint)
                hint = csv_year_hint(h->text[i]);
        }
    if (ignored.len)
        diag_warning_at(s->diag, s->path, "columns %s are neither years nor region, indicator "
                        "or breakdown columns, and are ignored%s", strbuf_str(&ignored), hint);
    strbuf_free(&ignored);
    c.value = xcalloc(h->n, sizeof *c.value);
    for (size_t i = 0; i < h->n; i++) {
        across_value_column *v = &c.value[i];
        int year = (int)i != c.region ? csv_year_cell(h->text[i], &v->footnote) : 0;
        if (!year)
            continue;
        snprintf(v->year_text, sizeof v->year_text, "%d", year);
        v->year = v->year_text;
        v->year_line = h->lines[i];
        v->year_col = h->cols[i];
    }
    return c;
}

static bool year_like_headings_valid(import_session *s, const csv_header *h,
                                     const across_columns *c)
{
    bool ok = true;
    for (size_t i = 0; i < h->n; i++)
        if ((int)i != c->region && !c->value[i].year && looks_like_a_year(h->text[i])) {
            diag_error(s->diag, s->path, h->lines[i], h->cols[i],
                       "column \"%s\" is not a year (a year from 1900 to 2100, headed as "
                       "2021, 2021 г., 2021* or 2021-12-31): correct the heading, or remove "
                       "the column if it holds no values", h->text[i]);
            ok = false;
        }
    return ok;
}

/* Two value columns for the same year and breakdown would give each row
 * two values for one observation: an error at the header, naming both. */
static bool value_columns_distinct(import_session *s, const csv_header *h,
                                   const across_columns *c)
{
    bool ok = true;
    for (size_t i = 0; i < h->n; i++)
        for (size_t j = 0; c->value[i].year && j < i; j++) {
            const across_value_column *a = &c->value[j], *b = &c->value[i];
            if (!a->year || strcmp(a->year, b->year) != 0
                || (a->code ? !b->code || strcmp(a->code, b->code) != 0 : b->code != NULL))
                continue;
            diag_error(s->diag, s->path, b->year_line, h->cols[i],
                       "columns %zu and %zu are both for the year %s%s%s%s: a year may have "
                       "only one column%s", j + 1, i + 1, b->year, b->code ? " (" : "",
                       b->code ? b->code : "", b->code ? ")" : "",
                       b->code ? " for each breakdown" : "");
            ok = false;
            break;
        }
    return ok;
}

/* A second header row: the region cell empty, and under every year (and
 * every unnamed column right of a year, which a merged year cell leaves,
 * unless its label is empty: a trailing delimiter) a breakdown label, all
 * of one breakdown. */
static bool is_second_header(const csv_header *h, const across_columns *c, const csv_record *rec)
{
    if (rec->nfields != h->n || *rec->fields[c->region])
        return false;
    const char *first = NULL, *breakdown = NULL, *code = NULL;
    bool under_year = false;
    for (size_t i = 0; i < h->n; i++) {
        under_year = c->value[i].year || (under_year && !*h->names[i] && *rec->fields[i]);
        if (!under_year)
            continue;
        if (breakdown_total_word(rec->fields[i]))
            continue;                       /* "Всего": the total, of any breakdown */
        if (!breakdown_label(rec->fields[i], &breakdown, &code))
            return false;
        if (first && strcmp(first, breakdown) != 0)
            return false;
        first = breakdown;
    }
    return first != NULL;
}

/* A row that starts like a second header row (region cell empty, some
 * breakdown label under a year) but is not a valid one. */
static bool half_second_header(const csv_header *h, const across_columns *c,
                               const csv_record *rec)
{
    if (rec->nfields != h->n || *rec->fields[c->region])
        return false;
    const char *breakdown, *code;
    for (size_t i = 0; i < h->n; i++)
        if ((int)i != c->region && breakdown_label(rec->fields[i], &breakdown, &code))
            return true;
    return false;
}

/* Takes the breakdown of each value column from the second header row;
 * an unnamed column right of a year is that year again (a merged cell). */
static void take_second_header(across_columns *c, const csv_header *h, const csv_record *rec)
{
    const across_value_column *year = NULL;
    for (size_t i = 0; i < h->n; i++) {
        if (c->value[i].year)
            year = &c->value[i];
        else if (year && !*h->names[i] && *rec->fields[i])
            c->value[i] = (across_value_column){ .year = year->year,
                                                 .footnote = year->footnote,
                                                 .year_line = year->year_line,
                                                 .year_col = year->year_col };
        else
            year = NULL;
        if (!c->value[i].year)
            continue;
        breakdown_label(rec->fields[i], &c->value[i].breakdown, &c->value[i].code);
        c->value[i].line = rec->field_line[i];
        c->value[i].col = rec->field_col[i];
    }
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

/* The row's flags: its flags column, and "footnote" under a year heading
 * that carries a footnote mark ("2021*"), as a value's own mark would. */
static void add_flags(wide_row *w, const across_columns *c, const across_value_column *v,
                      const csv_record *rec, strbuf *flags)
{
    const char *cell = c->flags >= 0 ? rec->fields[c->flags] : NULL;
    if (!v->footnote) {
        if (cell)
            wide_add(w, "flags", cell, rec->field_line[c->flags], rec->field_col[c->flags]);
        return;
    }
    strbuf_reset(flags);
    strbuf_printf(flags, "%s%sfootnote", cell ? cell : "", cell && *cell ? "," : "");
    if (cell)
        wide_add(w, "flags", strbuf_str(flags), rec->field_line[c->flags],
                 rec->field_col[c->flags]);
    else
        wide_add(w, "flags", strbuf_str(flags), v->year_line, v->year_col);
}

static void across_record(import_session *s, const csv_header *h, const across_columns *c,
                          const csv_record *rec)
{
    for (size_t i = 0; i < h->n; i++)
        if (i != (size_t)c->region && !*h->names[i] && !c->value[i].year && *rec->fields[i])
            diag_error(s->diag, s->path, rec->field_line[i], rec->field_col[i],
                       "\"%s\" is under a column without a name", rec->fields[i]);
    strbuf region = STRBUF_INIT, flags = STRBUF_INIT;
    bool known = resolve_region_cell(s, rec->fields[c->region], rec->field_line[c->region],
                                     rec->field_col[c->region], &region);
    for (size_t i = 0; i < h->n; i++) {
        const across_value_column *v = &c->value[i];
        if (!v->year)
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
        wide_add(&w, "year", v->year, v->year_line, v->year_col);
        wide_add(&w, "value", rec->fields[i], rec->field_line[i], rec->field_col[i]);
        const int optional[] = { c->settlement, c->sex };
        const char *const names[] = { "settlement", "sex" };
        for (size_t k = 0; k < 2; k++)
            if (v->breakdown && strcmp(v->breakdown, names[k]) == 0)
                wide_add(&w, names[k], v->code, v->line, v->col);
            else if (optional[k] >= 0)
                wide_add(&w, names[k], rec->fields[optional[k]],
                         rec->field_line[optional[k]], rec->field_col[optional[k]]);
        add_flags(&w, c, v, rec, &flags);
        wide_emit(s, &w, rec->field_line[i]);
    }
    strbuf_free(&flags);
    strbuf_free(&region);
}

oblys_status wide_read_across(import_session *s, csv_reader *r, const csv_header *h)
{
    across_columns c = find_across_columns(s, h);
    if (c.region < 0) {
        diag_error(s->diag, s->path, h->line, 0, "every column of the header is a year: a table "
                   "with a column per year needs a column naming the regions");
        free(c.value);
        return OBLYS_EDATA;
    }
    if (c.indicator < 0 && !s->opt->indicator) {
        diag_error(s->diag, s->path, h->line, 0, "a table with a column per year needs an "
                   "indicator column, or --indicator CODE to say what it holds");
        free(c.value);
        return OBLYS_EDATA;
    }
    if (!year_like_headings_valid(s, h, &c)) {
        free(c.value);
        return OBLYS_EDATA;
    }
    csv_record rec;
    csv_status cs;
    csv_notes notes = { 0, 0, 0, STRBUF_INIT };
    bool first = true, columns_checked = false;
    while ((cs = csv_next_row(s, r, h, &notes, &rec)) == CSV_OK) {
        if (!wide_row_fits(s, h, &rec))
            continue;
        for (size_t i = 0; i < rec.nfields; i++)
            rec.fields[i] = csv_trim(rec.fields[i]);
        if (first && is_second_header(h, &c, &rec)) {
            take_second_header(&c, h, &rec);
        } else if (first && half_second_header(h, &c, &rec)) {
            diag_error(s->diag, s->path, rec.line, 0, "this looks like a second header row, but "
                       "a second header row needs a label under every year column, all of one "
                       "breakdown: urban and rural (город, село, қала, ауыл) or men and women "
                       "(мужчины, женщины, ерлер, әйелдер)");
            columns_checked = true;
            break;
        } else {
            if (!columns_checked) {         /* once the second header row is known */
                columns_checked = true;
                if (!value_columns_distinct(s, h, &c))
                    break;
            }
            across_record(s, h, &c, &rec);
        }
        first = false;
    }
    if (!columns_checked)
        value_columns_distinct(s, h, &c);
    csv_notes_finish(s, &notes);
    free(c.value);
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

/* Two columns naming one region ("Акмолинская" and "Акмолинская область")
 * would give each row two values for one observation: an error at the
 * header, naming both. */
static bool region_columns_distinct(import_session *s, const csv_header *h, char **codes)
{
    bool ok = true;
    for (size_t i = 1; i < h->n; i++)
        for (size_t j = 1; codes[i] && j < i; j++)
            if (codes[j] && strcmp(codes[i], codes[j]) == 0) {
                diag_error(s->diag, s->path, h->lines[i], h->cols[i],
                           "columns %zu (\"%s\") and %zu (\"%s\") name the same region (%s): "
                           "a region may have only one column", j + 1, h->text[j], i + 1,
                           h->text[i], codes[i]);
                ok = false;
                break;
            }
    return ok;
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
    csv_status cs = CSV_END;
    csv_notes notes = { 0, 0, 0, STRBUF_INIT };
    bool distinct = region_columns_distinct(s, h, codes);
    while (distinct && (cs = csv_next_row(s, r, h, &notes, &rec)) == CSV_OK) {
        if (!wide_row_fits(s, h, &rec))
            continue;
        for (size_t i = 0; i < rec.nfields; i++)
            rec.fields[i] = csv_trim(rec.fields[i]);
        check_unnamed_cells(s, h, &rec, 0);
        /* A footnoted year ("2021*") is the year, its values flagged footnote,
         * as under a year heading across the top. */
        bool footnote = false;
        char year_text[8];
        const char *year = rec.fields[0];
        int year_number = csv_year_cell(year, &footnote);
        if (footnote) {
            snprintf(year_text, sizeof year_text, "%d", year_number);
            year = year_text;
        }
        bool reported = false;              /* a bad year: one error for the row */
        for (size_t i = 1; i < h->n; i++) {
            if (!codes[i])
                continue;
            if (!year_number && reported) {
                store_counts_of(s->ctx.store)->read++;
                store_counts_of(s->ctx.store)->rejected++;
                continue;
            }
            reported = true;
            wide_row w = { 0 };
            wide_add(&w, "region", codes[i], h->lines[i], h->cols[i]);
            wide_add(&w, "indicator", s->opt->indicator, h->line, 0);
            wide_add(&w, "year", year, rec.field_line[0], rec.field_col[0]);
            wide_add(&w, "value", rec.fields[i], rec.field_line[i], rec.field_col[i]);
            if (footnote)
                wide_add(&w, "flags", "footnote", rec.field_line[0], rec.field_col[0]);
            wide_emit(s, &w, rec.field_line[i]);
        }
    }
    csv_notes_finish(s, &notes);
    for (size_t i = 0; i < h->n; i++)
        free(codes[i]);
    free(codes);
    return cs == CSV_ERROR ? csv_report_error(s, r) : OBLYS_OK;
}
