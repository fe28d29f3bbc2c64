/*
 * migrate.h - bringing a database up to the schema this oblys knows.
 *
 * The schema is the numbered files in migrations/, compiled into the
 * binary (tools/embed_sql.py generates the table below). Each migration
 * runs once, in order, inside its own transaction, and is recorded in the
 * table schema_migrations. A database that has run a migration this
 * binary does not know was made by a newer oblys and is refused.
 */
#ifndef OBLYS_MIGRATE_H
#define OBLYS_MIGRATE_H

#include <sqlite3.h>

#include "util/error.h"

typedef struct {
    int version;
    const char *name;
    const char *sql;
} migration;

/* The page size of a new database, in bytes (SQLite's default is 4 096;
 * see migrate.c). */
enum { OBLYS_PAGE_SIZE = 8192 };

extern const migration oblys_migrations[];
extern const int oblys_migration_count;

/* The highest migration applied to db, 0 for an empty database. */
oblys_status migrate_current_version(sqlite3 *db, int *version, oblys_error *err);

/* Applies every migration not yet applied. *applied (may be NULL) gets how
 * many ran. Fails with OBLYS_EDB when the database is newer than this
 * binary or a migration fails (that migration is rolled back). */
oblys_status migrate_apply(sqlite3 *db, int *applied, oblys_error *err);

/* Fails with OBLYS_EDB unless the database is exactly at the latest
 * version: commands other than `init` use this to send the user to
 * `oblys init` instead of running on an old or empty schema. */
oblys_status migrate_require_current(sqlite3 *db, oblys_error *err);

#endif
