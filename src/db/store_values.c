/*
 * store_values.c - observations and published figures in the store: new
 * ones inserted, revised ones updated with the old version kept in the
 * history tables (see store.h).
 */
#include "db/store_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* "this file has 6.1; the database has 5.9 (from F, line 3)" */
static void describe_stored(strbuf *out, const char *mine, sqlite3_stmt *found, int value_col,
                            int line_col, int file_col, const char *missing)
{
    strbuf_reset(out);
    strbuf_printf(out, "this file has %s; the database has ", mine);
    store_describe_value(out, sqlite3_column_type(found, value_col) != SQLITE_NULL,
                         sqlite3_column_double(found, value_col),
                         sqlite3_column_int(found, value_col + 1), missing);
    strbuf_printf(out, " (from %s", sqlite3_column_text(found, file_col));
    if (sqlite3_column_type(found, line_col) != SQLITE_NULL)
        strbuf_printf(out, ", line %lld", sqlite3_column_int64(found, line_col));
    strbuf_append_char(out, ')');
}

/* ---- observations ---- */

/* The columns of Q_OBS_FIND. */
enum { FOUND_VALUE, FOUND_DECIMALS, FOUND_MISSING, FOUND_FLAGS, FOUND_LINE, FOUND_FILE,
       FOUND_LOAD, FOUND_STATUS };

/* ?1..?5: the key of the observation. */
static void bind_key(sqlite3_stmt *stmt, const obs_record *r)
{
    sqlite3_bind_text(stmt, 1, r->region, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, r->indicator, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 3, r->year);
    sqlite3_bind_text(stmt, 4, r->settlement, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, r->sex, -1, SQLITE_STATIC);
}

/* ?6..?12: what is stored under the key. */
static void bind_content(sqlite3_stmt *stmt, const obs_record *r, long long load_id)
{
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
    store_bind_line(stmt, 10, r->line);
    store_bind_text_or_null(stmt, 11, r->flags);
    store_bind_text_or_null(stmt, 12, r->source_status);
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The same content: value (or missing reason), decimals, flags and the
 * source's status. A status stored as NULL and one given as "" are both
 * none (store_bind_text_or_null() stores "" as NULL). */
static bool same_observation(sqlite3_stmt *found, const obs_record *r)
{
    bool stored_has_value = sqlite3_column_type(found, FOUND_VALUE) != SQLITE_NULL;
    const char *status = r->source_status && *r->source_status ? r->source_status : NULL;
    if (stored_has_value != r->has_value
        || !same_text((const char *)sqlite3_column_text(found, FOUND_FLAGS), r->flags)
        || !same_text((const char *)sqlite3_column_text(found, FOUND_STATUS), status))
        return false;
    if (r->has_value)
        return sqlite3_column_double(found, FOUND_VALUE) == r->value
            && sqlite3_column_int(found, FOUND_DECIMALS) == r->decimals;
    return same_text((const char *)sqlite3_column_text(found, FOUND_MISSING), r->missing);
}

/* Records the row in temp.import_seen, with its key and content as text:
 * for rows that cannot be told apart by the load that wrote them (see
 * store_observation). */
static store_result observation_seen(store *s, const obs_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "observation");
    store_key_add(&key, r->region);
    store_key_add(&key, r->indicator);
    strbuf_printf(&key, "%d", r->year);
    store_key_add(&key, "");
    store_key_add(&key, r->settlement);
    store_key_add(&key, r->sex);
    store_describe_value(&shown, r->has_value, r->value, r->decimals, r->missing);
    if (r->has_value)
        strbuf_printf(&content, "%.17g/%d", r->value, r->decimals);
    else
        strbuf_printf(&content, "missing/%s", r->missing);
    strbuf_printf(&content, "/%s/%s", r->flags ? r->flags : "",
                  r->source_status ? r->source_status : "");
    return store_first_in_file(s, &key, r->where, &content, &shown, detail);
}

