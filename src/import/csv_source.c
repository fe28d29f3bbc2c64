/*
 * csv_source.c - reads a delimited text file with a header row and hands
 * each record to the import session as a named row.
 *
 * The header decides what the file is: a long file of one kind (series,
 * regions, ...; or what --kind says), whose every column must be one the
 * kind knows - a misspelt column is an error, not a silently ignored one;
 * or a wide table of a series (a column per year, or a column per region),
 * read by wide_source.c. Lines before the header that cannot be one (the
 * preamble of World Bank downloads) are skipped, and the user is told.
 * Blank lines are skipped; a record with more or fewer fields than the
 * header is an error.
 */
#include <stdlib.h>
#include <string.h>

#include "import/csv_table.h"
#include "import/field.h"
#include "util/namekey.h"

#define PREAMBLE_LIMIT 20   /* non-blank lines searched for the header */

#define SNIFF_LINES 30         /* non-blank lines the delimiter is guessed from */
#define SNIFF_BYTES (64 * 1024)

/* How often each candidate delimiter occurs, outside quotes, in each of the
 * first non-blank lines of a file. */
typedef struct {
    size_t count[SNIFF_LINES][3];
    size_t lines;
    bool eurostat;              /* a backslash before the first tab: geo\time */
} delimiter_sniff;

static const char delimiter_candidates[3] = { ',', ';', '\t' };

static void sniff_lines(FILE *f, delimiter_sniff *d)
{
    bool quoted = false, in_line = false, backslash = false;
    size_t bytes = 0;
    int c;
    while (d->lines < SNIFF_LINES && bytes++ < SNIFF_BYTES && (c = getc(f)) != EOF) {
        if (!quoted && (c == '\n' || c == '\r')) {
            d->lines += in_line;
            in_line = false;
            continue;
        }
        in_line = true;
        backslash |= c == '\\' && d->lines == 0 && d->count[0][2] == 0;
        if (c == '"')
            quoted = !quoted;
        for (int i = 0; i < 3 && !quoted; i++)
            d->count[d->lines][i] += c == delimiter_candidates[i];
    }
    d->lines += in_line && d->lines < SNIFF_LINES;
    d->eurostat = backslash && d->count[0][2] > 0;
}

/* How many of the sniffed lines have the candidate's most common non-zero
 * count: a table's header and rows share one, a title line or a decimal
 * comma in some cells does not. */
static size_t lines_agreeing(const delimiter_sniff *d, int candidate)
{
    size_t best = 0;
    for (size_t i = 0; i < d->lines; i++) {
        size_t n = d->count[i][candidate], same = 0;
        for (size_t j = 0; n > 0 && j < d->lines; j++)
            same += d->count[j][candidate] == n;
        if (same > best)
            best = same;
    }
    return best;
}

/* The longest run of consecutive lines with one non-zero count: a table
 * from its header down, where a title line with a comma above a header
 * without one breaks the run of the comma. */
static size_t longest_run(const delimiter_sniff *d, int candidate)
{
    size_t best = 0, run = 0;
    for (size_t i = 0; i < d->lines; i++) {
        size_t n = d->count[i][candidate];
        run = n == 0 ? 0 : i > 0 && d->count[i - 1][candidate] == n ? run + 1 : 1;
        if (run > best)
            best = run;
    }
    return best;
}

/* Of the candidates still in the running (*tied), keeps those with the
 * highest score; returns the one left, or -1 while several are. */
static int keep_best(bool tied[3], const size_t score[3])
{
    size_t top = 0;
    for (int i = 0; i < 3; i++)
        if (tied[i] && score[i] > top)
            top = score[i];
    int left = -1, n = 0;
    for (int i = 0; i < 3; i++) {
        tied[i] = tied[i] && score[i] == top;
        if (tied[i]) {
            left = i;
            n++;
        }
    }
    return n == 1 ? left : -1;
}

