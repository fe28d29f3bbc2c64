/*
 * commands.h - the subcommands of oblys, one file each (cmd_*.c), all
 * with the same signature: the words after the command's name and the
 * --db given before it (or NULL). Each returns the process exit code
 * (see error.h and docs/cli.md).
 */
#ifndef OBLYS_COMMANDS_H
#define OBLYS_COMMANDS_H

#include "cli/args.h"

typedef int (*command_fn)(int argc, char **argv, const char *global_db);

int cmd_init(int argc, char **argv, const char *global_db);
int cmd_import(int argc, char **argv, const char *global_db);
int cmd_report(int argc, char **argv, const char *global_db);
int cmd_check(int argc, char **argv, const char *global_db);

/* Prints "oblys COMMAND: message" on stderr and returns err's status as
 * the exit code. */
int cli_fail(const char *command, const oblys_error *err);

/* Parses argv for a command; on --help prints the help to stdout. Returns
 * -1 to go on, or the exit code to return now. */
int cli_begin(const char *command, int argc, char **argv, const cli_option *opts,
              const char *usage, const char *about, cli_args *args);

#endif
