/*
 * test_stats.c - rank correlation. Expected values are worked out by hand
 * in each test's comment.
 */
#include <check.h>
#include <math.h>

#include "report/stats.h"
#include "suites.h"

START_TEST(average_ranks_share_ties)
{
    /* 10, 20, 20, 30: positions 1, 2-3, 4 -> ranks 1, 2.5, 2.5, 4. */
    const double values[] = { 20, 10, 30, 20 };
    double ranks[4];
    stats_average_ranks(values, 4, ranks);
    ck_assert_double_eq(ranks[0], 2.5);
    ck_assert_double_eq(ranks[1], 1.0);
    ck_assert_double_eq(ranks[2], 4.0);
    ck_assert_double_eq(ranks[3], 2.5);
}
END_TEST

START_TEST(spearman_without_ties_is_the_textbook_formula)
{
    /* d = 0, 0, 1, -1, 0 -> sum d^2 = 2; rho = 1 - 6*2/(5*24) = 0.9. */
    const double x[] = { 1, 2, 3, 4, 5 };
    const double y[] = { 1, 2, 4, 3, 5 };
    ck_assert_double_eq_tol(stats_spearman(x, y, 5), 0.9, 1e-12);
}
END_TEST

START_TEST(spearman_of_reversed_order_is_minus_one)
{
    const double x[] = { 1, 2, 3, 4 };
    const double y[] = { 40, 30, 20, 10 };
    ck_assert_double_eq_tol(stats_spearman(x, y, 4), -1.0, 1e-12);
}
END_TEST

START_TEST(spearman_of_the_paper_ranking)
{
    /* Our 2021 ranks against Table 3's ratings (Akmola..Shymkent city):
     * the squared rank differences sum to 56 (9+1+... by hand), so
     * rho = 1 - 6*56/(17*288) = 0.931372549... */
    const double ours[] = { 14, 6, 12, 3, 10, 16, 8, 7, 13, 4, 9, 15, 17, 11, 1, 2, 5 };
    const double paper[] = { 14, 7, 15, 3, 11, 16, 4, 10, 13, 5, 9, 12, 17, 8, 1, 2, 6 };
    ck_assert_double_eq_tol(stats_spearman(ours, paper, 17), 1.0 - 6.0 * 56 / (17.0 * 288),
                            1e-12);
}
END_TEST

START_TEST(pearson_undefined_without_variance)
{
    const double x[] = { 1, 1, 1 };
    const double y[] = { 1, 2, 3 };
    ck_assert(isnan(stats_pearson(x, y, 3)));
    ck_assert(isnan(stats_pearson(x, y, 1)));
}
END_TEST

Suite *stats_suite(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, average_ranks_share_ties);
    tcase_add_test(tc, spearman_without_ties_is_the_textbook_formula);
    tcase_add_test(tc, spearman_of_reversed_order_is_minus_one);
    tcase_add_test(tc, spearman_of_the_paper_ranking);
    tcase_add_test(tc, pearson_undefined_without_variance);
    suite_add_tcase(s, tc);
    return s;
}
