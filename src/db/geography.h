/*
 * geography.h - reports on comparable boundaries.
 *
 * Regions split and merge (South Kazakhstan in 2018, three new regions in
 * 2022), so a series "as reported" jumps where the map changed. The views
 * v_observation_2016 and v_observation_current (migrations/0005) rebuild
 * the observations on the 2016 units or on today's; geography_apply()
 * puts those rows in place of the observations of an in-memory copy of
 * the database (see history_snapshot), so every view and report works on
 * them unchanged.
 */
#ifndef OBLYS_GEOGRAPHY_H
#define OBLYS_GEOGRAPHY_H

#include <stdbool.h>
#include <sqlite3.h>

#include "util/error.h"

typedef enum {
    GEOGRAPHY_AS_REPORTED,  /* values as published, regions as they were */
    GEOGRAPHY_FIXED_2016,   /* the 2016 units: later ones merged back, estimated */
    GEOGRAPHY_CURRENT       /* today's units: earlier years of changed ones flagged break */
} geography;

/* "as-reported", "fixed-2016" or "current". */
bool geography_parse(const char *name, geography *out);
const char *geography_name(geography g);
/* One sentence on how the geography was built, for a report's notes. */
const char *geography_note(geography g);

/* Replaces the observations of mem (a copy, never the user's file) with
 * those on geography g. */
oblys_status geography_apply(sqlite3 *mem, geography g, oblys_error *err);

#endif
