/*
 * provenance.c - how a report was made (see provenance.h): read once from
 * the database the report was computed from, then written by every
 * writer.
 */
#include "report/provenance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/migrate.h"
#include "util/sha256.h"

#ifndef OBLYS_VERSION
#define OBLYS_VERSION "unknown"
#endif

static const char SQL_LATEST_LOAD[] =
    "SELECT id, file, kind, sha256 FROM load ORDER BY id DESC LIMIT 1";
static const char SQL_INDEX_INDICATORS[] =
    "SELECT count(*), group_concat(code, ', ') "
    "FROM (SELECT code FROM indicator WHERE in_index = 1 ORDER BY position, code)";

/* The file's name without its folder: the path as given depends on where
 * the import ran; `oblys loads` shows it in full. */
static char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return xstrdup(slash ? slash + 1 : path);
}

static char *column_text(sqlite3_stmt *stmt, int col)
{
    return xstrdup((const char *)sqlite3_column_text(stmt, col));
}

static oblys_status read_latest_load(sqlite3 *db, provenance *p, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, SQL_LATEST_LOAD, -1, &stmt, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot read the loads: %s", sqlite3_errmsg(db));
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        p->load_id = sqlite3_column_int64(stmt, 0);
        p->load_file = base_name((const char *)sqlite3_column_text(stmt, 1));
        p->load_kind = column_text(stmt, 2);
        p->load_sha256 = column_text(stmt, 3);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return error_set(err, OBLYS_EDB, "cannot read the loads: %s", sqlite3_errmsg(db));
    return OBLYS_OK;
}

/* The composite index as docs/methodology.md defines it, with the
 * indicators the database marks in_index. */
static oblys_status describe_index(sqlite3 *db, provenance *p, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, SQL_INDEX_INDICATORS, -1, &stmt, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot read the indicators: %s", sqlite3_errmsg(db));
    strbuf text = STRBUF_INIT;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        int n = sqlite3_column_int(stmt, 0);
        const char *codes = (const char *)sqlite3_column_text(stmt, 1);
        strbuf_printf(&text, "composite index = sum, with equal weights, of the min-max scores "
                      "across the regions in each year (by polarity: best region 1, worst 0) "
                      "of the %d in_index indicators (%s); regions missing one are not ranked "
                      "(docs/methodology.md#the-composite-index)", n, codes ? codes : "none");
    }
    sqlite3_finalize(stmt);
    p->index_definition = strbuf_detach(&text);
    return OBLYS_OK;
}

static const char SQL_INDEX_DEFINITION[] =
    "SELECT d.name, d.normalisation, d.scope, d.aggregation, "
    "       (SELECT group_concat(indicator || ' ' || printf('%.4g', weight / total), ', ') "
    "        FROM (SELECT c.indicator, c.weight, "
    "                     (SELECT sum(weight) FROM index_component WHERE definition = ?1) AS total "
    "              FROM index_component c WHERE c.definition = ?1 ORDER BY c.position)) "
    "FROM index_definition d WHERE d.code = ?1";

/* A stored index definition (ranking --index CODE): its method and its
 * weights, normalised to sum 1 as the views use them. */
static oblys_status describe_definition(sqlite3 *db, const char *code, provenance *p,
                                        oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, SQL_INDEX_DEFINITION, -1, &stmt, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot read the index definition: %s",
                         sqlite3_errmsg(db));
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    strbuf text = STRBUF_INIT;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        strbuf_printf(&text, "definition %s (%s): normalisation %s, scope %s, aggregation %s; "
                      "weights %s (docs/methodology.md#the-composite-index)", code,
                      (const char *)sqlite3_column_text(stmt, 0),
                      (const char *)sqlite3_column_text(stmt, 1),
                      (const char *)sqlite3_column_text(stmt, 2),
                      (const char *)sqlite3_column_text(stmt, 3),
                      sqlite3_column_text(stmt, 4) ? (const char *)sqlite3_column_text(stmt, 4)
                                                   : "none");
    sqlite3_finalize(stmt);
    p->index_definition = strbuf_detach(&text);
    return OBLYS_OK;
}

