/*
 * store_bulk.c - what a big load of observations changes about how the
 * store writes (see docs/performance.md, "Where the time goes"):
 *
 *  - a bigger page cache for the import's transaction (8 MiB instead of
 *    SQLite's 2 MiB), so that pages are not written out and read back in
 *    the middle of it; peak memory stays far under the 64 MiB of issue 4;
 *  - the index observation_by_indicator, whose order is not the order in
 *    which rows arrive, is dropped inside the transaction once this load
 *    has inserted at least as many rows as the table held before it (and
 *    at least BULK_FIRST_CHECK, or BULK_EMPTY_CHECK when the table was
 *    empty: no count is needed then, and the rows before the drop are
 *    inserted into the index one by one), and created again from its
 *    stored definition just before the commit: one sort instead of a
 *    random insert per row. Below that it is left alone, so a small file
 *    never rebuilds the index. A rollback restores it like everything
 *    else;
 *  - SQLite's foreign-key checks are off for a series load, because every
 *    reference of an observation is checked by the import itself in the
 *    same write transaction: the region is resolved through the region
 *    table, the indicator, settlement and sex are looked up (store_code_
 *    exists), the missing reason is looked up here, and the load is this
 *    one. Nothing can delete those rows while the transaction holds the
 *    write lock. The checks come back on when the transaction ends.
 */
#include "db/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BULK_CACHE_KIB = 8192, BULK_FIRST_CHECK = 100000, BULK_EMPTY_CHECK = 10000 };

static const char INDEX_NAME[] = "observation_by_indicator";

static int pragma_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int value = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

static void set_pragma(sqlite3 *db, const char *name, int value)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA %s = %d", name, value);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
}

void store_bulk_begin(store *s, const char *kind)
{
    s->bulk.saved_cache = pragma_int(s->db, "PRAGMA cache_size");
    s->bulk.saved_foreign_keys = pragma_int(s->db, "PRAGMA foreign_keys");
    set_pragma(s->db, "cache_size", -BULK_CACHE_KIB);
    s->bulk.observations = kind && strcmp(kind, "series") == 0;
    if (s->bulk.observations)
        set_pragma(s->db, "foreign_keys", 0);
    /* Into an empty table no count is needed, and the index goes sooner.
     * (Looked at before the transaction: another writer in between would
     * only make the index go later or sooner than it could.) */
    bool empty = s->bulk.observations
                 && !pragma_int(s->db, "SELECT EXISTS (SELECT 1 FROM observation)");
    s->bulk.rows_before = empty ? 0 : -1;
    s->bulk.next_check = empty ? BULK_EMPTY_CHECK : BULK_FIRST_CHECK;
}

bool store_bulk_references_trusted(const store *s)
{
    return s->bulk.observations;
}

static long long count_observations(store *s)
{
    return pragma_int(s->db, "SELECT count(*) FROM observation");
}

/* Drops the index, keeping its definition to create it again. */
static void defer_index(store *s)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT sql FROM sqlite_schema WHERE type = 'index' "
                           "AND name = ?1", -1, &stmt, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(stmt, 1, INDEX_NAME, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
        char *sql = xstrdup((const char *)sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        stmt = NULL;
        for (int i = 0; i < Q_COUNT; i++)    /* a pending read would lock the schema */
            sqlite3_reset(s->stmt[i]);
        if (sqlite3_exec(s->db, "DROP INDEX observation_by_indicator", NULL, NULL, NULL)
            == SQLITE_OK)
            s->bulk.index_sql = sql;
        else
            free(sql);
    }
    sqlite3_finalize(stmt);
}

void store_bulk_inserted(store *s)
{
    long long inserted = s->counts.inserted;
    if (inserted < s->bulk.next_check || s->bulk.index_sql || !s->bulk.observations)
        return;
    s->bulk.next_check *= 2;
    if (s->bulk.rows_before < 0)
        s->bulk.rows_before = count_observations(s) - inserted;
    if (inserted >= s->bulk.rows_before)
        defer_index(s);
}

oblys_status store_bulk_finish(store *s, oblys_error *err)
{
    if (!s->bulk.index_sql)
        return OBLYS_OK;
    if (sqlite3_exec(s->db, s->bulk.index_sql, NULL, NULL, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot create the index %s again: %s", INDEX_NAME,
                         sqlite3_errmsg(s->db));
    free(s->bulk.index_sql);
    s->bulk.index_sql = NULL;
    return OBLYS_OK;
}

void store_bulk_end(store *s)
{
    free(s->bulk.index_sql);            /* dropped in a transaction rolled back */
    s->bulk.index_sql = NULL;
    set_pragma(s->db, "cache_size", s->bulk.saved_cache);
    set_pragma(s->db, "foreign_keys", s->bulk.saved_foreign_keys);
}
