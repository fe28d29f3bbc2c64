-- 0009_validation_rules.sql - validation rules as data, and the findings
-- they make on the stored observations, which `oblys check` lists beside
-- the published figures. See docs/methodology.md ("Validation rules").
--
-- Kinds of rule:
--   bounds          a value below min_value or above max_value (a
--                   percentage within 0-100, no negative counts);
--   parts_sum       additive indicators (kind 'count'): the parts of a
--                   breakdown (urban + rural, or men + women) against the
--                   total, within tolerance_pct of the total;
--   total_between   indicators that do not add up (averages, rates,
--                   shares): the total lies between its parts;
--   regions_sum     additive indicators: the regions and cities of a
--                   year against the country, within tolerance_pct;
--   jump            a change from the year before (year - 1, both with a
--                   value) beyond max_change_pct, either way; a change
--                   over a gap of years is not judged by a yearly limit.
--                   When the region's territory changed between the two
--                   years (territorial_change), the detail says so.
-- A rule applies to one indicator, or (indicator NULL) to every indicator
-- of indicator_kind, or (both NULL) to every indicator. Rounding never
-- makes a finding: every comparison allows half a unit of the last
-- printed digit of each value involved.

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

-- Each rule with the indicators it applies to.
CREATE VIEW v_rule_target AS
SELECT r.*, i.code AS target, i.kind AS target_kind
FROM validation_rule r
JOIN indicator i ON i.code = r.indicator
     OR (r.indicator IS NULL AND (r.indicator_kind IS NULL OR i.kind = r.indicator_kind));

-- One row per value that breaks a rule: the value, what the rule expected
-- (expected: the sum of the parts, or the previous value), the interval
-- allowed (lo..hi, NULL: open), and the values involved in words.
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
