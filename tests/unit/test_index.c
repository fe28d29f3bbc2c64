/*
 * test_index.c - the index definition views (migration 0010) on a data
 * set small enough to work out by hand: tests/fixtures/index, three
 * regions (Alpha RA, Beta RB, Gamma RC; the country total is left out),
 * two indicators, two years, and the definitions of definitions.json.
 *
 *            x (higher is better)     y (higher is worse)
 *            2020     2021            2020     2021
 *   Alpha      10       30               2        2
 *   Beta       20       20               4        4
 *   Gamma      30       50               6        7
 *
 * Weights x 3, y 1 are normalised to 0.75 and 0.25 (the definition
 * "equal" gives none: 0.5 each). Every expected number below is worked
 * out in the comment above it, from these values alone, and was checked
 * with a pocket calculator; none was copied from oblys.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>

#include "fixture.h"
#include "import/import.h"
#include "suites.h"

static sqlite3 *db;

static void import_fixture(const char *name)
{
    char rel[128];
    snprintf(rel, sizeof rel, "tests/fixtures/index/%s", name);
    import_options opt = { 0 };
    diag_list diag;
    diag_init(&diag, 20);
    oblys_error err = OBLYS_ERROR_INIT;
    import_summary summary;
    oblys_status st = import_file(db, fixture_path(rel), &opt, &diag, &summary, &err);
    ck_assert_msg(st == OBLYS_OK, "importing %s: %s%s", name, error_message(&err),
                  strbuf_str(&diag.lines));
    diag_free(&diag);
    error_clear(&err);
}

static void setup(void)
{
    db = fixture_empty_db();
    import_fixture("regions.csv");
    import_fixture("indicators.csv");
    import_fixture("series.csv");
    import_fixture("definitions.json");
}

static void teardown(void)
{
    sqlite3_close(db);
    db = NULL;
}

#define ck_assert_close(actual, expected) \
    ck_assert_msg(fabs((actual) - (expected)) <= 1e-9 * fmax(1.0, fabs(expected)), \
                  "%.17g != %.17g", (double)(actual), (double)(expected))

static double index_of(const char *definition, const char *region, int year)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT \"index\" FROM v_index_def WHERE definition = '%s' "
             "AND region = '%s' AND year = %d", definition, region, year);
    return fixture_query_double(db, sql);
}

static long long int_of(const char *column, const char *view, const char *definition,
                        const char *region, int year)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT coalesce(%s, -99) FROM %s WHERE definition = '%s' "
             "AND region = '%s' AND year = %d", column, view, definition, region, year);
    return fixture_query_int(db, sql);
}

static double attribution(const char *column, const char *definition, const char *region,
                          const char *indicator)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM v_index_attribution WHERE definition = '%s' "
             "AND region = '%s' AND year = 2021 AND indicator = '%s'", column, definition,
             region, indicator);
    return fixture_query_double(db, sql);
}

/* Min-max per year. 2020: x 10..30 gives Alpha 0, Beta 0.5, Gamma 1; y
 * 2..6 reversed, (6 - v) / 4: 1, 0.5, 0. Index 0.75 x + 0.25 y: Alpha
 * 0.25, Beta 0.5, Gamma 0.75. 2021: x 20..50, (v - 20) / 30: 1/3, 0, 1;
 * y 2..7, (7 - v) / 5: 1, 0.6, 0. Alpha 0.25 + 0.25 = 0.5, Beta 0.15,
 * Gamma 0.75. Ranks 2020 Gamma, Beta, Alpha; 2021 Gamma, Alpha, Beta. */
