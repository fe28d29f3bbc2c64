/*
 * test_migrate.c - the schema: migrations apply once and in order, an
 * up-to-date database is left alone, a newer one is refused, and
 * schema/oblys.sql is exactly what the migrations produce.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/maintain.h"
#include "db/migrate.h"
#include "fixture.h"
#include "suites.h"

START_TEST(fresh_database_gets_every_migration)
{
    sqlite3 *db = fixture_empty_db();
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM schema_migrations"),
                     oblys_migration_count);
    ck_assert_int_eq(fixture_query_int(db, "SELECT max(version) FROM schema_migrations"),
                     oblys_migration_count);
    sqlite3_close(db);
}
END_TEST

/* On a file, as `oblys init` makes one: the page size is set before the
 * first table (see migrate.c). */
START_TEST(new_database_file_gets_8_kib_pages)
{
    char tmp[] = "/tmp/oblys-new-XXXXXX";
    int fd = mkstemp(tmp);
    ck_assert_int_ge(fd, 0);
    close(fd);
    oblys_error err = OBLYS_ERROR_INIT;
    sqlite3 *db = NULL;
    ck_assert_int_eq(db_open(tmp, DB_READ_WRITE, &db, &err), OBLYS_OK);
    ck_assert_int_eq(migrate_apply(db, NULL, &err), OBLYS_OK);
    ck_assert_int_eq(fixture_query_int(db, "PRAGMA page_size"), 8192);
    sqlite3_close(db);
    remove(tmp);
}
END_TEST

START_TEST(second_run_applies_nothing)
{
    sqlite3 *db = fixture_empty_db();
    oblys_error err = OBLYS_ERROR_INIT;
    int applied = -1;
    ck_assert_int_eq(migrate_apply(db, &applied, &err), OBLYS_OK);
    ck_assert_int_eq(applied, 0);
    ck_assert_int_eq(migrate_require_current(db, &err), OBLYS_OK);
    sqlite3_close(db);
}
END_TEST

START_TEST(newer_database_is_refused)
{
    sqlite3 *db = fixture_empty_db();
    oblys_error err = OBLYS_ERROR_INIT;
    char sql[200];
    snprintf(sql, sizeof sql, "INSERT INTO schema_migrations VALUES (%d, '9999_future.sql', "
             "'2030-01-01T00:00:00Z')", oblys_migration_count + 1);
    ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(migrate_apply(db, NULL, &err), OBLYS_EDB);
    ck_assert_ptr_nonnull(strstr(error_message(&err), "newer oblys"));
    ck_assert_int_eq(migrate_require_current(db, &err), OBLYS_EDB);
    error_clear(&err);
    sqlite3_close(db);
}
END_TEST

START_TEST(empty_database_is_not_current)
{
    oblys_error err = OBLYS_ERROR_INIT;
    sqlite3 *db = NULL;
    ck_assert_int_eq(db_open(":memory:", DB_CREATE, &db, &err), OBLYS_OK);
    ck_assert_int_eq(migrate_require_current(db, &err), OBLYS_EDB);
    ck_assert_ptr_nonnull(strstr(error_message(&err), "oblys init"));
    error_clear(&err);
    sqlite3_close(db);
}
END_TEST

/* The schema objects and lookup rows of db, one per line, in a stable order. */
static char *describe_schema(sqlite3 *db)
{
    static const char *const queries[] = {
        "SELECT type || ' ' || name || ' ' || tbl_name || char(10) || sql FROM sqlite_master "
        "WHERE sql IS NOT NULL ORDER BY type, name",
        "SELECT 'settlement ' || code || ' ' || name FROM settlement ORDER BY code",
        "SELECT 'sex ' || code || ' ' || name FROM sex ORDER BY code",
        "SELECT 'missing ' || code || ' ' || marker || ' ' || description FROM missing_reason "
        "ORDER BY code",
        "SELECT 'measure ' || code || ' ' || view_column || ' ' || description "
        "FROM published_measure ORDER BY code",
        "SELECT 'flag ' || code || ' ' || description FROM flag ORDER BY code",
    };
    strbuf out = STRBUF_INIT;
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        sqlite3_stmt *stmt = NULL;
        ck_assert_int_eq(sqlite3_prepare_v2(db, queries[q], -1, &stmt, NULL), SQLITE_OK);
        while (sqlite3_step(stmt) == SQLITE_ROW)
            strbuf_printf(&out, "%s\n", sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
    }
    return strbuf_detach(&out);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    strbuf sb = STRBUF_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        strbuf_append_len(&sb, buf, n);
    fclose(f);
    return strbuf_detach(&sb);
}

