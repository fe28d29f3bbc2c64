/*
 * rules.c - the validation rules' findings (v_rule_finding, migration
 * 0009) as a table of the check report: every stored value that breaks a
 * rule, with the region, indicator, year and the values involved.
 */
#include "report/reports.h"

static const char SQL_RULE_FINDINGS[] =
    "SELECT f.rule, f.kind, f.indicator, f.region_name, f.year, f.settlement, f.sex, "
    "       f.value, f.expected, f.lo, f.hi, f.detail "
    "FROM v_rule_finding f JOIN indicator i ON i.code = f.indicator "
    "ORDER BY CASE f.kind WHEN 'bounds' THEN 0 WHEN 'parts_sum' THEN 1 "
    "         WHEN 'regions_sum' THEN 2 WHEN 'total_between' THEN 3 ELSE 4 END, "
    "         f.rule, i.position, f.indicator, f.region_name, f.year, f.settlement, f.sex";
static const char SQL_RULE_COUNT[] = "SELECT count(*) FROM validation_rule";

oblys_status report_add_rule_findings(sqlite3 *db, report *r, int *n_findings, oblys_error *err)
{
    *n_findings = 0;
    int n_rules = 0;
    oblys_status st = report_query_int(db, SQL_RULE_COUNT, NULL, &n_rules, err);
    sqlite3_stmt *stmt = NULL;
    if (st == OBLYS_OK)
        st = report_prepare(db, SQL_RULE_FINDINGS, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    report_table *t = NULL;
    st = report_add_query(r, "rules", "Validation rules: values that break one", stmt, &t, err);
    sqlite3_finalize(stmt);
    if (st != OBLYS_OK)
        return st;
    report_set_decimals(t, "value", -1);
    report_set_decimals(t, "expected", -1);
    report_set_decimals(t, "lo", REPORT_SIGNIFICANT);
    report_set_decimals(t, "hi", REPORT_SIGNIFICANT);
    *n_findings = (int)t->nrows;
    if (n_rules == 0)
        report_add_note(r, "Validation rules: none in the database; import "
                        "seeds/validation_rules.csv (docs/data-format.md).");
    else
        report_add_note(r, "Validation rules: %d rule%s, %d finding%s. lo..hi is what the rule "
                        "allows; no value is flagged for what the rounding of its printed "
                        "digits explains (docs/methodology.md).",
                        n_rules, n_rules == 1 ? "" : "s", *n_findings,
                        *n_findings == 1 ? "" : "s");
    return OBLYS_OK;
}
