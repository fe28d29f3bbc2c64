-- oblys.sql - the whole current schema of an oblys database, in one file.
-- GENERATED from migrations/ by tools/update_schema.py: do not edit by hand.
-- A unit test checks that it equals what the migrations produce.
-- Tables are documented in docs/data-model.md, views in docs/views.md.

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,       -- the number in the file name
    name       TEXT NOT NULL,             -- the file name, e.g. 0001_core.sql
    applied_at TEXT NOT NULL              -- UTC, ISO 8601
);

CREATE TABLE region (
    code       TEXT PRIMARY KEY,          -- KATO code (9 digits) or ISO 3166 code for the country
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- English name used in reports
    kind       TEXT NOT NULL CHECK (kind IN ('region', 'city', 'country')),
    kato       TEXT,                      -- KATO code, as text (leading zeros matter)
    iso_3166_2 TEXT,
    name_ru    TEXT,
    name_kk    TEXT
, valid_from INTEGER CHECK (valid_from BETWEEN 1900 AND 2100), valid_to INTEGER CHECK (valid_to BETWEEN 1900 AND 2100));

CREATE TABLE indicator (
    code       TEXT PRIMARY KEY
               CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
    name       TEXT NOT NULL,
    unit       TEXT NOT NULL,
    polarity   INTEGER NOT NULL CHECK (polarity IN (1, -1)),  -- +1: higher is better; -1: higher is worse
    decimals   INTEGER NOT NULL DEFAULT 1 CHECK (decimals BETWEEN 0 AND 9),  -- usually published
    in_index   INTEGER NOT NULL DEFAULT 0 CHECK (in_index IN (0, 1)),       -- part of the composite index
    position   INTEGER,                   -- order in reports
    source     TEXT
, kind TEXT CHECK (kind IN
    ('count', 'rate_per_1000', 'percentage', 'ratio', 'money', 'average', 'other')), currency TEXT, price_basis TEXT CHECK (price_basis IN ('nominal', 'real')), definition TEXT);

