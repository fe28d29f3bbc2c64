/*
 * test_inequality.c - the inequality and growth views of the inequality migration
 * (v_inequality, v_theil_decomposition, v_sigma_convergence,
 * v_growth_base, v_growth_annual, v_cagr) on a data set small enough to
 * work out by hand.
 *
 * How the expected values were obtained: by hand, with the arithmetic
 * written beside each test; then cross-checked with the independent
 * Python implementation tests/oracle/inequality_oracle.py (its functions
 * gini_sorted, gini_lorenz, theil and decompose, and statistics.pstdev),
 * which gave the same numbers to 1e-15:
 *   cv 0.408248290463863, cv_weighted 0.36851386559504445,
 *   gini 0.2222222222222223, gini_weighted 0.19444444444444442,
 *   theil 0.08720802396075798, theil_weighted 0.07551068302017659,
 *   decomposition unweighted (0.0588915178281917, 0.0283165061325662),
 *   weighted (0.0566330122651324, 0.0188776707550441),
 *   cv 2022 0.28179611235454405.
 * The same views on the paper's data are compared row by row with that
 * oracle in test_views.c (views_equal_oracle).
 *
 * The data set: indicator x; regions A and B (kind region), C (city), D
 * (region, value missing in 2020) and the country K (never compared).
 *   2020: A 10, B 20, C 30, D missing, K 99; population A 100, B 100, C 200
 *   2021: B 22 (no population)
 *   2022: A 14.4, B 24, C 30; population A 100, B 100 (none for C)
 */
#include <check.h>
#include <math.h>
#include <stdio.h>

#include "fixture.h"
#include "suites.h"

static sqlite3 *db;

static const char SQL_DATA[] =
    "INSERT INTO load (id, file, kind, loaded_at) VALUES (1, 'test', 'series', '2024-01-01');"
    "INSERT INTO region (code, name, kind) VALUES ('A', 'A', 'region'), ('B', 'B', 'region'),"
    " ('C', 'C', 'city'), ('D', 'D', 'region'), ('K', 'K', 'country');"
    "INSERT INTO indicator (code, name, unit, polarity) VALUES ('x', 'x', 'unit', 1);"
    "INSERT INTO observation (region, indicator, year, value, missing, load_id) VALUES"
    " ('A', 'x', 2020, 10, NULL, 1), ('B', 'x', 2020, 20, NULL, 1), ('C', 'x', 2020, 30, NULL, 1),"
    " ('D', 'x', 2020, NULL, 'nil', 1), ('K', 'x', 2020, 99, NULL, 1),"
    " ('B', 'x', 2021, 22, NULL, 1),"
    " ('A', 'x', 2022, 14.4, NULL, 1), ('B', 'x', 2022, 24, NULL, 1), ('C', 'x', 2022, 30, NULL, 1);"
    "INSERT INTO population (region, year, persons) VALUES ('A', 2020, 100), ('B', 2020, 100),"
    " ('C', 2020, 200), ('K', 2020, 1000), ('A', 2022, 100), ('B', 2022, 100);"
    "INSERT INTO region_group (grouping, group_name, region) VALUES"
    " ('test_pairs', 'AC', 'A'), ('test_pairs', 'AC', 'C');";

static void setup(void)
{
    db = fixture_empty_db();
    char *msg = NULL;
    ck_assert_msg(sqlite3_exec(db, SQL_DATA, NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
}

static void teardown(void)
{
    sqlite3_close(db);
}

#define ck_assert_close(actual, expected) \
    ck_assert_msg(fabs((actual) - (expected)) <= 1e-12 * fmax(1.0, fabs(expected)), \
                  "%.17g != %.17g", (double)(actual), (double)(expected))

static double ineq_2020(const char *column)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT %s FROM v_inequality WHERE indicator = 'x' AND year = 2020",
             column);
    return fixture_query_double(db, sql);
}

/* 2020: values 10, 20, 30 (D missing, K the country: left out).
 * mean 20; min 10, max 30: ratio 3, range 20;
 * sd = sqrt(((10-20)^2 + 0 + (30-20)^2) / 3) = sqrt(200/3); cv = sd / 20. */