/* True when messages name the row "line N" with N its line: then an
 * earlier row of this file is named by the source_line it stored. */
static bool named_by_line(const obs_record *r)
{
    if (r->line <= 0 || strncmp(r->where, "line ", 5) != 0)
        return false;
    char *end = NULL;
    long long n = strtoll(r->where + 5, &end, 10);
    return *end == '\0' && n == r->line;
}

/* The stored row was written by an earlier row of this file (found holds
 * it): a duplicate, or a conflict within the file, described as
 * store_first_in_file() describes them. */
static store_result repeated_in_file(store *s, sqlite3_stmt *found, const obs_record *r,
                                     strbuf *detail)
{
    strbuf_reset(detail);
    strbuf_printf(detail, "line %lld of this file has ",
                  sqlite3_column_int64(found, FOUND_LINE));
    store_describe_value(detail, sqlite3_column_type(found, FOUND_VALUE) != SQLITE_NULL,
                         sqlite3_column_double(found, FOUND_VALUE),
                         sqlite3_column_int(found, FOUND_DECIMALS),
                         (const char *)sqlite3_column_text(found, FOUND_MISSING));
    if (same_observation(found, r)) {
        s->counts.duplicates++;
        return STORE_DUPLICATE;
    }
    return STORE_CONFLICT_IN_FILE;
}

/* The key is taken: by an earlier row of this file, or by a stored one. */
static store_result observation_taken(store *s, const obs_record *r, bool by_line,
                                      strbuf *detail)
{
    sqlite3_stmt *find = store_rebind(s, Q_OBS_FIND);
    bind_key(find, r);
    int rc = sqlite3_step(find);
    if (rc != SQLITE_ROW)
        return store_sql_failure(s, detail);
    if (sqlite3_column_int64(find, FOUND_LOAD) == s->load_id
        && sqlite3_column_type(find, FOUND_LINE) != SQLITE_NULL)
        return repeated_in_file(s, find, r, detail);
    /* Stored by an earlier load. An earlier row of this file with the
     * same content left it as it was (unchanged), so only import_seen
     * can tell whether this row repeats one. */
    if (by_line) {
        store_result seen = observation_seen(s, r, detail);
        if (seen != STORE_INSERTED)
            return seen;
    }
    sqlite3_stmt *archive = store_query(s, Q_OBS_ARCHIVE), *update = store_query(s, Q_OBS_UPDATE);
    bind_key(archive, r);
    sqlite3_bind_int64(archive, 9, s->load_id);
    bind_key(update, r);
    bind_content(update, r, s->load_id);
    return store_settle(s, rc, same_observation(find, r), true, archive, NULL, update, detail);
}

/* What SQLite would say of the row when its own checks are off (see
 * store_bulk.c): the CHECK constraints of the observation table
 * (migrations/0013) and the foreign key of the missing reason, in that
 * order, as SQLite checks them. NULL when the row passes. A NaN value
 * would be stored as NULL, so it fails like a NULL value. */
static const char *observation_refused(store *s, const obs_record *r)
{
    if (r->year < 1900 || r->year > 2100)
        return "CHECK constraint failed: year BETWEEN 1900 AND 2100";
    if (r->has_value && (r->decimals < 0 || r->decimals > 15))
        return "CHECK constraint failed: decimals BETWEEN 0 AND 15";
    if (r->has_value ? isnan(r->value) : r->missing == NULL)
        return "CHECK constraint failed: (value IS NULL) = (missing IS NOT NULL)";
    if (!r->has_value && !store_code_exists(s, CODE_MISSING, r->missing))
        return "FOREIGN KEY constraint failed";
    return NULL;
}

