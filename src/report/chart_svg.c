/*
 * chart_svg.c - one chart panel as inline SVG: line charts (a value over
 * the years, one line per region), bump charts (ranks over the years,
 * rank 1 on top, names at the line ends) and horizontal bar charts (one
 * bar per category). No script and no external reference: the HTML
 * writer embeds the output as is, and it prints as drawn.
 *
 * Every series is one <path data-series="NAME"> (bars: one
 * <g data-series="NAME">), so a test can count the series it renders.
 * Coordinates are printed with one decimal: the same data gives the same
 * bytes.
 */
#include "report/chart.h"

#include <math.h>
#include <string.h>

#define WIDTH 960.0
#define PLOT_TOP 40.0
#define PLOT_LEFT 70.0
#define PLOT_BOTTOM_MARGIN 50.0
#define LEGEND_WIDTH 230.0
#define LEGEND_ROW 16.0
#define MIN_HEIGHT 420.0
#define BAR_ROW 26.0
#define BAR_LABEL_WIDTH 300.0
#define BAR_VALUE_WIDTH 60.0

/* Ten distinguishable colours (Tableau 10), then the same with dashes. */
static const char *const COLORS[] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
};
static const char *const DASHES[] = { "", "6 3", "2 2", "8 3 2 3" };
#define NCOLORS (sizeof COLORS / sizeof COLORS[0])
#define NDASHES (sizeof DASHES / sizeof DASHES[0])

typedef struct {
    double min, max;
} range;

typedef struct {
    double left, top, width, height;    /* the plot area */
    range x, y;
    bool y_down;                        /* bump: the smallest y on top */
} frame;

void html_put_escaped(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*p, out); break;
        }
    }
}

static range data_range(const chart_panel *p, bool of_x)
{
    range r = { INFINITY, -INFINITY };
    for (size_t i = 0; i < p->nseries; i++)
        for (size_t j = 0; j < p->series[i].npoints; j++) {
            double v = of_x ? p->series[i].points[j].x : p->series[i].points[j].y;
            if (!isfinite(v))
                continue;
            r.min = fmin(r.min, v);
            r.max = fmax(r.max, v);
        }
    if (r.min > r.max)
        r = (range){ 0, 1 };
    return r;
}

/* A step of 1, 2 or 5 times a power of ten giving about `want` ticks. */
static double nice_step(double span, int want)
{
    if (!(span > 0))
        return 1;
    double raw = span / want;
    double magnitude = pow(10, floor(log10(raw)));
    double f = raw / magnitude;
    return magnitude * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10);
}

static double to_px_x(const frame *f, double x)
{
    return f->left + (x - f->x.min) / (f->x.max - f->x.min) * f->width;
}

static double to_px_y(const frame *f, double y)
{
    double t = (y - f->y.min) / (f->y.max - f->y.min);
    return f->y_down ? f->top + t * f->height : f->top + (1 - t) * f->height;
}

static void put_style(size_t i, FILE *out)
{
    fprintf(out, " stroke=\"%s\"", COLORS[i % NCOLORS]);
    const char *dash = DASHES[(i / NCOLORS) % NDASHES];
    if (*dash)
        fprintf(out, " stroke-dasharray=\"%s\"", dash);
}

static void open_svg(double height, const chart_panel *p, const char *kind, FILE *out)
{
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
            "data-kind=\"%s\" data-series-count=\"%zu\" viewBox=\"0 0 %.0f %.0f\" "
            "width=\"%.0f\" height=\"%.0f\" role=\"img\" font-family=\"sans-serif\" "
            "font-size=\"12\">\n<title>", kind, p->nseries, WIDTH, height, WIDTH, height);
    html_put_escaped(out, p->title);
    fputs("</title>\n<text class=\"chart-title\" x=\"10\" y=\"22\" font-size=\"15\" "
          "font-weight=\"bold\">", out);
    html_put_escaped(out, p->title);
    fputs("</text>\n", out);
}

