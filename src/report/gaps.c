/*
 * gaps.c - the gaps report: for one year, every indicator's spread across
 * regions (max and min with the regions holding them, max/min ratio,
 * coefficient of variation), beside the gap the source published.
 * With --indicator and no --year: that indicator over all years, and its
 * inequality measures year by year, with whether the gap is widening.
 */
#include "report/reports.h"

/* The years of the observations, of one indicator (?1) or of all (NULL). */
static const char SQL_FIRST_YEAR[] =
    "SELECT min(year) FROM observation WHERE ?1 IS NULL OR indicator = ?1";
static const char SQL_LAST_YEAR[] =
    "SELECT max(year) FROM observation WHERE ?1 IS NULL OR indicator = ?1";

/* The latest of the years with the most indicators: one early file for a
 * new year does not make the default a thin report. */
static const char SQL_LATEST_YEAR[] =
    "SELECT year FROM observation GROUP BY year "
    "ORDER BY count(DISTINCT indicator) DESC, year DESC LIMIT 1";

/* One indicator is asked for with a plain `g.indicator = ?2`, which SQLite
 * pushes down into v_gap (only that indicator is computed); the optional
 * form `(?2 IS NULL OR ...)` would compute them all. */
#define SQL_GAPS_SELECT \
    "SELECT g.indicator, g.year, g.settlement, g.sex, g.n_regions, g.n_missing, " \
    "       g.max_region_name, g.max_value, g.min_region_name, g.min_value, " \
    "       g.gap_ratio, g.cv_pct, g.regions_changed, " \
    "       (SELECT p.value FROM published p WHERE p.measure = 'gap_ratio' " \
    "          AND p.indicator = g.indicator AND p.year = g.year AND p.region IS NULL " \
    "          AND p.settlement = g.settlement AND p.sex = g.sex " \
    "        ORDER BY p.source LIMIT 1) AS published_gap_ratio " \
    "FROM v_gap g JOIN indicator i ON i.code = g.indicator "
#define SQL_GAPS_ORDER " ORDER BY i.position, g.indicator, g.year, g.settlement, g.sex"

static const char SQL_GAPS_ALL_INDICATORS[] =
    SQL_GAPS_SELECT "WHERE (?1 = 0 OR g.year = ?1)" SQL_GAPS_ORDER;
static const char SQL_GAPS_ONE_INDICATOR[] =
    SQL_GAPS_SELECT "WHERE g.indicator = ?2 AND (?1 = 0 OR g.year = ?1)" SQL_GAPS_ORDER;

/* Each view filtered and computed once, then the small results joined (as
 * in trend.c: joined directly, v_sigma_convergence is computed again and
 * again). */
static const char SQL_GAPS_OVER_YEARS[] =
    "WITH i AS MATERIALIZED ("
    "    SELECT year, settlement, sex, n_regions, max_min_ratio, cv, gini, theil "
    "    FROM v_inequality WHERE indicator = ?1), "
    "s AS MATERIALIZED ("
    "    SELECT year, settlement, sex, prev_year, cv_change, direction, regions_changed "
    "    FROM v_sigma_convergence WHERE indicator = ?1) "
    "SELECT i.year, i.settlement, i.sex, i.n_regions, i.max_min_ratio, i.cv, i.gini, i.theil, "
    "       s.prev_year, s.cv_change, "
    "       CASE s.direction WHEN 'rising' THEN 'widening' WHEN 'falling' THEN 'narrowing' "
    "            ELSE s.direction END "
    "       || CASE WHEN s.prev_year IS NOT NULL AND s.regions_changed = 1 "
    "               THEN ' (regions changed)' ELSE '' END AS gap_trend, "
    "       s.regions_changed "
    "FROM i LEFT JOIN s USING (year, settlement, sex) "
    "ORDER BY i.settlement, i.sex, i.year";

/* The measures over the years, for one indicator (no --year). */
static oblys_status add_inequality_over_years(sqlite3 *db, report *r, const char *indicator,
                                              oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_GAPS_OVER_YEARS, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_text(stmt, 1, indicator, -1, SQLITE_STATIC);
    report_table *t = NULL;
    st = report_add_query(r, "inequality", "Inequality across regions over the years", stmt,
                          &t, err);
    sqlite3_finalize(stmt);
    if (st != OBLYS_OK)
        return st;
    report_set_decimals(t, "cv", 3);
    report_set_decimals(t, "gini", 3);
    report_set_decimals(t, "theil", 3);
    report_set_decimals(t, "cv_change", 3);
    report_add_note(r, "gap_trend: widening when the coefficient of variation (cv) rose on the "
                    "previous year with data (prev_year), narrowing when it fell "
                    "(v_sigma_convergence; docs/methodology.md#inequality-measures); "
                    "\"(regions changed)\" when the regions with a value are not those of "
                    "prev_year (regions_changed = 1): the change then partly reflects which "
                    "regions are counted.");
    return OBLYS_OK;
}

