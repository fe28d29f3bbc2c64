/*
 * history.h - the past of the data: undoing a load, and rebuilding the
 * data as it was after a given load.
 *
 * Every value in `observation` and `published` records the load that wrote
 * it; every value a later load revised, or an undo took back, is in
 * `observation_history` or `published_history` with the load that had
 * written it and the load (or undo, itself recorded as a load) that
 * superseded it. So the state after load N is, for each key, the newest
 * of: the current row if a load up to N wrote it, and the history rows
 * written by a load up to N and superseded after N.
 */
#ifndef OBLYS_HISTORY_H
#define OBLYS_HISTORY_H

#include <sqlite3.h>

#include "util/error.h"

typedef struct {
    long long restored;     /* values put back to what a load had replaced */
    long long removed;      /* values the load had added, removed */
} undo_counts;

/* Reverts load: values it added are removed, values it revised get their
 * previous version back, and the load is marked undone. The undo is a
 * load of its own (kind "undo"), and what it took back stays in the
 * history, so --as-of still shows the data as it was before the undo.
 * Refuses (EDATA) when a later load revised values this one wrote, naming
 * those loads, and when the load holds metadata (regions, spellings,
 * indicators), which values elsewhere may depend on. */
oblys_status history_undo(sqlite3 *db, long long load, undo_counts *out, oblys_error *err);

/* Finds the load that text names: a load number, or a date (YYYY-MM-DD,
 * meaning the end of that day) or UTC time (YYYY-MM-DDTHH:MM:SSZ), which
 * names the last load made up to then. */
oblys_status history_find_load(sqlite3 *db, const char *text, long long *load, oblys_error *err);

/* Opens an in-memory database holding the data of the database at path
 * as it was right after load (schema and views included), for reports. */
oblys_status history_snapshot(const char *path, long long load, sqlite3 **out,
                              oblys_error *err);

#endif
