/*
 * history.c - undoing a load and rebuilding the data as of a load (see
 * history.h).
 */
#include "db/history.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/migrate.h"
#include "util/date.h"

static const char SQL_LOAD_INFO[] = "SELECT kind, undone_at FROM load WHERE id = ?1";

static const char SQL_LATER_REVISIONS[] =
    "SELECT h.superseded_by, l.file FROM observation_history h "
    "JOIN load l ON l.id = h.superseded_by WHERE h.load_id = ?1 "
    "UNION SELECT h.superseded_by, l.file FROM published_history h "
    "JOIN load l ON l.id = h.superseded_by WHERE h.load_id = ?1 "
    "ORDER BY 1";

static const char SQL_RECORD_UNDO[] =
    "INSERT INTO load (file, kind, loaded_at) VALUES ('undo of load ' || ?1, 'undo', ?2)";

/* What the undone load wrote is kept, superseded by the undo (?2), so
 * that --as-of can still show it for the time it was in effect. */
static const char SQL_ARCHIVE_OBSERVATIONS[] =
    "INSERT INTO observation_history (region, indicator, year, settlement, sex, value, "
    " decimals, missing, flags, source_status, load_id, source_line, superseded_by) "
    "SELECT region, indicator, year, settlement, sex, value, decimals, missing, flags, "
    " source_status, load_id, source_line, ?2 FROM observation WHERE load_id = ?1";
static const char SQL_ARCHIVE_PUBLISHED[] =
    "INSERT INTO published_history (source, measure, indicator, region, year, base_year, "
    " settlement, sex, value, decimals, load_id, source_line, superseded_by) "
    "SELECT source, measure, indicator, region, year, base_year, settlement, sex, value, "
    " decimals, load_id, source_line, ?2 FROM published WHERE load_id = ?1";

static const char SQL_RESTORE_OBSERVATIONS[] =
    "UPDATE observation SET (value, decimals, missing, flags, source_status, load_id, "
    " source_line) = "
    "(SELECT h.value, h.decimals, h.missing, h.flags, h.source_status, h.load_id, "
    " h.source_line "
    " FROM observation_history h WHERE h.region = observation.region "
    " AND h.indicator = observation.indicator AND h.year = observation.year "
    " AND h.settlement = observation.settlement AND h.sex = observation.sex "
    " AND h.superseded_by = ?1) "
    "WHERE load_id = ?1 AND EXISTS (SELECT 1 FROM observation_history h "
    " WHERE h.region = observation.region AND h.indicator = observation.indicator "
    " AND h.year = observation.year AND h.settlement = observation.settlement "
    " AND h.sex = observation.sex AND h.superseded_by = ?1)";
static const char SQL_REMOVE_OBSERVATIONS[] = "DELETE FROM observation WHERE load_id = ?1";
static const char SQL_FORGET_OBSERVATION_HISTORY[] =
    "DELETE FROM observation_history WHERE superseded_by = ?1";

#define SAME_PUBLISHED_KEY \
    "h.source = published.source AND h.measure = published.measure " \
    "AND h.indicator IS published.indicator AND h.region IS published.region " \
    "AND h.year = published.year AND h.base_year IS published.base_year " \
    "AND h.settlement = published.settlement AND h.sex = published.sex "

static const char SQL_RESTORE_PUBLISHED[] =
    "UPDATE published SET (value, decimals, load_id, source_line) = "
    "(SELECT h.value, h.decimals, h.load_id, h.source_line FROM published_history h "
    " WHERE " SAME_PUBLISHED_KEY "AND h.superseded_by = ?1) "
    "WHERE load_id = ?1 AND EXISTS (SELECT 1 FROM published_history h "
    " WHERE " SAME_PUBLISHED_KEY "AND h.superseded_by = ?1)";
static const char SQL_REMOVE_PUBLISHED[] = "DELETE FROM published WHERE load_id = ?1";
static const char SQL_FORGET_PUBLISHED_HISTORY[] =
    "DELETE FROM published_history WHERE superseded_by = ?1";

static const char SQL_MARK_UNDONE[] = "UPDATE load SET undone_at = ?2 WHERE id = ?1";
static const char SQL_UNDO_COUNTS[] =
    "UPDATE load SET n_replaced = ?2 WHERE id = ?1";