START_TEST(dispersion_by_hand)
{
    ck_assert_int_eq(fixture_query_int(db, "SELECT n_regions FROM v_inequality "
                                           "WHERE year = 2020"), 3);
    ck_assert_int_eq(fixture_query_int(db, "SELECT n_missing FROM v_inequality "
                                           "WHERE year = 2020"), 1);
    ck_assert_close(ineq_2020("max_min_ratio"), 3.0);
    ck_assert_close(ineq_2020("range_value"), 20.0);
    ck_assert_close(ineq_2020("mean_value"), 20.0);
    ck_assert_close(ineq_2020("sd_value"), sqrt(200.0 / 3));
    ck_assert_close(ineq_2020("cv"), sqrt(200.0 / 3) / 20);
}
END_TEST

/* Population shares p = 100/400, 100/400, 200/400 = .25, .25, .5.
 * Weighted mean = .25*10 + .25*20 + .5*30 = 22.5.
 * Williamson: sqrt(.25*12.5^2 + .25*2.5^2 + .5*7.5^2) / 22.5
 *           = sqrt(39.0625 + 1.5625 + 28.125) / 22.5 = sqrt(68.75) / 22.5. */
START_TEST(williamson_by_hand)
{
    ck_assert_close(ineq_2020("mean_weighted"), 22.5);
    ck_assert_close(ineq_2020("cv_weighted"), sqrt(68.75) / 22.5);
    ck_assert_int_eq(fixture_query_int(db, "SELECT n_without_weight FROM v_inequality "
                                           "WHERE year = 2020"), 0);
}
END_TEST

/* Gini = sum_i sum_j |yi - yj| / (2 n^2 mean): the ordered pairs give
 * 2 * (10 + 20 + 10) = 80, so 80 / (2 * 9 * 20) = 2/9.
 * Weighted: sum_i sum_j pi pj |yi - yj| / (2 mean_w)
 *   = 2 * (.25*.25*10 + .25*.5*20 + .25*.5*10) / (2 * 22.5)
 *   = 2 * 4.375 / 45 = 7/36. */
START_TEST(gini_by_hand)
{
    ck_assert_close(ineq_2020("gini"), 2.0 / 9);
    ck_assert_close(ineq_2020("gini_weighted"), 7.0 / 36);
}
END_TEST

/* Theil = (1/n) sum (y/mean) ln(y/mean)
 *       = (0.5 ln 0.5 + 1 ln 1 + 1.5 ln 1.5) / 3 = 0.0872080...
 * Weighted: sum p (y/22.5) ln(y/22.5) = .25 (10/22.5) ln(10/22.5)
 *           + .25 (20/22.5) ln(20/22.5) + .5 (30/22.5) ln(30/22.5) = 0.0755107... */
START_TEST(theil_by_hand)
{
    ck_assert_close(ineq_2020("theil"), (0.5 * log(0.5) + 1.5 * log(1.5)) / 3);
    ck_assert_close(ineq_2020("theil_weighted"),
                    0.25 * (10 / 22.5) * log(10 / 22.5) + 0.25 * (20 / 22.5) * log(20 / 22.5)
                        + 0.5 * (30 / 22.5) * log(30 / 22.5));
}
END_TEST

/* 2022: C has no population, so the weighted measures are NULL (and say
 * why: n_without_weight 1), while the unweighted ones are there. */
START_TEST(missing_weight_gives_null)
{
    ck_assert_int_eq(fixture_query_int(db, "SELECT n_without_weight FROM v_inequality "
                                           "WHERE year = 2022"), 1);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_inequality WHERE year = 2022 "
        "AND cv_weighted IS NULL AND gini_weighted IS NULL AND theil_weighted IS NULL "
        "AND mean_weighted IS NULL AND cv IS NOT NULL AND gini IS NOT NULL"), 1);
}
END_TEST

static double decomposition(const char *grouping, const char *weighting, const char *column)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM v_theil_decomposition WHERE grouping = '%s' "
             "AND weighting = '%s' AND year = 2020", column, grouping, weighting);
    return fixture_query_double(db, sql);
}

/* Region kinds: regions {A 10, B 20} and cities {C 30}; mean 20.
 * Group shares of the total: regions 2*15/(3*20) = .5, cities 30/60 = .5.
 * between = .5 ln(15/20) + .5 ln(30/20) = 0.0588915...
 * within  = .5 * T(regions) + .5 * 0, T(regions) = ((10/15) ln(10/15)
 *           + (20/15) ln(20/15)) / 2 = 0.0566330...
 * between + within = the Theil index, 0.0872080... */
