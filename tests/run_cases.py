#!/usr/bin/env python3
"""run_cases.py - runs the end-to-end cases in tests/cases/ against the real
oblys binary.

Usage: run_cases.py OBLYS CASES_DIR SEEDS_DIR [CASE_NAME...]

A case is a folder holding:
  cmd                one shell command line; $OBLYS is the binary, $DB the
                     database, $SEEDS the seeds folder. It runs inside the
                     case folder, so input files are named relatively and
                     messages quote them the same way on every machine.
  setup              optional: "seeded" (default: init + every seed file),
                     "empty" (init only) or "none" (no database at all).
  expected_stdout    optional: stdout must equal it exactly.
  expected_stdout.csv
                     optional: stdout is CSV that must equal it field by
                     field, numbers within a relative 1e-9 (for values
                     computed independently, e.g. by tests/oracle).
  expected_stdout.json
                     optional: stdout is JSON equal to it, numbers within a
                     relative 1e-9 (layout and key order do not matter).
  expected_stderr    optional: stderr must equal it exactly.
                     In every expected file, @SCHEMA_VERSION@ stands for the
                     number of migrations (the schema version of a new
                     database).
  expected_exit      optional: the exit code (default 0).
  db_unchanged       optional, empty: the database file must be byte for
                     byte the same after the command (a rejected import
                     writes nothing).

Prints one line per case and "N passed, M failed" at the end; exits 1 when
any case failed.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

SEED_ORDER = [
    'regions.csv', 'region_aliases.csv', 'indicators.json', 'paper_table2_2021.csv',
    'paper_table4_consumption_income.csv', 'paper_table5_wages.csv',
    'paper_published.csv', 'exchange_rates.csv', 'price_index.csv', 'population.csv',
    'territorial_changes.csv', 'region_groups.csv', 'validation_rules.csv',
    'index_paper.json',
]


def read(path):
    with open(path, encoding='utf-8', newline='') as f:
        return f.read()


# The schema version a new database has: the number of migrations. Expected
# outputs write it as @SCHEMA_VERSION@, so that adding a migration does not
# rewrite every provenance footer by hand.
MIGRATIONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                          'migrations')
SCHEMA_VERSION = str(sum(1 for n in os.listdir(MIGRATIONS) if re.match(r'^\d{4}_.*\.sql$', n)))


def expected(path):
    return read(path).replace('@SCHEMA_VERSION@', SCHEMA_VERSION)


def build_database(oblys, seeds, db, setup):
    if setup == 'none':
        return
    subprocess.run([oblys, '--db', db, 'init'], check=True, capture_output=True)
    if setup == 'seeded':
        files = [os.path.join(seeds, name) for name in SEED_ORDER]
        subprocess.run([oblys, '--db', db, 'import'] + files, check=True,
                       capture_output=True)


def numbers_equal(a, b):
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def compare_csv(actual, expected):
    """Returns None when equal, else a description of the first difference."""
    got = list(csv.reader(io.StringIO(actual)))
    want = list(csv.reader(io.StringIO(expected)))
    if len(got) != len(want):
        return f'{len(got)} CSV rows, expected {len(want)}'
    for i, (g, w) in enumerate(zip(got, want), start=1):
        if len(g) != len(w):
            return f'row {i}: {len(g)} fields, expected {len(w)}'
        for j, (a, b) in enumerate(zip(g, w)):
            if a != b and not numbers_equal(a, b):
                return f'row {i}, field {j + 1}: {a!r}, expected {b!r}'
    return None


def compare_json(got, want, where='$'):
    """Returns None when equal, else where they differ first."""
    if isinstance(want, dict):
        if not isinstance(got, dict) or set(got) != set(want):
            return f'{where}: keys {sorted(got) if isinstance(got, dict) else got!r}, expected {sorted(want)}'
        for k in want:
            diff = compare_json(got[k], want[k], f'{where}.{k}')
            if diff:
                return diff
        return None
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return f'{where}: {got!r}, expected {len(want)} items'
        for i, (g, w) in enumerate(zip(got, want)):
            diff = compare_json(g, w, f'{where}[{i}]')
            if diff:
                return diff
        return None
    if isinstance(want, (int, float)) and not isinstance(want, bool) \
            and isinstance(got, (int, float)) and not isinstance(got, bool):
        return None if numbers_equal(got, want) else f'{where}: {got!r}, expected {want!r}'
    return None if got == want else f'{where}: {got!r}, expected {want!r}'


def first_difference(actual, expected):
    a, e = actual.splitlines(), expected.splitlines()
    for i, (x, y) in enumerate(zip(a, e), start=1):
        if x != y:
            return f'line {i}:\n    got:      {x!r}\n    expected: {y!r}'
    return f'{len(a)} lines, expected {len(e)}'


def run_case(oblys, seeds, case_dir):
    name = os.path.basename(case_dir)
    setup_file = os.path.join(case_dir, 'setup')
    setup = read(setup_file).strip() if os.path.exists(setup_file) else 'seeded'
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'test.db')
        build_database(oblys, seeds, db, setup)
        before = open(db, 'rb').read() if os.path.exists(db) else None
        env = dict(os.environ, OBLYS=oblys, DB=db, SEEDS=seeds, LC_ALL='C.UTF-8')
        env.pop('OBLYS_DB', None)
        cmd = read(os.path.join(case_dir, 'cmd')).strip()
        proc = subprocess.run(['bash', '-c', cmd], cwd=case_dir, env=env,
                              capture_output=True, timeout=60)
        stdout = proc.stdout.decode('utf-8', 'replace')
        stderr = proc.stderr.decode('utf-8', 'replace')
        problems = []
        exit_file = os.path.join(case_dir, 'expected_exit')
        want_exit = int(read(exit_file).strip()) if os.path.exists(exit_file) else 0
        if proc.returncode != want_exit:
            problems.append(f'exit code {proc.returncode}, expected {want_exit}')
        out_file = os.path.join(case_dir, 'expected_stdout')
        if os.path.exists(out_file) and stdout != expected(out_file):
            problems.append('stdout differs at ' + first_difference(stdout, expected(out_file)))
        csv_file = os.path.join(case_dir, 'expected_stdout.csv')
        if os.path.exists(csv_file):
            diff = compare_csv(stdout, expected(csv_file))
            if diff:
                problems.append('stdout CSV differs: ' + diff)
        json_file = os.path.join(case_dir, 'expected_stdout.json')
        if os.path.exists(json_file):
            try:
                diff = compare_json(json.loads(stdout), json.loads(expected(json_file)))
            except ValueError as e:
                diff = f'not JSON: {e}'
            if diff:
                problems.append('stdout JSON differs: ' + diff)
        err_file = os.path.join(case_dir, 'expected_stderr')
        if os.path.exists(err_file) and stderr != expected(err_file):
            problems.append('stderr differs at ' + first_difference(stderr, expected(err_file)))
        if os.path.exists(os.path.join(case_dir, 'db_unchanged')):
            after = open(db, 'rb').read() if os.path.exists(db) else None
            if after != before:
                problems.append('the database changed')
        if problems and os.environ.get('VERBOSE'):
            problems.append('stderr was:\n' + stderr)
    return name, problems


def main():
    oblys, cases, seeds = (os.path.abspath(a) for a in sys.argv[1:4])
    only = set(sys.argv[4:])
    names = sorted(n for n in os.listdir(cases)
                   if os.path.isfile(os.path.join(cases, n, 'cmd')) and (not only or n in only))
    passed = failed = 0
    for n in names:
        name, problems = run_case(oblys, seeds, os.path.join(cases, n))
        if problems:
            failed += 1
            print(f'FAIL {name}')
            for p in problems:
                print('  ' + p.replace('\n', '\n  '))
        else:
            passed += 1
            print(f'ok   {name}')
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed or not names else 0)


if __name__ == '__main__':
    main()
