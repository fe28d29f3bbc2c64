/*
 * test_cube_status.c - unit tests for cube_status() (src/import/cube.h):
 * a status code of an SDMX, Eurostat or JSON-stat file to oblys flags and
 * a missing-value marker. The expectations are written by hand from the
 * published code lists (Eurostat's "Flags and special values", SDMX
 * CL_OBS_STATUS), not from oblys's tables.
 */
#include <string.h>

#include "suites.h"
#include "import/cube.h"

/* status under scheme reads as flags (comma-separated, sorted; "" none)
 * and missing marker (NULL: none). */
static void expect_status(const char *status, cube_status_scheme scheme, const char *flags,
                          const char *missing)
{
    strbuf got = STRBUF_INIT;
    const char *marker = "unset";
    char bad = 0;
    bool ok = cube_status(status, scheme, &got, &marker, &bad);
    ck_assert_msg(ok, "\"%s\" (scheme %d): refused at '%c'", status, (int)scheme, bad);
    ck_assert_msg(strcmp(strbuf_str(&got), flags) == 0, "\"%s\" (scheme %d): flags \"%s\", "
                  "want \"%s\"", status, (int)scheme, strbuf_str(&got), flags);
    ck_assert_msg((marker == NULL && missing == NULL)
                      || (marker && missing && strcmp(marker, missing) == 0),
                  "\"%s\" (scheme %d): missing marker %s, want %s", status, (int)scheme,
                  marker ? marker : "none", missing ? missing : "none");
    strbuf_free(&got);
}

/* status under scheme is refused, naming the letter bad_code. */
static void expect_refused(const char *status, cube_status_scheme scheme, char bad_code)
{
    strbuf got = STRBUF_INIT;
    const char *marker = NULL;
    char bad = 0;
    bool ok = cube_status(status, scheme, &got, &marker, &bad);
    ck_assert_msg(!ok, "\"%s\" (scheme %d): accepted as \"%s\"", status, (int)scheme,
                  strbuf_str(&got));
    ck_assert_msg(bad == bad_code, "\"%s\" (scheme %d): names '%c', want '%c'", status,
                  (int)scheme, bad, bad_code);
    strbuf_free(&got);
}

START_TEST(eurostat_letters_each_give_their_flag)
{
    expect_status("bp", STATUS_EUROSTAT, "break,provisional", NULL);
    expect_status("pb", STATUS_EUROSTAT, "break,provisional", NULL);    /* sorted */
    expect_status("e", STATUS_EUROSTAT, "estimated", NULL);
    expect_status("s", STATUS_EUROSTAT, "estimated", NULL);             /* Eurostat estimate */
    expect_status("es", STATUS_EUROSTAT, "estimated", NULL);            /* each flag once */
    expect_status("d", STATUS_EUROSTAT, "definition_differs", NULL);
    expect_status("u", STATUS_EUROSTAT, "low_reliability", NULL);
}
END_TEST

START_TEST(empty_status_is_no_flag)
{
    expect_status("", STATUS_EUROSTAT, "", NULL);
    expect_status("", STATUS_SDMX, "", NULL);
    expect_status("", STATUS_ANY, "", NULL);
}
END_TEST

START_TEST(eurostat_missing_markers)
{
    expect_status("c", STATUS_EUROSTAT, "confidential", "x");
    expect_status("z", STATUS_EUROSTAT, "not_applicable", "-");
    expect_status(":", STATUS_EUROSTAT, "", ":");
}
END_TEST

START_TEST(sdmx_codes)
{
    expect_status("E", STATUS_SDMX, "estimated", NULL);
    expect_status("I", STATUS_SDMX, "estimated", NULL);                 /* imputed */
    expect_status("A", STATUS_SDMX, "", NULL);                          /* normal */
    expect_status("B", STATUS_SDMX, "break", NULL);
    expect_status("P", STATUS_SDMX, "provisional", NULL);
    expect_status("M", STATUS_SDMX, "not_applicable", "-");
    expect_status("O", STATUS_SDMX, "", ":");
    expect_status("N", STATUS_SDMX, "confidential", "x");
}
END_TEST

START_TEST(json_stat_reads_case_as_the_scheme)
{
    expect_status("e", STATUS_ANY, "estimated", NULL);                  /* Eurostat */
    expect_status("bp", STATUS_ANY, "break,provisional", NULL);
    expect_status(":", STATUS_ANY, "", ":");
    expect_status("E", STATUS_ANY, "estimated", NULL);                  /* SDMX */
    expect_status("A", STATUS_ANY, "", NULL);
}
END_TEST

START_TEST(unknown_codes_are_refused)
{
    expect_refused("q", STATUS_EUROSTAT, 'q');
    expect_refused("bq", STATUS_EUROSTAT, 'q');
    expect_refused("B", STATUS_EUROSTAT, 'B');          /* Eurostat letters are lower case */
    expect_refused("e", STATUS_SDMX, 'e');
    expect_refused("X", STATUS_SDMX, 'X');
    expect_refused("EP", STATUS_SDMX, 'E');             /* SDMX: one code per value */
    expect_refused("q", STATUS_ANY, 'q');
    expect_refused("Bp", STATUS_ANY, 'B');              /* mixed case: SDMX, and two letters */
}
END_TEST

Suite *cube_status_suite(void)
{
    Suite *s = suite_create("cube_status");
    TCase *tc = tcase_create("cube_status");
    tcase_add_test(tc, eurostat_letters_each_give_their_flag);
    tcase_add_test(tc, empty_status_is_no_flag);
    tcase_add_test(tc, eurostat_missing_markers);
    tcase_add_test(tc, sdmx_codes);
    tcase_add_test(tc, json_stat_reads_case_as_the_scheme);
    tcase_add_test(tc, unknown_codes_are_refused);
    suite_add_tcase(s, tc);
    return s;
}
