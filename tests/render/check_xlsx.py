#!/usr/bin/env python3
"""check_xlsx.py - reads an XLSX report of oblys back with the standard
library alone (zipfile + xml.etree) and compares it with the JSON output
of the same report (whose numbers other cases check against the oracle).

Usage: check_xlsx.py REPORT.xlsx REPORT.json [COLUMN=NUMFMT ...]

Checks: one sheet per table, named after it, then "About"; on each table
sheet a bold header row of the column names, frozen; every cell: a JSON
number is a numeric cell of the same value (relative 1e-9), a string a
text cell of the same text, null an absent cell. Each COLUMN=NUMFMT says
the number format code every number of that column must carry (e.g.
rank=0, growth_pct_yoy=0.0, value=General). The
About sheet holds the title and every note. Prints one summary line, or
what differs, and exits 1 then.
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
REL = '{%s}id' % NS['r']
BUILTIN_FORMATS = {0: 'General', 1: '0', 2: '0.00'}


def column_index(ref):
    letters = re.match(r'[A-Z]+', ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class Workbook:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.strings = self._shared_strings()
        self.formats, self.bold = self._styles()
        rels = ET.fromstring(self.zip.read('xl/_rels/workbook.xml.rels'))
        target = {r.get('Id'): r.get('Target') for r in rels}
        book = ET.fromstring(self.zip.read('xl/workbook.xml'))
        self.sheets = [(s.get('name'), 'xl/' + target[s.get(REL)].lstrip('/').removeprefix('xl/'))
                       for s in book.find('m:sheets', NS)]

    def _shared_strings(self):
        if 'xl/sharedStrings.xml' not in self.zip.namelist():
            return []
        root = ET.fromstring(self.zip.read('xl/sharedStrings.xml'))
        return [''.join(t.text or '' for t in si.iter('{%s}t' % NS['m']))
                for si in root.findall('m:si', NS)]

    def _styles(self):
        root = ET.fromstring(self.zip.read('xl/styles.xml'))
        codes = dict(BUILTIN_FORMATS)
        numfmts = root.find('m:numFmts', NS)
        for f in (numfmts if numfmts is not None else []):
            codes[int(f.get('numFmtId'))] = f.get('formatCode')
        fonts = [f.find('m:b', NS) is not None for f in root.find('m:fonts', NS)]
        formats, bold = [], []
        for xf in root.find('m:cellXfs', NS):
            formats.append(codes.get(int(xf.get('numFmtId', 0)), '?'))
            bold.append(fonts[int(xf.get('fontId', 0))])
        return formats, bold

    def sheet(self, path):
        """(cells {(row, col): (kind, value, style)}, frozen header?)"""
        root = ET.fromstring(self.zip.read(path))
        pane = root.find('.//m:pane', NS)
        frozen = pane is not None and pane.get('state') == 'frozen' and pane.get('ySplit') == '1'
        cells = {}
        for c in root.iter('{%s}c' % NS['m']):
            ref = c.get('r')
            row = int(re.search(r'\d+', ref).group(0)) - 1
            v = c.find('m:v', NS)
            style = int(c.get('s', 0))
            if c.get('t') == 's':
                cells[(row, column_index(ref))] = ('text', self.strings[int(v.text)], style)
            elif c.get('t') == 'inlineStr':
                text = ''.join(t.text or '' for t in c.iter('{%s}t' % NS['m']))
                cells[(row, column_index(ref))] = ('text', text, style)
            elif v is not None:
                cells[(row, column_index(ref))] = ('number', float(v.text), style)
        return cells, frozen


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def check_table(book, name, path, table, numfmts, problems):
    cells, frozen = book.sheet(path)
    if not frozen:
        problems.append(f'{name}: the header row is not frozen')
    for j, col in enumerate(table['columns']):
        got = cells.get((0, j))
        if not got or got[:2] != ('text', col):
            problems.append(f'{name}: header {j + 1} is {got}, expected {col!r}')
        elif not book.bold[got[2]]:
            problems.append(f'{name}: header {col!r} is not bold')
    for i, row in enumerate(table['rows'], start=1):
        for j, col in enumerate(table['columns']):
            want, got = row[col], cells.pop((i, j), None)
            where = f'{name}!{col} row {i + 1}'
            if want is None:
                if got is not None:
                    problems.append(f'{where}: {got[:2]}, expected an empty cell')
            elif isinstance(want, str):
                if got is None or got[:2] != ('text', want):
                    problems.append(f'{where}: {got and got[:2]}, expected text {want!r}')
            elif got is None or got[0] != 'number' or not close(got[1], float(want)):
                problems.append(f'{where}: {got and got[:2]}, expected the number {want}')
            else:
                fmt = book.formats[got[2]]
                if col in numfmts and fmt != numfmts[col]:
                    problems.append(f'{where}: format {fmt!r}, expected {numfmts[col]!r}')
    extra = [k for k in cells if k[0] > 0]
    if extra:
        problems.append(f'{name}: {len(extra)} cells beyond the table')
    return len(table['rows'])


def check_about(book, path, report, sheet_names, problems):
    cells, _ = book.sheet(path)
    texts = {v[1] for v in cells.values() if v[0] == 'text'}
    for want in [report['report'], report['title']] + report['notes']:
        if want not in texts:
            problems.append(f'About: {want!r} is missing')
    for name, table in zip(sheet_names, report['tables']):
        if f'{name}: {table["title"]}' not in texts:
            problems.append(f'About: the sheet {name!r} is not listed')


def main():
    book = Workbook(sys.argv[1])
    with open(sys.argv[2], encoding='utf-8') as f:
        report = json.load(f)
    numfmts = dict(arg.split('=', 1) for arg in sys.argv[3:])
    problems = []
    names = [n for n, _ in book.sheets]
    expected_names = [t['name'][:31] for t in report['tables']] + ['About']
    if names != expected_names:
        problems.append(f'sheets {names}, expected {expected_names}')
    counts = []
    for (name, path), table in zip(book.sheets, report['tables']):
        counts.append(f'{name} ({check_table(book, name, path, table, numfmts, problems)} rows)')
    if names and names[-1] == 'About':
        check_about(book, book.sheets[-1][1], report, names[:-1], problems)
    if problems:
        print('\n'.join(problems[:20]))
        if len(problems) > 20:
            print(f'... and {len(problems) - 20} more')
        return 1
    print(f'ok: {", ".join(counts)}, About; headers bold and frozen; cells match the JSON')
    return 0


if __name__ == '__main__':
    sys.exit(main())
