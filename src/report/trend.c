/*
 * trend.c - the trend report: one indicator for every region and year,
 * with growth against the previous available year and against the first
 * year (v_growth), then the spread across regions per year (v_gap), then
 * the inequality measures per year (v_inequality, v_sigma_convergence).
 */
#include "report/reports.h"

static const char SQL_TREND_VALUES[] =
    "SELECT g.region_name, g.settlement, g.sex, g.year, g.value, g.prev_year, "
    "       g.growth_pct_yoy, g.base_year, g.growth_pct_base, g.index_base, g.flags "
    "FROM v_growth g JOIN region r ON r.code = g.region "
    "WHERE g.indicator = ?1 "
    "ORDER BY g.settlement, g.sex, r.kind = 'country', g.region_name, g.year";

static const char SQL_TREND_GAPS[] =
    "SELECT year, settlement, sex, n_regions, max_region_name, max_value, "
    "       min_region_name, min_value, gap_ratio, cv_pct, regions_changed "
    "FROM v_gap WHERE indicator = ?1 ORDER BY settlement, sex, year";

/* Each view is filtered and computed once, then the two small results are
 * joined: joined directly, SQLite computed v_sigma_convergence again and
 * again (33 s instead of 10 s on 300 000 rows; docs/performance.md). */
static const char SQL_TREND_DISPERSION[] =
    "WITH i AS MATERIALIZED ("
    "    SELECT year, settlement, sex, n_regions, max_min_ratio, cv, cv_weighted, "
    "           gini, gini_weighted, theil, theil_weighted "
    "    FROM v_inequality WHERE indicator = ?1), "
    "s AS MATERIALIZED ("
    "    SELECT year, settlement, sex, prev_year, direction, regions_changed "
    "    FROM v_sigma_convergence WHERE indicator = ?1) "
    "SELECT i.year, i.settlement, i.sex, i.n_regions, i.max_min_ratio, i.cv, i.cv_weighted, "
    "       i.gini, i.gini_weighted, i.theil, i.theil_weighted, "
    "       s.direction || CASE WHEN s.prev_year IS NOT NULL AND s.regions_changed = 1 "
    "                          THEN ' (regions changed)' ELSE '' END AS direction, "
    "       s.regions_changed "
    "FROM i LEFT JOIN s USING (year, settlement, sex) "
    "ORDER BY i.settlement, i.sex, i.year";

static const char SQL_TREND_TITLE[] =
    "SELECT 'Trend of ' || code || ': ' || name || ', ' || unit || "
    "       CASE WHEN kind = 'money' THEN ' (' || currency || ', ' || price_basis || ')' "
    "            ELSE '' END FROM indicator WHERE code = ?1";
static const char SQL_TREND_MISSING[] =
    "SELECT count(*) FROM observation WHERE indicator = ?1 AND value IS NULL";
static const char SQL_TREND_NO_RATE[] =
    "SELECT count(*) FROM v_amount WHERE indicator = ?1 AND factor IS NULL";
static const char SQL_TREND_CURRENCY[] =
    "SELECT count(*) FROM indicator WHERE code = ?1 AND kind = 'money'";

static const char *const DISPERSION_MEASURES[] = {
    "cv", "cv_weighted", "gini", "gini_weighted", "theil", "theil_weighted", NULL,
};

static oblys_status add_indicator_table(sqlite3 *db, report *r, const char *sql,
                                        const char *indicator, const char *name,
                                        const char *title, report_table **t, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, sql, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_text(stmt, 1, indicator, -1, SQLITE_STATIC);
    st = report_add_query(r, name, title, stmt, t, err);
    sqlite3_finalize(stmt);
    return st;
}

oblys_status report_trend(sqlite3 *db, const report_params *p, report **out, oblys_error *err)
{
    *out = NULL;
    if (!p->indicator)
        return error_set(err, OBLYS_EUSAGE, "report trend needs --indicator CODE");
    oblys_status st = report_require_indicator(db, p->indicator, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_stmt *stmt = NULL;
    st = report_prepare(db, SQL_TREND_TITLE, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_text(stmt, 1, p->indicator, -1, SQLITE_STATIC);
    report *r = report_new("trend", sqlite3_step(stmt) == SQLITE_ROW
                                        ? (const char *)sqlite3_column_text(stmt, 0)
                                        : p->indicator);
    sqlite3_finalize(stmt);
    report_table *values = NULL, *gaps = NULL, *dispersion = NULL;
    st = add_indicator_table(db, r, SQL_TREND_VALUES, p->indicator, "values",
                             "Values and growth (growth in %)", &values, err);
    if (st == OBLYS_OK)
        st = add_indicator_table(db, r, SQL_TREND_GAPS, p->indicator, "gaps",
                                 "Spread across regions per year", &gaps, err);
    if (st == OBLYS_OK)
        st = add_indicator_table(db, r, SQL_TREND_DISPERSION, p->indicator, "dispersion",
                                 "Inequality across regions per year", &dispersion, err);
    if (st != OBLYS_OK) {
        report_free(r);
        return st;
    }
    report_set_decimals(values, "value", -1);
    report_set_decimals(values, "growth_pct_yoy", 1);
    report_set_decimals(values, "growth_pct_base", 1);
    report_set_decimals(values, "index_base", 1);
    report_set_decimals(gaps, "max_value", -1);
    report_set_decimals(gaps, "min_value", -1);
    report_set_decimals(gaps, "cv_pct", 1);
    report_set_decimals(dispersion, "max_min_ratio", 2);
    for (const char *const *c = DISPERSION_MEASURES; *c; c++)
        report_set_decimals(dispersion, *c, 3);
    report_add_chart(r, CHART_LINE, "values", "year", "value", "region_name", "settlement,sex",
                     "Values by region over the years");
    report_add_note(r, "growth_pct_yoy compares with the previous year that has a value "
                    "(prev_year); growth_pct_base and index_base (value as %% of the base "
                    "year's) compare with the first year of the series.");
    report_add_note(r, "Inequality (docs/methodology.md#inequality-measures): cv = standard "
                    "deviation / mean; gini and theil across regions; the _weighted ones weigh "
                    "each region by its population of that year and breakdown (empty when one "
                    "has none). direction: cv falling or rising on the previous year with data; "
                    "\"(regions changed)\" when the regions with a value are not those of that "
                    "previous year (regions_changed = 1): the change then partly reflects "
                    "which regions are counted.");
    int missing = 0, money = 0, no_rate = 0;
    st = report_query_int(db, SQL_TREND_MISSING, p->indicator, &missing, err);
    if (st == OBLYS_OK)
        st = report_query_int(db, SQL_TREND_CURRENCY, p->indicator, &money, err);
    if (st == OBLYS_OK)
        st = report_query_int(db, SQL_TREND_NO_RATE, p->indicator, &no_rate, err);
    if (st != OBLYS_OK) {
        report_free(r);
        return st;
    }
    if (money)
        report_add_note(r, "Growth of money is computed in tenge: each year's value converted "
                        "at that year's average rate (values are shown as published).");
    else
        report_add_note(r, "Growth is computed in the indicator's own unit.");
    if (no_rate)
        report_add_note(r, "%d value%s no exchange rate for their year, so no growth: import "
                        "the rates (seeds/exchange_rates.csv).", no_rate,
                        no_rate == 1 ? " has" : "s have");
    if (missing)
        report_add_note(r, "%d value%s missing and left out (never counted as 0); "
                        "v_observation_source lists them with their reason.", missing,
                        missing == 1 ? " is" : "s are");
    *out = r;
    return OBLYS_OK;
}
