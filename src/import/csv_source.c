/*
 * csv_source.c - reads a delimited text file with a header row and hands
 * each record to the import session as a named row.
 *
 * The header decides the kind of file (unless --kind says it) and every
 * column must be one the kind knows: a misspelt column is an error, not a
 * silently ignored one. Blank lines are skipped; a record with more or
 * fewer fields than the header is an error.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "import/csv.h"
#include "import/session.h"

/* Picks the delimiter that occurs most often, outside quotes, in the first
 * line; ',' when none does. The file is rewound afterwards. */
static char detect_delimiter(FILE *f)
{
    size_t count[3] = { 0, 0, 0 };
    const char candidates[3] = { ',', ';', '\t' };
    bool quoted = false;
    int c;
    while ((c = getc(f)) != EOF && (quoted || (c != '\n' && c != '\r'))) {
        if (c == '"')
            quoted = !quoted;
        for (int i = 0; i < 3 && !quoted; i++)
            if (c == candidates[i])
                count[i]++;
    }
    rewind(f);
    int best = 0;
    for (int i = 1; i < 3; i++)
        if (count[i] > count[best])
            best = i;
    return candidates[best];
}

static char *trim_in_place(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static bool is_blank_record(const csv_record *rec)
{
    for (size_t i = 0; i < rec->nfields; i++)
        if (*trim_in_place(rec->fields[i]))
            return false;
    return true;
}

typedef struct {
    size_t n;
    char **names;
    size_t line;
} csv_header;

static void header_free(csv_header *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->names[i]);
    free(h->names);
}

