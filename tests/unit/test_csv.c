/*
 * test_csv.c - unit tests for the streaming CSV reader (src/import/csv.h):
 * line endings, BOM, quoting, empty and blank fields, delimiters, column
 * counting in UTF-8 code points, error messages and positions, and inputs
 * large enough to cross the reader's internal chunk and grow its buffers.
 * Input is fed through fmemopen(), so nothing touches the file system.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "import/csv.h"

/* An open reader over an in-memory copy of some text. */
typedef struct {
    char *copy;
    FILE *f;
    csv_reader *r;
} input;

static input open_input_n(const char *text, size_t len, char delim)
{
    input in = { 0 };
    if (len == 0) {
        in.f = tmpfile();   /* fmemopen of 0 bytes is not portable */
    } else {
        in.copy = malloc(len);
        ck_assert_ptr_nonnull(in.copy);
        memcpy(in.copy, text, len);
        in.f = fmemopen(in.copy, len, "r");
    }
    ck_assert_ptr_nonnull(in.f);
    in.r = csv_open(in.f, delim);
    ck_assert_ptr_nonnull(in.r);
    return in;
}

static input open_input(const char *text, char delim)
{
    return open_input_n(text, strlen(text), delim);
}

static void close_input(input *in)
{
    csv_close(in->r);
    fclose(in->f);
    free(in->copy);
}

typedef struct {
    const char *text;
    size_t line, col;
} want_field;

/* Reads one record and checks its line and every field. */
static void expect_record(input *in, size_t line, size_t n, const want_field *want)
{
    csv_record rec;
    csv_status st = csv_next(in->r, &rec);
    size_t el = 0, ec = 0;
    const char *msg = st == CSV_ERROR ? csv_error(in->r, &el, &ec) : "";
    ck_assert_msg(st == CSV_OK, "record at line %zu: status %d (%s at %zu:%zu)",
                  line, (int)st, msg, el, ec);
    ck_assert_uint_eq(rec.line, line);
    ck_assert_msg(rec.nfields == n, "record at line %zu: %zu fields, want %zu",
                  line, rec.nfields, n);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(strcmp(rec.fields[i], want[i].text) == 0,
                      "line %zu field %zu: \"%s\", want \"%s\"", line, i,
                      rec.fields[i], want[i].text);
        ck_assert_msg(rec.field_line[i] == want[i].line && rec.field_col[i] == want[i].col,
                      "line %zu field %zu (\"%s\"): at %zu:%zu, want %zu:%zu", line, i,
                      want[i].text, rec.field_line[i], rec.field_col[i], want[i].line,
                      want[i].col);
    }
}

#define EXPECT(in, line, ...)                                                       \
    expect_record((in), (line), sizeof((want_field[]){ __VA_ARGS__ }) / sizeof(want_field), \
                  (want_field[]){ __VA_ARGS__ })

static void expect_end(input *in)
{
    csv_record rec;
    ck_assert_int_eq(csv_next(in->r, &rec), CSV_END);
    ck_assert_int_eq(csv_next(in->r, &rec), CSV_END);  /* and stays there */
}

static void expect_error(input *in, const char *msg, size_t line, size_t col)
{
    csv_record rec;
    size_t el = 0, ec = 0;
    ck_assert_int_eq(csv_next(in->r, &rec), CSV_ERROR);
    ck_assert_str_eq(csv_error(in->r, &el, &ec), msg);
    ck_assert_uint_eq(el, line);
    ck_assert_uint_eq(ec, col);
    /* Errors are sticky: the reader does not guess where to resume. */
    ck_assert_int_eq(csv_next(in->r, &rec), CSV_ERROR);
    ck_assert_str_eq(csv_error(in->r, &el, &ec), msg);
    ck_assert_uint_eq(el, line);
    ck_assert_uint_eq(ec, col);
}

