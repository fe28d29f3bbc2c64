/*
 * cube.h - what the readers of statistical "cubes" share: SDMX-CSV
 * (sdmx_source.c), Eurostat bulk TSV (eurostat_source.c) and JSON-stat
 * (jsonstat_source.c).
 *
 * Such files describe each observation by dimensions (REF_AREA, geo,
 * TIME_PERIOD, SEX, indic_de, ...) and give it a status code (OBS_STATUS
 * "E", Eurostat "bp"). A reader adds every observation to a cube; then
 * cube_finish() works out what each dimension means for oblys (region,
 * year, sex, indicator, or a dimension that must keep one value), maps the
 * status codes to oblys flags and missing reasons, and hands every
 * observation to the session as a series row - the same path as any other
 * file. Problems that concern a code rather than a row (an unknown region,
 * a quarterly period, an unmapped indicator code, an unknown status) are
 * reported once, where the code first occurs.
 */
#ifndef OBLYS_CUBE_H
#define OBLYS_CUBE_H

#include <stdbool.h>
#include <stddef.h>

#include "import/session.h"

typedef enum {
    STATUS_SDMX,        /* CL_OBS_STATUS: one capital letter, "A" normal */
    STATUS_EUROSTAT,    /* Eurostat flags: lower-case letters, several at once ("bp") */
    STATUS_ANY          /* JSON-stat: Eurostat letters if lower case, else SDMX */
} cube_status_scheme;

/* Where a cell is: a line and column (CSV), or line 0 and a JSON path. */
typedef struct {
    size_t line, col;
} cube_loc;

typedef struct cube cube;

/* A cube for session s; scheme says how to read status codes. */
cube *cube_new(import_session *s, cube_status_scheme scheme);
void cube_free(cube *c);

/* Declares a dimension, in order. json_role is the JSON-stat role ("geo",
 * "time") or NULL; loc and path say where it is named (header cell, or
 * JSON path such as "dimension.geo"; path NULL for CSV). */
void cube_add_dim(cube *c, const char *name, const char *json_role, cube_loc loc,
                  const char *path);

/* Adds one observation: the value of each dimension (in declaration
 * order) and where it is, the value text (a number, "" or ":" for
 * missing), the status ("" for none). For JSON, path (e.g. "value[3]")
 * locates the observation and the locs are ignored. Texts are copied. */
void cube_add_obs(cube *c, const char *const *dim_values, const cube_loc *dim_locs,
                  const char *value, cube_loc value_loc, const char *status,
                  cube_loc status_loc, const char *path);

/* Checks the dimensions, then emits every observation to the session
 * (which it begins). Returns OBLYS_OK, OBLYS_EDATA (problems in diag) or
 * another status with s->err set. */
oblys_status cube_finish(cube *c);

/* The oblys flags (comma-separated, sorted) and the missing-value marker
 * ("x" confidential, "-" not applicable, ":" not available; NULL: none)
 * of status; false and *bad = the unknown code when a code is unknown. */
bool cube_status(const char *status, cube_status_scheme scheme, strbuf *flags,
                 const char **missing_marker, char *bad);

#endif
