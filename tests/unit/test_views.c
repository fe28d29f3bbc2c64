/*
 * test_views.c - the numbers the views compute from the paper's data.
 *
 * Two kinds of expected values, neither taken from oblys's own output:
 *   - figures worked out by hand from the paper's printed tables (each
 *     test says how);
 *   - every row of every view compared with the CSV files in tests/oracle/expected/,
 *     written by tests/oracle/paper_oracle.py, an independent Python
 *     implementation of the formulas in docs/methodology.md that reads the
 *     seed files and shares no code with oblys.
 */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "import/csv.h"
#include "suites.h"

static sqlite3 *db;

static void setup(void)
{
    db = fixture_seeded_db();
}

static void teardown(void)
{
    sqlite3_close(db);
}

#define ck_assert_close(actual, expected) \
    ck_assert_msg(fabs((actual) - (expected)) <= 1e-9 * fmax(1.0, fabs(expected)), \
                  "%.17g != %.17g", (double)(actual), (double)(expected))

/* Table 2, 2021: income per capita, max Atyrau 583, min Turkestan 160. */
START_TEST(gap_income_2021_by_hand)
{
    ck_assert_close(fixture_query_double(db,
        "SELECT gap_ratio FROM v_gap WHERE indicator = 'income_per_capita' AND year = 2021"),
        583.0 / 160.0);
    ck_assert_close(fixture_query_double(db,
        "SELECT range_value FROM v_gap WHERE indicator = 'income_per_capita' AND year = 2021"),
        423.0);
    ck_assert_int_eq(fixture_query_int(db,
        "SELECT n_regions FROM v_gap WHERE indicator = 'income_per_capita' AND year = 2021"), 17);
}
END_TEST

/* The figures: the seven Table 2 gaps at one decimal are
 * 3.6, 8.1, 1.8, 2.3, 2.2, 1.7, 3.0 (583/160, 12.2/1.5, 174/97,
 * 7.45/3.22, 49/22, 30.6/18, 7.6/2.5). */
START_TEST(table2_gaps_at_one_decimal)
{
    static const struct { const char *indicator; double gap; } expected[] = {
        { "income_per_capita", 3.6 }, { "poverty_rate", 8.1 }, { "median_income", 1.8 },
        { "funds_ratio", 2.3 }, { "disability_per_1000", 2.2 },
        { "housing_m2_per_person", 1.7 }, { "doctors_per_1000", 3.0 },
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT round(gap_ratio, 1) FROM v_gap WHERE indicator = '%s' "
                 "AND year = 2021 AND settlement = 'total' AND sex = 'total'",
                 expected[i].indicator);
        ck_assert_close(fixture_query_double(db, sql), expected[i].gap);
    }
}
END_TEST

/* The republic total (Table 4: urban 2021 = 176) is not a region: the
 * urban 2021 maximum is Almaty city's 218, not something larger. */
START_TEST(aggregate_left_out_of_gaps)
{
    ck_assert_close(fixture_query_double(db, "SELECT max_value FROM v_gap WHERE indicator = "
        "'consumption_income' AND year = 2021 AND settlement = 'urban'"), 218.0);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_index WHERE region = 'KZ'"),
                     0);
}
END_TEST

/* Shymkent city's 2016 wages are printed "-": missing, counted, left out. */
START_TEST(missing_values_left_out)
{
    ck_assert_int_eq(fixture_query_int(db, "SELECT n_missing FROM v_gap WHERE indicator = "
        "'wage_nominal' AND year = 2016 AND sex = 'male'"), 1);
    ck_assert_int_eq(fixture_query_int(db, "SELECT n_regions FROM v_gap WHERE indicator = "
        "'wage_nominal' AND year = 2016 AND sex = 'male'"), 16);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_ratio_sex WHERE "
        "region = '790000000' AND year = 2016"), 0);
}
END_TEST

/* Table 4, Akmola city: 130 (2016), 158 (2018), 170 (2020) US dollars.
 * Money grows in tenge: each value times its year's average rate (World
 * Bank PA.NUS.FCRF, seeds/exchange_rates.csv: 342.16 for 2016,
 * 344.705833333333 for 2018, 412.953333333333 for 2020). */
