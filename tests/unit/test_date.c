/*
 * test_date.c - years and dates as tables write them: column headings
 * such as "2021 г.", "2021 [YR2021]" and "2021*" (with a footnote mark)
 * are the year 2021; a heading with other words around a year is not a
 * year, and gets a hint.
 */
#include <check.h>

#include "suites.h"
#include "import/csv_table.h"
#include "util/date.h"

static int year_of(const char *text, bool allow_date)
{
    int year = -1;
    return year_parse(text, allow_date, &year) ? year : -1;
}

START_TEST(test_plain_year)
{
    ck_assert_int_eq(year_of("2021", false), 2021);
    ck_assert_int_eq(year_of("1999", true), 1999);
    ck_assert_int_eq(year_of("2021 ", false), 2021);
}
END_TEST

START_TEST(test_year_words)
{
    static const char *const headings[] = {
        "2021 г.", "2021г.", "2021 г", "2021 год", "2021\xC2\xA0г.", "2021 Г.",
        "2021 ж.", "2021ж.", "2021 жыл", "2021 ГОД", "2021\xC2\xA0", "2021 \xC2\xA0г.", NULL,
    };
    for (const char *const *h = headings; *h; h++)
        ck_assert_msg(year_of(*h, false) == 2021, "\"%s\" should be 2021", *h);
}
END_TEST

START_TEST(test_databank_year)
{
    ck_assert_int_eq(year_of("2015 [YR2015]", false), 2015);
    ck_assert_int_eq(year_of("2015 [YR2016]", false), -1);     /* the two years differ */
    ck_assert_int_eq(year_of("2015 [YR2015", false), -1);
    ck_assert_int_eq(year_of("2015 [YR2015]x", false), -1);
}
END_TEST

START_TEST(test_dates_only_when_allowed)
{
    ck_assert_int_eq(year_of("2017-12-31", true), 2017);
    ck_assert_int_eq(year_of("2017-12-31", false), -1);
    ck_assert_int_eq(year_of("2017-02-30", true), -1);         /* not a real day */
    ck_assert_int_eq(year_of("2016-02-29", true), 2016);
    ck_assert_int_eq(year_of("2017-02-29", true), -1);
}
END_TEST

START_TEST(test_not_years)
{
    static const char *const texts[] = {
        "", "202", "20211", "year 2021", "2021 year", "2021 (est.)", "2021*", "2021 гг.",
        "2021 года", "2021-2022", "12021", "2021.0", NULL,
    };
    for (const char *const *t = texts; *t; t++)
        ck_assert_msg(year_of(*t, true) == -1, "\"%s\" should not be a year", *t);
}
END_TEST

START_TEST(test_year_cell_range)
{
    ck_assert_int_eq(csv_year_cell("2021 г.", NULL), 2021);
    ck_assert_int_eq(csv_year_cell("1899", NULL), 0);
    ck_assert_int_eq(csv_year_cell("2101", NULL), 0);
    ck_assert_int_eq(csv_year_cell("Region", NULL), 0);
}
END_TEST

START_TEST(test_year_heading_footnote)
{
    bool footnote = true;
    ck_assert_int_eq(csv_year_cell("2021", &footnote), 2021);
    ck_assert(!footnote);
    ck_assert_int_eq(csv_year_cell("2021*", &footnote), 2021);
    ck_assert(footnote);
    footnote = false;
    ck_assert_int_eq(csv_year_cell("2021 г.\xC2\xB9", &footnote), 2021);     /* 2021 г.¹ */
    ck_assert(footnote);
    ck_assert_int_eq(csv_year_cell("2201*", &footnote), 0);
    ck_assert(!footnote);
    ck_assert_int_eq(csv_year_cell("*", &footnote), 0);
    ck_assert_int_eq(csv_year_cell("Region*", NULL), 0);
}
END_TEST

START_TEST(test_hint_for_year_in_words)
{
    ck_assert_str_ne(csv_year_hint("year 2018"), "");
    ck_assert_str_ne(csv_year_hint("2018 (est.)"), "");
    ck_assert_str_ne(csv_year_hint("2018*"), "");
    ck_assert_str_eq(csv_year_hint("Region"), "");
    ck_assert_str_eq(csv_year_hint("ISO 3166-2"), "");        /* not a year's digits */
    ck_assert_str_eq(csv_year_hint("code 120000000"), "");    /* digits of a longer number */
}
END_TEST

Suite *date_suite(void)
{
    Suite *s = suite_create("date");
    TCase *years = tcase_create("years");
    tcase_add_test(years, test_plain_year);
    tcase_add_test(years, test_year_words);
    tcase_add_test(years, test_databank_year);
    tcase_add_test(years, test_dates_only_when_allowed);
    tcase_add_test(years, test_not_years);
    tcase_add_test(years, test_year_cell_range);
    tcase_add_test(years, test_year_heading_footnote);
    tcase_add_test(years, test_hint_for_year_in_words);
    suite_add_tcase(s, years);
    return s;
}
