/*
 * chart.h - charts of a report: the specs are data in the report
 * (report_chart, report.h); chart.c turns a spec and its table into
 * panels of series of points, chart_svg.c draws a panel as inline SVG for
 * the HTML writer. Nothing here runs a query: a chart only reads a table
 * the report already holds, so every format shows the same numbers.
 */
#ifndef OBLYS_CHART_H
#define OBLYS_CHART_H

#include <stdio.h>

#include "report/report.h"

typedef struct {
    double x, y;
    char *label;                /* BAR: the category; LINE/BUMP: NULL */
} chart_point;

typedef struct {
    char *name;                 /* the series column's value (BAR: the y column) */
    size_t npoints, cap;
    chart_point *points;        /* in table order */
} chart_series;

/* One drawing: the rows of one combination of the split columns. */
typedef struct {
    char *title;                /* the chart's title, plus the split values */
    size_t nseries;
    chart_series *series;       /* in order of first appearance */
} chart_panel;

typedef struct {
    size_t npanels;
    chart_panel *panels;        /* in order of first appearance */
} chart_data;

/* Collects the points of chart c from its table in r. Rows whose y (or,
 * for LINE and BUMP, x) is not a number are left out; a series with no
 * point is not created. A spec naming a missing table or column yields no
 * panel. Free with chart_data_free(). */
void chart_data_collect(const report *r, const report_chart *c, chart_data *out);
void chart_data_free(chart_data *d);

/* Writes panel p of a chart of kind as one <svg> element: axes, ticks,
 * labels, a legend, one <path> per series carrying data-series="NAME"
 * (BAR: one <g data-series> holding a <rect> per category), and <title>
 * tooltips. Deterministic: the same data gives the same bytes. */
void chart_svg_write(chart_kind kind, const chart_panel *p, FILE *out);

/* Writes text with &, <, >, " and ' as HTML entities (HTML and SVG). */
void html_put_escaped(FILE *out, const char *text);

#endif
