/*
 * reports.h - the reports oblys prints, each built from the views into a
 * report (report.h) that any writer can print.
 */
#ifndef OBLYS_REPORTS_H
#define OBLYS_REPORTS_H

#include <stdbool.h>
#include <sqlite3.h>

#include "report/report.h"

typedef struct {
    int year;                   /* 0: the latest year with data */
    const char *indicator;      /* NULL: every indicator */
    const char *index;          /* ranking: a stored index definition; NULL: the paper's */
    bool ascii;                 /* plain-ASCII symbols (+2, not an arrow): for CSV */
} report_params;

/* Gaps between regions (v_gap) for one year, or for one indicator over
 * all years, beside the gap the source published where there is one. */
oblys_status report_gaps(sqlite3 *db, const report_params *p, report **out, oblys_error *err);

/* Regions by composite index (v_index) for one year, compared with the
 * published rank where there is one (Spearman's rho, differing ranks). */
oblys_status report_ranking(sqlite3 *db, const report_params *p, report **out, oblys_error *err);
/* Regions by a stored index definition (p->index, required): v_index_def
 * with rank change, v_index_sensitivity's best and worst rank, the
 * published rank, notes on how the index is built, and
 * v_index_attribution for the regions that moved most. */
oblys_status report_ranking_index(sqlite3 *db, const report_params *p, report **out,
                                  oblys_error *err);

/* One indicator (required) for every region and year with growth
 * (v_growth), and its gap per year (v_gap). */
oblys_status report_trend(sqlite3 *db, const report_params *p, report **out, oblys_error *err);

/* Every published figure against the recomputed value (v_check),
 * inconsistent ones first, or only those with status (NULL: all);
 * *n_inconsistent gets the number of inconsistent ones among them. */
oblys_status report_check(sqlite3 *db, const char *status, report **out, int *n_inconsistent,
                          oblys_error *err);

/* Every load (import that changed the database), oldest first. */
oblys_status report_loads(sqlite3 *db, report **out, oblys_error *err);

/* Shared by the builders: prepares sql, or fails with OBLYS_EDB. */
oblys_status report_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt, oblys_error *err);
/* The single integer sql returns (0 for NULL), binding text to ?1 when
 * not NULL. */
oblys_status report_query_int(sqlite3 *db, const char *sql, const char *text, int *out,
                              oblys_error *err);
/* Fails with OBLYS_EUSAGE, listing the known codes, unless indicator exists. */
oblys_status report_require_indicator(sqlite3 *db, const char *indicator, oblys_error *err);

#endif