/* Runs one whole input that must yield exactly the given single record. */
#define EXPECT_ONLY(text, delim, ...)                                               \
    do {                                                                            \
        input in_ = open_input((text), (delim));                                    \
        EXPECT(&in_, 1, __VA_ARGS__);                                               \
        expect_end(&in_);                                                           \
        close_input(&in_);                                                          \
    } while (0)

START_TEST(test_simple_records)
{
    input in = open_input("a,b,c\n10,20,30\n", ',');
    EXPECT(&in, 1, { "a", 1, 1 }, { "b", 1, 3 }, { "c", 1, 5 });
    EXPECT(&in, 2, { "10", 2, 1 }, { "20", 2, 4 }, { "30", 2, 7 });
    expect_end(&in);
    close_input(&in);
}
END_TEST

START_TEST(test_empty_input)
{
    input in = open_input_n("", 0, ',');
    expect_end(&in);
    close_input(&in);

    in = open_input("\xEF\xBB\xBF", ',');   /* only a BOM */
    expect_end(&in);
    close_input(&in);
}
END_TEST

START_TEST(test_bom)
{
    input in = open_input("\xEF\xBB\xBFid,name\n1,x\n", ',');
    EXPECT(&in, 1, { "id", 1, 1 }, { "name", 1, 4 });
    EXPECT(&in, 2, { "1", 2, 1 }, { "x", 2, 3 });
    expect_end(&in);
    close_input(&in);

    /* Only a BOM at the very start is skipped. */
    in = open_input("a\n\xEF\xBB\xBF" "b\n", ',');
    EXPECT(&in, 1, { "a", 1, 1 });
    EXPECT(&in, 2, { "\xEF\xBB\xBF" "b", 2, 1 });
    expect_end(&in);
    close_input(&in);

    /* A partial BOM is ordinary data: here a broken character then "a". */
    EXPECT_ONLY("\xEF\xBB" "a,b", ',', { "\xEF\xBB" "a", 1, 1 }, { "b", 1, 4 });
    /* A BOM before a quoted field. */
    EXPECT_ONLY("\xEF\xBB\xBF\"a\",b", ',', { "a", 1, 1 }, { "b", 1, 5 });
}
END_TEST

START_TEST(test_crlf)
{
    input in = open_input("a,b\r\nc,d\r\n", ',');
    EXPECT(&in, 1, { "a", 1, 1 }, { "b", 1, 3 });
    EXPECT(&in, 2, { "c", 2, 1 }, { "d", 2, 3 });
    expect_end(&in);
    close_input(&in);
}
END_TEST

START_TEST(test_bare_cr)
{
    input in = open_input("a,b\rc,d\r", ',');
    EXPECT(&in, 1, { "a", 1, 1 }, { "b", 1, 3 });
    EXPECT(&in, 2, { "c", 2, 1 }, { "d", 2, 3 });
    expect_end(&in);
    close_input(&in);
}
END_TEST

START_TEST(test_mixed_line_endings)
{
    input in = open_input("a\r\nb\nc\rd\n\re", ',');
    EXPECT(&in, 1, { "a", 1, 1 });
    EXPECT(&in, 2, { "b", 2, 1 });
    EXPECT(&in, 3, { "c", 3, 1 });
    EXPECT(&in, 4, { "d", 4, 1 });
    EXPECT(&in, 5, { "", 5, 1 });   /* "\n\r" is two line breaks, not one */
    EXPECT(&in, 6, { "e", 6, 1 });
    expect_end(&in);
    close_input(&in);
}
END_TEST

START_TEST(test_quoted_delimiter)
{
    EXPECT_ONLY("\"a,b\",c\n", ',', { "a,b", 1, 1 }, { "c", 1, 7 });
    EXPECT_ONLY("x,\"1,5\"", ',', { "x", 1, 1 }, { "1,5", 1, 3 });
}
END_TEST

START_TEST(test_doubled_quotes)
{
    EXPECT_ONLY("\"say \"\"hi\"\"\",x\n", ',', { "say \"hi\"", 1, 1 }, { "x", 1, 14 });
    EXPECT_ONLY("\"\",\"\"\"\",\"a\"\"\"", ',', { "", 1, 1 }, { "\"", 1, 4 }, { "a\"", 1, 9 });
}
END_TEST

