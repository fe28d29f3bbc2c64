/*
 * provenance.h - how a report was made, so that a number in a briefing can
 * be traced and reproduced: the oblys version, the database's schema
 * version and latest load (with its file's SHA-256), the --as-of and
 * --geography in effect, the index definition when the report ranks by
 * the composite index, the SQL of `oblys sql`, and a hash of the data the
 * report shows.
 *
 * The data hash is the SHA-256 of the report written as CSV without any
 * provenance (write_csv: RFC 4180, CRLF line ends, numbers at full
 * precision), so anyone can recompute it:
 *
 *   oblys report gaps --year 2021 --format csv | sha256sum
 *
 * The time of the load is left out on purpose: the load number, its file
 * and the file's SHA-256 trace the data, and the output of the same
 * command on the same data stays byte for byte the same.
 */
#ifndef OBLYS_PROVENANCE_H
#define OBLYS_PROVENANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <sqlite3.h>

#include "report/report.h"

/* What the command knows and the database does not. */
typedef struct {
    const char *as_of;          /* --as-of as given; NULL: the latest data */
    const char *geography;      /* the geography in effect; NULL: the command has none */
    bool uses_index;            /* the report ranks regions by the composite index */
    const char *index_code;     /* ranking --index: a stored definition; NULL: the paper's */
    const char *query;          /* oblys sql: the SQL run; else NULL */
    size_t nparams;
    const char *const *params;  /* oblys sql: "NAME=VALUE" as given */
} provenance_options;

struct provenance {
    char *oblys_version;
    int schema_version;
    long long load_id;          /* the latest load of the data used; 0: none */
    char *load_file;            /* its file's name, without the folder */
    char *load_kind;
    char *load_sha256;          /* NULL for an undo, which reads no file */
    char *as_of;
    char *geography;
    char *index_definition;     /* NULL unless options.uses_index */
    char *query;
    size_t nparams;
    char **params;
    char data_sha256[65];
};

/* Builds the provenance of r, made from db (the connection the report
 * was computed from, an --as-of snapshot included). *out is owned by the
 * caller (provenance_free). OBLYS_EDB when db cannot be read. */
oblys_status provenance_build(sqlite3 *db, const report *r, const provenance_options *options,
                              provenance **out, oblys_error *err);
void provenance_free(provenance *p);

/* The provenance for people, one item per line ("\n" between lines, none
 * at the end), shared by the text, Markdown and CSV writers. */
void provenance_describe(const provenance *p, strbuf *out);

#endif
