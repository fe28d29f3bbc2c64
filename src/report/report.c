/*
 * report.c - building the report model from query results (see report.h).
 */
#include "report/report.h"
#include "report/provenance.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_REAL_DECIMALS 2

report *report_new(const char *name, const char *title)
{
    report *r = xcalloc(1, sizeof *r);
    r->name = xstrdup(name);
    r->title = xstrdup(title);
    return r;
}

static void table_free(report_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i].text);
    for (size_t i = 0; i < t->ncols; i++)
        free(t->cols[i].name);
    free(t->cells);
    free(t->cols);
    free(t->name);
    free(t->title);
    free(t);
}

void report_free(report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->ntables; i++)
        table_free(r->tables[i]);
    for (size_t i = 0; i < r->nnotes; i++)
        free(r->notes[i]);
    report_free_charts(r);
    free(r->tables);
    free(r->notes);
    free(r->name);
    free(r->title);
    free(r);
}

oblys_status report_keep_table(report *r, const char *name, oblys_error *err)
{
    report_table *kept = NULL;
    for (size_t i = 0; i < r->ntables; i++)
        if (!kept && strcmp(r->tables[i]->name, name) == 0)
            kept = r->tables[i];
    if (!kept) {
        strbuf names = STRBUF_INIT;
        for (size_t i = 0; i < r->ntables; i++)
            strbuf_printf(&names, "%s%s", i ? ", " : "", r->tables[i]->name);
        error_set(err, OBLYS_EUSAGE, "there is no table \"%s\" (the tables of %s: %s)", name,
                  r->name, r->ntables ? strbuf_str(&names) : "none");
        strbuf_free(&names);
        return OBLYS_EUSAGE;
    }
    for (size_t i = 0; i < r->ntables; i++)
        if (r->tables[i] != kept)
            table_free(r->tables[i]);
    r->tables[0] = kept;
    r->ntables = 1;
    report_keep_charts_of(r, name);
    return OBLYS_OK;
}

static report_table *table_new(const char *name, const char *title, sqlite3_stmt *stmt)
{
    report_table *t = xcalloc(1, sizeof *t);
    t->name = xstrdup(name);
    t->title = xstrdup(title);
    t->ncols = (size_t)sqlite3_column_count(stmt);
    t->cols = xcalloc(t->ncols, sizeof *t->cols);
    for (size_t i = 0; i < t->ncols; i++) {
        t->cols[i].name = xstrdup(sqlite3_column_name(stmt, (int)i));
        t->cols[i].decimals = DEFAULT_REAL_DECIMALS;
    }
    return t;
}

static void table_append_row(report_table *t, sqlite3_stmt *stmt)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->cells = xrealloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
    }
    report_cell *row = t->cells + t->nrows * t->ncols;
    for (size_t i = 0; i < t->ncols; i++) {
        report_cell *c = &row[i];
        memset(c, 0, sizeof *c);
        switch (sqlite3_column_type(stmt, (int)i)) {
        case SQLITE_INTEGER:
            c->type = CELL_INT;
            c->i = sqlite3_column_int64(stmt, (int)i);
            break;
        case SQLITE_FLOAT:
            c->type = CELL_REAL;
            c->r = sqlite3_column_double(stmt, (int)i);
            break;
        case SQLITE_NULL:
            c->type = CELL_NULL;
            break;
        default:
            c->type = CELL_TEXT;
            c->text = xstrdup((const char *)sqlite3_column_text(stmt, (int)i));
            break;
        }
    }
    t->nrows++;
}