START_TEST(test_quoted_newline)
{
    input in = open_input("id,text,n\n1,\"line one\nline two\",5\n2,x,6\n", ',');
    EXPECT(&in, 1, { "id", 1, 1 }, { "text", 1, 4 }, { "n", 1, 9 });
    EXPECT(&in, 2, { "1", 2, 1 }, { "line one\nline two", 2, 3 }, { "5", 3, 11 });
    EXPECT(&in, 4, { "2", 4, 1 }, { "x", 4, 3 }, { "6", 4, 5 });
    expect_end(&in);
    close_input(&in);
}
END_TEST

START_TEST(test_quoted_line_breaks_kept_verbatim)
{
    /* The reader does not convert: CRLF and CR inside quotes are kept, and
     * each still counts as one line break for positions. */
    input in = open_input("\"a\r\nb\rc\",d\r\n\"\n\",e\n", ',');
    EXPECT(&in, 1, { "a\r\nb\rc", 1, 1 }, { "d", 3, 4 });
    EXPECT(&in, 4, { "\n", 4, 1 }, { "e", 5, 3 });
    expect_end(&in);
    close_input(&in);
}
END_TEST

START_TEST(test_empty_fields)
{
    EXPECT_ONLY(",,\n", ',', { "", 1, 1 }, { "", 1, 2 }, { "", 1, 3 });
    EXPECT_ONLY("a,,b", ',', { "a", 1, 1 }, { "", 1, 3 }, { "b", 1, 4 });
    EXPECT_ONLY("a,\"\"", ',', { "a", 1, 1 }, { "", 1, 3 });
}
END_TEST

START_TEST(test_trailing_delimiter)
{
    input in = open_input("a,b,\nc,d,\n", ',');
    EXPECT(&in, 1, { "a", 1, 1 }, { "b", 1, 3 }, { "", 1, 5 });
    EXPECT(&in, 2, { "c", 2, 1 }, { "d", 2, 3 }, { "", 2, 5 });
    expect_end(&in);
    close_input(&in);

    EXPECT_ONLY("a,", ',', { "a", 1, 1 }, { "", 1, 3 });
}
END_TEST

START_TEST(test_last_line_without_newline)
{
    input in = open_input("a,b\nc,d", ',');
    EXPECT(&in, 1, { "a", 1, 1 }, { "b", 1, 3 });
    EXPECT(&in, 2, { "c", 2, 1 }, { "d", 2, 3 });
    expect_end(&in);
    close_input(&in);

    EXPECT_ONLY("x", ',', { "x", 1, 1 });
    EXPECT_ONLY("\"q\"", ',', { "q", 1, 1 });
}
END_TEST

START_TEST(test_blank_lines)
{
    input in = open_input("a\n\nb\n\n", ',');
    EXPECT(&in, 1, { "a", 1, 1 });
    EXPECT(&in, 2, { "", 2, 1 });
    EXPECT(&in, 3, { "b", 3, 1 });
    EXPECT(&in, 4, { "", 4, 1 });
    expect_end(&in);
    close_input(&in);

    in = open_input("\r\n\r\n", ',');
    EXPECT(&in, 1, { "", 1, 1 });
    EXPECT(&in, 2, { "", 2, 1 });
    expect_end(&in);
    close_input(&in);
}
END_TEST

START_TEST(test_semicolon_delimiter)
{
    input in = open_input("region;value\nAkmola;5,9\n\"a;b\";\"1,5\"\n", ';');
    EXPECT(&in, 1, { "region", 1, 1 }, { "value", 1, 8 });
    EXPECT(&in, 2, { "Akmola", 2, 1 }, { "5,9", 2, 8 });
    EXPECT(&in, 3, { "a;b", 3, 1 }, { "1,5", 3, 7 });
    expect_end(&in);
    close_input(&in);
}
END_TEST