START_TEST(growth_by_hand)
{
    ck_assert_close(fixture_query_double(db, "SELECT growth_pct_yoy FROM v_growth WHERE "
        "region = '110000000' AND indicator = 'consumption_income' AND settlement = 'urban' "
        "AND year = 2020"), (170.0 * 412.953333333333 / (158.0 * 344.705833333333) - 1) * 100);
    ck_assert_int_eq(fixture_query_int(db, "SELECT prev_year FROM v_growth WHERE "
        "region = '110000000' AND indicator = 'consumption_income' AND settlement = 'urban' "
        "AND year = 2020"), 2018);
    ck_assert_close(fixture_query_double(db, "SELECT index_base FROM v_growth WHERE "
        "region = '110000000' AND indicator = 'consumption_income' AND settlement = 'urban' "
        "AND year = 2020"), 170.0 * 412.953333333333 / (130.0 * 342.16) * 100);
    /* Not money: poverty grows in its own unit (no series here spans two
     * years, so check the growth currency instead). */
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_growth WHERE "
        "indicator = 'poverty_rate' AND growth_currency IS NOT NULL"), 0);
}
END_TEST

/* Table 2, Akmola 2021: income 283 US dollars a month = 283 x 425.9075
 * tenge; in 2010 prices divided by the CPI of 2021 (218.265731563044,
 * 2010 = 100, World Bank FP.CPI.TOTL, seeds/price_index.csv). */
START_TEST(money_by_hand)
{
    ck_assert_close(fixture_query_double(db, "SELECT value_kzt FROM v_money WHERE "
        "region = '110000000' AND indicator = 'income_per_capita' AND year = 2021"),
        283.0 * 425.9075);
    ck_assert_close(fixture_query_double(db, "SELECT value_usd FROM v_money WHERE "
        "region = '110000000' AND indicator = 'income_per_capita' AND year = 2021"), 283.0);
    ck_assert_close(fixture_query_double(db, "SELECT value_kzt_2010_prices FROM v_money WHERE "
        "region = '110000000' AND indicator = 'income_per_capita' AND year = 2021"),
        283.0 * 425.9075 * 100.0 / 218.265731563044);
    /* Growth of Akmola city's consumption income 2016-2020 in dollars and
     * in real tenge (CPI 2016: 157.556866561297, 2020: 202.02032502464). */
    ck_assert_close(fixture_query_double(db, "SELECT index_base_usd FROM v_money_growth WHERE "
        "region = '110000000' AND indicator = 'consumption_income' AND settlement = 'urban' "
        "AND year = 2020"), 170.0 / 130.0 * 100);
    ck_assert_close(fixture_query_double(db, "SELECT index_base_kzt_real FROM v_money_growth "
        "WHERE region = '110000000' AND indicator = 'consumption_income' "
        "AND settlement = 'urban' AND year = 2020"),
        170.0 * 412.953333333333 / 202.02032502464 / (130.0 * 342.16 / 157.556866561297) * 100);
}
END_TEST

/* Table 5, Atyrau 2016: men 1 050, women 539 -> 51.33 % (printed 51,3). */
START_TEST(ratio_sex_by_hand)
{
    ck_assert_close(fixture_query_double(db, "SELECT ratio_pct FROM v_ratio_sex WHERE "
        "region = '230000000' AND year = 2016"), 539.0 / 1050.0 * 100);
}
END_TEST

/* Min-max scores: Turkestan has the lowest income (160), so score 0; the
 * highest poverty (12.2, higher is worse), so score 0. Astana city has
 * the lowest poverty (1.5): score 1. */
START_TEST(index_scores_by_hand)
{
    ck_assert_close(fixture_query_double(db, "SELECT score FROM v_index_score WHERE region = "
        "'610000000' AND indicator = 'income_per_capita'"), 0.0);
    ck_assert_close(fixture_query_double(db, "SELECT score FROM v_index_score WHERE region = "
        "'610000000' AND indicator = 'poverty_rate'"), 0.0);
    ck_assert_close(fixture_query_double(db, "SELECT score FROM v_index_score WHERE region = "
        "'710000000' AND indicator = 'poverty_rate'"), 1.0);
    /* Akmola's income 283: (283 - 160) / (583 - 160). */
    ck_assert_close(fixture_query_double(db, "SELECT score FROM v_index_score WHERE region = "
        "'110000000' AND indicator = 'income_per_capita'"), 123.0 / 423.0);
}
END_TEST

/* Table 2's disability gap: 49/22 = 2.227 rounds to 2.2 but was printed
 * 2.3. Inputs printed as whole numbers stand for 48.5..49.5 and
 * 21.5..22.5, so the gap may be 48.5/22.5 = 2.156 .. 49.5/21.5 = 2.302:
 * 2.3 (2.25..2.35) is within reach, "consistent". */