oblys_status report_add_query(report *r, const char *name, const char *title,
                              sqlite3_stmt *stmt, report_table **out, oblys_error *err)
{
    report_table *t = table_new(name, title, stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        table_append_row(t, stmt);
    if (rc != SQLITE_DONE) {
        table_free(t);
        return error_set(err, OBLYS_EDB, "query for %s failed: %s", name,
                         sqlite3_errmsg(sqlite3_db_handle(stmt)));
    }
    r->tables = xrealloc(r->tables, (r->ntables + 1) * sizeof *r->tables);
    r->tables[r->ntables++] = t;
    if (out)
        *out = t;
    return OBLYS_OK;
}

int report_column_index(const report_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

void report_set_decimals(report_table *t, const char *column, int decimals)
{
    int i = report_column_index(t, column);
    if (i >= 0)
        t->cols[i].decimals = decimals;
}

const report_cell *report_cell_at(const report_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

void report_add_note(report *r, const char *fmt, ...)
{
    strbuf sb = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
    r->notes[r->nnotes++] = strbuf_detach(&sb);
}

void report_add_notes(report *r, const char *lines)
{
    while (*lines) {
        const char *end = strchr(lines, '\n');
        size_t n = end ? (size_t)(end - lines) : strlen(lines);
        report_add_note(r, "%.*s", (int)n, lines);
        lines += n + (end ? 1 : 0);
    }
}

/* The shortest of "%.15g" and "%.17g" that reads back as v. */
static void shortest_text(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
}

/* At most 10 significant digits and no exponent: a figure as a source
 * printed it (250000.5, 1234567, 0.1234567), shown whole even where six
 * significant digits are asked for. */
static bool few_significant_digits(const char *text)
{
    if (strchr(text, 'e'))
        return false;
    int digits = 0;
    bool leading = true;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            continue;
        leading = leading && *p == '0';
        digits += !leading;
    }
    return digits <= 10;
}

/* v rounded to decimals places as a person rounds it: half away from zero,
 * on the figure's decimal digits, first 12 significant digits of them (or
 * as many as are kept and one more, up to the 17 a double holds), so that
 * the binary noise of a computation does not decide a tie (100 * (15.2 /
 * 12.8 - 1) is 18.74999999999998 in binary, and shows as 18.8 beside 118.8,
 * not 18.7). A figure that rounds to zero is 0, never -0. */
static double round_as_written(double v, int decimals)
{
    if (!isfinite(v))
        return v;
    if (v == 0)
        return 0;
    char digits[40];
    snprintf(digits, sizeof digits, "%.16e", fabs(v));
    int exponent = atoi(strchr(digits, 'e') + 1);
    int keep = exponent + 1 + decimals;                      /* significant digits kept */
    int significant = keep < 12 ? 12 : keep + 1;
    if (significant > 17)
        return v;
    if (keep < 0)
        return 0;
    snprintf(digits, sizeof digits, "%.*e", significant - 1, fabs(v));
    exponent = atoi(strchr(digits, 'e') + 1);                /* 9.99... may have become 10 */
    keep = exponent + 1 + decimals;
    if (keep < 0)
        return 0;
    char mantissa[20];                                       /* the digits, no point */
    mantissa[0] = digits[0];
    memcpy(mantissa + 1, digits + 2, (size_t)significant - 1);
    mantissa[significant] = '\0';
    bool up = keep < significant && mantissa[keep] >= '5';
    mantissa[keep < significant ? keep : significant] = '\0';
    double kept = keep > 0 ? strtod(mantissa, NULL) : 0;
    int scale = exponent + 1 - keep;                         /* 10^scale per unit kept */
    double rounded = scale >= 0 ? (kept + up) * pow(10, scale) : (kept + up) / pow(10, -scale);
    if (rounded == 0)
        return 0;
    return v < 0 ? -rounded : rounded;
}

void report_cell_text(const report_cell *c, int decimals, strbuf *out)
{
    switch (c->type) {
    case CELL_NULL:
        return;
    case CELL_INT:
        strbuf_printf(out, "%lld", c->i);
        return;
    case CELL_TEXT:
        strbuf_append(out, c->text);
        return;
    case CELL_REAL:
        break;
    }
    if (decimals >= 0) {
        strbuf_printf(out, "%.*f", decimals, round_as_written(c->r, decimals));
        return;
    }
    char buf[64];
    shortest_text(c->r, buf, sizeof buf);
    if (decimals == REPORT_SIGNIFICANT && !few_significant_digits(buf)) {
        /* A computed figure: six significant digits, but whole numbers of
         * a million and more written out (1234567, not 1.23457e+06). */
        double a = fabs(c->r);
        snprintf(buf, sizeof buf, a >= 1e6 && a < 1e15 ? "%.0f" : "%.6g", c->r);
    }
    strbuf_append(out, buf);
}

bool report_format_parse(const char *name, report_format *out)
{
    static const struct { const char *name; report_format format; } formats[] = {
        { "text", FORMAT_TEXT }, { "csv", FORMAT_CSV }, { "json", FORMAT_JSON },
        { "md", FORMAT_MD }, { "markdown", FORMAT_MD }, { "xlsx", FORMAT_XLSX },
        { "html", FORMAT_HTML },
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(name, formats[i].name) == 0) {
            *out = formats[i].format;
            return true;
        }
    return false;
}

void report_write(const report *r, const provenance *p, report_format format, FILE *out)
{
    switch (format) {
    case FORMAT_TEXT:
        write_text(r, p, out);
        break;
    case FORMAT_CSV:
        write_csv(r, p, out);
        break;
    case FORMAT_JSON:
        write_json(r, p, out);
        break;
    case FORMAT_MD:
        write_md(r, p, out);
        break;
    case FORMAT_HTML:
        write_html(r, p, out);
        break;
    case FORMAT_XLSX: {
        oblys_error ignored = OBLYS_ERROR_INIT;
        write_xlsx(r, p, out, &ignored);
        error_clear(&ignored);
        break;
    }
    }
}

void report_each_provenance_line(const provenance *p, void (*line)(const char *, void *),
                                 void *arg)
{
    strbuf text = STRBUF_INIT;
    provenance_describe(p, &text);
    char *start = text.data;
    while (start) {
        char *end = strchr(start, '\n');
        if (end)
            *end = '\0';
        line(start, arg);
        start = end ? end + 1 : NULL;
    }
    strbuf_free(&text);
}
