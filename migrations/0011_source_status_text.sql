-- 0011_source_status_text.sql - the status of a value as its source wrote
-- it. The readers of SDMX, Eurostat and JSON-stat files map a status to
-- oblys's flags (0007: Eurostat "bp" becomes break,provisional; SDMX
-- OBS_STATUS "E" estimated), which loses the letters themselves: which of
-- Eurostat's "e" and "s" it was, or that "c" came with a missing value.
-- source_status keeps them whole, trimmed, as written ("bp", "E", "c");
-- NULL when the file gave none. A series file may carry it in a `status`
-- column. A changed status is a revision, like changed flags, so the
-- history keeps the old one. See docs/data-model.md.
ALTER TABLE observation ADD COLUMN source_status TEXT;
ALTER TABLE observation_history ADD COLUMN source_status TEXT;

-- v_observation_source again, with the status beside the flags.
DROP VIEW v_observation_source;

CREATE VIEW v_observation_source AS
SELECT o.region, r.name AS region_name, o.indicator, o.year, o.settlement, o.sex,
       o.value, o.decimals, o.missing, o.flags, o.source_status,
       o.load_id, l.file, l.sha256, l.loaded_at, o.source_line,
       i.source AS indicator_source
FROM observation o
JOIN region r ON r.code = o.region
JOIN indicator i ON i.code = o.indicator
JOIN load l ON l.id = o.load_id;
