/*
 * report.h - a report as data: titled tables of typed cells, plus notes.
 *
 * Report builders (gaps.c, ranking.c, trend.c, check.c) fill a report from
 * the views; writers (write_*.c) turn any report into one output format.
 * Adding a format never touches a query, and every report exists in every
 * format. Column names are the names of the view columns they come from,
 * so a CSV header can be matched to docs/views.md.
 */
#ifndef OBLYS_REPORT_H
#define OBLYS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sqlite3.h>

#include "util/error.h"

/* How a report was made (provenance.h); writers print it when given one. */
typedef struct provenance provenance;

typedef enum { CELL_NULL, CELL_INT, CELL_REAL, CELL_TEXT } cell_type;

typedef struct {
    cell_type type;
    long long i;
    double r;
    char *text;                 /* owned, CELL_TEXT only */
} report_cell;

typedef struct {
    char *name;
    int decimals;               /* digits after the point in text and Markdown; -1: as stored */
} report_column;

typedef struct {
    char *name;                 /* machine name, e.g. "gaps" */
    char *title;                /* for people, e.g. "Gaps between regions, 2021" */
    size_t ncols;
    report_column *cols;
    size_t nrows, cap;
    report_cell *cells;         /* nrows * ncols, row by row */
} report_table;

/* A chart drawn from one of the report's tables (chart.c; the HTML writer
 * draws them, other writers ignore or list them). Column names refer to
 * the table named by table. */
typedef enum { CHART_LINE, CHART_BUMP, CHART_BAR } chart_kind;

typedef struct {
    chart_kind kind;            /* LINE: y over x per series; BUMP: ranks, 1 on top;
                                   BAR: one bar per row */
    char *table;                /* the report table holding the data */
    char *x_col;                /* LINE/BUMP: the year column; BAR: the category
                                   column(s), comma-separated, joined into a label */
    char *y_col;                /* the value, rank or ratio */
    char *series_col;           /* LINE/BUMP: one line per distinct value; BAR: NULL */
    char *split_cols;           /* comma-separated: one chart per distinct combination
                                   of these columns' values; NULL: one chart */
    char *title;
} report_chart;

typedef struct {
    char *name;                 /* the report's name, e.g. "ranking" */
    char *title;
    size_t ntables;
    report_table **tables;
    size_t nnotes;
    char **notes;               /* sentences shown under the tables */
    size_t ncharts;
    report_chart *charts;       /* drawn by the HTML writer (chart.c) */
} report;

report *report_new(const char *name, const char *title);
void report_free(report *r);

/* Adds a table whose columns and rows are the result of stmt (stepped to
 * the end here; the caller binds and finalizes it). Reals are shown with
 * 2 decimals unless report_set_decimals() says otherwise. */
oblys_status report_add_query(report *r, const char *name, const char *title,
                              sqlite3_stmt *stmt, report_table **out, oblys_error *err);

void report_set_decimals(report_table *t, const char *column, int decimals);
void report_add_note(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds each line of lines (may be empty) as a note. */
void report_add_notes(report *r, const char *lines);

/* The index of column name in t, or -1. */
int report_column_index(const report_table *t, const char *name);
const report_cell *report_cell_at(const report_table *t, size_t row, size_t col);

/* Adds a chart spec (copied) to r; see report_chart. series_col and
 * split_cols may be NULL. Implemented in chart.c. */
void report_add_chart(report *r, chart_kind kind, const char *table, const char *x_col,
                      const char *y_col, const char *series_col, const char *split_cols,
                      const char *title);
/* Frees r's chart specs (called by report_free). */
void report_free_charts(report *r);
/* Drops the charts drawn from any other table than table (chart.c). */
void report_keep_charts_of(report *r, const char *table);

/* Keeps only the table named name (and its charts; the notes stay), for
 * `report --table`; an error naming the report's tables when it has none
 * of that name. */
oblys_status report_keep_table(report *r, const char *name, oblys_error *err);

typedef enum { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON, FORMAT_MD, FORMAT_XLSX,
               FORMAT_HTML } report_format;

/* Parses "text", "csv", "json", "md" (or "markdown"), "xlsx", "html". */
bool report_format_parse(const char *name, report_format *out);
/* Writes r to out in format, with its provenance p unless p is NULL: a
 * footer in text, Markdown and HTML, a "provenance" object in JSON, "#"
 * comment lines before the header in CSV, an "About" sheet in XLSX. XLSX
 * errors (a temporary file that cannot be written) are lost here: callers
 * that care call write_xlsx themselves. */
void report_write(const report *r, const provenance *p, report_format format, FILE *out);

/* The writers, one per format (write_*.c); p may be NULL. */
void write_text(const report *r, const provenance *p, FILE *out);
void write_csv(const report *r, const provenance *p, FILE *out);
void write_json(const report *r, const provenance *p, FILE *out);
void write_md(const report *r, const provenance *p, FILE *out);
void write_html(const report *r, const provenance *p, FILE *out);
/* XLSX is binary and written through a temporary file (libxlsxwriter
 * writes to a file name), then copied to out. */
oblys_status write_xlsx(const report *r, const provenance *p, FILE *out, oblys_error *err);

/* Calls line(text, arg) for each line of p's description for people. */
void report_each_provenance_line(const provenance *p, void (*line)(const char *, void *),
                                 void *arg);

/* Shared by writers: a cell as text, with decimals for reals (-1: the
 * shortest text that reads back as the same number; REPORT_SIGNIFICANT,
 * for people: the same when it has at most 10 significant digits, as a
 * published figure does, else six significant digits, with whole numbers
 * of a million and more written out). "" for NULL. */
#define REPORT_SIGNIFICANT (-2)
void report_cell_text(const report_cell *c, int decimals, strbuf *out);

#endif
