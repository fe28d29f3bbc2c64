/*
 * common.c - what every subcommand does the same way: parse its options,
 * answer --help, and report a failure once on stderr.
 */
#include <stdio.h>

#include "cli/commands.h"

int cli_fail(const char *command, const oblys_error *err)
{
    fprintf(stderr, "oblys %s: %s\n", command, error_message(err));
    return (int)err->status;
}

int cli_begin(const char *command, int argc, char **argv, const cli_option *opts,
              const char *usage, const char *about, cli_args *args)
{
    oblys_error err = OBLYS_ERROR_INIT;
    if (cli_parse(argc, argv, opts, args, &err) != OBLYS_OK) {
        int code = cli_fail(command, &err);
        error_clear(&err);
        cli_args_free(args);
        return code;
    }
    if (args->help) {
        cli_print_help(usage, about, opts, stdout);
        cli_args_free(args);
        return 0;
    }
    return -1;
}
