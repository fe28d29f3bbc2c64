/*
 * store.h - writing one input file into the database, all or nothing.
 *
 * A store is one transaction and one row in the `load` table. Readers hand
 * it validated records one at a time; it decides, per record, whether the
 * record is new (inserted), already there with the same content
 * (unchanged), a second copy of a row of the same file (duplicate, or a
 * conflict when the copies differ), or a revision of something stored
 * before. A revised value (observation or published figure) replaces the
 * stored one, which moves to a history table with the load that had
 * written it: nothing is lost. Revised metadata (a region's or an
 * indicator's attributes) is a conflict unless the user asked for
 * --replace, because it silently changes every figure computed with it.
 * Nothing is visible to other connections until store_commit();
 * store_rollback() leaves the database byte for byte as it was.
 */
#ifndef OBLYS_STORE_H
#define OBLYS_STORE_H

#include <stdbool.h>
#include <sqlite3.h>

#include "util/error.h"
#include "util/strbuf.h"

typedef struct store store;

typedef enum {
    STORE_INSERTED,
    STORE_UNCHANGED,
    STORE_UPDATED,      /* a revision: the old content went to the history */
    STORE_DUPLICATE,    /* same key and content as an earlier row of this file */
    STORE_CONFLICT,     /* same key, different content stored before: *detail says what */
    STORE_CONFLICT_IN_FILE, /* same key, different content, earlier in this file */
    STORE_REJECTED,     /* not allowed, e.g. a region name already used: *detail says why */
    STORE_FAILED        /* SQL error: *detail has SQLite's message */
} store_result;

typedef struct {
    long long read, inserted, updated, unchanged, duplicates, rejected;
} store_counts;

typedef struct {
    const char *region;         /* region code, already resolved */
    const char *indicator;
    int year;
    const char *settlement;
    const char *sex;
    bool has_value;
    double value;
    int decimals;
    const char *missing;        /* missing_reason code when !has_value */
    const char *flags;          /* comma-separated flag codes, sorted; NULL: none */
    const char *source_status;  /* the status as the source wrote it ("bp", "E"), trimmed;
                                   NULL: none. Part of the content, like flags */
    long long line;             /* 0: the format has no lines (JSON) */
    const char *where;          /* "line 3" or "observations[2]", for messages */
} obs_record;

typedef struct {
    const char *code, *name, *kind, *kato, *iso_3166_2, *name_ru, *name_kk;
    int valid_from, valid_to;           /* 0: open-ended */
    long long line;
    const char *where;
} region_record;

typedef struct {
    const char *code, *name, *unit, *source;
    const char *kind, *currency, *price_basis, *definition;  /* NULL: not given */
    int polarity, decimals, in_index;
    bool has_position;
    int position;
    long long line;
    const char *where;
} indicator_record;

typedef struct {
    const char *source, *measure;
    const char *indicator, *region;     /* NULL when not applicable */
    int year, base_year;                /* base_year 0: not applicable */
    const char *settlement, *sex;
    double value;
    int decimals;
    long long line;
    const char *where;
} published_record;

typedef struct {
    const char *alias;                  /* a spelling of the region */
    const char *region;                 /* its code, already resolved */
    const char *source;                 /* where the spelling was seen; may be NULL */
    long long line;
    const char *where;
} alias_record;

typedef struct {
    const char *currency;               /* ISO 4217 */
    int year;
    double per_usd;                     /* units of currency per US dollar */
    const char *source;
    long long line;
    const char *where;
} rate_record;

typedef struct {
    int year;
    bool has_cpi;
    double cpi;                         /* 2010 = 100 */
    bool has_inflation;
    double inflation_pct;
    const char *source;
    long long line;
    const char *where;
} price_record;

typedef struct {
    const char *region;                 /* code, already resolved */
    int year;
    const char *settlement, *sex;
    double persons;
    const char *source;
    long long line;
    const char *where;
} population_record;

typedef struct {
    int year;                           /* first year on the new boundaries */
    const char *predecessor, *successor;    /* codes, already resolved */
    const char *kind;                   /* split or rename */
    const char *note;
    long long line;
    const char *where;
} change_record;

typedef struct {
    const char *grouping;               /* e.g. paper_region_type */
    const char *group_name;             /* e.g. oil-producing, or not classified */
    const char *region;                 /* code, already resolved */
    const char *source;                 /* where the classification is stated */
    long long line;
    const char *where;
} group_record;
/* One indicator of a composite index (see store_index.c). */
typedef struct {
    const char *indicator;
    double weight;                      /* > 0, as written (not normalised) */
    bool has_goalposts;
    double goal_low, goal_high;         /* goal_low < goal_high */
} index_component_record;

