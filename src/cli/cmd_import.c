/*
 * cmd_import.c - `oblys import FILE...`: each file in its own transaction.
 * For every file, a summary line on stderr; for a rejected file, every
 * problem as FILE:LINE:COLUMN: reason, and nothing of it is written.
 * Exits 1 when any file was rejected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "db/db.h"
#include "import/import.h"
#include "import/kind.h"
#include "import/import_map.h"

static const cli_option OPTIONS[] = {
    { "replace", NULL, "let changed metadata or reference data (regions, indicators, rates, "
                       "prices, population, changes, groups, rules, index definitions) "
                       "overwrite what is stored; values are always revised, keeping the old "
                       "ones" },
    { "dry-run", NULL, "check everything and say what would change, but write nothing" },
    { "decimal", "MARK", "decimal mark of numbers: auto (default), point or comma" },
    { "delimiter", "CHAR", "CSV field separator: , ; | or tab (default: detected among , ; "
                           "and tab)" },
    { "kind", "KIND", "series, regions, aliases, indicators, published, rates, prices, "
                      "population, changes, groups, rules or index (default: detected)" },
    { "indicator", "CODE", "the indicator of files without an indicator column (a table with "
                           "a column per year or per region, or region,date,value)" },
    { "back-cast", NULL, "accept values for regions in years when they did not exist (the "
                         "file recalculates earlier years onto later boundaries, or the "
                         "reverse); they are flagged recast" },
    { "old-boundaries", NULL, "a region named in years before it was formed stands for the "
                              "region it was split from (Turkestan before 2018: South "
                              "Kazakhstan), as in bureau tables that keep one column" },
    { "map", "FILE", "a JSON mapping file: which column or dimension is the region, year, "
                      "value or indicator, indicator and region codes, values to skip "
                      "(docs/data-format.md)" },
    { "max-errors", "N", "list at most N problems per file (default 20)" },
    { "progress", NULL, "show a progress line for files that take more than a second, even "
                        "when stderr is not a terminal" },
    { "no-progress", NULL, "never show the progress line (default: shown on a terminal)" },
    { NULL, NULL, NULL },
};

static const char ABOUT[] =
    "Loads series (long files of region, indicator, year, breakdowns and value, or\n"
    "wide tables with a column per year or per region) and the data that goes with\n"
    "them (regions, spellings, indicators, published figures, exchange rates,\n"
    "prices, population, territorial changes, groupings of regions, validation\n"
    "rules, index definitions) from CSV or JSON files, and statistical cubes\n"
    "(SDMX-CSV, Eurostat TSV, JSON-stat); the kind of file is told from its\n"
    "header. docs/data-format.md describes every format.\n"
    "Each file is imported whole or not at all.";

static oblys_status read_options(const cli_args *args, import_options *opt, size_t *limit,
                                 import_map *map, oblys_error *err)
{
    memset(opt, 0, sizeof *opt);
    opt->replace = cli_flag(args, OPTIONS, "replace");
    opt->dry_run = cli_flag(args, OPTIONS, "dry-run");
    opt->back_cast = cli_flag(args, OPTIONS, "back-cast");
    opt->old_boundaries = cli_flag(args, OPTIONS, "old-boundaries");
    if (opt->back_cast && opt->old_boundaries)
        return error_set(err, OBLYS_EUSAGE, "--back-cast and --old-boundaries say opposite "
                         "things of the same values: give one");
    opt->kind = cli_value(args, OPTIONS, "kind");
    opt->indicator = cli_value(args, OPTIONS, "indicator");
    bool force = cli_flag(args, OPTIONS, "progress"), never = cli_flag(args, OPTIONS, "no-progress");
    if (force && never)
        return error_set(err, OBLYS_EUSAGE, "--progress and --no-progress exclude each other");
    opt->progress = force || (!never && isatty(STDERR_FILENO));
    const char *decimal = cli_value(args, OPTIONS, "decimal");
    const char *delimiter = cli_value(args, OPTIONS, "delimiter");
    const char *max_errors = cli_value(args, OPTIONS, "max-errors");
    if (decimal && strcmp(decimal, "point") == 0)
        opt->decimal = NUM_DECIMAL_POINT;
    else if (decimal && strcmp(decimal, "comma") == 0)
        opt->decimal = NUM_DECIMAL_COMMA;
    else if (decimal && strcmp(decimal, "auto") != 0)
        return error_set(err, OBLYS_EUSAGE, "--decimal takes auto, point or comma");
    if (delimiter && strcmp(delimiter, "tab") == 0)
        opt->delimiter = '\t';
    else if (delimiter && strlen(delimiter) == 1 && strchr(",;\t|", delimiter[0]))
        opt->delimiter = delimiter[0];
    else if (delimiter)
        return error_set(err, OBLYS_EUSAGE, "--delimiter takes , ; | or tab");
    if (opt->kind && !kind_by_name(opt->kind)) {
        strbuf kinds = STRBUF_INIT;
        kind_list_names(&kinds, false);
        error_set(err, OBLYS_EUSAGE, "--kind takes %s", strbuf_str(&kinds));
        strbuf_free(&kinds);
        return OBLYS_EUSAGE;
    }
    *limit = DIAG_DEFAULT_LIMIT;
    if (max_errors) {
        char *end = NULL;
        long n = strtol(max_errors, &end, 10);
        if (end == max_errors || *end || n < 1 || n > 1000000)
            return error_set(err, OBLYS_EUSAGE, "--max-errors takes a number from 1 up");
        *limit = (size_t)n;
    }
    if (args->npositional == 0)
        return error_set(err, OBLYS_EUSAGE, "name at least one file to import");
    const char *map_path = cli_value(args, OPTIONS, "map");
    if (map_path) {
        oblys_status st = import_map_load(map_path, map, err);
        if (st != OBLYS_OK)
            return st;
        opt->map = map;
    }
    return OBLYS_OK;
}

static void print_summary(const char *path, const import_summary *s, bool dry_run)
{
    const store_counts *c = &s->counts;
    fprintf(stderr, "%s: %s%s: %lld row%s read, %lld inserted, %lld updated, %lld unchanged",
            path, dry_run ? "dry run, " : "", s->kind, c->read, c->read == 1 ? "" : "s",
            c->inserted, c->updated, c->unchanged);
    if (c->duplicates)
        fprintf(stderr, ", %lld duplicate", c->duplicates);
    if (c->rejected)
        fprintf(stderr, ", %lld rejected", c->rejected);
    if (dry_run)
        fputs(" (nothing written)", stderr);
    else if (!s->written)
        fputs(" (nothing changed, nothing written)", stderr);
    fputc('\n', stderr);
}

static void print_problems(const char *path, const diag_list *d)
{
    fputs(strbuf_str(&d->warnings), stderr);
    if (d->nwarnings > d->limit)
        fprintf(stderr, "%s: ... and %zu more warnings\n", path, d->nwarnings - d->limit);
    fputs(strbuf_str(&d->lines), stderr);
    if (d->count > d->limit)
        fprintf(stderr, "%s: ... and %zu more problems (--max-errors shows more)\n", path,
                d->count - d->limit);
}

/* Imports one file; returns its exit status. */
static oblys_status import_one(sqlite3 *db, const char *path, const import_options *opt,
                               size_t limit)
{
    diag_list diag;
    diag_init(&diag, limit);
    oblys_error err = OBLYS_ERROR_INIT;
    import_summary summary;
    oblys_status st = import_file(db, path, opt, &diag, &summary, &err);
    print_problems(path, &diag);
    if (st == OBLYS_OK) {
        print_summary(path, &summary, opt->dry_run);
    } else if (st == OBLYS_EDATA) {
        fprintf(stderr, "%s: rejected: %zu problem%s; nothing from this file was written\n",
                path, diag.count, diag.count == 1 ? "" : "s");
    } else {
        cli_fail("import", &err);
    }
    diag_free(&diag);
    error_clear(&err);
    return st;
}

int cmd_import(int argc, char **argv, const char *global_db)
{
    cli_args args;
    int code = cli_begin("import", argc, argv, OPTIONS, "oblys import [OPTIONS] FILE...",
                         ABOUT, &args);
    if (code >= 0)
        return code;
    oblys_error err = OBLYS_ERROR_INIT;
    import_options opt;
    size_t limit = 0;
    sqlite3 *db = NULL;
    import_map map = { 0 };
    oblys_status st = read_options(&args, &opt, &limit, &map, &err);
    if (st == OBLYS_OK)
        st = db_open_current(cli_db_path(&args, global_db), DB_READ_WRITE, &db, &err);
    if (st != OBLYS_OK) {
        code = cli_fail("import", &err);
    } else {
        code = 0;
        for (size_t i = 0; i < args.npositional; i++) {
            oblys_status file_st = import_one(db, args.positional[i], &opt, limit);
            if (file_st != OBLYS_OK && code == 0)
                code = (int)file_st;
        }
    }
    db_close(db);
    import_map_free(&map);
    error_clear(&err);
    cli_args_free(&args);
    return code;
}
