/*
 * test_cell_text.c - how a report writes a figure with a fixed number of
 * decimals: rounded half away from zero on its decimal digits, as a person
 * rounds, so a computed 18.74999999999998 shows as 18.8 beside 118.8.
 */
#include <check.h>
#include <stdio.h>

#include "suites.h"
#include "report/report.h"

static const char *fixed(double v, int decimals)
{
    static char text[512];
    report_cell c = { .type = CELL_REAL, .r = v };
    strbuf out = STRBUF_INIT;
    report_cell_text(&c, decimals, &out);
    snprintf(text, sizeof text, "%s", strbuf_str(&out));
    strbuf_free(&out);
    return text;
}

START_TEST(test_computed_tie_rounds_up)
{
    double base = 12.8, value = 15.2;            /* 15.2 / 12.8 is 1.1875 */
    double growth = 100 * (value / base - 1);     /* 18.74999999999998 in binary */
    double index = 100 * value / base;            /* 118.75 */
    ck_assert(growth < 18.75);
    ck_assert_str_eq(fixed(growth, 1), "18.8");
    ck_assert_str_eq(fixed(index, 1), "118.8");
}
END_TEST

START_TEST(test_half_away_from_zero)
{
    ck_assert_str_eq(fixed(1.15, 1), "1.2");      /* 1.149999... in binary */
    ck_assert_str_eq(fixed(2.675, 2), "2.68");    /* 2.67499999... in binary */
    ck_assert_str_eq(fixed(0.125, 2), "0.13");    /* exact in binary: printf says 0.12 */
    ck_assert_str_eq(fixed(-0.125, 2), "-0.13");
    ck_assert_str_eq(fixed(18.25, 1), "18.3");
    ck_assert_str_eq(fixed(0.05, 1), "0.1");
}
END_TEST

START_TEST(test_no_tie_unchanged)
{
    ck_assert_str_eq(fixed(1.04, 1), "1.0");
    ck_assert_str_eq(fixed(0.04, 1), "0.0");
    ck_assert_str_eq(fixed(0.0, 2), "0.00");
    ck_assert_str_eq(fixed(3.14159, 3), "3.142");
    ck_assert_str_eq(fixed(4.2, 0), "4");
    ck_assert_str_eq(fixed(123456789.125, 3), "123456789.125");
}
END_TEST

START_TEST(test_many_digits)
{
    ck_assert_str_eq(fixed(1234567890.25, 1), "1234567890.3");
    ck_assert_str_eq(fixed(12345678901.25, 1), "12345678901.3");  /* 13 digits kept */
    char exact[400];                              /* beyond 17 digits: printf's digits */
    snprintf(exact, sizeof exact, "%.0f", 1e300);
    ck_assert_str_eq(fixed(1e300, 0), exact);
}
END_TEST

START_TEST(test_never_negative_zero)
{
    ck_assert_str_eq(fixed(-0.04, 1), "0.0");
    ck_assert_str_eq(fixed(-0.0, 2), "0.00");
    ck_assert_str_eq(fixed(-0.05, 1), "-0.1");
}
END_TEST

START_TEST(test_carry)
{
    ck_assert_str_eq(fixed(9.995, 2), "10.00");
    ck_assert_str_eq(fixed(99.95, 1), "100.0");
    ck_assert_str_eq(fixed(0.9999, 3), "1.000");
}
END_TEST

Suite *cell_text_suite(void)
{
    Suite *s = suite_create("cell_text");
    TCase *fixed_decimals = tcase_create("fixed_decimals");
    tcase_add_test(fixed_decimals, test_computed_tie_rounds_up);
    tcase_add_test(fixed_decimals, test_half_away_from_zero);
    tcase_add_test(fixed_decimals, test_no_tie_unchanged);
    tcase_add_test(fixed_decimals, test_carry);
    tcase_add_test(fixed_decimals, test_many_digits);
    tcase_add_test(fixed_decimals, test_never_negative_zero);
    suite_add_tcase(s, fixed_decimals);
    return s;
}
