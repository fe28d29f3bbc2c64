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
    { "year", "YEAR",
      "gaps, ranking, region, gender, urban-rural: the year (default: the latest with data)" },
    { "indicator", "CODE", "one indicator: required by trend; gaps, gender, urban-rural, changes" },
    { "index", "CODE", "ranking: a stored index definition (default: the paper's v_index)" },
    { "from", "YEAR", "changes, gender, urban-rural: the first year compared" },
    { "to", "YEAR", "changes, gender, urban-rural: the last year compared" },
    { "threshold", "PCT", "changes: show values that changed by more than PCT % (default 20)" },
    { "table", "NAME", "only this table of the report (CSV: one header); a wrong NAME lists them" },
    { "format", "FORMAT", CLI_FORMAT_HELP },
    { "as-of", "LOAD|DATE", "the data as it was after that load, or on that date" },
    { "geography", "GEO", "as-reported (default), fixed-2016 (the 2016 units) or current" },
    { "provenance", NULL, "with --format csv: how the report was made, as # comment lines" },
    { NULL, NULL, NULL },
};

static const char ABOUT_HEAD[] = "Reports, computed by the views in the database:";
static const char ABOUT_TAIL[] =
    "Every report ends with its provenance (the oblys version, the latest load, the\n"
    "--as-of and --geography in effect, the index definition for ranking, and the\n"
    "SHA-256 of the report as CSV); in CSV only with --provenance.";

typedef oblys_status (*report_builder)(sqlite3 *, const report_params *, report **,
                                       oblys_error *);

/* The options that choose what a report shows, and which report takes which:
 * an option given to a report that does not use it is refused, never
 * silently ignored. (--format, --as-of, --geography and --provenance apply
 * to every report.) */
enum {
    TAKES_YEAR = 1 << 0,
    TAKES_INDICATOR = 1 << 1,
    TAKES_INDEX = 1 << 2,
    TAKES_FROM = 1 << 3,
    TAKES_TO = 1 << 4,
    TAKES_THRESHOLD = 1 << 5,
};

static const struct {
    unsigned flag;
    const char *name;
} SCOPED_OPTIONS[] = {
    { TAKES_YEAR, "year" },     { TAKES_INDICATOR, "indicator" }, { TAKES_INDEX, "index" },
    { TAKES_FROM, "from" },     { TAKES_TO, "to" },               { TAKES_THRESHOLD, "threshold" },
};

typedef struct {
    const char *name;
    const char *words;          /* as typed: "gaps", "region REGION" */
    const char *const *about;   /* what it shows, in lines of at most 67 characters */
    report_builder build;
    unsigned takes;
} report_kind;

#define LINES(...) (const char *const[]){ __VA_ARGS__, NULL }

static const report_kind REPORTS[] = {
    { "gaps", "gaps",
      LINES("spread across regions of every indicator in one year (max, min, the",
            "regions holding them, max/min, coefficient of variation), or of one",
            "--indicator over all years"),
      report_gaps, TAKES_YEAR | TAKES_INDICATOR },
    { "ranking", "ranking",
      LINES("regions by the composite social-development index of one year, and",
            "its agreement with a published rating; with --index CODE, by a stored",
            "index definition, with rank change, robustness and attribution"),
      report_ranking, TAKES_YEAR | TAKES_INDEX },
    { "trend", "trend",
      LINES("one --indicator for every region and year, with growth, and its gap",
            "per year"),
      report_trend, TAKES_INDICATOR },
    { "region", "region REGION",
      LINES("one region's profile: every indicator's value, rank, change from the",
            "previous year, improved or worsened; what moved most"),
      report_region, TAKES_YEAR },
    { "gender", "gender",
      LINES("women's values as % of men's per region, and how the gap changed"),
      report_gender, TAKES_YEAR | TAKES_INDICATOR | TAKES_FROM | TAKES_TO },
    { "urban-rural", "urban-rural",
      LINES("rural values as % of urban per region, and how the gap changed"),
      report_urban_rural, TAKES_YEAR | TAKES_INDICATOR | TAKES_FROM | TAKES_TO },
    { "changes", "changes",
      LINES("--from YEAR --to YEAR: index ranks that moved most, gaps that widened",
            "or narrowed most, values that changed beyond --threshold"),
      report_changes, TAKES_INDICATOR | TAKES_FROM | TAKES_TO | TAKES_THRESHOLD },
};