/* Picks the delimiter that splits the most of the first lines into the
 * same number of fields, so that decimal commas in a semicolon file do not
 * mislead it; on a tie, the one with the longest run of such lines (a
 * title line "Уровень бедности, %" above a semicolon table); then the one
 * that occurs most often in the first line that has any; ',' when none
 * occurs. The file is rewound afterwards. */
static char detect_delimiter(FILE *f)
{
    delimiter_sniff d = { 0 };
    sniff_lines(f, &d);
    rewind(f);
    if (d.eurostat)
        return '\t';
    bool tied[3] = { true, true, true };
    size_t agree[3], run[3], first_line[3] = { 0, 0, 0 };
    size_t first = 0;
    while (first < d.lines && !d.count[first][0] && !d.count[first][1] && !d.count[first][2])
        first++;
    for (int i = 0; i < 3; i++) {
        agree[i] = lines_agreeing(&d, i);
        run[i] = longest_run(&d, i);
        if (first < d.lines)
            first_line[i] = d.count[first][i];
    }
    int best = keep_best(tied, agree);
    if (best < 0)
        best = keep_best(tied, run);
    if (best < 0)
        best = keep_best(tied, first_line);
    for (int i = 0; best < 0 && i < 3; i++)   /* still tied (none occurs): the first */
        if (tied[i])
            best = i;
    return delimiter_candidates[best];
}

/* A column named in Russian or Kazakh, as the Bureau's long exports name
 * them, matched by name key (namekey.h: any case, no punctuation). */
static const char *const LOCAL_NAMES[][2] = {
    { "регион", "region" }, { "область", "region" }, { "аймақ", "region" },
    { "өңір", "region" }, { "показатель", "indicator" }, { "көрсеткіш", "indicator" },
    { "год", "year" }, { "жыл", "year" }, { "значение", "value" }, { "мән", "value" },
    { "пол", "sex" }, { "жыныс", "sex" }, { "местность", "settlement" },
    { "елдімекен", "settlement" },
};

/* With --indicator, a column "Показатель" keeps its name: the option says
 * what the file holds, and a table's column of indicator names is ignored
 * (with a warning), as any column oblys does not use. */
static void rename_local_names(csv_header *h, bool indicator_given)
{
    strbuf key = STRBUF_INIT;
    for (size_t i = 0; i < h->n; i++) {
        name_key(h->text[i], &key);
        for (size_t k = 0; k < sizeof LOCAL_NAMES / sizeof LOCAL_NAMES[0]; k++)
            if (strcmp(strbuf_str(&key), LOCAL_NAMES[k][0]) == 0
                && !(indicator_given && strcmp(LOCAL_NAMES[k][1], "indicator") == 0)
                && csv_header_find(h, LOCAL_NAMES[k][1]) < 0) {
                free(h->names[i]);
                h->names[i] = xstrdup(LOCAL_NAMES[k][1]);
            }
    }
    strbuf_free(&key);
}

/* Long files may name a column in the words of other formats or in Russian
 * or Kazakh, or the mapping file (--map) may say which column is which. */
static void rename_synonyms(csv_header *h, const import_map *map, bool indicator_given)
{
    static const char *const roles[] = { "region", "indicator", "year", "value", "sex" };
    for (size_t k = 0; map && k < sizeof roles / sizeof roles[0]; k++) {
        const char *column = map_column(map, roles[k]);
        for (size_t i = 0; column && i < h->n; i++)
            if (strcmp(h->text[i], column) == 0) {
                free(h->names[i]);
                h->names[i] = xstrdup(roles[k]);
            }
    }
    static const char *const synonyms[][2] = {
        { "date", "year" }, { "period", "year" }, { "time_period", "year" },
        { "obs_value", "value" },
    };
    for (size_t k = 0; k < sizeof synonyms / sizeof synonyms[0]; k++) {
        int i = csv_header_find(h, synonyms[k][0]);
        if (i >= 0 && csv_header_find(h, synonyms[k][1]) < 0) {
            free(h->names[i]);
            h->names[i] = xstrdup(synonyms[k][1]);
        }
    }
    rename_local_names(h, indicator_given);
}

/* The column names as a kind sees them: with --indicator, a file without
 * an indicator column has one. */
