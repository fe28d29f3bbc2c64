/*
 * test_number.c - unit tests for num_parse() and num_missing_name()
 * (src/import/number.h): every example of the header, the AUTO decimal
 * mark rules, grouping, signs, exponents, missing markers, refusals, long
 * digit strings, independence from the process locale, and the same
 * double as strtod for every value.
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "import/number.h"

#define NBSP "\xC2\xA0"         /* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xE2\x80\xAF"    /* U+202F NARROW NO-BREAK SPACE */
#define MINUS "\xE2\x88\x92"    /* U+2212 MINUS SIGN */
#define EN_DASH "\xE2\x80\x93"
#define EM_DASH "\xE2\x80\x94"
#define ELLIPSIS "\xE2\x80\xA6"

static const char *status_name(num_status st)
{
    switch (st) {
    case NUM_VALUE: return "VALUE";
    case NUM_MISSING: return "MISSING";
    case NUM_AMBIGUOUS: return "AMBIGUOUS";
    case NUM_INVALID: return "INVALID";
    case NUM_OUT_OF_RANGE: return "OUT_OF_RANGE";
    }
    return "?";
}

/* The expected values are exact: strtod and the compiler both round a
 * decimal literal to the nearest double, so == is the right comparison. */
static void expect_value(const char *text, num_decimal_mark mode, double want, int decimals)
{
    num_result r;
    num_status st = num_parse(text, mode, &r);
    ck_assert_msg(st == NUM_VALUE, "\"%s\" (mode %d): status %s, want VALUE",
                  text, (int)mode, status_name(st));
    ck_assert_msg(r.value == want, "\"%s\" (mode %d): value %.17g, want %.17g",
                  text, (int)mode, r.value, want);
    ck_assert_msg(r.decimals == decimals, "\"%s\" (mode %d): decimals %d, want %d",
                  text, (int)mode, r.decimals, decimals);
    ck_assert_msg(r.missing == NUM_MISSING_NONE, "\"%s\": missing set on a value", text);
}

static void expect_auto(const char *text, double want, int decimals)
{
    expect_value(text, NUM_DECIMAL_AUTO, want, decimals);
}

static void expect_status(const char *text, num_decimal_mark mode, num_status want)
{
    num_result r;
    num_status st = num_parse(text, mode, &r);
    ck_assert_msg(st == want, "\"%s\" (mode %d): status %s, want %s",
                  text, (int)mode, status_name(st), status_name(want));
}

static void expect_invalid(const char *text)
{
    expect_status(text, NUM_DECIMAL_AUTO, NUM_INVALID);
}

static void expect_missing(const char *text, num_missing want)
{
    num_result r;
    num_status st = num_parse(text, NUM_DECIMAL_AUTO, &r);
    ck_assert_msg(st == NUM_MISSING, "\"%s\": status %s, want MISSING", text, status_name(st));
    ck_assert_msg(r.missing == want, "\"%s\": reason \"%s\", want \"%s\"", text,
                  num_missing_name(r.missing), num_missing_name(want));
}

START_TEST(test_header_examples)
{
    expect_auto("5.9", 5.9, 1);
    expect_auto("5,9", 5.9, 1);
    expect_auto("1 050", 1050, 0);
    expect_auto("1" NBSP "050", 1050, 0);
    expect_auto("1" NNBSP "050", 1050, 0);
    expect_auto("1,050.5", 1050.5, 1);
    expect_auto("1.050,5", 1050.5, 1);
    expect_auto("-2.2", -2.2, 1);
    expect_auto("1,050,000", 1050000, 0);
    expect_auto("0,125", 0.125, 3);
    expect_auto("1.5e3", 1500, 0);
    expect_auto("5,90", 5.9, 2);
    expect_status("1,050", NUM_DECIMAL_AUTO, NUM_AMBIGUOUS);
    expect_invalid("4,9*");
    expect_invalid("12abc");
}
END_TEST

START_TEST(test_plain_numbers)
{
    expect_auto("0", 0, 0);
    expect_auto("7", 7, 0);
    expect_auto("007", 7, 0);      /* ungrouped leading zeros are harmless */
    expect_auto("123456789", 123456789, 0);
    expect_auto("0.000", 0, 3);
    expect_auto("3.14159", 3.14159, 5);
}
END_TEST

