/*
 * ranking.c - the ranking report: regions by the composite index of one
 * year (v_index, the paper's method), and how far that ranking agrees with
 * the rank a source published (Spearman's rank correlation, and the
 * regions ranked differently). With --index, the report of a stored index
 * definition instead (ranking_index.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/ranking.h"
#include "report/reports.h"
#include "report/stats.h"

/* The latest of the years whose index uses the most indicators, so that
 * one early file for a new year does not make the default a thin index. */
static const char SQL_LATEST_INDEX_YEAR[] =
    "SELECT year FROM v_index GROUP BY year ORDER BY max(n_indicators) DESC, year DESC LIMIT 1";
static const char SQL_INDEX_INDICATORS[] =
    "SELECT count(DISTINCT indicator) FROM v_index_score WHERE year = ?1";
static const char SQL_REGISTERED_INDEX_INDICATORS[] =
    "SELECT count(*) FROM indicator WHERE in_index = 1";

/* The regions ranked this year but not the year before, and those ranked
 * the year before but not this year: when the set changes, min-max
 * scores move by that alone. */
static const char SQL_RANKED_SET_CHANGES[] =
    "WITH prev AS (SELECT max(year) AS year FROM v_index WHERE year < ?1) "
    "SELECT (SELECT group_concat(region_name, ', ') FROM v_index WHERE year = ?1 "
    "        AND region NOT IN (SELECT region FROM v_index WHERE year = (SELECT year FROM prev))), "
    "       (SELECT group_concat(region_name, ', ') FROM v_index WHERE year = (SELECT year FROM prev) "
    "        AND region NOT IN (SELECT region FROM v_index WHERE year = ?1)), "
    "       (SELECT year FROM prev)";

static const char SQL_RANKING[] =
    "SELECT rank, region_name, \"index\", n_indicators, published_rank, "
    "       published_rank - rank AS rank_difference "
    "FROM (SELECT ix.rank, ix.region_name, ix.\"index\", ix.n_indicators, "
    "             (SELECT CAST(p.value AS INTEGER) FROM published p "
    "               WHERE p.measure = 'rank' AND p.region = ix.region AND p.year = ix.year "
    "               ORDER BY p.source LIMIT 1) AS published_rank "
    "      FROM v_index ix WHERE ix.year = ?1) "
    "ORDER BY rank, region_name";

/* Every year's ranks, for the bump chart of ranks over the years. */
static const char SQL_RANKS_BY_YEAR[] =
    "SELECT year, rank, region_name FROM v_index ORDER BY year, rank, region_name";

static oblys_status add_ranks_by_year(sqlite3 *db, report *r, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_RANKS_BY_YEAR, &stmt, err);
    if (st == OBLYS_OK)
        st = report_add_query(r, "ranks_by_year", "Rank of each region in every year with "
                              "an index", stmt, NULL, err);
    sqlite3_finalize(stmt);
    if (st == OBLYS_OK)
        report_add_chart(r, CHART_BUMP, "ranks_by_year", "year", "rank", "region_name", NULL,
                         "Rank over the years (1 = best)");
    return st;
}

static oblys_status add_break_note(sqlite3 *db, report *r, int year, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_RANKED_SET_CHANGES, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_int(stmt, 1, year);
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 2) != SQLITE_NULL
        && (sqlite3_column_type(stmt, 0) != SQLITE_NULL
            || sqlite3_column_type(stmt, 1) != SQLITE_NULL))
        report_add_note(r, "Break: the regions ranked differ from %d (new: %s; gone: %s), so "
                        "scores and ranks move by that alone.", sqlite3_column_int(stmt, 2),
                        sqlite3_column_type(stmt, 0) != SQLITE_NULL
                            ? (const char *)sqlite3_column_text(stmt, 0) : "none",
                        sqlite3_column_type(stmt, 1) != SQLITE_NULL
                            ? (const char *)sqlite3_column_text(stmt, 1) : "none");
    sqlite3_finalize(stmt);
    return OBLYS_OK;
}