static const import_kind *long_kind(import_session *s, const csv_header *h, bool *virtual_indicator)
{
    *virtual_indicator = s->opt->indicator && csv_header_find(h, "indicator") < 0;
    if (s->opt->kind)
        return kind_by_name(s->opt->kind);
    const char **names = xcalloc(h->n + 1, sizeof *names);
    for (size_t i = 0; i < h->n; i++)
        names[i] = h->names[i];
    size_t n = h->n;
    if (*virtual_indicator)
        names[n++] = "indicator";
    const import_kind *kind = kind_detect(names, n);
    if (!kind && !wide_has_year_columns(h) && !(s->opt->indicator && wide_has_a_year_column(h)))
        kind = kind_closest(names, n);
    free(names);
    return kind;
}

/* A table with one row per year: its first column is headed like a year
 * column ("Годы", "Year", or nothing). */
static bool looks_like_years_down(const csv_header *h)
{
    static const char *const labels[] = { "", "годы", "год", "year", "years", "жылдар", "жыл" };
    if (h->n < 2 || wide_has_year_columns(h))
        return false;
    strbuf key = STRBUF_INIT;
    name_key(h->text[0], &key);
    bool found = false;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0] && !found; i++)
        found = strcmp(strbuf_str(&key), labels[i]) == 0;
    strbuf_free(&key);
    return found;
}

static bool could_be_header(import_session *s, const csv_header *h)
{
    bool virtual_indicator;
    return sdmx_header(h) || eurostat_header(h)
        || kind_detect((const char *const *)h->names, h->n) || wide_has_year_columns(h)
        || (s->opt->indicator && wide_has_a_year_column(h))
        || (s->opt->indicator && long_kind(s, h, &virtual_indicator) == &kind_series)
        || (s->opt->indicator && looks_like_years_down(h));
}

static void warn_preamble(import_session *s, size_t first, size_t last)
{
    if (first == last)
        diag_warning_at(s->diag, s->path, "line %zu is not a table header and was skipped as "
                        "a preamble", first);
    else
        diag_warning_at(s->diag, s->path, "lines %zu to %zu are not a table header and were "
                        "skipped as a preamble", first, last);
}

/* Reads up to the header: the first non-blank record that can be one, or
 * else the first non-blank record (whose problems are then reported). */
static csv_status read_header(import_session *s, csv_reader *r, csv_header *h)
{
    csv_record rec;
    csv_status st;
    size_t first_line = 0, seen = 0;
    csv_header first = { 0 };
    while ((st = csv_next(r, &rec)) == CSV_OK) {
        if (csv_blank(&rec))
            continue;
        csv_header candidate = { 0 };
        csv_header_take(&candidate, &rec);
        rename_synonyms(&candidate, s->opt->map, s->opt->indicator != NULL);
        if (could_be_header(s, &candidate)) {
            if (seen > 0)
                warn_preamble(s, first_line, rec.line - 1);
            csv_header_free(&first);
            *h = candidate;
            return CSV_OK;
        }
        if (seen++ == 0) {
            first = candidate;
            first_line = rec.line;
        } else {
            csv_header_free(&candidate);
        }
        if (seen >= PREAMBLE_LIMIT)
            break;
    }
    if (st == CSV_ERROR) {
        csv_header_free(&first);
        return st;
    }
    *h = first;
    return seen > 0 ? CSV_OK : CSV_END;
}

