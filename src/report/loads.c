/*
 * loads.c - the loads report: every import that changed the database,
 * with its file, digest, time and counts, and whether it was undone.
 */
#include "report/reports.h"

static const char SQL_LOADS[] =
    "SELECT id AS load, file, kind, format, substr(sha256, 1, 12) AS sha256, loaded_at, "
    "       n_read, n_inserted, n_replaced AS n_updated, n_unchanged, undone_at "
    "FROM load ORDER BY id";

oblys_status report_loads(sqlite3 *db, report **out, oblys_error *err)
{
    *out = NULL;
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_LOADS, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    report *r = report_new("loads", "Loads");
    st = report_add_query(r, "loads", "Every import that changed the database", stmt, NULL, err);
    sqlite3_finalize(stmt);
    if (st != OBLYS_OK) {
        report_free(r);
        return st;
    }
    report_add_note(r, "sha256 shows the first 12 hex digits of the file's SHA-256 (the "
                    "database keeps all 64). An import that changed nothing is not a load. "
                    "`oblys undo LOAD` reverts a load; `oblys report ... --as-of LOAD` shows "
                    "the data as it was after it.");
    *out = r;
    return OBLYS_OK;
}
