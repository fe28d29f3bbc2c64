/*
 * commands.h - the subcommands of oblys, one file each (cmd_*.c), all
 * with the same signature: the words after the command's name and the
 * --db given before it (or NULL). Each returns the process exit code
 * (see error.h and docs/cli.md).
 */
#ifndef OBLYS_COMMANDS_H
#define OBLYS_COMMANDS_H

#include <sqlite3.h>

#include "cli/args.h"
#include "report/provenance.h"
#include "report/report.h"

typedef int (*command_fn)(int argc, char **argv, const char *global_db);

int cmd_init(int argc, char **argv, const char *global_db);
int cmd_import(int argc, char **argv, const char *global_db);
int cmd_report(int argc, char **argv, const char *global_db);
int cmd_check(int argc, char **argv, const char *global_db);
int cmd_loads(int argc, char **argv, const char *global_db);
int cmd_undo(int argc, char **argv, const char *global_db);
int cmd_sql(int argc, char **argv, const char *global_db);

/* Prints "oblys COMMAND: message" on stderr and returns err's status as
 * the exit code. */
int cli_fail(const char *command, const oblys_error *err);

/* Parses argv for a command; on --help prints the help to stdout. Returns
 * -1 to go on, or the exit code to return now. */
int cli_begin(const char *command, int argc, char **argv, const cli_option *opts,
              const char *usage, const char *about, cli_args *args);

/* Opens the database at path for a report, read-only. With as_of (a load
 * number or date) or a geography other than as-reported (both may be
 * NULL), an in-memory copy of the data as it was after that load, on
 * those boundaries instead; *notes gets one line on each, for the report. */
oblys_status cli_open_for_report(const char *path, const char *as_of, const char *geography,
                                 sqlite3 **db, strbuf *notes, oblys_error *err);

/* Writes r to stdout in format, with its provenance (read from db, the
 * connection r was computed from, and options; none when db is NULL):
 * always in text, Markdown, JSON, HTML and XLSX, in CSV only when
 * csv_provenance (--provenance). XLSX is refused on a terminal. */
oblys_status cli_write_report(sqlite3 *db, const report *r, report_format format,
                              bool csv_provenance, const provenance_options *options,
                              oblys_error *err);
/* --format's help, the same for every command that writes a report. */
#define CLI_FORMAT_HELP "text (default), csv, json, md, html, or xlsx (redirect to a file)"

/* Parses --format's value (NULL: text). */
oblys_status cli_format(const char *name, report_format *out, oblys_error *err);

#endif
