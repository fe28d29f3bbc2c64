/*
 * ranking_index.c - the ranking report for a stored index definition
 * (`oblys report ranking --index CODE`): index, rank, rank change against
 * the year before with an arrow, the best and worst rank over every
 * method (v_index_sensitivity), and the published rank; notes saying
 * exactly how the index was built (normalisation, scope, aggregation,
 * weights); and, for the regions that moved most, which indicators moved
 * them (v_index_attribution).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/ranking.h"
#include "report/reports.h"

static const char SQL_DEFINITION[] =
    "SELECT name, normalisation, scope, aggregation FROM index_definition WHERE code = ?1";
static const char SQL_DEFINITION_CODES[] =
    "SELECT group_concat(code, ', ') FROM (SELECT code FROM index_definition ORDER BY code)";
static const char SQL_WEIGHTS[] =
    "SELECT c.indicator, c.weight / (SELECT sum(weight) FROM index_component "
    "                                WHERE definition = ?1), c.goal_low, c.goal_high "
    "FROM index_component c WHERE c.definition = ?1 ORDER BY c.position";
static const char SQL_LATEST_YEAR[] =
    "SELECT max(year) FROM v_index_def WHERE definition = ?1";
static const char SQL_HAS_PREVIOUS[] =
    "SELECT count(*) FROM v_index_def WHERE definition = ?1 AND year = ?2 - 1";
static const char SQL_N_METHODS[] =
    "SELECT max(n_methods) FROM v_index_sensitivity WHERE definition = ?1 AND year = ?2";

/* rank_change is the number of places (for programs); move shows it with
 * an arrow (for people). The same in every format, so that the data hash
 * of the provenance is that of the CSV. */
static const char SQL_RANKING[] =
    "SELECT d.rank, d.region_name, d.\"index\", d.rank_prev, d.rank_change, "
    "       CASE WHEN d.rank_change IS NULL THEN NULL "
    "            WHEN d.rank_change > 0 THEN '\u2191' || d.rank_change "
    "            WHEN d.rank_change < 0 THEN '\u2193' || (-d.rank_change) ELSE '=' END AS move, "
    "       s.best_rank, s.worst_rank, "
    "       (SELECT CAST(p.value AS INTEGER) FROM published p "
    "         WHERE p.measure = 'rank' AND p.region = d.region AND p.year = d.year "
    "         ORDER BY p.source LIMIT 1) AS published_rank "
    "FROM v_index_def d "
    "JOIN v_index_sensitivity s ON s.definition = d.definition AND s.region = d.region "
    "     AND s.year = d.year "
    "WHERE d.definition = ?1 AND d.year = ?2 "
    "ORDER BY d.rank, d.region_name";

/* The three regions that moved most (ties by name), each indicator's
 * part in the move, largest first. */
static const char SQL_ATTRIBUTION[] =
    "WITH mover AS (SELECT region, rank_change FROM v_index_def "
    "               WHERE definition = ?1 AND year = ?2 AND rank_change <> 0 "
    "               ORDER BY abs(rank_change) DESC, region_name LIMIT 3) "
    "SELECT a.region_name, m.rank_change, a.indicator, a.contribution_prev, a.contribution, "
    "       a.delta, a.share "
    "FROM v_index_attribution a JOIN mover m ON m.region = a.region "
    "WHERE a.definition = ?1 AND a.year = ?2 "
    "ORDER BY abs(m.rank_change) DESC, a.region_name, abs(a.delta) DESC, a.indicator";

typedef struct {
    char *name, *normalisation, *scope, *aggregation;
} definition_info;

static void definition_info_free(definition_info *d)
{
    free(d->name);
    free(d->normalisation);
    free(d->scope);
    free(d->aggregation);
}

static char *column_copy(sqlite3_stmt *stmt, int col)
{
    return xstrdup((const char *)sqlite3_column_text(stmt, col));
}

