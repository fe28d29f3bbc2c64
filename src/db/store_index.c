/*
 * store_index.c - composite index definitions in the store (see store.h):
 * a row of index_definition and one row of index_component per
 * indicator, written together.
 *
 * A definition is compared with the stored one as a whole, through a
 * canonical text of its settings and components, built the same way from
 * the record and from the database. The statements are prepared per
 * definition: files hold a handful of them.
 */
#include "db/store_internal.h"

#include <stdio.h>
#include <string.h>

static const char SQL_DEFINITION_FIND[] =
    "SELECT name, normalisation, scope, aggregation, description FROM index_definition "
    "WHERE code = ?1";
static const char SQL_COMPONENTS_FIND[] =
    "SELECT indicator, weight, goal_low, goal_high FROM index_component "
    "WHERE definition = ?1 ORDER BY position";
static const char SQL_DEFINITION_INSERT[] =
    "INSERT INTO index_definition (code, name, normalisation, scope, aggregation, "
    "description, load_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_DEFINITION_UPDATE[] =
    "UPDATE index_definition SET name = ?2, normalisation = ?3, scope = ?4, "
    "aggregation = ?5, description = ?6, load_id = ?7 WHERE code = ?1";
static const char SQL_COMPONENTS_REMOVE[] = "DELETE FROM index_component WHERE definition = ?1";
static const char SQL_COMPONENT_INSERT[] =
    "INSERT INTO index_component (definition, indicator, weight, goal_low, goal_high, "
    "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static void add_settings(strbuf *out, const char *name, const char *normalisation,
                         const char *scope, const char *aggregation, const char *description)
{
    store_key_add(out, name);
    store_key_add(out, normalisation);
    store_key_add(out, scope);
    store_key_add(out, aggregation);
    store_key_add(out, description);
}

static void add_component(strbuf *out, const char *indicator, double weight, bool has_goalposts,
                          double low, double high)
{
    store_key_add(out, indicator);
    strbuf_printf(out, "%.17g\x1f", weight);
    if (has_goalposts)
        strbuf_printf(out, "%.17g\x1f%.17g\x1f", low, high);
    else
        strbuf_append(out, "\x1f\x1f");
}

static void canonical_record(const index_definition_record *r, strbuf *out)
{
    add_settings(out, r->name, r->normalisation, r->scope, r->aggregation, r->description);
    for (size_t i = 0; i < r->ncomponents; i++) {
        const index_component_record *c = &r->components[i];
        add_component(out, c->indicator, c->weight, c->has_goalposts, c->goal_low, c->goal_high);
    }
}

static const char *column_text(sqlite3_stmt *stmt, int col)
{
    return (const char *)sqlite3_column_text(stmt, col);
}

/* The stored definition's canonical text; SQLITE_ROW when there is one,
 * SQLITE_DONE when not, an error code otherwise. */
static int canonical_stored(store *s, const char *code, strbuf *out)
{
    sqlite3_stmt *def = NULL, *comp = NULL;
    int rc = sqlite3_prepare_v2(s->db, SQL_DEFINITION_FIND, -1, &def, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(def, 1, code, -1, SQLITE_STATIC);
        rc = sqlite3_step(def);
    }
    if (rc == SQLITE_ROW) {
        add_settings(out, column_text(def, 0), column_text(def, 1), column_text(def, 2),
                     column_text(def, 3), column_text(def, 4));
        rc = sqlite3_prepare_v2(s->db, SQL_COMPONENTS_FIND, -1, &comp, NULL);
    }
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(comp, 1, code, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(comp)) == SQLITE_ROW)
            add_component(out, column_text(comp, 0), sqlite3_column_double(comp, 1),
                          sqlite3_column_type(comp, 2) != SQLITE_NULL,
                          sqlite3_column_double(comp, 2), sqlite3_column_double(comp, 3));
        rc = rc == SQLITE_DONE ? SQLITE_ROW : rc;
    }
    sqlite3_finalize(def);
    sqlite3_finalize(comp);
    return rc;
}

static int run_definition(store *s, const char *sql, const index_definition_record *r)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(stmt, 1, r->code, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(stmt) > 1) {
        sqlite3_bind_text(stmt, 2, r->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 3, r->normalisation, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 4, r->scope, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 5, r->aggregation, -1, SQLITE_STATIC);
        store_bind_text_or_null(stmt, 6, r->description);
        sqlite3_bind_int64(stmt, 7, s->load_id);
    }
    rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int insert_components(store *s, const index_definition_record *r)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(s->db, SQL_COMPONENT_INSERT, -1, &stmt, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < r->ncomponents; i++) {
        const index_component_record *c = &r->components[i];
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        sqlite3_bind_text(stmt, 1, r->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, c->indicator, -1, SQLITE_STATIC);
        sqlite3_bind_double(stmt, 3, c->weight);
        if (c->has_goalposts) {
            sqlite3_bind_double(stmt, 4, c->goal_low);
            sqlite3_bind_double(stmt, 5, c->goal_high);
        }
        sqlite3_bind_int64(stmt, 6, (sqlite3_int64)i + 1);
        rc = sqlite3_step(stmt) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(stmt);
    return rc;
}

store_result store_index_definition(store *s, const index_definition_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "index_definition");
    store_key_add(&key, r->code);
    canonical_record(r, &content);
    strbuf wanted = STRBUF_INIT;
    strbuf_append(&wanted, strbuf_str(&content));
    strbuf_printf(&shown, "index %s as \"%s\"", r->code, r->name);
    store_result seen = store_first_in_file(s, &key, r->where, &content, &shown, detail);
    if (seen != STORE_INSERTED) {
        strbuf_free(&wanted);
        return seen;
    }
    strbuf stored = STRBUF_INIT;
    int found = canonical_stored(s, r->code, &stored);
    bool same = found == SQLITE_ROW && strcmp(strbuf_str(&stored), strbuf_str(&wanted)) == 0;
    strbuf_free(&stored);
    strbuf_free(&wanted);
    if (found != SQLITE_ROW && found != SQLITE_DONE)
        return store_sql_failure(s, detail);
    if (same) {
        s->counts.unchanged++;
        return STORE_UNCHANGED;
    }
    if (found == SQLITE_ROW && !s->replace) {
        strbuf_reset(detail);
        strbuf_printf(detail, "index %s is stored with other settings or components",
                      r->code);
        return STORE_CONFLICT;
    }
    int rc = found == SQLITE_ROW ? run_definition(s, SQL_COMPONENTS_REMOVE, r) : SQLITE_OK;
    if (rc == SQLITE_OK)
        rc = run_definition(s, found == SQLITE_ROW ? SQL_DEFINITION_UPDATE
                                                   : SQL_DEFINITION_INSERT, r);
    if (rc == SQLITE_OK)
        rc = insert_components(s, r);
    if (rc != SQLITE_OK)
        return store_sql_failure(s, detail);
    if (found == SQLITE_ROW) {
        s->counts.updated++;
        return STORE_UPDATED;
    }
    s->counts.inserted++;
    return STORE_INSERTED;
}
