/*
 * store_bulk.c - what a load changes about how the store writes (see
 * docs/performance.md, "Where the time goes"):
 *
 *  - a bigger page cache for the import's transaction (8 MiB instead of
 *    SQLite's 2 MiB), so that pages are not written out and read back in
 *    the middle of it; peak memory stays far under the 64 MiB of issue 4;
 *  - SQLite's foreign-key checks are off for a series load, because every
 *    reference of an observation is checked by the import itself in the
 *    same write transaction: the region is resolved through the region
 *    table, the indicator, settlement and sex are looked up (store_code_
 *    exists), the missing reason is looked up (store_values.c), and the
 *    load is this one. Nothing can delete those rows while the transaction
 *    holds the write lock;
 *  - so are the observation table's CHECK constraints, which store_values.c
 *    tests on every row before the insert, giving SQLite's own message
 *    (evaluated by the SQL engine, they were 3 to 7 % of a big import). NOT
 *    NULL and the primary key are still SQLite's. Both kinds of check come
 *    back on when the transaction ends.
 *
 * (Until schema version 13 a big load also dropped the second index of
 * the observations and created it again before the commit; migration 0013
 * keyed the table by indicator and removed that index.)
 */
#include "db/store_internal.h"

#include <stdio.h>
#include <string.h>

enum { BULK_CACHE_KIB = 8192 };

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
    s->bulk.saved_ignore_checks = pragma_int(s->db, "PRAGMA ignore_check_constraints");
    set_pragma(s->db, "cache_size", -BULK_CACHE_KIB);
    s->bulk.observations = kind && strcmp(kind, "series") == 0;
    if (s->bulk.observations) {
        set_pragma(s->db, "foreign_keys", 0);
        set_pragma(s->db, "ignore_check_constraints", 1);
    }
}

bool store_bulk_checks_off(const store *s)
{
    return s->bulk.observations;
}

void store_bulk_end(store *s)
{
    set_pragma(s->db, "cache_size", s->bulk.saved_cache);
    set_pragma(s->db, "foreign_keys", s->bulk.saved_foreign_keys);
    set_pragma(s->db, "ignore_check_constraints", s->bulk.saved_ignore_checks);
}
