/*
 * fuzz_number.c - libFuzzer harness for num_parse() (src/import/number.h),
 * the reader of one statistical value from the text of one cell.
 *
 * The whole input is the cell, as a NUL-terminated string (an embedded NUL
 * ends it, as it would in a field handed out by the CSV reader). It is
 * parsed under every decimal mode, and the promises of number.h are
 * checked; a broken one abort()s with a message:
 *   - NUM_VALUE gives a finite value, decimals >= 0 (and, without an
 *     exponent, no more than the cell's length: "2e-9" has 9), and no
 *     missing reason;
 *   - NUM_OUT_OF_RANGE and NUM_INVALID promise nothing more;
 *   - NUM_MISSING gives a reason, and the same one under every mode (the
 *     markers do not depend on the decimal mark);
 *   - NUM_AMBIGUOUS only happens under the AUTO modes;
 *   - a value read under AUTO is the value read under POINT or under COMMA
 *     (AUTO only chooses the mark), and AUTO_POINT reads it the same way
 *     (it differs from AUTO only where AUTO is ambiguous).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/number.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { NMODES = 4 };

static const num_decimal_mark MODES[NMODES] = {
    NUM_DECIMAL_AUTO, NUM_DECIMAL_POINT, NUM_DECIMAL_COMMA, NUM_DECIMAL_AUTO_POINT,
};

static void fail(const char *what, const char *cell, num_decimal_mark mode)
{
    fprintf(stderr, "fuzz_number: invariant broken under mode %d: %s\n  cell: \"", (int)mode,
            what);
    for (const unsigned char *p = (const unsigned char *)cell; *p; p++)
        fprintf(stderr, *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' ? "%c" : "\\x%02x",
                *p);
    fprintf(stderr, "\"\n");
    abort();
}

static int same_value(const num_result *a, const num_result *b)
{
    return a->value == b->value && a->decimals == b->decimals;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *cell = malloc(size + 1);
    if (cell == NULL)
        return 0;
    if (size > 0)
        memcpy(cell, data, size);
    cell[size] = '\0';
    size_t len = strlen(cell);

    num_status st[NMODES];
    num_result res[NMODES];
    for (int i = 0; i < NMODES; i++) {
        st[i] = num_parse(cell, MODES[i], &res[i]);
        switch (st[i]) {
        case NUM_VALUE:
            if (!isfinite(res[i].value))
                fail("NUM_VALUE is not finite", cell, MODES[i]);
            if (res[i].decimals < 0
                || (!strpbrk(cell, "eE") && (size_t)res[i].decimals > len))
                fail("decimals out of range", cell, MODES[i]);
            if (res[i].missing != NUM_MISSING_NONE)
                fail("NUM_VALUE with a missing reason", cell, MODES[i]);
            break;
        case NUM_MISSING:
            if (res[i].missing == NUM_MISSING_NONE)
                fail("NUM_MISSING without a reason", cell, MODES[i]);
            if (num_missing_name(res[i].missing) == NULL)
                fail("missing reason without a name", cell, MODES[i]);
            break;
        case NUM_AMBIGUOUS:
            if (MODES[i] != NUM_DECIMAL_AUTO && MODES[i] != NUM_DECIMAL_AUTO_POINT)
                fail("NUM_AMBIGUOUS under a fixed decimal mark", cell, MODES[i]);
            break;
        case NUM_INVALID:
        case NUM_OUT_OF_RANGE:
            break;
        default:
            fail("unknown status", cell, MODES[i]);
        }
    }

    /* Missing markers do not depend on the mode. */
    for (int i = 1; i < NMODES; i++) {
        if ((st[i] == NUM_MISSING) != (st[0] == NUM_MISSING))
            fail("missing under one mode and not under another", cell, MODES[i]);
        if (st[i] == NUM_MISSING && res[i].missing != res[0].missing)
            fail("missing reason depends on the mode", cell, MODES[i]);
    }

    /* AUTO only picks the mark: a value it reads, POINT or COMMA read too. */
    if (st[0] == NUM_VALUE) {
        int point = st[1] == NUM_VALUE && same_value(&res[0], &res[1]);
        int comma = st[2] == NUM_VALUE && same_value(&res[0], &res[2]);
        if (!point && !comma)
            fail("AUTO reads a value that neither POINT nor COMMA reads", cell, MODES[0]);
        if (st[3] != NUM_VALUE || !same_value(&res[0], &res[3]))
            fail("AUTO_POINT reads differently from AUTO where AUTO is sure", cell, MODES[3]);
    }

    free(cell);
    return 0;
}
