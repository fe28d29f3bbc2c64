/*
 * common.c - what every subcommand does the same way: parse its options,
 * answer --help, open the database for a report, write a report with its
 * provenance, and report a failure once on stderr.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "db/db.h"
#include "db/geography.h"
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
static const char SQL_LATEST_LOAD[] = "SELECT coalesce(max(id), 0) FROM load";

static void describe_load(sqlite3 *db, long long load, strbuf *note)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, SQL_LOAD_LABEL, -1, &stmt, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(stmt, 1, load);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        strbuf_printf(note, "As of %s: the data as it was right after that load.",
                      sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
}

static long long latest_load(sqlite3 *db)
{
    sqlite3_stmt *stmt = NULL;
    long long load = 0;
    if (sqlite3_prepare_v2(db, SQL_LATEST_LOAD, -1, &stmt, NULL) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        load = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return load;
}

oblys_status cli_open_for_report(const char *path, const char *as_of, const char *geography_text,
                                 sqlite3 **db, strbuf *notes, oblys_error *err)
{
    strbuf_reset(notes);
    geography geo = GEOGRAPHY_AS_REPORTED;
    if (geography_text && !geography_parse(geography_text, &geo))
        return error_set(err, OBLYS_EUSAGE, "unknown geography \"%s\" (as-reported, "
                         "fixed-2016 or current)", geography_text);
    oblys_status st = db_open_current(path, DB_READ_ONLY, db, err);
    if (st != OBLYS_OK || (!as_of && geo == GEOGRAPHY_AS_REPORTED))
        return st;
    long long load = latest_load(*db);
    if (as_of) {
        st = history_find_load(*db, as_of, &load, err);
        if (st == OBLYS_OK)
            describe_load(*db, load, notes);
    }
    if (geo != GEOGRAPHY_AS_REPORTED)
        strbuf_printf(notes, "%s%s", notes->len ? "\n" : "", geography_note(geo));
    db_close(*db);
    *db = NULL;
    if (st == OBLYS_OK)
        st = history_snapshot(path, load, db, err);
    if (st == OBLYS_OK)
        st = geography_apply(*db, geo, err);
    return st;
}

oblys_status cli_write_report(sqlite3 *db, const report *r, report_format format,
                              bool csv_provenance, const provenance_options *options,
                              oblys_error *err)
{
    if (format == FORMAT_XLSX && isatty(fileno(stdout)))
        return error_set(err, OBLYS_EUSAGE, "XLSX is a binary file and stdout is a terminal: "
                         "redirect it to a file (> report.xlsx)");
    provenance *p = NULL;
    if (db) {
        oblys_status st = provenance_build(db, r, options, &p, err);
        if (st != OBLYS_OK)
            return st;
    }
    oblys_status st = OBLYS_OK;
    if (format == FORMAT_XLSX)
        st = write_xlsx(r, p, stdout, err);
    else
        report_write(r, format == FORMAT_CSV && !csv_provenance ? NULL : p, format, stdout);
    provenance_free(p);
    return st;
}

oblys_status cli_format(const char *name, report_format *out, oblys_error *err)
{
    *out = FORMAT_TEXT;
    if (name && !report_format_parse(name, out))
        return error_set(err, OBLYS_EUSAGE, "unknown format \"%s\" (text, csv, json, md, "
                         "html or xlsx)", name);
    return OBLYS_OK;
}