START_TEST(test_space_grouping)
{
    expect_auto("1 050 000", 1050000, 0);
    expect_auto("12 345", 12345, 0);
    expect_auto("123 456 789", 123456789, 0);
    expect_auto("1" NBSP "050" NBSP "000", 1050000, 0);
    expect_auto("1" NNBSP "050" NNBSP "000,25", 1050000.25, 2);
    /* The three space-like separators may be mixed. */
    expect_auto("1 050" NBSP "000" NNBSP "000", 1050000000, 0);
    /* With space grouping a single ',' or '.' can only be the decimal mark. */
    expect_auto("1 050,5", 1050.5, 1);
    expect_auto("1 050.5", 1050.5, 1);
    expect_auto("1 050,500", 1050.5, 3);
}
END_TEST

START_TEST(test_bad_grouping)
{
    expect_invalid("1 05");
    expect_invalid("1 0500");
    expect_invalid("1000 000");     /* first group longer than 3 */
    expect_invalid("1  050");       /* two separators in a row */
    expect_invalid("1 050 00");
    expect_invalid("0 125");        /* a group of "0" is not thousands */
    expect_invalid("1\t050");       /* a tab is not a thousands separator */
    expect_invalid(NBSP "5");       /* only ASCII blanks are trimmed */
    expect_invalid("5" NBSP);
    expect_invalid("1,05,000");
    expect_invalid("1,050,00");
    expect_invalid("1.050.00");
    /* Space and ',' grouping may not be mixed in one number. */
    expect_status("1 050,000", NUM_DECIMAL_POINT, NUM_INVALID);
    expect_status("1,050 000", NUM_DECIMAL_POINT, NUM_INVALID);
    expect_invalid("1,050 000");    /* AUTO: ',' is decimal, "050 000" is no fraction */
}
END_TEST

START_TEST(test_both_marks_last_is_decimal)
{
    expect_auto("1,050,000.25", 1050000.25, 2);
    expect_auto("1.050.000,25", 1050000.25, 2);
    expect_auto("12,345.678", 12345.678, 3);
    expect_auto("-1.234,5", -1234.5, 1);
}
END_TEST

START_TEST(test_both_marks_bad)
{
    expect_invalid("1,050.5.5");    /* decimal mark twice */
    expect_invalid("1.5,050,000");
    expect_invalid("1,5.3");        /* ',' groups, but "5" is not 3 digits */
    expect_invalid("1.05,3");
    expect_invalid("1,050.");
    expect_invalid("0.5,1");        /* '.' groups, but "5" is not 3 digits */
    expect_invalid("0,125.5");      /* ',' groups, but a first group "0" is not thousands */
}
END_TEST

START_TEST(test_ambiguous_auto)
{
    expect_status("1,050", NUM_DECIMAL_AUTO, NUM_AMBIGUOUS);
    expect_status("1.050", NUM_DECIMAL_AUTO, NUM_AMBIGUOUS);
    expect_status("999,999", NUM_DECIMAL_AUTO, NUM_AMBIGUOUS);
    expect_status("10.000", NUM_DECIMAL_AUTO, NUM_AMBIGUOUS);
    expect_status("-1,050", NUM_DECIMAL_AUTO, NUM_AMBIGUOUS);
    expect_status(" +1.050 ", NUM_DECIMAL_AUTO, NUM_AMBIGUOUS);
}
END_TEST

START_TEST(test_ambiguous_resolved_by_mode)
{
    expect_value("1,050", NUM_DECIMAL_POINT, 1050, 0);
    expect_value("1,050", NUM_DECIMAL_COMMA, 1.05, 3);
    expect_value("1.050", NUM_DECIMAL_POINT, 1.05, 3);
    expect_value("1.050", NUM_DECIMAL_COMMA, 1050, 0);
    expect_value("-1,050", NUM_DECIMAL_POINT, -1050, 0);
}
END_TEST

START_TEST(test_single_mark_is_decimal)
{
    expect_auto("0,125", 0.125, 3);  /* a leading "0" cannot be a thousands group */
    expect_auto("0.125", 0.125, 3);
    expect_auto("12,3456", 12.3456, 4);
    expect_auto("1234,567", 1234.567, 3);   /* 4 digits before: not thousands */
    expect_auto("1,05", 1.05, 2);
    expect_auto("1,0500", 1.05, 4);
    expect_auto("100,5", 100.5, 1);
    expect_auto("012,345", 12.345, 3);
}
END_TEST

