-- 0012_gap_windows.sql - v_gap again, the same columns and the same rows,
-- computed so that a query for one indicator reads only that indicator.
--
-- The view of 0005 built its parts as CTEs used more than once (member,
-- moments, ordered) and joined them. SQLite materializes such CTEs whole,
-- so `WHERE indicator = ?` was applied only after every indicator had been
-- computed, and the join with the `changes` part was a scan per row:
-- 6.2 s for one indicator of a 300 000-row database of 20 regions, 37 s
-- for the whole view (docs/performance.md). Here every step is a window
-- over the observations whose PARTITION BY holds the indicator, one
-- partition per level and no GROUP BY on the way, which is what SQLite
-- needs to push the filter down to the index: 0.02 s for one indicator,
-- 7.0 s for the whole view (a year's filter, 7.0 s, cannot be pushed past
-- the steps that look at earlier years).
--
-- The same results, by construction:
--   - n_regions, n_missing, max, min, mean: the window forms of the
--     aggregates, over the same rows (regions, not the country);
--   - variance: the mean of squared deviations from the group's mean,
--     over the values present, as before;
--   - max_region / min_region: the region with the highest / lowest value,
--     ties to the smallest region code, as ORDER BY value DESC, region did;
--     the names come from the region table;
--   - regions_changed: 1 when the set of regions with a value differs from
--     the set of the previous year with any value in the same series
--     (indicator, settlement, sex); 0 for the first such year and for a
--     year without values. 0005 compared the sorted lists of codes; here
--     the two sets are equal when they have as many regions and every
--     region of this year had a value in that previous year (region_prev:
--     the region's latest earlier year with a value, which is that year
--     exactly when the region had one then).
-- The unit tests compare every row with tests/oracle/paper_oracle.py.
DROP VIEW v_gap;

CREATE VIEW v_gap AS
SELECT g.indicator, g.year, g.settlement, g.sex,
       g.n_regions, g.n_missing,
       g.max_value, g.max_region, hi.name AS max_region_name,
       g.min_value, g.min_region, lo.name AS min_region_name,
       g.max_value / nullif(g.min_value, 0) AS gap_ratio,
       g.max_value - g.min_value AS range_value,
       g.mean_value,
       100.0 * sqrt(g.variance) / nullif(g.mean_value, 0) AS cv_pct,
       g.regions_changed
FROM (
    SELECT *,
           CASE WHEN n_regions = 0 OR lag(year) OVER w IS NULL THEN 0
                WHEN n_with_prev = n_regions AND min_region_prev = lag(year) OVER w
                     AND lag(n_regions) OVER w = n_regions THEN 0
                ELSE 1 END AS regions_changed
    FROM (
        SELECT indicator, year, settlement, sex,
               count(value) OVER g AS n_regions,
               count(*) OVER g - count(value) OVER g AS n_missing,
               max_value, min_value,
               avg(value) OVER g AS mean_value,
               avg((value - group_mean) * (value - group_mean)) OVER g AS variance,
               min(CASE WHEN value = max_value THEN region END) OVER g AS max_region,
               min(CASE WHEN value = min_value THEN region END) OVER g AS min_region,
               count(region_prev) OVER g AS n_with_prev,
               min(region_prev) OVER g AS min_region_prev,
               row_number() OVER g AS row_in_group
        FROM (
            SELECT *,
                   CASE WHEN value IS NOT NULL THEN
                       max(CASE WHEN value IS NOT NULL THEN year END)
                           OVER (PARTITION BY indicator, settlement, sex, region ORDER BY year
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) END
                       AS region_prev
            FROM (
                SELECT o.indicator, o.year, o.settlement, o.sex, o.region, o.value,
                       avg(o.value) OVER s AS group_mean,
                       max(o.value) OVER s AS max_value,
                       min(o.value) OVER s AS min_value
                FROM observation o JOIN region r ON r.code = o.region
                WHERE r.kind <> 'country'
                WINDOW s AS (PARTITION BY o.indicator, o.year, o.settlement, o.sex)
            )
        )
        WINDOW g AS (PARTITION BY indicator, year, settlement, sex)
    )
    WHERE row_in_group = 1
    WINDOW w AS (PARTITION BY indicator, settlement, sex, n_regions > 0 ORDER BY year)
) g
LEFT JOIN region hi ON hi.code = g.max_region
LEFT JOIN region lo ON lo.code = g.min_region;
