/*
 * ratios.h - what the gender and urban-rural reports share: a ratio view
 * read the same way (one value as % of another, per region, indicator,
 * year and the other breakdown), the ratios of one year, how the gap to
 * parity changed between two years, and where it narrowed or widened most.
 */
#ifndef OBLYS_RATIOS_H
#define OBLYS_RATIOS_H

#include "report/reports.h"

typedef struct {
    const char *name;           /* the report's name, e.g. "gender" */
    const char *what;           /* for titles, e.g. "Women's values as % of men's" */
    const char *sql_years;      /* first and last year with a ratio: ?1 indicator or NULL */
    const char *sql_ratios;     /* ?1 indicator or NULL, ?2 year */
    const char *sql_changes;    /* ?1 indicator or NULL, ?2 from, ?3 to */
    const char *sql_most;       /* the same parameters */
    const char *note;           /* what the ratio is */
} ratio_spec;

/* The queries of a ratio view (v_ratio_sex, v_ratio_settlement) whose
 * other breakdown is column `other` and whose two values are a and b. */
#define RATIO_SQL_YEARS(view) \
    "SELECT min(year), max(year) FROM " view " WHERE ?1 IS NULL OR indicator = ?1"

#define RATIO_SQL_RATIOS(view, other, a, b) \
    "SELECT v.indicator, v." other ", v.region_name, v." a ", v." b ", v.ratio_pct " \
    "FROM " view " v JOIN indicator i ON i.code = v.indicator JOIN region r ON r.code = v.region " \
    "WHERE (?1 IS NULL OR v.indicator = ?1) AND v.year = ?2 " \
    "ORDER BY i.position, v.indicator, v." other ", r.kind = 'country', v.region_name"

#define RATIO_PAIR_CTE(view, other) \
    "WITH pair AS (" \
    "  SELECT a.region_name, a.indicator, a." other ", r.kind, i.position, " \
    "         a.ratio_pct AS ratio_from, b.ratio_pct AS ratio_to, " \
    "         abs(100 - a.ratio_pct) AS gap_from, abs(100 - b.ratio_pct) AS gap_to, " \
    "         abs(100 - b.ratio_pct) - abs(100 - a.ratio_pct) AS gap_change " \
    "  FROM " view " a JOIN " view " b ON b.region = a.region AND b.indicator = a.indicator " \
    "       AND b." other " = a." other " AND b.year = ?3 " \
    "  JOIN region r ON r.code = a.region JOIN indicator i ON i.code = a.indicator " \
    "  WHERE a.year = ?2 AND (?1 IS NULL OR a.indicator = ?1)) "

#define RATIO_SQL_CHANGES(view, other) \
    RATIO_PAIR_CTE(view, other) \
    "SELECT indicator, " other ", region_name, ratio_from, ratio_to, gap_from, gap_to, " \
    "       gap_change, CASE WHEN gap_change < 0 THEN 'narrowed' WHEN gap_change > 0 " \
    "       THEN 'widened' ELSE 'unchanged' END AS verdict " \
    "FROM pair ORDER BY position, indicator, " other ", kind = 'country', gap_change, region_name"

/* Regions (the country left out) tied for the largest narrowing and
 * widening, per indicator and breakdown. */
#define RATIO_SQL_MOST(view, other) \
    RATIO_PAIR_CTE(view, other) \
    "SELECT what, indicator, " other ", region_name, gap_from, gap_to, gap_change FROM (" \
    "  SELECT 'narrowed most' AS what, 0 AS side, p.* FROM pair p WHERE p.kind <> 'country' " \
    "   AND p.gap_change < 0 AND p.gap_change = (SELECT min(q.gap_change) FROM pair q " \
    "   WHERE q.indicator = p.indicator AND q." other " = p." other " AND q.kind <> 'country') " \
    "  UNION ALL " \
    "  SELECT 'widened most', 1, p.* FROM pair p WHERE p.kind <> 'country' " \
    "   AND p.gap_change > 0 AND p.gap_change = (SELECT max(q.gap_change) FROM pair q " \
    "   WHERE q.indicator = p.indicator AND q." other " = p." other " AND q.kind <> 'country')) " \
    "ORDER BY position, indicator, " other ", side, region_name"

/* Builds the report spec describes for p (indicator, year or from/to). */
oblys_status report_ratios(sqlite3 *db, const ratio_spec *spec, const report_params *p,
                           report **out, oblys_error *err);

#endif
