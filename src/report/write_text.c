/*
 * write_text.c - a report as aligned columns for a terminal.
 *
 * Widths are counted in characters (UTF-8 code points), not bytes, so
 * Cyrillic names line up. Numbers are right-aligned, text left-aligned,
 * missing values shown as "-". The provenance, when given, is a footer
 * under the notes.
 */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

/* Reals shown "as stored" (-1) are shown for people: a published figure
 * whole (250000.5), a computed one with six significant digits (a merged
 * estimate is 9.71983, not 9.7198334961951875); see report_cell_text(). */
static int display_decimals(const report_column *col)
{
    return col->decimals == -1 ? REPORT_SIGNIFICANT : col->decimals;
}

static size_t display_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static bool is_number(const report_cell *c)
{
    return c->type == CELL_INT || c->type == CELL_REAL;
}

static void cell_display(const report_cell *c, int decimals, strbuf *out)
{
    strbuf_reset(out);
    if (c->type == CELL_NULL)
        strbuf_append(out, "-");
    else
        report_cell_text(c, decimals, out);
}

/* A column is numeric when all its non-missing cells are. */
static bool column_numeric(const report_table *t, size_t col)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const report_cell *c = report_cell_at(t, r, col);
        if (c->type != CELL_NULL && !is_number(c))
            return false;
    }
    return true;
}

static void pad(FILE *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(' ', out);
}

static void put_aligned(FILE *out, const char *text, size_t width, bool right)
{
    size_t w = display_width(text);
    if (right)
        pad(out, width > w ? width - w : 0);
    fputs(text, out);
    if (!right)
        pad(out, width > w ? width - w : 0);
}

static void write_underlined(FILE *out, const char *title, char mark)
{
    fprintf(out, "%s\n", title);
    for (size_t i = display_width(title); i > 0; i--)
        fputc(mark, out);
    fputc('\n', out);
}

static void write_table(const report_table *t, FILE *out)
{
    write_underlined(out, t->title, '-');
    size_t *width = xcalloc(t->ncols, sizeof *width);
    bool *right = xcalloc(t->ncols, sizeof *right);
    strbuf cell = STRBUF_INIT;
    for (size_t c = 0; c < t->ncols; c++) {
        width[c] = display_width(t->cols[c].name);
        right[c] = column_numeric(t, c);
        for (size_t r = 0; r < t->nrows; r++) {
            cell_display(report_cell_at(t, r, c), display_decimals(&t->cols[c]), &cell);
            size_t w = display_width(strbuf_str(&cell));
            if (w > width[c])
                width[c] = w;
        }
    }
    for (size_t c = 0; c < t->ncols; c++) {
        bool last = c + 1 == t->ncols;
        put_aligned(out, t->cols[c].name, last && !right[c] ? 0 : width[c], right[c]);
        fputs(last ? "\n" : "  ", out);
    }
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            cell_display(report_cell_at(t, r, c), display_decimals(&t->cols[c]), &cell);
            bool last = c + 1 == t->ncols;
            put_aligned(out, strbuf_str(&cell), last && !right[c] ? 0 : width[c], right[c]);
            fputs(last ? "\n" : "  ", out);
        }
    }
    if (t->nrows == 0)
        fputs("(no rows)\n", out);
    strbuf_free(&cell);
    free(width);
    free(right);
}

static void put_provenance_line(const char *line, void *out)
{
    fprintf(out, "  - %s\n", line);
}

void write_text(const report *r, const provenance *p, FILE *out)
{
    write_underlined(out, r->title, '=');
    for (size_t i = 0; i < r->ntables; i++) {
        fputc('\n', out);
        write_table(r->tables[i], out);
    }
    if (r->nnotes) {
        fputs("\nNotes:\n", out);
        for (size_t i = 0; i < r->nnotes; i++)
            fprintf(out, "  - %s\n", r->notes[i]);
    }
    if (p) {
        fputs("\nProvenance:\n", out);
        report_each_provenance_line(p, put_provenance_line, out);
    }
}
