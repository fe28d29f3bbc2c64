/*
 * changes.c - the changes report, a digest for a briefing: between two
 * years, the regions whose rank by the composite index moved most
 * (v_index), the indicators whose gap between regions widened or narrowed
 * most (v_gap), and the values that changed by more than a threshold.
 */
#include <math.h>

#include "report/reports.h"

static const char SQL_RANKS[] =
    "SELECT b.region_name, a.rank AS rank_from, b.rank AS rank_to, "
    "       a.rank - b.rank AS rank_change, a.\"index\" AS index_from, b.\"index\" AS index_to "
    "FROM v_index a JOIN v_index b ON b.region = a.region AND b.year = ?2 "
    "WHERE a.year = ?1 ORDER BY abs(a.rank - b.rank) DESC, b.rank, b.region_name";

/* v_gap is computed once for both years (g), not once per side of the
 * join. regions_changed is 1 when the regions with a value are not the
 * same in both years (as v_gap's column, but between the two years
 * compared): a split or a missing region moves the extremes by itself. */
static const char SQL_GAPS[] =
    "WITH g AS MATERIALIZED ("
    "    SELECT indicator, year, settlement, sex, gap_ratio FROM v_gap "
    "    WHERE year IN (?1, ?2) AND (?3 IS NULL OR indicator = ?3)), "
    "present AS ("
    "    SELECT o.indicator, o.settlement, o.sex, o.region, count(DISTINCT o.year) AS n_years "
    "    FROM observation o JOIN region r ON r.code = o.region "
    "    WHERE r.kind <> 'country' AND o.value IS NOT NULL AND o.year IN (?1, ?2) "
    "      AND (?3 IS NULL OR o.indicator = ?3) "
    "    GROUP BY o.indicator, o.settlement, o.sex, o.region), "
    "changed AS ("
    "    SELECT indicator, settlement, sex, max(n_years < 2) AS regions_changed FROM present "
    "    GROUP BY indicator, settlement, sex) "
    "SELECT a.indicator, a.settlement, a.sex, a.gap_ratio AS gap_from, b.gap_ratio AS gap_to, "
    "       b.gap_ratio - a.gap_ratio AS gap_change, "
    "       100.0 * (b.gap_ratio / a.gap_ratio - 1) AS gap_change_pct, "
    "       c.regions_changed, "
    "       CASE WHEN b.gap_ratio > a.gap_ratio THEN 'widened' "
    "            WHEN b.gap_ratio < a.gap_ratio THEN 'narrowed' ELSE 'unchanged' END "
    "       || CASE WHEN c.regions_changed THEN ' (regions changed)' ELSE '' END AS verdict "
    "FROM g a JOIN g b ON b.indicator = a.indicator AND b.settlement = a.settlement "
    "     AND b.sex = a.sex AND b.year = ?2 "
    "JOIN indicator i ON i.code = a.indicator "
    "JOIN changed c ON c.indicator = a.indicator AND c.settlement = a.settlement "
    "     AND c.sex = a.sex "
    "WHERE a.year = ?1 "
    "  AND a.gap_ratio IS NOT NULL AND b.gap_ratio IS NOT NULL "
    "ORDER BY abs(b.gap_ratio / a.gap_ratio - 1) DESC, i.position, a.indicator, a.settlement, "
    "         a.sex";

static const char SQL_JUMPS[] =
    "SELECT r.name AS region_name, a.indicator, a.settlement, a.sex, a.value AS value_from, "
    "       b.value AS value_to, 100.0 * (b.value / a.value - 1) AS change_pct "
    "FROM observation a JOIN observation b ON b.region = a.region "
    "     AND b.indicator = a.indicator AND b.settlement = a.settlement AND b.sex = a.sex "
    "     AND b.year = ?2 "
    "JOIN region r ON r.code = a.region JOIN indicator i ON i.code = a.indicator "
    "WHERE a.year = ?1 AND (?3 IS NULL OR a.indicator = ?3) AND a.value <> 0 "
    "  AND abs(100.0 * (b.value / a.value - 1)) > ?4 "
    "ORDER BY abs(b.value / a.value - 1) DESC, i.position, a.indicator, r.name, a.settlement, "
    "         a.sex";

