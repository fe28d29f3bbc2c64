/*
 * store_reference.c - reference data in the store: annual exchange rates
 * and the consumer price index, used to show money in tenge or dollars,
 * nominal or real; population, to weigh regions merged back into their
 * predecessor; territorial changes; and groupings of regions (see
 * store.h, migrations 0004, 0005 and the inequality migration).
 */
#include "db/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shortest text that reads back as v ("" when absent). */
static void number_text(char out[32], bool present, double v)
{
    out[0] = '\0';
    if (!present)
        return;
    snprintf(out, 32, "%.15g", v);
    if (strtod(out, NULL) != v)
        snprintf(out, 32, "%.17g", v);
}

static bool same_column_text(sqlite3_stmt *stmt, int col, const char *text)
{
    const char *stored = (const char *)sqlite3_column_text(stmt, col);
    bool none = !text || !*text;
    return stored ? !none && strcmp(stored, text) == 0 : none;
}

static bool same_number(sqlite3_stmt *stmt, int col, bool present, double v)
{
    if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
        return !present;
    return present && sqlite3_column_double(stmt, col) == v;
}

/* A stored column's text, or `none` when it is NULL, for a message. */
static const char *column_or(sqlite3_stmt *stmt, int col, const char *none)
{
    const char *text = (const char *)sqlite3_column_text(stmt, col);
    return text ? text : none;
}

/* The statements that look up, insert and update one kind of reference
 * row, and the function that binds a record of that kind to any of them
 * (the three take the same parameters). */
typedef struct {
    int find, insert, update;
    void (*bind)(sqlite3_stmt *stmt, const void *record, long long load_id);
} reference_queries;

/* Runs the look-up of the record's key; *rc is SQLITE_ROW when it is stored. */
static sqlite3_stmt *find_stored(store *s, const reference_queries *q, const void *record,
                                 int *rc)
{
    sqlite3_stmt *find = store_query(s, q->find);
    q->bind(find, record, s->load_id);
    *rc = sqlite3_step(find);
    return find;
}

/* Inserts the record, or updates the stored one when --replace allows. */
static store_result write_reference(store *s, const reference_queries *q, const void *record,
                                    int find_rc, bool same, strbuf *detail)
{
    sqlite3_stmt *insert = store_query(s, q->insert), *update = store_query(s, q->update);
    q->bind(insert, record, s->load_id);
    q->bind(update, record, s->load_id);
    return store_settle(s, find_rc, same, false, NULL, insert, update, detail);
}

static void bind_rate(sqlite3_stmt *stmt, const void *record, long long load_id)
{
    const rate_record *r = record;
    sqlite3_bind_text(stmt, 1, r->currency, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, r->year);
    sqlite3_bind_double(stmt, 3, r->per_usd);
    store_bind_text_or_null(stmt, 4, r->source);
    sqlite3_bind_int64(stmt, 5, load_id);
}

store_result store_rate(store *s, const rate_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "rate");
    store_key_add(&key, r->currency);
    strbuf_printf(&key, "%d", r->year);
    char rate[32];
    number_text(rate, true, r->per_usd);
    strbuf_printf(&content, "%s\x1f%s", rate, r->source ? r->source : "");
    strbuf_printf(&shown, "%s %s per US dollar in %d", rate, r->currency, r->year);
    store_result seen = store_first_in_file(s, &key, r->where, &content, &shown, detail);
    if (seen != STORE_INSERTED)
        return seen;
    static const reference_queries queries = {
        Q_RATE_FIND, Q_RATE_INSERT, Q_RATE_UPDATE, bind_rate,
    };
    int rc;
    sqlite3_stmt *find = find_stored(s, &queries, r, &rc);
    bool same = rc == SQLITE_ROW && same_number(find, 0, true, r->per_usd)
        && same_column_text(find, 1, r->source);
    if (rc == SQLITE_ROW && !same) {
        strbuf_reset(detail);
        char stored[32];
        number_text(stored, true, sqlite3_column_double(find, 0));
        strbuf_printf(detail, "this file has %s (%s), the database has %s (%s)", rate,
                      r->source ? r->source : "no source", stored,
                      column_or(find, 1, "no source"));
    }
    return write_reference(s, &queries, r, rc, same, detail);
}

static void bind_price(sqlite3_stmt *stmt, const void *record, long long load_id)
{
    const price_record *r = record;
    sqlite3_bind_int(stmt, 1, r->year);
    if (r->has_cpi)
        sqlite3_bind_double(stmt, 2, r->cpi);
    else
        sqlite3_bind_null(stmt, 2);
    if (r->has_inflation)
        sqlite3_bind_double(stmt, 3, r->inflation_pct);
    else
        sqlite3_bind_null(stmt, 3);
    store_bind_text_or_null(stmt, 4, r->source);
    sqlite3_bind_int64(stmt, 5, load_id);
}

store_result store_price(store *s, const price_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "price");
    strbuf_printf(&key, "%d", r->year);
    char cpi[32], inflation[32];
    number_text(cpi, r->has_cpi, r->cpi);
    number_text(inflation, r->has_inflation, r->inflation_pct);
    strbuf_printf(&content, "%s\x1f%s\x1f%s", cpi, inflation, r->source ? r->source : "");
    strbuf_printf(&shown, "the price index of %d", r->year);
    store_result seen = store_first_in_file(s, &key, r->where, &content, &shown, detail);
    if (seen != STORE_INSERTED)
        return seen;
    static const reference_queries queries = {
        Q_PRICE_FIND, Q_PRICE_INSERT, Q_PRICE_UPDATE, bind_price,
    };
    int rc;
    sqlite3_stmt *find = find_stored(s, &queries, r, &rc);
    bool same = rc == SQLITE_ROW && same_number(find, 0, r->has_cpi, r->cpi)
        && same_number(find, 1, r->has_inflation, r->inflation_pct)
        && same_column_text(find, 2, r->source);
    if (rc == SQLITE_ROW && !same) {
        strbuf_reset(detail);
        strbuf_printf(detail, "this file has cpi %s, inflation %s; the database has cpi %s, "
                      "inflation %s", *cpi ? cpi : "none", *inflation ? inflation : "none",
                      column_or(find, 0, "none"),
                      column_or(find, 1, "none"));
    }
    return write_reference(s, &queries, r, rc, same, detail);
}