START_TEST(theil_decomposition_by_hand)
{
    double between = 0.5 * log(15.0 / 20) + 0.5 * log(30.0 / 20);
    double t_regions = ((10.0 / 15) * log(10.0 / 15) + (20.0 / 15) * log(20.0 / 15)) / 2;
    ck_assert_close(decomposition("region_kind", "unweighted", "between_groups"), between);
    ck_assert_close(decomposition("region_kind", "unweighted", "within_groups"), 0.5 * t_regions);
    ck_assert_close(decomposition("region_kind", "unweighted", "theil"),
                    (0.5 * log(0.5) + 1.5 * log(1.5)) / 3);
    ck_assert_int_eq((long long)decomposition("region_kind", "unweighted", "n_groups"), 2);
    /* Weighted: regions 200 persons, mean 15; cities 200, mean 30; total
     * mean 22.5. Shares 200*15/(400*22.5) = 1/3 and 2/3.
     * between = 1/3 ln(15/22.5) + 2/3 ln(30/22.5); within = 1/3 T(regions). */
    ck_assert_close(decomposition("region_kind", "population", "between_groups"),
                    log(15 / 22.5) / 3 + 2 * log(30 / 22.5) / 3);
    ck_assert_close(decomposition("region_kind", "population", "within_groups"), t_regions / 3);
}
END_TEST

/* A grouping from the region_group table that lists A and C only: B goes
 * to "not classified". Groups {A 10, C 30} (mean 20) and {B 20}: shares
 * 40/60 and 20/60; between = 2/3 ln(20/20) + 1/3 ln(20/20) = 0;
 * within = 2/3 T(A, C) = 2/3 ((.5 ln .5 + 1.5 ln 1.5) / 2). */
START_TEST(grouping_from_table_by_hand)
{
    ck_assert_close(decomposition("test_pairs", "unweighted", "between_groups"), 0.0);
    ck_assert_close(decomposition("test_pairs", "unweighted", "within_groups"),
                    2.0 / 3 * ((0.5 * log(0.5) + 1.5 * log(1.5)) / 2));
    ck_assert_int_eq(fixture_query_int(db, "SELECT n_groups FROM v_theil_decomposition WHERE "
        "grouping = 'test_pairs' AND weighting = 'unweighted' AND year = 2020"), 2);
}
END_TEST

/* cv by year: 2020 sqrt(200/3)/20 = 0.408; 2021 one region (B), cv 0;
 * 2022 values 14.4, 24, 30, mean 22.8, sd = sqrt((8.4^2 + 1.2^2 + 7.2^2)/3)
 * = sqrt(41.28), cv = 0.2818. 2021 falls (on 2020), 2022 rises (on 2021,
 * the previous year with a value), and is below the first year. */
START_TEST(sigma_convergence_by_hand)
{
    ck_assert_close(fixture_query_double(db, "SELECT cv FROM v_sigma_convergence "
                                             "WHERE year = 2022"), sqrt(41.28) / 22.8);
    ck_assert_int_eq(fixture_query_int(db, "SELECT direction = 'falling' "
                                           "FROM v_sigma_convergence WHERE year = 2021"), 1);
    ck_assert_int_eq(fixture_query_int(db, "SELECT direction = 'rising' AND prev_year = 2021 "
                                           "FROM v_sigma_convergence WHERE year = 2022"), 1);
    ck_assert_close(fixture_query_double(db, "SELECT cv_change_from_first "
                                             "FROM v_sigma_convergence WHERE year = 2022"),
                    sqrt(41.28) / 22.8 - sqrt(200.0 / 3) / 20);
    /* sd of logs, 2020: ln 10, ln 20, ln 30 around their mean. */
    double m = (log(10) + log(20) + log(30)) / 3;
    ck_assert_close(fixture_query_double(db, "SELECT sd_log FROM v_sigma_convergence "
                                             "WHERE year = 2020"),
                    sqrt((pow(log(10) - m, 2) + pow(log(20) - m, 2) + pow(log(30) - m, 2)) / 3));
    ck_assert_int_eq(fixture_query_int(db, "SELECT regions_changed FROM v_sigma_convergence "
                                           "WHERE year = 2021"), 1);
}
END_TEST

