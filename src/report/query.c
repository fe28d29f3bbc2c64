/*
 * query.c - small query helpers shared by the report builders.
 */
#include "report/reports.h"

#include "util/namekey.h"

static const char SQL_INDICATOR_EXISTS[] = "SELECT count(*) FROM indicator WHERE code = ?1";
static const char SQL_INDICATOR_CODES[] = "SELECT code FROM indicator ORDER BY position, code";

oblys_status report_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt, oblys_error *err)
{
    if (sqlite3_prepare_v2(db, sql, -1, stmt, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot prepare a query: %s", sqlite3_errmsg(db));
    return OBLYS_OK;
}

oblys_status report_query_int(sqlite3 *db, const char *sql, const char *text, int *out,
                              oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, sql, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    if (text)
        sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        st = error_set(err, OBLYS_EDB, "query failed: %s", sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    return st;
}

oblys_status report_require_indicator(sqlite3 *db, const char *indicator, oblys_error *err)
{
    int found = 0;
    oblys_status st = report_query_int(db, SQL_INDICATOR_EXISTS, indicator, &found, err);
    if (st != OBLYS_OK || found)
        return st;
    sqlite3_stmt *stmt = NULL;
    st = report_prepare(db, SQL_INDICATOR_CODES, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    strbuf known = STRBUF_INIT, close = STRBUF_INIT;
    size_t n_close = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(stmt, 0);
        strbuf_printf(&known, "%s%s", known.len ? ", " : "", code);
        if (n_close < 3 && code_is_close(indicator, code))
            strbuf_printf(&close, "%s\"%s\"", n_close++ ? " or " : "", code);
    }
    sqlite3_finalize(stmt);
    error_set(err, OBLYS_EUSAGE, "unknown indicator \"%s\"%s%s%s (known: %s)", indicator,
              close.len ? "; did you mean " : "", strbuf_str(&close), close.len ? "?" : "",
              known.len ? strbuf_str(&known) : "none; import indicators first");
    strbuf_free(&known);
    strbuf_free(&close);
    return OBLYS_EUSAGE;
}
