/*
 * cmd_check.c - `oblys check`: every published derived figure against the
 * value recomputed from the stored observations, classified as matches,
 * consistent (within rounding) or inconsistent, inconsistent first.
 */
#include <stdio.h>

#include "cli/commands.h"
#include "db/db.h"
#include "report/reports.h"

static const cli_option OPTIONS[] = {
    { "format", "FORMAT", CLI_FORMAT_HELP },
    { "as-of", "LOAD|DATE", "the data as it was after that load, or on that date" },
    { "status", "STATUS", "only figures with this verdict: matches, consistent, inconsistent, "
                          "not_recomputable or no_data" },
    { "strict", NULL, "exit with status 1 when any figure shown is inconsistent or any value breaks a validation rule" },
    { "table", "NAME", "only this table (CSV: one header); --strict still judges them all" },
    { "provenance", NULL, "with --format csv: how the report was made, as # comment lines" },
    { NULL, NULL, NULL },
};

int cmd_check(int argc, char **argv, const char *global_db)
{
    cli_args args;
    int code = cli_begin("check", argc, argv, OPTIONS,
                         "oblys check [--status STATUS] [--as-of LOAD|DATE] [--table NAME] "
                         "[--format FORMAT] [--strict] [--provenance]",
                         "Compares every published derived figure in the database with the "
                         "value the views recompute, and says whether the rounding of the "
                         "published inputs explains any difference.", &args);
    if (code >= 0)
        return code;
    oblys_error err = OBLYS_ERROR_INIT;
    report_format format = FORMAT_TEXT;
    sqlite3 *db = NULL;
    report *r = NULL;
    strbuf as_of_note = STRBUF_INIT;
    int n_inconsistent = 0, n_findings = 0;
    oblys_status st = cli_format(cli_value(&args, OPTIONS, "format"), &format, &err);
    if (st == OBLYS_OK)
        st = cli_open_for_report(cli_db_path(&args, global_db), cli_value(&args, OPTIONS, "as-of"), NULL,
                                 &db, &as_of_note, &err);
    if (st == OBLYS_OK)
        st = report_check(db, cli_value(&args, OPTIONS, "status"), &r, &n_inconsistent, &n_findings,
                          &err);
    if (st == OBLYS_OK && cli_value(&args, OPTIONS, "table"))
        st = report_keep_table(r, cli_value(&args, OPTIONS, "table"), &err);
    if (st == OBLYS_OK) {
        report_add_notes(r, strbuf_str(&as_of_note));
        provenance_options how = { .as_of = cli_value(&args, OPTIONS, "as-of") };
        st = cli_write_report(db, r, format, cli_flag(&args, OPTIONS, "provenance"), &how,
                              &err);
    }
    if (st == OBLYS_OK) {
        code = (n_inconsistent > 0 || n_findings > 0) && cli_flag(&args, OPTIONS, "strict")
                   ? OBLYS_EDATA : 0;
    } else {
        code = cli_fail("check", &err);
    }
    report_free(r);
    strbuf_free(&as_of_note);
    db_close(db);
    error_clear(&err);
    cli_args_free(&args);
    return code;
}
