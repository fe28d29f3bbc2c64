/*
 * common.c - what every subcommand does the same way: parse its options,
 * answer --help, and report a failure once on stderr.
 */
#include <stdio.h>

#include "cli/commands.h"
#include "db/db.h"
#include "db/history.h"

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

static const char SQL_LOAD_LABEL[] =
    "SELECT 'load ' || id || ' (' || file || ', ' || loaded_at || ')' FROM load WHERE id = ?1";

oblys_status cli_open_for_report(const char *path, const char *as_of, sqlite3 **db, strbuf *note,
                        oblys_error *err)
{
    strbuf_reset(note);
    oblys_status st = db_open_current(path, DB_READ_ONLY, db, err);
    if (st != OBLYS_OK || !as_of)
        return st;
    long long load = 0;
    st = history_find_load(*db, as_of, &load, err);
    if (st == OBLYS_OK) {
        sqlite3_stmt *stmt = NULL;
        if (sqlite3_prepare_v2(*db, SQL_LOAD_LABEL, -1, &stmt, NULL) == SQLITE_OK) {
            sqlite3_bind_int64(stmt, 1, load);
            if (sqlite3_step(stmt) == SQLITE_ROW)
                strbuf_printf(note, "As of %s: the data as it was right after that load.",
                              sqlite3_column_text(stmt, 0));
            sqlite3_finalize(stmt);
        }
    }
    db_close(*db);
    *db = NULL;
    if (st == OBLYS_OK)
        st = history_snapshot(path, load, db, err);
    return st;
}
