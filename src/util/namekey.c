/*
 * namekey.c - folding names into lookup keys, and the edit distance used
 * to suggest close names (see namekey.h).
 */
#include "util/namekey.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one UTF-8 character at *p and advances *p; an invalid byte is
 * returned as itself (so nothing is lost or loops forever). */
static uint32_t next_char(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (c >= 0x80 && c < 0xC0)
        extra = 0;
    for (int i = 1; i <= extra; i++)
        if ((s[i] & 0xC0) != 0x80)
            extra = 0;
    if (extra == 0) {
        *p = s + 1;
        return c;
    }
    c &= 0xFFu >> (extra + 2);
    for (int i = 1; i <= extra; i++)
        c = (c << 6) | (s[i] & 0x3F);
    *p = s + extra + 1;
    return c;
}

static void put_char(strbuf *out, uint32_t c)
{
    char buf[4];
    size_t n;
    if (c < 0x80) {
        buf[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        buf[0] = (char)(0xC0 | (c >> 6));
        buf[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        buf[0] = (char)(0xE0 | (c >> 12));
        buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        buf[0] = (char)(0xF0 | (c >> 18));
        buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    strbuf_append_len(out, buf, n);
}

static uint32_t fold_case_only(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)            /* Latin-1 capitals */
        return c + 32;
    if (c == 0x0130)                                    /* İ */
        return 'i';
    if (c == 0x0178)                                    /* Ÿ */
        return 0xFF;
    bool latin_even = (c >= 0x0100 && c <= 0x012F) || (c >= 0x0132 && c <= 0x0137)
        || (c >= 0x014A && c <= 0x0177);                /* Ā Ğ Ş Ū ... (Latin Extended-A) */
    bool latin_odd = (c >= 0x0139 && c <= 0x0148) || (c >= 0x0179 && c <= 0x017E);
    if ((latin_even && c % 2 == 0) || (latin_odd && c % 2 == 1))
        return c + 1;
    if (c >= 0x0410 && c <= 0x042F)                     /* А..Я */
        return c + 32;
    if (c >= 0x0400 && c <= 0x040F)                     /* Ѐ..Џ, Ё, І */
        return c + 80;
    bool paired = (c >= 0x0460 && c <= 0x0481) || (c >= 0x048A && c <= 0x04BF)
        || (c >= 0x04D0 && c <= 0x04FF);                /* Ғ Қ Ң Ұ Ү Һ Ә Ө ... */
    if (paired && c % 2 == 0)
        return c + 1;
    if (c >= 0x04C1 && c <= 0x04CE && c % 2 == 1)
        return c + 1;
    return c;
}

static uint32_t fold_case(uint32_t c)
{
    c = fold_case_only(c);
    return c == 0x0451 ? 0x0435 : c;                    /* ё -> е */
}

static bool is_key_char(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return (c >= 0xDF && c <= 0x024F && c != 0xF7)      /* Latin letters */
        || (c >= 0x0430 && c <= 0x04FF);                /* Cyrillic letters */
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x2009;
}

/* Length of text without a trailing footnote number: "Turkestan 2" ->
 * "Turkestan". Only a number after a space (also a no-break, narrow
 * no-break or thin space), with a letter before it. */
static size_t without_trailing_number(const char *text)
{
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    size_t end = n;
    while (n > 0 && text[n - 1] >= '0' && text[n - 1] <= '9')
        n--;
    if (n == end || n == 0)
        return end;
    const unsigned char *u = (const unsigned char *)text;
    size_t space = 0;
    if (text[n - 1] == ' ' || text[n - 1] == '\t')
        space = 1;
    else if (n >= 2 && u[n - 2] == 0xC2 && u[n - 1] == 0xA0)                /* U+00A0 */
        space = 2;
    else if (n >= 3 && u[n - 3] == 0xE2 && u[n - 2] == 0x80
             && (u[n - 1] == 0xAF || u[n - 1] == 0x89))                      /* U+202F, U+2009 */
        space = 3;
    if (space == 0)
        return end;
    for (size_t i = 0; i + space < n; i++)
        if ((unsigned char)text[i] >= 0x80
            || (text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= 'a' && text[i] <= 'z'))
            return n - space;
    return end;
}

void name_key(const char *text, strbuf *out)
{
    strbuf_reset(out);
    size_t n = without_trailing_number(text);
    const unsigned char *p = (const unsigned char *)text, *end = p + n;
    while (p < end) {
        uint32_t c = fold_case(next_char(&p));
        if (is_key_char(c) && !is_space(c))
            put_char(out, c);
    }
    if (!out->data)
        strbuf_append(out, "");
}

static size_t decode_all(const char *s, uint32_t **out)
{
    size_t len = strlen(s), n = 0;
    uint32_t *chars = xcalloc(len + 1, sizeof *chars);
    const unsigned char *p = (const unsigned char *)s;
    while (*p)
        chars[n++] = next_char(&p);
    *out = chars;
    return n;
}

size_t name_distance(const char *a, const char *b)
{
    uint32_t *x, *y;
    size_t n = decode_all(a, &x), m = decode_all(b, &y);
    size_t *row = xcalloc(m + 1, sizeof *row);
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t above = row[j];
            size_t best = diagonal + (x[i - 1] != y[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    size_t d = row[m];
    free(row);
    free(x);
    free(y);
    return d;
}

size_t name_length(const char *text)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

bool code_is_close(const char *text, const char *code)
{
    strbuf wanted = STRBUF_INIT;
    for (const char *p = text; *p; p++)
        strbuf_append_char(&wanted, *p == ' ' || *p == '-' ? '_'
                                                           : (char)tolower((unsigned char)*p));
    size_t limit = wanted.len < 6 ? 2 : wanted.len / 3;
    bool close = name_distance(strbuf_str(&wanted), code) <= limit;
    strbuf_free(&wanted);
    return close;
}
