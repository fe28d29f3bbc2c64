/*
 * chart.c - chart specs as data (report_add_chart) and the collection of
 * a spec's points from its report table into panels and series, ready for
 * chart_svg.c to draw.
 */
#include "report/chart.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void report_add_chart(report *r, chart_kind kind, const char *table, const char *x_col,
                      const char *y_col, const char *series_col, const char *split_cols,
                      const char *title)
{
    assert(table && x_col && y_col && title);
    r->charts = xrealloc(r->charts, (r->ncharts + 1) * sizeof *r->charts);
    report_chart *c = &r->charts[r->ncharts++];
    c->kind = kind;
    c->table = xstrdup(table);
    c->x_col = xstrdup(x_col);
    c->y_col = xstrdup(y_col);
    c->series_col = xstrdup(series_col);
    c->split_cols = xstrdup(split_cols);
    c->title = xstrdup(title);
}

static void chart_free(report_chart *c)
{
    free(c->table);
    free(c->x_col);
    free(c->y_col);
    free(c->series_col);
    free(c->split_cols);
    free(c->title);
}

void report_free_charts(report *r)
{
    for (size_t i = 0; i < r->ncharts; i++)
        chart_free(&r->charts[i]);
    free(r->charts);
    r->charts = NULL;
    r->ncharts = 0;
}

void report_keep_charts_of(report *r, const char *table)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->ncharts; i++) {
        if (strcmp(r->charts[i].table, table) == 0)
            r->charts[kept++] = r->charts[i];
        else
            chart_free(&r->charts[i]);
    }
    r->ncharts = kept;
}

static const report_table *find_table(const report *r, const char *name)
{
    for (size_t i = 0; i < r->ntables; i++)
        if (strcmp(r->tables[i]->name, name) == 0)
            return r->tables[i];
    return NULL;
}

/* The indexes of the comma-separated columns in list; false when one is
 * missing. *n is 0 for a NULL list. */
static bool column_list(const report_table *t, const char *list, int **cols, size_t *n)
{
    *cols = NULL;
    *n = 0;
    if (!list)
        return true;
    const char *p = list;
    while (*p) {
        size_t len = strcspn(p, ",");
        char *name = xstrndup(p, len);
        int i = report_column_index(t, name);
        free(name);
        if (i < 0) {
            free(*cols);
            *cols = NULL;
            return false;
        }
        *cols = xrealloc(*cols, (*n + 1) * sizeof **cols);
        (*cols)[(*n)++] = i;
        p += len + (p[len] == ',');
    }
    return true;
}

static bool cell_number(const report_cell *c, double *out)
{
    if (c->type == CELL_INT)
        *out = (double)c->i;
    else if (c->type == CELL_REAL)
        *out = c->r;
    else
        return false;
    return true;
}

/* The values of cols in row, joined by ", "; with skip_total, the value
 * "total" (the whole of a settlement or sex breakdown) is left out. */
static void join_values(const report_table *t, size_t row, const int *cols, size_t n,
                        bool skip_total, strbuf *out)
{
    strbuf cell = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        strbuf_reset(&cell);
        report_cell_text(report_cell_at(t, row, (size_t)cols[i]), REPORT_SIGNIFICANT, &cell);
        if (skip_total && strcmp(strbuf_str(&cell), "total") == 0)
            continue;
        strbuf_printf(out, "%s%s", out->len ? ", " : "", strbuf_str(&cell));
    }
    strbuf_free(&cell);
}

static chart_panel *find_panel(chart_data *d, const char *title)
{
    for (size_t i = 0; i < d->npanels; i++)
        if (strcmp(d->panels[i].title, title) == 0)
            return &d->panels[i];
    d->panels = xrealloc(d->panels, (d->npanels + 1) * sizeof *d->panels);
    chart_panel *p = &d->panels[d->npanels++];
    memset(p, 0, sizeof *p);
    p->title = xstrdup(title);
    return p;
}

static chart_series *find_series(chart_panel *p, const char *name)
{
    for (size_t i = 0; i < p->nseries; i++)
        if (strcmp(p->series[i].name, name) == 0)
            return &p->series[i];
    p->series = xrealloc(p->series, (p->nseries + 1) * sizeof *p->series);
    chart_series *s = &p->series[p->nseries++];
    memset(s, 0, sizeof *s);
    s->name = xstrdup(name);
    return s;
}

static void series_append(chart_series *s, double x, double y, const char *label)
{
    if (s->npoints == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->points = xrealloc(s->points, s->cap * sizeof *s->points);
    }
    s->points[s->npoints++] = (chart_point){ x, y, xstrdup(label) };
}

typedef struct {
    int *x, *split;
    size_t nx, nsplit;
    int y, series;
} chart_columns;

static bool resolve_columns(const report_table *t, const report_chart *c, chart_columns *cols)
{
    memset(cols, 0, sizeof *cols);
    cols->y = report_column_index(t, c->y_col);
    cols->series = c->series_col ? report_column_index(t, c->series_col) : -1;
    bool ok = cols->y >= 0 && (!c->series_col || cols->series >= 0);
    ok = column_list(t, c->x_col, &cols->x, &cols->nx) && ok;
    ok = column_list(t, c->split_cols, &cols->split, &cols->nsplit) && ok;
    return ok && cols->nx > 0;
}

static void collect_row(const report_table *t, size_t row, const report_chart *c,
                        const chart_columns *cols, chart_data *out)
{
    double x = 0, y = 0;
    if (!cell_number(report_cell_at(t, row, (size_t)cols->y), &y))
        return;
    if (c->kind != CHART_BAR && !cell_number(report_cell_at(t, row, (size_t)cols->x[0]), &x))
        return;
    strbuf key = STRBUF_INIT, label = STRBUF_INIT;
    join_values(t, row, cols->split, cols->nsplit, false, &key);
    strbuf title = STRBUF_INIT;
    strbuf_printf(&title, "%s%s%s", c->title, key.len ? ": " : "", strbuf_str(&key));
    chart_panel *p = find_panel(out, strbuf_str(&title));
    strbuf_reset(&key);
    if (cols->series >= 0)
        join_values(t, row, &cols->series, 1, false, &key);
    else
        strbuf_append(&key, c->y_col);
    chart_series *s = find_series(p, strbuf_str(&key));
    if (c->kind == CHART_BAR) {
        join_values(t, row, cols->x, cols->nx, true, &label);
        x = (double)s->npoints;
    }
    series_append(s, x, y, c->kind == CHART_BAR ? strbuf_str(&label) : NULL);
    strbuf_free(&key);
    strbuf_free(&label);
    strbuf_free(&title);
}

void chart_data_collect(const report *r, const report_chart *c, chart_data *out)
{
    memset(out, 0, sizeof *out);
    const report_table *t = find_table(r, c->table);
    chart_columns cols;
    bool ok = t && resolve_columns(t, c, &cols);
    assert(ok && "a chart spec names a table and columns its report holds");
    if (ok)
        for (size_t row = 0; row < t->nrows; row++)
            collect_row(t, row, c, &cols, out);
    if (t) {
        free(cols.x);
        free(cols.split);
    }
}

void chart_data_free(chart_data *d)
{
    for (size_t i = 0; i < d->npanels; i++) {
        chart_panel *p = &d->panels[i];
        for (size_t j = 0; j < p->nseries; j++) {
            for (size_t k = 0; k < p->series[j].npoints; k++)
                free(p->series[j].points[k].label);
            free(p->series[j].points);
            free(p->series[j].name);
        }
        free(p->series);
        free(p->title);
    }
    free(d->panels);
    memset(d, 0, sizeof *d);
}