/* The change_pct a value must exceed to be listed as a jump: the
 * threshold, plus what binary floating point adds to a change of exactly
 * the threshold (8 -> 10.4 computes as 30.000000000000004 %, which is not
 * "more than 30 %"). Published values have a few significant digits, so a
 * real change is never within a billionth of a point of the threshold. */
static double jump_cutoff(double threshold_pct)
{
    return threshold_pct + 1e-9 * (1.0 + fabs(threshold_pct));
}

static oblys_status add_changes_table(sqlite3 *db, report *r, const char *sql,
                                      const report_params *p, double threshold, const char *name,
                                      const char *title, report_table **t, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, sql, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_int(stmt, 1, p->from);
    sqlite3_bind_int(stmt, 2, p->to);
    if (sqlite3_bind_parameter_count(stmt) >= 3 && p->indicator)
        sqlite3_bind_text(stmt, 3, p->indicator, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(stmt) >= 4)
        sqlite3_bind_double(stmt, 4, jump_cutoff(threshold));
    st = report_add_query(r, name, title, stmt, t, err);
    sqlite3_finalize(stmt);
    return st;
}

static oblys_status check_changes_params(const report_params *p, oblys_error *err)
{
    if (!p->from || !p->to)
        return error_set(err, OBLYS_EUSAGE, "report changes needs --from YEAR and --to YEAR");
    if (p->from >= p->to)
        return error_set(err, OBLYS_EUSAGE, "--from %d must be before --to %d", p->from, p->to);
    return OBLYS_OK;
}

static void set_changes_decimals(report_table *ranks, report_table *gaps, report_table *jumps)
{
    report_set_decimals(ranks, "index_from", 3);
    report_set_decimals(ranks, "index_to", 3);
    report_set_decimals(gaps, "gap_change_pct", 1);
    report_set_decimals(jumps, "value_from", -1);
    report_set_decimals(jumps, "value_to", -1);
    report_set_decimals(jumps, "change_pct", 1);
}

oblys_status report_changes(sqlite3 *db, const report_params *p, report **out, oblys_error *err)
{
    *out = NULL;
    oblys_status st = check_changes_params(p, err);
    if (st == OBLYS_OK && p->indicator)
        st = report_require_indicator(db, p->indicator, err);
    if (st != OBLYS_OK)
        return st;
    double threshold = p->threshold_pct >= 0 ? p->threshold_pct : REPORT_CHANGES_THRESHOLD_PCT;
    strbuf title = STRBUF_INIT, sub = STRBUF_INIT;
    strbuf_printf(&title, "What changed most, %d to %d", p->from, p->to);
    report *r = report_new("changes", strbuf_str(&title));
    report_table *ranks = NULL, *gaps = NULL, *jumps = NULL;
    st = add_changes_table(db, r, SQL_RANKS, p, threshold, "ranks",
                           "Regions by how many places their index rank moved", &ranks, err);
    if (st == OBLYS_OK)
        st = add_changes_table(db, r, SQL_GAPS, p, threshold, "gaps",
                               "Gaps between regions (max/min) that widened or narrowed most",
                               &gaps, err);
    strbuf_printf(&sub, "Values that changed by more than %g %%", threshold);
    if (st == OBLYS_OK)
        st = add_changes_table(db, r, SQL_JUMPS, p, threshold, "jumps", strbuf_str(&sub),
                               &jumps, err);
    if (st == OBLYS_OK) {
        set_changes_decimals(ranks, gaps, jumps);
        report_add_note(r, "rank_change = rank_from - rank_to (positive: climbed). Regions are "
                        "ranked only in years when every index indicator has a value.");
        if (ranks->nrows == 0)
            report_add_note(r, "No region has an index rank in both %d and %d.", p->from, p->to);
        report_add_note(r, "regions_changed = 1 where the regions with a value in %d are not "
                        "those of %d (a split or a missing region moves the extremes by "
                        "itself); the verdict then reads, e.g., 'narrowed (regions changed)'.",
                        p->to, p->from);
        report_add_note(r, "Gaps and values are compared between exactly %d and %d, in each "
                        "indicator's own unit (money as published, in its currency; report trend "
                        "computes growth of money in tenge); change_pct = (to / from - 1) x 100. "
                        "Threshold: --threshold, default %g %%.", p->from, p->to,
                        REPORT_CHANGES_THRESHOLD_PCT);
        *out = r;
    } else {
        report_free(r);
    }
    strbuf_free(&title);
    strbuf_free(&sub);
    return st;
}