START_TEST(test_tab_delimiter)
{
    EXPECT_ONLY("a\tb c\t\"q\tq\"\t\n", '\t',
                { "a", 1, 1 }, { "b c", 1, 3 }, { "q\tq", 1, 7 }, { "", 1, 13 });
    /* With a tab delimiter a comma is plain data. */
    EXPECT_ONLY("1,5\t2", '\t', { "1,5", 1, 1 }, { "2", 1, 5 });
}
END_TEST

START_TEST(test_cyrillic_columns)
{
    /* "Акмола" is 6 characters but 12 bytes: the next field is at column 8. */
    input in = open_input("Акмола,123\nАлматы,Астана,7\n", ',');
    EXPECT(&in, 1, { "Акмола", 1, 1 }, { "123", 1, 8 });
    EXPECT(&in, 2, { "Алматы", 2, 1 }, { "Астана", 2, 8 }, { "7", 2, 15 });
    expect_end(&in);
    close_input(&in);

    /* Quotes count as columns; the BOM does not. */
    EXPECT_ONLY("\xEF\xBB\xBF\"Алматы\",Астана", ',', { "Алматы", 1, 1 }, { "Астана", 1, 10 });
    /* After a quoted line break, columns restart on the new line. */
    EXPECT_ONLY("\"Ақ\nтөбе\",7", ',', { "Ақ\nтөбе", 1, 1 }, { "7", 2, 7 });
    /* 4-byte characters count once too. */
    EXPECT_ONLY("\xF0\x9F\x98\x80,b", ',', { "\xF0\x9F\x98\x80", 1, 1 }, { "b", 1, 3 });
}
END_TEST

START_TEST(test_quote_inside_unquoted_field_is_data)
{
    EXPECT_ONLY("a\"b,c", ',', { "a\"b", 1, 1 }, { "c", 1, 5 });
    EXPECT_ONLY(" \"a\",b", ',', { " \"a\"", 1, 1 }, { "b", 1, 6 });
    EXPECT_ONLY("5\"", ',', { "5\"", 1, 1 });
}
END_TEST

START_TEST(test_unterminated_quote)
{
    input in = open_input("a,b\nc,\"unclosed\nmore\n", ',');
    EXPECT(&in, 1, { "a", 1, 1 }, { "b", 1, 3 });
    expect_error(&in, "unterminated quoted field", 2, 3);
    close_input(&in);

    in = open_input("Акмола,\"", ',');
    expect_error(&in, "unterminated quoted field", 1, 8);
    close_input(&in);

    /* A doubled quote at the end is an escaped quote, not a closing one. */
    in = open_input("\"abc\"\"", ',');
    expect_error(&in, "unterminated quoted field", 1, 1);
    close_input(&in);
}
END_TEST

START_TEST(test_character_after_closing_quote)
{
    input in = open_input("\"a\"b,c\n", ',');
    expect_error(&in, "unexpected character after closing quote", 1, 4);
    close_input(&in);

    in = open_input("x,\"a\" ,y\n", ',');      /* no blanks after the quote either */
    expect_error(&in, "unexpected character after closing quote", 1, 6);
    close_input(&in);

    in = open_input("ok\nx,\"a\nбв\"г\n", ',');
    EXPECT(&in, 1, { "ok", 1, 1 });
    expect_error(&in, "unexpected character after closing quote", 3, 4);
    close_input(&in);

    /* The closing quote is followed by the wrong delimiter. */
    in = open_input("\"a\",b", ';');
    expect_error(&in, "unexpected character after closing quote", 1, 4);
    close_input(&in);
}
END_TEST

START_TEST(test_nul_byte_is_an_error)
{
    input in = open_input_n("ab\0c,d\n", 7, ',');
    expect_error(&in, "NUL byte in input", 1, 3);
    close_input(&in);

    in = open_input_n("x,\"a\0\"\n", 7, ',');
    expect_error(&in, "NUL byte in input", 1, 5);
    close_input(&in);
}
END_TEST

