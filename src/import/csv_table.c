/*
 * csv_table.c - the header row and record helpers shared by the readers
 * of delimited text (see csv_table.h).
 */
#include "import/csv_table.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "import/number.h"
#include "util/date.h"

char *csv_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

oblys_status csv_report_error(import_session *s, csv_reader *r)
{
    size_t line = 0, col = 0;
    const char *msg = csv_error(r, &line, &col);
    diag_error(s->diag, s->path, line, col, "%s", msg);
    return OBLYS_EDATA;
}

void csv_report_width(import_session *s, const csv_record *rec, size_t header_fields)
{
    bool split_decimal = s->delimiter == ',' && rec->nfields > header_fields;
    diag_error(s->diag, s->path, rec->line, 0, "this row has %zu fields but the header has %zu%s",
               rec->nfields, header_fields,
               split_decimal ? " (a decimal comma in a comma-separated file must be quoted, "
                               "\"5,9\", or the file separated by ;)" : "");
}

bool csv_blank(const csv_record *rec)
{
    for (size_t i = 0; i < rec->nfields; i++)
        if (*csv_trim(rec->fields[i]))
            return false;
    return true;
}

void csv_header_take(csv_header *h, const csv_record *rec)
{
    h->n = rec->nfields;
    h->line = rec->line;
    h->names = xcalloc(rec->nfields, sizeof *h->names);
    h->text = xcalloc(rec->nfields, sizeof *h->text);
    h->cols = xcalloc(rec->nfields, sizeof *h->cols);
    h->lines = xcalloc(rec->nfields, sizeof *h->lines);
    for (size_t i = 0; i < rec->nfields; i++) {
        h->text[i] = xstrdup(csv_trim(rec->fields[i]));
        h->names[i] = xstrdup(h->text[i]);
        for (char *p = h->names[i]; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        h->cols[i] = rec->field_col[i];
        h->lines[i] = rec->field_line[i];
    }
}

void csv_header_free(csv_header *h)
{
    for (size_t i = 0; i < h->n; i++) {
        free(h->names[i]);
        free(h->text[i]);
    }
    free(h->names);
    free(h->text);
    free(h->cols);
    free(h->lines);
    h->n = 0;
}

int csv_header_find(const csv_header *h, const char *name)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->names[i], name) == 0)
            return (int)i;
    return -1;
}

static int year_in_range(const char *text)
{
    int year = 0;
    return year_parse(text, true, &year) && year >= 1900 && year <= 2100 ? year : 0;
}

int csv_year_cell(const char *text, bool *footnote)
{
    int year = year_in_range(text);
    const char *mark = year ? NULL : num_footnote_mark(text);
    if (mark) {
        char *before = xstrndup(text, (size_t)(mark - text));
        year = year_in_range(csv_trim(before));
        free(before);
    }
    if (footnote)
        *footnote = year && mark;
    return year;
}

static bool year_digits_at(const char *p)
{
    int year = 0;
    for (int i = 0; i < 4; i++) {
        if (!isdigit((unsigned char)p[i]))
            return false;
        year = year * 10 + (p[i] - '0');
    }
    return !isdigit((unsigned char)p[4]) && year >= 1900 && year <= 2100;
}

const char *csv_year_hint(const char *heading)
{
    for (const char *p = heading; *p; p++)
        if ((p == heading || !isdigit((unsigned char)p[-1])) && year_digits_at(p))
            return "; a column per year is headed by the year alone, such as 2018, 2018 г., 2018* "
                   "or 2018-12-31";
    return "";
}

static size_t year_columns(const csv_header *h)
{
    size_t years = 0;
    for (size_t i = 0; i < h->n; i++)
        years += csv_year_cell(h->text[i], NULL) != 0;
    return years;
}

bool wide_has_year_columns(const csv_header *h)
{
    return year_columns(h) >= 2;
}

bool wide_has_a_year_column(const csv_header *h)
{
    /* A year, not a date: a preamble line such as "Last Updated Date",
     * "2015-07-28" must not pass for a header; and a column beside it for
     * the regions: a title line "2021 год" is no header either. */
    bool year = false, other = false;
    int date_year = 0;
    for (size_t i = 0; i < h->n; i++) {
        if (csv_year_cell(h->text[i], NULL) && !date_parse(h->text[i], false, &date_year))
            year = true;
        else if (*h->text[i])
            other = true;
    }
    return year && other;
}

static bool one_cell(const csv_record *rec)
{
    size_t filled = 0;
    for (size_t i = 0; i < rec->nfields; i++)
        filled += *csv_trim(rec->fields[i]) != '\0';
    return filled == 1 && *rec->fields[0];
}

/* The table went on after held lines: they were not notes. */
static void notes_were_rows(import_session *s, const csv_header *h, csv_notes *notes)
{
    const char *p = strbuf_str(&notes->texts);
    while (*p) {
        char *text = NULL;
        size_t line = strtoul(p, &text, 10);
        const char *end = strchr(text, '\n');
        diag_error(s->diag, s->path, line, 0, "this row has one field (%.*s) but the header has "
                   "%zu, and the table goes on after it", (int)(end - text - 1), text + 1, h->n);
        p = end + 1;
    }
    strbuf_reset(&notes->texts);
    notes->count = 0;
}

csv_status csv_next_row(import_session *s, csv_reader *r, const csv_header *h,
                        csv_notes *notes, csv_record *rec)
{
    csv_status st;
    while ((st = csv_next(r, rec)) == CSV_OK) {
        if (csv_blank(rec))
            continue;
        if (h->n > 1 && one_cell(rec)) {
            if (notes->count++ == 0)
                notes->first_line = rec->line;
            notes->last_line = rec->line;
            strbuf_printf(&notes->texts, "%zu\t\"%s\"", rec->line, rec->fields[0]);
            strbuf_append_char(&notes->texts, '\n');
            continue;
        }
        if (notes->count)
            notes_were_rows(s, h, notes);
        return CSV_OK;
    }
    return st;
}

void csv_notes_finish(import_session *s, csv_notes *notes)
{
    if (notes->count == 1)
        diag_warning_at(s->diag, s->path, "line %zu after the table holds one cell and was "
                        "skipped as a note", notes->first_line);
    else if (notes->count)
        diag_warning_at(s->diag, s->path, "lines %zu to %zu after the table hold one cell each "
                        "and were skipped as notes", notes->first_line, notes->last_line);
    strbuf_free(&notes->texts);
    notes->count = 0;
}
