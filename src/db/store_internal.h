/*
 * store_internal.h - what the store's files share (store.c: the
 * transaction and the decision every row goes through; store_values.c:
 * observations and published figures; store_regions.c: regions and their
 * spellings; store_indicators.c: indicators). Not for use outside src/db/.
 */
#ifndef OBLYS_STORE_INTERNAL_H
#define OBLYS_STORE_INTERNAL_H

#include "db/store.h"
#include "util/strmap.h"

enum {
    Q_LOAD_INSERT, Q_LOAD_COUNTS,
    Q_OBS_FIND, Q_OBS_INSERT, Q_OBS_UPDATE, Q_OBS_ARCHIVE,
    Q_REGION_FIND, Q_REGION_INSERT, Q_REGION_UPDATE, Q_REGION_NAME_OWNER,
    Q_ALIAS_FIND, Q_ALIAS_INSERT, Q_ALIAS_ALL, Q_INDICATOR_ALL, Q_REGION_COUNT, Q_REGION_PREDECESSOR,
    Q_INDICATOR_FIND, Q_INDICATOR_INSERT, Q_INDICATOR_UPDATE,
    Q_PUBLISHED_FIND, Q_PUBLISHED_INSERT, Q_PUBLISHED_UPDATE, Q_PUBLISHED_ARCHIVE,
    Q_SETTLEMENT_EXISTS, Q_SEX_EXISTS, Q_MEASURE_EXISTS, Q_INDICATOR_EXISTS, Q_FLAG_EXISTS,
    Q_MISSING_EXISTS,
    Q_RATE_FIND, Q_RATE_INSERT, Q_RATE_UPDATE,
    Q_PRICE_FIND, Q_PRICE_INSERT, Q_PRICE_UPDATE,
    Q_POPULATION_FIND, Q_POPULATION_INSERT, Q_POPULATION_UPDATE,
    Q_CHANGE_FIND, Q_CHANGE_INSERT, Q_CHANGE_UPDATE,
    Q_GROUP_FIND, Q_GROUP_INSERT, Q_GROUP_UPDATE,
    Q_SEEN_INSERT, Q_SEEN_FIND,
    Q_COUNT
};

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmt[Q_COUNT];
    long long load_id;
    bool replace;
    bool open;              /* transaction still running */
    store_counts counts;
    char *pred_code, *pred_name;    /* last store_region_predecessor() answer */
    struct {                /* last store_region_years() answer */
        char *code, *name;
        int from, to;
    } years;
    /* Answers that stay true for the whole transaction, so that a file
     * naming 250 regions a million times asks SQLite 250 times: a spelling
     * (raw text) found to name a region, to its code; codes found to exist,
     * per code_table. Only answers found are kept: an unknown one goes to
     * SQLite every time, so its message is made exactly as before. Within
     * one import a spelling never changes region and a code never goes
     * away (nothing is deleted; aliases are only added). */
    strmap region_by_text;
    strmap known_codes[CODE_TABLE_COUNT];
    struct {                /* store_bulk.c */
        bool observations;          /* a series load: references and CHECKs checked here */
        int saved_cache, saved_foreign_keys, saved_ignore_checks;
    } bulk;
};

/* The prepared statement which, reset and with its bindings cleared. */
sqlite3_stmt *store_query(store *s, int which);
/* The same, reset but keeping its bindings, for statements run on every
 * row whose caller binds every parameter again (clearing costs). */
sqlite3_stmt *store_rebind(store *s, int which);

void store_bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text);
/* A source line, or NULL for formats without lines (line 0). */
void store_bind_line(sqlite3_stmt *stmt, int index, long long line);

store_result store_sql_failure(store *s, strbuf *detail);
store_result store_step_done(store *s, sqlite3_stmt *stmt, store_result ok, strbuf *detail);

/* Adds one field to a key, fields separated by a unit separator. */
void store_key_add(strbuf *key, const char *field);

/* Records that this file has a row with key (content and shown describe
 * it); frees key, content and shown. STORE_INSERTED means "first time in
 * this file"; else STORE_DUPLICATE or STORE_CONFLICT_IN_FILE. */
store_result store_first_in_file(store *s, strbuf *key, const char *where, strbuf *content,
                                 strbuf *shown, strbuf *detail);

/* How a row found by key in the database is settled. find_rc is the
 * result of the look-up; same says whether the content is equal. With
 * revisable, a different content replaces the stored one after archive
 * (bound, may be NULL) saved it; otherwise only with --replace. */
store_result store_settle(store *s, int find_rc, bool same, bool revisable,
                          sqlite3_stmt *archive, sqlite3_stmt *insert, sqlite3_stmt *update,
                          strbuf *detail);

/* Compares the row find holds with values (text; NULL or "" for none),
 * column by column; on the first difference says which in *detail. */
bool store_same_fields(sqlite3_stmt *find, const char *const *names, const char *const *values,
                       size_t n, strbuf *detail);

/* "5.9" with its printed decimals, or "missing (nil)". */
void store_describe_value(strbuf *out, bool has_value, double value, int decimals,
                          const char *missing);

/* store_bulk.c: called before the transaction starts, with the kind of
 * file, and after the transaction ended, either way. */
void store_bulk_begin(store *s, const char *kind);
void store_bulk_end(store *s);
/* True when SQLite checks neither the observation's foreign keys nor its
 * CHECK constraints, so the store must (the missing reason and the CHECKs;
 * the readers check the other references). */
bool store_bulk_checks_off(const store *s);

#endif
