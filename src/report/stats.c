/*
 * stats.c - rank correlation (see stats.h).
 */
#include "report/stats.h"

#include <math.h>
#include <stdlib.h>

#include "util/strbuf.h"

typedef struct {
    double value;
    size_t index;
} indexed_value;

static int compare_indexed(const void *a, const void *b)
{
    double x = ((const indexed_value *)a)->value, y = ((const indexed_value *)b)->value;
    return (x > y) - (x < y);
}

void stats_average_ranks(const double *values, size_t n, double *ranks)
{
    indexed_value *sorted = xcalloc(n, sizeof *sorted);
    for (size_t i = 0; i < n; i++)
        sorted[i] = (indexed_value){ values[i], i };
    qsort(sorted, n, sizeof *sorted, compare_indexed);
    for (size_t start = 0; start < n;) {
        size_t end = start + 1;
        while (end < n && sorted[end].value == sorted[start].value)
            end++;
        double mean_position = (double)(start + 1 + end) / 2.0;  /* positions start+1..end */
        for (size_t k = start; k < end; k++)
            ranks[sorted[k].index] = mean_position;
        start = end;
    }
    free(sorted);
}

double stats_pearson(const double *x, const double *y, size_t n)
{
    if (n < 2)
        return NAN;
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx == 0 || syy == 0)
        return NAN;
    return sxy / sqrt(sxx * syy);
}

double stats_spearman(const double *x, const double *y, size_t n)
{
    double *rx = xcalloc(n, sizeof *rx), *ry = xcalloc(n, sizeof *ry);
    stats_average_ranks(x, n, rx);
    stats_average_ranks(y, n, ry);
    double rho = stats_pearson(rx, ry, n);
    free(rx);
    free(ry);
    return rho;
}
