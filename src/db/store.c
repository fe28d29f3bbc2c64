/*
 * store.c - one input file written in one transaction (see store.h): the
 * transaction and load record, the statements, and the decision every
 * kind of row goes through (new, unchanged, repeated in the file, revised,
 * conflicting). The kinds of row are in store_values.c, store_regions.c
 * and store_indicators.c.
 *
 * Every statement is prepared once per file and reused for every row;
 * the prepared statements are named for what they do.
 */
#include "db/store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const QUERIES[Q_COUNT] = {
    [Q_LOAD_INSERT] = "INSERT INTO load (file, kind, loaded_at, sha256, format) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_LOAD_COUNTS] = "UPDATE load SET n_read = ?2, n_inserted = ?3, n_replaced = ?4, "
                      "n_unchanged = ?5, n_rejected = ?6 WHERE id = ?1",
    [Q_OBS_FIND] = "SELECT o.value, o.decimals, o.missing, o.flags, o.source_line, l.file, "
                   "o.load_id, o.source_status "
                   "FROM observation o JOIN load l ON l.id = o.load_id "
                   "WHERE o.region = ?1 AND o.indicator = ?2 AND o.year = ?3 "
                   "AND o.settlement = ?4 AND o.sex = ?5",
    [Q_OBS_INSERT] = "INSERT INTO observation (region, indicator, year, settlement, sex, "
                     "value, decimals, missing, load_id, source_line, flags, source_status) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                     "ON CONFLICT DO NOTHING",
    [Q_OBS_UPDATE] = "UPDATE observation SET value = ?6, decimals = ?7, missing = ?8, "
                     "load_id = ?9, source_line = ?10, flags = ?11, source_status = ?12 "
                     "WHERE region = ?1 "
                     "AND indicator = ?2 AND year = ?3 AND settlement = ?4 AND sex = ?5",
    [Q_OBS_ARCHIVE] = "INSERT INTO observation_history (region, indicator, year, settlement, "
                      "sex, value, decimals, missing, flags, source_status, load_id, "
                      "source_line, superseded_by) "
                      "SELECT region, indicator, year, settlement, sex, value, decimals, "
                      "missing, flags, source_status, load_id, source_line, ?9 FROM observation "
                      "WHERE region = ?1 AND indicator = ?2 AND year = ?3 AND settlement = ?4 "
                      "AND sex = ?5",
    [Q_REGION_FIND] = "SELECT name, kind, kato, iso_3166_2, name_ru, name_kk, valid_from, "
                      "valid_to FROM region WHERE code = ?1",
    [Q_REGION_INSERT] = "INSERT INTO region (code, name, kind, kato, iso_3166_2, name_ru, "
                        "name_kk, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [Q_REGION_UPDATE] = "UPDATE region SET name = ?2, kind = ?3, kato = ?4, iso_3166_2 = ?5, "
                        "name_ru = ?6, name_kk = ?7, valid_from = ?8, valid_to = ?9 "
                        "WHERE code = ?1",
    [Q_REGION_NAME_OWNER] = "SELECT code FROM region WHERE name = ?1 AND code <> ?2",
    [Q_ALIAS_FIND] = "SELECT a.region, a.alias, r.name FROM region_alias a "
                     "JOIN region r ON r.code = a.region WHERE a.alias_key = oblys_name_key(?1)",
    [Q_ALIAS_INSERT] = "INSERT INTO region_alias (alias_key, alias, region, source) "
                       "VALUES (oblys_name_key(?1), ?1, ?2, ?3) ON CONFLICT (alias_key) DO NOTHING",
    [Q_ALIAS_ALL] = "SELECT a.alias_key, a.alias, r.name FROM region_alias a "
                    "JOIN region r ON r.code = a.region",
    [Q_INDICATOR_ALL] = "SELECT code, name FROM indicator ORDER BY code",
    [Q_REGION_COUNT] = "SELECT count(*) FROM region",
    [Q_REGION_PREDECESSOR] = "SELECT c.predecessor, p.name, p.valid_from, p.valid_to "
                             "FROM territorial_change c JOIN region p ON p.code = c.predecessor "
                             "WHERE c.successor = ?1 AND c.year = ?2 AND c.predecessor <> ?1",
    [Q_INDICATOR_FIND] = "SELECT name, unit, polarity, decimals, in_index, position, source, "
                         "kind, currency, price_basis, definition FROM indicator WHERE code = ?1",
    [Q_INDICATOR_INSERT] = "INSERT INTO indicator (code, name, unit, polarity, decimals, "
                           "in_index, position, source, kind, currency, price_basis, definition) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [Q_INDICATOR_UPDATE] = "UPDATE indicator SET name = ?2, unit = ?3, polarity = ?4, "
                           "decimals = ?5, in_index = ?6, position = ?7, source = ?8, kind = ?9, "
                           "currency = ?10, price_basis = ?11, definition = ?12 WHERE code = ?1",
    [Q_RATE_FIND] = "SELECT per_usd, source FROM exchange_rate WHERE currency = ?1 AND year = ?2",
    [Q_RATE_INSERT] = "INSERT INTO exchange_rate (currency, year, per_usd, source, load_id) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_RATE_UPDATE] = "UPDATE exchange_rate SET per_usd = ?3, source = ?4, load_id = ?5 "
                      "WHERE currency = ?1 AND year = ?2",
    [Q_PRICE_FIND] = "SELECT cpi, inflation_pct, source FROM price_index WHERE year = ?1",
    [Q_PRICE_INSERT] = "INSERT INTO price_index (year, cpi, inflation_pct, source, load_id) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_PRICE_UPDATE] = "UPDATE price_index SET cpi = ?2, inflation_pct = ?3, source = ?4, "
                       "load_id = ?5 WHERE year = ?1",
    [Q_PUBLISHED_FIND] = "SELECT p.id, p.value, p.decimals, p.source_line, l.file "
                         "FROM published p JOIN load l ON l.id = p.load_id "
                         "WHERE p.source = ?1 AND p.measure = ?2 AND p.indicator IS ?3 "
                         "AND p.region IS ?4 AND p.year = ?5 AND p.base_year IS ?6 "
                         "AND p.settlement = ?7 AND p.sex = ?8",
    [Q_PUBLISHED_INSERT] = "INSERT INTO published (source, measure, indicator, region, year, "
                           "base_year, settlement, sex, value, decimals, load_id, source_line) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [Q_PUBLISHED_UPDATE] = "UPDATE published SET value = ?9, decimals = ?10, load_id = ?11, "
                           "source_line = ?12 WHERE id = ?13",
    [Q_PUBLISHED_ARCHIVE] = "INSERT INTO published_history (source, measure, indicator, region, "
                            "year, base_year, settlement, sex, value, decimals, load_id, "
                            "source_line, superseded_by) SELECT source, measure, indicator, "
                            "region, year, base_year, settlement, sex, value, decimals, load_id, "
                            "source_line, ?11 FROM published WHERE id = ?13",
    [Q_POPULATION_FIND] = "SELECT persons, source FROM population WHERE region = ?1 "
                          "AND year = ?2 AND settlement = ?3 AND sex = ?4",
    [Q_POPULATION_INSERT] = "INSERT INTO population (region, year, settlement, sex, persons, "
                            "source, load_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [Q_POPULATION_UPDATE] = "UPDATE population SET persons = ?5, source = ?6, load_id = ?7 "
                            "WHERE region = ?1 AND year = ?2 AND settlement = ?3 AND sex = ?4",
    [Q_CHANGE_FIND] = "SELECT kind, note FROM territorial_change WHERE year = ?1 "
                      "AND predecessor = ?2 AND successor = ?3",
    [Q_CHANGE_INSERT] = "INSERT INTO territorial_change (year, predecessor, successor, kind, "
                        "note, load_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_CHANGE_UPDATE] = "UPDATE territorial_change SET kind = ?4, note = ?5, load_id = ?6 "
                        "WHERE year = ?1 AND predecessor = ?2 AND successor = ?3",
    [Q_GROUP_FIND] = "SELECT group_name, source FROM region_group WHERE grouping = ?1 "
                     "AND region = ?3",
    [Q_GROUP_INSERT] = "INSERT INTO region_group (grouping, group_name, region, source, load_id) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_GROUP_UPDATE] = "UPDATE region_group SET group_name = ?2, source = ?4, load_id = ?5 "
                       "WHERE grouping = ?1 AND region = ?3",
    [Q_SETTLEMENT_EXISTS] = "SELECT 1 FROM settlement WHERE code = ?1",
    [Q_SEX_EXISTS] = "SELECT 1 FROM sex WHERE code = ?1",
    [Q_MEASURE_EXISTS] = "SELECT 1 FROM published_measure WHERE code = ?1",
    [Q_INDICATOR_EXISTS] = "SELECT 1 FROM indicator WHERE code = ?1",
    [Q_FLAG_EXISTS] = "SELECT 1 FROM flag WHERE code = ?1",
    [Q_MISSING_EXISTS] = "SELECT 1 FROM missing_reason WHERE code = ?1",
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

