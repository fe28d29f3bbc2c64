/*
 * ratios.c - the shared builder of the gender and urban-rural reports
 * (see ratios.h): the ratios in the last year, their change between the
 * first and the last year (or --from/--to), and the regions where the gap
 * to parity narrowed or widened most.
 */
#include "report/ratios.h"

static oblys_status year_range(sqlite3 *db, const ratio_spec *spec, const report_params *p,
                               int *from, int *to, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, spec->sql_years, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    if (p->indicator)
        sqlite3_bind_text(stmt, 1, p->indicator, -1, SQLITE_STATIC);
    *from = *to = 0;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        *from = sqlite3_column_int(stmt, 0);
        *to = sqlite3_column_int(stmt, 1);
    }
    sqlite3_finalize(stmt);
    if (p->from)
        *from = p->from;
    if (p->to || p->year)
        *to = p->to ? p->to : p->year;
    return OBLYS_OK;
}

static oblys_status add_ratio_table(sqlite3 *db, report *r, const char *sql,
                                    const report_params *p, int from, int to, const char *name,
                                    const char *title, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, sql, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    if (p->indicator)
        sqlite3_bind_text(stmt, 1, p->indicator, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, from);
    sqlite3_bind_int(stmt, 3, to);
    report_table *t = NULL;
    st = report_add_query(r, name, title, stmt, &t, err);
    sqlite3_finalize(stmt);
    if (st != OBLYS_OK)
        return st;
    static const char *const VALUES[] = {
        "male_value", "female_value", "urban_value", "rural_value",
    };
    for (size_t i = 0; i < sizeof VALUES / sizeof VALUES[0]; i++)
        report_set_decimals(t, VALUES[i], -1);
    static const char *const POINTS[] = {
        "ratio_pct", "ratio_from", "ratio_to", "gap_from", "gap_to", "gap_change",
    };
    for (size_t i = 0; i < sizeof POINTS / sizeof POINTS[0]; i++)
        report_set_decimals(t, POINTS[i], 1);
    return OBLYS_OK;
}

static oblys_status check_years(const report_params *p, oblys_error *err)
{
    if (p->year && (p->from || p->to))
        return error_set(err, OBLYS_EUSAGE, "give --year, or --from and --to, not both");
    if (p->from && p->to && p->from >= p->to)
        return error_set(err, OBLYS_EUSAGE, "--from %d must be before --to %d", p->from, p->to);
    return OBLYS_OK;
}

oblys_status report_ratios(sqlite3 *db, const ratio_spec *spec, const report_params *p,
                           report **out, oblys_error *err)
{
    *out = NULL;
    int from = 0, to = 0;
    oblys_status st = check_years(p, err);
    if (st == OBLYS_OK && p->indicator)
        st = report_require_indicator(db, p->indicator, err);
    if (st == OBLYS_OK)
        st = year_range(db, spec, p, &from, &to, err);
    if (st != OBLYS_OK)
        return st;
    if (to == 0)
        return error_set(err, OBLYS_EDATA, "no %s to compare%s%s: the database has no "
                         "indicator with both breakdowns", spec->name, p->indicator ? " for " : "",
                         p->indicator ? p->indicator : "");
    if (from > to)
        return error_set(err, OBLYS_EUSAGE, "--from %d must be before %d", from, to);
    strbuf title = STRBUF_INIT, sub = STRBUF_INIT;
    strbuf_printf(&title, "%s, %d-%d", spec->what, from, to);
    report *r = report_new(spec->name, strbuf_str(&title));
    strbuf_printf(&sub, "Ratios in %d (%% ; 100 = parity)", to);
    st = add_ratio_table(db, r, spec->sql_ratios, p, to, 0, "ratios", strbuf_str(&sub), err);
    strbuf_reset(&sub);
    strbuf_printf(&sub, "Change of the gap to parity, %d to %d (percentage points)", from, to);
    if (st == OBLYS_OK && from < to)
        st = add_ratio_table(db, r, spec->sql_changes, p, from, to, "changes",
                             strbuf_str(&sub), err);
    if (st == OBLYS_OK && from < to)
        st = add_ratio_table(db, r, spec->sql_most, p, from, to, "most",
                             "Where the gap narrowed and widened most", err);
    if (st == OBLYS_OK) {
        report_add_note(r, "%s", spec->note);
        report_add_note(r, "gap = |100 - ratio|, the distance from parity in percentage points; "
                        "it narrowed when gap_to < gap_from. A region is compared only when it "
                        "has the ratio in both years.");
        *out = r;
    } else {
        report_free(r);
    }
    strbuf_free(&title);
    strbuf_free(&sub);
    return st;
}
