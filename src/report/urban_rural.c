/*
 * urban_rural.c - the urban-rural report: rural values as a percentage of
 * urban ones (v_ratio_settlement) per region, indicator and sex; how the
 * gap to parity changed between two years, and where it narrowed or
 * widened most.
 */
#include "report/ratios.h"

static const ratio_spec URBAN_RURAL = {
    .name = "urban-rural",
    .what = "Rural values as % of urban",
    .sql_years = RATIO_SQL_YEARS("v_ratio_settlement"),
    .sql_ratios = RATIO_SQL_RATIOS("v_ratio_settlement", "sex", "urban_value", "rural_value"),
    .sql_changes = RATIO_SQL_CHANGES("v_ratio_settlement", "sex"),
    .sql_most = RATIO_SQL_MOST("v_ratio_settlement", "sex"),
    .note = "ratio_pct = rural_value / urban_value x 100 (v_ratio_settlement): below 100, the "
            "rural value is lower.",
};

oblys_status report_urban_rural(sqlite3 *db, const report_params *p, report **out,
                                oblys_error *err)
{
    return report_ratios(db, &URBAN_RURAL, p, out, err);
}
