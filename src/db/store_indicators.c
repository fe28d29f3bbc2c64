/*
 * store_indicators.c - the indicator registry in the store (see store.h).
 */
#include "db/store_internal.h"

#include <stdio.h>
#include <string.h>

#include "util/namekey.h"

static void bind_indicator(sqlite3_stmt *stmt, const indicator_record *r)
{
    sqlite3_bind_text(stmt, 1, r->code, -1, SQLITE_STATIC);
    store_bind_text_or_null(stmt, 2, r->name);
    store_bind_text_or_null(stmt, 3, r->unit);
    sqlite3_bind_int(stmt, 4, r->polarity);
    sqlite3_bind_int(stmt, 5, r->decimals);
    sqlite3_bind_int(stmt, 6, r->in_index);
    if (r->has_position)
        sqlite3_bind_int(stmt, 7, r->position);
    else
        sqlite3_bind_null(stmt, 7);
    store_bind_text_or_null(stmt, 8, r->source);
    store_bind_text_or_null(stmt, 9, r->kind);
    store_bind_text_or_null(stmt, 10, r->currency);
    store_bind_text_or_null(stmt, 11, r->price_basis);
    store_bind_text_or_null(stmt, 12, r->definition);
}

static store_result indicator_seen(store *s, const indicator_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "indicator");
    store_key_add(&key, r->code);
    strbuf_printf(&content, "%s\x1f%s\x1f%d\x1f%d\x1f%d\x1f%d\x1f%d\x1f", r->name, r->unit,
                  r->polarity, r->decimals, r->in_index, r->has_position, r->position);
    const char *texts[] = { r->source, r->kind, r->currency, r->price_basis, r->definition };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        store_key_add(&content, texts[i]);
    strbuf_printf(&shown, "indicator %s as \"%s\"", r->code, r->name);
    return store_first_in_file(s, &key, r->where, &content, &shown, detail);
}

store_result store_indicator(store *s, const indicator_record *r, strbuf *detail)
{
    store_result seen = indicator_seen(s, r, detail);
    if (seen != STORE_INSERTED)
        return seen;
    static const char *const names[] = { "name", "unit", "polarity", "decimals", "in_index",
                                         "position", "source", "kind", "currency",
                                         "price_basis", "definition" };
    char polarity[16], decimals[16], in_index[16], position[16] = "";
    snprintf(polarity, sizeof polarity, "%d", r->polarity);
    snprintf(decimals, sizeof decimals, "%d", r->decimals);
    snprintf(in_index, sizeof in_index, "%d", r->in_index);
    if (r->has_position)
        snprintf(position, sizeof position, "%d", r->position);
    const char *values[] = { r->name, r->unit, polarity, decimals, in_index, position, r->source,
                             r->kind, r->currency, r->price_basis, r->definition };
    sqlite3_stmt *find = store_query(s, Q_INDICATOR_FIND);
    sqlite3_bind_text(find, 1, r->code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(find);
    bool same = rc == SQLITE_ROW && store_same_fields(find, names, values, 11, detail);
    sqlite3_stmt *insert = store_query(s, Q_INDICATOR_INSERT);
    bind_indicator(insert, r);
    sqlite3_stmt *update = store_query(s, Q_INDICATOR_UPDATE);
    bind_indicator(update, r);
    return store_settle(s, rc, same, false, NULL, insert, update, detail);
}

void store_suggest_indicators(store *s, const char *text, strbuf *out)
{
    size_t shown = 0;
    strbuf_reset(out);
    strbuf key = STRBUF_INIT, name_key_of = STRBUF_INIT;
    name_key(text, &key);
    sqlite3_stmt *all = store_query(s, Q_INDICATOR_ALL);
    while (sqlite3_step(all) == SQLITE_ROW && shown < 3) {
        const char *code = (const char *)sqlite3_column_text(all, 0);
        const char *name = (const char *)sqlite3_column_text(all, 1);
        name_key(name ? name : "", &name_key_of);
        bool by_name = key.len > 0 && strcmp(strbuf_str(&key), strbuf_str(&name_key_of)) == 0;
        if (by_name)                        /* the indicator given by its name */
            strbuf_printf(out, "%s\"%s\" (%s)", shown++ ? " or " : "", code, name);
        else if (code_is_close(text, code))
            strbuf_printf(out, "%s\"%s\"", shown++ ? " or " : "", code);
    }
    strbuf_free(&key);
    strbuf_free(&name_key_of);
}
