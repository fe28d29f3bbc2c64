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