START_TEST(test_several_same_marks_group)
{
    expect_auto("1,050,000", 1050000, 0);
    expect_auto("1.050.000", 1050000, 0);
    expect_auto("12,345,678,901", 12345678901.0, 0);
    expect_auto("-1.000.000", -1000000, 0);
}
END_TEST

START_TEST(test_explicit_modes)
{
    expect_value("1,050.5", NUM_DECIMAL_POINT, 1050.5, 1);
    expect_value("1.050,5", NUM_DECIMAL_COMMA, 1050.5, 1);
    expect_value("1,050,000.5", NUM_DECIMAL_POINT, 1050000.5, 1);
    expect_value("1.050.000,5", NUM_DECIMAL_COMMA, 1050000.5, 1);
    expect_value("5.9", NUM_DECIMAL_POINT, 5.9, 1);
    expect_value("5,9", NUM_DECIMAL_COMMA, 5.9, 1);
    expect_value("1 050,5", NUM_DECIMAL_COMMA, 1050.5, 1);
    expect_value("0,125", NUM_DECIMAL_COMMA, 0.125, 3);
    expect_status("1.050,5", NUM_DECIMAL_POINT, NUM_INVALID);
    expect_status("1,050.5", NUM_DECIMAL_COMMA, NUM_INVALID);
    expect_status("5,9", NUM_DECIMAL_POINT, NUM_INVALID);   /* ',' groups: "9" is short */
    expect_status("5.9", NUM_DECIMAL_COMMA, NUM_INVALID);
    expect_status("1.2.3", NUM_DECIMAL_POINT, NUM_INVALID);
    expect_status("0,125", NUM_DECIMAL_POINT, NUM_INVALID);
    expect_status("-", NUM_DECIMAL_POINT, NUM_MISSING);
    expect_status("x", NUM_DECIMAL_COMMA, NUM_MISSING);
}
END_TEST

START_TEST(test_signs)
{
    expect_auto("-2.2", -2.2, 1);
    expect_auto(MINUS "3", -3, 0);
    expect_auto("+4", 4, 0);
    expect_auto("-0,5", -0.5, 1);
    expect_auto(MINUS "1 050,5", -1050.5, 1);
    expect_auto("+1.050,5", 1050.5, 1);
    expect_invalid("+");
    expect_invalid(MINUS);
    expect_invalid("--3");
    expect_invalid(MINUS MINUS "3");
    expect_invalid("+-3");
    expect_invalid("- 5");
    expect_invalid("5-");
    expect_invalid(EN_DASH "5");    /* dashes mark missing cells, they are not signs */
}
END_TEST

START_TEST(test_negative_zero_is_zero)
{
    num_result r;
    ck_assert_int_eq(num_parse("-0", NUM_DECIMAL_AUTO, &r), NUM_VALUE);
    ck_assert(r.value == 0.0 && !signbit(r.value));
    ck_assert_int_eq(num_parse(MINUS "0,00", NUM_DECIMAL_AUTO, &r), NUM_VALUE);
    ck_assert(r.value == 0.0 && !signbit(r.value));
    ck_assert_int_eq(r.decimals, 2);
}
END_TEST

START_TEST(test_leading_decimal_mark)
{
    expect_auto(".5", 0.5, 1);
    expect_auto(",5", 0.5, 1);
    expect_auto(",125", 0.125, 3);
    expect_auto("-.5", -0.5, 1);
    expect_auto("+,25", 0.25, 2);
    expect_invalid(".");
    expect_invalid(",");
    expect_invalid("-,");
    expect_invalid(". 5");
}
END_TEST

/* Decision: a decimal mark must be followed by at least one digit, as in
 * the grammar "[sign] digits [decimal-mark digits]". */
START_TEST(test_trailing_decimal_mark_is_invalid)
{
    expect_invalid("5.");
    expect_invalid("5,");
    expect_invalid("-5.");
    expect_invalid("1 050,");
    expect_status("5.", NUM_DECIMAL_POINT, NUM_INVALID);
    expect_status("5,", NUM_DECIMAL_COMMA, NUM_INVALID);
}
END_TEST

START_TEST(test_never_reads_a_prefix)
{
    expect_invalid("4,9*");
    expect_invalid("12abc");
    expect_invalid("5 kg");
    expect_invalid("5%");
    expect_invalid("1/2");
    expect_invalid("12 abc");
    expect_invalid("(5)");
    expect_invalid("5'000");
    expect_invalid("0x10");
    expect_invalid("1_000");
}
END_TEST

