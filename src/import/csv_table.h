/*
 * csv_table.h - what the readers of delimited text share: the header row,
 * and small helpers for records (trimming, blank lines, year cells).
 * csv_source.c reads long files (one observation per row) and decides the
 * layout; wide_source.c reads wide ones (years across or down).
 */
#ifndef OBLYS_CSV_TABLE_H
#define OBLYS_CSV_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "import/csv.h"
#include "import/session.h"

typedef struct {
    size_t n;
    char **names;       /* trimmed, ASCII lower case: for matching column names */
    char **text;        /* trimmed, as written: for region names and messages */
    size_t *cols, *lines;   /* where each cell starts */
    size_t line;
} csv_header;

void csv_header_take(csv_header *h, const csv_record *rec);
void csv_header_free(csv_header *h);
/* The index of the column named name, or -1. */
int csv_header_find(const csv_header *h, const char *name);

/* Lines of one cell under a table of several columns ("Note: ...",
 * "1) Данные за ..."): held until it is known whether the table goes on
 * (then they are errors) or the file ends (then they are notes after
 * the table, skipped with a warning). */
typedef struct {
    size_t count;
    size_t first_line, last_line;
    strbuf texts;           /* "line N: text\n" for each held line */
} csv_notes;

/* The next record of the table (non-blank), or CSV_END / CSV_ERROR. A
 * one-cell record under a wider header is held in notes. */
csv_status csv_next_row(import_session *s, csv_reader *r, const csv_header *h,
                        csv_notes *notes, csv_record *rec);
/* At the end of the table: held lines are notes, skipped with a warning. */
void csv_notes_finish(import_session *s, csv_notes *notes);

/* Reports the reader's error at its position; returns OBLYS_EDATA. */
oblys_status csv_report_error(import_session *s, csv_reader *r);
/* Reports a row whose number of fields is not the header's, with a hint
 * when a comma-separated row has too many: an unquoted decimal comma
 * ("5,9") splits a value in two. */
void csv_report_width(import_session *s, const csv_record *rec, size_t header_fields);

char *csv_trim(char *s);
bool csv_blank(const csv_record *rec);

/* The year a header or first-column cell names ("2016", "2016 г.",
 * "2016 [YR2016]" or "2016-12-31"), or 0. A footnote mark may follow it
 * ("2016*", "2016 г.¹"); *footnote, when footnote is not NULL, says
 * whether one does. */
int csv_year_cell(const char *text, bool *footnote);

/* For a heading with a year in it that is not read as a year ("year 2018",
 * "2018 (est.)"): a hint, starting "; ", on how a year column is headed.
 * Otherwise "". */
const char *csv_year_hint(const char *heading);

/* Reads the rows of a wide file (the session is begun, the header read):
 * years across (one column per year) or down (one row per year, one
 * column per region). Returns OBLYS_OK or what stopped it. */
oblys_status wide_read_across(import_session *s, csv_reader *r, const csv_header *h);
oblys_status wide_read_down(import_session *s, csv_reader *r, const csv_header *h);

/* SDMX-CSV 1.0 (a DATAFLOW column) or 2.0 (STRUCTURE and STRUCTURE_ID),
 * read by sdmx_source.c; Eurostat bulk TSV (a first cell like geo\time),
 * read by eurostat_source.c. Both hand their observations to a cube. */
bool sdmx_header(const csv_header *h);
oblys_status sdmx_read(import_session *s, csv_reader *r, const csv_header *h);
bool eurostat_header(const csv_header *h);
oblys_status eurostat_read(import_session *s, csv_reader *r, const csv_header *h);

/* True when the header has at least two year columns (one is not enough
 * to tell a table from a long file, unless --indicator says it is one). */
bool wide_has_year_columns(const csv_header *h);
bool wide_has_a_year_column(const csv_header *h);

#endif
