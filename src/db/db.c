/*
 * db.c - opening an oblys database with the settings every command needs
 * (see db.h).
 */
#include "db/db.h"

#include <math.h>
#include <stdbool.h>

#include "db/migrate.h"
#include "util/namekey.h"

static void sql_sqrt(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return;
    double x = sqlite3_value_double(argv[0]);
    if (x < 0)
        return;                         /* NULL, as SQLite's own sqrt() */
    sqlite3_result_double(ctx, sqrt(x));
}

static void sql_pow(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return;
    sqlite3_result_double(ctx, pow(sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1])));
}

static void sql_ln(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return;
    double x = sqlite3_value_double(argv[0]);
    if (x <= 0)
        return;                         /* NULL, as SQLite's own ln() */
    sqlite3_result_double(ctx, log(x));
}

static void sql_exp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return;
    sqlite3_result_double(ctx, exp(sqlite3_value_double(argv[0])));
}

/* SQLite has sqrt(), pow(), ln() and exp() only when built with
 * SQLITE_ENABLE_MATH_FUNCTIONS (Debian's is); provide them otherwise. */
static bool has_math_functions(sqlite3 *db)
{
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(db, "SELECT sqrt(4), pow(10, -1), ln(2), exp(1)", -1, &stmt, NULL) == SQLITE_OK;
    sqlite3_finalize(stmt);
    return ok;
}

static void register_math_functions(sqlite3 *db)
{
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    sqlite3_create_function(db, "sqrt", 1, flags, NULL, sql_sqrt, NULL, NULL);
    sqlite3_create_function(db, "pow", 2, flags, NULL, sql_pow, NULL, NULL);
    sqlite3_create_function(db, "ln", 1, flags, NULL, sql_ln, NULL, NULL);
    sqlite3_create_function(db, "exp", 1, flags, NULL, sql_exp, NULL, NULL);
}

/* oblys_name_key(text): the key under which a region's spellings are
 * stored and looked up (see namekey.h). */
static void sql_name_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    if (!text)
        return;
    strbuf key = STRBUF_INIT;
    name_key(text, &key);
    sqlite3_result_text(ctx, strbuf_str(&key), (int)key.len, SQLITE_TRANSIENT);
    strbuf_free(&key);
}

static int open_flags(db_mode mode)
{
    switch (mode) {
    case DB_READ_ONLY:
        return SQLITE_OPEN_READONLY;
    case DB_READ_WRITE:
        return SQLITE_OPEN_READWRITE;
    case DB_CREATE:
        return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }
    return SQLITE_OPEN_READONLY;
}

/* SQLite's memory statistics take a global mutex around every one of its
 * allocations (several for every imported row), and oblys never reads
 * them: they are turned off before the first connection. Once the library
 * is in use (a second db_open), sqlite3_config() refuses with
 * SQLITE_MISUSE and changes nothing, which is harmless: the setting made
 * before the first connection stays. */
static void configure_library(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

oblys_status db_open(const char *path, db_mode mode, sqlite3 **out, oblys_error *err)
{
    *out = NULL;
    sqlite3 *db = NULL;
    configure_library();
    int rc = sqlite3_open_v2(path, &db, open_flags(mode) | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        if (mode != DB_CREATE && rc == SQLITE_CANTOPEN)
            error_set(err, OBLYS_EDB, "%s: cannot open the database (does it exist? "
                      "create it with `oblys init --db %s`)", path, path);
        else
            error_set(err, OBLYS_EDB, "%s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return OBLYS_EDB;
    }
    /* SQLite opens a file it may not write read-only without a word; the
     * first write would then fail far from the cause. */
    if (mode != DB_READ_ONLY && sqlite3_db_readonly(db, "main") == 1) {
        error_set(err, OBLYS_EDB, "%s: the database file is read-only (check its "
                  "permissions)", path);
        sqlite3_close(db);
        return OBLYS_EDB;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK) {
        error_set(err, OBLYS_EDB, "%s: %s", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return OBLYS_EDB;
    }
    if (!has_math_functions(db))
        register_math_functions(db);
    sqlite3_create_function(db, "oblys_name_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            sql_name_key, NULL, NULL);
    *out = db;
    return OBLYS_OK;
}

oblys_status db_open_current(const char *path, db_mode mode, sqlite3 **out, oblys_error *err)
{
    oblys_status st = db_open(path, mode, out, err);
    if (st != OBLYS_OK)
        return st;
    st = migrate_require_current(*out, err);
    if (st != OBLYS_OK) {
        error_prefix(err, path);
        db_close(*out);
        *out = NULL;
    }
    return st;
}

void db_close(sqlite3 *db)
{
    sqlite3_close(db);
}
