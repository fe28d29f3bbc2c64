/*
 * store_rules.c - validation rules in the store (see store_rules.h). The
 * statements are prepared per row: a rules file has tens of rows, and the
 * store's shared statement table stays for the bulk kinds.
 */
#include "db/store_rules.h"

#include <stdio.h>
#include <string.h>

#include "db/store_internal.h"

static const char SQL_RULE_FIND[] =
    "SELECT kind, indicator, indicator_kind, breakdown, min_value, max_value, max_change_pct, "
    "       tolerance_pct, description FROM validation_rule WHERE code = ?1";
static const char SQL_RULE_INSERT[] =
    "INSERT INTO validation_rule (code, kind, indicator, indicator_kind, breakdown, min_value, "
    " max_value, max_change_pct, tolerance_pct, description, load_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char SQL_RULE_UPDATE[] =
    "UPDATE validation_rule SET kind = ?2, indicator = ?3, indicator_kind = ?4, breakdown = ?5, "
    " min_value = ?6, max_value = ?7, max_change_pct = ?8, tolerance_pct = ?9, "
    " description = ?10, load_id = ?11 WHERE code = ?1";

static void bind_number(sqlite3_stmt *stmt, int index, bool present, double v)
{
    if (present)
        sqlite3_bind_double(stmt, index, v);
    else
        sqlite3_bind_null(stmt, index);
}

static void bind_rule(sqlite3_stmt *stmt, const rule_record *r, long long load_id)
{
    sqlite3_bind_text(stmt, 1, r->code, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(stmt) < 2)
        return;
    sqlite3_bind_text(stmt, 2, r->kind, -1, SQLITE_STATIC);
    store_bind_text_or_null(stmt, 3, r->indicator);
    store_bind_text_or_null(stmt, 4, r->indicator_kind);
    store_bind_text_or_null(stmt, 5, r->breakdown);
    bind_number(stmt, 6, r->has_min, r->min_value);
    bind_number(stmt, 7, r->has_max, r->max_value);
    bind_number(stmt, 8, r->has_change, r->max_change_pct);
    sqlite3_bind_double(stmt, 9, r->tolerance_pct);
    sqlite3_bind_text(stmt, 10, r->description, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 11, load_id);
}

/* The rule's content as one text, to compare a row with the stored one. */
static void rule_content(strbuf *out, const char *kind, const char *indicator,
                         const char *indicator_kind, const char *breakdown, const char *min,
                         const char *max, const char *change, double tolerance,
                         const char *description)
{
    strbuf_printf(out, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%.17g\x1f%s", kind,
                  indicator ? indicator : "", indicator_kind ? indicator_kind : "",
                  breakdown ? breakdown : "", min, max, change, tolerance, description);
}

static void number_or_empty(char out[32], bool present, double v)
{
    out[0] = '\0';
    if (present)
        snprintf(out, 32, "%.17g", v);
}

static const char *column_or_null(sqlite3_stmt *stmt, int col)
{
    return (const char *)sqlite3_column_text(stmt, col);
}

static void stored_content(sqlite3_stmt *find, strbuf *out)
{
    char num[3][32];
    for (int i = 0; i < 3; i++)
        number_or_empty(num[i], sqlite3_column_type(find, 4 + i) != SQLITE_NULL,
                        sqlite3_column_double(find, 4 + i));
    rule_content(out, column_or_null(find, 0), column_or_null(find, 1), column_or_null(find, 2),
                 column_or_null(find, 3), num[0], num[1], num[2], sqlite3_column_double(find, 7),
                 column_or_null(find, 8));
}

static void record_content(const rule_record *r, strbuf *out)
{
    char min[32], max[32], change[32];
    number_or_empty(min, r->has_min, r->min_value);
    number_or_empty(max, r->has_max, r->max_value);
    number_or_empty(change, r->has_change, r->max_change_pct);
    rule_content(out, r->kind, r->indicator, r->indicator_kind, r->breakdown, min, max, change,
                 r->tolerance_pct, r->description);
}

store_result store_rule(store *s, const rule_record *r, strbuf *detail)
{
    strbuf key = STRBUF_INIT, content = STRBUF_INIT, shown = STRBUF_INIT;
    store_key_add(&key, "rule");
    store_key_add(&key, r->code);
    record_content(r, &content);
    strbuf_printf(&shown, "a %s rule", r->kind);
    store_result seen = store_first_in_file(s, &key, r->where, &content, &shown, detail);
    if (seen != STORE_INSERTED)
        return seen;
    sqlite3_stmt *find = NULL, *insert = NULL, *update = NULL;
    if (sqlite3_prepare_v2(s->db, SQL_RULE_FIND, -1, &find, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(s->db, SQL_RULE_INSERT, -1, &insert, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(s->db, SQL_RULE_UPDATE, -1, &update, NULL) != SQLITE_OK) {
        sqlite3_finalize(find);
        sqlite3_finalize(insert);
        return store_sql_failure(s, detail);
    }
    bind_rule(find, r, s->load_id);
    bind_rule(insert, r, s->load_id);
    bind_rule(update, r, s->load_id);
    int rc = sqlite3_step(find);
    bool same = false;
    if (rc == SQLITE_ROW) {
        strbuf mine = STRBUF_INIT, stored = STRBUF_INIT;
        record_content(r, &mine);
        stored_content(find, &stored);
        same = strcmp(strbuf_str(&mine), strbuf_str(&stored)) == 0;
        if (!same) {
            strbuf_reset(detail);
            strbuf_printf(detail, "the database has rule %s as a %s rule (%s)", r->code,
                          column_or_null(find, 0), column_or_null(find, 8));
        }
        strbuf_free(&mine);
        strbuf_free(&stored);
    }
    store_result res = store_settle(s, rc, same, false, NULL, insert, update, detail);
    sqlite3_finalize(find);
    sqlite3_finalize(insert);
    sqlite3_finalize(update);
    return res;
}
