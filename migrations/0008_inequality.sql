-- The inequality migration: inequality between regions beyond the max/min gap:
-- coefficient of variation (unweighted and Williamson's population-weighted),
-- Gini and Theil indices (unweighted and population-weighted), the Theil
-- decomposition into between- and within-group parts for groupings stored
-- as data, sigma-convergence, and growth against any base year, year on
-- year and as an average annual rate (CAGR). Columns in docs/views.md;
-- formulas and their sources in docs/methodology.md#inequality-measures.
--
-- Conventions, as in 0002: the republic (region.kind = 'country') never
-- takes part; missing values are left out; breakdowns are kept apart.

-- Groupings of regions, as data: one row per grouping and region. A
-- region a grouping's source does not classify is listed with group_name
-- 'not classified' (and a region not listed at all is treated the same by
-- v_theil_decomposition). Filled from seeds/region_groups.csv.
CREATE TABLE region_group (
    grouping    TEXT NOT NULL,
    group_name  TEXT NOT NULL,
    region      TEXT NOT NULL REFERENCES region (code),
    source      TEXT,
    load_id     INTEGER REFERENCES load (id),
    PRIMARY KEY (grouping, region)
) WITHOUT ROWID;

-- The units every inequality measure compares: regions and cities (not the
-- republic) with a value, and their population of the same year and
-- breakdown (the urban population for an urban value, men for men's
-- values; NULL when the population table has none).
CREATE VIEW v_inequality_unit AS
SELECT o.indicator, o.year, o.settlement, o.sex, o.region, o.value, p.persons
FROM observation o
JOIN region r ON r.code = o.region
LEFT JOIN v_population p ON p.region = o.region AND p.year = o.year
     AND p.settlement = o.settlement AND p.sex = o.sex
WHERE r.kind <> 'country' AND o.value IS NOT NULL;

-- One row per indicator, year and breakdown with a non-aggregate row.
-- Population-weighted measures are NULL when any region with a value has
-- no population (n_without_weight > 0): a weighted figure over part of
-- the regions would not be comparable. Theil needs positive values: NULL
-- when any value is 0 or negative.
CREATE VIEW v_inequality AS
WITH member AS (
    SELECT o.indicator, o.year, o.settlement, o.sex, o.value
    FROM observation o JOIN region r ON r.code = o.region
    WHERE r.kind <> 'country'
),
counts AS (
    SELECT indicator, year, settlement, sex,
           count(value) AS n_regions, count(*) - count(value) AS n_missing
    FROM member
    GROUP BY indicator, year, settlement, sex
),
moments AS (
    SELECT indicator, year, settlement, sex,
           min(value) AS min_value, max(value) AS max_value,
           avg(value) AS mean_value,
           count(persons) AS n_weighted,
           sum(persons) AS total_persons,
           sum(value * persons) / nullif(sum(persons), 0) AS mean_all_weighted
    FROM v_inequality_unit
    GROUP BY indicator, year, settlement, sex
),
spread AS (
    SELECT u.indicator, u.year, u.settlement, u.sex,
           avg((u.value - m.mean_value) * (u.value - m.mean_value)) AS variance,
           sum(u.persons * (u.value - m.mean_all_weighted) * (u.value - m.mean_all_weighted))
               / nullif(m.total_persons, 0) AS variance_weighted,
           avg(CASE WHEN u.value > 0 AND m.mean_value > 0
                    THEN u.value / m.mean_value * ln(u.value / m.mean_value) END) AS theil_sum,
           sum(CASE WHEN u.value > 0 AND m.mean_all_weighted > 0
                    THEN u.persons / m.total_persons * u.value / m.mean_all_weighted
                         * ln(u.value / m.mean_all_weighted) END) AS theil_weighted_sum
    FROM v_inequality_unit u JOIN moments m USING (indicator, year, settlement, sex)
    GROUP BY u.indicator, u.year, u.settlement, u.sex
),
pairs AS (
    SELECT a.indicator, a.year, a.settlement, a.sex,
           sum(abs(a.value - b.value)) AS abs_differences,
           sum(a.persons * b.persons * abs(a.value - b.value)) AS abs_differences_weighted
    FROM v_inequality_unit a
    JOIN v_inequality_unit b ON b.indicator = a.indicator AND b.year = a.year
         AND b.settlement = a.settlement AND b.sex = a.sex
    GROUP BY a.indicator, a.year, a.settlement, a.sex
),
measures AS (
    SELECT c.indicator, c.year, c.settlement, c.sex, c.n_regions, c.n_missing,
           c.n_regions - coalesce(m.n_weighted, 0) AS n_without_weight,
           m.min_value, m.max_value, m.mean_value,
           CASE WHEN m.n_weighted = c.n_regions THEN m.mean_all_weighted END AS mean_weighted,
           CASE WHEN m.n_weighted = c.n_regions THEN m.total_persons END AS total_persons,
           s.variance, s.variance_weighted, s.theil_sum, s.theil_weighted_sum,
           p.abs_differences, p.abs_differences_weighted
    FROM counts c
    LEFT JOIN moments m USING (indicator, year, settlement, sex)
    LEFT JOIN spread s USING (indicator, year, settlement, sex)
    LEFT JOIN pairs p USING (indicator, year, settlement, sex)
)
SELECT indicator, year, settlement, sex, n_regions, n_missing, n_without_weight,
       min_value, max_value,
       max_value / nullif(min_value, 0) AS max_min_ratio,
       max_value - min_value AS range_value,
       mean_value,
       sqrt(variance) AS sd_value,
       sqrt(variance) / nullif(mean_value, 0) AS cv,
       mean_weighted,
       sqrt(variance_weighted) / nullif(mean_weighted, 0) AS cv_weighted,
       abs_differences / nullif(2.0 * n_regions * n_regions * mean_value, 0) AS gini,
       abs_differences_weighted
           / nullif(2.0 * total_persons * total_persons * mean_weighted, 0) AS gini_weighted,
       CASE WHEN min_value > 0 THEN theil_sum END AS theil,
       CASE WHEN min_value > 0 AND mean_weighted IS NOT NULL
            THEN theil_weighted_sum END AS theil_weighted
FROM measures;

-- The Theil index of each grouping split into a between-group part (the
-- groups' means against the overall mean) and a within-group part (the
-- groups' own Theil indices), weighted by each group's share of the total:
-- theil = between + within. Groupings: region_kind (city or region, from
-- the region registry), settlement (units are each region's urban and
-- rural values; the row's settlement is 'urban+rural'), and every
-- grouping of the region_group table (regions it does not list form the
-- group 'not classified'). Each twice: weighting 'unweighted' (every unit
-- counts once) and 'population' (NULL when a unit has no population).
CREATE VIEW v_theil_decomposition AS
WITH unit AS (
    SELECT 'region_kind' AS grouping, r.kind AS group_name, u.indicator, u.year,
           u.settlement, u.sex, u.value, u.persons
    FROM v_inequality_unit u JOIN region r ON r.code = u.region
    UNION ALL
    SELECT g.grouping, coalesce(rg.group_name, 'not classified'), u.indicator, u.year,
           u.settlement, u.sex, u.value, u.persons
    FROM v_inequality_unit u
    CROSS JOIN (SELECT DISTINCT grouping FROM region_group) g
    LEFT JOIN region_group rg ON rg.grouping = g.grouping AND rg.region = u.region
    UNION ALL
    SELECT 'settlement', u.settlement, u.indicator, u.year, 'urban+rural', u.sex,
           u.value, u.persons
    FROM v_inequality_unit u WHERE u.settlement IN ('urban', 'rural')
),
weighted AS (
    SELECT grouping, group_name, indicator, year, settlement, sex, value,
           'unweighted' AS weighting, 1.0 AS weight
    FROM unit
    UNION ALL
    SELECT grouping, group_name, indicator, year, settlement, sex, value,
           'population', persons
    FROM unit
),
whole AS (
    SELECT grouping, indicator, year, settlement, sex, weighting,
           count(*) AS n_units, count(DISTINCT group_name) AS n_groups,
           count(*) - count(weight) AS n_without_weight,
           min(value) AS min_value,
           sum(weight) AS total_weight,
           sum(value * weight) / nullif(sum(weight), 0) AS mean_value
    FROM weighted
    GROUP BY grouping, indicator, year, settlement, sex, weighting
),
per_group AS (
    SELECT w.grouping, w.group_name, w.indicator, w.year, w.settlement, w.sex, w.weighting,
           sum(w.weight) AS group_weight,
           sum(w.value * w.weight) / nullif(sum(w.weight), 0) AS group_mean
    FROM weighted w
    GROUP BY w.grouping, w.group_name, w.indicator, w.year, w.settlement, w.sex, w.weighting
),
per_unit AS (
    SELECT w.grouping, w.indicator, w.year, w.settlement, w.sex, w.weighting,
           w.group_name,
           w.weight / t.total_weight * w.value / t.mean_value
               * ln(w.value / t.mean_value) AS theil_term,
           w.weight / g.group_weight * w.value / g.group_mean
               * ln(w.value / g.group_mean) AS group_theil_term
    FROM weighted w
    JOIN whole t USING (grouping, indicator, year, settlement, sex, weighting)
    JOIN per_group g USING (grouping, group_name, indicator, year, settlement, sex, weighting)
    WHERE t.min_value > 0 AND t.n_without_weight = 0
),
group_theil AS (
    SELECT grouping, group_name, indicator, year, settlement, sex, weighting,
           sum(group_theil_term) AS theil_group
    FROM per_unit
    GROUP BY grouping, group_name, indicator, year, settlement, sex, weighting
),
parts AS (
    SELECT g.grouping, g.indicator, g.year, g.settlement, g.sex, g.weighting,
           sum(g.group_weight * g.group_mean / (t.total_weight * t.mean_value)
               * ln(g.group_mean / t.mean_value)) AS between_groups,
           sum(g.group_weight * g.group_mean / (t.total_weight * t.mean_value)
               * gt.theil_group) AS within_groups
    FROM per_group g
    JOIN whole t USING (grouping, indicator, year, settlement, sex, weighting)
    JOIN group_theil gt USING (grouping, group_name, indicator, year, settlement, sex, weighting)
    GROUP BY g.grouping, g.indicator, g.year, g.settlement, g.sex, g.weighting
),
total AS (
    SELECT grouping, indicator, year, settlement, sex, weighting, sum(theil_term) AS theil
    FROM per_unit
    GROUP BY grouping, indicator, year, settlement, sex, weighting
)
SELECT t.grouping, t.indicator, t.year, t.settlement, t.sex, t.weighting,
       t.n_units, t.n_groups, t.n_without_weight,
       CASE WHEN t.n_without_weight = 0 THEN t.mean_value END AS mean_value,
       x.theil, p.between_groups, p.within_groups,
       p.between_groups / nullif(x.theil, 0) AS between_share
FROM whole t
LEFT JOIN total x USING (grouping, indicator, year, settlement, sex, weighting)
LEFT JOIN parts p USING (grouping, indicator, year, settlement, sex, weighting);

-- Sigma-convergence: is the dispersion across regions falling? Per
-- indicator and breakdown, each year with a value: the unweighted
-- coefficient of variation and the standard deviation of the natural
-- logarithms of the values, their change from the previous year with a
-- value and from the first one, and the direction of the change of cv.
CREATE VIEW v_sigma_convergence AS
WITH logs AS (
    SELECT indicator, year, settlement, sex,
           min(value) AS min_value, avg(ln(value)) AS mean_log
    FROM v_inequality_unit
    WHERE value > 0
    GROUP BY indicator, year, settlement, sex
),
sd_logs AS (
    SELECT u.indicator, u.year, u.settlement, u.sex,
           sqrt(avg((ln(u.value) - l.mean_log) * (ln(u.value) - l.mean_log))) AS sd_log
    FROM v_inequality_unit u JOIN logs l USING (indicator, year, settlement, sex)
    WHERE u.value > 0
    GROUP BY u.indicator, u.year, u.settlement, u.sex
),
series AS (
    SELECT i.indicator, i.year, i.settlement, i.sex, i.n_regions, i.cv,
           CASE WHEN i.min_value > 0 THEN s.sd_log END AS sd_log,
           g.regions_changed
    FROM v_inequality i
    LEFT JOIN sd_logs s USING (indicator, year, settlement, sex)
    JOIN v_gap g USING (indicator, year, settlement, sex)
    WHERE i.cv IS NOT NULL
),
compared AS (
    SELECT *,
           lag(year) OVER w AS prev_year,
           lag(cv) OVER w AS prev_cv,
           lag(sd_log) OVER w AS prev_sd_log,
           first_value(year) OVER w AS first_year,
           first_value(cv) OVER w AS first_cv,
           first_value(sd_log) OVER w AS first_sd_log
    FROM series
    WINDOW w AS (PARTITION BY indicator, settlement, sex ORDER BY year)
)
SELECT indicator, year, settlement, sex, n_regions, cv, sd_log,
       prev_year, cv - prev_cv AS cv_change, sd_log - prev_sd_log AS sd_log_change,
       first_year, cv - first_cv AS cv_change_from_first,
       sd_log - first_sd_log AS sd_log_change_from_first,
       CASE WHEN prev_year IS NULL THEN NULL
            WHEN cv < prev_cv - 1e-12 THEN 'falling'
            WHEN cv > prev_cv + 1e-12 THEN 'rising'
            ELSE 'unchanged' END AS direction,
       regions_changed
FROM compared;

-- Growth against every base year: one row per series (region, indicator,
-- breakdown) and pair of years that both have a value, the base year too
-- (index 100). Choose a base with WHERE base_year = 2016. Money grows in
-- tenge (v_amount), as in v_growth.
CREATE VIEW v_growth_base AS
SELECT a.region, r.name AS region_name, a.indicator, a.settlement, a.sex,
       b.year AS base_year, b.value AS base_value, a.year, a.value,
       100.0 * (a.value * a.factor) / nullif(b.value * b.factor, 0) AS index_base,
       100.0 * ((a.value * a.factor) / nullif(b.value * b.factor, 0) - 1) AS growth_pct,
       a.amount_currency AS growth_currency
FROM v_amount a
JOIN v_amount b ON b.region = a.region AND b.indicator = a.indicator
     AND b.settlement = a.settlement AND b.sex = a.sex
JOIN region r ON r.code = a.region;

-- Year-over-year growth of every series, strictly on the previous calendar
-- year: NULL when that year has no value. Beside it, the growth on the
-- previous year with a value, annualised over the years between (a CAGR
-- over the gap; equal to growth_pct_yoy when the gap is one year).
CREATE VIEW v_growth_annual AS
WITH series AS (
    SELECT a.region, a.indicator, a.settlement, a.sex, a.year, a.value,
           a.value * a.factor AS amount, a.amount_currency,
           lag(a.year) OVER w AS prev_year,
           lag(a.value) OVER w AS prev_value,
           lag(a.value * a.factor) OVER w AS prev_amount
    FROM v_amount a
    WINDOW w AS (PARTITION BY a.region, a.indicator, a.settlement, a.sex ORDER BY a.year)
)
SELECT s.region, r.name AS region_name, s.indicator, s.settlement, s.sex, s.year, s.value,
       s.prev_year, s.prev_value, s.year - s.prev_year AS years_between,
       CASE WHEN s.year - s.prev_year = 1
            THEN 100.0 * (s.amount / nullif(s.prev_amount, 0) - 1) END AS growth_pct_yoy,
       CASE WHEN s.amount > 0 AND s.prev_amount > 0
            THEN 100.0 * (pow(s.amount / s.prev_amount, 1.0 / (s.year - s.prev_year)) - 1)
            END AS growth_pct_annualised,
       s.amount_currency AS growth_currency
FROM series s JOIN region r ON r.code = s.region;

-- Average annual growth (compound annual growth rate) between any two
-- years of a series that both have a value; the years in between need
-- not have one. NULL when either amount is not positive.
CREATE VIEW v_cagr AS
SELECT a.region, r.name AS region_name, a.indicator, a.settlement, a.sex,
       a.year AS from_year, b.year AS to_year, b.year - a.year AS years,
       a.value AS from_value, b.value AS to_value,
       CASE WHEN a.value * a.factor > 0 AND b.value * b.factor > 0
            THEN 100.0 * (pow((b.value * b.factor) / (a.value * a.factor),
                              1.0 / (b.year - a.year)) - 1) END AS cagr_pct,
       a.amount_currency AS growth_currency
FROM v_amount a
JOIN v_amount b ON b.region = a.region AND b.indicator = a.indicator
     AND b.settlement = a.settlement AND b.sex = a.sex AND b.year > a.year
JOIN region r ON r.code = a.region;
