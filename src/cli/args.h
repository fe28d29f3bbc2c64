/*
 * args.h - command-line parsing shared by every subcommand.
 *
 * Options are long (--year 2021 or --year=2021); flags take no value.
 * Every command also accepts --db FILE and --help (-h) wherever they
 * appear, before or after its name. "--" ends the options. An option
 * given twice keeps its last value for cli_value(); cli_values() returns
 * every value, for options that may be repeated (oblys sql --param).
 */
#ifndef OBLYS_ARGS_H
#define OBLYS_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

#define CLI_MAX_OPTIONS 16

typedef struct {
    const char *name;       /* without the leading "--" */
    const char *metavar;    /* e.g. "YEAR"; NULL for a flag */
    const char *help;
} cli_option;

typedef struct {
    const char *db;                         /* --db, or NULL */
    bool help;
    const char *values[CLI_MAX_OPTIONS];    /* per option: its value, "" for a set flag, NULL if absent */
    size_t npositional;
    char **positional;                      /* points into argv; array owned here */
    size_t ngiven;
    int *given_option;                      /* every option value in order: its option... */
    const char **given_value;               /* ...and its value (into argv); arrays owned here */
} cli_args;

/* Parses argv[0..argc) (the words after the command's name). */
oblys_status cli_parse(int argc, char **argv, const cli_option *opts, cli_args *out,
                       oblys_error *err);
void cli_args_free(cli_args *a);

/* The value of option name, or NULL. */
const char *cli_value(const cli_args *a, const cli_option *opts, const char *name);
bool cli_flag(const cli_args *a, const cli_option *opts, const char *name);
/* Every value given to option name, in order, into values (at most max);
 * returns how many were given. */
size_t cli_values(const cli_args *a, const cli_option *opts, const char *name,
                  const char **values, size_t max);

/* The database to use: --db, else $OBLYS_DB, else "oblys.db". */
const char *cli_db_path(const cli_args *a, const char *global_db);

/* Prints "usage" and the options (with --db and --help) to out. */
void cli_print_help(const char *usage, const char *about, const cli_option *opts, FILE *out);

/* Parses a year given on the command line (1900..2100). */
oblys_status cli_parse_year(const char *text, int *year, oblys_error *err);

#endif
