/*
 * test_store.c - the store's own checks of an observation. A series load
 * turns SQLite's foreign keys and CHECK constraints off and checks each
 * row itself (src/db/store_bulk.c, store_values.c); here every CHECK of the
 * observation table is broken once, and the store must refuse the row
 * with the very message SQLite gives when its checks are on, and write
 * nothing. The rows the import's readers cannot produce (a year outside
 * 1900..2100, a NaN) are reached only here.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "db/store.h"
#include "fixture.h"
#include "suites.h"

static const store_source SERIES = { "t.csv", "series", NULL, "csv" };

/* A valid observation; each test breaks one thing. */
static obs_record good_row(void)
{
    return (obs_record){ .region = "R1", .indicator = "x", .year = 2020,
                         .settlement = "total", .sex = "total", .has_value = true,
                         .value = 1.5, .decimals = 1, .line = 2, .where = "line 2" };
}

/* The message SQLite gives for the same row with its checks on (foreign
 * keys off, so only the CHECK constraints speak), or "" when it takes it. */
static void sqlite_says(sqlite3 *db, const obs_record *r, char *out, size_t size)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_exec(db, "PRAGMA foreign_keys = OFF; SAVEPOINT probe", NULL,
                                  NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db,
        "INSERT INTO observation (region, indicator, year, settlement, sex, value, decimals, "
        "missing, load_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)", -1, &stmt, NULL),
        SQLITE_OK);
    sqlite3_bind_text(stmt, 1, r->region, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, r->indicator, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 3, r->year);
    sqlite3_bind_text(stmt, 4, r->settlement, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, r->sex, -1, SQLITE_STATIC);
    if (r->has_value) {
        sqlite3_bind_double(stmt, 6, r->value);
        sqlite3_bind_int(stmt, 7, r->decimals);
    }
    if (r->missing)
        sqlite3_bind_text(stmt, 8, r->missing, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    snprintf(out, size, "%s", rc == SQLITE_DONE ? "" : sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    ck_assert_int_eq(sqlite3_exec(db, "ROLLBACK TO probe; RELEASE probe; "
                                  "PRAGMA foreign_keys = ON", NULL, NULL, NULL), SQLITE_OK);
}

/* The store refuses r with SQLite's own words, and r alone is not stored. */
static void assert_refused_as_sqlite_would(const obs_record *r, const char *expected)
{
    sqlite3 *db = fixture_empty_db();
    char sqlite_message[200];
    sqlite_says(db, r, sqlite_message, sizeof sqlite_message);
    ck_assert_str_eq(sqlite_message, expected);

    store *st = NULL;
    oblys_error err = OBLYS_ERROR_INIT;
    ck_assert_int_eq(store_open(db, &SERIES, false, &st, &err), OBLYS_OK);
    strbuf detail = STRBUF_INIT;
    ck_assert_int_eq(store_observation(st, r, &detail), STORE_FAILED);
    ck_assert_str_eq(strbuf_str(&detail), expected);
    obs_record fine = good_row();       /* the store goes on with the next row */
    fine.year = 2021;
    ck_assert_int_eq(store_observation(st, &fine, &detail), STORE_INSERTED);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM observation"), 1);
    store_close(st);                    /* not committed: rolled back */
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM observation"), 0);
    strbuf_free(&detail);
    error_clear(&err);
    sqlite3_close(db);
}

START_TEST(a_good_row_is_stored)
{
    sqlite3 *db = fixture_empty_db();
    obs_record r = good_row();
    char sqlite_message[200];
    sqlite_says(db, &r, sqlite_message, sizeof sqlite_message);
    ck_assert_str_eq(sqlite_message, "");
    store *st = NULL;
    oblys_error err = OBLYS_ERROR_INIT;
    ck_assert_int_eq(store_open(db, &SERIES, false, &st, &err), OBLYS_OK);
    strbuf detail = STRBUF_INIT;
    ck_assert_int_eq(store_observation(st, &r, &detail), STORE_INSERTED);
    r.year = 1900;                      /* the bounds themselves are allowed */
    r.decimals = 15;
    ck_assert_int_eq(store_observation(st, &r, &detail), STORE_INSERTED);
    r.year = 2100;
    r.decimals = 0;
    ck_assert_int_eq(store_observation(st, &r, &detail), STORE_INSERTED);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM observation"), 3);
    store_close(st);
    strbuf_free(&detail);
    error_clear(&err);
    sqlite3_close(db);
}
END_TEST

START_TEST(year_outside_1900_2100_is_refused)
{
    obs_record r = good_row();
    r.year = 1899;
    assert_refused_as_sqlite_would(&r, "CHECK constraint failed: year BETWEEN 1900 AND 2100");
    r.year = 2101;
    assert_refused_as_sqlite_would(&r, "CHECK constraint failed: year BETWEEN 1900 AND 2100");
}
END_TEST

START_TEST(more_than_15_decimals_is_refused)
{
    obs_record r = good_row();
    r.decimals = 16;
    assert_refused_as_sqlite_would(&r, "CHECK constraint failed: decimals BETWEEN 0 AND 15");
    r.decimals = -1;
    assert_refused_as_sqlite_would(&r, "CHECK constraint failed: decimals BETWEEN 0 AND 15");
}
END_TEST

START_TEST(no_value_needs_a_missing_reason)
{
    obs_record r = good_row();
    r.has_value = false;
    r.missing = NULL;
    assert_refused_as_sqlite_would(&r,
        "CHECK constraint failed: (value IS NULL) = (missing IS NOT NULL)");
    r = good_row();
    r.value = NAN;                      /* SQLite stores a NaN as NULL */
    assert_refused_as_sqlite_would(&r,
        "CHECK constraint failed: (value IS NULL) = (missing IS NOT NULL)");
}
END_TEST

Suite *store_suite(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("observation checks");
    tcase_add_test(tc, a_good_row_is_stored);
    tcase_add_test(tc, year_outside_1900_2100_is_refused);
    tcase_add_test(tc, more_than_15_decimals_is_refused);
    tcase_add_test(tc, no_value_needs_a_missing_reason);
    suite_add_tcase(s, tc);
    return s;
}
