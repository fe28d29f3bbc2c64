/*
 * store_regions.c - regions and the spellings that name them (see
 * store.h). Importing a region registers its code and names as spellings;
 * other spellings come from alias files. A spelling names one region only.
 */
#include "db/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/namekey.h"

bool store_same_fields(sqlite3_stmt *find, const char *const *names, const char *const *values,
                       size_t n, strbuf *detail)
{
    for (size_t i = 0; i < n; i++) {
        const char *stored = (const char *)sqlite3_column_text(find, (int)i);
        const char *mine = values[i] && *values[i] ? values[i] : NULL;
        if ((!stored && !mine) || (stored && mine && strcmp(stored, mine) == 0))
            continue;
        strbuf_reset(detail);
        strbuf_printf(detail, "its %s: this file has %s%s%s, the database has %s%s%s", names[i],
                      mine ? "\"" : "", mine ? mine : "nothing", mine ? "\"" : "",
                      stored ? "\"" : "", stored ? stored : "nothing", stored ? "\"" : "");
        return false;
    }
    return true;
}

/* ---- spellings ---- */

/* Registers text as a spelling of region unless it already is one.
 * STORE_INSERTED or STORE_UNCHANGED; STORE_REJECTED when it names another
 * region, or folds to nothing. Does not count. */
static store_result register_spelling(store *s, const char *text, const char *region,
                                      const char *source, strbuf *detail)
{
    if (!text || !*text)
        return STORE_UNCHANGED;
    strbuf key = STRBUF_INIT;
    name_key(text, &key);
    bool empty = key.len == 0;
    strbuf_free(&key);
    if (empty) {
        strbuf_reset(detail);
        strbuf_printf(detail, "\"%s\" has no letters or digits to recognise a region by", text);
        return STORE_REJECTED;
    }
    sqlite3_stmt *find = store_query(s, Q_ALIAS_FIND);
    sqlite3_bind_text(find, 1, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(find);
    if (rc == SQLITE_ROW) {
        const char *owner = (const char *)sqlite3_column_text(find, 0);
        if (strcmp(owner, region) == 0)
            return STORE_UNCHANGED;
        strbuf_reset(detail);
        strbuf_printf(detail, "the spelling \"%s\" already names %s (region %s, registered as "
                      "\"%s\")", text, sqlite3_column_text(find, 2), owner,
                      sqlite3_column_text(find, 1));
        return STORE_REJECTED;
    }
    if (rc != SQLITE_DONE)
        return store_sql_failure(s, detail);
    sqlite3_stmt *insert = store_query(s, Q_ALIAS_INSERT);
    sqlite3_bind_text(insert, 1, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, region, -1, SQLITE_STATIC);
    store_bind_text_or_null(insert, 3, source);
    return store_step_done(s, insert, STORE_INSERTED, detail);
}

store_result store_alias(store *s, const alias_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "alias");
    name_key(r->alias, &content);
    strbuf_append(&key, strbuf_str(&content));
    strbuf_reset(&content);
    strbuf_append(&content, r->region);
    strbuf_printf(&shown, "\"%s\" for region %s", r->alias, r->region);
    store_result seen = store_first_in_file(s, &key, r->where, &content, &shown, detail);
    if (seen != STORE_INSERTED)
        return seen;
    store_result res = register_spelling(s, r->alias, r->region, r->source, detail);
    if (res == STORE_INSERTED)
        s->counts.inserted++;
    else if (res == STORE_UNCHANGED)
        s->counts.unchanged++;
    return res;
}

bool store_find_region(store *s, const char *text, const char **code)
{
    if (strmap_get(&s->region_by_text, text, code))
        return true;
    sqlite3_stmt *stmt = store_query(s, Q_ALIAS_FIND);
    sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_ROW)
        return false;
    strmap_put(&s->region_by_text, text, (const char *)sqlite3_column_text(stmt, 0));
    return strmap_get(&s->region_by_text, text, code);
}

void store_flag_codes(store *s, strbuf *out)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT code FROM flag ORDER BY code", -1, &stmt, NULL)
        != SQLITE_OK)
        return;
    char *held = NULL;      /* the last code is joined with "or" */
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        if (held)
            strbuf_printf(out, "%s%s", out->len ? ", " : "", held);
        free(held);
        held = xstrdup((const char *)sqlite3_column_text(stmt, 0));
    }
    if (held)
        strbuf_printf(out, "%s%s", out->len ? " or " : "", held);
    free(held);
    sqlite3_finalize(stmt);
}