/* How the JSON readers hand a parsed double to num_parse(). */
static void expect_shortest(double v, const char *want)
{
    char buf[32];
    num_shortest_text(v, buf, sizeof buf);
    ck_assert_str_eq(buf, want);
}

START_TEST(test_shortest_text)
{
    expect_shortest(2030, "2030");                  /* not "2.03e+03" */
    expect_shortest(0.1, "0.1");
    expect_shortest(9.000000000000002, "9.000000000000002");    /* not ...0018 */
    expect_shortest(1234567.123456789, "1234567.123456789");
    expect_shortest(0.0001234, "0.0001234");
    expect_shortest(1e-5, "1e-05");                 /* %.17g has an exponent too */
    expect_shortest(1e20, "1e+20");
    expect_shortest(-2.5, "-2.5");
    expect_shortest(0, "0");
    /* and num_parse reads each back with the decimals written */
    expect_auto("9.000000000000002", 9.000000000000002, 15);
}
END_TEST

START_TEST(test_exponent)
{
    expect_auto("1e3", 1000, 0);
    expect_auto("1E3", 1000, 0);
    expect_auto("1e+3", 1000, 0);
    expect_auto("2e-2", 0.02, 2);
    expect_auto("1.5e3", 1500, 0);
    expect_auto("1,5e3", 1500, 0);
    expect_auto("-2.5E-1", -0.25, 2);
    expect_auto(".5e1", 5, 0);
    expect_auto("1.25e-3", 0.00125, 5);     /* decimals of the plain form, 0.00125 */
    /* Would be stored as 0 (underflow): refused, as is what is too big. */
    expect_status("1e-400", NUM_DECIMAL_AUTO, NUM_OUT_OF_RANGE);
    expect_status("-2.5e-999", NUM_DECIMAL_AUTO, NUM_OUT_OF_RANGE);
    expect_auto("0e99999999999999999999", 0, 0);
    expect_auto("0.000e-400", 0, 403);      /* zero written small is zero, not out of range */
    /* With an exponent no grouping is allowed, so one mark is decimal. */
    expect_auto("1,050e3", 1050, 0);
    expect_status("1,050e3", NUM_DECIMAL_POINT, NUM_INVALID);
    expect_invalid("1 000e3");
    expect_invalid("1,000,000e3");
    expect_invalid("1.000,5e3");
    expect_invalid("1e");
    expect_invalid("1e+");
    expect_invalid("e3");
    expect_invalid("-e3");
    expect_invalid("1e3.5");
    expect_invalid("1e3e4");
    expect_invalid("1e 3");
    expect_invalid("5.e3");
    expect_status("1e400", NUM_DECIMAL_AUTO, NUM_OUT_OF_RANGE);   /* no double holds it */
    expect_status("-1e99999999999999999999", NUM_DECIMAL_AUTO, NUM_OUT_OF_RANGE);
}
END_TEST

START_TEST(test_missing_markers)
{
    expect_missing("", NUM_MISSING_EMPTY);
    expect_missing("   ", NUM_MISSING_EMPTY);
    expect_missing("\t \t", NUM_MISSING_EMPTY);
    expect_missing("-", NUM_MISSING_NIL);
    expect_missing(EN_DASH, NUM_MISSING_NIL);
    expect_missing(EM_DASH, NUM_MISSING_NIL);
    expect_missing("..", NUM_MISSING_NOT_AVAILABLE);
    expect_missing(ELLIPSIS, NUM_MISSING_NOT_AVAILABLE);
    expect_missing(":", NUM_MISSING_NOT_AVAILABLE);
    expect_missing("x", NUM_MISSING_CONFIDENTIAL);
    expect_missing("X", NUM_MISSING_CONFIDENTIAL);
    expect_missing(" - ", NUM_MISSING_NIL);     /* markers are trimmed too */
    expect_missing("\tx ", NUM_MISSING_CONFIDENTIAL);
    expect_missing("...", NUM_MISSING_NOT_AVAILABLE);
    expect_missing("\xD0\xBD/\xD0\xB4", NUM_MISSING_NOT_AVAILABLE);    /* н/д */
    expect_missing("\xD0\x9D/\xD0\x94", NUM_MISSING_NOT_AVAILABLE);    /* Н/Д */
    expect_missing("\xD1\x85", NUM_MISSING_CONFIDENTIAL);               /* Cyrillic х */
    expect_missing("\xD0\xA5", NUM_MISSING_CONFIDENTIAL);               /* Cyrillic Х */
    expect_invalid("\xD1\x85\xD1\x85");                                /* хх */
}
END_TEST

