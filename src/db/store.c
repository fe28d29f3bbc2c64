/*
 * store.c - one input file written in one transaction (see store.h).
 *
 * Every statement is prepared once per file and reused for every row;
 * the prepared statements are named for what they do.
 */
#include "db/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    Q_LOAD_INSERT, Q_LOAD_COUNTS,
    Q_OBS_FIND, Q_OBS_INSERT, Q_OBS_UPDATE,
    Q_REGION_FIND, Q_REGION_INSERT, Q_REGION_UPDATE, Q_REGION_RESOLVE, Q_REGION_NAME_OWNER,
    Q_INDICATOR_FIND, Q_INDICATOR_INSERT, Q_INDICATOR_UPDATE,
    Q_PUBLISHED_FIND, Q_PUBLISHED_INSERT, Q_PUBLISHED_UPDATE,
    Q_SETTLEMENT_EXISTS, Q_SEX_EXISTS, Q_MEASURE_EXISTS, Q_INDICATOR_EXISTS,
    Q_SEEN_INSERT, Q_SEEN_FIND,
    Q_COUNT
};

static const char *const QUERIES[Q_COUNT] = {
    [Q_LOAD_INSERT] = "INSERT INTO load (file, kind, loaded_at) VALUES (?1, ?2, ?3)",
    [Q_LOAD_COUNTS] = "UPDATE load SET n_read = ?2, n_inserted = ?3, n_replaced = ?4, "
                      "n_unchanged = ?5 WHERE id = ?1",
    [Q_OBS_FIND] = "SELECT o.value, o.decimals, o.missing, o.load_id, o.source_line, l.file "
                   "FROM observation o JOIN load l ON l.id = o.load_id "
                   "WHERE o.region = ?1 AND o.indicator = ?2 AND o.year = ?3 "
                   "AND o.settlement = ?4 AND o.sex = ?5",
    [Q_OBS_INSERT] = "INSERT INTO observation (region, indicator, year, settlement, sex, "
                     "value, decimals, missing, load_id, source_line) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [Q_OBS_UPDATE] = "UPDATE observation SET value = ?6, decimals = ?7, missing = ?8, "
                     "load_id = ?9, source_line = ?10 WHERE region = ?1 AND indicator = ?2 "
                     "AND year = ?3 AND settlement = ?4 AND sex = ?5",
    [Q_REGION_FIND] = "SELECT name, kind, kato, iso_3166_2, name_ru, name_kk "
                      "FROM region WHERE code = ?1",
    [Q_REGION_INSERT] = "INSERT INTO region (code, name, kind, kato, iso_3166_2, name_ru, name_kk) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [Q_REGION_UPDATE] = "UPDATE region SET name = ?2, kind = ?3, kato = ?4, iso_3166_2 = ?5, "
                        "name_ru = ?6, name_kk = ?7 WHERE code = ?1",
    [Q_REGION_RESOLVE] = "SELECT code FROM region WHERE code = ?1 OR name = ?1 "
                         "OR name_ru = ?1 COLLATE NOCASE OR name_kk = ?1 COLLATE NOCASE LIMIT 2",
    [Q_REGION_NAME_OWNER] = "SELECT code FROM region WHERE name = ?1 AND code <> ?2",
    [Q_INDICATOR_FIND] = "SELECT name, unit, polarity, decimals, in_index, position, source "
                         "FROM indicator WHERE code = ?1",
    [Q_INDICATOR_INSERT] = "INSERT INTO indicator (code, name, unit, polarity, decimals, "
                           "in_index, position, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [Q_INDICATOR_UPDATE] = "UPDATE indicator SET name = ?2, unit = ?3, polarity = ?4, "
                           "decimals = ?5, in_index = ?6, position = ?7, source = ?8 "
                           "WHERE code = ?1",
    [Q_PUBLISHED_FIND] = "SELECT p.id, p.value, p.decimals, p.load_id, p.source_line, l.file "
                         "FROM published p JOIN load l ON l.id = p.load_id "
                         "WHERE p.source = ?1 AND p.measure = ?2 AND p.indicator IS ?3 "
                         "AND p.region IS ?4 AND p.year = ?5 AND p.base_year IS ?6 "
                         "AND p.settlement = ?7 AND p.sex = ?8",
    [Q_PUBLISHED_INSERT] = "INSERT INTO published (source, measure, indicator, region, year, "
                           "base_year, settlement, sex, value, decimals, load_id, source_line) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [Q_PUBLISHED_UPDATE] = "UPDATE published SET value = ?9, decimals = ?10, load_id = ?11, "
                           "source_line = ?12 WHERE id = ?13",
    [Q_SETTLEMENT_EXISTS] = "SELECT 1 FROM settlement WHERE code = ?1",
    [Q_SEX_EXISTS] = "SELECT 1 FROM sex WHERE code = ?1",
    [Q_MEASURE_EXISTS] = "SELECT 1 FROM published_measure WHERE code = ?1",
    [Q_INDICATOR_EXISTS] = "SELECT 1 FROM indicator WHERE code = ?1",
    [Q_SEEN_INSERT] = "INSERT INTO temp.import_seen (key, place, content, shown) "
                      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO NOTHING",
    [Q_SEEN_FIND] = "SELECT place, content = ?2, shown FROM temp.import_seen WHERE key = ?1",
};