CREATE TABLE settlement (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE sex (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE missing_reason (
    code        TEXT PRIMARY KEY,
    marker      TEXT NOT NULL,            -- how statistics offices write it
    description TEXT NOT NULL
);

CREATE TABLE load (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,            -- the path as given on the command line
    kind        TEXT NOT NULL,            -- series, regions, indicators, published
    loaded_at   TEXT NOT NULL,            -- UTC, ISO 8601
    n_read      INTEGER NOT NULL DEFAULT 0,
    n_inserted  INTEGER NOT NULL DEFAULT 0,
    n_replaced  INTEGER NOT NULL DEFAULT 0,
    n_unchanged INTEGER NOT NULL DEFAULT 0
, sha256 TEXT, format TEXT, n_rejected INTEGER NOT NULL DEFAULT 0, undone_at TEXT);

CREATE TABLE published_measure (
    code        TEXT PRIMARY KEY,
    view_column TEXT NOT NULL,
    description TEXT NOT NULL
);

CREATE TABLE published (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,            -- e.g. paper:table2
    measure     TEXT NOT NULL REFERENCES published_measure (code),
    indicator   TEXT REFERENCES indicator (code),
    region      TEXT REFERENCES region (code),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    base_year   INTEGER CHECK (base_year BETWEEN 1900 AND 2100),
    settlement  TEXT NOT NULL DEFAULT 'total' REFERENCES settlement (code),
    sex         TEXT NOT NULL DEFAULT 'total' REFERENCES sex (code),
    value       REAL NOT NULL,
    decimals    INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 15),
    load_id     INTEGER NOT NULL REFERENCES load (id),
    source_line INTEGER
);

CREATE UNIQUE INDEX published_key ON published
    (source, measure, coalesce(indicator, ''), coalesce(region, ''), year,
     coalesce(base_year, 0), settlement, sex);

CREATE VIEW v_ratio_sex AS
SELECT m.region, r.name AS region_name, m.indicator, m.year, m.settlement,
       m.value AS male_value, f.value AS female_value,
       100.0 * f.value / nullif(m.value, 0) AS ratio_pct
FROM observation m
JOIN observation f ON f.region = m.region AND f.indicator = m.indicator
     AND f.year = m.year AND f.settlement = m.settlement AND f.sex = 'female'
JOIN region r ON r.code = m.region
WHERE m.sex = 'male' AND m.value IS NOT NULL AND f.value IS NOT NULL;

CREATE VIEW v_ratio_settlement AS
SELECT u.region, r.name AS region_name, u.indicator, u.year, u.sex,
       u.value AS urban_value, v.value AS rural_value,
       100.0 * v.value / nullif(u.value, 0) AS ratio_pct
FROM observation u
JOIN observation v ON v.region = u.region AND v.indicator = u.indicator
     AND v.year = u.year AND v.sex = u.sex AND v.settlement = 'rural'
JOIN region r ON r.code = u.region
WHERE u.settlement = 'urban' AND u.value IS NOT NULL AND v.value IS NOT NULL;

CREATE VIEW v_index_score AS
WITH member AS (
    SELECT o.region, r.name AS region_name, o.year, o.indicator, o.value,
           i.polarity
    FROM observation o
    JOIN region r ON r.code = o.region
    JOIN indicator i ON i.code = o.indicator
    WHERE r.kind <> 'country' AND i.in_index = 1
      AND o.settlement = 'total' AND o.sex = 'total' AND o.value IS NOT NULL
),
bounds AS (
    SELECT year, indicator, min(value) AS min_value, max(value) AS max_value
    FROM member
    GROUP BY year, indicator
)
SELECT m.region, m.region_name, m.year, m.indicator, m.value,
       b.min_value, b.max_value,
       CASE WHEN b.max_value = b.min_value THEN 0.0
            WHEN m.polarity = 1
                 THEN (m.value - b.min_value) / (b.max_value - b.min_value)
            ELSE (b.max_value - m.value) / (b.max_value - b.min_value)
       END AS score
FROM member m JOIN bounds b USING (year, indicator);

CREATE VIEW v_index AS
WITH per_region AS (
    SELECT region, region_name, year,
           count(*) AS n_indicators, sum(score) AS total
    FROM v_index_score
    GROUP BY region, region_name, year
),
per_year AS (
    SELECT year, count(DISTINCT indicator) AS n_indicators
    FROM v_index_score
    GROUP BY year
)
SELECT p.region, p.region_name, p.year, p.n_indicators,
       p.total AS "index",
       rank() OVER (PARTITION BY p.year ORDER BY p.total DESC) AS rank
FROM per_region p JOIN per_year y USING (year)
WHERE p.n_indicators = y.n_indicators;

CREATE TABLE region_alias (
    alias_key  TEXT PRIMARY KEY,
    alias      TEXT NOT NULL,             -- the spelling as first seen
    region     TEXT NOT NULL REFERENCES region (code),
    source     TEXT                       -- where this spelling was seen
) WITHOUT ROWID;

CREATE TABLE flag (
    code        TEXT PRIMARY KEY,
    description TEXT NOT NULL
);

CREATE TABLE observation_history (
    region        TEXT NOT NULL,
    indicator     TEXT NOT NULL,
    year          INTEGER NOT NULL,
    settlement    TEXT NOT NULL,
    sex           TEXT NOT NULL,
    value         REAL,
    decimals      INTEGER,
    missing       TEXT,
    flags         TEXT,
    load_id       INTEGER NOT NULL REFERENCES load (id),  -- wrote this version
    source_line   INTEGER,
    superseded_by INTEGER NOT NULL REFERENCES load (id), source_status TEXT,  -- replaced it
    PRIMARY KEY (region, indicator, year, settlement, sex, superseded_by)
) WITHOUT ROWID;

CREATE TABLE published_history (
    source        TEXT NOT NULL,          -- the figure's key, as in published
    measure       TEXT NOT NULL,
    indicator     TEXT,
    region        TEXT,
    year          INTEGER NOT NULL,
    base_year     INTEGER,
    settlement    TEXT NOT NULL,
    sex           TEXT NOT NULL,
    value         REAL NOT NULL,
    decimals      INTEGER NOT NULL,
    load_id       INTEGER NOT NULL REFERENCES load (id),
    source_line   INTEGER,
    superseded_by INTEGER NOT NULL REFERENCES load (id)
);

CREATE INDEX published_history_by_load ON published_history (superseded_by);

CREATE TABLE exchange_rate (
    currency   TEXT NOT NULL,             -- ISO 4217, e.g. KZT
    year       INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    per_usd    REAL NOT NULL CHECK (per_usd > 0),
    source     TEXT,
    load_id    INTEGER REFERENCES load (id),
    PRIMARY KEY (currency, year)
) WITHOUT ROWID;

CREATE TABLE price_index (
    year          INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2100),
    cpi           REAL CHECK (cpi > 0),   -- NULL when only inflation is known
    inflation_pct REAL,                   -- change of the annual average, %
    source        TEXT,
    load_id       INTEGER REFERENCES load (id)
);

CREATE VIEW v_amount AS
SELECT o.region, o.indicator, o.year, o.settlement, o.sex, o.value, o.decimals, o.flags,
       CASE WHEN i.kind IS NOT 'money' OR i.currency = 'KZT' THEN 1.0
            WHEN i.currency = 'USD' THEN k.per_usd
            ELSE k.per_usd / c.per_usd END AS factor,
       CASE WHEN i.kind = 'money' THEN 'KZT' END AS amount_currency
FROM observation o
JOIN indicator i ON i.code = o.indicator
LEFT JOIN exchange_rate k ON k.currency = 'KZT' AND k.year = o.year
LEFT JOIN exchange_rate c ON c.currency = i.currency AND c.year = o.year
WHERE o.value IS NOT NULL;

CREATE VIEW v_money AS
SELECT o.region, r.name AS region_name, o.indicator, o.year, o.settlement, o.sex,
       i.currency, i.price_basis, o.value,
       a.value * a.factor AS value_kzt,
       a.value * a.factor / k.per_usd AS value_usd,
       CASE WHEN i.price_basis = 'nominal'
            THEN a.value * a.factor * 100.0 / p.cpi END AS value_kzt_2010_prices
