/*
 * progress.h - a progress line on stderr while a big file is imported:
 *
 *   series.csv: 12.3 of 34.6 MB, 350000 rows, 91500 rows/s
 *
 * Shown only when enabled (by default when stderr is a terminal, see
 * cmd_import.c) and only once the file has taken more than a second;
 * redrawn at most four times a second, in place (carriage return, then
 * erase to the end of the line), and erased when the file is done, so the
 * summary line that follows is the same as without it.
 */
#ifndef OBLYS_PROGRESS_H
#define OBLYS_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

#include "util/strbuf.h"

typedef struct {
    FILE *out;
    const char *path;
    long long total_bytes;      /* the file's size; 0: unknown */
    bool enabled;
    bool shown;                 /* a line is on the screen */
    double started, drawn;      /* seconds, monotonic clock */
    long long rows;
} progress;

/* What erases a shown line: back to the start of the line, clear it. */
#define PROGRESS_ERASE "\r\033[K"

void progress_begin(progress *p, FILE *out, const char *path, long long total_bytes,
                    bool enabled);
/* Counts a row; in is the file being read, for how far it got. */
void progress_row(progress *p, FILE *in);
/* Erases the line if one was shown. */
void progress_end(progress *p);

/* The text of the line (without the erase), e.g.
 * "f.csv: 12.3 of 34.6 MB, 350000 rows, 91500 rows/s". */
void progress_format(strbuf *out, const char *path, long long bytes, long long total_bytes,
                     long long rows, double seconds);

#endif
