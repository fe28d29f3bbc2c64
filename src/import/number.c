/*
 * number.c - reads one statistical value from the text of one cell; see
 * number.h for the accepted grammar and the missing-value markers.
 *
 * The cell is checked completely before anything is converted, so a
 * number is never read from a prefix of a cell. The conversion itself is
 * done by strtod, but only on an ASCII string built here that holds just
 * digits and an exponent ("5,9" becomes "59e-1"): no decimal point, no
 * sign, no grouping. strtod reads such a string the same way in every
 * locale, and it rounds correctly however many digits there are.
 *
 * Most cells of a statistical file are short ("5.9", "1234.56"), and for
 * those the same double is had without strtod (it is most of the cost of
 * a cell): when the digits, as a whole number, are at most 2^53 and the
 * power of ten is at most 22 either way, both are exact doubles, and one
 * IEEE multiplication or division of two exact doubles is correctly
 * rounded, as strtod is (Clinger's fast path). So the result is the very
 * double strtod gives, bit for bit; anything else still goes to strtod.
 *
 * Decisions where number.h leaves room:
 *   - a decimal mark must be followed by digits: "5." and "5,e3" are invalid;
 *   - the three space separators may be mixed in one number, but spaces may
 *     not be mixed with ',' or '.' as thousands separators ("1 050,000");
 *   - in a grouped number the first group may not start with '0'
 *     ("0 125" is invalid); this is the rule that makes "0,125" decimal
 *     under NUM_DECIMAL_AUTO, applied everywhere;
 *   - under NUM_DECIMAL_AUTO a single ',' or '.' is the decimal mark, not a
 *     thousands separator, when the cell also has space grouping
 *     ("1 050,5") or an exponent ("1,050e3"), since neither may be
 *     combined with ',' or '.' grouping;
 *   - a value too large for a double ("1e400") is invalid;
 *   - "-0" and "-0,0" give +0.0, not a negative zero;
 *   - out of memory (only possible for cells longer than about 100 bytes)
 *     is reported as NUM_INVALID, as the contract has no status for it.
 */
#include "import/number.h"

#include <assert.h>
#include <float.h>
#include <stdint.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exponents are clamped to this size while being read: any larger one
 * overflows or underflows a double whatever the digits are. */
#define NUM_EXPONENT_LIMIT 1000000000L

/* A stretch of the cell: bytes s[0..n), not NUL-terminated. */
typedef struct {
    const char *s;
    size_t n;
} num_span;

/* The pieces of a cell once its sign and exponent are split off. */
typedef struct {
    bool negative;
    num_span mantissa;      /* digits, separators and decimal mark */
    bool has_exponent;
    long exponent;          /* clamped to +-NUM_EXPONENT_LIMIT */
} num_parts;

/* How many of each possible separator the mantissa holds. */
typedef struct {
    size_t commas, dots, spaces;
    size_t last_comma, last_dot;    /* offsets; valid when the count is > 0 */
} num_marks;

static bool num_is_digit(char c)
{
    return c >= '0' && c <= '9';    /* isdigit() would depend on the locale */
}

static bool num_starts_with(num_span t, const char *prefix)
{
    size_t n = strlen(prefix);
    return t.n >= n && memcmp(t.s, prefix, n) == 0;
}

static num_span num_drop(num_span t, size_t n)
{
    assert(n <= t.n);
    return (num_span){ t.s + n, t.n - n };
}

/* The cell without the ASCII spaces and tabs around it. */
static num_span num_trim(const char *text)
{
    num_span t = { text, strlen(text) };
    while (t.n > 0 && (t.s[0] == ' ' || t.s[0] == '\t'))
        t = num_drop(t, 1);
    while (t.n > 0 && (t.s[t.n - 1] == ' ' || t.s[t.n - 1] == '\t'))
        t.n--;
    return t;
}

/* Which missing-value marker the whole trimmed cell is, if any. */
static num_missing num_missing_marker(num_span t)
{
    static const struct {
        const char *text;
        num_missing why;
    } markers[] = {
        { "", NUM_MISSING_EMPTY },
        { "-", NUM_MISSING_NIL },
        { "\xE2\x80\x93", NUM_MISSING_NIL },            /* en dash */
        { "\xE2\x80\x94", NUM_MISSING_NIL },            /* em dash */
        { "..", NUM_MISSING_NOT_AVAILABLE },
        { "...", NUM_MISSING_NOT_AVAILABLE },
        { "\xE2\x80\xA6", NUM_MISSING_NOT_AVAILABLE },  /* ellipsis */
        { ":", NUM_MISSING_NOT_AVAILABLE },
        { "\xD0\xBD/\xD0\xB4", NUM_MISSING_NOT_AVAILABLE },     /* н/д, "нет данных" */
        { "\xD0\x9D/\xD0\x94", NUM_MISSING_NOT_AVAILABLE },     /* Н/Д */
        { "\xD0\xBD.\xD0\xB4.", NUM_MISSING_NOT_AVAILABLE },    /* н.д. */
        { "\xD0\x9D.\xD0\x94.", NUM_MISSING_NOT_AVAILABLE },    /* Н.Д. */
        { "x", NUM_MISSING_CONFIDENTIAL },
        { "X", NUM_MISSING_CONFIDENTIAL },
        { "\xD1\x85", NUM_MISSING_CONFIDENTIAL },         /* Cyrillic х, as Russian tables write it */
        { "\xD0\xA5", NUM_MISSING_CONFIDENTIAL },         /* Cyrillic Х */
    };
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        if (t.n == strlen(markers[i].text) && num_starts_with(t, markers[i].text))
            return markers[i].why;
    return NUM_MISSING_NONE;
}

