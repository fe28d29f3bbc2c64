/*
 * maintain.c - derived data that `oblys init` refreshes (see maintain.h).
 */
#include "db/maintain.h"

#include <stdio.h>

#include "db/migrate.h"

static const char SQL_REGISTER_REGION_SPELLINGS[] =
    "INSERT INTO region_alias (alias_key, alias, region, source) "
    "SELECT oblys_name_key(spelling), spelling, code, 'region table' FROM ("
    "  SELECT code, code AS spelling, 1 AS rank FROM region"
    "  UNION ALL SELECT code, name, 2 FROM region"
    "  UNION ALL SELECT code, name_ru, 3 FROM region"
    "  UNION ALL SELECT code, name_kk, 4 FROM region"
    "  UNION ALL SELECT code, kato, 5 FROM region"
    "  UNION ALL SELECT code, iso_3166_2, 6 FROM region) "
    "WHERE spelling IS NOT NULL AND oblys_name_key(spelling) <> '' "
    "ORDER BY rank, code "
    "ON CONFLICT (alias_key) DO NOTHING";

/* Whether any spelling is missing: then only does init write (an
 * up-to-date database is left alone, and may even be read-only). */
static const char SQL_ANY_SPELLING_MISSING[] =
    "SELECT EXISTS (SELECT 1 FROM ("
    "  SELECT code AS spelling FROM region UNION ALL SELECT name FROM region"
    "  UNION ALL SELECT name_ru FROM region UNION ALL SELECT name_kk FROM region"
    "  UNION ALL SELECT kato FROM region UNION ALL SELECT iso_3166_2 FROM region) "
    "WHERE spelling IS NOT NULL AND oblys_name_key(spelling) <> '' "
    "  AND oblys_name_key(spelling) NOT IN (SELECT alias_key FROM region_alias))";

oblys_status maintain_region_spellings(sqlite3 *db, int *added, oblys_error *err)
{
    if (added)
        *added = 0;
    sqlite3_stmt *stmt = NULL;
    bool missing = true;
    if (sqlite3_prepare_v2(db, SQL_ANY_SPELLING_MISSING, -1, &stmt, NULL) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        missing = sqlite3_column_int(stmt, 0) != 0;
    sqlite3_finalize(stmt);
    if (!missing)
        return OBLYS_OK;
    char *msg = NULL;
    if (sqlite3_exec(db, SQL_REGISTER_REGION_SPELLINGS, NULL, NULL, &msg) != SQLITE_OK) {
        error_set(err, OBLYS_EDB, "cannot register region spellings: %s", msg ? msg : "?");
        sqlite3_free(msg);
        return OBLYS_EDB;
    }
    if (added)
        *added = sqlite3_changes(db);
    return OBLYS_OK;
}

static int pragma_value(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int value = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

/* SQLite cannot change the page size of a database in WAL mode. */
static bool in_wal_mode(sqlite3 *db)
{
    sqlite3_stmt *stmt = NULL;
    bool wal = false;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        wal = sqlite3_stricmp((const char *)sqlite3_column_text(stmt, 0), "wal") == 0;
    sqlite3_finalize(stmt);
    return wal;
}

oblys_status maintain_compact(sqlite3 *db, bool *compacted, oblys_error *err)
{
    if (compacted)
        *compacted = false;
    bool other_page_size = pragma_value(db, "PRAGMA page_size") != OBLYS_PAGE_SIZE
                           && !in_wal_mode(db);
    if (pragma_value(db, "PRAGMA freelist_count") == 0 && !other_page_size)
        return OBLYS_OK;
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA page_size = %d", OBLYS_PAGE_SIZE);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK
        || sqlite3_exec(db, "VACUUM", NULL, NULL, &msg) != SQLITE_OK) {
        error_set(err, OBLYS_EDB, "the schema is up to date, but compacting the file failed "
                  "(%s); the data are intact, and `oblys init` tries again",
                  msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return OBLYS_EDB;
    }
    if (compacted)
        *compacted = true;
    return OBLYS_OK;
}