bool store_region_years(store *s, const char *code, int *from, int *to, const char **name)
{
    if (!s->years.code || strcmp(s->years.code, code) != 0) {
        sqlite3_stmt *stmt = store_query(s, Q_REGION_FIND);
        sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) != SQLITE_ROW)
            return false;
        free(s->years.code);
        free(s->years.name);
        s->years.code = xstrdup(code);
        s->years.name = xstrdup((const char *)sqlite3_column_text(stmt, 0));
        s->years.from = sqlite3_column_int(stmt, 6);
        s->years.to = sqlite3_column_int(stmt, 7);
    }
    *from = s->years.from;
    *to = s->years.to;
    *name = s->years.name;
    return true;
}

bool store_region_predecessor(store *s, const char *code, int year, int in_year,
                              const char **pred, const char **name)
{
    sqlite3_stmt *stmt = store_query(s, Q_REGION_PREDECESSOR);
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, year);
    if (sqlite3_step(stmt) != SQLITE_ROW)
        return false;
    int from = sqlite3_column_int(stmt, 2), to = sqlite3_column_int(stmt, 3);
    if ((from != 0 && in_year < from) || (to != 0 && in_year > to))
        return false;
    free(s->pred_code);
    free(s->pred_name);
    s->pred_code = xstrdup((const char *)sqlite3_column_text(stmt, 0));
    s->pred_name = xstrdup((const char *)sqlite3_column_text(stmt, 1));
    if (sqlite3_step(stmt) == SQLITE_ROW)
        return false;
    *pred = s->pred_code;
    *name = s->pred_name;
    return true;
}

typedef struct {
    size_t distance;
    char *alias;
    char *region_name;
} suggestion;

static int compare_suggestions(const void *a, const void *b)
{
    const suggestion *x = a, *y = b;
    if (x->distance != y->distance)
        return x->distance < y->distance ? -1 : 1;
    return strcmp(x->alias, y->alias);
}

void store_suggest_regions(store *s, const char *text, strbuf *out)
{
    strbuf key = STRBUF_INIT;
    name_key(text, &key);
    size_t len = name_length(strbuf_str(&key));
    strbuf_reset(out);
    if (len == 0) {                 /* nothing to compare: no suggestion */
        strbuf_free(&key);
        return;
    }
    size_t limit = len < 6 ? 2 : len / 3;           /* a few typos, not another name */
    suggestion *found = NULL;
    size_t n = 0;
    sqlite3_stmt *all = store_query(s, Q_ALIAS_ALL);
    while (sqlite3_step(all) == SQLITE_ROW) {
        const char *alias_key = (const char *)sqlite3_column_text(all, 0);
        size_t d = name_distance(strbuf_str(&key), alias_key);
        /* A name that starts like a known one ("Astana" for "Astana city"). */
        size_t shorter = len < name_length(alias_key) ? key.len : strlen(alias_key);
        bool prefix = len >= 4 && name_length(alias_key) >= 4
            && strncmp(alias_key, strbuf_str(&key), shorter) == 0;
        if (d > limit && !prefix)
            continue;
        found = xrealloc(found, (n + 1) * sizeof *found);
        found[n].distance = d;
        found[n].alias = xstrdup((const char *)sqlite3_column_text(all, 1));
        found[n].region_name = xstrdup((const char *)sqlite3_column_text(all, 2));
        n++;
    }
    if (n > 1)
        qsort(found, n, sizeof *found, compare_suggestions);
    /* The closest spelling of each region, at most three regions. */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t j = 0; j < kept && !seen; j++)
            seen = strcmp(found[j].region_name, found[i].region_name) == 0;
        if (seen || kept == 3) {
            free(found[i].alias);
            free(found[i].region_name);
        } else {
            found[kept++] = found[i];
        }
    }
    strbuf_reset(out);
    for (size_t i = 0; i < kept; i++) {
        strbuf_printf(out, "%s\"%s\"", i == 0 ? "" : i + 1 == kept ? " or " : ", ",
                      found[i].alias);
        if (strcmp(found[i].alias, found[i].region_name) != 0)
            strbuf_printf(out, " (%s)", found[i].region_name);
        free(found[i].alias);
        free(found[i].region_name);
    }
    free(found);
    strbuf_free(&key);
}

