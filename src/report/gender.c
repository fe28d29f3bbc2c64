/*
 * gender.c - the gender report: women's values as a percentage of men's
 * (v_ratio_sex) per region, indicator and settlement; how the gap to
 * parity changed between two years, and where it narrowed or widened most.
 */
#include "report/ratios.h"

static const ratio_spec GENDER = {
    .name = "gender",
    .what = "Women's values as % of men's",
    .sql_years = RATIO_SQL_YEARS("v_ratio_sex"),
    .sql_ratios = RATIO_SQL_RATIOS("v_ratio_sex", "settlement", "male_value", "female_value"),
    .sql_changes = RATIO_SQL_CHANGES("v_ratio_sex", "settlement"),
    .sql_most = RATIO_SQL_MOST("v_ratio_sex", "settlement"),
    .note = "ratio_pct = female_value / male_value x 100 (v_ratio_sex): below 100, women's "
            "value is lower.",
};

oblys_status report_gender(sqlite3 *db, const report_params *p, report **out, oblys_error *err)
{
    return report_ratios(db, &GENDER, p, out, err);
}