enum { REPORT_COUNT = sizeof REPORTS / sizeof REPORTS[0] };

#define REPORT_NAMES "gaps, ranking, trend, region, gender, urban-rural or changes"

static const report_kind *find_report(const char *name)
{
    for (size_t i = 0; i < REPORT_COUNT; i++)
        if (strcmp(name, REPORTS[i].name) == 0)
            return &REPORTS[i];
    return NULL;
}

/* "--year and --index", the options a report takes, for a message. */
static void list_taken(unsigned takes, strbuf *out)
{
    size_t n = 0, count = 0;
    for (size_t i = 0; i < sizeof SCOPED_OPTIONS / sizeof SCOPED_OPTIONS[0]; i++)
        count += (takes & SCOPED_OPTIONS[i].flag) != 0;
    for (size_t i = 0; i < sizeof SCOPED_OPTIONS / sizeof SCOPED_OPTIONS[0]; i++) {
        if (!(takes & SCOPED_OPTIONS[i].flag))
            continue;
        n++;
        strbuf_printf(out, "%s--%s", n == 1 ? "" : n == count ? " and " : ", ",
                      SCOPED_OPTIONS[i].name);
    }
}

/* Refuses the first option given that the report does not use. */
static oblys_status refuse_options_not_taken(const cli_args *args, const report_kind *kind,
                                             oblys_error *err)
{
    for (size_t i = 0; i < sizeof SCOPED_OPTIONS / sizeof SCOPED_OPTIONS[0]; i++) {
        if ((kind->takes & SCOPED_OPTIONS[i].flag)
            || !cli_value(args, OPTIONS, SCOPED_OPTIONS[i].name))
            continue;
        strbuf taken = STRBUF_INIT;
        list_taken(kind->takes, &taken);
        error_set(err, OBLYS_EUSAGE, "--%s does not apply to report %s, which takes %s "
                  "(see `oblys report %s --help`)", SCOPED_OPTIONS[i].name, kind->name,
                  strbuf_str(&taken), kind->name);
        strbuf_free(&taken);
        return OBLYS_EUSAGE;
    }
    return OBLYS_OK;
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
    const report_kind *kind = find_report(args->positional[0]);
    if (!kind)
        return error_set(err, OBLYS_EUSAGE, "unknown report \"%s\" (" REPORT_NAMES ")",
                         args->positional[0]);
    *builder = kind->build;
    bool takes_region = kind->build == report_region;
    if (args->npositional != (takes_region ? 2u : 1u))
        return error_set(err, OBLYS_EUSAGE, takes_region ? "say which region: oblys report "
                         "region REGION" : "report %s takes no other word (\"%s\")",
                         args->positional[0], args->positional[args->npositional - 1]);
    p->region = takes_region ? args->positional[1] : NULL;
    if (refuse_options_not_taken(args, kind, err) != OBLYS_OK)
        return OBLYS_EUSAGE;
    if (read_range(args, p, err) != OBLYS_OK)
        return OBLYS_EUSAGE;
    const char *year = cli_value(args, OPTIONS, "year");
    p->year = 0;
    p->indicator = cli_value(args, OPTIONS, "indicator");
    p->index = cli_value(args, OPTIONS, "index");
    if (year && cli_parse_year(year, &p->year, err) != OBLYS_OK)
        return OBLYS_EUSAGE;
    return cli_format(cli_value(args, OPTIONS, "format"), format, err);
}

