/*
 * migrate.c - applies the embedded migrations (see migrate.h).
 */
#include "db/migrate.h"

#include <stdio.h>
#include <time.h>

static const char SQL_HAS_MIGRATIONS_TABLE[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
static const char SQL_MAX_VERSION[] =
    "SELECT coalesce(max(version), 0) FROM schema_migrations";
static const char SQL_RECORD_MIGRATION[] =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)";

static oblys_status db_failure(sqlite3 *db, oblys_error *err, const char *what)
{
    return error_set(err, OBLYS_EDB, "%s: %s", what, sqlite3_errmsg(db));
}

static oblys_status query_int(sqlite3 *db, const char *sql, int *out, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return db_failure(db, err, "cannot read the schema version");
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW)
        return db_failure(db, err, "cannot read the schema version");
    return OBLYS_OK;
}

oblys_status migrate_current_version(sqlite3 *db, int *version, oblys_error *err)
{
    int has_table = 0;
    oblys_status st = query_int(db, SQL_HAS_MIGRATIONS_TABLE, &has_table, err);
    if (st != OBLYS_OK)
        return st;
    *version = 0;
    if (!has_table)
        return OBLYS_OK;
    return query_int(db, SQL_MAX_VERSION, version, err);
}

static void utc_timestamp(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static oblys_status record_migration(sqlite3 *db, const migration *m, oblys_error *err)
{
    char stamp[32];
    utc_timestamp(stamp);
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, SQL_RECORD_MIGRATION, -1, &stmt, NULL) != SQLITE_OK)
        return db_failure(db, err, "cannot record a migration");
    sqlite3_bind_int(stmt, 1, m->version);
    sqlite3_bind_text(stmt, 2, m->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, stamp, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return db_failure(db, err, "cannot record a migration");
    return OBLYS_OK;
}

static oblys_status apply_one(sqlite3 *db, const migration *m, oblys_error *err)
{
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_failure(db, err, "cannot start a transaction");
    char *msg = NULL;
    if (sqlite3_exec(db, m->sql, NULL, NULL, &msg) != SQLITE_OK) {
        if ((sqlite3_extended_errcode(db) & 0xff) == SQLITE_READONLY)
            error_set(err, OBLYS_EDB, "cannot write the database (%s): the file or its folder "
                      "is read-only (SQLite writes a journal file beside the database)",
                      msg ? msg : "?");
        else
            error_set(err, OBLYS_EDB, "migration %s failed: %s", m->name, msg ? msg : "?");
        sqlite3_free(msg);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return OBLYS_EDB;
    }
    oblys_status st = record_migration(db, m, err);
    if (st == OBLYS_OK && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        st = db_failure(db, err, "cannot commit a migration");
    if (st != OBLYS_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

static oblys_status refuse_newer(int version, oblys_error *err)
{
    return error_set(err, OBLYS_EDB,
                     "the database has schema version %d, but this oblys knows only up to %d: "
                     "it was written by a newer oblys; use that version",
                     version, oblys_migration_count);
}

/* A new database gets pages of OBLYS_PAGE_SIZE bytes instead of SQLite's
 * 4 096: a B-tree of fewer, fuller levels, which makes an import of
 * 1 000 000 observations about 8 % faster (docs/performance.md). Only a
 * database without any page written can take it (SQLite ignores it
 * otherwise); an upgraded one gets it from maintain_compact(). */
static void use_new_database_page_size(sqlite3 *db)
{
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA page_size = %d", OBLYS_PAGE_SIZE);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
}

oblys_status migrate_apply(sqlite3 *db, int *applied, oblys_error *err)
{
    int version = 0;
    oblys_status st = migrate_current_version(db, &version, err);
    if (st != OBLYS_OK)
        return st;
    if (version > oblys_migration_count)
        return refuse_newer(version, err);
    if (version == 0)
        use_new_database_page_size(db);
    int count = 0;
    for (int i = version; i < oblys_migration_count; i++) {
        st = apply_one(db, &oblys_migrations[i], err);
        if (st != OBLYS_OK)
            return st;
        count++;
    }
    if (applied)
        *applied = count;
    return OBLYS_OK;
}

oblys_status migrate_require_current(sqlite3 *db, oblys_error *err)
{
    int version = 0;
    oblys_status st = migrate_current_version(db, &version, err);
    if (st != OBLYS_OK)
        return st;
    if (version > oblys_migration_count)
        return refuse_newer(version, err);
    if (version == 0)
        return error_set(err, OBLYS_EDB,
                         "the database has no oblys schema: run `oblys init` first");
    if (version < oblys_migration_count)
        return error_set(err, OBLYS_EDB,
                         "the database has schema version %d and this oblys needs %d: "
                         "run `oblys init` to upgrade it",
                         version, oblys_migration_count);
    return OBLYS_OK;
}
