/*
 * args.c - the shared command-line parser (see args.h).
 */
#include "cli/args.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/namekey.h"

static int find_option(const cli_option *opts, const char *name, size_t len)
{
    for (int i = 0; opts && opts[i].name; i++)
        if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0)
            return i;
    return -1;
}

/* How far an option name is from what was typed: the edit distance, and
 * on a tie the name of the same length first ("--fromat" is --format,
 * two substitutions, before --from, two deletions); SIZE_MAX when too far
 * to be a slip of the keyboard (one edit in a word of up to three
 * letters, two otherwise: "--yaer" is --year). */
static size_t option_score(const char *typed, size_t len, const char *name)
{
    size_t d = name_distance(typed, name);
    if (d > (len < 4 ? 1u : 2u))
        return SIZE_MAX;
    return 2 * d + (strlen(name) != len);
}

/* Keeps name in *best when it is closer to what was typed than *best. */
static void consider_option(const char *typed, size_t len, const char *name, const char **best,
                            size_t *best_score)
{
    size_t score = option_score(typed, len, name);
    if (score < *best_score) {
        *best = name;
        *best_score = score;
    }
}

/* The option closest to an unknown one, or NULL when none is close. */
static const char *closest_option(const cli_option *opts, const char *word, size_t len)
{
    char *typed = xstrndup(word, len);
    const char *best = NULL;
    size_t best_score = SIZE_MAX;
    consider_option(typed, len, "db", &best, &best_score);
    consider_option(typed, len, "help", &best, &best_score);
    for (int i = 0; opts && opts[i].name; i++)
        consider_option(typed, len, opts[i].name, &best, &best_score);
    free(typed);
    return best;
}

static oblys_status unknown_long_option(const cli_option *opts, const char *word, size_t len,
                                        oblys_error *err)
{
    const char *guess = closest_option(opts, word, len);
    if (guess)
        return error_set(err, OBLYS_EUSAGE,
                         "unknown option --%.*s; did you mean --%s? (see --help)", (int)len,
                         word, guess);
    return error_set(err, OBLYS_EUSAGE, "unknown option --%.*s (see --help)", (int)len, word);
}

static oblys_status take_value(int argc, char **argv, int *i, const char *eq,
                               const char *name, const char **value, oblys_error *err)
{
    if (eq) {
        *value = eq + 1;
        return OBLYS_OK;
    }
    if (*i + 1 >= argc)
        return error_set(err, OBLYS_EUSAGE, "option --%s needs a value", name);
    *value = argv[++*i];
    return OBLYS_OK;
}

static oblys_status parse_long(int argc, char **argv, int *i, const cli_option *opts,
                               cli_args *out, oblys_error *err)
{
    const char *word = argv[*i] + 2;
    const char *eq = strchr(word, '=');
    size_t len = eq ? (size_t)(eq - word) : strlen(word);
    if (len == 2 && strncmp(word, "db", 2) == 0)
        return take_value(argc, argv, i, eq, "db", &out->db, err);
    if (len == 4 && strncmp(word, "help", 4) == 0) {
        out->help = true;
        return OBLYS_OK;
    }
    int k = find_option(opts, word, len);
    if (k < 0)
        return unknown_long_option(opts, word, len, err);
    if (!opts[k].metavar) {
        if (eq)
            return error_set(err, OBLYS_EUSAGE, "option --%s takes no value", opts[k].name);
        out->values[k] = "";
        return OBLYS_OK;
    }
    oblys_status st = take_value(argc, argv, i, eq, opts[k].name, &out->values[k], err);
    if (st == OBLYS_OK) {
        out->given_option[out->ngiven] = k;
        out->given_value[out->ngiven++] = out->values[k];
    }
    return st;
}

oblys_status cli_parse(int argc, char **argv, const cli_option *opts, cli_args *out,
                       oblys_error *err)
{
    memset(out, 0, sizeof *out);
    out->positional = xcalloc((size_t)argc + 1, sizeof *out->positional);
    out->given_option = xcalloc((size_t)argc + 1, sizeof *out->given_option);
    out->given_value = xcalloc((size_t)argc + 1, sizeof *out->given_value);
    bool options_done = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
            out->positional[out->npositional++] = argv[i];
        } else if (strcmp(arg, "--") == 0) {
            options_done = true;
        } else if (strcmp(arg, "-h") == 0) {
            out->help = true;
        } else if (arg[1] == '-') {
            oblys_status st = parse_long(argc, argv, &i, opts, out, err);
            if (st != OBLYS_OK)
                return st;
        } else {
            return error_set(err, OBLYS_EUSAGE, "unknown option %s (see --help)", arg);
        }
    }
    return OBLYS_OK;
}

void cli_args_free(cli_args *a)
{
    free(a->positional);
    free(a->given_option);
    free(a->given_value);
    a->positional = NULL;
    a->given_option = NULL;
    a->given_value = NULL;
}

const char *cli_value(const cli_args *a, const cli_option *opts, const char *name)
{
    int k = find_option(opts, name, strlen(name));
    return k < 0 ? NULL : a->values[k];
}

size_t cli_values(const cli_args *a, const cli_option *opts, const char *name,
                  const char **values, size_t max)
{
    int k = find_option(opts, name, strlen(name));
    size_t n = 0;
    for (size_t i = 0; i < a->ngiven; i++)
        if (a->given_option[i] == k) {
            if (n < max)
                values[n] = a->given_value[i];
            n++;
        }
    return n;
}

bool cli_flag(const cli_args *a, const cli_option *opts, const char *name)
{
    return cli_value(a, opts, name) != NULL;
}

const char *cli_db_path(const cli_args *a, const char *global_db)
{
    if (a->db)
        return a->db;
    if (global_db)
        return global_db;
    const char *env = getenv("OBLYS_DB");
    return env && *env ? env : "oblys.db";
}

void cli_print_help(const char *usage, const char *about, const cli_option *opts, FILE *f)
{
    fprintf(f, "usage: %s\n\n%s\n\noptions:\n", usage, about);
    for (int i = 0; opts && opts[i].name; i++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", opts[i].name, opts[i].metavar ? " " : "",
                 opts[i].metavar ? opts[i].metavar : "");
        fprintf(f, "  %-24s %s\n", left, opts[i].help);
    }
    fprintf(f, "  %-24s %s\n", "--db FILE",
            "the database (default: $OBLYS_DB, else oblys.db in this folder)");
    fprintf(f, "  %-24s %s\n", "-h, --help", "show this help and exit");
}

oblys_status cli_parse_year(const char *text, int *year, oblys_error *err)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (end == text || *end || v < 1900 || v > 2100)
        return error_set(err, OBLYS_EUSAGE, "\"%s\" is not a year from 1900 to 2100", text);
    *year = (int)v;
    return OBLYS_OK;
}
