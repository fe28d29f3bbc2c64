/*
 * maintain.h - what `oblys init` does after a schema upgrade that SQL
 * migrations cannot: the lookup keys of region spellings need oblys's own
 * name folding (namekey.h), which migrations, being plain SQL files, do
 * not have; and the file is compacted, which cannot happen inside a
 * migration's transaction.
 */
#ifndef OBLYS_MAINTAIN_H
#define OBLYS_MAINTAIN_H

#include <sqlite3.h>
#include <stdbool.h>

#include "util/error.h"

/* Registers every region's code and names as spellings of it, where they
 * are not yet registered. Idempotent; run by `oblys init`. *added (may be
 * NULL) gets how many spellings were new. */
oblys_status maintain_region_spellings(sqlite3 *db, int *added, oblys_error *err);

/* For an existing database, after the migrations: a migration that
 * rebuilds a table (0013) leaves the old table's pages free inside the
 * file, which then grows by that much (and a rolled-back import cannot put
 * back the bytes of free pages it reused, so the file would not stay byte
 * for byte the same); so can deletions (undo). VACUUM gives them back and,
 * since it rewrites every page, moves the database to OBLYS_PAGE_SIZE
 * (except in WAL mode, where SQLite cannot). Nothing is done to a database
 * without free pages that has that page size already (or is in WAL mode),
 * so a compaction that failed is tried again by the next `oblys init`.
 * *compacted (may be NULL) says whether it ran. */
oblys_status maintain_compact(sqlite3 *db, bool *compacted, oblys_error *err);

#endif
