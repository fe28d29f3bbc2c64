/*
 * sql.c - ad-hoc SQL (`oblys sql`): any number of queries run read-only
 * against the database, each result one table of a report, so that every
 * output format works and column types are kept.
 *
 * "Read-only whatever the SQL" rests on three locks, each enough for the
 * common cases and together meant for the odd ones:
 *   1. the command opens the database with SQLITE_OPEN_READONLY;
 *   2. every statement must be one for which sqlite3_stmt_readonly() is
 *      true (this refuses INSERT, UPDATE, DELETE, CREATE, DROP, writing
 *      pragmas, VACUUM, a CTE that writes);
 *   3. an authorizer allows only reading: SELECT, reading tables and
 *      views, functions other than load_extension, recursive CTEs and a
 *      short list of pragmas that only report; it denies ATTACH and
 *      DETACH (which stmt_readonly lets through: they change no file)
 *      and transactions. The same pragmas work as tables
 *      (pragma_table_info('v_gap')): see connect_pragma_tables().
 * Every statement is prepared and checked before the first one runs, so
 * a refused statement anywhere means nothing ran. The exception is a
 * pragma's table (pragma_journal_mode), whose pragma SQLite authorizes
 * only when it runs: then the earlier statements have read, and nothing
 * is printed.
 */
#include <stdlib.h>
#include <string.h>

#include "report/reports.h"

/* What the authorizer refused first, for the message. */
typedef struct {
    strbuf refused;
} sql_guard;

/* Pragmas whose argument, if any, names what to describe. */
static const char *const DESCRIBING_PRAGMAS[] = {
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
    "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
    "database_list", "function_list", "pragma_list", "collation_list", "module_list",
    "compile_options", NULL,
};

/* Pragmas that report a setting without an argument and change it with
 * one. */
static const char *const SETTING_PRAGMAS[] = {
    "user_version", "application_id", "schema_version", "encoding", "page_count",
    "page_size", "freelist_count", "data_version", NULL,
};

