/*
 * number.h - reading one statistical value from the text of one cell.
 *
 * Statistics offices write numbers in many ways: "5.9", "5,9", "1 050",
 * "1 050" with a no-break space (U+00A0) or narrow no-break space (U+202F),
 * "1,050.5", "1.050,5", "-2.2", and mark missing cells with "-", "–", "—",
 * "..", "…", "x", ":" or nothing. This module turns such a cell into a
 * double, or into "missing" with a reason, or refuses it. It never reads a
 * number from a prefix of a cell: "4,9*" and "12abc" are refused, not 4.
 * It never depends on the process locale (no strtod on raw input).
 *
 * Leading and trailing ASCII spaces and tabs around the cell are ignored.
 */
#ifndef OBLYS_NUMBER_H
#define OBLYS_NUMBER_H

#include <stddef.h>

typedef enum {
    NUM_DECIMAL_AUTO = 0,   /* decide from the cell; refuse if ambiguous */
    NUM_DECIMAL_POINT,      /* '.' is the decimal mark, ',' groups thousands */
    NUM_DECIMAL_COMMA,      /* ',' is the decimal mark, '.' groups thousands */
    NUM_DECIMAL_AUTO_POINT  /* AUTO, except that a lone '.' is always the decimal
                               mark: "147.355" is 147.355. For files whose fields
                               are separated by commas, where thousands grouped
                               with '.' would go with a decimal comma, which such
                               files can only write inside quotes. */
} num_decimal_mark;

typedef enum {
    NUM_VALUE = 0,          /* *value and *decimals are set */
    NUM_MISSING,            /* *missing is set; *value is not */
    NUM_AMBIGUOUS,          /* e.g. "1,050" under AUTO: 1.05 or 1050? */
    NUM_INVALID,            /* not a number and not a missing marker */
    NUM_OUT_OF_RANGE        /* a number, but no double holds it: "1e400", or
                               "1e-400", which would be stored as 0 */
} num_status;

typedef enum {
    NUM_MISSING_NONE = 0,
    NUM_MISSING_EMPTY,          /* "" (or only spaces) */
    NUM_MISSING_NIL,            /* "-", "–" (en dash), "—" (em dash): no such phenomenon / not applicable */
    NUM_MISSING_NOT_AVAILABLE,  /* "..", "...", "…", ":", "н/д" : not available */
    NUM_MISSING_CONFIDENTIAL    /* "x", "X", Cyrillic "х", "Х": suppressed for confidentiality */
} num_missing;

typedef struct {
    double value;
    int decimals;           /* digits after the decimal mark that show the number as
                               written: "5,90" -> 2, "1 050" -> 0; with an exponent,
                               those of the plain form: "2e-2" -> 2, "1.5e3" -> 0 */
    num_missing missing;
} num_result;

/* Parses text (NUL-terminated UTF-8). Accepted number grammar:
 *   [sign] digits [decimal-mark digits] | [sign] decimal-mark digits
 *   sign: '-' or '+' (also U+2212 MINUS SIGN)
 *   digits may be grouped by thousands with ' ', U+00A0, U+202F, or
 *   (when it is not the decimal mark) ',' or '.' - groups after the first
 *   must have exactly 3 digits, the first group 1-3 digits.
 *   An exponent ("1.5e3") is accepted only without grouping separators.
 * Under NUM_DECIMAL_AUTO:
 *   - a cell with both ',' and '.' : the last one is the decimal mark;
 *   - a cell with one ',' (or one '.') followed by exactly three digits and
 *     preceded by 1-3 digits, e.g. "1,050" or "1.050", is AMBIGUOUS;
 *   - otherwise a single ',' or '.' is the decimal mark ("5,9", "0,125"
 *     is 0.125 because a leading group of "0" cannot be thousands);
 *   - several ',' (or several '.') are thousands separators ("1,050,000").
 * On NUM_VALUE / NUM_MISSING, *out is filled. On the other statuses *out is
 * unspecified. */
num_status num_parse(const char *text, num_decimal_mark mark, num_result *out);

/* The shortest text ("%.Ng", N from 1 to 17) that reads back as exactly v,
 * with an exponent only where 17 digits would have one too: how a number
 * the JSON parser has already turned into a double is handed to
 * num_parse(), so that 9.000000000000002 stays that (15 decimals), not
 * "9.0000000000000018", and 2030 stays "2030". buf needs 32 bytes. An
 * infinity gives "inf". */
void num_shortest_text(double v, char *buf, size_t size);

/* Where a footnote mark stuck to the end of a cell begins ("4,9*" -> "*",
 * "12.3¹" -> "¹"), or NULL when the cell ends in none. A mark is one or
 * more '*', '†' or '‡', or superscript digits (¹²³⁴⁵⁶⁷⁸⁹⁰); trailing spaces
 * after it are allowed, and something must come before it. The caller
 * parses the text before the mark on its own: a mark never makes a cell a
 * number by itself ("*" is not one), and a plain digit is never a mark
 * ("4,9 1" stays refused: it could be 4.91 or 4.9 with note 1). */
const char *num_footnote_mark(const char *text);

/* A short English phrase for a missing reason, e.g. "not available". */
const char *num_missing_name(num_missing m);

#endif
