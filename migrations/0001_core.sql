-- 0001_core.sql - the core data model of oblys: regions, indicators,
-- breakdowns, loads, observations and the published figures that
-- `oblys check` compares with recomputed ones. See docs/data-model.md.

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
);

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
);

-- Breakdowns: every observation has one value on each dimension;
-- 'total' means "not broken down".
CREATE TABLE settlement (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT INTO settlement (code, name) VALUES
    ('total', 'Urban and rural'), ('urban', 'Urban (city)'), ('rural', 'Rural (village)');

CREATE TABLE sex (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT INTO sex (code, name) VALUES
    ('total', 'Both sexes'), ('male', 'Men'), ('female', 'Women');

-- Why a value is missing. Missing is never stored as 0.
CREATE TABLE missing_reason (
    code        TEXT PRIMARY KEY,
    marker      TEXT NOT NULL,            -- how statistics offices write it
    description TEXT NOT NULL
);
INSERT INTO missing_reason (code, marker, description) VALUES
    ('empty', '', 'Cell left empty'),
    ('nil', '-', 'No such phenomenon, or not applicable'),
    ('not_available', '..', 'Not available'),
    ('confidential', 'x', 'Suppressed for confidentiality');

-- One row per file imported successfully.
CREATE TABLE load (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,            -- the path as given on the command line
    kind        TEXT NOT NULL,            -- series, regions, indicators, published
    loaded_at   TEXT NOT NULL,            -- UTC, ISO 8601
    n_read      INTEGER NOT NULL DEFAULT 0,
    n_inserted  INTEGER NOT NULL DEFAULT 0,
    n_replaced  INTEGER NOT NULL DEFAULT 0,
    n_unchanged INTEGER NOT NULL DEFAULT 0
);

-- The series: one value per region, indicator, year and breakdown,
-- exactly as reported.
CREATE TABLE observation (
    region      TEXT NOT NULL REFERENCES region (code),
    indicator   TEXT NOT NULL REFERENCES indicator (code),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    settlement  TEXT NOT NULL DEFAULT 'total' REFERENCES settlement (code),
    sex         TEXT NOT NULL DEFAULT 'total' REFERENCES sex (code),
    value       REAL,                     -- NULL when missing
    decimals    INTEGER CHECK (decimals BETWEEN 0 AND 15),  -- digits printed after the decimal mark
    missing     TEXT REFERENCES missing_reason (code),      -- why value is NULL
    load_id     INTEGER NOT NULL REFERENCES load (id),      -- the load that wrote this value
    source_line INTEGER,                  -- its line in that load's file
    CHECK ((value IS NULL) = (missing IS NOT NULL)),
    PRIMARY KEY (region, indicator, year, settlement, sex)
) WITHOUT ROWID;

CREATE INDEX observation_by_indicator ON observation (indicator, year, settlement, sex);

-- The kinds of derived figure that can be published, each named after the
-- view column that recomputes it.
CREATE TABLE published_measure (
    code        TEXT PRIMARY KEY,
    view_column TEXT NOT NULL,
    description TEXT NOT NULL
);
INSERT INTO published_measure (code, view_column, description) VALUES
    ('gap_ratio', 'v_gap.gap_ratio', 'Maximum divided by minimum across regions'),
    ('max_value', 'v_gap.max_value', 'Maximum across regions'),
    ('min_value', 'v_gap.min_value', 'Minimum across regions'),
    ('index_base', 'v_growth.index_base', 'Value as a percentage of the base year''s value'),
    ('ratio_pct', 'v_ratio_sex.ratio_pct', 'Women''s value as a percentage of men''s'),
    ('index', 'v_index.index', 'Composite social-development index'),
    ('rank', 'v_index.rank', 'Rank by the composite index, 1 = best');

-- Derived figures as a source published them (gaps, growth, ratios,
-- index, rank), kept apart from observations so that `oblys check` can
-- compare them with what the views compute.
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