/* Checks the header against kind; reports each problem. */
static bool header_valid(import_session *s, const csv_header *h, const import_kind *kind,
                         bool virtual_indicator)
{
    bool ok = true;
    for (size_t i = 0; i < h->n; i++) {
        for (size_t j = 0; j < i; j++)
            if (strcmp(h->names[i], h->names[j]) == 0) {
                diag_error(s->diag, s->path, h->lines[i], h->cols[i],
                           "column \"%s\" appears twice in the header", h->names[i]);
                ok = false;
            }
        if (!*h->names[i]) {
            diag_error(s->diag, s->path, h->lines[i], h->cols[i],
                       "column %zu has no name (a stray delimiter at the end of the header?)",
                       i + 1);
            ok = false;
        } else if (!kind_allows(kind, h->names[i])) {
            strbuf known = STRBUF_INIT;
            kind_describe_columns(kind, &known);
            diag_error(s->diag, s->path, h->lines[i], h->cols[i],
                       "unknown column \"%s\" in a %s file (its columns are: %s)%s",
                       h->names[i], kind->name, strbuf_str(&known),
                       csv_year_hint(h->names[i]));
            strbuf_free(&known);
            ok = false;
        }
    }
    for (const char *const *req = kind->required; *req; req++) {
        bool found = csv_header_find(h, *req) >= 0
            || (virtual_indicator && strcmp(*req, "indicator") == 0);
        if (!found) {
            strbuf needed = STRBUF_INIT;
            for (const char *const *c = kind->required; *c; c++)
                strbuf_printf(&needed, "%s%s", c == kind->required ? "" : ", ", *c);
            diag_error(s->diag, s->path, h->line, 0, "missing column \"%s\" (a %s file needs "
                       "the columns %s%s)", *req, kind->name, strbuf_str(&needed),
                       strcmp(*req, "indicator") == 0
                           ? "; or say which indicator the file holds with --indicator CODE"
                           : "");
            strbuf_free(&needed);
            ok = false;
        }
    }
    if (s->opt->indicator && !virtual_indicator) {
        diag_error(s->diag, s->path, h->line, 0, "--indicator is for files without an "
                   "indicator column, and this one has one");
        ok = false;
    }
    return ok;
}

static void report_unknown_kind(import_session *s, const csv_header *h)
{
    strbuf text = STRBUF_INIT;
    if (s->opt->kind) {
        kind_list_names(&text, false);
        diag_error(s->diag, s->path, 0, 0, "unknown --kind \"%s\" (expected %s)", s->opt->kind,
                   strbuf_str(&text));
    } else {
        for (size_t i = 0; i < h->n; i++)
            strbuf_printf(&text, "%s%s", i ? ", " : "", h->text[i]);
        diag_error(s->diag, s->path, h->line, 1, "cannot tell what this file holds from its "
                   "header (%s): a series file needs the columns region, indicator, year and "
                   "value, or a column per year; see docs/data-format.md for the others",
                   strbuf_str(&text));
    }
    strbuf_free(&text);
}

/* The names of a long file's rows, with the --indicator column added. */
typedef struct {
    size_t n;
    const char **names;
    const char **values;
    size_t *cols, *lines;
} long_layout;

static void read_long_record(import_session *s, const csv_header *h, long_layout *l,
                             csv_record *rec)
{
    if (rec->nfields != h->n) {
        csv_report_width(s, rec, h->n);
        store_counts_of(s->ctx.store)->read++;
        store_counts_of(s->ctx.store)->rejected++;
        return;
    }
    for (size_t i = 0; i < rec->nfields; i++) {
        l->values[i] = csv_trim(rec->fields[i]);
        l->cols[i] = rec->field_col[i];
        l->lines[i] = rec->field_line[i];
    }
    if (l->n > h->n) {                      /* the --indicator column */
        l->values[h->n] = s->opt->indicator;
        l->cols[h->n] = 0;
        l->lines[h->n] = rec->line;
    }
    import_row row = {
        .file = s->path, .line = rec->line, .path = NULL, .nfields = l->n,
        .names = l->names, .values = l->values, .cols = l->cols, .lines = l->lines,
    };
    session_row(s, &row);
}