FROM observation o
JOIN v_amount a ON a.region = o.region AND a.indicator = o.indicator AND a.year = o.year
     AND a.settlement = o.settlement AND a.sex = o.sex
JOIN region r ON r.code = o.region
JOIN indicator i ON i.code = o.indicator
LEFT JOIN exchange_rate k ON k.currency = 'KZT' AND k.year = o.year
LEFT JOIN price_index p ON p.year = o.year
WHERE i.kind = 'money' AND o.value IS NOT NULL;

CREATE VIEW v_money_growth AS
WITH s AS (
    SELECT m.*,
           first_value(year) OVER w AS base_year,
           first_value(value) OVER w AS base_value,
           first_value(value_kzt) OVER w AS base_kzt,
           first_value(value_usd) OVER w AS base_usd,
           first_value(value_kzt_2010_prices) OVER w AS base_real
    FROM v_money m
    WINDOW w AS (PARTITION BY region, indicator, settlement, sex ORDER BY year)
)
SELECT region, region_name, indicator, settlement, sex, year, currency, base_year,
       100.0 * value / base_value AS index_base_own_currency,
       100.0 * value_kzt / base_kzt AS index_base_kzt,
       100.0 * value_usd / base_usd AS index_base_usd,
       100.0 * value_kzt_2010_prices / base_real AS index_base_kzt_real
FROM s;

CREATE VIEW v_growth AS
WITH basis AS (
    SELECT a.region, r.name AS region_name, a.indicator, a.settlement, a.sex, a.year,
           a.value, a.value * a.factor AS amount, a.amount_currency AS growth_currency,
           a.flags
    FROM v_amount a JOIN region r ON r.code = a.region
),
series AS (
    SELECT *,
           lag(year) OVER w AS prev_year,
           lag(value) OVER w AS prev_value,
           lag(amount) OVER w AS prev_amount,
           first_value(year) OVER w AS base_year,
           first_value(value) OVER w AS base_value,
           first_value(amount) OVER w AS base_amount
    FROM basis
    WINDOW w AS (PARTITION BY region, indicator, settlement, sex ORDER BY year)
)
SELECT region, region_name, indicator, settlement, sex, year, value,
       prev_year, prev_value,
       100.0 * (amount / nullif(prev_amount, 0) - 1) AS growth_pct_yoy,
       base_year, base_value,
       100.0 * (amount / nullif(base_amount, 0) - 1) AS growth_pct_base,
       100.0 * amount / nullif(base_amount, 0) AS index_base,
       growth_currency, flags
FROM series;

CREATE VIEW v_check_money AS
SELECT p.source, p.indicator, p.region, r.name AS region_name, p.year, p.base_year,
       p.settlement, p.sex, p.value AS published,
       100.0 * v.value_kzt / b.value_kzt AS index_kzt,
       100.0 * v.value_usd / b.value_usd AS index_usd,
       100.0 * v.value_kzt_2010_prices / b.value_kzt_2010_prices AS index_kzt_real
FROM published p
JOIN v_money v ON v.region = p.region AND v.indicator = p.indicator AND v.year = p.year
     AND v.settlement = p.settlement AND v.sex = p.sex
JOIN v_money b ON b.region = p.region AND b.indicator = p.indicator AND b.year = p.base_year
     AND b.settlement = p.settlement AND b.sex = p.sex
LEFT JOIN region r ON r.code = p.region
WHERE p.measure = 'index_base';