START_TEST(check_interval_by_hand)
{
    const char *where = "FROM v_check WHERE measure = 'gap_ratio' "
                        "AND indicator = 'disability_per_1000' AND year = 2021";
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT recomputed_lo %s", where);
    ck_assert_close(fixture_query_double(db, sql), 48.5 / 22.5);
    snprintf(sql, sizeof sql, "SELECT recomputed_hi %s", where);
    ck_assert_close(fixture_query_double(db, sql), 49.5 / 21.5);
    snprintf(sql, sizeof sql, "SELECT status = 'consistent' %s", where);
    ck_assert_int_eq(fixture_query_int(db, sql), 1);
    /* Income: 583/160 = 3.64 printed 3,6: matches. */
    ck_assert_int_eq(fixture_query_int(db, "SELECT status = 'matches' FROM v_check WHERE "
        "measure = 'gap_ratio' AND indicator = 'income_per_capita'"), 1);
    /* Table 4, Akmola city 2020 against 2016, in tenge: 170 x 412.95 /
     * (130 x 342.16) = 157.8 %, printed 154,7: rounding of 130 and 170
     * (129.5..130.5, 169.5..170.5) allows 156.8..158.9 only. */
    ck_assert_int_eq(fixture_query_int(db, "SELECT status = 'inconsistent' FROM v_check WHERE "
        "measure = 'index_base' AND region = '110000000' AND settlement = 'urban' "
        "AND year = 2020"), 1);
}
END_TEST

/* On the 2016 units, South Kazakhstan in 2021 is Turkestan (income 160)
 * and Shymkent city (189) weighted by their populations (2 044 742 and
 * 1 074 466, seeds/population.csv from the bureau's table), flagged
 * estimated; Turkestan itself is not a 2016 unit. */
START_TEST(fixed_2016_by_hand)
{
    ck_assert_close(fixture_query_double(db, "SELECT value FROM v_observation_2016 WHERE "
        "region = 'KZ-YUZ' AND indicator = 'income_per_capita' AND year = 2021"),
        (160.0 * 2044742 + 189.0 * 1074466) / (2044742.0 + 1074466.0));
    ck_assert_int_eq(fixture_query_int(db, "SELECT flags = 'estimated' FROM v_observation_2016 "
        "WHERE region = 'KZ-YUZ' AND indicator = 'income_per_capita' AND year = 2021"), 1);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_observation_2016 WHERE "
        "region IN ('610000000', '790000000')"), 0);
    /* The sixteen units of 2016 (Table 2 has no republic row). */
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(DISTINCT region) FROM "
        "v_observation_2016 WHERE indicator = 'poverty_rate' AND year = 2021"), 16);
    /* Urban values are weighed with urban population, which the bureau
     * publishes by sex: Turkestan 210 420 men + 207 254 women, Shymkent
     * 519 543 + 554 923 (2021). Urban consumption income: 122 and 112. */
    ck_assert_close(fixture_query_double(db, "SELECT value FROM v_observation_2016 WHERE "
        "region = 'KZ-YUZ' AND indicator = 'consumption_income' AND settlement = 'urban' "
        "AND year = 2021"),
        (122.0 * (210420 + 207254) + 112.0 * (519543 + 554923))
            / (210420.0 + 207254 + 519543 + 554923));
    /* A city has no rural population to weigh with: missing, not guessed. */
    ck_assert_int_eq(fixture_query_int(db, "SELECT missing = 'not_available' FROM "
        "v_observation_2016 WHERE region = 'KZ-YUZ' AND indicator = 'consumption_income' "
        "AND settlement = 'rural' AND year = 2021"), 1);
    /* Today's units: East Kazakhstan lost Abai in 2022, so its earlier
     * years are breaks; Turkestan's back-cast 2016 value is one too, on
     * top of the flag recast the seed gives it. */
    ck_assert_int_eq(fixture_query_int(db, "SELECT flags = 'break' FROM v_observation_current "
        "WHERE region = '630000000' AND indicator = 'poverty_rate' AND year = 2021"), 1);
    ck_assert_int_eq(fixture_query_int(db, "SELECT flags = 'break,recast' FROM "
        "v_observation_current WHERE region = '610000000' AND indicator = 'consumption_income' "
        "AND settlement = 'urban' AND year = 2016"), 1);
    ck_assert_int_eq(fixture_query_int(db, "SELECT flags IS NULL FROM v_observation_current "
        "WHERE region = '610000000' AND indicator = 'consumption_income' "
        "AND settlement = 'urban' AND year = 2018"), 1);
}
END_TEST

