/*
 * write_xlsx.c - a report as an Excel workbook (libxlsxwriter): one sheet
 * per table, named after it, with a bold frozen header row; numbers are
 * real numbers with a number format of the column's decimals (full
 * precision is stored either way), text is text, a missing value an
 * empty cell. A last sheet, "About", holds the title and the notes: the
 * place where a report says how it was made.
 *
 * libxlsxwriter writes to a file name, so the workbook goes to a
 * temporary file that is then copied to out. The document's creation date
 * is fixed, so the same report gives the same workbook.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "report/report.h"

#define SHEET_NAME_MAX 31           /* Excel's limit, in characters */
#define MAX_DECIMALS 15
#define MAX_COLUMN_WIDTH 60
#define ABOUT_SHEET "About"
/* 2000-01-01T00:00:00Z: a fixed creation date keeps the output reproducible. */
#define FIXED_CREATED 946684800

typedef struct {
    lxw_workbook *book;
    lxw_format *header, *integer, *general;
    lxw_format *fixed[MAX_DECIMALS + 1];
    char **sheet_names;
    size_t nsheets;
} xlsx_writer;

static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool sheet_name_taken(const xlsx_writer *w, const char *name)
{
    if (strcasecmp(name, ABOUT_SHEET) == 0)
        return true;
    for (size_t i = 0; i < w->nsheets; i++)
        if (strcasecmp(w->sheet_names[i], name) == 0)
            return true;
    return false;
}

/* base with the characters Excel forbids replaced, cut to at most max
 * characters (never inside a UTF-8 sequence). */
static void clean_sheet_name(const char *base, size_t max, strbuf *out)
{
    size_t chars = 0;
    for (const char *p = base; *p; p++) {
        bool starts_char = ((unsigned char)*p & 0xC0) != 0x80;
        if (starts_char && chars++ == max)
            break;
        strbuf_append_char(out, strchr("[]:*?/\\", *p) ? '_' : *p);
    }
    if (out->len == 0 || out->data[0] == '\'')
        strbuf_append(out, "_");
}

/* A sheet name for table name: valid in Excel and unique in the workbook
 * (case-insensitively, as Excel compares), e.g. "values", "values_2". */
static char *unique_sheet_name(xlsx_writer *w, const char *name)
{
    strbuf sb = STRBUF_INIT;
    clean_sheet_name(name, SHEET_NAME_MAX, &sb);
    for (int n = 2; sheet_name_taken(w, strbuf_str(&sb)); n++) {
        char suffix[16];
        snprintf(suffix, sizeof suffix, "_%d", n);
        strbuf_reset(&sb);
        clean_sheet_name(name, SHEET_NAME_MAX - strlen(suffix), &sb);
        strbuf_append(&sb, suffix);
    }
    w->sheet_names = xrealloc(w->sheet_names, (w->nsheets + 1) * sizeof *w->sheet_names);
    w->sheet_names[w->nsheets++] = xstrdup(strbuf_str(&sb));
    return strbuf_detach(&sb);
}

static lxw_format *number_format(xlsx_writer *w, const report_cell *c, int decimals)
{
    if (c->type == CELL_INT)
        return w->integer;
    if (decimals < 0 || decimals > MAX_DECIMALS)
        return w->general;
    if (!w->fixed[decimals]) {
        char pattern[MAX_DECIMALS + 3] = "0";
        if (decimals > 0) {
            strcat(pattern, ".");
            memset(pattern + 2, '0', (size_t)decimals);
            pattern[2 + decimals] = '\0';
        }
        w->fixed[decimals] = workbook_add_format(w->book);
        format_set_num_format(w->fixed[decimals], pattern);
    }
    return w->fixed[decimals];
}

static void write_cell(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const report_cell *c, int decimals)
{
    switch (c->type) {
    case CELL_NULL:
        break;
    case CELL_TEXT:
        worksheet_write_string(ws, row, col, c->text, NULL);
        break;
    case CELL_INT:
        worksheet_write_number(ws, row, col, (double)c->i, number_format(w, c, decimals));
        break;
    case CELL_REAL:
        worksheet_write_number(ws, row, col, c->r, number_format(w, c, decimals));
        break;
    }
}

/* About as wide as the widest cell shown, in characters. */
static double column_width(const report_table *t, size_t col)
{
    size_t width = utf8_length(t->cols[col].name);
    strbuf text = STRBUF_INIT;
    for (size_t r = 0; r < t->nrows; r++) {
        strbuf_reset(&text);
        report_cell_text(report_cell_at(t, r, col), t->cols[col].decimals, &text);
        size_t n = utf8_length(strbuf_str(&text));
        if (n > width)
            width = n;
    }
    strbuf_free(&text);
    return (double)(width + 2 > MAX_COLUMN_WIDTH ? MAX_COLUMN_WIDTH : width + 2);
}