CREATE VIEW v_check AS
WITH obs AS (
    SELECT a.region, a.indicator, a.year, a.settlement, a.sex, a.value, a.factor,
           r.kind, 0.5 * pow(10, -a.decimals) AS half
    FROM v_amount a JOIN region r ON r.code = a.region
),
extremes AS (
    SELECT indicator, year, settlement, sex,
           max(value - half) AS max_lo, max(value + half) AS max_hi,
           min(value - half) AS min_lo, min(value + half) AS min_hi
    FROM obs
    WHERE kind <> 'country'
    GROUP BY indicator, year, settlement, sex
),
gap_measures AS (
    SELECT g.indicator, g.year, g.settlement, g.sex,
           g.max_value, e.max_lo, e.max_hi,
           g.min_value, e.min_lo, e.min_hi,
           g.gap_ratio, e.max_lo / e.min_hi AS gap_lo, e.max_hi / e.min_lo AS gap_hi
    FROM v_gap g JOIN extremes e USING (indicator, year, settlement, sex)
),
recomputed AS (
    SELECT p.id,
           CASE p.measure WHEN 'max_value' THEN g.max_value
                          WHEN 'min_value' THEN g.min_value
                          ELSE g.gap_ratio END AS value,
           CASE p.measure WHEN 'max_value' THEN g.max_lo
                          WHEN 'min_value' THEN g.min_lo
                          ELSE g.gap_lo END AS lo,
           CASE p.measure WHEN 'max_value' THEN g.max_hi
                          WHEN 'min_value' THEN g.min_hi
                          ELSE g.gap_hi END AS hi
    FROM published p
    JOIN gap_measures g ON g.indicator = p.indicator AND g.year = p.year
         AND g.settlement = p.settlement AND g.sex = p.sex
    WHERE p.measure IN ('gap_ratio', 'max_value', 'min_value')
    UNION ALL
    SELECT p.id, 100.0 * v.value * v.factor / (b.value * b.factor),
           100.0 * (v.value - v.half) * v.factor / ((b.value + b.half) * b.factor),
           100.0 * (v.value + v.half) * v.factor / ((b.value - b.half) * b.factor)
    FROM published p
    JOIN obs v ON v.region = p.region AND v.indicator = p.indicator
         AND v.settlement = p.settlement AND v.sex = p.sex AND v.year = p.year
    JOIN obs b ON b.region = p.region AND b.indicator = p.indicator
         AND b.settlement = p.settlement AND b.sex = p.sex AND b.year = p.base_year
    WHERE p.measure = 'index_base'
    UNION ALL
    SELECT p.id, rs.ratio_pct,
           100.0 * (f.value - f.half) / (m.value + m.half),
           100.0 * (f.value + f.half) / (m.value - m.half)
    FROM published p
    JOIN v_ratio_sex rs ON rs.region = p.region AND rs.indicator = p.indicator
         AND rs.year = p.year AND rs.settlement = p.settlement
    JOIN obs m ON m.region = p.region AND m.indicator = p.indicator
         AND m.year = p.year AND m.settlement = p.settlement AND m.sex = 'male'
    JOIN obs f ON f.region = p.region AND f.indicator = p.indicator
         AND f.year = p.year AND f.settlement = p.settlement AND f.sex = 'female'
    WHERE p.measure = 'ratio_pct'
    UNION ALL
    SELECT p.id,
           CASE p.measure WHEN 'rank' THEN ix.rank ELSE ix."index" END,
           NULL, NULL
    FROM published p
    JOIN v_index ix ON ix.region = p.region AND ix.year = p.year
    WHERE p.measure IN ('index', 'rank')
)
SELECT p.source, p.measure, p.indicator, p.region, r.name AS region_name,
       p.year, p.base_year, p.settlement, p.sex,
       p.value AS published, p.decimals AS published_decimals,
       c.value AS recomputed, c.lo AS recomputed_lo, c.hi AS recomputed_hi,
       c.value - p.value AS difference,
       CASE
           WHEN p.measure IN ('index', 'rank') THEN 'not_recomputable'
           WHEN c.value IS NULL THEN 'no_data'
           WHEN abs(round(c.value, p.decimals) - p.value) < 1e-9 THEN 'matches'
           WHEN c.lo <= p.value + 0.5 * pow(10, -p.decimals)
            AND c.hi >= p.value - 0.5 * pow(10, -p.decimals) THEN 'consistent'
           ELSE 'inconsistent'
       END AS status
FROM published p
LEFT JOIN recomputed c ON c.id = p.id
LEFT JOIN region r ON r.code = p.region;

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

CREATE TABLE territorial_change (
    year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    predecessor TEXT NOT NULL REFERENCES region (code),
    successor   TEXT NOT NULL REFERENCES region (code),
    kind        TEXT NOT NULL CHECK (kind IN ('split', 'rename')),
    note        TEXT,
    load_id     INTEGER REFERENCES load (id),
    PRIMARY KEY (year, predecessor, successor)
) WITHOUT ROWID;

CREATE VIEW v_additive_indicator AS
SELECT code AS indicator FROM indicator WHERE kind = 'count';

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

CREATE TABLE region_group (
    grouping    TEXT NOT NULL,
    group_name  TEXT NOT NULL,
    region      TEXT NOT NULL REFERENCES region (code),
    source      TEXT,
    load_id     INTEGER REFERENCES load (id),
    PRIMARY KEY (grouping, region)
) WITHOUT ROWID;

CREATE VIEW v_inequality_unit AS
SELECT o.indicator, o.year, o.settlement, o.sex, o.region, o.value, p.persons
FROM observation o
JOIN region r ON r.code = o.region
LEFT JOIN v_population p ON p.region = o.region AND p.year = o.year
     AND p.settlement = o.settlement AND p.sex = o.sex
WHERE r.kind <> 'country' AND o.value IS NOT NULL;

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

CREATE TABLE validation_rule (
    code           TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN
                   ('bounds', 'parts_sum', 'total_between', 'regions_sum', 'jump')),
    indicator      TEXT REFERENCES indicator (code),     -- NULL: every one of indicator_kind
    indicator_kind TEXT,                                 -- as indicator.kind; NULL: any
    breakdown      TEXT CHECK (breakdown IN ('settlement', 'sex')),  -- parts_sum, total_between
    min_value      REAL,                                 -- bounds (NULL: no lower bound)
    max_value      REAL,                                 -- bounds (NULL: no upper bound)
    max_change_pct REAL CHECK (max_change_pct > 0),      -- jump
    tolerance_pct  REAL NOT NULL DEFAULT 0 CHECK (tolerance_pct >= 0),  -- *_sum
    description    TEXT NOT NULL,
    load_id        INTEGER REFERENCES load (id),
    CHECK (kind <> 'bounds' OR min_value IS NOT NULL OR max_value IS NOT NULL),
    CHECK (kind <> 'jump' OR max_change_pct IS NOT NULL),
    CHECK (kind NOT IN ('parts_sum', 'total_between') OR breakdown IS NOT NULL)
);

