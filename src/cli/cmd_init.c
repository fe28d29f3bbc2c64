/*
 * cmd_init.c - `oblys init`: create the database, or bring an existing
 * one up to the schema this oblys knows (applying the migrations it has
 * not run yet, then compacting the file). Refuses a database written by a
 * newer oblys.
 */
#include <stdio.h>

#include "cli/commands.h"
#include "db/db.h"
#include "db/maintain.h"
#include "db/migrate.h"

static const cli_option OPTIONS[] = { { NULL, NULL, NULL } };

int cmd_init(int argc, char **argv, const char *global_db)
{
    cli_args args;
    int code = cli_begin("init", argc, argv, OPTIONS, "oblys init [--db FILE]",
                         "Creates the database, or upgrades it to the current schema. "
                         "Safe to run again.", &args);
    if (code >= 0)
        return code;
    oblys_error err = OBLYS_ERROR_INIT;
    const char *path = cli_db_path(&args, global_db);
    sqlite3 *db = NULL;
    int before = 0, applied = 0;
    bool compacted = false;
    oblys_status st = db_open(path, DB_CREATE, &db, &err);
    bool opened = st == OBLYS_OK;       /* db_open's messages name the file already */
    if (st == OBLYS_OK)
        st = migrate_current_version(db, &before, &err);
    if (st == OBLYS_OK)
        st = migrate_apply(db, &applied, &err);
    if (st == OBLYS_OK)
        st = maintain_region_spellings(db, NULL, &err);
    if (st == OBLYS_OK && before > 0)
        st = maintain_compact(db, &compacted, &err);
    if (st == OBLYS_OK) {
        if (applied == 0)
            fprintf(stderr, "%s: schema version %d, up to date%s\n", path, before,
                    compacted ? " (file compacted)" : "");
        else if (before == 0)
            fprintf(stderr, "%s: created, schema version %d\n", path, before + applied);
        else
            fprintf(stderr, "%s: upgraded from schema version %d to %d\n", path, before,
                    before + applied);
        code = 0;
    } else {
        if (opened)
            error_prefix(&err, path);
        code = cli_fail("init", &err);
    }
    db_close(db);
    error_clear(&err);
    cli_args_free(&args);
    return code;
}