START_TEST(schema_file_equals_migrations)
{
    sqlite3 *migrated = fixture_empty_db();
    sqlite3 *from_file = NULL;
    ck_assert_int_eq(sqlite3_open(":memory:", &from_file), SQLITE_OK);
    char *schema = read_file(fixture_path("schema/oblys.sql"));
    char *msg = NULL;
    ck_assert_msg(sqlite3_exec(from_file, schema, NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
    char *a = describe_schema(migrated), *b = describe_schema(from_file);
    ck_assert_msg(strcmp(a, b) == 0, "schema/oblys.sql differs from what migrations/ produce: "
                  "run tools/update_schema.py");
    free(a);
    free(b);
    free(schema);
    sqlite3_close(migrated);
    sqlite3_close(from_file);
}
END_TEST

/* A database written by oblys 0.1.0 (schema version 2, kept in
 * tests/upgrade/) upgrades with its data intact, and its regions can then
 * be found by any registered spelling. */
START_TEST(database_from_0_1_0_upgrades_intact)
{
    char tmp[] = "/tmp/oblys-upgrade-XXXXXX";
    int fd = mkstemp(tmp);
    ck_assert_int_ge(fd, 0);
    FILE *out = fdopen(fd, "wb");
    FILE *in = fopen(fixture_path("tests/upgrade/oblys-0.1.0.db"), "rb");
    ck_assert_ptr_nonnull(in);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);

    oblys_error err = OBLYS_ERROR_INIT;
    sqlite3 *db = NULL;
    ck_assert_int_eq(db_open(tmp, DB_READ_WRITE, &db, &err), OBLYS_OK);
    int version = 0, applied = 0;
    ck_assert_int_eq(migrate_current_version(db, &version, &err), OBLYS_OK);
    ck_assert_int_eq(version, 2);
    long long observations = fixture_query_int(db, "SELECT count(*) FROM observation");
    double sum = fixture_query_double(db, "SELECT total(value) FROM observation");
    long long published = fixture_query_int(db, "SELECT count(*) FROM published");
    ck_assert_int_eq(migrate_apply(db, &applied, &err), OBLYS_OK);
    ck_assert_int_eq(applied, oblys_migration_count - 2);
    ck_assert_int_eq(maintain_region_spellings(db, NULL, &err), OBLYS_OK);
    ck_assert_int_eq(migrate_require_current(db, &err), OBLYS_OK);
    /* Tables 2, 4 and 5 hold 119 + 132 + 72 observations. */
    ck_assert_int_eq(observations, 323);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM observation"), observations);
    ck_assert_double_eq(fixture_query_double(db, "SELECT total(value) FROM observation"), sum);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM published"), published);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_index WHERE year = 2021"), 17);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM region_alias "
        "WHERE alias_key = oblys_name_key('АКМОЛИНСКАЯ ОБЛАСТЬ') AND region = '110000000'"), 1);
    /* 0013 keyed the observations by indicator first; migrations alone
     * leave an existing file's page size as it was. */
    ck_assert_int_eq(fixture_query_int(db, "SELECT group_concat(name, ',') = "
        "'indicator,region,year,settlement,sex' FROM (SELECT name FROM "
        "pragma_table_info('observation') WHERE pk > 0 ORDER BY pk)"), 1);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM sqlite_schema "
        "WHERE type = 'index' AND tbl_name = 'observation'"), 0);
    ck_assert_int_eq(fixture_query_int(db, "PRAGMA page_size"), 4096);
    /* What `oblys init` does next: compact the file (0013 left the old
     * table's pages free) and move it to 8 KiB pages; the data stay. */
    bool compacted = false;
    ck_assert_int_eq(maintain_compact(db, &compacted, &err), OBLYS_OK);
    ck_assert(compacted);
    ck_assert_int_eq(fixture_query_int(db, "PRAGMA page_size"), 8192);
    ck_assert_int_eq(fixture_query_int(db, "PRAGMA freelist_count"), 0);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM observation"), observations);
    ck_assert_double_eq(fixture_query_double(db, "SELECT total(value) FROM observation"), sum);
    ck_assert_int_eq(maintain_compact(db, &compacted, &err), OBLYS_OK);
    ck_assert(!compacted);              /* nothing left to do */
    sqlite3_close(db);
    remove(tmp);
    error_clear(&err);
}
END_TEST

Suite *migrate_suite(void)
{
    Suite *s = suite_create("migrate");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, fresh_database_gets_every_migration);
    tcase_add_test(tc, new_database_file_gets_8_kib_pages);
    tcase_add_test(tc, second_run_applies_nothing);
    tcase_add_test(tc, newer_database_is_refused);
    tcase_add_test(tc, empty_database_is_not_current);
    tcase_add_test(tc, schema_file_equals_migrations);
    tcase_add_test(tc, database_from_0_1_0_upgrades_intact);
    suite_add_tcase(s, tc);
    return s;
}
