/*
 * fixture.c - shared set-up for the unit tests (see fixture.h).
 */
#include "fixture.h"

#include <check.h>
#include <math.h>
#include <stdio.h>

#include "db/db.h"
#include "db/migrate.h"
#include "import/import.h"

#ifndef OBLYS_SOURCE_ROOT
#error "OBLYS_SOURCE_ROOT must be defined by the build"
#endif

static const char *const SEEDS[] = {
    "seeds/regions.csv",
    "seeds/region_aliases.csv",
    "seeds/indicators.json",
    "seeds/paper_table2_2021.csv",
    "seeds/paper_table4_consumption_income.csv",
    "seeds/paper_table5_wages.csv",
    "seeds/paper_published.csv",
    "seeds/exchange_rates.csv",
    "seeds/price_index.csv",
    "seeds/population.csv",
    "seeds/territorial_changes.csv",
    "seeds/region_groups.csv",
    "seeds/validation_rules.csv",
    "seeds/index_paper.json",
};

const char *fixture_path(const char *relative)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", OBLYS_SOURCE_ROOT, relative);
    return buf;
}

sqlite3 *fixture_empty_db(void)
{
    oblys_error err = OBLYS_ERROR_INIT;
    sqlite3 *db = NULL;
    ck_assert_int_eq(db_open(":memory:", DB_CREATE, &db, &err), OBLYS_OK);
    ck_assert_msg(migrate_apply(db, NULL, &err) == OBLYS_OK, "%s", error_message(&err));
    error_clear(&err);
    return db;
}

sqlite3 *fixture_seeded_db(void)
{
    sqlite3 *db = fixture_empty_db();
    import_options opt = { 0 };
    for (size_t i = 0; i < sizeof SEEDS / sizeof SEEDS[0]; i++) {
        diag_list diag;
        diag_init(&diag, 20);
        oblys_error err = OBLYS_ERROR_INIT;
        import_summary summary;
        oblys_status st = import_file(db, fixture_path(SEEDS[i]), &opt, &diag, &summary, &err);
        ck_assert_msg(st == OBLYS_OK, "importing %s: %s%s", SEEDS[i], error_message(&err),
                      strbuf_str(&diag.lines));
        diag_free(&diag);
        error_clear(&err);
    }
    return db;
}

double fixture_query_double(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(db));
    double v = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL
        ? sqlite3_column_double(stmt, 0) : NAN;
    sqlite3_finalize(stmt);
    return v;
}

long long fixture_query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(db));
    long long v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    return v;
}