/* Byte length of a space-like thousands separator at the start of t
 * (' ', U+00A0 or U+202F), or 0 if there is none. */
static size_t num_space_len(num_span t)
{
    if (num_starts_with(t, " "))
        return 1;
    if (num_starts_with(t, "\xC2\xA0"))
        return 2;
    if (num_starts_with(t, "\xE2\x80\xAF"))
        return 3;
    return 0;
}

/* Reads "[+|-]digits" into a clamped exponent. */
static bool num_read_exponent(num_span t, long *exponent)
{
    bool negative = num_starts_with(t, "-");
    if (negative || num_starts_with(t, "+"))
        t = num_drop(t, 1);
    if (t.n == 0)
        return false;
    long e = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (!num_is_digit(t.s[i]))
            return false;
        if (e < NUM_EXPONENT_LIMIT)
            e = e * 10 + (t.s[i] - '0');
    }
    if (e > NUM_EXPONENT_LIMIT)
        e = NUM_EXPONENT_LIMIT;
    *exponent = negative ? -e : e;
    return true;
}

/* Splits the sign and the exponent off a trimmed cell. */
static bool num_split(num_span t, num_parts *p)
{
    *p = (num_parts){ 0 };
    if (num_starts_with(t, "-") || num_starts_with(t, "\xE2\x88\x92")) {
        p->negative = true;
        t = num_drop(t, t.s[0] == '-' ? 1 : 3);
    } else if (num_starts_with(t, "+")) {
        t = num_drop(t, 1);
    }
    p->mantissa = t;
    for (size_t i = 0; i < t.n; i++) {
        if (t.s[i] == 'e' || t.s[i] == 'E') {
            p->mantissa.n = i;
            p->has_exponent = true;
            return num_read_exponent(num_drop(t, i + 1), &p->exponent);
        }
    }
    return true;
}

/* Counts the separators; false if the mantissa holds anything else. */
static bool num_scan_marks(num_span m, num_marks *k)
{
    *k = (num_marks){ 0 };
    for (size_t i = 0; i < m.n;) {
        size_t space = num_space_len(num_drop(m, i));
        if (space > 0) {
            k->spaces++;
            i += space;
            continue;
        }
        if (m.s[i] == ',') {
            k->commas++;
            k->last_comma = i;
        } else if (m.s[i] == '.') {
            k->dots++;
            k->last_dot = i;
        } else if (!num_is_digit(m.s[i])) {
            return false;
        }
        i++;
    }
    return true;
}

/* True if m, holding exactly one ',' or '.', reads as a thousands-grouped
 * integer: 1-3 digits not starting with 0, the mark, then 3 digits. */
static bool num_could_be_thousands(num_span m, char mark)
{
    const char *at = memchr(m.s, mark, m.n);
    assert(at != NULL);
    size_t head = (size_t)(at - m.s);
    if (head < 1 || head > 3 || m.n - head - 1 != 3 || m.s[0] == '0')
        return false;
    for (size_t i = 0; i < m.n; i++)
        if (i != head && !num_is_digit(m.s[i]))
            return false;
    return true;
}

/* Decides which byte is the decimal mark: '.', ',' or 0 for none. */
static num_status num_pick_mark(const num_parts *p, const num_marks *k,
                                num_decimal_mark mode, char *mark)
{
    if (mode == NUM_DECIMAL_POINT) {
        *mark = '.';
    } else if (mode == NUM_DECIMAL_COMMA) {
        *mark = ',';
    } else if (k->commas > 0 && k->dots > 0) {
        *mark = k->last_comma > k->last_dot ? ',' : '.';
    } else if (k->commas == 1 || k->dots == 1) {
        *mark = k->commas == 1 ? ',' : '.';
        /* Space grouping or an exponent rule out ',' and '.' grouping. */
        if (k->spaces == 0 && !p->has_exponent && num_could_be_thousands(p->mantissa, *mark)
            && !(mode == NUM_DECIMAL_AUTO_POINT && *mark == '.'))
            return NUM_AMBIGUOUS;
    } else {
        *mark = 0;  /* none, or several of one kind: those are grouping */
    }
    return NUM_VALUE;
}

