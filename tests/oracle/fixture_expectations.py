#!/usr/bin/env python3
"""fixture_expectations.py - the observations oblys should read from the
real files in tests/fixtures/real, worked out without oblys: Python's csv
module reads each file, and the table below, written by hand from the
files' headers and seeds/regions.csv, says which region each spelling is.

Writes expected_stdout into the end-to-end cases that import the files:
sorted lines "region_name,year,value" (the values as %.15g, as oblys
prints numbers in CSV), for the observations that have a value; missing
cells ("-") have none. For the statistical cubes, the lines are
"region,indicator,year,value,missing,flags,status": status is the
source's status exactly as the file writes it, beside the flags it means.
"""
import csv
import io
import json
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


# ---- statistical cubes: SDMX-CSV, Eurostat bulk TSV, JSON-stat ----
# Written from the published code lists, not from oblys's tables:
# Eurostat's flags (ec.europa.eu/eurostat, "Flags and special values")
# and SDMX CL_OBS_STATUS.
EUROSTAT_FLAG = {'b': 'break', 'c': 'confidential', 'd': 'definition_differs', 'e': 'estimated',
                 'f': 'forecast', 'n': 'not_significant', 'p': 'provisional', 'r': 'revised',
                 's': 'estimated', 'u': 'low_reliability', 'z': 'not_applicable'}
SDMX_FLAG = {'A': None, 'B': 'break', 'E': 'estimated', 'F': 'forecast', 'P': 'provisional'}


def flags_of(letters, table):
    return ','.join(sorted({table[c] for c in letters if table[c]}))


def observation(region, indicator, year, value, flags, status):
    """One line as the cases print it:
    region,indicator,year,value,missing,flags,status."""
    if value is None:
        return f'{region},{indicator},{year},,not_available,{flags},{status}'
    return f'{region},{indicator},{year},{number(value)},,{flags},{status}'


def eurostat_tsv(name, indicator_of, skip):
    """Eurostat bulk TSV: 'dims\\time' then a value and flags per cell."""
    with open(os.path.join(REAL, name), encoding='utf-8', newline='') as f:
        rows = [line.rstrip('\r\n').split('\t') for line in f if line.strip()]
    years = [y.strip() for y in rows[0][1:]]
    out = []
    for row in rows[1:]:
        freq, indic, geo = row[0].split(',')
        if indic in skip:
            continue
        for year, cell in zip(years, row[1:]):
            parts = cell.strip().split(' ')
            value = None if parts[0] == ':' else parts[0]
            letters = parts[1] if len(parts) > 1 else ''
            out.append(observation(geo, indicator_of[indic], int(year), value,
                                   flags_of(letters, EUROSTAT_FLAG), letters))
    return out


def sdmx_csv(name, indicator):
    rows = rows_of(name)
    head = rows[0]
    out = []
    for r in rows[1:]:
        cell = dict(zip(head, r))
        assert cell['UNIT_MULT'] in ('', '0')
        value = cell['OBS_VALUE'] or None
        out.append(observation(cell['REF_AREA'], indicator, int(cell['TIME_PERIOD']), value,
                               flags_of(cell['OBS_STATUS'], SDMX_FLAG), cell['OBS_STATUS']))
    return out


def sdmx_csv_labels_name(name, indicator):
    """SDMX-CSV 2.0 with labels=name: each code column followed by its label."""
    rows = rows_of(name)
    out = []
    for r in rows[1:]:
        cell = dict(zip(rows[0], r))
        out.append(observation(cell['DIM1'], indicator, int(cell['TIME_PERIOD']),
                               cell['OBS_VALUE'], '', ''))
    return out


def jsonstat(name, indicator, geo='area', time='year'):
    """JSON-stat 2.0 (ids at the top) or 1.x (one dataset under a key, ids
    inside "dimension"; Eurostat wrote status as {"value": [...]})."""
    with open(os.path.join(REAL, name), encoding='utf-8') as f:
        data = json.load(f)
    if 'class' not in data:
        (data,) = data.values()
        data = dict(data, id=data['dimension']['id'], size=data['dimension']['size'])
    ids, sizes = data['id'], data['size']
    codes = []
    for i in ids:
        category = data['dimension'][i]['category']
        index = category.get('index', list(category.get('label', {})))
        if isinstance(index, dict):
            index = sorted(index, key=index.get)
        codes.append(index)
    status = data.get('status') or {}
    if isinstance(status, dict) and 'value' in status:
        status = dict(enumerate(status['value']))
    status = {str(k): v for k, v in status.items() if v}
    out = []
    for flat, value in enumerate(data['value']):
        pos, rest = [], flat
        for size in reversed(sizes):
            pos.append(rest % size)
            rest //= size
        cell = {i: codes[d][p] for d, (i, p) in enumerate(zip(ids, reversed(pos)))}
        text = None if value is None else repr(float(value))
        written = status.get(str(flat), '')
        flags = flags_of(written.replace(':', ''), EUROSTAT_FLAG)
        out.append(observation(cell[geo], indicator, int(cell[time]), text, flags, written))
    return out


def write_lines(case, lines):
    text = '\n'.join(sorted(lines, key=lambda s: s.encode('utf-8'))) + '\n'
    with open(os.path.join(CASES, case, 'expected_stdout'), 'w', encoding='utf-8') as f:
        f.write(text)


def main():
    write('import_real_wide_years_across', wide_across('kz_life_expectancy_wide_dash_missing.csv'))
    write('import_real_wide_years_down', wide_down('kz_doctors_by_region_wide_years_as_rows.csv'))
    write('import_real_long_dated', long_dated('kz_taldau_income_per_capita_long_crlf.csv'))
    eurostat_indicators = {
        'GDEATHRT': 'crude_death_rate', 'DEATH': 'deaths', 'GBIRTHRT': 'crude_birth_rate',
        'GROW': 'population_change', 'GROWRT': 'population_change_rate',
        'JAN': 'population_jan', 'LBIRTH': 'live_births', 'NATGROW': 'natural_change',
        'NATGROWRT': 'natural_change_rate', 'CNMIGRATRT': 'net_migration_rate'}
    write_lines('import_real_eurostat_tsv_flags',
                eurostat_tsv('eurostat_tsv_demo_r_gind3_sample_flags.tsv', eurostat_indicators,
                             skip={'CNMIGRAT'}))
    write_lines('import_real_sdmx_csv_v1',
                sdmx_csv('sdmx_csv_v1_oecd_g20_prices_chn.csv', 'cpi_growth'))
    write_lines('import_real_sdmx_csv_v2_labels',
                sdmx_csv_labels_name('sdmx_csv_v2_pysdmx_labels_name.csv', 'md_test'))
    write_lines('import_real_jsonstat_v2_sparse_status',
                jsonstat('jsonstat_v2_oecd_unemployment_sparse_status.json',
                         'unemployment_rate'))
    write_lines('import_real_jsonstat_v1_eurostat',
                jsonstat('jsonstat_v1_eurostat_nama_gdp_c_it.json', 'gdp_per_capita_eur',
                         geo='geo', time='time'))


if __name__ == '__main__':
    main()
