-- 0005_geography.sql - regions change: population for weighting, the
-- territorial changes as data, and series rebuilt on comparable
-- boundaries (the 2016 units) from them. See docs/methodology.md.

-- Population by region and year (persons), for weighting rates and
-- averages when regions are merged back into their predecessor.
CREATE TABLE population (
    region      TEXT NOT NULL REFERENCES region (code),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    settlement  TEXT NOT NULL DEFAULT 'total' REFERENCES settlement (code),
    sex         TEXT NOT NULL DEFAULT 'total' REFERENCES sex (code),
    persons     REAL NOT NULL CHECK (persons >= 0),
    source      TEXT,
    load_id     INTEGER REFERENCES load (id),
    PRIMARY KEY (region, year, settlement, sex)
) WITHOUT ROWID;

-- Population as published, and where the bureau publishes a breakdown
-- by sex only (urban and rural population), both sexes as the sum of men
-- and women, marked derived.
CREATE VIEW v_population AS
SELECT region, year, settlement, sex, persons, 0 AS derived FROM population
UNION ALL
SELECT m.region, m.year, m.settlement, 'total', m.persons + f.persons, 1
FROM population m
JOIN population f ON f.region = m.region AND f.year = m.year
     AND f.settlement = m.settlement AND f.sex = 'female'
WHERE m.sex = 'male' AND NOT EXISTS (
    SELECT 1 FROM population t WHERE t.region = m.region AND t.year = m.year
      AND t.settlement = m.settlement AND t.sex = 'total');

-- In `year` (the first year of series on the new boundaries), successor
-- took over (part of) the territory of predecessor. A split lists every
-- part, the continuing region too when its code stays (East Kazakhstan
-- after Abai left it). A rename changes nothing but the name.
CREATE TABLE territorial_change (
    year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    predecessor TEXT NOT NULL REFERENCES region (code),
    successor   TEXT NOT NULL REFERENCES region (code),
    kind        TEXT NOT NULL CHECK (kind IN ('split', 'rename')),
    note        TEXT,
    load_id     INTEGER REFERENCES load (id),
    PRIMARY KEY (year, predecessor, successor)
) WITHOUT ROWID;

-- Indicators that add up across regions (counts, totals): merged regions
-- are summed. Everything else (rates, shares, averages, money per head)
-- is averaged with population weights.
CREATE VIEW v_additive_indicator AS
SELECT code AS indicator FROM indicator WHERE kind = 'count';

-- The unit of the 2016 geography that each region stands in, year by
-- year. Every region that existed in a year (by its valid_from/valid_to)
-- climbs from successor to predecessor through the splits made by then
-- and after 2016, up to the unit that existed in 2016: Turkestan and
-- Shymkent city (from 2018) stand in South Kazakhstan, Abai (from 2022) in
-- East Kazakhstan, East Kazakhstan in itself.
CREATE VIEW v_unit_2016 AS
WITH RECURSIVE years AS (
    SELECT DISTINCT year FROM observation
),
present (region, year) AS (
    SELECT r.code, y.year FROM region r, years y
    WHERE (r.valid_from IS NULL OR r.valid_from <= y.year)
      AND (r.valid_to IS NULL OR r.valid_to >= y.year)
),
climb (region, year, unit) AS (
    SELECT region, year, region FROM present
    UNION
    SELECT c.region, c.year, t.predecessor
    FROM climb c
    JOIN territorial_change t ON t.successor = c.unit AND t.kind = 'split'
         AND t.year > 2016 AND t.year <= c.year AND t.predecessor <> t.successor
)
SELECT c.region, c.year, c.unit
FROM climb c JOIN region u ON u.code = c.unit
WHERE (u.valid_from IS NULL OR u.valid_from <= 2016)
  AND (u.valid_to IS NULL OR u.valid_to >= 2016);

-- Observations on the 2016 boundaries. A unit that one region stands in
-- is that region's value. A unit that several stand in (a predecessor
-- rebuilt from the regions it was split into) is their sum for additive
-- indicators, else their mean weighted by the population of the same
-- breakdown (urban population for urban values), flagged estimated, with
-- no printed decimals. When one of those regions has no value, or no
-- population to weigh with, the unit's value is missing (reason
-- not_available), never a sum of what happens to be there. Values of
-- regions in years they did not exist (a series back-cast onto new
-- boundaries) have no 2016 unit and are left out.
CREATE VIEW v_observation_2016 AS
WITH keys AS (
    SELECT DISTINCT u.unit, o.indicator, o.year, o.settlement, o.sex
    FROM observation o JOIN v_unit_2016 u ON u.region = o.region AND u.year = o.year
),
parts AS (
    SELECT k.unit, k.indicator, k.year, k.settlement, k.sex, u.region,
           o.value, o.decimals, o.missing, o.flags, o.load_id, o.source_line, p.persons
    FROM keys k
    JOIN v_unit_2016 u ON u.unit = k.unit AND u.year = k.year
    LEFT JOIN observation o ON o.region = u.region AND o.indicator = k.indicator
         AND o.year = k.year AND o.settlement = k.settlement AND o.sex = k.sex
    LEFT JOIN v_population p ON p.region = u.region AND p.year = k.year
         AND p.settlement = k.settlement AND p.sex = k.sex
),
grouped AS (
    SELECT unit, indicator, year, settlement, sex,
           count(*) AS n_parts, count(value) AS n_values,
           count(CASE WHEN value IS NOT NULL THEN persons END) AS n_weights,
           sum(value) AS total, sum(value * persons) / sum(persons) AS weighted,
           max(value) AS only_value, max(decimals) AS only_decimals,
           max(missing) AS only_missing, max(flags) AS only_flags,
           max(load_id) AS load_id, max(source_line) AS only_line
    FROM parts
    GROUP BY unit, indicator, year, settlement, sex
),
merged AS (
    SELECT g.*,
           CASE WHEN g.n_parts = 1 THEN g.only_value
                WHEN g.n_values < g.n_parts THEN NULL
                WHEN a.indicator IS NOT NULL THEN g.total
                WHEN g.n_weights < g.n_parts THEN NULL
                ELSE g.weighted END AS merged_value
    FROM grouped g LEFT JOIN v_additive_indicator a ON a.indicator = g.indicator
)
SELECT unit AS region, indicator, year, settlement, sex,
       merged_value AS value,
       CASE WHEN n_parts = 1 THEN only_decimals END AS decimals,
       CASE WHEN n_parts = 1 THEN only_missing
            WHEN merged_value IS NULL THEN 'not_available' END AS missing,
       CASE WHEN n_parts = 1 THEN only_flags ELSE 'estimated' END AS flags,
       load_id,
       CASE WHEN n_parts = 1 THEN only_line END AS source_line