/* ---- every row of every view against the oracle ---- */

typedef struct {
    const char *view;
    const char *file;
    const char *const keys[9];
} oracle_view;

static const oracle_view ORACLE_VIEWS[] = {
    { "v_gap", "v_gap.csv", { "indicator", "year", "settlement", "sex", NULL } },
    { "v_growth", "v_growth.csv", { "region", "indicator", "settlement", "sex", "year", NULL } },
    { "v_ratio_sex", "v_ratio_sex.csv", { "region", "indicator", "year", "settlement", NULL } },
    { "v_index", "v_index.csv", { "region", "year", NULL } },
    { "v_index_score", "v_index_score.csv", { "region", "year", "indicator", NULL } },
    { "v_check", "v_check.csv", { "source", "measure", "indicator", "region", "year",
                                  "base_year", "settlement", "sex", NULL } },
    /* the inequality migration, from tests/oracle/inequality_oracle.py */
    { "v_inequality", "v_inequality.csv", { "indicator", "year", "settlement", "sex", NULL } },
    { "v_theil_decomposition", "v_theil_decomposition.csv",
      { "grouping", "indicator", "year", "settlement", "sex", "weighting", NULL } },
    { "v_sigma_convergence", "v_sigma_convergence.csv",
      { "indicator", "year", "settlement", "sex", NULL } },
    { "v_growth_base", "v_growth_base.csv",
      { "region", "indicator", "settlement", "sex", "base_year", "year", NULL } },
    { "v_growth_annual", "v_growth_annual.csv",
      { "region", "indicator", "settlement", "sex", "year", NULL } },
    { "v_cagr", "v_cagr.csv",
      { "region", "indicator", "settlement", "sex", "from_year", "to_year", NULL } },
    /* tests/oracle/index_oracle.py: the paper's seed definition. */
    { "v_index_def", "v_index_def.csv", { "definition", "region", "year", NULL } },
    { "v_index_def_score", "v_index_def_score.csv",
      { "definition", "region", "year", "indicator", NULL } },
    { "v_index_sensitivity", "v_index_sensitivity.csv", { "definition", "region", "year", NULL } },
};

static bool is_key(const oracle_view *v, const char *column)
{
    for (size_t i = 0; v->keys[i]; i++)
        if (strcmp(v->keys[i], column) == 0)
            return true;
    return false;
}

static bool is_integer_column(const char *column)
{
    return strcmp(column, "year") == 0 || strcmp(column, "base_year") == 0
        || strcmp(column, "from_year") == 0 || strcmp(column, "to_year") == 0;
}

/* SELECT "c1", "c2", ... FROM view WHERE k1 IS ?1 AND ... */
static void build_lookup(const oracle_view *v, const csv_record *header, strbuf *sql)
{
    strbuf_append(sql, "SELECT ");
    for (size_t i = 0; i < header->nfields; i++)
        strbuf_printf(sql, "%s\"%s\"", i ? ", " : "", header->fields[i]);
    strbuf_printf(sql, " FROM %s WHERE ", v->view);
    for (size_t i = 0; v->keys[i]; i++)
        strbuf_printf(sql, "%s\"%s\" IS ?%zu", i ? " AND " : "", v->keys[i], i + 1);
}

