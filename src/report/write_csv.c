/*
 * write_csv.c - a report as CSV (RFC 4180): a header row of column names,
 * then one row per record, numbers at full precision, missing values as
 * empty fields. A report with several tables writes them one after
 * another, separated by an empty line, each with its own header. Notes
 * are not written: CSV is for machines. The provenance, when asked for
 * (--provenance), comes first as comment lines starting with "# "
 * (pandas: comment='#'); without them the output is exactly what the
 * data hash of provenance.h is computed from.
 */
#include <string.h>

#include "report/report.h"

static void put_field(FILE *out, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

static void write_table(const report_table *t, FILE *out)
{
    for (size_t c = 0; c < t->ncols; c++) {
        put_field(out, t->cols[c].name);
        fputs(c + 1 < t->ncols ? "," : "\r\n", out);
    }
    strbuf cell = STRBUF_INIT;
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            strbuf_reset(&cell);
            report_cell_text(report_cell_at(t, r, c), -1, &cell);
            put_field(out, strbuf_str(&cell));
            fputs(c + 1 < t->ncols ? "," : "\r\n", out);
        }
    }
    strbuf_free(&cell);
}

static void put_provenance_line(const char *line, void *out)
{
    fprintf(out, "# %s\r\n", line);
}

void write_csv(const report *r, const provenance *p, FILE *out)
{
    if (p)
        report_each_provenance_line(p, put_provenance_line, out);
    for (size_t i = 0; i < r->ntables; i++) {
        if (i)
            fputs("\r\n", out);
        write_table(r->tables[i], out);
    }
}
