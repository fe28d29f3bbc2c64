#!/usr/bin/env python3
"""make_corpus.py - (re)builds the seed corpora in fuzz/corpus/ from real files.

Usage: python3 fuzz/make_corpus.py [SHARED_FIXTURES_DIR]

Sources (small files only, at most MAX_BYTES each; a larger file contributes
its first lines):
  - SHARED_FIXTURES_DIR (default /work/shared/fixtures/real) and
    tests/fixtures/real: real files as statistics offices publish them;
  - seeds/: the bundled data;
  - the input files of tests/cases/*/ (everything but cmd, setup,
    expected_* and db_unchanged);
  - fuzz/crashes/<harness>/*: inputs that once crashed a harness, as they are.

Each harness's input starts with one option byte (see the harness's header
comment), so the seeds are:
  fuzz_csv     the delimiter of the file (',' ';' or '\\t', the most frequent
               one in its first line), then the file;
  fuzz_import  0x00 then a CSV file, 0x01 then a JSON file; the real CSV
               files and those of cases run with --indicator also with 0x06
               (--indicator, for wide tables);
  fuzz_map     the mapping files (map.json) of tests/cases/*/, as they are;
  fuzz_number  one cell per file: the examples of src/import/number.h, then
               fields of the CSV files that hold a digit or are a
               missing-value marker and at most 4 letters, one per shape
               (runs of digits alike, runs of letters alike).
Files are named by their content hash, so reruns do not duplicate them.
"""
import csv
import hashlib
import io
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_BYTES = 16 * 1024
MAX_CELLS = 400

NUMBER_EXAMPLES = [
    '5.9', '5,9', '1 050', '1\u00a0050', '1\u202f050', '1,050.5', '1.050,5', '-2.2',
    '\u22122.2', '+3', '-', '\u2013', '\u2014', '..', '\u2026', 'x', 'X', ':', '',
    '1,050', '1.050', '0,125', '1,050,000', '1.5e3', '1,050e3', '4,9*', '12abc',
    '1e400', '-0', '-0,0', '  7 ', '5.', '.5', ',5', '1 050,000', '0 125',
]


def small_text(path):
    """The file's bytes, cut at a line end when it is larger than MAX_BYTES."""
    with open(path, 'rb') as f:
        data = f.read()
    if len(data) > MAX_BYTES:
        cut = data.rfind(b'\n', 0, MAX_BYTES)
        data = data[:cut + 1] if cut > 0 else data[:MAX_BYTES]
    return data


def fixture_files(fixtures):
    found = []
    for folder in (fixtures, os.path.join(ROOT, 'tests', 'fixtures', 'real')):
        if os.path.isdir(folder):
            found += [os.path.join(folder, n) for n in sorted(os.listdir(folder))
                      if not n.lower().endswith('.md')]
    return found


def sources(fixtures):
    found = fixture_files(fixtures)
    seeds = os.path.join(ROOT, 'seeds')
    found += [os.path.join(seeds, n) for n in sorted(os.listdir(seeds))]
    cases = os.path.join(ROOT, 'tests', 'cases')
    skip = {'cmd', 'setup', 'db_unchanged', 'README.md'}
    for case in sorted(os.listdir(cases)):
        folder = os.path.join(cases, case)
        if not os.path.isdir(folder):
            continue
        for n in sorted(os.listdir(folder)):
            if n in skip or n.startswith('expected_'):
                continue
            found.append(os.path.join(folder, n))
    return [p for p in found if os.path.isfile(p)]


def uses_indicator(path):
    """True for the input of a case whose command passes --indicator."""
    cmd = os.path.join(os.path.dirname(path), 'cmd')
    if not os.path.isfile(cmd):
        return False
    with open(cmd, encoding='utf-8') as f:
        text = f.read()
    return "--indicator" in text and " import " in text


def is_json(path, data):
    return path.lower().endswith('.json') or data.lstrip()[:1] in (b'{', b'[')


def delimiter(data):
    first = data.split(b'\n', 1)[0]
    counts = {d: first.count(d) for d in (b',', b';', b'\t')}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else b','


def write(folder, data):
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)


def cells(data):
    text = data.decode('utf-8', 'replace').lstrip('\ufeff')
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter(data).decode()))
    except csv.Error:
        return []
    markers = {'', '-', '\u2013', '\u2014', '..', '\u2026', ':', 'x', 'X'}
    return [c for row in rows for c in row
            if c.strip() in markers or any(ch.isdigit() for ch in c)]


def main():
    fixtures = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/fixtures/real'
    out = os.path.join(ROOT, 'fuzz', 'corpus')
    number_cells = list(NUMBER_EXAMPLES)
    real = set(fixture_files(fixtures))
    for path in sources(fixtures):
        data = small_text(path)
        if os.path.basename(path) == 'map.json':
            write(os.path.join(out, 'fuzz_map'), data)
        if is_json(path, data):
            write(os.path.join(out, 'fuzz_import'), b'\x01' + data)
            continue
        write(os.path.join(out, 'fuzz_import'), b'\x00' + data)
        if path in real or uses_indicator(path):    # also with --indicator
            write(os.path.join(out, 'fuzz_import'), b'\x06' + data)
        write(os.path.join(out, 'fuzz_csv'), delimiter(data) + data)
        number_cells += cells(data)
    # Inputs that once crashed a harness stay in its corpus.
    crashes = os.path.join(ROOT, 'fuzz', 'crashes')
    for h in sorted(os.listdir(crashes)) if os.path.isdir(crashes) else []:
        folder = os.path.join(crashes, h)
        for n in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            with open(os.path.join(folder, n), 'rb') as f:
                write(os.path.join(out, h), f.read())
    # One cell per shape (each run of digits counted as one), so that the
    # thousands of plain numbers of the seeds do not crowd out the odd ones.
    shapes = set()
    for c in number_cells:
        shape = re.sub(r'[^\W\d_]+', 'a', re.sub(r'[0-9]+', '9', c))
        letters = sum(ch.isalpha() for ch in c)
        if letters <= 4 and shape not in shapes and len(shapes) < MAX_CELLS and len(c) <= 64:
            shapes.add(shape)
            write(os.path.join(out, 'fuzz_number'), c.encode('utf-8'))
    for h in sorted(os.listdir(out)):
        print(f'{h}: {len(os.listdir(os.path.join(out, h)))} files')


if __name__ == '__main__':
    main()