START_TEST(test_read_error)
{
    /* Reading from a write-only stream fails with ferror() set. */
    char buf[16] = { 0 };
    FILE *f = fmemopen(buf, sizeof buf, "w");
    ck_assert_ptr_nonnull(f);
    csv_reader *r = csv_open(f, ',');
    ck_assert_ptr_nonnull(r);
    csv_record rec;
    ck_assert_int_eq(csv_next(r, &rec), CSV_ERROR);
    ck_assert_str_eq(csv_error(r, NULL, NULL), "read error");
    csv_close(r);
    fclose(f);
}
END_TEST

START_TEST(test_unusable_delimiter)
{
    static const char bad[] = { '"', '\n', '\r', '\0' };
    for (size_t i = 0; i < sizeof bad; i++) {
        input in = open_input("a,b\n", bad[i]);
        expect_error(&in, "the delimiter cannot be a quote, a line break or NUL", 1, 1);
        close_input(&in);
    }
}
END_TEST

START_TEST(test_error_before_any_error)
{
    input in = open_input("a\n", ',');
    size_t line = 99, col = 99;
    ck_assert_ptr_nonnull(csv_error(in.r, &line, &col));
    ck_assert_uint_eq(line, 0);
    ck_assert_uint_eq(col, 0);
    close_input(&in);
    csv_close(NULL);    /* like free(NULL) */
}
END_TEST

/* A megabyte-long field, plain and quoted with escaped quotes, forces the
 * record buffer to grow many times and spans many input chunks. */
START_TEST(test_very_long_field)
{
    const size_t n = 1024 * 1024;
    char *text = malloc(n + 16);
    ck_assert_ptr_nonnull(text);
    memset(text, 'x', n);
    memcpy(text + n, ",y\n", 4);
    input in = open_input(text, ',');
    csv_record rec;
    ck_assert_int_eq(csv_next(in.r, &rec), CSV_OK);
    ck_assert_uint_eq(rec.nfields, 2);
    ck_assert_uint_eq(strlen(rec.fields[0]), n);
    ck_assert_int_eq(memcmp(rec.fields[0], text, n), 0);
    ck_assert_str_eq(rec.fields[1], "y");
    ck_assert_uint_eq(rec.field_col[1], n + 2);
    expect_end(&in);
    close_input(&in);

    /* Quoted: '"' + n bytes with "" every 1000 bytes + '"'. */
    memset(text, 'z', n);
    for (size_t i = 1000; i + 1 < n; i += 1000)
        text[i] = text[i + 1] = '"';
    text[0] = '"';
    memcpy(text + n, "\",w", 4);
    in = open_input(text, ',');
    ck_assert_int_eq(csv_next(in.r, &rec), CSV_OK);
    ck_assert_uint_eq(rec.nfields, 2);
    size_t quotes = (n - 2) / 1000;
    ck_assert_uint_eq(strlen(rec.fields[0]), n - 1 - quotes);
    ck_assert_int_eq(rec.fields[0][999], '"');
    ck_assert_str_eq(rec.fields[1], "w");
    ck_assert_uint_eq(rec.field_col[1], n + 3);
    expect_end(&in);
    close_input(&in);
    free(text);
}
END_TEST

START_TEST(test_many_fields)
{
    const size_t n = 10000;
    char *text = malloc(2 * n + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++) {
        text[2 * i] = (char)('a' + i % 26);
        text[2 * i + 1] = i + 1 < n ? ',' : '\n';
    }
    text[2 * n] = '\0';
    input in = open_input(text, ',');
    csv_record rec;
    ck_assert_int_eq(csv_next(in.r, &rec), CSV_OK);
    ck_assert_uint_eq(rec.nfields, n);
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(rec.fields[i][0], 'a' + (int)(i % 26));
        ck_assert_int_eq(rec.fields[i][1], '\0');
        ck_assert_uint_eq(rec.field_col[i], 2 * i + 1);
    }
    expect_end(&in);
    close_input(&in);
    free(text);
}
END_TEST

