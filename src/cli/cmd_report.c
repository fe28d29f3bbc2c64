/*
 * cmd_report.c - `oblys report NAME`: gaps, ranking, trend, region,
 * gender, urban-rural or changes, in any output format.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "db/db.h"
#include "report/reports.h"

static const cli_option OPTIONS[] = {
    { "year", "YEAR", "the year (default: the latest with data)" },
    { "indicator", "CODE", "one indicator (required by trend)" },
    { "index", "CODE", "ranking: a stored index definition (default: the paper's v_index)" },
    { "from", "YEAR", "changes, gender, urban-rural: the first year compared" },
    { "to", "YEAR", "changes, gender, urban-rural: the last year compared" },
    { "threshold", "PCT", "changes: show values that changed by more than PCT % (default 20)" },
    { "format", "FORMAT", CLI_FORMAT_HELP },
    { "as-of", "LOAD|DATE", "the data as it was after that load, or on that date" },
    { "geography", "GEO", "as-reported (default), fixed-2016 (the 2016 units) or current" },
    { "provenance", NULL, "with --format csv: how the report was made, as # comment lines" },
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
    "           per year\n"
    "  region REGION\n"
    "           one region's profile: every indicator's value, rank, change from the\n"
    "           previous year, improved or worsened; what moved most\n"
    "  gender   women's values as % of men's per region, and how the gap changed\n"
    "  urban-rural\n"
    "           rural values as % of urban per region, and how the gap changed\n"
    "  changes  --from YEAR --to YEAR: index ranks that moved most, gaps that widened\n"
    "           or narrowed most, values that changed beyond --threshold\n"
    "\n"
    "Every report ends with its provenance (the oblys version, the latest load, the\n"
    "--as-of and --geography in effect, the index definition for ranking, and the\n"
    "SHA-256 of the report as CSV); in CSV only with --provenance.";

typedef oblys_status (*report_builder)(sqlite3 *, const report_params *, report **,
                                       oblys_error *);

#define REPORT_NAMES "gaps, ranking, trend, region, gender, urban-rural or changes"

static report_builder find_builder(const char *name)
{
    if (strcmp(name, "gaps") == 0)
        return report_gaps;
    if (strcmp(name, "ranking") == 0)
        return report_ranking;
    if (strcmp(name, "trend") == 0)
        return report_trend;
    if (strcmp(name, "region") == 0)
        return report_region;
    if (strcmp(name, "gender") == 0)
        return report_gender;
    if (strcmp(name, "urban-rural") == 0)
        return report_urban_rural;
    if (strcmp(name, "changes") == 0)
        return report_changes;
    return NULL;
}

/* --from, --to and --threshold, for the reports that compare two years. */
static oblys_status read_range(const cli_args *args, report_params *p, oblys_error *err)
{
    const char *from = cli_value(args, OPTIONS, "from");
    const char *to = cli_value(args, OPTIONS, "to");
    const char *threshold = cli_value(args, OPTIONS, "threshold");
    p->from = p->to = 0;
    p->threshold_pct = -1;
    if (from && cli_parse_year(from, &p->from, err) != OBLYS_OK)
        return OBLYS_EUSAGE;
    if (to && cli_parse_year(to, &p->to, err) != OBLYS_OK)
        return OBLYS_EUSAGE;
    if (threshold) {
        char *end = NULL;
        p->threshold_pct = strtod(threshold, &end);
        if (end == threshold || *end || !(p->threshold_pct >= 0))
            return error_set(err, OBLYS_EUSAGE, "--threshold wants a percentage of 0 or more, "
                             "not \"%s\"", threshold);
    }
    return OBLYS_OK;
}

static oblys_status read_params(const cli_args *args, report_params *p, report_format *format,
                                report_builder *builder, oblys_error *err)
{
    if (args->npositional < 1)
        return error_set(err, OBLYS_EUSAGE, "say which report: " REPORT_NAMES);
    *builder = find_builder(args->positional[0]);
    if (!*builder)
        return error_set(err, OBLYS_EUSAGE, "unknown report \"%s\" (" REPORT_NAMES ")",
                         args->positional[0]);
    bool takes_region = *builder == report_region;
    if (args->npositional != (takes_region ? 2u : 1u))
        return error_set(err, OBLYS_EUSAGE, takes_region ? "say which region: oblys report "
                         "region REGION" : "report %s takes no other word (\"%s\")",
                         args->positional[0], args->positional[args->npositional - 1]);
    p->region = takes_region ? args->positional[1] : NULL;
    if (read_range(args, p, err) != OBLYS_OK)
        return OBLYS_EUSAGE;
    const char *year = cli_value(args, OPTIONS, "year");
    p->year = 0;
    p->indicator = cli_value(args, OPTIONS, "indicator");
    p->index = cli_value(args, OPTIONS, "index");
    if (p->index && *builder != report_ranking)
        return error_set(err, OBLYS_EUSAGE, "--index applies to the ranking report only");
    if (year && cli_parse_year(year, &p->year, err) != OBLYS_OK)
        return OBLYS_EUSAGE;
    oblys_status st = cli_format(cli_value(args, OPTIONS, "format"), format, err);
    return st;
}

int cmd_report(int argc, char **argv, const char *global_db)
{
    cli_args args;
    int code = cli_begin("report", argc, argv, OPTIONS,
                         "oblys report gaps|ranking|trend|region REGION|gender|urban-rural|changes "
                         "[--year YEAR] [--indicator CODE] [--from YEAR] [--to YEAR] "
                         "[--threshold PCT] [--index CODE] "
                         "[--as-of LOAD|DATE] [--geography GEO] [--format FORMAT] [--provenance]", ABOUT, &args);
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
        const char *geography = cli_value(&args, OPTIONS, "geography");
        provenance_options how = {
            .as_of = cli_value(&args, OPTIONS, "as-of"),
            .geography = geography ? geography : "as-reported",
            .uses_index = builder == report_ranking,
            .index_code = cli_value(&args, OPTIONS, "index"),
        };
        st = cli_write_report(db, r, format, cli_flag(&args, OPTIONS, "provenance"), &how,
                              &err);
    }
    if (st == OBLYS_OK) {
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