static oblys_status read_long(import_session *s, csv_reader *r, const csv_header *h,
                              bool virtual_indicator)
{
    long_layout l = { h->n + virtual_indicator, NULL, NULL, NULL, NULL };
    l.names = xcalloc(l.n, sizeof *l.names);
    l.values = xcalloc(l.n, sizeof *l.values);
    l.cols = xcalloc(l.n, sizeof *l.cols);
    l.lines = xcalloc(l.n, sizeof *l.lines);
    for (size_t i = 0; i < h->n; i++)
        l.names[i] = h->names[i];
    if (virtual_indicator)
        l.names[h->n] = "indicator";
    csv_record rec;
    csv_status cs;
    csv_notes notes = { 0, 0, 0, STRBUF_INIT };
    while ((cs = csv_next_row(s, r, h, &notes, &rec)) == CSV_OK)
        read_long_record(s, h, &l, &rec);
    csv_notes_finish(s, &notes);
    free(l.names);
    free(l.values);
    free(l.cols);
    free(l.lines);
    return cs == CSV_ERROR ? csv_report_error(s, r) : OBLYS_OK;
}

/* --indicator must name a known indicator: said once, not once per cell. */
static oblys_status begin_series(import_session *s, const csv_header *h)
{
    oblys_status st = session_begin(s, &kind_series);
    if (st != OBLYS_OK || !s->opt->indicator
        || store_code_exists(s->ctx.store, CODE_INDICATOR, s->opt->indicator))
        return st;
    strbuf close = STRBUF_INIT;
    store_suggest_indicators(s->ctx.store, s->opt->indicator, &close);
    diag_error(s->diag, s->path, h->line, 0, "--indicator %s is not a known indicator%s%s%s",
               s->opt->indicator, close.len ? "; did you mean " : " (" LIST_INDICATORS "; a new one needs its metadata imported first)",
               strbuf_str(&close), close.len ? "?" : "");
    strbuf_free(&close);
    return OBLYS_EDATA;
}

/* Decides the layout from the header and reads the rest of the file. */
static oblys_status read_table(import_session *s, csv_reader *r, const csv_header *h)
{
    bool series_only = !s->opt->kind || strcmp(s->opt->kind, "series") == 0;
    if (series_only && sdmx_header(h))
        return sdmx_read(s, r, h);
    if (series_only && eurostat_header(h))
        return eurostat_read(s, r, h);
    bool virtual_indicator = false;
    const import_kind *kind = long_kind(s, h, &virtual_indicator);
    bool series_allowed = !s->opt->kind || strcmp(s->opt->kind, "series") == 0;
    if (!kind && series_allowed && (wide_has_year_columns(h)
                                    || (s->opt->indicator && wide_has_a_year_column(h)))) {
        oblys_status st = begin_series(s, h);
        return st == OBLYS_OK ? wide_read_across(s, r, h) : st;
    }
    if ((!kind || (kind == &kind_series && csv_header_find(h, "region") < 0))
        && series_allowed && s->opt->indicator && looks_like_years_down(h)) {
        oblys_status st = begin_series(s, h);
        return st == OBLYS_OK ? wide_read_down(s, r, h) : st;
    }
    if (!kind) {
        report_unknown_kind(s, h);
        return OBLYS_EDATA;
    }
    if (!header_valid(s, h, kind, virtual_indicator))
        return OBLYS_EDATA;
    oblys_status st = kind == &kind_series ? begin_series(s, h) : session_begin(s, kind);
    return st == OBLYS_OK ? read_long(s, r, h, virtual_indicator) : st;
}

oblys_status csv_source_read(import_session *s, FILE *f)
{
    char delim = s->opt->delimiter ? s->opt->delimiter : detect_delimiter(f);
    /* Where commas separate fields, "147.355" is 147.355, not 147355. */
    if (s->ctx.decimal == NUM_DECIMAL_AUTO && delim == ',')
        s->ctx.decimal = NUM_DECIMAL_AUTO_POINT;
    s->delimiter = delim;
    csv_reader *r = csv_open(f, delim);
    csv_header h = { 0 };
    oblys_status st;
    csv_status cs = read_header(s, r, &h);
    if (cs == CSV_ERROR) {
        st = csv_report_error(s, r);
    } else if (cs == CSV_END) {
        diag_error(s->diag, s->path, 0, 0, "the file is empty (no header row)");
        st = OBLYS_EDATA;
    } else {
        st = read_table(s, r, &h);
    }
    csv_header_free(&h);
    csv_close(r);
    return st;
}
