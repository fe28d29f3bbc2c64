#!/usr/bin/env python3
"""fixture_expectations.py - the observations oblys should read from the
real files in tests/fixtures/real, worked out without oblys: Python's csv
module reads each file, and the table below, written by hand from the
files' headers and seeds/regions.csv, says which region each spelling is.

Writes expected_stdout into the end-to-end cases that import the files:
sorted lines "region_name,year,value" (the values as %.15g, as oblys
prints numbers in CSV), for the observations that have a value; missing
cells ("-") have none.
"""
import csv
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REAL = os.path.join(ROOT, 'tests', 'fixtures', 'real')
CASES = os.path.join(ROOT, 'tests', 'cases')

# Spelling in the files -> name in seeds/regions.csv (by hand).
REGION = {
    'Республика Казахстан': 'Republic of Kazakhstan', 'РЕСПУБЛИКА КАЗАХСТАН': 'Republic of Kazakhstan',
    'Абай': 'Abai', 'Акмолинская': 'Akmola', 'АКМОЛИНСКАЯ ОБЛАСТЬ': 'Akmola',
    'Актюбинская': 'Aktobe', 'Алматинская': 'Almaty', 'Атырауская': 'Atyrau',
    'Западно-Казахстанская': 'West Kazakhstan', 'Жамбылская': 'Zhambyl', 'Жетісу': 'Jetisu',
    'Карагандинская': 'Karaganda', 'Костанайская': 'Kostanay', 'Кызылординская': 'Kyzylorda',
    'КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ': 'Kyzylorda', 'Мангистауская': 'Mangystau',
    'Павлодарская': 'Pavlodar', 'Северо-Казахстанская': 'North Kazakhstan',
    'Туркестанская*': 'Turkestan', 'Туркестанская': 'Turkestan',
    'ТУРКЕСТАНСКАЯ ОБЛАСТЬ': 'Turkestan', 'ЮЖНО-КАЗАХСТАНСКАЯ ОБЛАСТЬ': 'South Kazakhstan',
    'Ұлытау': 'Ulytau', 'Восточно-Казахстанская': 'East Kazakhstan',
    'г. Астана': 'Astana city', 'город Астана': 'Astana city', 'Г.АСТАНА': 'Astana city',
    'г. Алматы': 'Almaty city', 'город Алматы': 'Almaty city', 'Г.АЛМАТЫ': 'Almaty city',
    'г. Шымкент': 'Shymkent city', 'Г.ШЫМКЕНТ': 'Shymkent city',
}


def rows_of(name):
    with open(os.path.join(REAL, name), encoding='utf-8-sig', newline='') as f:
        return list(csv.reader(f))


def number(text):
    return '%.15g' % float(text)


def wide_across(name):
    rows = rows_of(name)
    years = rows[0]
    out = []
    for row in rows[1:]:
        region = REGION[row[0].strip()]
        for year, cell in zip(years[1:], row[1:]):
            if cell.strip() != '-':
                out.append((region, int(year), number(cell)))
    return out


# The doctors file keeps one column for Turkestan: before 2018 it holds
# South Kazakhstan, which was split into Turkestan and Shymkent in 2018
# (tests/fixtures/real/README.md, file 1; seeds/territorial_changes.csv).
# Imported with --old-boundaries, those years belong to South Kazakhstan.
def old_boundaries(region, year):
    if region == 'Turkestan' and year < 2018:
        return 'South Kazakhstan'
    return region


def wide_down(name):
    rows = rows_of(name)
    regions = [REGION[r.strip()] for r in rows[0][1:]]
    out = []
    for row in rows[1:]:
        for region, cell in zip(regions, row[1:]):
            out.append((old_boundaries(region, int(row[0])), int(row[0]), number(cell)))
    return out


def long_dated(name):
    rows = rows_of(name)
    return [(REGION[r[0].strip()], int(r[1][:4]), number(r[2])) for r in rows[1:] if r]


def write(case, observations):
    lines = sorted(f'{r},{y},{v}' for r, y, v in observations)
    text = '\n'.join(sorted(lines, key=lambda s: s.encode('utf-8'))) + '\n'
    with open(os.path.join(CASES, case, 'expected_stdout'), 'w', encoding='utf-8') as f:
        f.write(text)


def main():
    write('import_real_wide_years_across', wide_across('kz_life_expectancy_wide_dash_missing.csv'))
    write('import_real_wide_years_down', wide_down('kz_doctors_by_region_wide_years_as_rows.csv'))
    write('import_real_long_dated', long_dated('kz_taldau_income_per_capita_long_crlf.csv'))


if __name__ == '__main__':
    main()
