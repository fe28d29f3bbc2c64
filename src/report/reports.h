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
    const char *region;         /* report region: a code or any spelling */
    int from, to;               /* report changes, gender, urban-rural; 0: not given */
    double threshold_pct;       /* report changes: jumps beyond it; < 0: the default */
    const char *index;          /* ranking: a stored index definition; NULL: the paper's */
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
                          int *n_findings, oblys_error *err);

/* Adds the "rules" table: every finding of the validation rules
 * (v_rule_finding); *n_findings gets their number. (rules.c) */
oblys_status report_add_rule_findings(sqlite3 *db, report *r, int *n_findings, oblys_error *err);

/* One region's profile (p->region, required): every indicator's value in
 * p->year (0: its latest), rank among regions, change from the previous
 * year with a value, improved or worsened by polarity; then what improved
 * and worsened most. (region.c) */
oblys_status report_region(sqlite3 *db, const report_params *p, report **out, oblys_error *err);

/* Women's values as % of men's (v_ratio_sex) per region, and how the gap
 * to parity changed between two years. (gender.c) */
oblys_status report_gender(sqlite3 *db, const report_params *p, report **out, oblys_error *err);

/* Rural values as % of urban (v_ratio_settlement), the same way.
 * (urban_rural.c) */
oblys_status report_urban_rural(sqlite3 *db, const report_params *p, report **out,
                                oblys_error *err);

/* What moved most between p->from and p->to (both required): ranks by
 * the index, gaps between regions, values beyond p->threshold_pct.
 * (changes.c) */
oblys_status report_changes(sqlite3 *db, const report_params *p, report **out, oblys_error *err);

/* The default threshold of report changes, in %. */
#define REPORT_CHANGES_THRESHOLD_PCT 20.0

/* Every load (import that changed the database), oldest first. */
oblys_status report_loads(sqlite3 *db, report **out, oblys_error *err);

/* A named parameter of `oblys sql`: name without its ':', '@' or '$'. */
typedef struct {
    const char *name;
    const char *value;
} sql_param;

/* Runs sql (one or more statements separated by ';') read-only, each
 * statement's result one table of *out (see sql.c for how writes are
 * refused). Parameters :name, @name or $name take the value of the
 * params entry of that name, as an integer or real when all of it reads
 * as one, else as text. Fails with OBLYS_EUSAGE when a statement could
 * write (nothing runs then), a parameter has no value or a value no
 * parameter, OBLYS_EDB on an SQL error. Leaves no authorizer on db. */
oblys_status report_sql(sqlite3 *db, const char *sql, const sql_param *params, size_t nparams,
                        report **out, oblys_error *err);

/* Shared by the builders: prepares sql, or fails with OBLYS_EDB. */
oblys_status report_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt, oblys_error *err);
/* The single integer sql returns (0 for NULL), binding text to ?1 when
 * not NULL. */
oblys_status report_query_int(sqlite3 *db, const char *sql, const char *text, int *out,
                              oblys_error *err);
/* Fails with OBLYS_EUSAGE, listing the known codes, unless indicator exists. */
oblys_status report_require_indicator(sqlite3 *db, const char *indicator, oblys_error *err);

#endif
