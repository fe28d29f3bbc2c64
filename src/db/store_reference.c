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

static void bind_rate(sqlite3_stmt *stmt, const rate_record *r, long long load_id)
{
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
    sqlite3_stmt *find = store_query(s, Q_RATE_FIND);
    bind_rate(find, r, s->load_id);
    int rc = sqlite3_step(find);
    bool same = rc == SQLITE_ROW && same_number(find, 0, true, r->per_usd)
        && same_column_text(find, 1, r->source);
    if (rc == SQLITE_ROW && !same) {
        strbuf_reset(detail);
        char stored[32];
        number_text(stored, true, sqlite3_column_double(find, 0));
        strbuf_printf(detail, "this file has %s (%s), the database has %s (%s)", rate,
                      r->source ? r->source : "no source", stored,
                      sqlite3_column_text(find, 1) ? (const char *)sqlite3_column_text(find, 1)
                                                   : "no source");
    }
    sqlite3_stmt *insert = store_query(s, Q_RATE_INSERT), *update = store_query(s, Q_RATE_UPDATE);
    bind_rate(insert, r, s->load_id);
    bind_rate(update, r, s->load_id);
    return store_settle(s, rc, same, false, NULL, insert, update, detail);
}

static void bind_price(sqlite3_stmt *stmt, const price_record *r, long long load_id)
{
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
    sqlite3_stmt *find = store_query(s, Q_PRICE_FIND);
    bind_price(find, r, s->load_id);
    int rc = sqlite3_step(find);
    bool same = rc == SQLITE_ROW && same_number(find, 0, r->has_cpi, r->cpi)
        && same_number(find, 1, r->has_inflation, r->inflation_pct)
        && same_column_text(find, 2, r->source);
    if (rc == SQLITE_ROW && !same) {
        strbuf_reset(detail);
        strbuf_printf(detail, "this file has cpi %s, inflation %s; the database has cpi %s, "
                      "inflation %s", *cpi ? cpi : "none", *inflation ? inflation : "none",
                      sqlite3_column_text(find, 0) ? (const char *)sqlite3_column_text(find, 0)
                                                   : "none",
                      sqlite3_column_text(find, 1) ? (const char *)sqlite3_column_text(find, 1)
                                                   : "none");
    }
    sqlite3_stmt *insert = store_query(s, Q_PRICE_INSERT);
    sqlite3_stmt *update = store_query(s, Q_PRICE_UPDATE);
    bind_price(insert, r, s->load_id);
    bind_price(update, r, s->load_id);
    return store_settle(s, rc, same, false, NULL, insert, update, detail);
}

static void bind_population(sqlite3_stmt *stmt, const population_record *r, long long load_id)
{
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
    sqlite3_stmt *find = store_query(s, Q_POPULATION_FIND);
    bind_population(find, r, s->load_id);
    int rc = sqlite3_step(find);
    bool same = rc == SQLITE_ROW && same_number(find, 0, true, r->persons)
        && same_column_text(find, 1, r->source);
    if (rc == SQLITE_ROW && !same) {
        strbuf_reset(detail);
        char stored[32];
        number_text(stored, true, sqlite3_column_double(find, 0));
        strbuf_printf(detail, "this file has %s persons, the database has %s", persons, stored);
    }
    sqlite3_stmt *insert = store_query(s, Q_POPULATION_INSERT);
    sqlite3_stmt *update = store_query(s, Q_POPULATION_UPDATE);
    bind_population(insert, r, s->load_id);
    bind_population(update, r, s->load_id);
    return store_settle(s, rc, same, false, NULL, insert, update, detail);
}

static void bind_change(sqlite3_stmt *stmt, const change_record *r, long long load_id)
{
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
    sqlite3_stmt *find = store_query(s, Q_CHANGE_FIND);
    bind_change(find, r, s->load_id);
    int rc = sqlite3_step(find);
    bool same = rc == SQLITE_ROW && same_column_text(find, 0, r->kind)
        && same_column_text(find, 1, r->note);
    if (rc == SQLITE_ROW && !same) {
        strbuf_reset(detail);
        strbuf_printf(detail, "the database has this change as a %s (%s)",
                      sqlite3_column_text(find, 0),
                      sqlite3_column_text(find, 1) ? (const char *)sqlite3_column_text(find, 1)
                                                   : "no note");
    }
    sqlite3_stmt *insert = store_query(s, Q_CHANGE_INSERT);
    sqlite3_stmt *update = store_query(s, Q_CHANGE_UPDATE);
    bind_change(insert, r, s->load_id);
    bind_change(update, r, s->load_id);
    return store_settle(s, rc, same, false, NULL, insert, update, detail);
}

static void bind_group(sqlite3_stmt *stmt, const group_record *r, long long load_id)
{
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
    sqlite3_stmt *find = store_query(s, Q_GROUP_FIND);
    bind_group(find, r, s->load_id);
    int rc = sqlite3_step(find);
    bool same = rc == SQLITE_ROW && same_column_text(find, 0, r->group_name)
        && same_column_text(find, 1, r->source);
    if (rc == SQLITE_ROW && !same) {
        strbuf_reset(detail);
        strbuf_printf(detail, "the database has this region in group \"%s\" of %s",
                      sqlite3_column_text(find, 0), r->grouping);
    }
    sqlite3_stmt *insert = store_query(s, Q_GROUP_INSERT);
    sqlite3_stmt *update = store_query(s, Q_GROUP_UPDATE);
    bind_group(insert, r, s->load_id);
    bind_group(update, r, s->load_id);
    return store_settle(s, rc, same, false, NULL, insert, update, detail);
}