START_TEST(test_near_missing_markers_are_invalid)
{
    expect_invalid("--");
    expect_invalid("....");                 /* "..." (three) is a marker, four are not */
    expect_invalid("::");
    expect_invalid("xx");
    expect_invalid("x5");
    expect_invalid("-.");
    expect_invalid(EM_DASH EM_DASH);
    expect_invalid(NBSP);       /* not blank: only ASCII spaces and tabs are */
    expect_invalid("n/a");
}
END_TEST

START_TEST(test_trimming)
{
    expect_auto(" 5.9 ", 5.9, 1);
    expect_auto("\t5,9\t", 5.9, 1);
    expect_auto("  1 050  ", 1050, 0);
    expect_auto(" \t-2.2 \t", -2.2, 1);
}
END_TEST

START_TEST(test_not_numbers)
{
    expect_invalid("NaN");
    expect_invalid("nan");
    expect_invalid("inf");
    expect_invalid("-inf");
    expect_invalid("Infinity");
    expect_invalid("abc");
    expect_invalid("5\n");
}
END_TEST

START_TEST(test_decimals_count)
{
    expect_auto("5,90", 5.9, 2);
    expect_auto("5,9000", 5.9, 4);
    expect_value("5,900", NUM_DECIMAL_COMMA, 5.9, 3);
    expect_value("5.900", NUM_DECIMAL_POINT, 5.9, 3);
    expect_auto("1 050", 1050, 0);
    expect_auto("0.0", 0, 1);
    expect_auto("1.50e2", 150, 0);   /* the decimals of the plain form, 150 */
    expect_auto("1.50e-2", 0.015, 4);    /* 0.0150 */
}
END_TEST

/* Builds a string of n copies of c in a fresh buffer. */
static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

START_TEST(test_long_digit_strings)
{
    /* 1 followed by 299 zeros. */
    char *big = repeat('0', 300);
    big[0] = '1';
    expect_auto(big, 1e299, 0);
    free(big);

    /* Far more digits than a double holds, and than any stack buffer. */
    char *zeros = repeat('0', 5001);
    zeros[5000] = '5';
    expect_auto(zeros, 5, 0);
    free(zeros);

    /* A fraction of 1000 threes is 1/3 to far beyond double precision. */
    char *third = repeat('3', 1002);
    third[0] = '0';
    third[1] = '.';
    expect_auto(third, 1.0 / 3.0, 1000);
    free(third);

    /* 400 digits do not fit in a double. */
    char *huge = repeat('9', 400);
    expect_status(huge, NUM_DECIMAL_AUTO, NUM_OUT_OF_RANGE);
    free(huge);
}
END_TEST

/* The digits of n in buf, with a decimal point before the last
 * `decimals` of them and the exponent e (none when e is 0). */
static void write_decimal(char *buf, size_t size, unsigned long long n, int decimals, int e)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%0*llu", decimals + 1, n);
    int head = len - decimals;
    int at = snprintf(buf, size, "%.*s", head, digits);
    if (decimals > 0)
        at += snprintf(buf + at, size - (size_t)at, ".%s", digits + head);
    if (e != 0)
        snprintf(buf + at, size - (size_t)at, "e%d", e);
}

/* num_parse reads short numbers without strtod (number.c): every value
 * must still be the double strtod gives for the same text, bit for bit,
 * around the edges of that path too (2^53, 10^22, 16 to 19 digits). */
