/*
 * fuzz_csv.c - libFuzzer harness for the streaming CSV reader
 * (src/import/csv.h).
 *
 * Input layout: the first byte picks the delimiter (',' ';' '\t' or '|'
 * when it is one of them, else ",;\t|"[byte % 4]); the rest is the file,
 * read through fmemopen() record by record until CSV_END or CSV_ERROR.
 *
 * Besides what AddressSanitizer and UBSan catch, it checks the promises
 * of csv.h / csv.c cheaply and abort()s when one is broken:
 *   - every record has at least one field, every field is a string;
 *   - positions are 1-based, a field starts on or after its record's line,
 *     and each record starts on a later line than the one before;
 *   - after CSV_ERROR, csv_error() gives a message with a position, and
 *     errors are sticky (the next csv_next() repeats the same error);
 *   - after CSV_END, csv_next() keeps returning CSV_END.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, size_t a, size_t b)
{
    fprintf(stderr, "fuzz_csv: invariant broken: %s (%zu, %zu)\n", what, a, b);
    abort();
}

static char pick_delimiter(uint8_t b)
{
    static const char delims[4] = { ',', ';', '\t', '|' };
    if (b == ',' || b == ';' || b == '\t' || b == '|')
        return (char)b;
    return delims[b % 4];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char delim = pick_delimiter(data[0]);
    data++;
    size--;

    /* fmemopen() needs a buffer it may treat as writable and a non-zero size
     * on some C libraries: give it a private copy with one spare byte. */
    char *copy = malloc(size + 1);
    if (copy == NULL)
        return 0;
    if (size > 0)
        memcpy(copy, data, size);
    copy[size] = '\0';
    FILE *f = size > 0 ? fmemopen(copy, size, "rb") : fmemopen(copy, 1, "rb");
    if (f == NULL) {
        free(copy);
        return 0;
    }
    if (size == 0)
        (void)getc(f);      /* an empty stream: consume the spare byte */

    csv_reader *r = csv_open(f, delim);
    if (r == NULL) {
        fclose(f);
        free(copy);
        return 0;
    }

    csv_record rec;
    csv_status st;
    size_t prev_line = 0;
    size_t bytes = 0;
    while ((st = csv_next(r, &rec)) == CSV_OK) {
        if (rec.nfields < 1 || rec.fields == NULL || rec.field_line == NULL
            || rec.field_col == NULL)
            fail("record without fields", rec.nfields, rec.line);
        if (rec.line < 1 || rec.line <= prev_line)
            fail("record line not after the previous record's", rec.line, prev_line);
        if (rec.line != rec.field_line[0])
            fail("record line differs from its first field's", rec.line, rec.field_line[0]);
        for (size_t i = 0; i < rec.nfields; i++) {
            if (rec.fields[i] == NULL)
                fail("NULL field", i, rec.line);
            if (rec.field_line[i] < rec.line || rec.field_col[i] < 1)
                fail("field position before its record", rec.field_line[i], rec.field_col[i]);
            if (i > 0 && rec.field_line[i] < rec.field_line[i - 1])
                fail("fields out of order", rec.field_line[i - 1], rec.field_line[i]);
            bytes += strlen(rec.fields[i]);     /* ASan checks the terminator */
        }
        if (bytes > size)
            fail("more field text than input", bytes, size);
        bytes = 0;
        prev_line = rec.line;
    }

    if (st == CSV_ERROR) {
        size_t line = 0, col = 0;
        const char *msg = csv_error(r, &line, &col);
        if (msg == NULL || msg[0] == '\0' || strcmp(msg, "no error") == 0)
            fail("CSV_ERROR without a message", line, col);
        if (line < 1 || col < 1)
            fail("error without a position", line, col);
        size_t line2 = 0, col2 = 0;
        if (csv_next(r, &rec) != CSV_ERROR)
            fail("error not sticky", line, col);
        const char *msg2 = csv_error(r, &line2, &col2);
        if (strcmp(msg, msg2) != 0 || line != line2 || col != col2)
            fail("sticky error changed position", line2, col2);
    } else if (st == CSV_END) {
        if (csv_next(r, &rec) != CSV_END)
            fail("CSV_END not final", prev_line, 0);
    } else {
        fail("unknown status", (size_t)st, 0);
    }

    csv_close(r);
    fclose(f);
    free(copy);
    return 0;
}
