/*
 * cmd_report.c - `oblys report NAME`: gaps, ranking or trend, in any
 * output format.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "db/db.h"
#include "report/reports.h"

static const cli_option OPTIONS[] = {
    { "year", "YEAR", "the year (default: the latest with data)" },
    { "indicator", "CODE", "one indicator (required by trend)" },
    { "index", "CODE", "ranking: a stored index definition (default: the paper's v_index)" },
    { "format", "FORMAT", "text (default), csv, json or md" },
    { "as-of", "LOAD|DATE", "the data as it was after that load, or on that date" },
    { "geography", "GEO", "as-reported (default), fixed-2016 (the 2016 units) or current" },
    { NULL, NULL, NULL },
};

static const char ABOUT[] =
    "Reports, computed by the views in the database:\n"
    "  gaps     spread across regions of every indicator in one year (max, min, the\n"
    "           regions holding them, max/min, coefficient of variation), or of one\n"
    "           --indicator over all years\n"
    "  ranking  regions by the composite social-development index of one year, and\n"
    "           its agreement with a published rating; with --index CODE, by a stored\n"
    "           index definition, with rank change, robustness and attribution\n"
    "  trend    one --indicator for every region and year, with growth, and its gap\n"
    "           per year";

typedef oblys_status (*report_builder)(sqlite3 *, const report_params *, report **,
                                       oblys_error *);

static report_builder find_builder(const char *name)
{
    if (strcmp(name, "gaps") == 0)
        return report_gaps;
    if (strcmp(name, "ranking") == 0)
        return report_ranking;
    if (strcmp(name, "trend") == 0)
        return report_trend;
    return NULL;
}

static oblys_status read_params(const cli_args *args, report_params *p, report_format *format,
                                report_builder *builder, oblys_error *err)
{
    if (args->npositional != 1)
        return error_set(err, OBLYS_EUSAGE, "say which report: gaps, ranking or trend");
    *builder = find_builder(args->positional[0]);
    if (!*builder)
        return error_set(err, OBLYS_EUSAGE, "unknown report \"%s\" (gaps, ranking or trend)",
                         args->positional[0]);
    const char *year = cli_value(args, OPTIONS, "year");
    p->year = 0;
    p->indicator = cli_value(args, OPTIONS, "indicator");
    p->index = cli_value(args, OPTIONS, "index");
    if (p->index && *builder != report_ranking)
        return error_set(err, OBLYS_EUSAGE, "--index applies to the ranking report only");
    if (year && cli_parse_year(year, &p->year, err) != OBLYS_OK)
        return OBLYS_EUSAGE;
    oblys_status st = cli_format(cli_value(args, OPTIONS, "format"), format, err);
    p->ascii = *format == FORMAT_CSV;
    return st;
}

int cmd_report(int argc, char **argv, const char *global_db)
{
    cli_args args;
    int code = cli_begin("report", argc, argv, OPTIONS,
                         "oblys report gaps|ranking|trend [--year YEAR] [--indicator CODE] "
                         "[--index CODE] [--as-of LOAD|DATE] [--geography GEO] [--format FORMAT]", ABOUT, &args);
    if (code >= 0)
        return code;
    oblys_error err = OBLYS_ERROR_INIT;
    report_params params;
    report_format format = FORMAT_TEXT;
    report_builder builder = NULL;
    sqlite3 *db = NULL;
    report *r = NULL;
    strbuf as_of_note = STRBUF_INIT;
    oblys_status st = read_params(&args, &params, &format, &builder, &err);
    if (st == OBLYS_OK)
        st = cli_open_for_report(cli_db_path(&args, global_db), cli_value(&args, OPTIONS, "as-of"),
                                 cli_value(&args, OPTIONS, "geography"), &db, &as_of_note,
                                 &err);
    if (st == OBLYS_OK)
        st = builder(db, &params, &r, &err);
    if (st == OBLYS_OK) {
        report_add_notes(r, strbuf_str(&as_of_note));
        report_write(r, format, stdout);
        code = 0;
    } else {
        code = cli_fail("report", &err);
    }
    report_free(r);
    strbuf_free(&as_of_note);
    db_close(db);
    error_clear(&err);
    cli_args_free(&args);
    return code;
}