START_TEST(test_same_double_as_strtod)
{
    static const unsigned long long edges[] = {
        0, 1, 5, 9, 10, 99, 12345, 999999999999999ULL, 9007199254740991ULL,
        9007199254740992ULL, 9007199254740993ULL, 9007199254740999ULL,
        12345678901234567ULL, 99999999999999999ULL, 1234567890123456789ULL,
    };
    unsigned long long seed = 88172645463325252ULL;
    char text[96];
    for (int i = 0; i < 200000; i++) {
        seed ^= seed << 13;                 /* xorshift64: the same cases every run */
        seed ^= seed >> 7;
        seed ^= seed << 17;
        unsigned long long n = i < 40000 ? edges[(size_t)i % (sizeof edges / sizeof edges[0])]
                                         : seed >> (seed % 64);
        int decimals = (int)((seed >> 8) % 20);
        int e = (i % 3 == 0) ? (int)((seed >> 16) % 61) - 30 : 0;
        write_decimal(text, sizeof text, n, decimals, e);
        num_result r;
        ck_assert_msg(num_parse(text, NUM_DECIMAL_POINT, &r) == NUM_VALUE, "\"%s\"", text);
        double want = strtod(text, NULL);
        ck_assert_msg(memcmp(&r.value, &want, sizeof want) == 0,
                      "\"%s\": %a, strtod gives %a", text, r.value, want);
    }
}
END_TEST

START_TEST(test_long_grouped_number)
{
    /* "1 000 000 ... 000" with 100 groups of zeros: 1e300. */
    size_t n = 1 + 100 * 4;
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    s[0] = '1';
    for (size_t g = 0; g < 100; g++)
        memcpy(s + 1 + g * 4, " 000", 4);
    s[n] = '\0';
    expect_auto(s, 1e300, 0);
    free(s);
}
END_TEST

/* Where a footnote mark starts, by hand: the byte offset of the mark, or
 * -1 for none. */
static void expect_mark(const char *text, int offset)
{
    const char *at = num_footnote_mark(text);
    if (offset < 0)
        ck_assert_msg(at == NULL, "\"%s\": no mark expected, got \"%s\"", text, at);
    else
        ck_assert_msg(at == text + offset, "\"%s\": mark expected at byte %d", text, offset);
}

START_TEST(test_footnote_marks)
{
    expect_mark("4,9*", 3);
    expect_mark("4,9**", 3);
    expect_mark("4,9 *", 4);
    expect_mark("4,9*  ", 3);
    expect_mark("12.3\u00b9", 4);         /* ¹: 2 bytes */
    expect_mark("12.3\u00b2\u00b3", 4);   /* ²³ */
    expect_mark("7\u2070", 1);            /* ⁰: 3 bytes */
    expect_mark("7\u2079", 1);            /* ⁹ */
    expect_mark("7\u2020", 1);            /* † */
    expect_mark("7\u2021*", 1);           /* ‡* */
    expect_mark("-*", 1);
    expect_mark("4,9", -1);
    expect_mark("4,9 1", -1);              /* a plain digit is never a mark */
    expect_mark("*", -1);                  /* nothing before it */
    expect_mark("  *", -1);
    expect_mark("", -1);
    expect_mark("4,9*x", -1);              /* the mark must end the cell */
    expect_mark("7\u2078x", -1);
    expect_mark("7\u2071", -1);           /* ⁱ (U+2071) is a letter, not a mark */
}
END_TEST

/* The parser must not depend on LC_NUMERIC: the results are the same
 * before and after setlocale. ru_RU and kk_KZ (decimal comma, space
 * grouping) must be installed: scripts/test.sh generates them
 * (scripts/deps.sh, oblys_ensure_locales), so this test cannot pass by
 * finding no locale to switch to. */
START_TEST(test_locale_independent)
{
    static const char *const required[] = { "ru_RU.UTF-8", "kk_KZ.UTF-8" };
    static const char *const optional[] = { "C.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8" };
    const char *locales[5];
    size_t n = 0;
    for (size_t i = 0; i < 2; i++) {
        ck_assert_msg(setlocale(LC_NUMERIC, required[i]) != NULL,
                      "locale %s is not installed: run scripts/test.sh, which generates it",
                      required[i]);
        locales[n++] = required[i];
    }
    for (size_t i = 0; i < 3; i++)
        if (setlocale(LC_NUMERIC, optional[i]) != NULL)
            locales[n++] = optional[i];
    for (size_t i = 0; i < n; i++) {
        setlocale(LC_NUMERIC, locales[i]);
        expect_auto("5.9", 5.9, 1);
        expect_auto("5,9", 5.9, 1);
        expect_auto("1 050", 1050, 0);
        expect_auto("1.050,5", 1050.5, 1);
        expect_auto("1,050.5", 1050.5, 1);
        expect_auto("1.5e3", 1500, 0);
        expect_value("1,050", NUM_DECIMAL_COMMA, 1.05, 3);
        expect_invalid("4,9*");
    }
    setlocale(LC_NUMERIC, "C");     /* in case tests run without fork */
}
END_TEST