/*
 * Most rows are new, so the insert comes first and does nothing when the
 * key is taken. A row of this file writes this load's id into the row, and
 * no other load can have that id (load_id references load, and ids are
 * never reused while a row refers to them), so a taken key whose load is
 * this one is a repeat within the file: nothing is formatted or remembered
 * for a new row. Rows that leave a stored row unchanged keep the earlier
 * load's id, so those are remembered in temp.import_seen as before; so
 * are all rows named by something else than their line (JSON paths),
 * which the stored source_line cannot name.
 */
store_result store_observation(store *s, const obs_record *r, strbuf *detail)
{
    const char *refused = store_bulk_checks_off(s) ? observation_refused(s, r) : NULL;
    if (refused) {
        strbuf_reset(detail);
        strbuf_append(detail, refused);
        return STORE_FAILED;
    }
    bool by_line = named_by_line(r);
    if (!by_line) {
        store_result seen = observation_seen(s, r, detail);
        if (seen != STORE_INSERTED)
            return seen;
    }
    sqlite3_stmt *insert = store_rebind(s, Q_OBS_INSERT);
    bind_key(insert, r);
    bind_content(insert, r, s->load_id);
    if (sqlite3_step(insert) != SQLITE_DONE)
        return store_sql_failure(s, detail);
    if (sqlite3_changes(s->db) == 0)
        return observation_taken(s, r, by_line, detail);
    s->counts.inserted++;
    return STORE_INSERTED;
}

/* ---- published figures ---- */

static void bind_published(sqlite3_stmt *stmt, const published_record *r, long long load_id)
{
    sqlite3_bind_text(stmt, 1, r->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, r->measure, -1, SQLITE_STATIC);
    store_bind_text_or_null(stmt, 3, r->indicator);
    store_bind_text_or_null(stmt, 4, r->region);
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
    store_bind_line(stmt, 12, r->line);
}

static store_result published_seen(store *s, const published_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "published");
    store_key_add(&key, r->source);
    store_key_add(&key, r->measure);
    store_key_add(&key, r->indicator);
    store_key_add(&key, r->region);
    strbuf_printf(&key, "%d", r->year);
    store_key_add(&key, "");
    strbuf_printf(&key, "%d", r->base_year);
    store_key_add(&key, "");
    store_key_add(&key, r->settlement);
    store_key_add(&key, r->sex);
    store_describe_value(&shown, true, r->value, r->decimals, NULL);
    strbuf_printf(&content, "%.17g/%d", r->value, r->decimals);
    return store_first_in_file(s, &key, r->where, &content, &shown, detail);
}

store_result store_published(store *s, const published_record *r, strbuf *detail)
{
    store_result seen = published_seen(s, r, detail);
    if (seen != STORE_INSERTED)
        return seen;
    sqlite3_stmt *find = store_query(s, Q_PUBLISHED_FIND);
    bind_published(find, r, s->load_id);
    int rc = sqlite3_step(find);
    bool found = rc == SQLITE_ROW;
    if (found) {
        strbuf mine = STRBUF_INIT;
        store_describe_value(&mine, true, r->value, r->decimals, NULL);
        describe_stored(detail, strbuf_str(&mine), find, 1, 3, 4, NULL);
        strbuf_free(&mine);
    }
    sqlite3_stmt *archive = store_query(s, Q_PUBLISHED_ARCHIVE);
    sqlite3_stmt *insert = store_query(s, Q_PUBLISHED_INSERT);
    sqlite3_stmt *update = store_query(s, Q_PUBLISHED_UPDATE);
    if (found) {
        bind_published(archive, r, s->load_id);
        bind_published(update, r, s->load_id);
        sqlite3_bind_int64(archive, 13, sqlite3_column_int64(find, 0));
        sqlite3_bind_int64(update, 13, sqlite3_column_int64(find, 0));
    } else {
        bind_published(insert, r, s->load_id);
    }
    bool same = found && sqlite3_column_double(find, 1) == r->value
        && sqlite3_column_int(find, 2) == r->decimals;
    return store_settle(s, rc, same, true, archive, insert, update, detail);
}