CREATE VIEW v_rule_target AS
SELECT r.*, i.code AS target, i.kind AS target_kind
FROM validation_rule r
JOIN indicator i ON i.code = r.indicator
     OR (r.indicator IS NULL AND (r.indicator_kind IS NULL OR i.kind = r.indicator_kind));

CREATE VIEW v_rule_finding AS
WITH obs AS (
    SELECT o.region, o.indicator, o.year, o.settlement, o.sex, o.value,
           coalesce(o.decimals, 0) AS decimals, 0.5 * pow(10, -coalesce(o.decimals, 0)) AS half,
           printf('%.*f', coalesce(o.decimals, 0), o.value) AS shown, r.kind AS region_kind
    FROM observation o JOIN region r ON r.code = o.region
    WHERE o.value IS NOT NULL
),
bounds AS (
    SELECT t.code AS rule, t.kind, o.region, o.indicator, o.year, o.settlement, o.sex,
           o.value, NULL AS expected, t.min_value AS lo, t.max_value AS hi,
           CASE WHEN o.value < t.min_value
                THEN o.shown || ' is below the minimum ' || printf('%g', t.min_value)
                ELSE o.shown || ' is above the maximum ' || printf('%g', t.max_value) END
               AS detail
    FROM v_rule_target t JOIN obs o ON o.indicator = t.target
    WHERE t.kind = 'bounds'
      AND (o.value < t.min_value - o.half OR o.value > t.max_value + o.half)
),
parts AS (
    -- a total with its two parts along the rule's breakdown
    SELECT t.code AS rule, t.kind, t.tolerance_pct, t.breakdown, tot.region, tot.indicator,
           tot.year, tot.settlement, tot.sex, tot.value, tot.half AS total_half, tot.shown,
           a.value AS a_value, a.half AS a_half, a.shown AS a_shown,
           b.value AS b_value, b.half AS b_half, b.shown AS b_shown
    FROM v_rule_target t
    JOIN obs tot ON tot.indicator = t.target
    JOIN obs a ON a.region = tot.region AND a.indicator = tot.indicator AND a.year = tot.year
    JOIN obs b ON b.region = tot.region AND b.indicator = tot.indicator AND b.year = tot.year
    WHERE t.kind IN ('parts_sum', 'total_between')
      AND ((t.breakdown = 'settlement' AND tot.settlement = 'total'
            AND a.settlement = 'urban' AND b.settlement = 'rural'
            AND a.sex = tot.sex AND b.sex = tot.sex)
        OR (t.breakdown = 'sex' AND tot.sex = 'total'
            AND a.sex = 'male' AND b.sex = 'female'
            AND a.settlement = tot.settlement AND b.settlement = tot.settlement))
),
parts_sum AS (
    SELECT rule, kind, region, indicator, year, settlement, sex, value,
           a_value + b_value AS expected,
           a_value + b_value - (tolerance_pct / 100.0 * abs(value) + total_half + a_half + b_half)
               AS lo,
           a_value + b_value + (tolerance_pct / 100.0 * abs(value) + total_half + a_half + b_half)
               AS hi,
           CASE breakdown WHEN 'settlement' THEN 'urban ' || a_shown || ' + rural ' || b_shown
                ELSE 'men ' || a_shown || ' + women ' || b_shown END
               || ' = ' || printf('%.15g', a_value + b_value) || ', total ' || shown AS detail
    FROM parts
    WHERE kind = 'parts_sum' AND indicator IN (SELECT indicator FROM v_additive_indicator)
),
outside_parts AS (
    SELECT rule, kind, region, indicator, year, settlement, sex, value, NULL AS expected,
           min(a_value, b_value) - max(a_half, b_half, total_half) AS lo,
           max(a_value, b_value) + max(a_half, b_half, total_half) AS hi,
           'total ' || shown || ' is not between '
               || CASE breakdown WHEN 'settlement' THEN 'urban ' || a_shown || ' and rural '
                       || b_shown
                  ELSE 'men ' || a_shown || ' and women ' || b_shown END AS detail
    FROM parts
    WHERE kind = 'total_between'
),
country_sum AS (
    SELECT t.code AS rule, t.kind, t.tolerance_pct, c.region, c.indicator, c.year,
           c.settlement, c.sex, c.value, c.half, c.shown,
           sum(o.value) AS regions_value, sum(o.half) AS regions_half, count(o.value) AS n
    FROM v_rule_target t
    JOIN obs c ON c.indicator = t.target AND c.region_kind = 'country'
    JOIN obs o ON o.indicator = c.indicator AND o.year = c.year
         AND o.settlement = c.settlement AND o.sex = c.sex AND o.region_kind <> 'country'
    WHERE t.kind = 'regions_sum'
      AND t.target IN (SELECT indicator FROM v_additive_indicator)
    GROUP BY t.code, c.region, c.indicator, c.year, c.settlement, c.sex
),
regions_sum AS (
    SELECT rule, kind, region, indicator, year, settlement, sex, value,
           regions_value AS expected,
           regions_value - (tolerance_pct / 100.0 * abs(value) + half + regions_half) AS lo,
           regions_value + (tolerance_pct / 100.0 * abs(value) + half + regions_half) AS hi,
           n || ' regions sum to ' || printf('%.15g', regions_value) || ', the country ' || shown
               AS detail
    FROM country_sum
),
series AS (
    SELECT o.*, lag(o.year) OVER w AS prev_year, lag(o.value) OVER w AS prev_value,
           lag(o.half) OVER w AS prev_half, lag(o.shown) OVER w AS prev_shown
    FROM obs o
    WINDOW w AS (PARTITION BY o.region, o.indicator, o.settlement, o.sex ORDER BY o.year)
),
jump AS (
    SELECT t.code AS rule, t.kind, s.region, s.indicator, s.year, s.settlement, s.sex,
           s.value, s.prev_value AS expected,
           s.prev_value - abs(s.prev_value) * t.max_change_pct / 100.0 AS lo,
           s.prev_value + abs(s.prev_value) * t.max_change_pct / 100.0 AS hi,
           s.prev_shown || ' in ' || s.prev_year || ' to ' || s.shown || ': '
               || printf('%+.1f', 100.0 * (s.value / s.prev_value - 1)) || ' %, beyond '
               || printf('%g', t.max_change_pct) || ' %'
               || CASE WHEN EXISTS (SELECT 1 FROM territorial_change c
                                    WHERE c.year = s.year AND c.predecessor <> c.successor
                                      AND s.region IN (c.predecessor, c.successor))
                       THEN ' (its territory changed in ' || s.year || ')' ELSE '' END
               AS detail
    FROM v_rule_target t JOIN series s ON s.indicator = t.target
    WHERE t.kind = 'jump' AND s.prev_value IS NOT NULL AND s.prev_value <> 0
      AND s.prev_year = s.year - 1
      AND abs(s.value - s.prev_value) - s.half - s.prev_half
          > abs(s.prev_value) * t.max_change_pct / 100.0
),
found AS (
    SELECT * FROM bounds
    UNION ALL SELECT * FROM parts_sum WHERE value < lo OR value > hi
    UNION ALL SELECT * FROM outside_parts WHERE value < lo OR value > hi
    UNION ALL SELECT * FROM regions_sum WHERE value < lo OR value > hi
    UNION ALL SELECT * FROM jump
)
SELECT f.rule, f.kind, f.region, r.name AS region_name, f.indicator, f.year, f.settlement,
       f.sex, f.value, f.expected, f.lo, f.hi, f.detail