/* Axis lines, grid, and tick labels; years are whole numbers. */
static void draw_axes(const frame *f, double x_step, double y_step, FILE *out)
{
    fputs("<g class=\"axes\" stroke=\"#888\" fill=\"none\">\n", out);
    fprintf(out, "<path d=\"M%.1f %.1fV%.1fH%.1f\"/>\n", f->left, f->top, f->top + f->height,
            f->left + f->width);
    fputs("</g>\n<g class=\"ticks\" fill=\"#333\">\n", out);
    for (double x = ceil(f->x.min / x_step) * x_step; x <= f->x.max + 1e-9; x += x_step) {
        double px = to_px_x(f, x);
        fprintf(out, "<path d=\"M%.1f %.1fv5\" stroke=\"#888\"/><text x=\"%.1f\" y=\"%.1f\" "
                "text-anchor=\"middle\">%g</text>\n", px, f->top + f->height, px,
                f->top + f->height + 18, x);
    }
    for (double y = ceil(f->y.min / y_step - 1e-9) * y_step; y <= f->y.max + 1e-9;
         y += y_step) {
        double py = to_px_y(f, y);
        fprintf(out, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#e4e4e4\"/><text x=\"%.1f\" "
                "y=\"%.1f\" text-anchor=\"end\">%g</text>\n", f->left, py, f->left + f->width,
                f->left - 6, py + 4, fabs(y) < 1e-12 ? 0.0 : y);
    }
    fputs("</g>\n", out);
}

static void draw_series_path(const frame *f, const chart_series *s, size_t i, FILE *out)
{
    fputs("<path class=\"series\" fill=\"none\" stroke-width=\"2\" data-series=\"", out);
    html_put_escaped(out, s->name);
    fputc('"', out);
    put_style(i, out);
    fputs(" d=\"", out);
    for (size_t j = 0; j < s->npoints; j++)
        fprintf(out, "%s%.1f %.1f", j ? "L" : "M", to_px_x(f, s->points[j].x),
                to_px_y(f, s->points[j].y));
    fputs("\"><title>", out);
    html_put_escaped(out, s->name);
    fputs("</title></path>\n", out);
    for (size_t j = 0; j < s->npoints; j++) {
        fprintf(out, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">"
                "<title>", to_px_x(f, s->points[j].x), to_px_y(f, s->points[j].y),
                COLORS[i % NCOLORS]);
        html_put_escaped(out, s->name);
        fprintf(out, ", %g: %g</title></circle>\n", s->points[j].x, s->points[j].y);
    }
}

static void draw_legend(const frame *f, const chart_panel *p, FILE *out)
{
    fputs("<g class=\"legend\">\n", out);
    double x = f->left + f->width + 20;
    for (size_t i = 0; i < p->nseries; i++) {
        double y = f->top + (double)i * LEGEND_ROW + 6;
        fprintf(out, "<path d=\"M%.1f %.1fh24\" stroke-width=\"2\"", x, y);
        put_style(i, out);
        fprintf(out, "/><text x=\"%.1f\" y=\"%.1f\">", x + 30, y + 4);
        html_put_escaped(out, p->series[i].name);
        fputs("</text>\n", out);
    }
    fputs("</g>\n", out);
}

/* Line and bump charts: x is the year, one path per series. */
static void write_lines(chart_kind kind, const chart_panel *p, FILE *out)
{
    double legend_height = (double)p->nseries * LEGEND_ROW;
    double height = fmax(MIN_HEIGHT, PLOT_TOP + legend_height + PLOT_BOTTOM_MARGIN);
    frame f = { PLOT_LEFT, PLOT_TOP, WIDTH - PLOT_LEFT - LEGEND_WIDTH,
                height - PLOT_TOP - PLOT_BOTTOM_MARGIN, data_range(p, true),
                data_range(p, false), kind == CHART_BUMP };
    /* Half a step of air on each side of the years, so one year is a
     * column in the middle rather than a division by zero. */
    f.x.min -= 0.5;
    f.x.max += 0.5;
    double x_step = fmax(1, nice_step(f.x.max - f.x.min, 10));
    double y_step;
    if (kind == CHART_BUMP) {
        f.y.min = 0.5;
        f.y.max += 0.5;
        y_step = f.y.max <= 21 ? 1 : nice_step(f.y.max - f.y.min, 12);
    } else {
        y_step = nice_step(f.y.max - f.y.min, 6);
        f.y.min = floor(f.y.min / y_step) * y_step;
        f.y.max = ceil(f.y.max / y_step) * y_step;
        if (f.y.max <= f.y.min)
            f.y.max = f.y.min + y_step;
    }
    open_svg(height, p, kind == CHART_BUMP ? "bump" : "line", out);
    draw_axes(&f, x_step, y_step, out);
    fputs("<g class=\"plot\">\n", out);
    for (size_t i = 0; i < p->nseries; i++)
        draw_series_path(&f, &p->series[i], i, out);
    fputs("</g>\n", out);
    draw_legend(&f, p, out);
    fputs("</svg>\n", out);
}