/* Runs sql with ?1 = load and ?2 = text (when not NULL) or number. */
static oblys_status run(sqlite3 *db, const char *sql, long long load, const char *text,
                        long long number, long long *changes, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot prepare: %s", sqlite3_errmsg(db));
    sqlite3_bind_int64(stmt, 1, load);
    if (text)
        sqlite3_bind_text(stmt, 2, text, -1, SQLITE_STATIC);
    else if (sqlite3_bind_parameter_count(stmt) >= 2)
        sqlite3_bind_int64(stmt, 2, number);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return error_set(err, OBLYS_EDB, "undo failed: %s", sqlite3_errmsg(db));
    if (changes)
        *changes += sqlite3_changes(db);
    return OBLYS_OK;
}

/* Fails unless load exists, is not undone, and holds values. */
static oblys_status check_undoable(sqlite3 *db, long long load, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, SQL_LOAD_INFO, -1, &stmt, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot prepare: %s", sqlite3_errmsg(db));
    sqlite3_bind_int64(stmt, 1, load);
    oblys_status st = OBLYS_OK;
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        st = error_set(err, OBLYS_EUSAGE, "there is no load %lld (`oblys loads` lists them)",
                       load);
    } else if (sqlite3_column_type(stmt, 1) != SQLITE_NULL) {
        st = error_set(err, OBLYS_EDATA, "load %lld was already undone on %s", load,
                       sqlite3_column_text(stmt, 1));
    } else {
        const char *kind = (const char *)sqlite3_column_text(stmt, 0);
        if (strcmp(kind, "undo") == 0)
            st = error_set(err, OBLYS_EDATA, "load %lld is an undo, which cannot itself be "
                           "undone: import the file again", load);
        else if (strcmp(kind, "series") != 0 && strcmp(kind, "published") != 0)
            st = error_set(err, OBLYS_EDATA, "load %lld holds %s; only loads of series or "
                           "published figures can be undone, since stored values may depend "
                           "on it: %s", load, kind, strcmp(kind, "aliases") == 0
                               ? "a spelling cannot be removed in this version"
                               : "import a corrected file with --replace instead");
    }
    sqlite3_finalize(stmt);
    return st;
}

/* Fails, naming them, when later loads revised values that load wrote. */
static oblys_status check_no_later_revisions(sqlite3 *db, long long load, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, SQL_LATER_REVISIONS, -1, &stmt, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot prepare: %s", sqlite3_errmsg(db));
    sqlite3_bind_int64(stmt, 1, load);
    strbuf later = STRBUF_INIT;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        strbuf_printf(&later, "%sload %lld (%s)", later.len ? ", " : "",
                      sqlite3_column_int64(stmt, 0), sqlite3_column_text(stmt, 1));
    sqlite3_finalize(stmt);
    oblys_status st = OBLYS_OK;
    if (later.len)
        st = error_set(err, OBLYS_EDATA, "load %lld cannot be undone: later loads revised values "
                       "it wrote: %s; undo those first", load, strbuf_str(&later));
    strbuf_free(&later);
    return st;
}