/* A: 10 (2020) -> 14.4 (2022), 2021 missing. CAGR = (14.4/10)^(1/2) - 1
 * = 1.2 - 1 = 20 %. Strict year-on-year growth of 2022 is NULL (no 2021
 * value); annualised over the two years, 20 %. B: 20 -> 22 is 10 %. */
START_TEST(growth_by_hand)
{
    ck_assert_close(fixture_query_double(db, "SELECT cagr_pct FROM v_cagr WHERE region = 'A' "
                                             "AND from_year = 2020 AND to_year = 2022"), 20.0);
    ck_assert_int_eq(fixture_query_int(db, "SELECT years FROM v_cagr WHERE region = 'A'"), 2);
    ck_assert_int_eq(fixture_query_int(db, "SELECT growth_pct_yoy IS NULL AND years_between = 2 "
        "FROM v_growth_annual WHERE region = 'A' AND year = 2022"), 1);
    ck_assert_close(fixture_query_double(db, "SELECT growth_pct_annualised FROM v_growth_annual "
                                             "WHERE region = 'A' AND year = 2022"), 20.0);
    ck_assert_close(fixture_query_double(db, "SELECT growth_pct_yoy FROM v_growth_annual "
                                             "WHERE region = 'B' AND year = 2021"), 10.0);
    /* Against a chosen base year, either way round: 14.4/10 = 144 %,
     * 10/14.4 = 69.44 %; the base year itself is 100. */
    ck_assert_close(fixture_query_double(db, "SELECT index_base FROM v_growth_base WHERE "
        "region = 'A' AND base_year = 2020 AND year = 2022"), 144.0);
    ck_assert_close(fixture_query_double(db, "SELECT growth_pct FROM v_growth_base WHERE "
        "region = 'A' AND base_year = 2022 AND year = 2020"), (10 / 14.4 - 1) * 100);
    ck_assert_close(fixture_query_double(db, "SELECT index_base FROM v_growth_base WHERE "
        "region = 'C' AND base_year = 2022 AND year = 2022"), 100.0);
    /* B has three years: pairs 2020-2021, 2020-2022, 2021-2022. */
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_cagr WHERE region = 'B'"), 3);
    /* A missing value has no growth row at all. */
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_growth_base "
                                           "WHERE region = 'D'"), 0);
}
END_TEST

/* Theil and the log dispersion need positive values: a 0 makes them
 * NULL while the other measures stay. */
START_TEST(theil_needs_positive_values)
{
    ck_assert_int_eq(sqlite3_exec(db, "UPDATE observation SET value = 0 WHERE region = 'A' "
                                      "AND year = 2020", NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(fixture_query_int(db, "SELECT theil IS NULL AND theil_weighted IS NULL "
        "AND gini IS NOT NULL FROM v_inequality WHERE year = 2020"), 1);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_theil_decomposition "
        "WHERE year = 2020 AND theil IS NOT NULL"), 0);
    ck_assert_int_eq(fixture_query_int(db, "SELECT sd_log IS NULL FROM v_sigma_convergence "
                                           "WHERE year = 2020"), 1);
    /* Gini of 0, 20, 30: pairs 2 * (20 + 30 + 10) = 120; / (2 * 9 * 50/3) = 0.4. */
    ck_assert_close(ineq_2020("gini"), 0.4);
}
END_TEST

Suite *inequality_suite(void)
{
    Suite *s = suite_create("inequality");
    TCase *tc = tcase_create("by hand");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, dispersion_by_hand);
    tcase_add_test(tc, williamson_by_hand);
    tcase_add_test(tc, gini_by_hand);
    tcase_add_test(tc, theil_by_hand);
    tcase_add_test(tc, missing_weight_gives_null);
    tcase_add_test(tc, theil_decomposition_by_hand);
    tcase_add_test(tc, grouping_from_table_by_hand);
    tcase_add_test(tc, sigma_convergence_by_hand);
    tcase_add_test(tc, growth_by_hand);
    tcase_add_test(tc, theil_needs_positive_values);
    suite_add_tcase(s, tc);
    return s;
}
