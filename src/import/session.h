/*
 * session.h - the state of importing one file, shared by the format
 * readers (csv_source.c, json_source.c) and import.c.
 *
 * A reader finds out the file's kind, calls session_begin() to open the
 * store (transaction), then session_row() for every row. import.c then
 * commits or rolls back.
 */
#ifndef OBLYS_SESSION_H
#define OBLYS_SESSION_H

#include <stdio.h>

#include "import/kind.h"
#include "import/progress.h"

typedef struct {
    sqlite3 *db;
    const char *path;
    const import_options *opt;
    diag_list *diag;
    const import_kind *kind;    /* NULL until session_begin() */
    import_ctx ctx;             /* ctx.store is the open store */
    oblys_error *err;
    const char *sha256;         /* of the file, for the load record */
    const char *format;         /* csv or json */
    char delimiter;             /* a CSV file's, once known; else 0 */
    FILE *file;                 /* being read, for the progress line */
    progress progress;
} import_session;

/* Opens the store for kind. */
oblys_status session_begin(import_session *s, const import_kind *kind);
/* Counts the row as read and hands it to the kind's handler. */
void session_row(import_session *s, const import_row *row);

/* The readers: each returns OBLYS_OK when the file could be read to the
 * end (row problems are in s->diag), OBLYS_EDATA when its structure is
 * broken (also in s->diag), or another status with s->err set. */
oblys_status csv_source_read(import_session *s, FILE *f);
oblys_status json_source_read(import_session *s, FILE *f);

/* JSON-stat (jsonstat_source.c): a dataset of version 2.0 ("class":
 * "dataset") or 1.x (a top-level key whose value has "dimension" and
 * "value"); read into series rows. */
struct cJSON;
bool jsonstat_detect(const struct cJSON *root);
oblys_status jsonstat_read(import_session *s, const struct cJSON *root);

#endif
