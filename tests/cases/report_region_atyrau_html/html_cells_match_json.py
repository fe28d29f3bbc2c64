#!/usr/bin/env python3
"""html_cells_match_json.py - the tables of an HTML report hold what the
JSON of the same report holds (whose numbers report_region_atyrau_json
checks against the oracle): the same tables in order, the same column
names, and every cell: a JSON null is shown as "-", a string as itself, a
number as that number rounded to the decimals shown.

Usage: html_cells_match_json.py REPORT.html REPORT.json
Prints one summary line, or what differs, and exits 1 then.
Standard library only.
"""
import json
import sys
from html.parser import HTMLParser


class Tables(HTMLParser):
    """Every <table> as a list of rows, each a list of cell texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == 'table':
            self.tables.append([])
        elif tag == 'tr' and self.tables:
            self.tables[-1].append([])
        elif tag in ('td', 'th') and self.tables:
            self.cell = ''

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag in ('td', 'th') and self.cell is not None:
            self.tables[-1][-1].append(self.cell.strip())
            self.cell = None


def shown_as(text, value):
    """True when text is value rounded to the decimals text shows."""
    try:
        x = float(text)
    except ValueError:
        return False
    decimals = len(text.split('.')[1]) if '.' in text else 0
    return abs(x - value) <= 0.5 * 10 ** -decimals + 1e-9 * max(1.0, abs(value))


def compare(html_tables, report):
    problems = []
    if len(html_tables) != len(report['tables']):
        return [f'{len(html_tables)} tables, expected {len(report["tables"])}']
    for got, want in zip(html_tables, report['tables']):
        name = want['name']
        if got[0] != want['columns']:
            problems.append(f'{name}: header {got[0]}, expected {want["columns"]}')
        if len(got) - 1 != len(want['rows']):
            problems.append(f'{name}: {len(got) - 1} rows, expected {len(want["rows"])}')
            continue
        for i, (cells, row) in enumerate(zip(got[1:], want['rows']), 1):
            for text, column in zip(cells, want['columns']):
                value = row[column]
                ok = (text == '-' if value is None else
                      shown_as(text, value) if isinstance(value, (int, float)) else
                      text == value)
                if not ok:
                    problems.append(f'{name} row {i} {column}: {text!r}, JSON {value!r}')
    return problems


def main():
    parser = Tables()
    with open(sys.argv[1], encoding='utf-8') as f:
        parser.feed(f.read())
    with open(sys.argv[2], encoding='utf-8') as f:
        report = json.load(f)
    problems = compare(parser.tables, report)
    if problems:
        print('\n'.join(problems))
        return 1
    counts = ', '.join(f'{t["name"]} ({len(t["rows"])} rows)' for t in report['tables'])
    print(f'ok: the HTML tables match the JSON: {counts}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