static void bind_key(sqlite3_stmt *stmt, int index, const char *column, const char *text)
{
    if (!*text)
        sqlite3_bind_null(stmt, index);
    else if (is_integer_column(column))
        sqlite3_bind_int(stmt, index, atoi(text));
    else
        sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void compare_cell(sqlite3_stmt *stmt, int col, const char *column, const char *expected,
                         const char *view, size_t line)
{
    if (!*expected) {
        ck_assert_msg(sqlite3_column_type(stmt, col) == SQLITE_NULL,
                      "%s line %zu: %s is %s, expected NULL", view, line, column,
                      sqlite3_column_text(stmt, col));
        return;
    }
    ck_assert_msg(sqlite3_column_type(stmt, col) != SQLITE_NULL,
                  "%s line %zu: %s is NULL, expected %s", view, line, column, expected);
    char *end = NULL;
    double want = strtod(expected, &end);
    if (end != expected && *end == '\0' && sqlite3_column_type(stmt, col) != SQLITE_TEXT) {
        double got = sqlite3_column_double(stmt, col);
        ck_assert_msg(fabs(got - want) <= 1e-9 * fmax(1.0, fabs(want)),
                      "%s line %zu: %s is %.17g, expected %s", view, line, column, got, expected);
    } else {
        ck_assert_msg(strcmp((const char *)sqlite3_column_text(stmt, col), expected) == 0,
                      "%s line %zu: %s is %s, expected %s", view, line, column,
                      sqlite3_column_text(stmt, col), expected);
    }
}

static size_t compare_view_with_oracle(const oracle_view *v)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/oracle/expected/%s", v->file);
    FILE *f = fopen(fixture_path(rel), "rb");
    ck_assert_msg(f != NULL, "cannot open %s", rel);
    csv_reader *r = csv_open(f, ',');
    csv_record header, rec;
    ck_assert_int_eq(csv_next(r, &header), CSV_OK);
    size_t ncols = header.nfields;
    char **names = calloc(ncols, sizeof *names);
    for (size_t i = 0; i < ncols; i++)
        names[i] = strdup(header.fields[i]);
    strbuf sql = STRBUF_INIT;
    build_lookup(v, &header, &sql);
    sqlite3_stmt *stmt = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, strbuf_str(&sql), -1, &stmt, NULL) == SQLITE_OK,
                  "%s: %s", strbuf_str(&sql), sqlite3_errmsg(db));
    size_t rows = 0;
    while (csv_next(r, &rec) == CSV_OK) {
        if (rec.nfields == 1 && !*rec.fields[0])
            continue;
        ck_assert_uint_eq(rec.nfields, ncols);
        sqlite3_reset(stmt);
        int k = 1;
        for (size_t i = 0; v->keys[i]; i++)
            for (size_t c = 0; c < ncols; c++)
                if (strcmp(names[c], v->keys[i]) == 0)
                    bind_key(stmt, k++, names[c], rec.fields[c]);
        ck_assert_msg(sqlite3_step(stmt) == SQLITE_ROW, "%s line %zu: no such row in the view",
                      v->view, rec.line);
        for (size_t c = 0; c < ncols; c++)
            if (!is_key(v, names[c]))
                compare_cell(stmt, (int)c, names[c], rec.fields[c], v->view, rec.line);
        ck_assert_msg(sqlite3_step(stmt) == SQLITE_DONE, "%s line %zu: key matches two rows",
                      v->view, rec.line);
        rows++;
    }
    sqlite3_finalize(stmt);
    strbuf_free(&sql);
    for (size_t i = 0; i < ncols; i++)
        free(names[i]);
    free(names);
    csv_close(r);
    fclose(f);
    return rows;
}

START_TEST(views_equal_oracle)
{
    const oracle_view *v = &ORACLE_VIEWS[_i];
    size_t rows = compare_view_with_oracle(v);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", v->view);
    ck_assert_int_eq(fixture_query_int(db, sql), (long long)rows);
    ck_assert_uint_gt(rows, 0);
}
END_TEST

Suite *views_suite(void)
{
    Suite *s = suite_create("views");
    TCase *hand = tcase_create("by hand");
    tcase_add_checked_fixture(hand, setup, teardown);
    tcase_add_test(hand, gap_income_2021_by_hand);
    tcase_add_test(hand, table2_gaps_at_one_decimal);
    tcase_add_test(hand, aggregate_left_out_of_gaps);
    tcase_add_test(hand, missing_values_left_out);
    tcase_add_test(hand, growth_by_hand);
    tcase_add_test(hand, money_by_hand);
    tcase_add_test(hand, ratio_sex_by_hand);
    tcase_add_test(hand, index_scores_by_hand);
    tcase_add_test(hand, check_interval_by_hand);
    tcase_add_test(hand, fixed_2016_by_hand);
    suite_add_tcase(s, hand);
    TCase *oracle = tcase_create("oracle");
    tcase_add_checked_fixture(oracle, setup, teardown);
    tcase_set_timeout(oracle, 60);
    tcase_add_loop_test(oracle, views_equal_oracle, 0,
                        (int)(sizeof ORACLE_VIEWS / sizeof ORACLE_VIEWS[0]));
    suite_add_tcase(s, oracle);
    return s;
}