/* Horizontal bars, one per category, in table order, from 0. */
static void write_bars(const chart_panel *p, FILE *out)
{
    size_t nbars = 0;
    for (size_t i = 0; i < p->nseries; i++)
        nbars += p->series[i].npoints;
    double height = PLOT_TOP + (double)nbars * BAR_ROW + PLOT_BOTTOM_MARGIN;
    range y = data_range(p, false);
    double step = nice_step(fmax(y.max, 0) - fmin(y.min, 0), 6);
    frame f = { BAR_LABEL_WIDTH, PLOT_TOP, WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_WIDTH,
                (double)nbars * BAR_ROW, { floor(fmin(y.min, 0) / step) * step,
                ceil(fmax(y.max, 0) / step) * step }, { 0, 1 }, false };
    if (f.x.max <= f.x.min)
        f.x.max = f.x.min + step;
    open_svg(height, p, "bar", out);
    fputs("<g class=\"axes\" stroke=\"#888\">\n", out);
    for (double v = f.x.min; v <= f.x.max + 1e-9; v += step) {
        double px = to_px_x(&f, v);
        fprintf(out, "<path d=\"M%.1f %.1fV%.1f\" stroke=\"%s\"/><text x=\"%.1f\" y=\"%.1f\" "
                "text-anchor=\"middle\" stroke=\"none\" fill=\"#333\">%g</text>\n", px, f.top,
                f.top + f.height, fabs(v) < 1e-12 ? "#888" : "#e4e4e4", px,
                f.top + f.height + 18, fabs(v) < 1e-12 ? 0.0 : v);
    }
    fputs("</g>\n", out);
    size_t row = 0;
    for (size_t i = 0; i < p->nseries; i++) {
        const chart_series *s = &p->series[i];
        fputs("<g class=\"series\" data-series=\"", out);
        html_put_escaped(out, s->name);
        fprintf(out, "\" fill=\"%s\">\n", COLORS[i % NCOLORS]);
        for (size_t j = 0; j < s->npoints; j++, row++) {
            double top = f.top + (double)row * BAR_ROW + 4;
            double x0 = to_px_x(&f, fmin(0, s->points[j].y));
            double x1 = to_px_x(&f, fmax(0, s->points[j].y));
            fprintf(out, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    "height=\"%.1f\"><title>", x0, top, x1 - x0, BAR_ROW - 8);
            html_put_escaped(out, s->points[j].label);
            fprintf(out, ": %g</title></rect>\n<text x=\"%.1f\" y=\"%.1f\" "
                    "text-anchor=\"end\" fill=\"#222\">", s->points[j].y, f.left - 8,
                    top + BAR_ROW / 2);
            html_put_escaped(out, s->points[j].label);
            fprintf(out, "</text><text x=\"%.1f\" y=\"%.1f\" fill=\"#222\">%g</text>\n",
                    x1 + 4, top + BAR_ROW / 2, s->points[j].y);
        }
        fputs("</g>\n", out);
    }
    fputs("</svg>\n", out);
}

void chart_svg_write(chart_kind kind, const chart_panel *p, FILE *out)
{
    if (kind == CHART_BAR)
        write_bars(p, out);
    else
        write_lines(kind, p, out);
}