/* Copies the header's names, trimmed and in lower case. */
static void header_take(csv_header *h, const csv_record *rec)
{
    h->n = rec->nfields;
    h->line = rec->line;
    h->names = xcalloc(rec->nfields, sizeof *h->names);
    for (size_t i = 0; i < rec->nfields; i++) {
        char *name = xstrdup(trim_in_place(rec->fields[i]));
        for (char *p = name; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        h->names[i] = name;
    }
}

static const import_kind *header_kind(import_session *s, const csv_header *h)
{
    if (s->opt->kind)
        return kind_by_name(s->opt->kind);
    const import_kind *kind = kind_detect((const char *const *)h->names, h->n);
    return kind ? kind : kind_closest((const char *const *)h->names, h->n);
}

/* Checks the header against kind; reports each problem. */
static bool header_valid(import_session *s, const csv_header *h, const csv_record *rec,
                         const import_kind *kind)
{
    bool ok = true;
    for (size_t i = 0; i < h->n; i++) {
        for (size_t j = 0; j < i; j++)
            if (strcmp(h->names[i], h->names[j]) == 0) {
                diag_error(s->diag, s->path, rec->field_line[i], rec->field_col[i],
                           "column \"%s\" appears twice in the header", h->names[i]);
                ok = false;
            }
        if (!*h->names[i]) {
            diag_error(s->diag, s->path, rec->field_line[i], rec->field_col[i],
                       "column %zu has no name (a stray delimiter at the end of the header?)",
                       i + 1);
            ok = false;
        } else if (!kind_allows(kind, h->names[i])) {
            strbuf known = STRBUF_INIT;
            kind_describe_columns(kind, &known);
            diag_error(s->diag, s->path, rec->field_line[i], rec->field_col[i],
                       "unknown column \"%s\" in a %s file (its columns are: %s)",
                       h->names[i], kind->name, strbuf_str(&known));
            strbuf_free(&known);
            ok = false;
        }
    }
    for (const char *const *req = kind->required; *req; req++) {
        bool found = false;
        for (size_t i = 0; i < h->n && !found; i++)
            found = strcmp(h->names[i], *req) == 0;
        if (!found) {
            strbuf needed = STRBUF_INIT;
            for (const char *const *c = kind->required; *c; c++)
                strbuf_printf(&needed, "%s%s", c == kind->required ? "" : ", ", *c);
            diag_error(s->diag, s->path, h->line, 0, "missing column \"%s\" (a %s file needs "
                       "the columns %s)", *req, kind->name, strbuf_str(&needed));
            strbuf_free(&needed);
            ok = false;
        }
    }
    return ok;
}

static void report_unknown_kind(import_session *s, const csv_header *h)
{
    if (s->opt->kind) {
        strbuf kinds = STRBUF_INIT;
        kind_list_names(&kinds, false);
        diag_error(s->diag, s->path, 0, 0, "unknown --kind \"%s\" (expected %s)", s->opt->kind,
                   strbuf_str(&kinds));
        strbuf_free(&kinds);
        return;
    }
    strbuf names = STRBUF_INIT;
    for (size_t i = 0; i < h->n; i++)
        strbuf_printf(&names, "%s%s", i ? ", " : "", h->names[i]);
    diag_error(s->diag, s->path, h->line, 1, "cannot tell what this file holds from its header "
               "(%s): a series file needs the columns region, indicator, year and value; see "
               "docs/data-format.md for the others", strbuf_str(&names));
    strbuf_free(&names);
}

static void read_record(import_session *s, const csv_header *h, csv_record *rec)
{
    if (is_blank_record(rec))
        return;
    if (rec->nfields != h->n) {
        diag_error(s->diag, s->path, rec->line, 0,
                   "this row has %zu fields but the header has %zu", rec->nfields, h->n);
        store_counts_of(s->ctx.store)->read++;
        store_counts_of(s->ctx.store)->rejected++;
        return;
    }
    for (size_t i = 0; i < rec->nfields; i++)
        rec->fields[i] = trim_in_place(rec->fields[i]);
    import_row row = {
        .file = s->path,
        .line = rec->line,
        .path = NULL,
        .nfields = rec->nfields,
        .names = (const char *const *)h->names,
        .values = (const char *const *)rec->fields,
        .cols = rec->field_col,
        .lines = rec->field_line,
    };
    session_row(s, &row);
}

static oblys_status report_csv_error(import_session *s, csv_reader *r)
{
    size_t line = 0, col = 0;
    const char *msg = csv_error(r, &line, &col);
    diag_error(s->diag, s->path, line, col, "%s", msg);
    return OBLYS_EDATA;
}

/* Reads up to the first non-blank record, the header. */
static csv_status read_header_record(csv_reader *r, csv_record *rec)
{
    csv_status st;
    while ((st = csv_next(r, rec)) == CSV_OK && is_blank_record(rec))
        ;
    return st;
}

oblys_status csv_source_read(import_session *s, FILE *f)
{
    char delim = s->opt->delimiter ? s->opt->delimiter : detect_delimiter(f);
    /* Where commas separate fields, "147.355" is 147.355, not 147355. */
    if (s->ctx.decimal == NUM_DECIMAL_AUTO && delim == ',')
        s->ctx.decimal = NUM_DECIMAL_AUTO_POINT;
    csv_reader *r = csv_open(f, delim);
    csv_record rec;
    csv_header h = { 0, NULL, 0 };
    oblys_status st = OBLYS_OK;
    csv_status cs = read_header_record(r, &rec);
    if (cs == CSV_ERROR) {
        st = report_csv_error(s, r);
    } else if (cs == CSV_END) {
        diag_error(s->diag, s->path, 0, 0, "the file is empty (no header row)");
        st = OBLYS_EDATA;
    } else {
        header_take(&h, &rec);
        const import_kind *kind = header_kind(s, &h);
        if (!kind) {
            report_unknown_kind(s, &h);
            st = OBLYS_EDATA;
        } else if (!header_valid(s, &h, &rec, kind)) {
            st = OBLYS_EDATA;
        } else {
            st = session_begin(s, kind);
        }
    }
    while (st == OBLYS_OK && (cs = csv_next(r, &rec)) == CSV_OK)
        read_record(s, &h, &rec);
    if (st == OBLYS_OK && cs == CSV_ERROR)
        st = report_csv_error(s, r);
    header_free(&h);
    csv_close(r);
    return st;
}