/* Checks the integer part: plain digits, or (when allowed) groups of
 * 1-3 then exactly 3 digits, split by one kind of separator. Any ',' or
 * '.' left here is a thousands separator, the decimal mark being gone. */
static bool num_check_integer(num_span ip, bool grouping_allowed)
{
    size_t group = 0, ngroups = 0;
    char kind = 0;      /* ' ' for the space-like ones, else ',' or '.' */
    for (size_t i = 0; i < ip.n;) {
        if (num_is_digit(ip.s[i])) {
            group++;
            i++;
            continue;
        }
        size_t space = num_space_len(num_drop(ip, i));
        char this_kind = space > 0 ? ' ' : ip.s[i];
        if (!grouping_allowed || (kind != 0 && kind != this_kind))
            return false;
        if (ngroups == 0 ? group < 1 || group > 3 : group != 3)
            return false;
        kind = this_kind;
        ngroups++;
        group = 0;
        i += space > 0 ? space : 1;
    }
    /* "0 125" is not a thousands-grouped number. */
    return ngroups == 0 || (group == 3 && ip.s[0] != '0');
}

static bool num_all_digits(num_span t)
{
    for (size_t i = 0; i < t.n; i++)
        if (!num_is_digit(t.s[i]))
            return false;
    return true;
}

/* Every whole number up to this one (2^53) is an exact double. */
#define NUM_EXACT_LIMIT (UINT64_C(1) << 53)

/* Adds the digits of t (separators skipped) to *m; false once *m would
 * pass NUM_EXACT_LIMIT. */
static bool num_add_digits(num_span t, uint64_t *m)
{
    for (size_t i = 0; i < t.n; i++) {
        if (!num_is_digit(t.s[i]))
            continue;
        *m = *m * 10 + (uint64_t)(t.s[i] - '0');
        if (*m > NUM_EXACT_LIMIT)
            return false;
    }
    return true;
}

/* The digits times 10^exponent when both are exact doubles, so that one
 * correctly rounded operation gives what strtod gives (see the top of the
 * file); false when the digits or the exponent are too big for that. */
static bool num_convert_exact(num_span ip, num_span frac, long long exponent, double *v)
{
    static const double powers[] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    const long long top = (long long)(sizeof powers / sizeof powers[0]) - 1;
    uint64_t m = 0;
    /* Without FLT_EVAL_METHOD 0 (x87), the operation is not rounded once. */
    if (FLT_EVAL_METHOD != 0 || exponent > top || exponent < -top || !num_add_digits(ip, &m)
        || !num_add_digits(frac, &m))
        return false;
    *v = exponent >= 0 ? (double)m * powers[exponent] : (double)m / powers[-exponent];
    return true;
}

/* The digits times 10^exponent by strtod, on a locale-neutral "DDDDe-N"
 * string; false when out of memory. */
static bool num_convert_strtod(num_span ip, num_span frac, long long exponent, double *v)
{
    char small[128];
    size_t need = ip.n + frac.n + 32;   /* digits, 'e', exponent, NUL */
    char *buf = need <= sizeof small ? small : malloc(need);
    if (buf == NULL)
        return false;
    size_t len = 0;
    for (size_t i = 0; i < ip.n; i++)
        if (num_is_digit(ip.s[i]))
            buf[len++] = ip.s[i];
    memcpy(buf + len, frac.s, frac.n);
    len += frac.n;
    assert(len > 0);
    snprintf(buf + len, need - len, "e%lld", exponent);

    char *end = NULL;
    *v = strtod(buf, &end);
    assert(end != NULL && *end == '\0');
    if (buf != small)
        free(buf);
    return true;
}

static bool num_any_nonzero_digit(num_span t)
{
    for (size_t i = 0; i < t.n; i++)
        if (num_is_digit(t.s[i]) && t.s[i] != '0')
            return true;
    return false;
}

/* Converts digits (integer part, separators skipped, then fraction) times
 * 10^exponent: exactly when it can, else with strtod. */
static num_status num_convert(num_span ip, num_span frac, long long exponent,
                              bool negative, num_result *out)
{
    double v = 0.0;
    if (!num_convert_exact(ip, frac, exponent, &v)
        && !num_convert_strtod(ip, frac, exponent, &v))
        return NUM_INVALID;
    /* Too big for a double, or so small that it would be stored as 0. */
    if (isinf(v) || (v == 0.0 && (num_any_nonzero_digit(ip) || num_any_nonzero_digit(frac))))
        return NUM_OUT_OF_RANGE;
    /* "-0" is zero: a negative zero would only show up as "-0" in reports. */
    out->value = negative && v != 0.0 ? -v : v;
    /* The digits times 10^exponent need -exponent decimals to be shown
     * (frac.n without an exponent; "2e-2" -> 2, "1.5e3" -> 0). */
    out->decimals = exponent >= 0 ? 0 : exponent < -INT_MAX ? INT_MAX : (int)-exponent;
    return NUM_VALUE;
}

