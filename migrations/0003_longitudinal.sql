-- 0003_longitudinal.sql - what long series need: regions that exist for a
-- span of years and are written in many ways, flags on values, and
-- revisions that never lose the value they replace. See docs/data-model.md.

-- The years a region existed (NULL: open-ended).
ALTER TABLE region ADD COLUMN valid_from INTEGER CHECK (valid_from BETWEEN 1900 AND 2100);
ALTER TABLE region ADD COLUMN valid_to INTEGER CHECK (valid_to BETWEEN 1900 AND 2100);

-- Every spelling that names a region in input files. The key is the
-- spelling folded by oblys (case, spaces, punctuation and footnote marks
-- ignored; see docs/data-format.md), so "г. Астана" and "Г.АСТАНА" are one
-- key. A region's code and names are registered here when it is imported
-- (and, for regions stored before this migration, by `oblys init`).
CREATE TABLE region_alias (
    alias_key  TEXT PRIMARY KEY,
    alias      TEXT NOT NULL,             -- the spelling as first seen
    region     TEXT NOT NULL REFERENCES region (code),
    source     TEXT                       -- where this spelling was seen
) WITHOUT ROWID;

-- Flags a value can carry; an observation may have several.
CREATE TABLE flag (
    code        TEXT PRIMARY KEY,
    description TEXT NOT NULL
);
INSERT INTO flag (code, description) VALUES
    ('provisional', 'Provisional: may be revised'),
    ('estimated', 'Estimated, not observed'),
    ('break', 'Break in series: not comparable with earlier years'),
    ('revised', 'Revised by the source'),
    ('forecast', 'Forecast'),
    ('low_reliability', 'Low reliability');

-- Flags of a value, comma-separated codes of the flag table in
-- alphabetical order (NULL: none).
ALTER TABLE observation ADD COLUMN flags TEXT;

-- What a load was and how it went.
ALTER TABLE load ADD COLUMN sha256 TEXT;          -- of the file's bytes
ALTER TABLE load ADD COLUMN format TEXT;          -- csv or json
ALTER TABLE load ADD COLUMN n_rejected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE load ADD COLUMN undone_at TEXT;       -- set by `oblys undo`

-- Values replaced by a later load (a revision), with the load that had
-- written them and the load that replaced them. Nothing is lost: `oblys
-- report --as-of` rebuilds the data as it was, `oblys undo` restores it.
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
    superseded_by INTEGER NOT NULL REFERENCES load (id),  -- replaced it
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

-- Every stored value with where it came from.
CREATE VIEW v_observation_source AS
SELECT o.region, r.name AS region_name, o.indicator, o.year, o.settlement, o.sex,
       o.value, o.decimals, o.missing, o.flags,
       o.load_id, l.file, l.sha256, l.loaded_at, o.source_line,
       i.source AS indicator_source
FROM observation o
JOIN region r ON r.code = o.region
JOIN indicator i ON i.code = o.indicator
JOIN load l ON l.id = o.load_id;

DROP VIEW v_check;

-- v_check again, now comparing a published growth index with the value of
-- its own base year, whichever year that is (0002 took the first year of
-- the series as the base, so a figure against a later base had no_data).
CREATE VIEW v_check AS
WITH obs AS (
    SELECT o.region, o.indicator, o.year, o.settlement, o.sex, o.value,
           r.kind, 0.5 * pow(10, -o.decimals) AS half
    FROM observation o JOIN region r ON r.code = o.region
    WHERE o.value IS NOT NULL
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
    SELECT p.id, 100.0 * v.value / b.value,
           100.0 * (v.value - v.half) / (b.value + b.half),
           100.0 * (v.value + v.half) / (b.value - b.half)
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
