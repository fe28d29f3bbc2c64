/*
 * maintain.c - derived data that `oblys init` refreshes (see maintain.h).
 */
#include "db/maintain.h"

static const char SQL_REGISTER_REGION_SPELLINGS[] =
    "INSERT INTO region_alias (alias_key, alias, region, source) "
    "SELECT oblys_name_key(spelling), spelling, code, 'region table' FROM ("
    "  SELECT code, code AS spelling, 1 AS rank FROM region"
    "  UNION ALL SELECT code, name, 2 FROM region"
    "  UNION ALL SELECT code, name_ru, 3 FROM region"
    "  UNION ALL SELECT code, name_kk, 4 FROM region"
    "  UNION ALL SELECT code, kato, 5 FROM region"
    "  UNION ALL SELECT code, iso_3166_2, 6 FROM region) "
    "WHERE spelling IS NOT NULL AND oblys_name_key(spelling) <> '' "
    "ORDER BY rank, code "
    "ON CONFLICT (alias_key) DO NOTHING";

oblys_status maintain_region_spellings(sqlite3 *db, int *added, oblys_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, SQL_REGISTER_REGION_SPELLINGS, NULL, NULL, &msg) != SQLITE_OK) {
        error_set(err, OBLYS_EDB, "cannot register region spellings: %s", msg ? msg : "?");
        sqlite3_free(msg);
        return OBLYS_EDB;
    }
    if (added)
        *added = sqlite3_changes(db);
    return OBLYS_OK;
}