bool store_no_regions(store *s)
{
    sqlite3_stmt *count = store_query(s, Q_REGION_COUNT);
    return sqlite3_step(count) == SQLITE_ROW && sqlite3_column_int(count, 0) == 0;
}

/* ---- regions ---- */

static void bind_year_or_null(sqlite3_stmt *stmt, int index, int year)
{
    if (year)
        sqlite3_bind_int(stmt, index, year);
    else
        sqlite3_bind_null(stmt, index);
}

static void bind_region(sqlite3_stmt *stmt, const region_record *r)
{
    sqlite3_bind_text(stmt, 1, r->code, -1, SQLITE_STATIC);
    store_bind_text_or_null(stmt, 2, r->name);
    store_bind_text_or_null(stmt, 3, r->kind);
    store_bind_text_or_null(stmt, 4, r->kato);
    store_bind_text_or_null(stmt, 5, r->iso_3166_2);
    store_bind_text_or_null(stmt, 6, r->name_ru);
    store_bind_text_or_null(stmt, 7, r->name_kk);
    bind_year_or_null(stmt, 8, r->valid_from);
    bind_year_or_null(stmt, 9, r->valid_to);
}

static void year_text(char out[8], int year)
{
    out[0] = '\0';
    if (year)
        snprintf(out, 8, "%d", year);
}

static store_result region_seen(store *s, const region_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "region");
    store_key_add(&key, r->code);
    const char *fields[] = { r->name, r->kind, r->kato, r->iso_3166_2, r->name_ru, r->name_kk };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        store_key_add(&content, fields[i]);
    strbuf_printf(&content, "%d\x1f%d", r->valid_from, r->valid_to);
    strbuf_printf(&shown, "region %s as \"%s\" (%s)", r->code, r->name, r->kind);
    return store_first_in_file(s, &key, r->where, &content, &shown, detail);
}

/* A region's name must be unique: says which region already has it. */
static bool name_taken(store *s, const region_record *r, strbuf *detail)
{
    sqlite3_stmt *owner = store_query(s, Q_REGION_NAME_OWNER);
    sqlite3_bind_text(owner, 1, r->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(owner, 2, r->code, -1, SQLITE_STATIC);
    if (sqlite3_step(owner) != SQLITE_ROW)
        return false;
    strbuf_reset(detail);
    strbuf_printf(detail, "the name \"%s\" already belongs to region %s", r->name,
                  sqlite3_column_text(owner, 0));
    return true;
}

/* The region's code and names become spellings that name it. */
static store_result register_region_spellings(store *s, const region_record *r, strbuf *detail)
{
    const char *spellings[] = { r->code, r->name, r->name_ru, r->name_kk, r->kato, r->iso_3166_2 };
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        store_result res = register_spelling(s, spellings[i], r->code, "region table", detail);
        if (res == STORE_REJECTED || res == STORE_FAILED)
            return res;
    }
    return STORE_INSERTED;
}

store_result store_region(store *s, const region_record *r, strbuf *detail)
{
    store_result seen = region_seen(s, r, detail);
    if (seen != STORE_INSERTED)
        return seen;
    if (name_taken(s, r, detail))
        return STORE_REJECTED;
    static const char *const names[] = { "name", "kind", "kato", "iso_3166_2", "name_ru",
                                         "name_kk", "valid_from", "valid_to" };
    char from[8], to[8];
    year_text(from, r->valid_from);
    year_text(to, r->valid_to);
    const char *values[] = { r->name, r->kind, r->kato, r->iso_3166_2, r->name_ru, r->name_kk,
                             from, to };
    sqlite3_stmt *find = store_query(s, Q_REGION_FIND);
    sqlite3_bind_text(find, 1, r->code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(find);
    bool same = rc == SQLITE_ROW && store_same_fields(find, names, values, 8, detail);
    sqlite3_stmt *insert = store_query(s, Q_REGION_INSERT);
    bind_region(insert, r);
    sqlite3_stmt *update = store_query(s, Q_REGION_UPDATE);
    bind_region(update, r);
    store_result res = store_settle(s, rc, same, false, NULL, insert, update, detail);
    if (res != STORE_INSERTED && res != STORE_UPDATED && res != STORE_UNCHANGED)
        return res;
    store_result spelled = register_region_spellings(s, r, detail);
    return spelled == STORE_INSERTED ? res : spelled;
}
