/*
 * cmd_loads.c - `oblys loads`: every import that changed the database.
 */
#include <stdio.h>

#include "cli/commands.h"
#include "db/db.h"
#include "report/reports.h"

static const cli_option OPTIONS[] = {
    { "format", "FORMAT", CLI_FORMAT_HELP },
    { NULL, NULL, NULL },
};

int cmd_loads(int argc, char **argv, const char *global_db)
{
    cli_args args;
    int code = cli_begin("loads", argc, argv, OPTIONS, "oblys loads [--format FORMAT]",
                         "Lists every load (an import that changed the database): its number, "
                         "file, SHA-256, time and counts, and when it was undone.", &args);
    if (code >= 0)
        return code;
    oblys_error err = OBLYS_ERROR_INIT;
    report_format format = FORMAT_TEXT;
    sqlite3 *db = NULL;
    report *r = NULL;
    oblys_status st = cli_format(cli_value(&args, OPTIONS, "format"), &format, &err);
    if (st == OBLYS_OK && args.npositional > 0)
        st = error_set(&err, OBLYS_EUSAGE, "loads takes no arguments");
    if (st == OBLYS_OK)
        st = db_open_current(cli_db_path(&args, global_db), DB_READ_ONLY, &db, &err);
    if (st == OBLYS_OK)
        st = report_loads(db, &r, &err);
    if (st == OBLYS_OK)
        st = cli_write_report(NULL, r, format, false, NULL, &err);
    if (st == OBLYS_OK) {
        code = 0;
    } else {
        code = cli_fail("loads", &err);
    }
    report_free(r);
    db_close(db);
    error_clear(&err);
    cli_args_free(&args);
    return code;
}