static oblys_status unknown_definition(sqlite3 *db, const char *code, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_DEFINITION_CODES, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    const char *codes = sqlite3_step(stmt) == SQLITE_ROW
        ? (const char *)sqlite3_column_text(stmt, 0) : NULL;
    error_set(err, OBLYS_EUSAGE, "unknown index \"%s\" (known: %s)", code,
              codes ? codes : "none; import an index definition first, e.g. "
                              "seeds/index_paper.json");
    sqlite3_finalize(stmt);
    return OBLYS_EUSAGE;
}

static oblys_status read_definition(sqlite3 *db, const char *code, definition_info *d,
                                    oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_DEFINITION, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    bool found = sqlite3_step(stmt) == SQLITE_ROW;
    if (found) {
        d->name = column_copy(stmt, 0);
        d->normalisation = column_copy(stmt, 1);
        d->scope = column_copy(stmt, 2);
        d->aggregation = column_copy(stmt, 3);
    }
    sqlite3_finalize(stmt);
    return found ? OBLYS_OK : unknown_definition(db, code, err);
}

static oblys_status query_int2(sqlite3 *db, const char *sql, const char *code, int year,
                               int *out, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, sql, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(stmt) > 1)
        sqlite3_bind_int(stmt, 2, year);
    *out = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return OBLYS_OK;
}

static const char *normalisation_text(const definition_info *d)
{
    if (strcmp(d->normalisation, "goalposts") == 0)
        return "goalposts: (value - low) / (high - low) against fixed goalposts, clipped to "
               "[0, 1]";
    if (strcmp(d->normalisation, "zscore") == 0)
        return "zscore: (value - mean) / standard deviation";
    if (strcmp(d->normalisation, "rank") == 0)
        return "rank: (rank from the worst - 1) / (n - 1)";
    return "minmax: (value - min) / (max - min)";
}

static const char *scope_text(const definition_info *d)
{
    if (strcmp(d->normalisation, "goalposts") == 0)
        return "fixed goalposts, the same every year, so index values of different years "
               "are comparable";
    if (strcmp(d->scope, "panel") == 0)
        return "panel: over all regions and all years together, so index values of "
               "different years are comparable";
    return "year: over the regions of each year on its own (the paper's), so index values "
           "of different years are not comparable, only ranks";
}

static void add_definition_notes(sqlite3 *db, report *r, const char *code,
                                 const definition_info *d)
{
    report_add_note(r, "Index %s (%s): normalisation %s, scores by each indicator's "
                    "polarity.", code, d->name, normalisation_text(d));
    report_add_note(r, "Scope %s.", scope_text(d));
    report_add_note(r, "Aggregation %s.", strcmp(d->aggregation, "geometric") == 0
                    ? "geometric: weighted geometric mean of the scores moved to [0.01, 1] "
                      "(0.01 + 0.99 * score), so that no score of 0 zeroes the index"
                    : "arithmetic: weighted mean of the scores");
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, SQL_WEIGHTS, -1, &stmt, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    strbuf weights = STRBUF_INIT;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        strbuf_printf(&weights, "%s%s %.3f", weights.len ? ", " : "",
                      sqlite3_column_text(stmt, 0), sqlite3_column_double(stmt, 1));
        if (sqlite3_column_type(stmt, 2) != SQLITE_NULL)
            strbuf_printf(&weights, " (goalposts %g to %g)", sqlite3_column_double(stmt, 2),
                          sqlite3_column_double(stmt, 3));
    }
    sqlite3_finalize(stmt);
    report_add_note(r, "Weights (summing to 1): %s. Regions lacking any of these indicators "
                    "are not ranked.", strbuf_str(&weights));
    strbuf_free(&weights);
}

static oblys_status add_ranking_table(sqlite3 *db, report *r, const char *code, int year,
                                      report_table **t, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_RANKING, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, year);
    st = report_add_query(r, "ranking", "Index and rank (1 = best)", stmt, t, err);
    sqlite3_finalize(stmt);
    if (st == OBLYS_OK)
        report_set_decimals(*t, "index", 3);
    return st;
}

