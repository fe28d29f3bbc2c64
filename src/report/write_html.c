/*
 * write_html.c - a report as one self-contained HTML page: the title, its
 * charts as inline SVG (chart_svg.c), every table with numbers
 * right-aligned at the column's decimals, and the notes. Inline CSS with
 * print rules; no script, no external URL (a Content-Security-Policy says
 * so to the browser), no timestamp: it reads offline, prints, and the same
 * report gives the same bytes.
 */
#include <stdlib.h>

#include "report/chart.h"

static const char STYLE[] =
    "body{font-family:sans-serif;margin:2em auto;max-width:1000px;color:#222;"
    "padding:0 1em}\n"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}\n"
    "table{border-collapse:collapse;font-size:.9em}\n"
    "th,td{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:left}\n"
    "th{background:#f3f3f3;border-bottom:2px solid #999}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.null{color:#999}section.table{overflow-x:auto}\n"
    "figure{margin:1em 0}svg.chart{max-width:100%;height:auto}\n"
    "@media print{body{margin:0;max-width:none}figure,tr{break-inside:avoid}"
    "thead{display:table-header-group}}\n";

/* Reals shown "as stored" (-1) are shown for people (see report_cell_text()). */
static int display_decimals(const report_column *col)
{
    return col->decimals == -1 ? REPORT_SIGNIFICANT : col->decimals;
}

/* A column is numeric when no cell holds text. */
static bool column_numeric(const report_table *t, size_t col)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (report_cell_at(t, r, col)->type == CELL_TEXT)
            return false;
    return true;
}

static void write_charts(const report *r, FILE *out)
{
    for (size_t i = 0; i < r->ncharts; i++) {
        chart_data d;
        chart_data_collect(r, &r->charts[i], &d);
        for (size_t j = 0; j < d.npanels; j++) {
            fputs("<figure>\n", out);
            chart_svg_write(r->charts[i].kind, &d.panels[j], out);
            fputs("</figure>\n", out);
        }
        chart_data_free(&d);
    }
}

static void write_table(const report_table *t, FILE *out)
{
    fputs("<section class=\"table\" id=\"table-", out);
    html_put_escaped(out, t->name);
    fputs("\">\n<h2>", out);
    html_put_escaped(out, t->title);
    fputs("</h2>\n<table>\n<thead><tr>", out);
    bool *numeric = xcalloc(t->ncols ? t->ncols : 1, sizeof *numeric);
    for (size_t c = 0; c < t->ncols; c++) {
        numeric[c] = column_numeric(t, c);
        fputs(numeric[c] ? "<th class=\"num\">" : "<th>", out);
        html_put_escaped(out, t->cols[c].name);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    strbuf cell = STRBUF_INIT;
    for (size_t r = 0; r < t->nrows; r++) {
        fputs("<tr>", out);
        for (size_t c = 0; c < t->ncols; c++) {
            const report_cell *v = report_cell_at(t, r, c);
            strbuf_reset(&cell);
            report_cell_text(v, display_decimals(&t->cols[c]), &cell);
            fprintf(out, "<td%s>", v->type == CELL_NULL ? (numeric[c] ? " class=\"num null\""
                    : " class=\"null\"") : numeric[c] ? " class=\"num\"" : "");
            html_put_escaped(out, v->type == CELL_NULL ? "-" : strbuf_str(&cell));
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
    strbuf_free(&cell);
    free(numeric);
}

static void write_notes(const report *r, FILE *out)
{
    if (r->nnotes == 0)
        return;
    fputs("<section class=\"notes\">\n<h2>Notes</h2>\n<ul>\n", out);
    for (size_t i = 0; i < r->nnotes; i++) {
        fputs("<li>", out);
        html_put_escaped(out, r->notes[i]);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n</section>\n", out);
}

static void put_provenance_line(const char *line, void *arg)
{
    FILE *out = arg;
    fputs("<li>", out);
    html_put_escaped(out, line);
    fputs("</li>\n", out);
}

/* How the report was made (provenance.h), as a footer. */
static void write_provenance(const provenance *p, FILE *out)
{
    if (!p)
        return;
    fputs("<footer class=\"provenance\">\n<h2>Provenance</h2>\n<ul>\n", out);
    report_each_provenance_line(p, put_provenance_line, out);
    fputs("</ul>\n</footer>\n", out);
}

void write_html(const report *r, const provenance *p, FILE *out)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>", out);
    html_put_escaped(out, r->title);
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body class=\"report\" "
            "data-report=\"", STYLE);
    html_put_escaped(out, r->name);
    fputs("\">\n<h1>", out);
    html_put_escaped(out, r->title);
    fputs("</h1>\n", out);
    if (r->ncharts) {
        fputs("<section class=\"charts\">\n", out);
        write_charts(r, out);
        fputs("</section>\n", out);
    }
    for (size_t i = 0; i < r->ntables; i++)
        write_table(r->tables[i], out);
    write_notes(r, out);
    write_provenance(p, out);
    fputs("</body>\n</html>\n", out);
}