/* The keys of the rows of this file so far, to tell a row repeated within
 * the file from a value stored by an earlier load (a stored row's load_id
 * cannot say it: an unchanged row keeps the load that first wrote it). */
static const char SQL_CREATE_SEEN[] =
    "CREATE TEMP TABLE IF NOT EXISTS import_seen "
    "(key TEXT PRIMARY KEY, place TEXT, content TEXT, shown TEXT) WITHOUT ROWID";
static const char SQL_CLEAR_SEEN[] = "DELETE FROM temp.import_seen";

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmt[Q_COUNT];
    long long load_id;
    bool replace;
    bool open;              /* transaction still running */
    store_counts counts;
    char *resolved_code;    /* last store_find_region() answer */
};

static sqlite3_stmt *query(store *s, int which)
{
    sqlite3_stmt *stmt = s->stmt[which];
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return stmt;
}

static void bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text)
{
    if (text && *text)
        sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, index);
}

/* A source line, or NULL for formats without lines. */
static void bind_line(sqlite3_stmt *stmt, int index, long long line)
{
    if (line > 0)
        sqlite3_bind_int64(stmt, index, line);
    else
        sqlite3_bind_null(stmt, index);
}

static store_result sql_failure(store *s, strbuf *detail)
{
    strbuf_reset(detail);
    strbuf_append(detail, sqlite3_errmsg(s->db));
    return STORE_FAILED;
}

static store_result step_done(store *s, sqlite3_stmt *stmt, store_result ok, strbuf *detail)
{
    return sqlite3_step(stmt) == SQLITE_DONE ? ok : sql_failure(s, detail);
}

