/*
 * cmd_sql.c - `oblys sql "SELECT ..."`: an ad-hoc read-only query on the
 * database (its views above all), printed in any output format with its
 * provenance. The SQL comes from the argument, from standard input ("-")
 * or from a file (--file); values come from --param NAME=VALUE, bound,
 * never pasted into the SQL.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "db/db.h"
#include "report/reports.h"

static const cli_option OPTIONS[] = {
    { "format", "FORMAT", CLI_FORMAT_HELP },
    { "param", "NAME=VALUE", "the value of parameter :NAME (repeat for several)" },
    { "file", "FILE", "read the SQL from FILE instead of the argument" },
    { "as-of", "LOAD|DATE", "the data as it was after that load, or on that date" },
    { "geography", "GEO", "as-reported (default), fixed-2016 (the 2016 units) or current" },
    { "provenance", NULL, "with --format csv: how the result was made, as # comment lines" },
    { NULL, NULL, NULL },
};

static const char USAGE[] =
    "oblys sql [--format FORMAT] [--param NAME=VALUE ...] [--as-of LOAD|DATE] "
    "[--geography GEO] [--provenance] \"SQL\" | - | --file FILE";

static const char ABOUT[] =
    "Runs SQL on the database, read-only, and prints each statement's result as a\n"
    "table in any format. Any statement that could write is refused (exit code 2)\n"
    "and nothing is printed: INSERT, UPDATE, DELETE, CREATE, DROP, ATTACH, writing\n"
    "pragmas, VACUUM, transactions. Several statements separated by ';' each print\n"
    "their own table. \"-\" reads the SQL from standard input. Parameters are\n"
    ":name, @name or $name, each set by --param name=VALUE (a number when VALUE\n"
    "reads as one, else text), bound, never pasted. An SQL error exits with code 3.\n"
    "The views are documented in docs/views.md, examples in docs/cookbook.md.";

static oblys_status read_stream(FILE *f, const char *name, strbuf *sql, oblys_error *err)
{
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        strbuf_append_len(sql, buf, n);
    if (ferror(f))
        return error_set(err, OBLYS_EIO, "%s: read error", name);
    if (memchr(strbuf_str(sql), '\0', sql->len))
        return error_set(err, OBLYS_EIO, "%s: holds a NUL byte, not SQL text", name);
    return OBLYS_OK;
}

static oblys_status read_sql(const cli_args *args, strbuf *sql, oblys_error *err)
{
    const char *file = cli_value(args, OPTIONS, "file");
    if ((file != NULL) + args->npositional != 1)
        return error_set(err, OBLYS_EUSAGE, "give the SQL as one argument, \"-\" for standard "
                         "input, or --file FILE");
    if (!file && strcmp(args->positional[0], "-") != 0) {
        strbuf_append(sql, args->positional[0]);
        return OBLYS_OK;
    }
    if (!file)
        return read_stream(stdin, "standard input", sql, err);
    FILE *f = fopen(file, "rb");
    if (!f)
        return error_set(err, OBLYS_EIO, "%s: cannot open: %s", file, strerror(errno));
    oblys_status st = read_stream(f, file, sql, err);
    fclose(f);
    return st;
}

/* Splits each --param NAME=VALUE; NAME may keep its ':', '@' or '$'. */
static oblys_status read_params(const char **given, size_t n, sql_param *out, oblys_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(given[i], '=');
        if (!eq || eq == given[i])
            return error_set(err, OBLYS_EUSAGE, "--param %s: expected NAME=VALUE", given[i]);
        const char *name = strchr(":@$", given[i][0]) ? given[i] + 1 : given[i];
        out[i].name = xstrdup(name);
        ((char *)out[i].name)[eq - name] = '\0';
        out[i].value = eq + 1;
    }
    return OBLYS_OK;
}

static void free_params(sql_param *params, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free((char *)params[i].name);
    free(params);
}

int cmd_sql(int argc, char **argv, const char *global_db)
{
    cli_args args;
    int code = cli_begin("sql", argc, argv, OPTIONS, USAGE, ABOUT, &args);
    if (code >= 0)
        return code;
    oblys_error err = OBLYS_ERROR_INIT;
    report_format format = FORMAT_TEXT;
    strbuf sql = STRBUF_INIT, as_of_note = STRBUF_INIT;
    size_t nparams = cli_values(&args, OPTIONS, "param", NULL, 0);
    const char **given = xcalloc(nparams + 1, sizeof *given);
    sql_param *params = xcalloc(nparams + 1, sizeof *params);
    cli_values(&args, OPTIONS, "param", given, nparams);
    sqlite3 *db = NULL;
    report *r = NULL;
    oblys_status st = cli_format(cli_value(&args, OPTIONS, "format"), &format, &err);
    if (st == OBLYS_OK)
        st = read_params(given, nparams, params, &err);
    if (st == OBLYS_OK)
        st = read_sql(&args, &sql, &err);
    if (st == OBLYS_OK)
        st = cli_open_for_report(cli_db_path(&args, global_db), cli_value(&args, OPTIONS, "as-of"),
                                 cli_value(&args, OPTIONS, "geography"), &db, &as_of_note, &err);
    if (st == OBLYS_OK)
        st = report_sql(db, strbuf_str(&sql), params, nparams, &r, &err);
    if (st == OBLYS_OK) {
        report_add_notes(r, strbuf_str(&as_of_note));
        const char *geography = cli_value(&args, OPTIONS, "geography");
        provenance_options how = {
            .as_of = cli_value(&args, OPTIONS, "as-of"),
            .geography = geography ? geography : "as-reported",
            .query = strbuf_str(&sql),
            .nparams = nparams,
            .params = given,
        };
        st = cli_write_report(db, r, format, cli_flag(&args, OPTIONS, "provenance"), &how, &err);
    }
    code = st == OBLYS_OK ? 0 : cli_fail("sql", &err);
    report_free(r);
    db_close(db);
    free_params(params, nparams);
    free(given);
    strbuf_free(&sql);
    strbuf_free(&as_of_note);
    error_clear(&err);
    cli_args_free(&args);
    return code;
}
