/*
 * stats.h - small statistics the reports compute in C because they
 * compare two rankings rather than describe the data (the descriptive
 * measures live in the SQL views).
 */
#ifndef OBLYS_STATS_H
#define OBLYS_STATS_H

#include <stddef.h>

/* ranks[i] = rank of values[i], 1 = smallest; tied values share the mean
 * of the positions they occupy (1, 2.5, 2.5, 4). */
void stats_average_ranks(const double *values, size_t n, double *ranks);

/* Pearson's correlation of x and y; NAN when n < 2 or either has no
 * variance. */
double stats_pearson(const double *x, const double *y, size_t n);

/* Spearman's rank correlation: Pearson's correlation of the average ranks
 * (correct with ties, and equal to 1 - 6·Σd²/(n(n²-1)) without them). */
double stats_spearman(const double *x, const double *y, size_t n);

#endif
