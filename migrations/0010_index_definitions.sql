-- 0010_index_definitions.sql - composite indices as data: which
-- indicators, with which weights, normalised and aggregated how; the
-- index, rank and rank change of each region under every stored
-- definition, how robust the rank is to the method, and which indicators
-- moved a region. v_index and v_index_score (0002) stay the paper's
-- method, unchanged. See docs/methodology.md ("Index definitions").

-- One composite index. normalisation turns each indicator's values into
-- scores (0 = worst, 1 = best by the indicator's polarity, except z-scores
-- which are centred on 0); scope says over which values: each year on its
-- own ('year', the paper's: values of different years are not comparable)
-- or the whole panel of years ('panel'); goalposts are fixed, so their
-- scope does not matter. aggregation combines the weighted scores.
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

-- Its indicators. weight > 0 as written in the file; the views divide by
-- the definition's total, so weights sum to 1. goal_low and goal_high are
-- fixed goalposts in the indicator's own unit (both or neither).
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

-- Every component value of every definition (regions only, totals only),
-- with its score under each normalisation. The normalising set is the
-- indicator's values of every region with a value, in the same year
-- (scope year) or in any year (scope panel); a region lacking another
-- component still counts here, as in v_index_score.
--   minmax    (v - min) / (max - min), reversed for higher_is_worse; 0 when
--             every value is equal;
--   goalposts (v - low) / (high - low), reversed likewise, clipped to
--             [0, 1]; NULL without goalposts;
--   zscore    polarity * (v - mean) / sd, sd the sample standard deviation
--             (n - 1); 0 when sd is 0 or undefined;
--   rank      (r - 1) / (n - 1), r the rank from the worst (1) up, ties
--             sharing the mean of their ranks; 0 when n = 1.
-- weight is normalised: the component's weight over the definition's sum.
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

-- The same, one row per normalisation (goalposts only where given).
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

-- Each definition's components under every method: each normalisation
-- with each aggregation (z-scores only arithmetically, since they are
-- negative), over the definition's own weights and scope. Only complete
-- cases: a region lacking a component in a year (or, for goalposts, a
-- component without goalposts) is not ranked. Aggregation:
--   arithmetic  sum of weight * score;
--   geometric   exp(sum of weight * ln(0.01 + 0.99 * score)): the weighted
--               geometric mean of scores moved from [0, 1] to [0.01, 1], so
--               that the worst region on one indicator does not make the
--               index 0 (see docs/methodology.md).
-- rank 1 is the highest index of the year; indices equal to 12 decimals
-- share a rank (sums of the same scores in another order differ in the
-- last bits, and rank normalisation makes such ties common).
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

-- Scores as each definition's own normalisation gives them (before the
-- shift to [0.01, 1] a geometric mean applies).
CREATE VIEW v_index_def_score AS
SELECT s.definition, s.region, s.region_name, s.year, s.indicator, s.value, s.score, s.weight
FROM v_index_variant_score s
JOIN index_definition d ON d.code = s.definition AND d.normalisation = s.normalisation;

-- Each definition's index and rank by year, with the rank the year before
-- (NULL when the region was not ranked then) and the change: positive
-- means the region moved up. index_prev is comparable with index only
-- when the scope is panel or the normalisation goalposts.
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

-- How robust each rank is: the best and worst rank a region gets in a
-- year over every method of v_index_variant for the same definition
-- (same indicators, weights and scope; n_methods of them).
CREATE VIEW v_index_sensitivity AS
SELECT definition, region, region_name, year, min(rank) AS best_rank, max(rank) AS worst_rank,
       count(*) AS n_methods
FROM v_index_variant
GROUP BY definition, region, region_name, year;

-- Which indicators moved a region's index from the year before, for
-- regions ranked in both years. contribution is additive: with arithmetic
-- aggregation weight * score (they sum to the index), with geometric
-- weight * ln(0.01 + 0.99 * score) (they sum to ln(index)). delta is the
-- change of the contribution; the deltas sum to the change of the index
-- (arithmetic) or of ln(index) (geometric); share is delta over that sum
-- (NULL when it is 0).
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