static void bind_population(sqlite3_stmt *stmt, const void *record, long long load_id)
{
    const population_record *r = record;
    sqlite3_bind_text(stmt, 1, r->region, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, r->year);
    sqlite3_bind_text(stmt, 3, r->settlement, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, r->sex, -1, SQLITE_STATIC);
    sqlite3_bind_double(stmt, 5, r->persons);
    store_bind_text_or_null(stmt, 6, r->source);
    sqlite3_bind_int64(stmt, 7, load_id);
}

store_result store_population(store *s, const population_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "population");
    store_key_add(&key, r->region);
    strbuf_printf(&key, "%d", r->year);
    store_key_add(&key, "");
    store_key_add(&key, r->settlement);
    store_key_add(&key, r->sex);
    char persons[32];
    number_text(persons, true, r->persons);
    strbuf_printf(&content, "%s\x1f%s", persons, r->source ? r->source : "");
    strbuf_printf(&shown, "%s persons", persons);
    store_result seen = store_first_in_file(s, &key, r->where, &content, &shown, detail);
    if (seen != STORE_INSERTED)
        return seen;
    static const reference_queries queries = {
        Q_POPULATION_FIND, Q_POPULATION_INSERT, Q_POPULATION_UPDATE, bind_population,
    };
    int rc;
    sqlite3_stmt *find = find_stored(s, &queries, r, &rc);
    bool same = rc == SQLITE_ROW && same_number(find, 0, true, r->persons)
        && same_column_text(find, 1, r->source);
    if (rc == SQLITE_ROW && !same) {
        strbuf_reset(detail);
        char stored[32];
        number_text(stored, true, sqlite3_column_double(find, 0));
        strbuf_printf(detail, "this file has %s persons, the database has %s", persons, stored);
    }
    return write_reference(s, &queries, r, rc, same, detail);
}

static void bind_change(sqlite3_stmt *stmt, const void *record, long long load_id)
{
    const change_record *r = record;
    sqlite3_bind_int(stmt, 1, r->year);
    sqlite3_bind_text(stmt, 2, r->predecessor, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, r->successor, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, r->kind, -1, SQLITE_STATIC);
    store_bind_text_or_null(stmt, 5, r->note);
    sqlite3_bind_int64(stmt, 6, load_id);
}

store_result store_change(store *s, const change_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "change");
    strbuf_printf(&key, "%d", r->year);
    store_key_add(&key, "");
    store_key_add(&key, r->predecessor);
    store_key_add(&key, r->successor);
    strbuf_printf(&content, "%s\x1f%s", r->kind, r->note ? r->note : "");
    strbuf_printf(&shown, "a %s", r->kind);
    store_result seen = store_first_in_file(s, &key, r->where, &content, &shown, detail);
    if (seen != STORE_INSERTED)
        return seen;
    static const reference_queries queries = {
        Q_CHANGE_FIND, Q_CHANGE_INSERT, Q_CHANGE_UPDATE, bind_change,
    };
    int rc;
    sqlite3_stmt *find = find_stored(s, &queries, r, &rc);
    bool same = rc == SQLITE_ROW && same_column_text(find, 0, r->kind)
        && same_column_text(find, 1, r->note);
    if (rc == SQLITE_ROW && !same) {
        strbuf_reset(detail);
        strbuf_printf(detail, "the database has this change as a %s (%s)",
                      sqlite3_column_text(find, 0),
                      column_or(find, 1, "no note"));
    }
    return write_reference(s, &queries, r, rc, same, detail);
}

static void bind_group(sqlite3_stmt *stmt, const void *record, long long load_id)
{
    const group_record *r = record;
    sqlite3_bind_text(stmt, 1, r->grouping, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, r->group_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, r->region, -1, SQLITE_STATIC);
    store_bind_text_or_null(stmt, 4, r->source);
    sqlite3_bind_int64(stmt, 5, load_id);
}

store_result store_group(store *s, const group_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "group");
    store_key_add(&key, r->grouping);
    store_key_add(&key, r->region);
    strbuf_printf(&content, "%s\x1f%s", r->group_name, r->source ? r->source : "");
    strbuf_printf(&shown, "group \"%s\"", r->group_name);
    store_result seen = store_first_in_file(s, &key, r->where, &content, &shown, detail);
    if (seen != STORE_INSERTED)
        return seen;
    static const reference_queries queries = {
        Q_GROUP_FIND, Q_GROUP_INSERT, Q_GROUP_UPDATE, bind_group,
    };
    int rc;
    sqlite3_stmt *find = find_stored(s, &queries, r, &rc);
    bool same = rc == SQLITE_ROW && same_column_text(find, 0, r->group_name)
        && same_column_text(find, 1, r->source);
    if (rc == SQLITE_ROW && !same) {
        strbuf_reset(detail);
        strbuf_printf(detail, "the database has this region in group \"%s\" of %s",
                      sqlite3_column_text(find, 0), r->grouping);
    }
    return write_reference(s, &queries, r, rc, same, detail);
}
