/*
 * db.h - opening an oblys database.
 *
 * Every command goes through db_open(), so every connection gets the same
 * settings: foreign keys enforced, a busy timeout so that two analysts'
 * commands wait for each other instead of failing, and the SQL math
 * functions (sqrt, pow) the views need, registered here when the SQLite
 * library was built without them.
 */
#ifndef OBLYS_DB_H
#define OBLYS_DB_H

#include <sqlite3.h>

#include "util/error.h"

typedef enum {
    DB_READ_ONLY,       /* reports and check: never write */
    DB_READ_WRITE,      /* import: the file must exist */
    DB_CREATE           /* init: create the file when missing */
} db_mode;

/* Opens path. On failure *out is NULL and err says why (OBLYS_EDB). */
oblys_status db_open(const char *path, db_mode mode, sqlite3 **out, oblys_error *err);

/* Opens path and checks that its schema is the one this binary knows
 * (see migrate_require_current). */
oblys_status db_open_current(const char *path, db_mode mode, sqlite3 **out, oblys_error *err);

void db_close(sqlite3 *db);

#endif
