-- 0013_observation_indicator_first.sql - the observations keyed in the
-- order analysts read them: indicator first, then region, year and
-- breakdown. The same columns in the same order, the same constraints and
-- rows; only the order of the primary key changes, and the second index
-- goes.
--
-- Until now the key was (region, indicator, year, settlement, sex) and a
-- second index, observation_by_indicator (indicator, year, settlement,
-- sex), served the queries of one indicator, which is what almost every
-- view and report asks for. Every import paid for that index: a second
-- B-tree in another order than the rows, rebuilt by a sort at the end of a
-- big load (about a quarter of the import's time: docs/performance.md).
-- With the indicator first, the key itself serves `WHERE indicator = ?`
-- and the index is not needed:
--   - import of 1 000 000 rows (bench/generate.py): 6.84 s before, 5.44 s
--     after (4.97 s with the 8 KiB pages new databases get since); the
--     Bureau's tables come one indicator at a time, a row per region, so
--     their rows arrive in key order;
--   - reports on 300 000 rows of 20 regions, the same bytes before and
--     after: trend, gaps and changes as fast or a little faster; ranking
--     4.07 -> 1.64 s, gender and urban-rural 1.02 -> 0.26 s (the planner
--     had walked the index for a year's filter); report region, which
--     reads one region, 7.72 -> 6.81 s.
-- (docs/performance.md, "The third round", has these figures and how they
-- were measured.) The old table's pages are left free; `oblys init`
-- compacts the file after the migrations (src/db/maintain.c).
--
-- SQLite cannot change a primary key in place: the table is made anew,
-- filled, the old one dropped and the new one renamed. With the legacy
-- rename the views, which name `observation`, are left as they are and
-- read the new table (the modern rename would first check every view
-- against a schema without the table, and fail). Nothing references
-- observation, so no foreign key is affected.
PRAGMA legacy_alter_table = ON;

CREATE TABLE observation_new (
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

INSERT INTO observation_new (region, indicator, year, settlement, sex, value, decimals,
                             missing, load_id, source_line, flags, source_status)
SELECT region, indicator, year, settlement, sex, value, decimals,
       missing, load_id, source_line, flags, source_status
FROM observation;

DROP TABLE observation;                     -- and with it observation_by_indicator
ALTER TABLE observation_new RENAME TO observation;

PRAGMA legacy_alter_table = OFF;