static void utc_now(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static oblys_status revert(sqlite3 *db, long long load, undo_counts *out, oblys_error *err)
{
    char stamp[32];
    utc_now(stamp);
    oblys_status st = run(db, SQL_RECORD_UNDO, load, stamp, 0, NULL, err);
    long long undo = sqlite3_last_insert_rowid(db);
    if (st == OBLYS_OK)
        st = run(db, SQL_ARCHIVE_OBSERVATIONS, load, NULL, undo, NULL, err);
    if (st == OBLYS_OK)
        st = run(db, SQL_ARCHIVE_PUBLISHED, load, NULL, undo, NULL, err);
    if (st == OBLYS_OK)
        st = run(db, SQL_RESTORE_OBSERVATIONS, load, NULL, 0, &out->restored, err);
    if (st == OBLYS_OK)
        st = run(db, SQL_RESTORE_PUBLISHED, load, NULL, 0, &out->restored, err);
    if (st == OBLYS_OK)
        st = run(db, SQL_REMOVE_OBSERVATIONS, load, NULL, 0, &out->removed, err);
    if (st == OBLYS_OK)
        st = run(db, SQL_REMOVE_PUBLISHED, load, NULL, 0, &out->removed, err);
    if (st == OBLYS_OK)
        st = run(db, SQL_FORGET_OBSERVATION_HISTORY, load, NULL, 0, NULL, err);
    if (st == OBLYS_OK)
        st = run(db, SQL_FORGET_PUBLISHED_HISTORY, load, NULL, 0, NULL, err);
    if (st == OBLYS_OK)
        st = run(db, SQL_MARK_UNDONE, load, stamp, 0, NULL, err);
    if (st == OBLYS_OK)
        st = run(db, SQL_UNDO_COUNTS, undo, NULL, out->restored + out->removed, NULL, err);
    return st;
}

oblys_status history_undo(sqlite3 *db, long long load, undo_counts *out, oblys_error *err)
{
    memset(out, 0, sizeof *out);
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot start a transaction: %s", sqlite3_errmsg(db));
    oblys_status st = check_undoable(db, load, err);
    if (st == OBLYS_OK)
        st = check_no_later_revisions(db, load, err);
    if (st == OBLYS_OK)
        st = revert(db, load, out, err);
    if (st == OBLYS_OK && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        st = error_set(err, OBLYS_EDB, "cannot commit: %s", sqlite3_errmsg(db));
    if (st != OBLYS_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* ---- as of a load ---- */

static const char SQL_LOAD_BY_NUMBER[] = "SELECT id FROM load WHERE id = ?1";
static const char SQL_LOAD_BY_TIME[] = "SELECT max(id) FROM load WHERE loaded_at <= ?1";

oblys_status history_find_load(sqlite3 *db, const char *text, long long *load, oblys_error *err)
{
    char *end = NULL;
    long long number = strtoll(text, &end, 10);
    bool is_number = end != text && *end == '\0';
    int year = 0;
    bool is_date = !is_number && date_parse(text, true, &year);
    if (!is_number && !is_date)
        return error_set(err, OBLYS_EUSAGE, "--as-of takes a load number or a date "
                         "(YYYY-MM-DD), not \"%s\"", text);
    (void)year;
    strbuf until = STRBUF_INIT;
    strbuf_append(&until, text);
    if (is_date && strlen(text) == 10)
        strbuf_append(&until, "T23:59:59Z");
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, is_number ? SQL_LOAD_BY_NUMBER : SQL_LOAD_BY_TIME, -1, &stmt,
                           NULL) != SQLITE_OK) {
        strbuf_free(&until);
        return error_set(err, OBLYS_EDB, "cannot prepare: %s", sqlite3_errmsg(db));
    }
    if (is_number)
        sqlite3_bind_int64(stmt, 1, number);
    else
        sqlite3_bind_text(stmt, 1, strbuf_str(&until), -1, SQLITE_STATIC);
    bool found = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL;
    if (found)
        *load = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    strbuf_free(&until);
    if (!found)
        return error_set(err, OBLYS_EUSAGE, is_number ? "there is no load %s (`oblys loads` "
                         "lists them)" : "no load was made by %s", text);
    return OBLYS_OK;
}

/* Copies, into the in-memory database, what src held after load ?1. */
static const char *const SQL_COPY_AS_OF[] = {
    "INSERT INTO main.region SELECT * FROM src.region",
    "INSERT INTO main.region_alias SELECT * FROM src.region_alias",
    "INSERT INTO main.indicator SELECT * FROM src.indicator",
    "INSERT INTO main.load SELECT * FROM src.load WHERE id <= ?1",
    "INSERT INTO main.exchange_rate SELECT * FROM src.exchange_rate "
    "WHERE load_id IS NULL OR load_id <= ?1",
    "INSERT INTO main.price_index SELECT * FROM src.price_index "
    "WHERE load_id IS NULL OR load_id <= ?1",
    "INSERT INTO main.population SELECT * FROM src.population "
    "WHERE load_id IS NULL OR load_id <= ?1",
    "INSERT INTO main.territorial_change SELECT * FROM src.territorial_change "
    "WHERE load_id IS NULL OR load_id <= ?1",
    "INSERT INTO main.region_group SELECT * FROM src.region_group "
    "WHERE load_id IS NULL OR load_id <= ?1",
    "INSERT INTO main.validation_rule SELECT * FROM src.validation_rule "
    "WHERE load_id IS NULL OR load_id <= ?1",
    /* Index definitions as they are now, if loaded by then (a definition
     * replaced since keeps no earlier version). */
    "INSERT INTO main.index_definition SELECT * FROM src.index_definition "
    "WHERE load_id IS NULL OR load_id <= ?1",
    "INSERT INTO main.index_component SELECT * FROM src.index_component "
    "WHERE definition IN (SELECT code FROM main.index_definition)",
    "INSERT INTO main.observation (region, indicator, year, settlement, sex, value, decimals, "
    " missing, load_id, source_line, flags, source_status) "
    "SELECT region, indicator, year, settlement, sex, value, decimals, missing, load_id, "
    " source_line, flags, source_status FROM ("
    " SELECT *, row_number() OVER (PARTITION BY region, indicator, year, settlement, sex "
    "                              ORDER BY load_id DESC) AS newest FROM ("
    "  SELECT region, indicator, year, settlement, sex, value, decimals, missing, load_id, "
    "   source_line, flags, source_status FROM src.observation WHERE load_id <= ?1 "
    "  UNION ALL "
    "  SELECT region, indicator, year, settlement, sex, value, decimals, missing, load_id, "
    "   source_line, flags, source_status FROM src.observation_history "
    "  WHERE load_id <= ?1 AND superseded_by > ?1)) "
    "WHERE newest = 1",
    "INSERT INTO main.published (source, measure, indicator, region, year, base_year, "
    " settlement, sex, value, decimals, load_id, source_line) "
    "SELECT source, measure, indicator, region, year, base_year, settlement, sex, value, "
    " decimals, load_id, source_line FROM ("
    " SELECT *, row_number() OVER (PARTITION BY source, measure, indicator, region, year, "
    "   base_year, settlement, sex ORDER BY load_id DESC) AS newest FROM ("
    "  SELECT source, measure, indicator, region, year, base_year, settlement, sex, value, "
    "   decimals, load_id, source_line FROM src.published WHERE load_id <= ?1 "
    "  UNION ALL "
    "  SELECT source, measure, indicator, region, year, base_year, settlement, sex, value, "
    "   decimals, load_id, source_line FROM src.published_history "
    "  WHERE load_id <= ?1 AND superseded_by > ?1)) "
    "WHERE newest = 1",
};

static oblys_status copy_as_of(sqlite3 *mem, long long load, oblys_error *err)
{
    for (size_t i = 0; i < sizeof SQL_COPY_AS_OF / sizeof SQL_COPY_AS_OF[0]; i++) {
        sqlite3_stmt *stmt = NULL;
        if (sqlite3_prepare_v2(mem, SQL_COPY_AS_OF[i], -1, &stmt, NULL) != SQLITE_OK)
            return error_set(err, OBLYS_EDB, "cannot rebuild the data: %s", sqlite3_errmsg(mem));
        if (sqlite3_bind_parameter_count(stmt) > 0)
            sqlite3_bind_int64(stmt, 1, load);
        int rc = sqlite3_step(stmt);
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE)
            return error_set(err, OBLYS_EDB, "cannot rebuild the data: %s", sqlite3_errmsg(mem));
    }
    return OBLYS_OK;
}

static oblys_status attach_source(sqlite3 *mem, const char *path, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(mem, "ATTACH DATABASE ?1 AS src", -1, &stmt, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot attach: %s", sqlite3_errmsg(mem));
    sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return error_set(err, OBLYS_EDB, "cannot attach %s: %s", path, sqlite3_errmsg(mem));
    return OBLYS_OK;
}

oblys_status history_snapshot(const char *path, long long load, sqlite3 **out, oblys_error *err)
{
    *out = NULL;
    sqlite3 *mem = NULL;
    oblys_status st = db_open(":memory:", DB_CREATE, &mem, err);
    if (st == OBLYS_OK)
        st = migrate_apply(mem, NULL, err);
    if (st == OBLYS_OK)
        st = attach_source(mem, path, err);
    if (st == OBLYS_OK && sqlite3_exec(mem, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        st = error_set(err, OBLYS_EDB, "%s", sqlite3_errmsg(mem));
    if (st == OBLYS_OK)
        st = copy_as_of(mem, load, err);
    if (st == OBLYS_OK && sqlite3_exec(mem, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        st = error_set(err, OBLYS_EDB, "%s", sqlite3_errmsg(mem));
    if (st == OBLYS_OK && sqlite3_exec(mem, "DETACH DATABASE src", NULL, NULL, NULL) != SQLITE_OK)
        st = error_set(err, OBLYS_EDB, "%s", sqlite3_errmsg(mem));
    if (st != OBLYS_OK) {
        db_close(mem);
        return st;
    }
    *out = mem;
    return OBLYS_OK;
}
