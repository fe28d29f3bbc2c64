-- 0007_source_status.sql - flags of SDMX, Eurostat and JSON-stat files
-- that oblys had no code for. A status such as Eurostat's "bp" becomes
-- the flags break and provisional; "c" the flag confidential, and so on
-- (docs/data-format.md has the whole table).
INSERT INTO flag (code, description) VALUES
    ('confidential', 'Confidential: the source suppressed or restricted the value'),
    ('definition_differs', 'Definition differs from the standard one'),
    ('not_significant', 'Not significant'),
    ('not_applicable', 'Not applicable');
