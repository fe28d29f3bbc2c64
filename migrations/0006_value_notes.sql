-- 0006_value_notes.sql - two more flags a value can carry, both set by
-- the import from what the file says about the value:
--   footnote  the cell had a footnote mark stuck to the number ("4,9*"):
--             the value is 4.9, and the source's footnote (whose text is
--             not in the data) qualifies it;
--   recast    a value for a region in a year when that region did not
--             exist (before its valid_from or after its valid_to), which
--             the source has recalculated onto the later (or earlier)
--             boundaries; accepted only with `oblys import --back-cast`.
-- See docs/data-format.md.
INSERT INTO flag (code, description) VALUES
    ('footnote', 'Marked with a footnote in the source'),
    ('recast', 'Recalculated by the source for a region in a year when it did not exist');