/* The help's text: every report (all NULL), or one, with what it shows. */
static void write_about(const report_kind *only, strbuf *out)
{
    if (!only)
        strbuf_printf(out, "%s\n", ABOUT_HEAD);
    for (size_t i = 0; i < REPORT_COUNT; i++) {
        const report_kind *k = &REPORTS[i];
        if (only && k != only)
            continue;
        if (only)
            strbuf_printf(out, "Report %s:\n", k->words);
        else if (strlen(k->words) > 8)
            strbuf_printf(out, "  %s\n", k->words);
        for (size_t l = 0; k->about[l]; l++) {
            const char *indent = only ? "  " : l == 0 && strlen(k->words) <= 8 ? "" : "           ";
            if (!only && l == 0 && strlen(k->words) <= 8)
                strbuf_printf(out, "  %-8s ", k->words);
            strbuf_printf(out, "%s%s\n", indent, k->about[l]);
        }
    }
    strbuf_printf(out, "\n%s", ABOUT_TAIL);
}

/* Whether a report shows option o in its help: the options that choose
 * what it shows if it takes them, and all the others. */
static bool report_shows_option(const report_kind *k, const char *name)
{
    for (size_t i = 0; i < sizeof SCOPED_OPTIONS / sizeof SCOPED_OPTIONS[0]; i++)
        if (strcmp(SCOPED_OPTIONS[i].name, name) == 0)
            return (k->takes & SCOPED_OPTIONS[i].flag) != 0;
    return true;
}

/* The usage line and options of every report (only NULL) or of one:
 * `oblys report gaps --help` lists only what gaps takes. */
static void print_help(const report_kind *only)
{
    strbuf usage = STRBUF_INIT, about = STRBUF_INIT;
    cli_option opts[sizeof OPTIONS / sizeof OPTIONS[0]];
    size_t n = 0;
    strbuf_append(&usage, "oblys report ");
    for (size_t i = 0; i < REPORT_COUNT; i++)
        if (!only || &REPORTS[i] == only)
            strbuf_printf(&usage, "%s%s", only || i == 0 ? "" : "|", REPORTS[i].words);
    for (size_t i = 0; OPTIONS[i].name; i++) {
        if (only && !report_shows_option(only, OPTIONS[i].name))
            continue;
        opts[n++] = OPTIONS[i];
        strbuf_printf(&usage, " [--%s%s%s]", OPTIONS[i].name, OPTIONS[i].metavar ? " " : "",
                      OPTIONS[i].metavar ? OPTIONS[i].metavar : "");
    }
    opts[n] = (cli_option){ NULL, NULL, NULL };
    write_about(only, &about);
    cli_print_help(strbuf_str(&usage), strbuf_str(&about), opts, stdout);
    strbuf_free(&usage);
    strbuf_free(&about);
}

int cmd_report(int argc, char **argv, const char *global_db)
{
    cli_args args;
    oblys_error err = OBLYS_ERROR_INIT;
    if (cli_parse(argc, argv, OPTIONS, &args, &err) != OBLYS_OK) {
        int code = cli_fail("report", &err);
        error_clear(&err);
        cli_args_free(&args);
        return code;
    }
    if (args.help && args.npositional > 0 && !find_report(args.positional[0])) {
        error_set(&err, OBLYS_EUSAGE, "unknown report \"%s\" (" REPORT_NAMES ")",
                  args.positional[0]);
        int code = cli_fail("report", &err);
        error_clear(&err);
        cli_args_free(&args);
        return code;
    }
    if (args.help) {
        print_help(args.npositional > 0 ? find_report(args.positional[0]) : NULL);
        cli_args_free(&args);
        return 0;
    }
    int code;
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
    if (st == OBLYS_OK && cli_value(&args, OPTIONS, "table"))
        st = report_keep_table(r, cli_value(&args, OPTIONS, "table"), &err);
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