num_status num_parse(const char *text, num_decimal_mark mode, num_result *out)
{
    assert(text != NULL && out != NULL);
    assert(mode == NUM_DECIMAL_AUTO || mode == NUM_DECIMAL_POINT || mode == NUM_DECIMAL_COMMA
           || mode == NUM_DECIMAL_AUTO_POINT);
    *out = (num_result){ .value = 0.0, .decimals = 0, .missing = NUM_MISSING_NONE };

    num_span cell = num_trim(text);
    num_missing why = num_missing_marker(cell);
    if (why != NUM_MISSING_NONE) {
        out->missing = why;
        return NUM_MISSING;
    }

    num_parts p;
    num_marks k;
    char mark = 0;
    if (!num_split(cell, &p) || !num_scan_marks(p.mantissa, &k))
        return NUM_INVALID;
    num_status st = num_pick_mark(&p, &k, mode, &mark);
    if (st != NUM_VALUE)
        return st;

    /* Split at the decimal mark; a second one lands in the fraction. */
    num_span ip = p.mantissa, frac = { p.mantissa.s + p.mantissa.n, 0 };
    const char *at = mark != 0 ? memchr(ip.s, mark, ip.n) : NULL;
    if (at != NULL) {
        ip.n = (size_t)(at - ip.s);
        frac = num_drop(p.mantissa, ip.n + 1);
        if (frac.n == 0 || frac.n > INT_MAX || !num_all_digits(frac))
            return NUM_INVALID;
    }
    if (ip.n == 0 && frac.n == 0)
        return NUM_INVALID;
    if (!num_check_integer(ip, !p.has_exponent))
        return NUM_INVALID;
    return num_convert(ip, frac, (long long)p.exponent - (long long)frac.n, p.negative, out);
}

/* Length of the footnote-mark character ending at text[end - 1], or 0. */
static size_t num_mark_char_before(const unsigned char *u, size_t end)
{
    if (end >= 1 && u[end - 1] == '*')
        return 1;
    if (end >= 2 && u[end - 2] == 0xC2 && (u[end - 1] == 0xB9 || u[end - 1] == 0xB2
                                            || u[end - 1] == 0xB3))          /* ¹ ² ³ */
        return 2;
    if (end >= 3 && u[end - 3] == 0xE2 && u[end - 2] == 0x81
        && (u[end - 1] == 0xB0 || (u[end - 1] >= 0xB4 && u[end - 1] <= 0xB9)))  /* ⁰ ⁴-⁹ */
        return 3;
    if (end >= 3 && u[end - 3] == 0xE2 && u[end - 2] == 0x80
        && (u[end - 1] == 0xA0 || u[end - 1] == 0xA1))                       /* † ‡ */
        return 3;
    return 0;
}

const char *num_footnote_mark(const char *text)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t end = strlen(text);
    while (end > 0 && (u[end - 1] == ' ' || u[end - 1] == '\t'))
        end--;
    size_t start = end, len;
    while ((len = num_mark_char_before(u, start)) > 0)
        start -= len;
    if (start == end)
        return NULL;
    size_t before = start;
    while (before > 0 && (u[before - 1] == ' ' || u[before - 1] == '\t'))
        before--;
    return before > 0 ? text + start : NULL;
}

const char *num_missing_name(num_missing m)
{
    switch (m) {
    case NUM_MISSING_NONE:
        return "not missing";
    case NUM_MISSING_EMPTY:
        return "empty";
    case NUM_MISSING_NIL:
        return "not applicable";
    case NUM_MISSING_NOT_AVAILABLE:
        return "not available";
    case NUM_MISSING_CONFIDENTIAL:
        return "confidential";
    }
    return "unknown";
}

void num_shortest_text(double v, char *buf, size_t size)
{
    /* No exponent where the full form has none: 2030 is "2030", not "2.03e+03". */
    snprintf(buf, size, "%.17g", v);
    bool exponent_ok = strchr(buf, 'e') != NULL;
    for (int digits = 1; digits < 17; digits++) {
        char shorter[32];
        snprintf(shorter, sizeof shorter, "%.*g", digits, v);
        if (strtod(shorter, NULL) == v && (exponent_ok || !strchr(shorter, 'e'))) {
            snprintf(buf, size, "%s", shorter);
            return;
        }
    }
}