static void utc_now(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static oblys_status prepare_all(store *s, oblys_error *err)
{
    if (sqlite3_exec(s->db, SQL_CREATE_SEEN, NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_exec(s->db, SQL_CLEAR_SEEN, NULL, NULL, NULL) != SQLITE_OK)
        return error_set(err, OBLYS_EDB, "cannot prepare the import: %s", sqlite3_errmsg(s->db));
    for (int i = 0; i < Q_COUNT; i++) {
        if (sqlite3_prepare_v3(s->db, QUERIES[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &s->stmt[i], NULL) != SQLITE_OK)
            return error_set(err, OBLYS_EDB, "cannot prepare a statement: %s",
                             sqlite3_errmsg(s->db));
    }
    return OBLYS_OK;
}

static oblys_status insert_load(store *s, const char *file, const char *kind, oblys_error *err)
{
    char stamp[32];
    utc_now(stamp);
    sqlite3_stmt *stmt = query(s, Q_LOAD_INSERT);
    sqlite3_bind_text(stmt, 1, file, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, stamp, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        return error_set(err, OBLYS_EDB, "cannot record the load: %s", sqlite3_errmsg(s->db));
    s->load_id = sqlite3_last_insert_rowid(s->db);
    return OBLYS_OK;
}

oblys_status store_open(sqlite3 *db, const char *file, const char *kind, bool replace,
                        store **out, oblys_error *err)
{
    store *s = xcalloc(1, sizeof *s);
    s->db = db;
    s->replace = replace;
    *out = NULL;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        error_set(err, OBLYS_EDB, "cannot start a transaction: %s", sqlite3_errmsg(db));
        free(s);
        return OBLYS_EDB;
    }
    s->open = true;
    oblys_status st = prepare_all(s, err);
    if (st == OBLYS_OK)
        st = insert_load(s, file, kind, err);
    if (st != OBLYS_OK) {
        store_close(s);
        return st;
    }
    *out = s;
    return OBLYS_OK;
}

/* ---- the decision every kind of row goes through ---- */

/* Records key as seen on this row of the file. When an earlier row of the
 * file had the same key, says whether its content was the same
 * (STORE_DUPLICATE) or not (STORE_CONFLICT_IN_FILE, with *detail naming
 * the line); else STORE_INSERTED, meaning "first time in this file". */
static store_result check_seen(store *s, const strbuf *key, const char *where,
                               const strbuf *content, const strbuf *shown, strbuf *detail)
{
    sqlite3_stmt *insert = query(s, Q_SEEN_INSERT);
    sqlite3_bind_text(insert, 1, strbuf_str(key), (int)key->len, SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, where, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, strbuf_str(content), (int)content->len, SQLITE_STATIC);
    sqlite3_bind_text(insert, 4, strbuf_str(shown), (int)shown->len, SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE)
        return sql_failure(s, detail);
    if (sqlite3_changes(s->db) == 1)
        return STORE_INSERTED;
    sqlite3_stmt *find = query(s, Q_SEEN_FIND);
    sqlite3_bind_text(find, 1, strbuf_str(key), (int)key->len, SQLITE_STATIC);
    sqlite3_bind_text(find, 2, strbuf_str(content), (int)content->len, SQLITE_STATIC);
    if (sqlite3_step(find) != SQLITE_ROW)
        return sql_failure(s, detail);
    strbuf_reset(detail);
    strbuf_printf(detail, "%s of this file has %s", sqlite3_column_text(find, 0),
                  sqlite3_column_text(find, 2));
    if (sqlite3_column_int(find, 1)) {
        s->counts.duplicates++;
        return STORE_DUPLICATE;
    }
    return STORE_CONFLICT_IN_FILE;
}

/* Given the result find_rc of looking the row's key up in the database:
 * inserts when nothing was found; otherwise the row is unchanged when
 * same, else replaced (--replace) or a conflict. insert and update are
 * bound. */
static store_result settle(store *s, int find_rc, bool same, sqlite3_stmt *insert,
                           sqlite3_stmt *update, strbuf *detail)
{
    store_result res;
    if (find_rc == SQLITE_DONE) {
        res = step_done(s, insert, STORE_INSERTED, detail);
        if (res == STORE_INSERTED)
            s->counts.inserted++;
        return res;
    }
    if (find_rc != SQLITE_ROW)
        return sql_failure(s, detail);
    if (same) {
        s->counts.unchanged++;
        return STORE_UNCHANGED;
    }
    if (!s->replace)
        return STORE_CONFLICT;
    res = step_done(s, update, STORE_REPLACED, detail);
    if (res == STORE_REPLACED)
        s->counts.replaced++;
    return res;
}

/* A key's fields joined by a unit separator, which no field contains. */
static void key_add(strbuf *key, const char *field)
{
    strbuf_append(key, field ? field : "");
    strbuf_append_char(key, '\x1f');
}

/* check_seen() for a row whose key and content are already built. */
static store_result first_in_file(store *s, strbuf *key, const char *where, strbuf *content,
                                  strbuf *shown, strbuf *detail)
{
    store_result res = check_seen(s, key, where, content, shown, detail);
    strbuf_free(key);
    strbuf_free(content);
    strbuf_free(shown);
    return res;
}

/* ---- observations ---- */

static void describe_value(strbuf *out, bool has_value, double value, int decimals,
                           const char *missing)
{
    if (has_value)
        strbuf_printf(out, "%.*f", decimals, value);
    else
        strbuf_printf(out, "missing (%s)", missing ? missing : "?");
}

/* "this file has 6.1; the database has 5.9 (from F, line 3)" */
static void describe_stored(strbuf *out, const char *mine, sqlite3_stmt *found, int value_col,
                            int line_col, int file_col, const char *missing)
{
    strbuf_reset(out);
    strbuf_printf(out, "this file has %s; the database has ", mine);
    describe_value(out, sqlite3_column_type(found, value_col) != SQLITE_NULL,
                   sqlite3_column_double(found, value_col),
                   sqlite3_column_int(found, value_col + 1), missing);
    strbuf_printf(out, " (from %s", sqlite3_column_text(found, file_col));
    if (sqlite3_column_type(found, line_col) != SQLITE_NULL)
        strbuf_printf(out, ", line %lld", sqlite3_column_int64(found, line_col));
    strbuf_append_char(out, ')');
}

static void bind_observation(sqlite3_stmt *stmt, const obs_record *r, long long load_id)
{
    sqlite3_bind_text(stmt, 1, r->region, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, r->indicator, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 3, r->year);
    sqlite3_bind_text(stmt, 4, r->settlement, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, r->sex, -1, SQLITE_STATIC);
    if (r->has_value) {
        sqlite3_bind_double(stmt, 6, r->value);
        sqlite3_bind_int(stmt, 7, r->decimals);
        sqlite3_bind_null(stmt, 8);
    } else {
        sqlite3_bind_null(stmt, 6);
        sqlite3_bind_null(stmt, 7);
        sqlite3_bind_text(stmt, 8, r->missing, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(stmt, 9, load_id);
    bind_line(stmt, 10, r->line);
}

static bool same_observation(sqlite3_stmt *found, const obs_record *r)
{
    bool stored_has_value = sqlite3_column_type(found, 0) != SQLITE_NULL;
    if (stored_has_value != r->has_value)
        return false;
    if (r->has_value)
        return sqlite3_column_double(found, 0) == r->value
            && sqlite3_column_int(found, 1) == r->decimals;
    const char *missing = (const char *)sqlite3_column_text(found, 2);
    return missing && r->missing && strcmp(missing, r->missing) == 0;
}

static store_result observation_seen(store *s, const obs_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    key_add(&key, "observation");
    key_add(&key, r->region);
    key_add(&key, r->indicator);
    strbuf_printf(&key, "%d", r->year);
    key_add(&key, "");
    key_add(&key, r->settlement);
    key_add(&key, r->sex);
    describe_value(&shown, r->has_value, r->value, r->decimals, r->missing);
    if (r->has_value)
        strbuf_printf(&content, "%.17g/%d", r->value, r->decimals);
    else
        strbuf_printf(&content, "missing/%s", r->missing);
    return first_in_file(s, &key, r->where, &content, &shown, detail);
}

store_result store_observation(store *s, const obs_record *r, strbuf *detail)
{
    store_result seen = observation_seen(s, r, detail);
    if (seen != STORE_INSERTED)
        return seen;
    sqlite3_stmt *find = query(s, Q_OBS_FIND);
    bind_observation(find, r, s->load_id);
    int rc = sqlite3_step(find);
    bool found = rc == SQLITE_ROW;
    if (found) {
        strbuf mine = STRBUF_INIT;
        describe_value(&mine, r->has_value, r->value, r->decimals, r->missing);
        describe_stored(detail, strbuf_str(&mine), find, 0, 4, 5,
                        (const char *)sqlite3_column_text(find, 2));
        strbuf_free(&mine);
    }
    sqlite3_stmt *insert = query(s, Q_OBS_INSERT), *update = query(s, Q_OBS_UPDATE);
    bind_observation(insert, r, s->load_id);
    bind_observation(update, r, s->load_id);
    return settle(s, rc, found && same_observation(find, r), insert, update, detail);
}

/* ---- metadata: regions and indicators ---- */

static void bind_region(sqlite3_stmt *stmt, const region_record *r)
{
    sqlite3_bind_text(stmt, 1, r->code, -1, SQLITE_STATIC);
    bind_text_or_null(stmt, 2, r->name);
    bind_text_or_null(stmt, 3, r->kind);
    bind_text_or_null(stmt, 4, r->kato);
    bind_text_or_null(stmt, 5, r->iso_3166_2);
    bind_text_or_null(stmt, 6, r->name_ru);
    bind_text_or_null(stmt, 7, r->name_kk);
}

static store_result region_seen(store *s, const region_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    key_add(&key, "region");
    key_add(&key, r->code);
    const char *fields[] = { r->name, r->kind, r->kato, r->iso_3166_2, r->name_ru, r->name_kk };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        key_add(&content, fields[i]);
    strbuf_printf(&shown, "region %s as \"%s\" (%s)", r->code, r->name, r->kind);
    return first_in_file(s, &key, r->where, &content, &shown, detail);
}

/* Compares the row find holds with values (text, NULL or "" for none),
 * column by column; on the first difference writes which column differs
 * and how into *detail and returns false. */
static bool same_fields(sqlite3_stmt *find, const char *const *names, const char *const *values,
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

/* A region's name must be unique: says which region already has it. */
static bool name_taken(store *s, const region_record *r, strbuf *detail)
{
    sqlite3_stmt *owner = query(s, Q_REGION_NAME_OWNER);
    sqlite3_bind_text(owner, 1, r->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(owner, 2, r->code, -1, SQLITE_STATIC);
    if (sqlite3_step(owner) != SQLITE_ROW)
        return false;
    strbuf_reset(detail);
    strbuf_printf(detail, "the name \"%s\" already belongs to region %s", r->name,
                  sqlite3_column_text(owner, 0));
    return true;
}

store_result store_region(store *s, const region_record *r, strbuf *detail)
{
    store_result seen = region_seen(s, r, detail);
    if (seen != STORE_INSERTED)
        return seen;
    if (name_taken(s, r, detail))
        return STORE_REJECTED;
    static const char *const names[] = { "name", "kind", "kato", "iso_3166_2", "name_ru",
                                         "name_kk" };
    const char *values[] = { r->name, r->kind, r->kato, r->iso_3166_2, r->name_ru, r->name_kk };
    sqlite3_stmt *find = query(s, Q_REGION_FIND);
    sqlite3_bind_text(find, 1, r->code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(find);
    bool same = rc == SQLITE_ROW && same_fields(find, names, values, 6, detail);
    sqlite3_stmt *insert = query(s, Q_REGION_INSERT);
    bind_region(insert, r);
    sqlite3_stmt *update = query(s, Q_REGION_UPDATE);
    bind_region(update, r);
    return settle(s, rc, same, insert, update, detail);
}

static void bind_indicator(sqlite3_stmt *stmt, const indicator_record *r)
{
    sqlite3_bind_text(stmt, 1, r->code, -1, SQLITE_STATIC);
    bind_text_or_null(stmt, 2, r->name);
    bind_text_or_null(stmt, 3, r->unit);
    sqlite3_bind_int(stmt, 4, r->polarity);
    sqlite3_bind_int(stmt, 5, r->decimals);
    sqlite3_bind_int(stmt, 6, r->in_index);
    if (r->has_position)
        sqlite3_bind_int(stmt, 7, r->position);
    else
        sqlite3_bind_null(stmt, 7);
    bind_text_or_null(stmt, 8, r->source);
}

static store_result indicator_seen(store *s, const indicator_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    key_add(&key, "indicator");
    key_add(&key, r->code);
    strbuf_printf(&content, "%s\x1f%s\x1f%d\x1f%d\x1f%d\x1f%d\x1f%d\x1f%s", r->name, r->unit,
                  r->polarity, r->decimals, r->in_index, r->has_position, r->position,
                  r->source ? r->source : "");
    strbuf_printf(&shown, "indicator %s as \"%s\"", r->code, r->name);
    return first_in_file(s, &key, r->where, &content, &shown, detail);
}

store_result store_indicator(store *s, const indicator_record *r, strbuf *detail)
{
    store_result seen = indicator_seen(s, r, detail);
    if (seen != STORE_INSERTED)
        return seen;
    static const char *const names[] = { "name", "unit", "polarity", "decimals", "in_index",
                                         "position", "source" };
    char polarity[16], decimals[16], in_index[16], position[16] = "";
    snprintf(polarity, sizeof polarity, "%d", r->polarity);
    snprintf(decimals, sizeof decimals, "%d", r->decimals);
    snprintf(in_index, sizeof in_index, "%d", r->in_index);
    if (r->has_position)
        snprintf(position, sizeof position, "%d", r->position);
    const char *values[] = { r->name, r->unit, polarity, decimals, in_index, position, r->source };
    sqlite3_stmt *find = query(s, Q_INDICATOR_FIND);
    sqlite3_bind_text(find, 1, r->code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(find);
    bool same = rc == SQLITE_ROW && same_fields(find, names, values, 7, detail);
    sqlite3_stmt *insert = query(s, Q_INDICATOR_INSERT);
    bind_indicator(insert, r);
    sqlite3_stmt *update = query(s, Q_INDICATOR_UPDATE);
    bind_indicator(update, r);
    return settle(s, rc, same, insert, update, detail);
}

/* ---- published figures ---- */

static void bind_published(sqlite3_stmt *stmt, const published_record *r, long long load_id)
{
    sqlite3_bind_text(stmt, 1, r->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, r->measure, -1, SQLITE_STATIC);
    bind_text_or_null(stmt, 3, r->indicator);
    bind_text_or_null(stmt, 4, r->region);
    sqlite3_bind_int(stmt, 5, r->year);
    if (r->base_year)
        sqlite3_bind_int(stmt, 6, r->base_year);
    else
        sqlite3_bind_null(stmt, 6);
    sqlite3_bind_text(stmt, 7, r->settlement, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 8, r->sex, -1, SQLITE_STATIC);
    sqlite3_bind_double(stmt, 9, r->value);
    sqlite3_bind_int(stmt, 10, r->decimals);
    sqlite3_bind_int64(stmt, 11, load_id);
    bind_line(stmt, 12, r->line);
}

static store_result published_seen(store *s, const published_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    key_add(&key, "published");
    key_add(&key, r->source);
    key_add(&key, r->measure);
    key_add(&key, r->indicator);
    key_add(&key, r->region);
    strbuf_printf(&key, "%d", r->year);
    key_add(&key, "");
    strbuf_printf(&key, "%d", r->base_year);
    key_add(&key, "");
    key_add(&key, r->settlement);
    key_add(&key, r->sex);
    describe_value(&shown, true, r->value, r->decimals, NULL);
    strbuf_printf(&content, "%.17g/%d", r->value, r->decimals);
    return first_in_file(s, &key, r->where, &content, &shown, detail);
}

store_result store_published(store *s, const published_record *r, strbuf *detail)
{
    store_result seen = published_seen(s, r, detail);
    if (seen != STORE_INSERTED)
        return seen;
    sqlite3_stmt *find = query(s, Q_PUBLISHED_FIND);
    bind_published(find, r, s->load_id);
    int rc = sqlite3_step(find);
    bool found = rc == SQLITE_ROW;
    if (found) {
        strbuf mine = STRBUF_INIT;
        describe_value(&mine, true, r->value, r->decimals, NULL);
        describe_stored(detail, strbuf_str(&mine), find, 1, 4, 5, NULL);
        strbuf_free(&mine);
    }
    sqlite3_stmt *insert = query(s, Q_PUBLISHED_INSERT), *update = query(s, Q_PUBLISHED_UPDATE);
    bind_published(insert, r, s->load_id);
    bind_published(update, r, s->load_id);
    if (found)
        sqlite3_bind_int64(update, 13, sqlite3_column_int64(find, 0));
    bool same = found && sqlite3_column_double(find, 1) == r->value
        && sqlite3_column_int(find, 2) == r->decimals;
    return settle(s, rc, same, insert, update, detail);
}

/* ---- look-ups ---- */

bool store_find_region(store *s, const char *text, const char **code)
{
    sqlite3_stmt *stmt = query(s, Q_REGION_RESOLVE);
    sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_ROW)
        return false;
    free(s->resolved_code);
    s->resolved_code = xstrdup((const char *)sqlite3_column_text(stmt, 0));
    if (sqlite3_step(stmt) == SQLITE_ROW)
        return false;               /* ambiguous */
    *code = s->resolved_code;
    return true;
}

bool store_code_exists(store *s, code_table table, const char *code)
{
    static const int which[] = {
        [CODE_SETTLEMENT] = Q_SETTLEMENT_EXISTS,
        [CODE_SEX] = Q_SEX_EXISTS,
        [CODE_MEASURE] = Q_MEASURE_EXISTS,
        [CODE_INDICATOR] = Q_INDICATOR_EXISTS,
    };
    sqlite3_stmt *stmt = query(s, which[table]);
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    return sqlite3_step(stmt) == SQLITE_ROW;
}

store_counts *store_counts_of(store *s)
{
    return &s->counts;
}

/* ---- end of the transaction ---- */

static void finalize_all(store *s)
{
    for (int i = 0; i < Q_COUNT; i++) {
        sqlite3_finalize(s->stmt[i]);
        s->stmt[i] = NULL;
    }
}

oblys_status store_commit(store *s, bool *written, oblys_error *err)
{
    if (written)
        *written = false;
    if (s->counts.inserted + s->counts.replaced == 0) {
        store_rollback(s);
        return OBLYS_OK;
    }
    sqlite3_stmt *stmt = query(s, Q_LOAD_COUNTS);
    sqlite3_bind_int64(stmt, 1, s->load_id);
    sqlite3_bind_int64(stmt, 2, s->counts.read);
    sqlite3_bind_int64(stmt, 3, s->counts.inserted);
    sqlite3_bind_int64(stmt, 4, s->counts.replaced);
    sqlite3_bind_int64(stmt, 5, s->counts.unchanged + s->counts.duplicates);
    if (sqlite3_step(stmt) != SQLITE_DONE) {
        error_set(err, OBLYS_EDB, "cannot record the load: %s", sqlite3_errmsg(s->db));
        store_rollback(s);
        return OBLYS_EDB;
    }
    finalize_all(s);
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        error_set(err, OBLYS_EDB, "cannot commit: %s", sqlite3_errmsg(s->db));
        store_rollback(s);
        return OBLYS_EDB;
    }
    s->open = false;
    if (written)
        *written = true;
    return OBLYS_OK;
}

void store_rollback(store *s)
{
    finalize_all(s);
    if (s->open)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->open = false;
}

void store_close(store *s)
{
    if (!s)
        return;
    store_rollback(s);
    free(s->resolved_code);
    free(s);
}
