/*
 * test_sql.c - ad-hoc SQL (report/sql.c) and provenance (report/provenance.c).
 *
 * The refusals are tested here on a database opened read-WRITE, so that
 * they show the statement checks and the authorizer at work on their
 * own; the end-to-end cases (tests/cases/sql_refuse_*) test the command,
 * which also opens the file read-only.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "fixture.h"
#include "report/provenance.h"
#include "report/reports.h"
#include "suites.h"
#include "util/sha256.h"

static oblys_status run(sqlite3 *db, const char *sql, const sql_param *params, size_t n,
                        report **out)
{
    oblys_error err = OBLYS_ERROR_INIT;
    oblys_status st = report_sql(db, sql, params, n, out, &err);
    error_clear(&err);
    return st;
}

static void assert_refused(const char *sql)
{
    sqlite3 *db = fixture_empty_db();
    /* The schema's migrations may have opened the (empty) temp database. */
    int databases = fixture_query_int(db, "SELECT count(*) FROM pragma_database_list");
    report *r = NULL;
    ck_assert_msg(run(db, sql, NULL, 0, &r) == OBLYS_EUSAGE, "not refused: %s", sql);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM region"), 0);
    ck_assert_int_eq(fixture_query_int(db, "PRAGMA user_version"), 0);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM pragma_database_list"),
                     databases);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM sqlite_temp_master"), 0);
    sqlite3_close(db);
}

START_TEST(writes_are_refused_even_on_a_writable_connection)
{
    assert_refused("INSERT INTO region (code, name, kind) VALUES ('X', 'X', 'region')");
    assert_refused("PRAGMA user_version = 9");
    assert_refused("ATTACH DATABASE ':memory:' AS other");
    assert_refused("CREATE TEMP TABLE t (x)");
    assert_refused("CREATE TEMP VIEW v AS SELECT 1");
    assert_refused("VACUUM");
    assert_refused("BEGIN");
    assert_refused("SELECT 1; INSERT INTO region (code, name, kind) VALUES ('X', 'X', 'region')");
    assert_refused("SELECT load_extension('nothing')");
}
END_TEST

START_TEST(the_authorizer_is_removed_afterwards)
{
    sqlite3 *db = fixture_empty_db();
    report *r = NULL;
    ck_assert_int_eq(run(db, "DELETE FROM region", NULL, 0, &r), OBLYS_EUSAGE);
    ck_assert_int_eq(sqlite3_exec(db, "INSERT INTO region (code, name, kind) "
                                  "VALUES ('X', 'X', 'region')", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}
END_TEST

START_TEST(cell_types_are_kept)
{
    sqlite3 *db = fixture_empty_db();
    report *r = NULL;
    ck_assert_int_eq(run(db, "SELECT 1 AS a, 2.5 AS b, 'x' AS c, NULL AS d", NULL, 0, &r),
                     OBLYS_OK);
    ck_assert_int_eq(r->ntables, 1);
    const report_table *t = r->tables[0];
    ck_assert_int_eq(t->nrows, 1);
    ck_assert_int_eq(report_cell_at(t, 0, 0)->type, CELL_INT);
    ck_assert_int_eq(report_cell_at(t, 0, 1)->type, CELL_REAL);
    ck_assert_int_eq(report_cell_at(t, 0, 2)->type, CELL_TEXT);
    ck_assert_int_eq(report_cell_at(t, 0, 3)->type, CELL_NULL);
    report_free(r);
    sqlite3_close(db);
}
END_TEST

START_TEST(parameters_are_bound_as_numbers_or_text)
{
    sqlite3 *db = fixture_empty_db();
    report *r = NULL;
    sql_param params[] = { { "i", "42" }, { "r", "4.5" }, { "e", "1e3" }, { "t", "0x10" },
                           { "q", "'; DROP TABLE region; --" } };
    ck_assert_int_eq(run(db, "SELECT :i, @r, $e, :t, :q, typeof(:q)", params, 5, &r), OBLYS_OK);
    const report_table *t = r->tables[0];
    ck_assert_int_eq(report_cell_at(t, 0, 0)->type, CELL_INT);
    ck_assert_int_eq(report_cell_at(t, 0, 0)->i, 42);
    ck_assert_int_eq(report_cell_at(t, 0, 1)->type, CELL_REAL);
    ck_assert_double_eq(report_cell_at(t, 0, 1)->r, 4.5);
    ck_assert_double_eq(report_cell_at(t, 0, 2)->r, 1000.0);
    ck_assert_str_eq(report_cell_at(t, 0, 3)->text, "0x10");
    ck_assert_str_eq(report_cell_at(t, 0, 4)->text, "'; DROP TABLE region; --");
    ck_assert_str_eq(report_cell_at(t, 0, 5)->text, "text");
    report_free(r);
    ck_assert_int_eq(run(db, "SELECT :missing", params, 0, &r), OBLYS_EUSAGE);
    ck_assert_int_eq(run(db, "SELECT 1", params, 1, &r), OBLYS_EUSAGE);
    ck_assert_int_eq(run(db, "SELECT ?", NULL, 0, &r), OBLYS_EUSAGE);
    sqlite3_close(db);
}
END_TEST

START_TEST(sql_errors_are_database_errors)
{
    sqlite3 *db = fixture_empty_db();
    report *r = NULL;
    ck_assert_int_eq(run(db, "SELEC 1", NULL, 0, &r), OBLYS_EDB);
    ck_assert_int_eq(run(db, "SELECT * FROM v_nothing", NULL, 0, &r), OBLYS_EDB);
    ck_assert_int_eq(run(db, "  -- a comment only\n", NULL, 0, &r), OBLYS_EUSAGE);
    sqlite3_close(db);
}
END_TEST

START_TEST(data_hash_is_the_sha256_of_the_csv)
{
    sqlite3 *db = fixture_empty_db();
    report *r = NULL;
    ck_assert_int_eq(run(db, "SELECT 'a,b' AS x, 1.25 AS y; SELECT 2 AS z", NULL, 0, &r),
                     OBLYS_OK);
    provenance_options how = { .geography = "as-reported" };
    provenance *p = NULL;
    oblys_error err = OBLYS_ERROR_INIT;
    ck_assert_int_eq(provenance_build(db, r, &how, &p, &err), OBLYS_OK);
    /* The CSV, written here by hand: RFC 4180 with CRLF, tables separated
     * by an empty line. */
    static const char csv[] = "x,y\r\n\"a,b\",1.25\r\n\r\nz\r\n2\r\n";
    char hex[65];
    sha256_hex(csv, sizeof csv - 1, hex);
    ck_assert_str_eq(p->data_sha256, hex);
    ck_assert_int_eq(p->load_id, 0);
    ck_assert_ptr_null(p->index_definition);
    provenance_free(p);
    report_free(r);
    error_clear(&err);
    sqlite3_close(db);
}
END_TEST

Suite *sql_suite(void)
{
    Suite *s = suite_create("sql");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, writes_are_refused_even_on_a_writable_connection);
    tcase_add_test(tc, the_authorizer_is_removed_afterwards);
    tcase_add_test(tc, cell_types_are_kept);
    tcase_add_test(tc, parameters_are_bound_as_numbers_or_text);
    tcase_add_test(tc, sql_errors_are_database_errors);
    tcase_add_test(tc, data_hash_is_the_sha256_of_the_csv);
    suite_add_tcase(s, tc);
    return s;
}