START_TEST(minmax_year_by_hand)
{
    ck_assert_close(fixture_query_double(db, "SELECT score FROM v_index_def_score WHERE "
        "definition = 'mm_year' AND region = 'RA' AND year = 2021 AND indicator = 'x'"),
        1.0 / 3.0);
    ck_assert_close(fixture_query_double(db, "SELECT weight FROM v_index_def_score WHERE "
        "definition = 'mm_year' AND region = 'RA' AND year = 2021 AND indicator = 'x'"), 0.75);
    ck_assert_close(index_of("mm_year", "RA", 2020), 0.25);
    ck_assert_close(index_of("mm_year", "RB", 2020), 0.5);
    ck_assert_close(index_of("mm_year", "RC", 2020), 0.75);
    ck_assert_close(index_of("mm_year", "RA", 2021), 0.5);
    ck_assert_close(index_of("mm_year", "RB", 2021), 0.15);
    ck_assert_close(index_of("mm_year", "RC", 2021), 0.75);
    ck_assert_int_eq(int_of("rank", "v_index_def", "mm_year", "RA", 2020), 3);
    ck_assert_int_eq(int_of("rank", "v_index_def", "mm_year", "RA", 2021), 2);
    /* Alpha 3rd -> 2nd: up 1; Beta 2nd -> 3rd: down 1; Gamma stays. */
    ck_assert_int_eq(int_of("rank_change", "v_index_def", "mm_year", "RA", 2021), 1);
    ck_assert_int_eq(int_of("rank_change", "v_index_def", "mm_year", "RB", 2021), -1);
    ck_assert_int_eq(int_of("rank_change", "v_index_def", "mm_year", "RC", 2021), 0);
    ck_assert_int_eq(int_of("rank_prev", "v_index_def", "mm_year", "RC", 2020), -99);
    /* The country total is not ranked. */
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_index_def "
                                           "WHERE region = 'KZ'"), 0);
}
END_TEST

/* Min-max over the panel: x 10..50 (range 40) and y 2..7 (range 5) over
 * both years. 2020: x 0, 0.25, 0.5; y (7 - v) / 5: 1, 0.6, 0.2. Alpha
 * 0.25, Beta 0.1875 + 0.15 = 0.3375, Gamma 0.375 + 0.05 = 0.425. 2021: x
 * 0.5, 0.25, 1; y 1, 0.6, 0. Alpha 0.375 + 0.25 = 0.625, Beta 0.3375
 * (its values did not change, and neither does its index), Gamma 0.75.
 * Per year, Beta's index fell from 0.5 to 0.15 with the same values. */
START_TEST(minmax_panel_by_hand)
{
    ck_assert_close(index_of("mm_panel", "RA", 2020), 0.25);
    ck_assert_close(index_of("mm_panel", "RB", 2020), 0.3375);
    ck_assert_close(index_of("mm_panel", "RC", 2020), 0.425);
    ck_assert_close(index_of("mm_panel", "RA", 2021), 0.625);
    ck_assert_close(index_of("mm_panel", "RB", 2021), 0.3375);
    ck_assert_close(index_of("mm_panel", "RC", 2021), 0.75);
    ck_assert_int_eq(int_of("rank_change", "v_index_def", "mm_panel", "RA", 2021), 1);
}
END_TEST

/* Geometric mean of min-max scores moved to [0.01, 1] (0.01 + 0.99 s):
 * index = sx'^0.75 * sy'^0.25. 2020: Alpha 0.01^0.75 * 1 = 10^-1.5;
 * Beta 0.505^0.75 * 0.505^0.25 = 0.505; Gamma 1 * 0.01^0.25 = 10^-0.5.
 * 2021: Alpha x 1/3 -> 0.34: 0.34^0.75; Beta 0.01^0.75 * 0.604^0.25;
 * Gamma 10^-0.5. Ranks 2021: Alpha (0.445) first, from third: up 2. */
START_TEST(geometric_by_hand)
{
    ck_assert_close(index_of("geo", "RA", 2020), pow(10.0, -1.5));
    ck_assert_close(index_of("geo", "RB", 2020), 0.505);
    ck_assert_close(index_of("geo", "RC", 2020), pow(10.0, -0.5));
    ck_assert_close(index_of("geo", "RA", 2021), pow(0.34, 0.75));
    ck_assert_close(index_of("geo", "RB", 2021), pow(10.0, -1.5) * pow(0.604, 0.25));
    ck_assert_int_eq(int_of("rank", "v_index_def", "geo", "RB", 2020), 1);
    ck_assert_int_eq(int_of("rank_change", "v_index_def", "geo", "RA", 2021), 2);
    /* Attribution in log points: Alpha's x went from 0.75 ln 0.01 to
     * 0.75 ln 0.34, y stayed at 0.25 ln 1 = 0: all of the change is x. */
    ck_assert_close(attribution("delta", "geo", "RA", "x"), 0.75 * (log(0.34) - log(0.01)));
    ck_assert_close(attribution("share", "geo", "RA", "x"), 1.0);
}
END_TEST