sqlite3_stmt *store_rebind(store *s, int which)
{
    sqlite3_stmt *stmt = s->stmt[which];
    sqlite3_reset(stmt);
    return stmt;
}

sqlite3_stmt *store_query(store *s, int which)
{
    sqlite3_stmt *stmt = s->stmt[which];
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return stmt;
}

void store_bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text)
{
    if (text && *text)
        sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, index);
}

void store_bind_line(sqlite3_stmt *stmt, int index, long long line)
{
    if (line > 0)
        sqlite3_bind_int64(stmt, index, line);
    else
        sqlite3_bind_null(stmt, index);
}

store_result store_sql_failure(store *s, strbuf *detail)
{
    strbuf_reset(detail);
    strbuf_append(detail, sqlite3_errmsg(s->db));
    return STORE_FAILED;
}

store_result store_step_done(store *s, sqlite3_stmt *stmt, store_result ok, strbuf *detail)
{
    return sqlite3_step(stmt) == SQLITE_DONE ? ok : store_sql_failure(s, detail);
}

void store_describe_value(strbuf *out, bool has_value, double value, int decimals,
                          const char *missing)
{
    if (has_value)
        strbuf_printf(out, "%.*f", decimals, value);
    else
        strbuf_printf(out, "missing (%s)", missing ? missing : "?");
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

static oblys_status insert_load(store *s, const store_source *src, oblys_error *err)
{
    char stamp[32];
    utc_now(stamp);
    sqlite3_stmt *stmt = store_query(s, Q_LOAD_INSERT);
    sqlite3_bind_text(stmt, 1, src->file, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, src->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, stamp, -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(stmt, 4, src->sha256);
    store_bind_text_or_null(stmt, 5, src->format);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        return error_set(err, OBLYS_EDB, "cannot record the load: %s", sqlite3_errmsg(s->db));
    s->load_id = sqlite3_last_insert_rowid(s->db);
    return OBLYS_OK;
}

oblys_status store_open(sqlite3 *db, const store_source *src, bool replace, store **out,
                        oblys_error *err)
{
    store *s = xcalloc(1, sizeof *s);
    s->db = db;
    s->replace = replace;
    *out = NULL;
    store_bulk_begin(s, src->kind);     /* pragmas: before the transaction */
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        error_set(err, OBLYS_EDB, "cannot start a transaction: %s", sqlite3_errmsg(db));
        store_bulk_end(s);
        free(s);
        return OBLYS_EDB;
    }
    s->open = true;
    oblys_status st = prepare_all(s, err);
    if (st == OBLYS_OK)
        st = insert_load(s, src, err);
    if (st != OBLYS_OK) {
        store_close(s);
        return st;
    }
    *out = s;
    return OBLYS_OK;
}

/* ---- the decision every kind of row goes through ---- */

static store_result check_seen(store *s, const strbuf *key, const char *where,
                               const strbuf *content, const strbuf *shown, strbuf *detail)
{
    sqlite3_stmt *insert = store_query(s, Q_SEEN_INSERT);
    sqlite3_bind_text(insert, 1, strbuf_str(key), (int)key->len, SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, where, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, strbuf_str(content), (int)content->len, SQLITE_STATIC);
    sqlite3_bind_text(insert, 4, strbuf_str(shown), (int)shown->len, SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE)
        return store_sql_failure(s, detail);
    if (sqlite3_changes(s->db) == 1)
        return STORE_INSERTED;
    sqlite3_stmt *find = store_query(s, Q_SEEN_FIND);
    sqlite3_bind_text(find, 1, strbuf_str(key), (int)key->len, SQLITE_STATIC);
    sqlite3_bind_text(find, 2, strbuf_str(content), (int)content->len, SQLITE_STATIC);
    if (sqlite3_step(find) != SQLITE_ROW)
        return store_sql_failure(s, detail);
    strbuf_reset(detail);
    strbuf_printf(detail, "%s of this file has %s", sqlite3_column_text(find, 0),
                  sqlite3_column_text(find, 2));
    if (sqlite3_column_int(find, 1)) {
        s->counts.duplicates++;
        return STORE_DUPLICATE;
    }
    return STORE_CONFLICT_IN_FILE;
}

store_result store_first_in_file(store *s, strbuf *key, const char *where, strbuf *content,
                                 strbuf *shown, strbuf *detail)
{
    store_result res = check_seen(s, key, where, content, shown, detail);
    strbuf_free(key);
    strbuf_free(content);
    strbuf_free(shown);
    return res;
}

store_result store_settle(store *s, int find_rc, bool same, bool revisable,
                          sqlite3_stmt *archive, sqlite3_stmt *insert, sqlite3_stmt *update,
                          strbuf *detail)
{
    store_result res;
    if (find_rc == SQLITE_DONE) {
        res = store_step_done(s, insert, STORE_INSERTED, detail);
        if (res == STORE_INSERTED)
            s->counts.inserted++;
        return res;
    }
    if (find_rc != SQLITE_ROW)
        return store_sql_failure(s, detail);
    if (same) {
        s->counts.unchanged++;
        return STORE_UNCHANGED;
    }
    if (!revisable && !s->replace)
        return STORE_CONFLICT;
    if (archive && sqlite3_step(archive) != SQLITE_DONE)
        return store_sql_failure(s, detail);
    res = store_step_done(s, update, STORE_UPDATED, detail);
    if (res == STORE_UPDATED)
        s->counts.updated++;
    return res;
}

void store_key_add(strbuf *key, const char *field)
{
    strbuf_append(key, field ? field : "");
    strbuf_append_char(key, '\x1f');
}

bool store_code_exists(store *s, code_table table, const char *code)
{
    static const int which[] = {
        [CODE_SETTLEMENT] = Q_SETTLEMENT_EXISTS,
        [CODE_SEX] = Q_SEX_EXISTS,
        [CODE_MEASURE] = Q_MEASURE_EXISTS,
        [CODE_INDICATOR] = Q_INDICATOR_EXISTS,
        [CODE_FLAG] = Q_FLAG_EXISTS,
        [CODE_MISSING] = Q_MISSING_EXISTS,
    };
    if (strmap_get(&s->known_codes[table], code, NULL))
        return true;
    sqlite3_stmt *stmt = store_query(s, which[table]);
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_ROW)
        return false;
    strmap_put(&s->known_codes[table], code, NULL);
    return true;
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
    if (s->counts.inserted + s->counts.updated == 0) {
        store_rollback(s);
        return OBLYS_OK;
    }
    sqlite3_stmt *stmt = store_query(s, Q_LOAD_COUNTS);
    sqlite3_bind_int64(stmt, 1, s->load_id);
    sqlite3_bind_int64(stmt, 2, s->counts.read);
    sqlite3_bind_int64(stmt, 3, s->counts.inserted);
    sqlite3_bind_int64(stmt, 4, s->counts.updated);
    sqlite3_bind_int64(stmt, 5, s->counts.unchanged + s->counts.duplicates);
    sqlite3_bind_int64(stmt, 6, s->counts.rejected);
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
    store_bulk_end(s);
    if (written)
        *written = true;
    return OBLYS_OK;
}

void store_rollback(store *s)
{
    finalize_all(s);
    if (s->open) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        store_bulk_end(s);
    }
    s->open = false;
}

void store_close(store *s)
{
    if (!s)
        return;
    store_rollback(s);
    free(s->years.code);
    free(s->years.name);
    free(s->pred_code);
    free(s->pred_name);
    strmap_free(&s->region_by_text);
    for (int i = 0; i < CODE_TABLE_COUNT; i++)
        strmap_free(&s->known_codes[i]);
    free(s);
}