START_TEST(test_many_records)
{
    const size_t n = 200000;
    size_t cap = n * 24, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, i % 2 ? "%zu,\"%zu\"\r\n" : "%zu,%zu\n",
                                i, i * 2);
    input in = open_input_n(text, len, ',');
    csv_record rec;
    char want[32];
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(csv_next(in.r, &rec), CSV_OK);
        ck_assert_uint_eq(rec.line, i + 1);
        ck_assert_uint_eq(rec.nfields, 2);
        snprintf(want, sizeof want, "%zu", i * 2);
        ck_assert_str_eq(rec.fields[1], want);
    }
    expect_end(&in);
    close_input(&in);
    free(text);
}
END_TEST

/* The reader refills its input in chunks (64 KiB); a CRLF or a doubled
 * quote split across two chunks must still read as one unit. */
START_TEST(test_chunk_boundaries)
{
    for (size_t at = 65530; at < 65540; at++) {
        char *text = malloc(at + 16);
        ck_assert_ptr_nonnull(text);
        memset(text, 'x', at);
        memcpy(text + at, "\r\ny\n", 5);
        input in = open_input(text, ',');
        csv_record rec;
        ck_assert_int_eq(csv_next(in.r, &rec), CSV_OK);
        ck_assert_uint_eq(strlen(rec.fields[0]), at);
        EXPECT(&in, 2, { "y", 2, 1 });
        expect_end(&in);
        close_input(&in);

        text[0] = '"';
        memcpy(text + at, "\"\"\",y", 6);
        in = open_input(text, ',');
        ck_assert_int_eq(csv_next(in.r, &rec), CSV_OK);
        ck_assert_uint_eq(rec.nfields, 2);
        ck_assert_uint_eq(strlen(rec.fields[0]), at);
        ck_assert_int_eq(rec.fields[0][at - 1], '"');
        ck_assert_str_eq(rec.fields[1], "y");
        close_input(&in);
        free(text);
    }
}
END_TEST

Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *basic = tcase_create("basic");
    tcase_add_test(basic, test_simple_records);
    tcase_add_test(basic, test_empty_input);
    tcase_add_test(basic, test_bom);
    tcase_add_test(basic, test_crlf);
    tcase_add_test(basic, test_bare_cr);
    tcase_add_test(basic, test_mixed_line_endings);
    tcase_add_test(basic, test_quoted_delimiter);
    tcase_add_test(basic, test_doubled_quotes);
    tcase_add_test(basic, test_quoted_newline);
    tcase_add_test(basic, test_quoted_line_breaks_kept_verbatim);
    tcase_add_test(basic, test_empty_fields);
    tcase_add_test(basic, test_trailing_delimiter);
    tcase_add_test(basic, test_last_line_without_newline);
    tcase_add_test(basic, test_blank_lines);
    tcase_add_test(basic, test_semicolon_delimiter);
    tcase_add_test(basic, test_tab_delimiter);
    tcase_add_test(basic, test_cyrillic_columns);
    tcase_add_test(basic, test_quote_inside_unquoted_field_is_data);
    suite_add_tcase(s, basic);

    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_unterminated_quote);
    tcase_add_test(errors, test_character_after_closing_quote);
    tcase_add_test(errors, test_nul_byte_is_an_error);
    tcase_add_test(errors, test_read_error);
    tcase_add_test(errors, test_unusable_delimiter);
    tcase_add_test(errors, test_error_before_any_error);
    suite_add_tcase(s, errors);

    TCase *large = tcase_create("large");
    tcase_set_timeout(large, 60);
    tcase_add_test(large, test_very_long_field);
    tcase_add_test(large, test_many_fields);
    tcase_add_test(large, test_many_records);
    tcase_add_test(large, test_chunk_boundaries);
    suite_add_tcase(s, large);
    return s;
}