START_TEST(test_missing_names)
{
    ck_assert_str_eq(num_missing_name(NUM_MISSING_EMPTY), "empty");
    ck_assert_str_eq(num_missing_name(NUM_MISSING_NIL), "not applicable");
    ck_assert_str_eq(num_missing_name(NUM_MISSING_NOT_AVAILABLE), "not available");
    ck_assert_str_eq(num_missing_name(NUM_MISSING_CONFIDENTIAL), "confidential");
    ck_assert_str_eq(num_missing_name(NUM_MISSING_NONE), "not missing");
    ck_assert_ptr_nonnull(num_missing_name((num_missing)99));
}
END_TEST

START_TEST(test_result_fields)
{
    num_result r = { .value = 42, .decimals = 42, .missing = NUM_MISSING_CONFIDENTIAL };
    ck_assert_int_eq(num_parse("7", NUM_DECIMAL_AUTO, &r), NUM_VALUE);
    ck_assert_int_eq(r.missing, NUM_MISSING_NONE);
    ck_assert_int_eq(r.decimals, 0);
    ck_assert_int_eq(num_parse("..", NUM_DECIMAL_AUTO, &r), NUM_MISSING);
    ck_assert_int_eq(r.missing, NUM_MISSING_NOT_AVAILABLE);
}
END_TEST

/* In a comma-separated file a lone '.' is a decimal point; a comma inside
 * a quoted cell keeps its AUTO meaning. */
START_TEST(test_auto_point_for_comma_separated_files)
{
    expect_value("147.355", NUM_DECIMAL_AUTO_POINT, 147.355, 3);
    expect_value("1.050", NUM_DECIMAL_AUTO_POINT, 1.05, 3);
    expect_status("1.050", NUM_DECIMAL_AUTO, NUM_AMBIGUOUS);
    expect_status("1,050", NUM_DECIMAL_AUTO_POINT, NUM_AMBIGUOUS);
    expect_value("1,7", NUM_DECIMAL_AUTO_POINT, 1.7, 1);
    expect_value("1,050.5", NUM_DECIMAL_AUTO_POINT, 1050.5, 1);
    expect_value("1.050,5", NUM_DECIMAL_AUTO_POINT, 1050.5, 1);
}
END_TEST

Suite *number_suite(void)
{
    Suite *s = suite_create("number");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, test_header_examples);
    tcase_add_test(tc, test_plain_numbers);
    tcase_add_test(tc, test_space_grouping);
    tcase_add_test(tc, test_bad_grouping);
    tcase_add_test(tc, test_both_marks_last_is_decimal);
    tcase_add_test(tc, test_both_marks_bad);
    tcase_add_test(tc, test_ambiguous_auto);
    tcase_add_test(tc, test_ambiguous_resolved_by_mode);
    tcase_add_test(tc, test_single_mark_is_decimal);
    tcase_add_test(tc, test_several_same_marks_group);
    tcase_add_test(tc, test_explicit_modes);
    tcase_add_test(tc, test_signs);
    tcase_add_test(tc, test_negative_zero_is_zero);
    tcase_add_test(tc, test_leading_decimal_mark);
    tcase_add_test(tc, test_trailing_decimal_mark_is_invalid);
    tcase_add_test(tc, test_never_reads_a_prefix);
    tcase_add_test(tc, test_exponent);
    tcase_add_test(tc, test_shortest_text);
    tcase_add_test(tc, test_missing_markers);
    tcase_add_test(tc, test_near_missing_markers_are_invalid);
    tcase_add_test(tc, test_trimming);
    tcase_add_test(tc, test_not_numbers);
    tcase_add_test(tc, test_decimals_count);
    tcase_add_test(tc, test_long_digit_strings);
    tcase_add_test(tc, test_long_grouped_number);
    tcase_add_test(tc, test_same_double_as_strtod);
    tcase_add_test(tc, test_locale_independent);
    tcase_add_test(tc, test_footnote_marks);
    tcase_add_test(tc, test_missing_names);
    tcase_add_test(tc, test_result_fields);
    tcase_add_test(tc, test_auto_point_for_comma_separated_files);
    suite_add_tcase(s, tc);
    return s;
}
