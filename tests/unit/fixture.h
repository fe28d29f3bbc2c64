/*
 * fixture.h - what several unit-test suites need: paths into the source
 * tree, an in-memory database with the schema, and one loaded with the
 * seed data.
 */
#ifndef OBLYS_TEST_FIXTURE_H
#define OBLYS_TEST_FIXTURE_H

#include <sqlite3.h>

#include "util/strbuf.h"

/* SOURCE_ROOT/relative, in a static buffer (valid until the next call). */
const char *fixture_path(const char *relative);

/* A fresh in-memory database with every migration applied. */
sqlite3 *fixture_empty_db(void);

/* The same with every seed file imported, in the order scripts/demo.sh
 * uses. Fails the test if any import fails. */
sqlite3 *fixture_seeded_db(void);

/* The first column of the first row of sql, as a double (NAN if none). */
double fixture_query_double(sqlite3 *db, const char *sql);
long long fixture_query_int(sqlite3 *db, const char *sql);

#endif