/* z-scores, sample standard deviation. 2020: x mean 20, sd
 * sqrt((100 + 0 + 100) / 2) = 10: -1, 0, 1; y mean 4, sd 2, reversed:
 * 1, 0, -1. Alpha -0.75 + 0.25 = -0.5, Beta 0, Gamma 0.5. 2021: x mean
 * 100/3, sd sqrt(((10/3)^2 + (40/3)^2 + (50/3)^2) / 2) = sqrt(700/3); y
 * mean 13/3, sd sqrt(((7/3)^2 + (1/3)^2 + (8/3)^2) / 2) = sqrt(19/3).
 * Alpha 0.75 (30 - 100/3) / sd_x - 0.25 (2 - 13/3) / sd_y. */
START_TEST(zscore_by_hand)
{
    ck_assert_close(index_of("z", "RA", 2020), -0.5);
    ck_assert_close(index_of("z", "RB", 2020), 0.0);
    ck_assert_close(index_of("z", "RC", 2020), 0.5);
    double sd_x = sqrt(700.0 / 3.0), sd_y = sqrt(19.0 / 3.0);
    ck_assert_close(index_of("z", "RA", 2021),
                    0.75 * (30 - 100.0 / 3) / sd_x - 0.25 * (2 - 13.0 / 3) / sd_y);
    ck_assert_close(index_of("z", "RB", 2021),
                    0.75 * (20 - 100.0 / 3) / sd_x - 0.25 * (4 - 13.0 / 3) / sd_y);
    ck_assert_close(index_of("z", "RC", 2021),
                    0.75 * (50 - 100.0 / 3) / sd_x - 0.25 * (7 - 13.0 / 3) / sd_y);
}
END_TEST

/* Ranks from the worst, (r - 1) / (n - 1). 2021: x 30, 20, 50: Beta
 * 1st from the bottom (0), Alpha 0.5, Gamma 1; y: Alpha best (1), Beta
 * 0.5, Gamma 0. Alpha 0.375 + 0.25 = 0.625, Beta 0.125, Gamma 0.75. In
 * "equal" 2020 (min-max, 0.5 each) all three score 0.5 and share rank 1. */
START_TEST(rank_by_hand)
{
    ck_assert_close(index_of("rk", "RA", 2021), 0.625);
    ck_assert_close(index_of("rk", "RB", 2021), 0.125);
    ck_assert_close(index_of("rk", "RC", 2021), 0.75);
    ck_assert_close(index_of("rk", "RB", 2020), 0.5);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_index_def WHERE "
                                           "definition = 'equal' AND year = 2020 AND rank = 1"), 3);
    /* Equal weights by default: 0.5 x + 0.5 y; 2021 Alpha 1/6 + 1/2. */
    ck_assert_close(index_of("equal", "RA", 2021), 1.0 / 6.0 + 0.5);
}
END_TEST

/* Goalposts x 0..40, y 0..10 (reversed), fixed. 2020: x 0.25, 0.5,
 * 0.75; y 0.8, 0.6, 0.4: Alpha 0.1875 + 0.2 = 0.3875, Beta 0.525, Gamma
 * 0.6625. 2021: Gamma's x 50 is above the goalpost: clipped to 1; y 0.3:
 * 0.75 + 0.075 = 0.825. Alpha 0.5625 + 0.2 = 0.7625. */
START_TEST(goalposts_by_hand)
{
    ck_assert_close(index_of("gp", "RA", 2020), 0.3875);
    ck_assert_close(index_of("gp", "RB", 2020), 0.525);
    ck_assert_close(index_of("gp", "RC", 2020), 0.6625);
    ck_assert_close(index_of("gp", "RA", 2021), 0.7625);
    ck_assert_close(index_of("gp", "RB", 2021), 0.525);
    ck_assert_close(index_of("gp", "RC", 2021), 0.825);
}
END_TEST

/* Sensitivity of mm_year: five methods (min-max and rank, each
 * arithmetic and geometric; z-scores arithmetic). 2021 ranks: min-max
 * arithmetic C A B; min-max geometric A C B (above); rank arithmetic C A
 * B; rank geometric A (0.505^0.75) C (0.01^0.25) B (0.01^0.75 0.505^0.25);
 * z-scores C A B. So Alpha 1..2, Beta 3..3, Gamma 1..2. gp adds two
 * goalpost methods: seven. */
