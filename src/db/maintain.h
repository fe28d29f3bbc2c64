/*
 * maintain.h - bringing derived data up to date after a schema upgrade,
 * where SQL alone cannot compute it: the lookup keys of region spellings
 * need oblys's own name folding (namekey.h), which migrations, being
 * plain SQL files, do not have.
 */
#ifndef OBLYS_MAINTAIN_H
#define OBLYS_MAINTAIN_H

#include <sqlite3.h>

#include "util/error.h"

/* Registers every region's code and names as spellings of it, where they
 * are not yet registered. Idempotent; run by `oblys init`. *added (may be
 * NULL) gets how many spellings were new. */
oblys_status maintain_region_spellings(sqlite3 *db, int *added, oblys_error *err);

#endif
