/*
 * cmd_undo.c - `oblys undo LOAD`: revert one load of series or published
 * figures. Values it added are removed and values it revised get their
 * previous version back; refused when a later load revised what it wrote.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "db/db.h"
#include "db/history.h"

static const cli_option OPTIONS[] = { { NULL, NULL, NULL } };

int cmd_undo(int argc, char **argv, const char *global_db)
{
    cli_args args;
    int code = cli_begin("undo", argc, argv, OPTIONS, "oblys undo LOAD",
                         "Reverts load number LOAD (see `oblys loads`): removes the values it "
                         "added and restores the ones it revised. Refuses when a later load "
                         "revised values this one wrote, and says which.", &args);
    if (code >= 0)
        return code;
    oblys_error err = OBLYS_ERROR_INIT;
    const char *path = cli_db_path(&args, global_db);
    sqlite3 *db = NULL;
    oblys_status st = OBLYS_OK;
    char *end = NULL;
    errno = 0;
    long long load = args.npositional == 1 ? strtoll(args.positional[0], &end, 10) : 0;
    if (args.npositional != 1 || end == args.positional[0] || *end || load <= 0 || errno)
        st = error_set(&err, OBLYS_EUSAGE, "say which load to undo, by its number (see "
                       "`oblys loads`)");
    if (st == OBLYS_OK)
        st = db_open_current(path, DB_READ_WRITE, &db, &err);
    undo_counts counts;
    if (st == OBLYS_OK)
        st = history_undo(db, load, &counts, &err);
    if (st == OBLYS_OK) {
        fprintf(stderr, "%s: load %lld undone: %lld value%s restored, %lld removed\n", path,
                load, counts.restored, counts.restored == 1 ? "" : "s", counts.removed);
        code = 0;
    } else {
        code = cli_fail("undo", &err);
    }
    db_close(db);
    error_clear(&err);
    cli_args_free(&args);
    return code;
}
