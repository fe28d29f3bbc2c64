/*
 * main.c - the oblys command: global options, then one subcommand.
 *
 *   oblys [--db FILE] COMMAND [OPTIONS] [ARGS]
 *
 * Data goes to stdout, messages to stderr; the exit code says what
 * happened (0 ok, 1 data rejected, 2 usage, 3 database, 4 file I/O).
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

#ifndef OBLYS_VERSION
#define OBLYS_VERSION "unknown"
#endif

static const struct {
    const char *name;
    command_fn run;
    const char *summary;
} COMMANDS[] = {
    { "init", cmd_init, "create the database, or upgrade it to the current schema" },
    { "import", cmd_import, "load series and metadata files (CSV or JSON), each atomically" },
    { "report", cmd_report, "print a report: gaps, ranking, trend, region, gender, "
                            "urban-rural or changes" },
    { "check", cmd_check, "compare published derived figures with recomputed ones" },
    { "loads", cmd_loads, "list the imports that changed the database" },
    { "sql", cmd_sql, "run a read-only SQL query, printed in any format" },
    { "undo", cmd_undo, "revert one load, restoring the values it replaced" },
};
#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static void print_usage(FILE *out)
{
    fputs("usage: oblys [--db FILE] COMMAND [OPTIONS] [ARGS]\n\n"
          "Regional social indicators of Kazakhstan in one SQLite file.\n\ncommands:\n", out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fputs("\n'oblys COMMAND --help' tells more. The database is --db FILE, else $OBLYS_DB,\n"
          "else oblys.db in the current folder. Documentation: docs/cli.md.\n", out);
}

int main(int argc, char **argv)
{
    const char *global_db = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("oblys %s\n", OBLYS_VERSION);
            return 0;
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            global_db = argv[++i];
        } else if (strcmp(argv[i], "--db") == 0) {
            fputs("oblys: option --db needs a value\n", stderr);
            return OBLYS_EUSAGE;
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            global_db = argv[i] + 5;
        } else {
            fprintf(stderr, "oblys: unknown option %s\n", argv[i]);
            print_usage(stderr);
            return OBLYS_EUSAGE;
        }
    }
    if (i >= argc) {
        print_usage(stderr);
        return OBLYS_EUSAGE;
    }
    if (strcmp(argv[i], "help") == 0) {
        print_usage(stdout);
        return 0;
    }
    for (size_t k = 0; k < NCOMMANDS; k++)
        if (strcmp(argv[i], COMMANDS[k].name) == 0)
            return COMMANDS[k].run(argc - i - 1, argv + i + 1, global_db);
    fprintf(stderr, "oblys: unknown command \"%s\"\n", argv[i]);
    print_usage(stderr);
    return OBLYS_EUSAGE;
}
