#!/usr/bin/env python3
"""make_population_seed.py - builds seeds/population.csv from the bureau's
workbook of population by region, sex and urban/rural, 2000-2023.

Usage: tools/make_population_seed.py WORKBOOK.xlsx > seeds/population.csv

The workbook is shared/data/population_by-region_sex_urban-rural_2000-2023.xlsx
(see shared/data/README.md, section 6): the Bureau of National Statistics'
table as kept by open-data-kazakhstan/population-projections-by-regions
(archive/source.xlsx, commit 2568e4140d8527c5e501619440ae4eb2e769275a),
population at the start of each year. It has three sheets: everyone (one
block of totals), men and women (each a block of totals, one of urban and
one of rural population; the rural block has no rows for the cities of
republican significance). It is read with the standard library alone (an
.xlsx file is a zip of XML), so no package is needed.

This script only reshapes the workbook into oblys's population format
(region, year, settlement, sex, persons, source):
  - region names are kept as the bureau wrote them (oblys folds spellings:
    "Туркестанская 1" and "г. Шымкент" are found as they are), except
    where the workbook's footnote 1 says otherwise: "Данные за 2000-2016гг.
    по Южно-Казахстанской области" - the Turkestan row holds South
    Kazakhstan up to 2016, so those years are written as South Kazakhstan;
  - "-" (a region that did not exist yet) is left out;
  - nothing is summed, computed or rounded: urban and rural population
    appear by sex only, as published.
"""
import csv
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
SOURCE = ('BNS population at the start of the year, by region, sex and urban/rural; '
          'open-data-kazakhstan/population-projections-by-regions archive/source.xlsx @2568e41')
SHEETS = {'Все население': 'total', 'Мужчины': 'male', 'Женщины': 'female'}
BLOCKS = {'Мужчины': 'total', 'Женщины': 'total', 'Городское население': 'urban',
          'Сельское население': 'rural'}
SOUTH_KAZAKHSTAN_UNTIL = 2016          # footnote 1 of the workbook


def text_of(node):
    return ''.join(t.text or '' for t in node.iter('{%s}t' % NS['m']))


def read_workbook(path):
    z = zipfile.ZipFile(path)
    strings = [text_of(si) for si in
               ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS)]
    rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
    book = ET.fromstring(z.read('xl/workbook.xml'))
    for sheet in book.iter('{%s}sheet' % NS['m']):
        rid = sheet.get('{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id')
        root = ET.fromstring(z.read('xl/' + rels[rid]))
        rows = []
        for row in root.iter('{%s}row' % NS['m']):
            cells = {}
            for c in row.findall('m:c', NS):
                column = re.match(r'[A-Z]+', c.get('r')).group()
                v = c.find('m:v', NS)
                cells[column] = (strings[int(v.text)] if c.get('t') == 's' else v.text) \
                    if v is not None else None
            rows.append(cells)
        yield sheet.get('name'), rows


def main():
    out = csv.writer(sys.stdout, lineterminator='\n')
    out.writerow(['region', 'year', 'settlement', 'sex', 'persons', 'source'])
    for name, rows in read_workbook(sys.argv[1]):
        sex = SHEETS[name]
        years = None
        settlement = 'total'
        for cells in rows:
            label = cells.get('A')
            values = {k: v for k, v in cells.items() if k != 'A' and v is not None}
            if label is None and values and all(re.fullmatch(r'\d{4}', v) for v in values.values()):
                years = {k: int(v) for k, v in values.items()}
                continue
            if label in BLOCKS:
                settlement = BLOCKS[label]
                continue
            if label is None or years is None or not values or label.startswith('1)'):
                continue
            for column, year in sorted(years.items(), key=lambda kv: kv[1]):
                value = cells.get(column)
                if value is None or value.strip() == '-':
                    continue
                region = label
                if label.startswith('Туркестанская') and year <= SOUTH_KAZAKHSTAN_UNTIL:
                    region = 'South Kazakhstan'
                persons = float(value)
                if persons != int(persons):
                    sys.exit(f'{name} {label} {year}: {value} is not a whole number')
                out.writerow([region, year, settlement, sex, int(persons), SOURCE])


if __name__ == '__main__':
    main()
