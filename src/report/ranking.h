/*
 * ranking.h - what the two ranking builders share: ranking.c (the paper's
 * index, v_index) and ranking_index.c (a stored index definition).
 */
#ifndef OBLYS_RANKING_H
#define OBLYS_RANKING_H

#include "report/report.h"

/* Notes on how far t's rank column agrees with its published_rank column:
 * Spearman's rho over the rows with both, and the regions ranked
 * differently (or that there is nothing to compare with). */
void ranking_add_agreement_notes(report *r, const report_table *t);

#endif