static oblys_status add_attribution_table(sqlite3 *db, report *r, const char *code, int year,
                                          const definition_info *d, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_ATTRIBUTION, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, year);
    strbuf title = STRBUF_INIT;
    strbuf_printf(&title, "What moved the regions that moved most since %d", year - 1);
    report_table *t = NULL;
    st = report_add_query(r, "attribution", strbuf_str(&title), stmt, &t, err);
    sqlite3_finalize(stmt);
    strbuf_free(&title);
    if (st != OBLYS_OK)
        return st;
    report_set_decimals(t, "contribution_prev", 4);
    report_set_decimals(t, "contribution", 4);
    report_set_decimals(t, "delta", 4);
    report_set_decimals(t, "share", 2);
    report_add_note(r, "Attribution: contribution = %s; delta = its change since %d; the "
                    "deltas of a region sum to the change of %s, and share is delta over "
                    "that sum.", strcmp(d->aggregation, "geometric") == 0
                        ? "weight * ln(0.01 + 0.99 * score)" : "weight * score",
                    year - 1, strcmp(d->aggregation, "geometric") == 0 ? "ln(index)"
                                                                       : "the index");
    return OBLYS_OK;
}

static void add_change_notes(report *r, int year, int n_previous, int n_methods)
{
    if (n_previous == 0)
        report_add_note(r, "No region is ranked by this index in %d, so there is no rank "
                        "change.", year - 1);
    else
        report_add_note(r, "rank_change: places moved up (+) or down (-) since %d, and move "
                        "the same with an arrow (\u2191 up, \u2193 down, = same); empty where the "
                        "region was not ranked then.", year - 1);
    report_add_note(r, "Robustness: best_rank and worst_rank are the best and worst rank over "
                    "%d methods on the same indicators, weights and scope (minmax, rank and, "
                    "where every indicator has them, goalposts, each averaged arithmetically "
                    "and geometrically; zscore arithmetically).", n_methods);
}

oblys_status report_ranking_index(sqlite3 *db, const report_params *p, report **out,
                                  oblys_error *err)
{
    *out = NULL;
    definition_info d = { 0 };
    int year = p->year, n_previous = 0, n_methods = 0;
    oblys_status st = read_definition(db, p->index, &d, err);
    if (st == OBLYS_OK && year == 0)
        st = query_int2(db, SQL_LATEST_YEAR, p->index, 0, &year, err);
    if (st == OBLYS_OK && year == 0)
        st = error_set(err, OBLYS_EDATA, "no year has index %s yet: it needs, for some "
                       "region, a value of each of its indicators", p->index);
    if (st == OBLYS_OK)
        st = query_int2(db, SQL_HAS_PREVIOUS, p->index, year, &n_previous, err);
    if (st == OBLYS_OK)
        st = query_int2(db, SQL_N_METHODS, p->index, year, &n_methods, err);
    if (st != OBLYS_OK) {
        definition_info_free(&d);
        return st;
    }
    strbuf title = STRBUF_INIT;
    strbuf_printf(&title, "Ranking of regions by index %s, %d", p->index, year);
    report *r = report_new("ranking", strbuf_str(&title));
    strbuf_free(&title);
    add_definition_notes(db, r, p->index, &d);
    report_table *t = NULL;
    st = add_ranking_table(db, r, p->index, year, &t, err);
    if (st == OBLYS_OK && n_previous > 0)
        st = add_attribution_table(db, r, p->index, year, &d, err);
    if (st == OBLYS_OK) {
        if (t->nrows == 0)
            report_add_note(r, "No region has every indicator of index %s in %d.", p->index,
                            year);
        add_change_notes(r, year, n_previous, n_methods);
        ranking_add_agreement_notes(r, t);
    }
    definition_info_free(&d);
    if (st != OBLYS_OK) {
        report_free(r);
        return st;
    }
    *out = r;
    return OBLYS_OK;
}