FROM found f JOIN region r ON r.code = f.region;

CREATE TABLE index_definition (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    normalisation TEXT NOT NULL CHECK (normalisation IN ('minmax', 'goalposts', 'zscore', 'rank')),
    scope         TEXT NOT NULL CHECK (scope IN ('year', 'panel')),
    aggregation   TEXT NOT NULL CHECK (aggregation IN ('arithmetic', 'geometric')),
    description   TEXT,
    load_id       INTEGER REFERENCES load (id),
    CHECK (NOT (normalisation = 'zscore' AND aggregation = 'geometric'))
);

CREATE TABLE index_component (
    definition  TEXT NOT NULL REFERENCES index_definition (code),
    indicator   TEXT NOT NULL REFERENCES indicator (code),
    weight      REAL NOT NULL CHECK (weight > 0),
    goal_low    REAL,
    goal_high   REAL,
    position    INTEGER NOT NULL,       -- order in the file
    CHECK ((goal_low IS NULL) = (goal_high IS NULL)),
    CHECK (goal_low IS NULL OR goal_low < goal_high),
    PRIMARY KEY (definition, indicator)
) WITHOUT ROWID;

CREATE VIEW v_index_method_score AS
WITH component AS (
    SELECT c.definition, c.indicator, c.goal_low, c.goal_high, d.scope,
           c.weight / sum(c.weight) OVER (PARTITION BY c.definition) AS weight
    FROM index_component c JOIN index_definition d ON d.code = c.definition
),
member AS (
    SELECT c.definition, o.region, r.name AS region_name, o.year, o.indicator, o.value,
           i.polarity, c.weight, c.goal_low, c.goal_high,
           CASE c.scope WHEN 'panel' THEN 0 ELSE o.year END AS span
    FROM component c
    JOIN observation o ON o.indicator = c.indicator
    JOIN region r ON r.code = o.region
    JOIN indicator i ON i.code = o.indicator
    WHERE r.kind <> 'country' AND o.settlement = 'total' AND o.sex = 'total'
      AND o.value IS NOT NULL
),
spread AS (
    SELECT m.*,
           min(value) OVER same AS min_value, max(value) OVER same AS max_value,
           avg(value) OVER same AS mean_value, count(*) OVER same AS n_values,
           rank() OVER by_merit AS rank_low,
           count(*) OVER (by_merit RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rank_high
    FROM member m
    WINDOW same AS (PARTITION BY definition, indicator, span),
           by_merit AS (PARTITION BY definition, indicator, span ORDER BY polarity * value)
),
deviation AS (
    SELECT s.*,
           sqrt(sum((value - mean_value) * (value - mean_value))
                    OVER (PARTITION BY definition, indicator, span)
                / nullif(n_values - 1, 0)) AS sd_value
    FROM spread s
)
SELECT definition, region, region_name, year, indicator, value, polarity, weight,
       goal_low, goal_high,
       CASE WHEN max_value = min_value THEN 0.0
            WHEN polarity = 1 THEN (value - min_value) / (max_value - min_value)
            ELSE (max_value - value) / (max_value - min_value)
       END AS score_minmax,
       CASE WHEN goal_low IS NULL THEN NULL
            ELSE max(0.0, min(1.0, (CASE WHEN polarity = 1 THEN value - goal_low
                                         ELSE goal_high - value END)
                                   / (goal_high - goal_low)))
       END AS score_goalposts,
       CASE WHEN sd_value IS NULL OR sd_value = 0 THEN 0.0
            ELSE polarity * (value - mean_value) / sd_value
       END AS score_zscore,
       CASE WHEN n_values = 1 THEN 0.0
            ELSE ((rank_low + rank_high) / 2.0 - 1.0) / (n_values - 1)
       END AS score_rank
FROM deviation;

CREATE VIEW v_index_variant_score AS
SELECT definition, 'minmax' AS normalisation, region, region_name, year, indicator, value,
       weight, score_minmax AS score
FROM v_index_method_score
UNION ALL
SELECT definition, 'goalposts', region, region_name, year, indicator, value, weight,
       score_goalposts
FROM v_index_method_score WHERE score_goalposts IS NOT NULL
UNION ALL
SELECT definition, 'zscore', region, region_name, year, indicator, value, weight, score_zscore
FROM v_index_method_score
UNION ALL
SELECT definition, 'rank', region, region_name, year, indicator, value, weight, score_rank
FROM v_index_method_score;

CREATE VIEW v_index_variant AS
WITH n_components AS (
    SELECT definition, count(*) AS n FROM index_component GROUP BY definition
),
aggregated AS (
    SELECT definition, normalisation, 'arithmetic' AS aggregation, region, region_name, year,
           count(*) AS n_indicators, sum(weight * score) AS "index"
    FROM v_index_variant_score
    GROUP BY definition, normalisation, region, region_name, year
    UNION ALL
    SELECT definition, normalisation, 'geometric', region, region_name, year,
           count(*), exp(sum(weight * ln(0.01 + 0.99 * score)))
    FROM v_index_variant_score WHERE normalisation <> 'zscore'
    GROUP BY definition, normalisation, region, region_name, year
)
SELECT a.definition, a.normalisation, a.aggregation, a.region, a.region_name, a.year,
       a.n_indicators, a."index",
       rank() OVER (PARTITION BY a.definition, a.normalisation, a.aggregation, a.year
                    ORDER BY round(a."index", 12) DESC) AS rank
FROM aggregated a JOIN n_components c USING (definition)
WHERE a.n_indicators = c.n;

CREATE VIEW v_index_def_score AS
SELECT s.definition, s.region, s.region_name, s.year, s.indicator, s.value, s.score, s.weight
FROM v_index_variant_score s
JOIN index_definition d ON d.code = s.definition AND d.normalisation = s.normalisation;

CREATE VIEW v_index_def AS
WITH own AS (
    SELECT v.definition, v.region, v.region_name, v.year, v."index", v.rank, v.n_indicators
    FROM v_index_variant v
    JOIN index_definition d ON d.code = v.definition AND d.normalisation = v.normalisation
         AND d.aggregation = v.aggregation
)
SELECT c.definition, c.region, c.region_name, c.year, c."index", c.rank, c.n_indicators,
       p.rank AS rank_prev, p.rank - c.rank AS rank_change, p."index" AS index_prev
FROM own c
LEFT JOIN own p ON p.definition = c.definition AND p.region = c.region AND p.year = c.year - 1;

CREATE VIEW v_index_sensitivity AS
SELECT definition, region, region_name, year, min(rank) AS best_rank, max(rank) AS worst_rank,
       count(*) AS n_methods
FROM v_index_variant
GROUP BY definition, region, region_name, year;

CREATE VIEW v_index_attribution AS
WITH contribution AS (
    SELECT s.definition, s.region, s.region_name, s.year, s.indicator,
           CASE d.aggregation WHEN 'arithmetic' THEN s.weight * s.score
                ELSE s.weight * ln(0.01 + 0.99 * s.score) END AS contribution
    FROM v_index_def_score s
    JOIN index_definition d ON d.code = s.definition
    JOIN v_index_def x ON x.definition = s.definition AND x.region = s.region
         AND x.year = s.year
)
SELECT c.definition, c.region, c.region_name, c.year, c.indicator, c.contribution,
       p.contribution AS contribution_prev, c.contribution - p.contribution AS delta,
       (c.contribution - p.contribution)
         / nullif(sum(c.contribution - p.contribution)
                    OVER (PARTITION BY c.definition, c.region, c.year), 0) AS share
FROM contribution c
JOIN contribution p ON p.definition = c.definition AND p.region = c.region
     AND p.indicator = c.indicator AND p.year = c.year - 1;

CREATE VIEW v_observation_source AS
SELECT o.region, r.name AS region_name, o.indicator, o.year, o.settlement, o.sex,
       o.value, o.decimals, o.missing, o.flags, o.source_status,
       o.load_id, l.file, l.sha256, l.loaded_at, o.source_line,
       i.source AS indicator_source
FROM observation o
JOIN region r ON r.code = o.region
JOIN indicator i ON i.code = o.indicator
JOIN load l ON l.id = o.load_id;

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

CREATE TABLE "observation" (
    region        TEXT NOT NULL REFERENCES region (code),
    indicator     TEXT NOT NULL REFERENCES indicator (code),
    year          INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    settlement    TEXT NOT NULL DEFAULT 'total' REFERENCES settlement (code),
    sex           TEXT NOT NULL DEFAULT 'total' REFERENCES sex (code),
    value         REAL,                       -- NULL when missing
    decimals      INTEGER CHECK (decimals BETWEEN 0 AND 15),  -- digits printed after the decimal mark
    missing       TEXT REFERENCES missing_reason (code),      -- why value is NULL
    load_id       INTEGER NOT NULL REFERENCES load (id),      -- the load that wrote this value
    source_line   INTEGER,                    -- its line in that load's file
    flags         TEXT,                       -- comma-separated flag codes (0003)
    source_status TEXT,                       -- the source's status as written (0011)
    CHECK ((value IS NULL) = (missing IS NOT NULL)),
    PRIMARY KEY (indicator, region, year, settlement, sex)
) WITHOUT ROWID;

INSERT INTO settlement (code, name) VALUES ('total', 'Urban and rural');
INSERT INTO settlement (code, name) VALUES ('urban', 'Urban (city)');
INSERT INTO settlement (code, name) VALUES ('rural', 'Rural (village)');

INSERT INTO sex (code, name) VALUES ('total', 'Both sexes');
INSERT INTO sex (code, name) VALUES ('male', 'Men');
INSERT INTO sex (code, name) VALUES ('female', 'Women');

INSERT INTO missing_reason (code, marker, description) VALUES ('empty', '', 'Cell left empty');
INSERT INTO missing_reason (code, marker, description) VALUES ('nil', '-', 'No such phenomenon, or not applicable');
INSERT INTO missing_reason (code, marker, description) VALUES ('not_available', '..', 'Not available');
INSERT INTO missing_reason (code, marker, description) VALUES ('confidential', 'x', 'Suppressed for confidentiality');

INSERT INTO published_measure (code, view_column, description) VALUES ('gap_ratio', 'v_gap.gap_ratio', 'Maximum divided by minimum across regions');
INSERT INTO published_measure (code, view_column, description) VALUES ('max_value', 'v_gap.max_value', 'Maximum across regions');
INSERT INTO published_measure (code, view_column, description) VALUES ('min_value', 'v_gap.min_value', 'Minimum across regions');
INSERT INTO published_measure (code, view_column, description) VALUES ('index_base', 'v_check (growth in tenge against base_year)', 'Value as a percentage of the base year''s value');
INSERT INTO published_measure (code, view_column, description) VALUES ('ratio_pct', 'v_ratio_sex.ratio_pct', 'Women''s value as a percentage of men''s');
INSERT INTO published_measure (code, view_column, description) VALUES ('index', 'v_index.index', 'Composite social-development index');
INSERT INTO published_measure (code, view_column, description) VALUES ('rank', 'v_index.rank', 'Rank by the composite index, 1 = best');

INSERT INTO flag (code, description) VALUES ('provisional', 'Provisional: may be revised');
INSERT INTO flag (code, description) VALUES ('estimated', 'Estimated, not observed');
INSERT INTO flag (code, description) VALUES ('break', 'Break in series: not comparable with earlier years');
INSERT INTO flag (code, description) VALUES ('revised', 'Revised by the source');
INSERT INTO flag (code, description) VALUES ('forecast', 'Forecast');
INSERT INTO flag (code, description) VALUES ('low_reliability', 'Low reliability');
INSERT INTO flag (code, description) VALUES ('footnote', 'Marked with a footnote in the source');
INSERT INTO flag (code, description) VALUES ('recast', 'Recalculated by the source for a region in a year when it did not exist');
INSERT INTO flag (code, description) VALUES ('confidential', 'Confidential: the source suppressed or restricted the value');
INSERT INTO flag (code, description) VALUES ('definition_differs', 'Definition differs from the standard one');
INSERT INTO flag (code, description) VALUES ('not_significant', 'Not significant');
INSERT INTO flag (code, description) VALUES ('not_applicable', 'Not applicable');
