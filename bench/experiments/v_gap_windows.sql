-- v_gap_windows.sql - an EXPERIMENT, not part of the schema: v_gap written
-- as nested window functions, with no GROUP BY and no join between CTEs,
-- so that SQLite pushes a report's `WHERE indicator = ?` down to the
-- observation index (push-down into a window subquery needs one PARTITION
-- BY per level that holds the filtered column; a GROUP BY on the way stops
-- it). regions_changed is rebuilt without group_concat: a year's regions
-- equal the previous year-with-values' regions when both counts are equal
-- and every region of the year had a value in that previous year.
--
-- Measured on 2026-12-04 on 300 000 rows of `bench/generate.py --regions
-- 20 --rows 300000` (see docs/performance.md, "Reports on a big database
-- are slow"): SELECT count(*) FROM v_gap WHERE indicator = 'x0001' took
-- 0.034 s instead of 6.2 s; WHERE year = 2020 13.2 s instead of 7.2 s (the
-- year is not in the partitions of the series-wise steps, so nothing is
-- pushed); the whole view 13.9 s instead of 37 s. All 15 060 rows equal
-- the schema's v_gap (text and counts exactly, mean and cv_pct within a
-- relative 1e-12 and 1e-9; 2 170 of them with regions_changed = 1).
--
-- Not applied because of the slower year filter (report gaps --year). To
-- try it on a copy of a database: sqlite3 copy.db < bench/experiments/v_gap_windows.sql
DROP VIEW v_gap;
CREATE VIEW v_gap AS
SELECT indicator, year, settlement, sex,
       n_regions, n_missing,
       max_value, max_region, max_region_name,
       min_value, min_region, min_region_name,
       max_value / nullif(min_value, 0) AS gap_ratio,
       max_value - min_value AS range_value,
       mean_value,
       100.0 * sqrt(variance) / nullif(mean_value, 0) AS cv_pct,
       CASE WHEN n_regions = 0 OR series_prev IS NULL THEN 0
            WHEN n_continuing = n_regions
                 AND lag(n_regions) OVER (PARTITION BY indicator, settlement, sex, n_regions > 0
                                          ORDER BY year) = n_regions THEN 0
            ELSE 1 END AS regions_changed
FROM (
    SELECT indicator, year, settlement, sex,
           count(value) OVER g AS n_regions,
           count(*) OVER g - count(value) OVER g AS n_missing,
           max(value) OVER g AS max_value,
           min(value) OVER g AS min_value,
           avg(value) OVER g AS mean_value,
           avg(CASE WHEN value IS NOT NULL
                    THEN (value - group_mean) * (value - group_mean) END) OVER g AS variance,
           max(CASE WHEN from_top = 1 THEN region END) OVER g AS max_region,
           max(CASE WHEN from_top = 1 THEN region_name END) OVER g AS max_region_name,
           max(CASE WHEN from_bottom = 1 THEN region END) OVER g AS min_region,
           max(CASE WHEN from_bottom = 1 THEN region_name END) OVER g AS min_region_name,
           max(series_prev) OVER g AS series_prev,
           count(CASE WHEN value IS NOT NULL AND region_prev = series_prev THEN 1 END) OVER g
               AS n_continuing,
           row_number() OVER g AS row_in_group
    FROM (
        SELECT *,
               max(CASE WHEN value IS NOT NULL THEN year END)
                   OVER (PARTITION BY indicator, settlement, sex ORDER BY year
                         RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS series_prev
        FROM (
            SELECT *,
                   max(CASE WHEN value IS NOT NULL THEN year END)
                       OVER (PARTITION BY indicator, settlement, sex, region ORDER BY year
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS region_prev
            FROM (
                SELECT *,
                       CASE WHEN value IS NOT NULL THEN
                           row_number() OVER (PARTITION BY indicator, year, settlement, sex,
                                                           value IS NULL
                                              ORDER BY value ASC, region) END AS from_bottom
                FROM (
                    SELECT *,
                           CASE WHEN value IS NOT NULL THEN
                               row_number() OVER (PARTITION BY indicator, year, settlement, sex,
                                                               value IS NULL
                                                  ORDER BY value DESC, region) END AS from_top
                    FROM (
                        SELECT o.indicator, o.year, o.settlement, o.sex, o.region,
                               r.name AS region_name, o.value,
                               avg(o.value) OVER (PARTITION BY o.indicator, o.year,
                                                               o.settlement, o.sex) AS group_mean
                        FROM observation o JOIN region r ON r.code = o.region
                        WHERE r.kind <> 'country'
                    )
                )
            )
        )
    )
    WINDOW g AS (PARTITION BY indicator, year, settlement, sex)
)
WHERE row_in_group = 1;