FROM merged;

-- Observations on today's boundaries: regions that still exist, as
-- reported. Years before a split that changed a region's territory are
-- flagged break: they are not comparable with later ones (today's units
-- cannot be rebuilt backwards from the published data).
CREATE VIEW v_observation_current AS
SELECT o.region, o.indicator, o.year, o.settlement, o.sex, o.value, o.decimals, o.missing,
       CASE WHEN NOT EXISTS (SELECT 1 FROM territorial_change t
                             WHERE t.kind = 'split' AND t.year > o.year
                               AND (t.predecessor = o.region OR t.successor = o.region))
            THEN o.flags
            WHEN o.flags IS NULL THEN 'break'
            WHEN instr(o.flags, 'break') > 0 THEN o.flags
            ELSE 'break,' || o.flags END AS flags,
       o.load_id, o.source_line
FROM observation o JOIN region r ON r.code = o.region
WHERE r.valid_to IS NULL;

-- v_gap again, with the regions it covers: regions_changed is 1 when the
-- set of regions differs from the previous year of the same series
-- (a split moves the extremes by itself: read such a year with care).
DROP VIEW v_gap;

CREATE VIEW v_gap AS
WITH member AS (
    SELECT o.indicator, o.year, o.settlement, o.sex, o.region,
           r.name AS region_name, o.value
    FROM observation o JOIN region r ON r.code = o.region
    WHERE r.kind <> 'country'
),
moments AS (
    SELECT indicator, year, settlement, sex,
           count(value) AS n_regions,
           count(*) - count(value) AS n_missing,
           max(value) AS max_value,
           min(value) AS min_value,
           avg(value) AS mean_value
    FROM member
    GROUP BY indicator, year, settlement, sex
),
spread AS (
    SELECT m.indicator, m.year, m.settlement, m.sex,
           avg((m.value - s.mean_value) * (m.value - s.mean_value)) AS variance
    FROM member m JOIN moments s USING (indicator, year, settlement, sex)
    WHERE m.value IS NOT NULL
    GROUP BY m.indicator, m.year, m.settlement, m.sex
),
ordered AS (
    SELECT indicator, year, settlement, sex, region, region_name,
           row_number() OVER (PARTITION BY indicator, year, settlement, sex
                              ORDER BY value DESC, region) AS from_top,
           row_number() OVER (PARTITION BY indicator, year, settlement, sex
                              ORDER BY value ASC, region) AS from_bottom
    FROM member
    WHERE value IS NOT NULL
),
coverage AS (
    SELECT indicator, year, settlement, sex,
           group_concat(region, ',') AS regions
    FROM (SELECT * FROM member WHERE value IS NOT NULL ORDER BY region)
    GROUP BY indicator, year, settlement, sex
),
changes AS (
    SELECT indicator, year, settlement, sex,
           CASE WHEN lag(regions) OVER w IS NULL THEN 0
                WHEN lag(regions) OVER w <> regions THEN 1 ELSE 0 END AS regions_changed
    FROM coverage
    WINDOW w AS (PARTITION BY indicator, settlement, sex ORDER BY year)
)
SELECT s.indicator, s.year, s.settlement, s.sex,
       s.n_regions, s.n_missing,
       s.max_value, hi.region AS max_region, hi.region_name AS max_region_name,
       s.min_value, lo.region AS min_region, lo.region_name AS min_region_name,
       s.max_value / nullif(s.min_value, 0) AS gap_ratio,
       s.max_value - s.min_value AS range_value,
       s.mean_value,
       100.0 * sqrt(v.variance) / nullif(s.mean_value, 0) AS cv_pct,
       coalesce(c.regions_changed, 0) AS regions_changed
FROM moments s
LEFT JOIN spread v USING (indicator, year, settlement, sex)
LEFT JOIN ordered hi ON hi.indicator = s.indicator AND hi.year = s.year
     AND hi.settlement = s.settlement AND hi.sex = s.sex AND hi.from_top = 1
LEFT JOIN ordered lo ON lo.indicator = s.indicator AND lo.year = s.year
     AND lo.settlement = s.settlement AND lo.sex = s.sex AND lo.from_bottom = 1
LEFT JOIN changes c ON c.indicator = s.indicator AND c.year = s.year
     AND c.settlement = s.settlement AND c.sex = s.sex;