/* The SHA-256 of r as CSV without provenance: what `--format csv |
 * sha256sum` prints. */
static oblys_status hash_data(const report *r, provenance *p, oblys_error *err)
{
    char *bytes = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&bytes, &len);
    if (!mem)
        return error_set(err, OBLYS_EIO, "cannot hash the report: out of memory");
    write_csv(r, NULL, mem);
    if (fclose(mem) != 0) {
        free(bytes);
        return error_set(err, OBLYS_EIO, "cannot hash the report: out of memory");
    }
    sha256_hex(bytes, len, p->data_sha256);
    free(bytes);
    return OBLYS_OK;
}

static void copy_options(const provenance_options *o, provenance *p)
{
    p->as_of = xstrdup(o->as_of);
    p->geography = xstrdup(o->geography);
    p->query = xstrdup(o->query);
    p->nparams = o->nparams;
    p->params = xcalloc(o->nparams + 1, sizeof *p->params);
    for (size_t i = 0; i < o->nparams; i++)
        p->params[i] = xstrdup(o->params[i]);
}

oblys_status provenance_build(sqlite3 *db, const report *r, const provenance_options *options,
                              provenance **out, oblys_error *err)
{
    provenance *p = xcalloc(1, sizeof *p);
    p->oblys_version = xstrdup(OBLYS_VERSION);
    copy_options(options, p);
    oblys_status st = migrate_current_version(db, &p->schema_version, err);
    if (st == OBLYS_OK)
        st = read_latest_load(db, p, err);
    if (st == OBLYS_OK && options->uses_index && options->index_code)
        st = describe_definition(db, options->index_code, p, err);
    else if (st == OBLYS_OK && options->uses_index)
        st = describe_index(db, p, err);
    if (st == OBLYS_OK)
        st = hash_data(r, p, err);
    if (st != OBLYS_OK) {
        provenance_free(p);
        p = NULL;
    }
    *out = p;
    return st;
}

void provenance_free(provenance *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nparams; i++)
        free(p->params[i]);
    free(p->params);
    free(p->oblys_version);
    free(p->load_file);
    free(p->load_kind);
    free(p->load_sha256);
    free(p->as_of);
    free(p->geography);
    free(p->index_definition);
    free(p->query);
    free(p);
}

/* SQL on one line: each run of white space becomes one space. */
static void append_one_line(strbuf *out, const char *text)
{
    bool space = false;
    for (const char *c = text; *c; c++) {
        if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r') {
            space = true;
            continue;
        }
        if (space && out->len && out->data[out->len - 1] != ' ')
            strbuf_append_char(out, ' ');
        space = false;
        strbuf_append_char(out, *c);
    }
}

void provenance_describe(const provenance *p, strbuf *out)
{
    strbuf_printf(out, "made by oblys %s from a database of schema version %d",
                  p->oblys_version, p->schema_version);
    if (p->load_id)
        strbuf_printf(out, "\nlatest load: %lld (%s, %s, sha256 %s)", p->load_id,
                      p->load_file, p->load_kind, p->load_sha256 ? p->load_sha256 : "none");
    else
        strbuf_append(out, "\nlatest load: none");
    strbuf_printf(out, "\nas of: %s", p->as_of ? p->as_of : "the latest load");
    if (p->geography)
        strbuf_printf(out, "\ngeography: %s", p->geography);
    if (p->index_definition)
        strbuf_printf(out, "\nindex: %s", p->index_definition);
    if (p->query) {
        strbuf_append(out, "\nquery: ");
        append_one_line(out, p->query);
    }
    for (size_t i = 0; i < p->nparams; i++)
        strbuf_printf(out, "\nparameter: %s", p->params[i]);
    strbuf_printf(out, "\ndata sha256: %s (of this report as CSV without provenance)",
                  p->data_sha256);
}
