# rows.awk - writes a series file of 14 472 rows (2 regions, 4 indicators,
# 201 years, 3 settlements, 3 sexes), in region order, so that most
# rows go into the middle of the indicator-first key (see
# migrations/0013). With -v bad=1 its last row names an unknown region.
BEGIN {
    split("Akmola Aktobe", region, " ")
    split("income_per_capita poverty_rate median_income funds_ratio", indicator, " ")
    split("total urban rural", settlement, " ")
    split("total male female", sex, " ")
    print "region,indicator,year,settlement,sex,value"
    n = 0
    for (r = 1; r <= 2; r++)
        for (i = 1; i <= 4; i++)
            for (y = 1900; y <= 2100; y++)
                for (t = 1; t <= 3; t++)
                    for (s = 1; s <= 3; s++) {
                        n++
                        name = (bad && r == 2 && i == 4 && y == 2100 && t == 3 && s == 3) ? "Nowhere" : region[r]
                        printf "%s,%s,%d,%s,%s,%d.%d\n", name, indicator[i], y, settlement[t], sex[s], n % 1000, n % 10
                    }
}