static void write_table_sheet(xlsx_writer *w, const report_table *t)
{
    char *name = unique_sheet_name(w, t->name);
    lxw_worksheet *ws = workbook_add_worksheet(w->book, name);
    free(name);
    for (size_t c = 0; c < t->ncols; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, column_width(t, c), NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)c, t->cols[c].name, w->header);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++)
            write_cell(w, ws, (lxw_row_t)(r + 1), (lxw_col_t)c, report_cell_at(t, r, c),
                       t->cols[c].decimals);
}

typedef struct {
    lxw_worksheet *ws;
    lxw_format *header;
    lxw_row_t row;
} about_rows;

static void put_provenance_line(const char *line, void *arg)
{
    about_rows *a = arg;
    worksheet_write_string(a->ws, a->row, 0, "provenance", a->header);
    worksheet_write_string(a->ws, a->row++, 1, line, NULL);
}

/* The About sheet: the report's name and title, the tables and their
 * sheets, the notes, one per row, and how the report was made. */
static void write_about_sheet(xlsx_writer *w, const report *r, const provenance *p)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->book, ABOUT_SHEET);
    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, 1, 100, NULL);
    lxw_row_t row = 0;
    worksheet_write_string(ws, row, 0, "report", w->header);
    worksheet_write_string(ws, row++, 1, r->name, NULL);
    worksheet_write_string(ws, row, 0, "title", w->header);
    worksheet_write_string(ws, row++, 1, r->title, NULL);
    for (size_t i = 0; i < r->ntables; i++) {
        worksheet_write_string(ws, row, 0, "sheet", w->header);
        strbuf line = STRBUF_INIT;
        strbuf_printf(&line, "%s: %s", w->sheet_names[i], r->tables[i]->title);
        worksheet_write_string(ws, row++, 1, strbuf_str(&line), NULL);
        strbuf_free(&line);
    }
    for (size_t i = 0; i < r->nnotes; i++) {
        worksheet_write_string(ws, row, 0, "note", w->header);
        worksheet_write_string(ws, row++, 1, r->notes[i], NULL);
    }
    if (p) {
        about_rows a = { ws, w->header, row };
        report_each_provenance_line(p, put_provenance_line, &a);
    }
}

static oblys_status write_workbook(const report *r, const provenance *p, const char *path,
                                   oblys_error *err)
{
    xlsx_writer w = { 0 };
    w.book = workbook_new(path);
    if (!w.book)
        return error_set(err, OBLYS_EIO, "cannot create the XLSX workbook %s", path);
    lxw_doc_properties properties = { 0 };
    properties.title = r->title;
    properties.created = FIXED_CREATED;
    workbook_set_properties(w.book, &properties);
    w.header = workbook_add_format(w.book);
    format_set_bold(w.header);
    w.integer = workbook_add_format(w.book);
    format_set_num_format(w.integer, "0");
    w.general = workbook_add_format(w.book);
    format_set_num_format(w.general, "General");
    for (size_t i = 0; i < r->ntables; i++)
        write_table_sheet(&w, r->tables[i]);
    write_about_sheet(&w, r, p);
    lxw_error rc = workbook_close(w.book);
    for (size_t i = 0; i < w.nsheets; i++)
        free(w.sheet_names[i]);
    free(w.sheet_names);
    if (rc != LXW_NO_ERROR)
        return error_set(err, OBLYS_EIO, "cannot write the XLSX workbook: %s",
                         lxw_strerror(rc));
    return OBLYS_OK;
}

static oblys_status copy_file(const char *path, FILE *out, oblys_error *err)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return error_set(err, OBLYS_EIO, "cannot read back the XLSX workbook %s", path);
    char buf[65536];
    size_t n;
    bool ok = true;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = ok && fwrite(buf, 1, n, out) == n;
    ok = ok && !ferror(in) && fflush(out) == 0;
    fclose(in);
    if (!ok)
        return error_set(err, OBLYS_EIO, "cannot write the XLSX output");
    return OBLYS_OK;
}

oblys_status write_xlsx(const report *r, const provenance *p, FILE *out, oblys_error *err)
{
    const char *dir = getenv("TMPDIR");
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/oblys-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path.data);
    if (fd < 0) {
        oblys_status st = error_set(err, OBLYS_EIO, "cannot create a temporary file in %s "
                                    "for the XLSX workbook (set TMPDIR)",
                                    dir && *dir ? dir : "/tmp");
        strbuf_free(&path);
        return st;
    }
    close(fd);
    oblys_status st = write_workbook(r, p, strbuf_str(&path), err);
    if (st == OBLYS_OK)
        st = copy_file(strbuf_str(&path), out, err);
    unlink(strbuf_str(&path));
    strbuf_free(&path);
    return st;
}
