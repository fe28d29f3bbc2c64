/*
 * test_progress.c - the progress line of a long import: its text, worked
 * out by hand, and that nothing is written for a file that takes less
 * than a second, even when it is enabled.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/progress.h"
#include "suites.h"

START_TEST(line_says_bytes_rows_and_speed)
{
    strbuf line = STRBUF_INIT;
    /* 12 345 678 bytes = 12.3 MB of 34 600 000 = 34.6 MB; 350 000 rows in
     * 3.5 s = 100 000 rows/s. */
    progress_format(&line, "series.csv", 12345678, 34600000, 350000, 3.5);
    ck_assert_str_eq(strbuf_str(&line), "series.csv: 12.3 of 34.6 MB, 350000 rows, 100000 rows/s");
    /* Size unknown (a pipe), one row, no time yet. */
    progress_format(&line, "-", 40, 0, 1, 0);
    ck_assert_str_eq(strbuf_str(&line), "-: 0.0 MB, 1 row");
    strbuf_free(&line);
}
END_TEST

START_TEST(quick_file_shows_nothing)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    FILE *in = tmpfile();
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(in);
    progress p;
    progress_begin(&p, out, "f.csv", 100, true);
    for (int i = 0; i < 5000; i++)          /* checked every 1024 rows, under a second */
        progress_row(&p, in);
    progress_end(&p);
    fclose(out);
    fclose(in);
    ck_assert_uint_eq(size, 0);
    ck_assert_int_eq(p.rows, 5000);
    free(text);
}
END_TEST

Suite *progress_suite(void)
{
    Suite *s = suite_create("progress");
    TCase *tc = tcase_create("progress");
    tcase_add_test(tc, line_says_bytes_rows_and_speed);
    tcase_add_test(tc, quick_file_shows_nothing);
    suite_add_tcase(s, tc);
    return s;
}
