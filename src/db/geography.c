/*
 * geography.c - observations rebuilt on comparable boundaries (see
 * geography.h).
 */
#include "db/geography.h"

#include <string.h>

static const char *const NAMES[] = {
    [GEOGRAPHY_AS_REPORTED] = "as-reported",
    [GEOGRAPHY_FIXED_2016] = "fixed-2016",
    [GEOGRAPHY_CURRENT] = "current",
};

static const char *const NOTES[] = {
    [GEOGRAPHY_AS_REPORTED] = "Geography: as reported.",
    [GEOGRAPHY_FIXED_2016] =
        "Geography: fixed-2016, the units of 2016. Regions created later are merged back into "
        "the unit they came from (sums for counts, population-weighted means otherwise) and "
        "flagged estimated; where a part or its population is missing, so is the unit's value. "
        "Published figures, which describe the regions as reported, are left out.",
    [GEOGRAPHY_CURRENT] =
        "Geography: current, today's units. Years before a split that changed a unit's "
        "territory are flagged break: they are not comparable with later years. Published "
        "figures, which describe the regions as reported, are left out.",
};

static const char *const SQL_ROWS[] = {
    [GEOGRAPHY_AS_REPORTED] = NULL,
    [GEOGRAPHY_FIXED_2016] = "CREATE TEMP TABLE geography_rows AS SELECT * FROM v_observation_2016",
    [GEOGRAPHY_CURRENT] = "CREATE TEMP TABLE geography_rows AS SELECT * FROM v_observation_current",
};

static const char SQL_CLEAR[] = "DELETE FROM observation";
static const char SQL_FILL[] =
    "INSERT INTO observation (region, indicator, year, settlement, sex, value, decimals, "
    " missing, flags, load_id, source_line) "
    "SELECT region, indicator, year, settlement, sex, value, decimals, missing, flags, "
    " load_id, source_line FROM temp.geography_rows";
static const char SQL_DROP[] = "DROP TABLE temp.geography_rows";
/* Published figures describe the regions as reported: not comparable. */
static const char SQL_FORGET_PUBLISHED[] = "DELETE FROM published";

bool geography_parse(const char *name, geography *out)
{
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (strcmp(name, NAMES[i]) == 0) {
            *out = (geography)i;
            return true;
        }
    return false;
}

const char *geography_name(geography g)
{
    return NAMES[g];
}

const char *geography_note(geography g)
{
    return NOTES[g];
}

oblys_status geography_apply(sqlite3 *mem, geography g, oblys_error *err)
{
    if (g == GEOGRAPHY_AS_REPORTED)
        return OBLYS_OK;
    const char *steps[] = { SQL_ROWS[g], SQL_CLEAR, SQL_FILL, SQL_DROP, SQL_FORGET_PUBLISHED };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        char *msg = NULL;
        if (sqlite3_exec(mem, steps[i], NULL, NULL, &msg) != SQLITE_OK) {
            error_set(err, OBLYS_EDB, "cannot rebuild the data on %s boundaries: %s",
                      NAMES[g], msg ? msg : "?");
            sqlite3_free(msg);
            return OBLYS_EDB;
        }
    }
    return OBLYS_OK;
}
