/*
 * write_md.c - a report as Markdown: a heading per report and per table,
 * pipe tables with numbers right-aligned, notes as a bullet list. Ready
 * to paste into a briefing or a wiki. The provenance, when given, is a
 * last section.
 */
#include "report/report.h"

/* Reals shown "as stored" (-1) are shown for people: a published figure
 * whole, a computed one with six significant digits (report_cell_text()). */
static int display_decimals(const report_column *col)
{
    return col->decimals == -1 ? REPORT_SIGNIFICANT : col->decimals;
}

static void put_escaped(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '|' || *p == '\\')
            fputc('\\', out);
        fputc(*p == '\n' ? ' ' : *p, out);
    }
}

static bool column_numeric(const report_table *t, size_t col)
{
    for (size_t r = 0; r < t->nrows; r++) {
        cell_type type = report_cell_at(t, r, col)->type;
        if (type == CELL_TEXT)
            return false;
    }
    return true;
}

static void write_table(const report_table *t, FILE *out)
{
    fprintf(out, "\n## %s\n\n|", t->title);
    for (size_t c = 0; c < t->ncols; c++) {
        fputc(' ', out);
        put_escaped(out, t->cols[c].name);
        fputs(" |", out);
    }
    fputs("\n|", out);
    for (size_t c = 0; c < t->ncols; c++)
        fputs(column_numeric(t, c) ? " ---: |" : " --- |", out);
    fputc('\n', out);
    strbuf cell = STRBUF_INIT;
    for (size_t r = 0; r < t->nrows; r++) {
        fputc('|', out);
        for (size_t c = 0; c < t->ncols; c++) {
            strbuf_reset(&cell);
            report_cell_text(report_cell_at(t, r, c), display_decimals(&t->cols[c]), &cell);
            fputc(' ', out);
            put_escaped(out, cell.len ? strbuf_str(&cell) : "–");
            fputs(" |", out);
        }
        fputc('\n', out);
    }
    strbuf_free(&cell);
}

static void put_provenance_line(const char *line, void *out)
{
    fputs("- ", out);
    put_escaped(out, line);
    fputc('\n', out);
}

void write_md(const report *r, const provenance *p, FILE *out)
{
    fprintf(out, "# %s\n", r->title);
    for (size_t i = 0; i < r->ntables; i++)
        write_table(r->tables[i], out);
    if (r->nnotes) {
        fputc('\n', out);
        for (size_t i = 0; i < r->nnotes; i++) {
            fputs("- ", out);
            put_escaped(out, r->notes[i]);
            fputc('\n', out);
        }
    }
    if (p) {
        fputs("\n## Provenance\n\n", out);
        report_each_provenance_line(p, put_provenance_line, out);
    }
}
