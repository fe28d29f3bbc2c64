/*
 * csv.h - a streaming reader for delimited text (RFC 4180 and what real
 * files do instead).
 *
 * The reader pulls one record at a time from a FILE*, so memory stays
 * bounded by the longest record, not the file. It understands:
 *   - a UTF-8 byte-order mark at the very start (skipped);
 *   - LF, CRLF and bare CR line endings, mixed in one file;
 *   - quoted fields ("a,b", "say ""hi""", fields spanning lines);
 *   - any single-byte delimiter (',' ';' '\t').
 * It does not trim, convert or interpret fields: that is the caller's job.
 *
 * Positions are 1-based. A field's line is the physical line where the
 * field starts; its column is the character (UTF-8 code point) column of
 * its first byte on that line, counting the opening quote if any. The BOM
 * does not count as a column.
 */
#ifndef OBLYS_CSV_H
#define OBLYS_CSV_H

#include <stddef.h>
#include <stdio.h>

typedef struct csv_reader csv_reader;

/* One record. All pointers are owned by the reader and stay valid only
 * until the next csv_next() or csv_close() call. */
typedef struct {
    size_t nfields;
    char **fields;          /* NUL-terminated, quotes removed, "" -> " */
    size_t *field_line;     /* line where each field starts */
    size_t *field_col;      /* column where each field starts */
    size_t line;            /* line where the record starts */
} csv_record;

typedef enum {
    CSV_OK = 1,             /* a record was read into *rec */
    CSV_END = 0,            /* no more records */
    CSV_ERROR = -1          /* malformed input or out of memory; see csv_error() */
} csv_status;

/* Opens a reader on f (not closed by the reader). delim is the field
 * separator. Returns NULL only when out of memory. */
csv_reader *csv_open(FILE *f, char delim);

/* Reads the next record. Blank lines (a line with nothing on it) are
 * returned as records with one empty field, so callers can decide. */
csv_status csv_next(csv_reader *r, csv_record *rec);

/* After CSV_ERROR: a message (static or owned by the reader) and the
 * position where the problem is, e.g. "unterminated quoted field" at the
 * opening quote, or "unexpected character after closing quote". */
const char *csv_error(const csv_reader *r, size_t *line, size_t *col);

void csv_close(csv_reader *r);

#endif