START_TEST(sensitivity_by_hand)
{
    ck_assert_int_eq(int_of("best_rank", "v_index_sensitivity", "mm_year", "RA", 2021), 1);
    ck_assert_int_eq(int_of("worst_rank", "v_index_sensitivity", "mm_year", "RA", 2021), 2);
    ck_assert_int_eq(int_of("best_rank", "v_index_sensitivity", "mm_year", "RB", 2021), 3);
    ck_assert_int_eq(int_of("worst_rank", "v_index_sensitivity", "mm_year", "RB", 2021), 3);
    ck_assert_int_eq(int_of("best_rank", "v_index_sensitivity", "mm_year", "RC", 2021), 1);
    ck_assert_int_eq(int_of("worst_rank", "v_index_sensitivity", "mm_year", "RC", 2021), 2);
    ck_assert_int_eq(int_of("n_methods", "v_index_sensitivity", "mm_year", "RC", 2021), 5);
    ck_assert_int_eq(int_of("n_methods", "v_index_sensitivity", "gp", "RC", 2021), 7);
}
END_TEST

/* Attribution, min-max per year, arithmetic (contribution = weight *
 * score). Alpha: x 0.75 * 0 -> 0.75 / 3 = 0.25, y 0.25 -> 0.25: the
 * index rose 0.25, all by x. Beta: x 0.375 -> 0, delta -0.375; y 0.125
 * -> 0.15, delta 0.025; sum -0.35 = 0.15 - 0.5; shares 15/14 and -1/14.
 * Gamma did not move: shares NULL. Panel, Beta: nothing changed, 0. */
START_TEST(attribution_by_hand)
{
    ck_assert_close(attribution("contribution", "mm_year", "RA", "x"), 0.25);
    ck_assert_close(attribution("contribution_prev", "mm_year", "RA", "x"), 0.0);
    ck_assert_close(attribution("delta", "mm_year", "RA", "y"), 0.0);
    ck_assert_close(attribution("delta", "mm_year", "RB", "x"), -0.375);
    ck_assert_close(attribution("delta", "mm_year", "RB", "y"), 0.025);
    ck_assert_close(attribution("share", "mm_year", "RB", "x"), 15.0 / 14.0);
    ck_assert_close(attribution("share", "mm_year", "RB", "y"), -1.0 / 14.0);
    ck_assert(isnan(attribution("share", "mm_year", "RC", "x")));
    ck_assert_close(attribution("delta", "mm_panel", "RB", "x"), 0.0);
    /* No attribution for 2020: no year before it. */
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_index_attribution "
                                           "WHERE year = 2020"), 0);
}
END_TEST

/* A region lacking a component is not ranked; the others still are. */
START_TEST(incomplete_region_not_ranked)
{
    ck_assert_int_eq(sqlite3_exec(db, "DELETE FROM observation WHERE region = 'RB' AND "
                                      "indicator = 'y' AND year = 2021", NULL, NULL, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_index_def WHERE "
                                           "definition = 'mm_year' AND year = 2021"), 2);
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_index_def WHERE "
                                           "definition = 'mm_year' AND region = 'RB' "
                                           "AND year = 2021"), 0);
}
END_TEST

/* The paper's seed definition ranks the seeds exactly as v_index (its
 * index is the paper's sum over 7 indicators, divided by 7). */
START_TEST(paper_definition_matches_v_index)
{
    sqlite3_close(db);
    db = fixture_seeded_db();
    ck_assert_int_eq(fixture_query_int(db, "SELECT count(*) FROM v_index_def d JOIN v_index v "
        "USING (region, year) WHERE d.definition = 'paper' AND d.rank = v.rank "
        "AND abs(d.\"index\" * 7 - v.\"index\") < 1e-9"), 17);
}
END_TEST

Suite *index_suite(void)
{
    Suite *s = suite_create("index");
    TCase *hand = tcase_create("by hand");
    tcase_add_checked_fixture(hand, setup, teardown);
    tcase_add_test(hand, minmax_year_by_hand);
    tcase_add_test(hand, minmax_panel_by_hand);
    tcase_add_test(hand, geometric_by_hand);
    tcase_add_test(hand, zscore_by_hand);
    tcase_add_test(hand, rank_by_hand);
    tcase_add_test(hand, goalposts_by_hand);
    tcase_add_test(hand, sensitivity_by_hand);
    tcase_add_test(hand, attribution_by_hand);
    tcase_add_test(hand, incomplete_region_not_ranked);
    tcase_add_test(hand, paper_definition_matches_v_index);
    suite_add_tcase(s, hand);
    return s;
}
