#!/usr/bin/env python3
"""update_schema.py - rewrites schema/oblys.sql from migrations/.

Usage: tools/update_schema.py [REPO_ROOT]

schema/oblys.sql is the whole current schema in one readable file: every
table, index and view exactly as the migrations leave them in
sqlite_master (in creation order), and the rows of the lookup tables the
migrations fill. Run this after adding a migration; the unit test
`schema file equals migrations` fails until you do.
"""
import os
import sqlite3
import sys

LOOKUP_TABLES = ['settlement', 'sex', 'missing_reason', 'published_measure', 'flag']


def quote(v):
    if v is None:
        return 'NULL'
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    mig_dir = os.path.join(root, 'migrations')
    db = sqlite3.connect(':memory:')
    for name in sorted(n for n in os.listdir(mig_dir) if n.endswith('.sql')):
        with open(os.path.join(mig_dir, name), encoding='utf-8') as f:
            db.executescript(f.read())
    out = ['-- oblys.sql - the whole current schema of an oblys database, in one file.',
           '-- GENERATED from migrations/ by tools/update_schema.py: do not edit by hand.',
           '-- A unit test checks that it equals what the migrations produce.',
           '-- Tables are documented in docs/data-model.md, views in docs/views.md.', '']
    for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"):
        out.append(sql + ';')
        out.append('')
    for table in LOOKUP_TABLES:
        cols = [r[1] for r in db.execute(f'PRAGMA table_info({table})')]
        for row in db.execute(f'SELECT * FROM {table} ORDER BY rowid'):
            out.append(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                       f"({', '.join(quote(v) for v in row)});")
        out.append('')
    with open(os.path.join(root, 'schema', 'oblys.sql'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))


if __name__ == '__main__':
    main()
