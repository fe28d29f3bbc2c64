/*
 * diag.h - the problems found in one input file.
 *
 * Readers do not stop at the first bad row: they record every problem (up
 * to a limit) so that a person can fix the whole file in one pass, and the
 * import is then rolled back as a whole. Each problem is one line:
 *     FILE:LINE:COLUMN: reason
 * or, for formats without lines (JSON), FILE: PATH: reason.
 */
#ifndef OBLYS_DIAG_H
#define OBLYS_DIAG_H

#include <stddef.h>

#include "util/strbuf.h"

#define DIAG_DEFAULT_LIMIT 20

typedef struct {
    strbuf lines;       /* the first `limit` problems, each ending in '\n' */
    size_t count;       /* all problems, also those past the limit */
    size_t limit;
    strbuf warnings;    /* notes that do not stop the import */
    size_t nwarnings;
} diag_list;

void diag_init(diag_list *d, size_t limit);
void diag_free(diag_list *d);

/* line 0 means "no line": the location is just the file. col 0 leaves the
 * column out. */
void diag_error(diag_list *d, const char *file, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_error_at(diag_list *d, const char *location, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning_at(diag_list *d, const char *location, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* True once the limit is reached: readers may stop early. */
int diag_full(const diag_list *d);

#endif