/* A composite index definition: normalisation minmax, goalposts, zscore
 * or rank; scope year or panel; aggregation arithmetic or geometric. */
typedef struct {
    const char *code, *name, *normalisation, *scope, *aggregation;
    const char *description;            /* NULL: none */
    const index_component_record *components;
    size_t ncomponents;
    long long line;
    const char *where;
} index_definition_record;

typedef enum {
    CODE_SETTLEMENT,
    CODE_SEX,
    CODE_MEASURE,
    CODE_INDICATOR,
    CODE_FLAG,
    CODE_MISSING,                       /* missing_reason */
    CODE_TABLE_COUNT
} code_table;

/* What is being loaded, for the load record. */
typedef struct {
    const char *file;                   /* as given on the command line */
    const char *kind;                   /* series, regions, indicators, ... */
    const char *sha256;                 /* hex digest of the file's bytes */
    const char *format;                 /* csv or json */
} store_source;

/* Starts the transaction and the load record. With replace, changed
 * metadata overwrites the stored one (values are revised regardless). */
oblys_status store_open(sqlite3 *db, const store_source *src, bool replace, store **out,
                        oblys_error *err);

store_result store_observation(store *s, const obs_record *r, strbuf *detail);
store_result store_region(store *s, const region_record *r, strbuf *detail);
store_result store_indicator(store *s, const indicator_record *r, strbuf *detail);
store_result store_published(store *s, const published_record *r, strbuf *detail);
/* Registers another spelling of a region (see namekey.h for how spellings
 * are compared). A spelling that already names another region is
 * STORE_REJECTED. */
store_result store_alias(store *s, const alias_record *r, strbuf *detail);
/* Reference data: exchange rates and the consumer price index. A changed
 * figure is a conflict unless --replace. */
store_result store_rate(store *s, const rate_record *r, strbuf *detail);
store_result store_price(store *s, const price_record *r, strbuf *detail);
store_result store_population(store *s, const population_record *r, strbuf *detail);
store_result store_change(store *s, const change_record *r, strbuf *detail);
/* A region's group in a grouping (the inequality migration): one group per grouping
 * and region; another group for the same pair needs --replace. */
store_result store_group(store *s, const group_record *r, strbuf *detail);
/* An index definition with its components, all or nothing. A changed
 * definition is a conflict unless --replace, which replaces its
 * components too. */
store_result store_index_definition(store *s, const index_definition_record *r, strbuf *detail);

/* Finds the region that text names: its code, one of its names or another
 * registered spelling, compared as keys (namekey.h). Returns true and sets
 * *code (owned by the store, valid until store_close()) when one does. */
bool store_find_region(store *s, const char *text, const char **code);
/* Writes up to three registered spellings closest to text, quoted and
 * with the region they name, e.g. "\"Akmola\" or \"Akmola Region\"";
 * leaves *out empty when none is close. */
void store_suggest_regions(store *s, const char *text, strbuf *out);
/* The same for indicator codes (case, spaces and hyphens ignored). */
void store_suggest_indicators(store *s, const char *text, strbuf *out);
/* The years region code existed, *from to *to (0: open-ended), and its
 * name (valid until the next call). False when there is no such region. */
bool store_region_years(store *s, const char *code, int *from, int *to, const char **name);
/* The region that code came out of when it was formed in year (a split
 * recorded in territorial_change), if that region existed in `in_year`:
 * its code and name (valid until the next call). False when there is no
 * such region, or more than one. */
bool store_region_predecessor(store *s, const char *code, int year, int in_year,
                              const char **pred, const char **name);
/* "a, b or c": the codes of the flag table, for messages. */
void store_flag_codes(store *s, strbuf *out);
/* True when the region table is empty. */
bool store_no_regions(store *s);
bool store_code_exists(store *s, code_table table, const char *code);

/* Counts so far; `rejected` is the reader's to add to. */
store_counts *store_counts_of(store *s);

/* Commits, unless the file changed nothing (no row inserted or replaced):
 * then it rolls back, so that importing the same file again leaves the
 * database exactly as it was, without even a new load record. *written
 * (may be NULL) says which happened. */
oblys_status store_commit(store *s, bool *written, oblys_error *err);
void store_rollback(store *s);
/* Frees the store; rolls back if neither commit nor rollback was called. */
void store_close(store *s);

#endif