/* A year asked for that has no gap: the note says which years have data
 * (of the indicator asked for, or of any). */
static oblys_status add_empty_year_note(sqlite3 *db, report *r, int year, const char *indicator,
                                        oblys_error *err)
{
    int first = 0, last = 0;
    oblys_status st = report_query_int(db, SQL_FIRST_YEAR, indicator, &first, err);
    if (st == OBLYS_OK)
        st = report_query_int(db, SQL_LAST_YEAR, indicator, &last, err);
    if (st != OBLYS_OK)
        return st;
    if (indicator && first)
        report_add_note(r, "No gap in %d: %s has values for fewer than two regions that year "
                        "(its observations run from %d to %d).", year, indicator, first, last);
    else if (indicator)
        report_add_note(r, "No gap in %d: %s has no observations.", year, indicator);
    else if (first)
        report_add_note(r, "No gap in %d: no indicator has values for two or more regions "
                        "that year (the observations run from %d to %d).", year, first, last);
    return OBLYS_OK;
}

static void add_gap_notes(report *r)
{
    report_add_note(r, "gap_ratio = max_value / min_value across the regions and cities; "
                    "the republic total never takes part. cv_pct = population standard "
                    "deviation / mean x 100.");
    report_add_note(r, "regions_changed = 1 where the set of regions differs from the "
                    "previous year (a split or a missing region moves the extremes by itself).");
    report_add_note(r, "published_gap_ratio is the figure as the source printed it; "
                    "`oblys check` says whether the rounding of the inputs explains a "
                    "difference.");
}

oblys_status report_gaps(sqlite3 *db, const report_params *p, report **out, oblys_error *err)
{
    *out = NULL;
    int year = p->year;
    oblys_status st = OBLYS_OK;
    if (p->indicator)
        st = report_require_indicator(db, p->indicator, err);
    if (st == OBLYS_OK && year == 0 && !p->indicator)
        st = report_query_int(db, SQL_LATEST_YEAR, NULL, &year, err);
    if (st != OBLYS_OK)
        return st;
    if (year == 0 && !p->indicator)
        return error_set(err, OBLYS_EDATA, "the database holds no observations yet: import "
                         "some first (docs/data-format.md)");
    strbuf title = STRBUF_INIT;
    if (year)
        strbuf_printf(&title, "Gaps between regions, %d", year);
    else
        strbuf_printf(&title, "Gaps between regions: %s, all years", p->indicator);
    sqlite3_stmt *stmt = NULL;
    st = report_prepare(db, p->indicator ? SQL_GAPS_ONE_INDICATOR : SQL_GAPS_ALL_INDICATORS,
                        &stmt, err);
    if (st == OBLYS_OK) {
        sqlite3_bind_int(stmt, 1, year);
        if (p->indicator)
            sqlite3_bind_text(stmt, 2, p->indicator, -1, SQLITE_STATIC);
        report *r = report_new("gaps", strbuf_str(&title));
        report_table *t = NULL;
        st = report_add_query(r, "gaps", "Spread across regions", stmt, &t, err);
        if (st == OBLYS_OK) {
            report_set_decimals(t, "max_value", -1);
            report_set_decimals(t, "min_value", -1);
            report_set_decimals(t, "cv_pct", 1);
            report_set_decimals(t, "published_gap_ratio", -1);
            report_add_chart(r, CHART_BAR, "gaps", year ? "indicator,settlement,sex"
                             : "year,settlement,sex", "gap_ratio", NULL, NULL,
                             "Gap between regions: max / min");
            add_gap_notes(r);
            if (year != 0 && t->nrows == 0)
                st = add_empty_year_note(db, r, year, p->indicator, err);
            if (st == OBLYS_OK && year == 0)
                st = add_inequality_over_years(db, r, p->indicator, err);
        }
        if (st == OBLYS_OK) {
            *out = r;
        } else {
            report_free(r);
        }
    }
    sqlite3_finalize(stmt);
    strbuf_free(&title);
    return st;
}