static bool listed(const char *const *list, const char *name)
{
    for (size_t i = 0; name && list[i]; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

static bool reporting_pragma(const char *name, const char *value)
{
    return listed(DESCRIBING_PRAGMAS, name) || (!value && listed(SETTING_PRAGMAS, name));
}

static const char *action_name(int action)
{
    switch (action) {
    case SQLITE_INSERT: return "INSERT";
    case SQLITE_UPDATE: return "UPDATE";
    case SQLITE_DELETE: return "DELETE";
    case SQLITE_ATTACH: return "ATTACH";
    case SQLITE_DETACH: return "DETACH";
    case SQLITE_TRANSACTION: return "a transaction";
    case SQLITE_SAVEPOINT: return "a savepoint";
    case SQLITE_ANALYZE: return "ANALYZE";
    case SQLITE_REINDEX: return "REINDEX";
    case SQLITE_ALTER_TABLE: return "ALTER TABLE";
    case SQLITE_CREATE_INDEX: case SQLITE_CREATE_TABLE: case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_CREATE_TEMP_TABLE: case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_CREATE_TEMP_VIEW: case SQLITE_CREATE_TRIGGER: case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_VTABLE: return "CREATE";
    case SQLITE_DROP_INDEX: case SQLITE_DROP_TABLE: case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_DROP_TEMP_TABLE: case SQLITE_DROP_TEMP_TRIGGER: case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_TRIGGER: case SQLITE_DROP_VIEW: case SQLITE_DROP_VTABLE: return "DROP";
    default: return "a change";
    }
}

static int authorize(void *arg, int action, const char *a, const char *b, const char *db_name,
                     const char *trigger)
{
    (void)db_name;
    (void)trigger;
    sql_guard *guard = arg;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        if (b && strcmp(b, "load_extension") == 0)
            break;
        return SQLITE_OK;
    case SQLITE_PRAGMA:
        if (reporting_pragma(a, b))
            return SQLITE_OK;
        if (!guard->refused.len)
            strbuf_printf(&guard->refused, "PRAGMA %s%s", a ? a : "", b ? " with a value" : "");
        return SQLITE_DENY;
    }
    if (guard->refused.len)
        return SQLITE_DENY;
    if (action == SQLITE_FUNCTION)
        strbuf_append(&guard->refused, "load_extension()");
    else if ((action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) && a)
        strbuf_printf(&guard->refused, "%s on %s", action_name(action), a);
    else
        strbuf_append(&guard->refused, action_name(action));
    return SQLITE_DENY;
}

/* what: the authorizer's reason, or NULL. */
static oblys_status refuse(oblys_error *err, size_t statement, const char *what)
{
    return error_set(err, OBLYS_EUSAGE, "refused: statement %zu could write%s%s%s: oblys sql "
                     "only reads, and ran nothing", statement, what ? " (" : "",
                     what ? what : "", what ? ")" : "");
}

typedef struct {
    size_t n, cap;
    sqlite3_stmt **stmts;
} statement_list;

static void statements_free(statement_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        sqlite3_finalize(l->stmts[i]);
    free(l->stmts);
}

/* Prepares every statement of sql, refusing any that could write. */
static oblys_status prepare_all(sqlite3 *db, const char *sql, sql_guard *guard,
                                statement_list *out, oblys_error *err)
{
    const char *tail = sql;
    while (*tail) {
        sqlite3_stmt *stmt = NULL;
        strbuf_reset(&guard->refused);
        if (sqlite3_prepare_v2(db, tail, -1, &stmt, &tail) != SQLITE_OK) {
            if (guard->refused.len)
                return refuse(err, out->n + 1, strbuf_str(&guard->refused));
            return error_set(err, OBLYS_EDB, "SQL error: %s", sqlite3_errmsg(db));
        }
        if (!stmt)
            continue;                   /* white space or a comment */
        if (out->n == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 4;
            out->stmts = xrealloc(out->stmts, out->cap * sizeof *out->stmts);
        }
        out->stmts[out->n++] = stmt;
        if (!sqlite3_stmt_readonly(stmt))
            return refuse(err, out->n, NULL);
    }
    if (out->n == 0)
        return error_set(err, OBLYS_EUSAGE, "no SQL statement to run");
    return OBLYS_OK;
}

/* A value given on the command line: an integer or a real when all of it
 * reads as one, else text. */
static void bind_value(sqlite3_stmt *stmt, int index, const char *value)
{
    char *end = NULL;
    long long i = strtoll(value, &end, 10);
    if (*value && *end == '\0') {
        sqlite3_bind_int64(stmt, index, i);
        return;
    }
    double r = strtod(value, &end);
    if (*value && *end == '\0' && strspn(value, "0123456789+-.eE") == strlen(value)) {
        sqlite3_bind_double(stmt, index, r);
        return;
    }
    sqlite3_bind_text(stmt, index, value, -1, SQLITE_TRANSIENT);
}

static oblys_status bind_params(sqlite3_stmt *stmt, const sql_param *params, size_t nparams,
                                bool *used, oblys_error *err)
{
    int n = sqlite3_bind_parameter_count(stmt);
    for (int k = 1; k <= n; k++) {
        const char *name = sqlite3_bind_parameter_name(stmt, k);
        if (!name || name[0] == '?')
            return error_set(err, OBLYS_EUSAGE, "parameters need a name (:name, @name or "
                             "$name), given with --param name=VALUE");
        size_t i = 0;
        while (i < nparams && strcmp(params[i].name, name + 1) != 0)
            i++;
        if (i == nparams)
            return error_set(err, OBLYS_EUSAGE, "no value for %s (give --param %s=VALUE)", name,
                             name + 1);
        bind_value(stmt, k, params[i].value);
        used[i] = true;
    }
    return OBLYS_OK;
}

static oblys_status bind_all(statement_list *l, const sql_param *params, size_t nparams,
                             oblys_error *err)
{
    bool *used = xcalloc(nparams + 1, sizeof *used);
    oblys_status st = OBLYS_OK;
    for (size_t i = 0; st == OBLYS_OK && i < l->n; i++)
        st = bind_params(l->stmts[i], params, nparams, used, err);
    for (size_t i = 0; st == OBLYS_OK && i < nparams; i++)
        if (!used[i])
            st = error_set(err, OBLYS_EUSAGE, "--param %s: the SQL has no parameter :%s",
                           params[i].name, params[i].name);
    free(used);
    return st;
}

/* A pragma's table (pragma_journal_mode) runs its pragma only when the
 * query runs, so the authorizer refuses it then: the statements before it
 * have only read, and nothing is printed. */
static oblys_status refuse_while_running(oblys_error *err, size_t statement, const char *what)
{
    return error_set(err, OBLYS_EUSAGE, "refused: statement %zu could write (%s): oblys sql "
                     "only reads, and printed nothing", statement, what);
}

static oblys_status run_all(statement_list *l, sql_guard *guard, report *r, oblys_error *err)
{
    for (size_t i = 0; i < l->n; i++) {
        strbuf name = STRBUF_INIT, title = STRBUF_INIT;
        if (l->n == 1) {
            strbuf_append(&name, "result");
            strbuf_append(&title, "Result");
        } else {
            strbuf_printf(&name, "result_%zu", i + 1);
            strbuf_printf(&title, "Result of statement %zu", i + 1);
        }
        report_table *t = NULL;
        oblys_status st = report_add_query(r, strbuf_str(&name), strbuf_str(&title),
                                           l->stmts[i], &t, err);
        strbuf_free(&name);
        strbuf_free(&title);
        if (st != OBLYS_OK && guard->refused.len)
            return refuse_while_running(err, i + 1, strbuf_str(&guard->refused));
        if (st != OBLYS_OK && l->n > 1)  /* as an error found when preparing */
            return error_set(err, OBLYS_EDB, "SQL error in statement %zu: %s", i + 1,
                             sqlite3_errmsg(sqlite3_db_handle(l->stmts[i])));
        if (st != OBLYS_OK)
            return error_set(err, OBLYS_EDB, "SQL error: %s",
                             sqlite3_errmsg(sqlite3_db_handle(l->stmts[i])));
        for (size_t c = 0; c < t->ncols; c++)
            t->cols[c].decimals = -1;   /* as stored: the query chose any rounding */
    }
    return OBLYS_OK;
}

/* The table-valued forms of pragmas (pragma_table_info('v_gap')) are
 * virtual tables that SQLite connects on their first use in a connection,
 * declaring their columns by parsing a CREATE TABLE: the authorizer then
 * hears of updates of sqlite_master that never happen, and would refuse an
 * allowed pragma, or name that update instead of a refused one. Connecting
 * them all before the authorizer is installed writes nothing (and the
 * connection is read-only anyway); the authorizer then judges the pragma
 * itself. */
static void connect_pragma_tables(sqlite3 *db)
{
    sqlite3_stmt *names = NULL;
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_pragma_list", -1, &names, NULL)
        != SQLITE_OK)
        return;
    strbuf sql = STRBUF_INIT;
    while (sqlite3_step(names) == SQLITE_ROW) {
        strbuf_reset(&sql);
        strbuf_printf(&sql, "SELECT 1 FROM pragma_%s", sqlite3_column_text(names, 0));
        sqlite3_stmt *stmt = NULL;
        sqlite3_prepare_v2(db, strbuf_str(&sql), -1, &stmt, NULL);   /* some are not tables */
        sqlite3_finalize(stmt);
    }
    strbuf_free(&sql);
    sqlite3_finalize(names);
}

oblys_status report_sql(sqlite3 *db, const char *sql, const sql_param *params, size_t nparams,
                        report **out, oblys_error *err)
{
    *out = NULL;
    sql_guard guard = { STRBUF_INIT };
    statement_list stmts = { 0, 0, NULL };
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    connect_pragma_tables(db);
    sqlite3_set_authorizer(db, authorize, &guard);
    oblys_status st = prepare_all(db, sql, &guard, &stmts, err);
    if (st == OBLYS_OK)
        st = bind_all(&stmts, params, nparams, err);
    report *r = st == OBLYS_OK ? report_new("sql", "Query") : NULL;
    if (st == OBLYS_OK)
        st = run_all(&stmts, &guard, r, err);
    statements_free(&stmts);
    sqlite3_set_authorizer(db, NULL, NULL);
    strbuf_free(&guard.refused);
    if (st != OBLYS_OK) {
        report_free(r);
        return st;
    }
    *out = r;
    return OBLYS_OK;
}
