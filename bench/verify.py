#!/usr/bin/env python3
"""verify.py - checks that an import in the benchmark really stored the
rows of a SYNTHETIC file (see bench/generate.py), so that a timing cannot
come from an import that skipped or lost rows.

    python3 bench/verify.py oblys DB MANIFEST LOADS_CSV
    python3 bench/verify.py table DB TABLE MANIFEST

oblys: the database must hold exactly one series load, not undone, whose
`oblys loads --format csv` line (LOADS_CSV, the command's output) says
MANIFEST's number of rows inserted; and, counted in the observation table
itself, the same number of rows, the same number of missing values for
each marker, and the same sum of the values (to 1e-9 relative). It does not
trust the import's summary line.

table: TABLE in DB (a bare import by sqlite3 or sqlite-utils) must hold
MANIFEST's number of rows.

Prints one line saying what was checked; exits 1 on any difference.
Standard library only.
"""

import csv
import json
import sqlite3
import sys

# Marker in the file -> reason oblys stores (docs/data-format.md, Missing values).
REASONS = {"-": "nil", "..": "not_available", "x": "confidential", "": "empty"}


def fail(msg):
    print("verify: FAILED: " + msg, file=sys.stderr)
    sys.exit(1)


def check_oblys(db_path, manifest_path, loads_path):
    with open(manifest_path, encoding="utf-8") as f:
        m = json.load(f)
    with open(loads_path, encoding="utf-8", newline="") as f:
        loads = [r for r in csv.DictReader(f) if r.get("load")]
    series = [r for r in loads if r["kind"] == "series"]
    if len(series) != 1:
        fail("`oblys loads` lists %d series loads, expected 1" % len(series))
    n_inserted = int(series[0]["n_inserted"])
    if n_inserted != m["rows"]:
        fail("`oblys loads` says %d rows inserted, the file has %d" % (n_inserted, m["rows"]))
    if series[0].get("undone_at") not in ("", None):
        fail("the series load was undone")

    db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    n, n_null, total = db.execute(
        "SELECT count(*), count(*) - count(value), sum(value) FROM observation").fetchone()
    if n != m["rows"]:
        fail("observation holds %d rows, the file has %d" % (n, m["rows"]))
    if n_null != m["missing"]:
        fail("observation holds %d missing values, the file has %d" % (n_null, m["missing"]))
    by_reason = dict(db.execute(
        "SELECT missing, count(*) FROM observation WHERE missing IS NOT NULL GROUP BY missing"))
    for marker, count in m["missing_by_marker"].items():
        if by_reason.get(REASONS[marker], 0) != count:
            fail("%d values missing as %s, the file has %d %r markers"
                 % (by_reason.get(REASONS[marker], 0), REASONS[marker], count, marker))
    if abs(total - m["value_sum"]) > 1e-9 * abs(m["value_sum"]):
        fail("the values sum to %.6f, the file's to %.6f" % (total, m["value_sum"]))
    n_regions, n_ind = db.execute(
        "SELECT count(DISTINCT region), count(DISTINCT indicator) FROM observation").fetchone()
    print("verify: oblys stored %d rows (%d missing, by marker as in the file), values sum "
          "as in the file, %d regions, %d indicators; `oblys loads` agrees"
          % (n, n_null, n_regions, n_ind), file=sys.stderr)


def check_table(db_path, table, manifest_path):
    with open(manifest_path, encoding="utf-8") as f:
        m = json.load(f)
    db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    n = db.execute('SELECT count(*) FROM "%s"' % table.replace('"', '""')).fetchone()[0]
    if n != m["rows"]:
        fail("%s holds %d rows, the file has %d" % (table, n, m["rows"]))
    print("verify: %s holds %d rows" % (table, n), file=sys.stderr)


def main(argv):
    if len(argv) == 5 and argv[1] == "oblys":
        check_oblys(argv[2], argv[3], argv[4])
    elif len(argv) == 5 and argv[1] == "table":
        check_table(argv[2], argv[3], argv[4])
    else:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
