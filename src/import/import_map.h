/*
 * import_map.h - the mapping file of `oblys import --map FILE.json`: what
 * the user says about the columns or dimensions of a file that oblys
 * cannot guess.
 *
 *   {
 *     "columns":   { "region": "geo", "year": "TIME_PERIOD", "value": "OBS_VALUE",
 *                    "sex": "SEX", "status": "OBS_STATUS" },
 *     "indicator": "death_rate"
 *              or  { "dimension": "indic_de",
 *                    "codes": { "GDEATHRT": "death_rate", "LBIRTH": "live_births" } },
 *     "regions":   { "NL23": "Flevoland" },
 *     "skip":      { "indic_de": ["CNMIGRAT"] }
 *   }
 *
 * Every key is optional; an unknown key, or a value of the wrong type, is
 * an error naming its JSON path. The map is read once, before any file, and
 * is read-only afterwards.
 */
#ifndef OBLYS_IMPORT_MAP_H
#define OBLYS_IMPORT_MAP_H

#include <stddef.h>

#include "util/error.h"

typedef struct {
    size_t n;
    char **keys;
    char **values;
} map_pairs;

typedef struct {
    map_pairs columns;          /* role (region, year, ...) -> column or dimension */
    char *indicator;            /* one indicator for the whole file, or NULL */
    char *indicator_dimension;  /* the dimension whose codes are indicators, or NULL */
    map_pairs indicator_codes;  /* code in the file -> oblys indicator */
    map_pairs regions;          /* code in the file -> oblys region code or name */
    map_pairs skip;             /* dimension -> a value to leave out (one pair per value) */
} import_map;

/* Reads and validates path. On failure returns OBLYS_EUSAGE (bad content,
 * message "FILE: PATH: reason") or OBLYS_EIO, and *map is empty. */
oblys_status import_map_load(const char *path, import_map *map, oblys_error *err);
void import_map_free(import_map *map);

/* The value of key in pairs, or NULL. */
const char *map_lookup(const map_pairs *pairs, const char *key);
/* The column or dimension the map gives for role ("region", ...), or NULL. */
const char *map_column(const import_map *map, const char *role);
/* True when the map says to leave out value of dimension. */
int map_skips(const import_map *map, const char *dimension, const char *value);

#endif
