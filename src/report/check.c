/*
 * check.c - the check report: every published derived figure beside the
 * value the views recompute from the stored observations (v_check), the
 * inconsistent ones first, and a count per verdict; then, with no status
 * asked for, money in three currencies and the validation rules' findings.
 */
#include <stdbool.h>
#include <string.h>

#include "report/reports.h"

static const char SQL_CHECK_ROWS[] =
    "SELECT status, source, measure, indicator, region_name, year, base_year, settlement, sex, "
    "       published, recomputed, recomputed_lo, recomputed_hi, difference "
    "FROM v_check WHERE ?1 IS NULL OR status = ?1 "
    "ORDER BY CASE status WHEN 'inconsistent' THEN 0 WHEN 'consistent' THEN 1 "
    "         WHEN 'no_data' THEN 2 WHEN 'matches' THEN 3 ELSE 4 END, "
    "         source, measure, indicator, region_name, year, settlement, sex";

static const char SQL_CHECK_MONEY[] =
    "SELECT source, indicator, region_name, year, base_year, settlement, sex, published, "
    "       index_kzt, index_usd, index_kzt_real, "
    "       CASE WHEN index_kzt IS NULL AND index_usd IS NULL AND index_kzt_real IS NULL "
    "            THEN NULL "
    "            ELSE CASE min(coalesce(abs(published - index_kzt), 1e308), "
    "                          coalesce(abs(published - index_usd), 1e308), "
    "                          coalesce(abs(published - index_kzt_real), 1e308)) "
    "                 WHEN abs(published - index_kzt) THEN 'tenge' "
    "                 WHEN abs(published - index_usd) THEN 'dollars' "
    "                 ELSE 'real tenge' END END AS closest "
    "FROM v_check_money ORDER BY source, indicator, region_name, year, settlement, sex";

static const char SQL_CHECK_COUNTS[] =
    "SELECT status, count(*) FROM v_check GROUP BY status ORDER BY status";

static oblys_status add_counts_note(sqlite3 *db, report *r, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_CHECK_COUNTS, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    strbuf counts = STRBUF_INIT;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        strbuf_printf(&counts, "%s%d %s", counts.len ? ", " : "", sqlite3_column_int(stmt, 1),
                      sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    report_add_note(r, "Published figures: %s.", counts.len ? strbuf_str(&counts) : "none");
    strbuf_free(&counts);
    return OBLYS_OK;
}

static const char *const STATUSES[] = {
    "matches", "consistent", "inconsistent", "not_recomputable", "no_data", NULL,
};

/* Published growth of money beside growth in tenge, dollars and real
 * tenge, when there is any. */
static oblys_status add_money_table(sqlite3 *db, report *r, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_CHECK_MONEY, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    report_table *t = NULL;
    st = report_add_query(r, "money", "Published growth of money against growth in tenge, "
                          "dollars and real tenge (index, base year = 100)", stmt, &t, err);
    sqlite3_finalize(stmt);
    if (st != OBLYS_OK)
        return st;
    report_set_decimals(t, "published", -1);
    report_set_decimals(t, "index_kzt", 1);
    report_set_decimals(t, "index_usd", 1);
    report_set_decimals(t, "index_kzt_real", 1);
    if (t->nrows)
        report_add_note(r, "Growth of money is checked in tenge (values converted at each "
                        "year's average rate), as the bureau publishes it; the money table "
                        "shows which currency a source's growth is closest to.");
    return OBLYS_OK;
}

oblys_status report_check(sqlite3 *db, const char *status, report **out, int *n_inconsistent,
                          int *n_findings, oblys_error *err)
{
    *out = NULL;
    bool known = !status;
    for (size_t i = 0; STATUSES[i] && !known; i++)
        known = strcmp(STATUSES[i], status) == 0;
    if (!known)
        return error_set(err, OBLYS_EUSAGE, "unknown status \"%s\" (matches, consistent, "
                         "inconsistent, not_recomputable or no_data)", status);
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_CHECK_ROWS, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    if (status)
        sqlite3_bind_text(stmt, 1, status, -1, SQLITE_STATIC);
    report *r = report_new("check", "Published figures against recomputed values");
    report_table *t = NULL;
    st = report_add_query(r, "check", "Verdicts (inconsistent first)", stmt, &t, err);
    sqlite3_finalize(stmt);
    if (st == OBLYS_OK)
        st = add_counts_note(db, r, err);
    if (st != OBLYS_OK) {
        report_free(r);
        return st;
    }
    int status_col = report_column_index(t, "status");
    *n_inconsistent = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const report_cell *c = report_cell_at(t, i, (size_t)status_col);
        if (c->type == CELL_TEXT && strcmp(c->text, "inconsistent") == 0)
            (*n_inconsistent)++;
    }
    *n_findings = 0;
    if (!status)
        st = add_money_table(db, r, err);
    if (st == OBLYS_OK && !status)
        st = report_add_rule_findings(db, r, n_findings, err);
    if (st != OBLYS_OK) {
        report_free(r);
        return st;
    }
    report_set_decimals(t, "published", -1);
    report_set_decimals(t, "recomputed", 3);
    report_set_decimals(t, "recomputed_lo", 3);
    report_set_decimals(t, "recomputed_hi", 3);
    report_set_decimals(t, "difference", 3);
    report_add_note(r, "matches: equal at the published decimals. consistent: differs, but "
                    "within what the rounding of the published inputs allows "
                    "(recomputed_lo..recomputed_hi). inconsistent: no rounding explains it. "
                    "not_recomputable: the source's method is not published.");
    *out = r;
    return OBLYS_OK;
}