void ranking_add_agreement_notes(report *r, const report_table *t)
{
    int rank = report_column_index(t, "rank");
    int published = report_column_index(t, "published_rank");
    int name = report_column_index(t, "region_name");
    double *ours = xcalloc(t->nrows, sizeof *ours);
    double *theirs = xcalloc(t->nrows, sizeof *theirs);
    size_t n = 0;
    strbuf differing = STRBUF_INIT;
    for (size_t i = 0; i < t->nrows; i++) {
        const report_cell *a = report_cell_at(t, i, (size_t)rank);
        const report_cell *b = report_cell_at(t, i, (size_t)published);
        if (a->type != CELL_INT || b->type != CELL_INT)
            continue;
        ours[n] = (double)a->i;
        theirs[n] = (double)b->i;
        n++;
        if (a->i != b->i)
            strbuf_printf(&differing, "%s%s (%lld here, %lld published)",
                          differing.len ? ", " : "",
                          report_cell_at(t, i, (size_t)name)->text, a->i, b->i);
    }
    if (n == 0) {
        report_add_note(r, "No published rank to compare with for this year.");
    } else {
        double rho = stats_spearman(ours, theirs, n);
        report_add_note(r, "Agreement with the published rating: Spearman's rho = %.3f over "
                        "%zu regions.", rho, n);
        if (differing.len)
            report_add_note(r, "Ranked differently: %s.", strbuf_str(&differing));
        else
            report_add_note(r, "Every region has the published rank.");
    }
    strbuf_free(&differing);
    free(ours);
    free(theirs);
}

oblys_status report_ranking(sqlite3 *db, const report_params *p, report **out, oblys_error *err)
{
    *out = NULL;
    int year = p->year, n_index = 0, n_registered = 0;
    oblys_status st = OBLYS_OK;
    if (p->index)
        return report_ranking_index(db, p, out, err);
    if (year == 0)
        st = report_query_int(db, SQL_LATEST_INDEX_YEAR, NULL, &year, err);
    if (st == OBLYS_OK && year == 0)
        return error_set(err, OBLYS_EDATA, "no year has an index yet: it needs, for every "
                         "region, a value of each index indicator (docs/methodology.md)");
    char year_text[8];
    snprintf(year_text, sizeof year_text, "%d", year);
    if (st == OBLYS_OK)
        st = report_query_int(db, SQL_INDEX_INDICATORS, year_text, &n_index, err);
    if (st == OBLYS_OK)
        st = report_query_int(db, SQL_REGISTERED_INDEX_INDICATORS, NULL, &n_registered, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_stmt *stmt = NULL;
    st = report_prepare(db, SQL_RANKING, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_int(stmt, 1, year);
    strbuf title = STRBUF_INIT;
    strbuf_printf(&title, "Ranking of regions by the social-development index, %d", year);
    report *r = report_new("ranking", strbuf_str(&title));
    report_table *t = NULL;
    st = report_add_query(r, "ranking", "Index and rank (1 = best)", stmt, &t, err);
    sqlite3_finalize(stmt);
    strbuf_free(&title);
    if (st != OBLYS_OK) {
        report_free(r);
        return st;
    }
    report_set_decimals(t, "index", 3);
    report_add_note(r, "index = sum over the %d index indicators with values in %d of min-max "
                    "scores across regions (0 = worst region, 1 = best, by each indicator's "
                    "polarity); it ranges from 0 to %d. Regions lacking any of them are not "
                    "ranked.", n_index, year, n_index);
    report_add_note(r, "Scope year: min and max are those of %d alone (the paper's method), so "
                    "index values of different years are not comparable, only ranks; "
                    "`--index CODE` ranks by a stored index definition instead.", year);
    if (n_registered > n_index)
        report_add_note(r, "%d of the %d index indicators have no values in %d and are left "
                        "out.", n_registered - n_index, n_registered, year);
    if (t->nrows == 0)
        report_add_note(r, "No region has every index indicator in %d.", year);
    ranking_add_agreement_notes(r, t);
    report_add_note(r, "A published index may be on another scale and built another way; "
                    "see docs/methodology.md.");
    st = add_break_note(db, r, year, err);
    if (st == OBLYS_OK)
        st = add_ranks_by_year(db, r, err);
    if (st != OBLYS_OK) {
        report_free(r);
        return st;
    }
    *out = r;
    return OBLYS_OK;
}
