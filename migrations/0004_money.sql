-- 0004_money.sql - money in the currency it was published in, converted
-- with annual average exchange rates and deflated with the consumer price
-- index; growth of money computed in national currency (tenge) by
-- default. See docs/methodology.md.

-- What kind of quantity an indicator is, and for money, in what.
ALTER TABLE indicator ADD COLUMN kind TEXT CHECK (kind IN
    ('count', 'rate_per_1000', 'percentage', 'ratio', 'money', 'average', 'other'));
ALTER TABLE indicator ADD COLUMN currency TEXT;       -- ISO 4217 (KZT, USD) for money
ALTER TABLE indicator ADD COLUMN price_basis TEXT CHECK (price_basis IN ('nominal', 'real'));
ALTER TABLE indicator ADD COLUMN definition TEXT;

-- Annual average exchange rates: units of currency per US dollar.
CREATE TABLE exchange_rate (
    currency   TEXT NOT NULL,             -- ISO 4217, e.g. KZT
    year       INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    per_usd    REAL NOT NULL CHECK (per_usd > 0),
    source     TEXT,
    load_id    INTEGER REFERENCES load (id),
    PRIMARY KEY (currency, year)
) WITHOUT ROWID;

-- Consumer price index of Kazakhstan, annual average, 2010 = 100.
CREATE TABLE price_index (
    year          INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2100),
    cpi           REAL CHECK (cpi > 0),   -- NULL when only inflation is known
    inflation_pct REAL,                   -- change of the annual average, %
    source        TEXT,
    load_id       INTEGER REFERENCES load (id)
);

-- Every stored value with the factor that turns it into the amount growth
-- is computed on: for money, tenge per unit of its currency in its year
-- (1 for tenge, the annual rate for dollars, the cross rate through the
-- dollar for others; NULL when a rate is missing); 1 for everything else.
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

-- Money values as published, in tenge, in dollars, and in tenge of 2010
-- prices (nominal values only).
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

-- Growth of money in tenge, in dollars and in real tenge, against the
-- first year of each series.
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

-- v_growth again: growth of a money indicator is growth in tenge (values
-- converted at each year's rate), whatever currency it was published in;
-- growth_currency says so. Other indicators grow in their own unit. The
-- value's flags come along.
DROP VIEW v_growth;

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

-- Published growth of money beside growth recomputed in tenge, dollars
-- and real tenge: which one did the source use?
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

DROP VIEW v_check;

-- v_check again: a published growth index of money is compared with
-- growth in national currency, as v_growth computes it.
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

-- A published growth index is compared with growth in tenge against its
-- own base year.
UPDATE published_measure SET view_column = 'v_check (growth in tenge against base_year)'
WHERE code = 'index_base';
