#!/usr/bin/env python3
"""report_expectations.py - expected CSV output of oblys's reports, built
from the oracle's independent results (tests/oracle/expected/, written by
paper_oracle.py) and the seed files, never from oblys's own output.

Writes expected_stdout.csv into these end-to-end cases (and their cmd):
  tests/cases/report_gaps_2021_csv       oblys report gaps --year 2021 --format csv
  tests/cases/report_ranking_2021_csv    oblys report ranking --year 2021 --format csv (the
                                         ranking, then every year's ranks)
  tests/cases/report_trend_consumption_csv
                                         oblys report trend --indicator consumption_income --format csv
  tests/cases/report_gaps_over_years_csv
                                         oblys report gaps --indicator consumption_income --format csv
                                         (the spread per year, then v_inequality beside
                                         v_sigma_convergence from inequality_oracle.py)
  tests/cases/check_csv                  oblys check --format csv (all tables: the
                                         verdicts, published growth of money
                                         against growth in tenge, dollars, real
                                         tenge, and the validation rules' findings,
                                         worked out by rules_oracle.py)

  tests/cases/report_gender_wages_csv    oblys report gender --format csv

Each report's columns and row order are those documented in docs/cli.md
and src/report/*.c; the numbers are the oracle's. Run after regenerating
the oracle: python3 tests/oracle/report_expectations.py
"""
import csv
import json
import os

import rules_oracle

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXPECTED = os.path.join(HERE, 'expected')
SEEDS = os.path.join(ROOT, 'seeds')
CASES = os.path.join(ROOT, 'tests', 'cases')


def rows(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def null_first(v):
    """SQLite sorts NULL before everything else."""
    return (v != '', v)


def num(v):
    return float(v) if v != '' else None


def write_case(name, cmd, tables):
    folder = os.path.join(CASES, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, 'cmd'), 'w', encoding='utf-8') as f:
        f.write(cmd + '\n')
    with open(os.path.join(folder, 'expected_stdout.csv'), 'w', encoding='utf-8',
              newline='') as f:
        w = csv.writer(f, lineterminator='\r\n')
        for i, (header, body) in enumerate(tables):
            if i:
                f.write('\r\n')
            w.writerow(header)
            for r in body:
                w.writerow(['' if r[c] is None else r[c] for c in header])


def gaps_2021(positions, published):
    header = ['indicator', 'year', 'settlement', 'sex', 'n_regions', 'n_missing',
              'max_region_name', 'max_value', 'min_region_name', 'min_value', 'gap_ratio',
              'cv_pct', 'regions_changed', 'published_gap_ratio']
    body = [dict(r) for r in rows(os.path.join(EXPECTED, 'v_gap.csv')) if r['year'] == '2021']
    for r in body:
        key = ('gap_ratio', r['indicator'], r['year'], r['settlement'], r['sex'])
        r['published_gap_ratio'] = published.get(key)
    body.sort(key=lambda r: (positions[r['indicator']], r['indicator'], r['year'],
                             r['settlement'], r['sex']))
    return header, body


def ranking_2021(published_rank):
    header = ['rank', 'region_name', 'index', 'n_indicators', 'published_rank',
              'rank_difference']
    body = [dict(r) for r in rows(os.path.join(EXPECTED, 'v_index.csv')) if r['year'] == '2021']
    for r in body:
        p = published_rank.get(r['region'])
        r['published_rank'] = p
        r['rank_difference'] = None if p is None else p - int(r['rank'])
    body.sort(key=lambda r: (int(r['rank']), r['region_name']))
    return header, body


def ranks_by_year():
    """Every year's ranks (v_index), for the ranking report's bump chart."""
    header = ['year', 'rank', 'region_name']
    body = [dict(r) for r in rows(os.path.join(EXPECTED, 'v_index.csv'))]
    body.sort(key=lambda r: (int(r['year']), int(r['rank']), r['region_name']))
    return header, body


def seed_flags(code_of):
    """The flags column of the series seeds (the paper's back-cast 2016
    values of Turkestan and Shymkent are flagged recast), by observation."""
    flags = {}
    for fn in ('paper_table2_2021.csv', 'paper_table4_consumption_income.csv',
               'paper_table5_wages.csv'):
        for r in rows(os.path.join(SEEDS, fn)):
            if r.get('flags'):
                flags[(code_of[r['region']], r['indicator'], r['year'],
                       r.get('settlement') or 'total', r.get('sex') or 'total')] = r['flags']
    return flags


def trend(indicator, kinds, flags):
    values_header = ['region_name', 'settlement', 'sex', 'year', 'value', 'prev_year',
                     'growth_pct_yoy', 'base_year', 'growth_pct_base', 'index_base', 'flags']
    values = [dict(r, flags=flags.get((r['region'], r['indicator'], r['year'], r['settlement'],
                                       r['sex'])))
              for r in rows(os.path.join(EXPECTED, 'v_growth.csv')) if r['indicator'] == indicator]
    values.sort(key=lambda r: (r['settlement'], r['sex'], kinds[r['region']] == 'country',
                               r['region_name'], int(r['year'])))
    gaps_header = ['year', 'settlement', 'sex', 'n_regions', 'max_region_name', 'max_value',
                   'min_region_name', 'min_value', 'gap_ratio', 'cv_pct', 'regions_changed']
    gaps = [r for r in rows(os.path.join(EXPECTED, 'v_gap.csv')) if r['indicator'] == indicator]
    gaps.sort(key=lambda r: (r['settlement'], r['sex'], int(r['year'])))
    dispersion_header = ['year', 'settlement', 'sex', 'n_regions', 'max_min_ratio', 'cv',
                         'cv_weighted', 'gini', 'gini_weighted', 'theil', 'theil_weighted',
                         'direction']
    return [(values_header, values), (gaps_header, gaps),
            (dispersion_header, inequality_rows(indicator))]


def inequality_rows(indicator):
    """v_inequality beside v_sigma_convergence (inequality_oracle.py), by
    settlement, sex, year; gap_trend names the direction of cv."""
    sigma = {(r['year'], r['settlement'], r['sex']): r
             for r in rows(os.path.join(EXPECTED, 'v_sigma_convergence.csv'))
             if r['indicator'] == indicator}
    body = []
    for r in rows(os.path.join(EXPECTED, 'v_inequality.csv')):
        if r['indicator'] != indicator:
            continue
        s = sigma.get((r['year'], r['settlement'], r['sex']), {})
        direction = s.get('direction') or None
        body.append(dict(r, direction=direction, prev_year=s.get('prev_year') or None,
                         cv_change=s.get('cv_change') or None,
                         gap_trend={'rising': 'widening', 'falling': 'narrowing'}.get(
                             direction, direction)))
    body.sort(key=lambda r: (r['settlement'], r['sex'], int(r['year'])))
    return body


def gaps_over_years(indicator, positions, published):
    header = ['indicator', 'year', 'settlement', 'sex', 'n_regions', 'n_missing',
              'max_region_name', 'max_value', 'min_region_name', 'min_value', 'gap_ratio',
              'cv_pct', 'regions_changed', 'published_gap_ratio']
    body = [dict(r) for r in rows(os.path.join(EXPECTED, 'v_gap.csv'))
            if r['indicator'] == indicator]
    for r in body:
        key = ('gap_ratio', r['indicator'], r['year'], r['settlement'], r['sex'])
        r['published_gap_ratio'] = published.get(key)
    body.sort(key=lambda r: (r['year'], r['settlement'], r['sex']))
    inequality_header = ['year', 'settlement', 'sex', 'n_regions', 'max_min_ratio', 'cv',
                         'gini', 'theil', 'prev_year', 'cv_change', 'gap_trend']
    return [(header, body), (inequality_header, inequality_rows(indicator))]


def check(names):
    header = ['status', 'source', 'measure', 'indicator', 'region_name', 'year', 'base_year',
              'settlement', 'sex', 'published', 'recomputed', 'recomputed_lo',
              'recomputed_hi', 'difference']
    order = {'inconsistent': 0, 'consistent': 1, 'no_data': 2, 'matches': 3}
    body = []
    for r in rows(os.path.join(EXPECTED, 'v_check.csv')):
        r = dict(r)
        r['region_name'] = names.get(r['region'], '')
        rec, pub = num(r['recomputed']), num(r['published'])
        r['difference'] = None if rec is None else rec - pub
        body.append(r)
    body.sort(key=lambda r: (order.get(r['status'], 4), r['source'], r['measure'],
                             null_first(r['indicator']), null_first(r['region_name']),
                             int(r['year']), r['settlement'], r['sex']))
    return header, body


def money_growth(published_rows, code_of, names, indicators):
    """Published growth of money against growth in tenge, dollars and real
    tenge, worked out from the seed series, rates and price index."""
    rates = {int(r['year']): float(r['per_usd'])
             for r in rows(os.path.join(SEEDS, 'exchange_rates.csv')) if r['currency'] == 'KZT'}
    cpi = {int(r['year']): float(r['cpi']) for r in rows(os.path.join(SEEDS, 'price_index.csv'))
           if r['cpi']}
    values = {}
    for fn in ('paper_table2_2021.csv', 'paper_table4_consumption_income.csv',
               'paper_table5_wages.csv'):
        for r in rows(os.path.join(SEEDS, fn)):
            if r['value'] != '-':
                values[(code_of[r['region']], r['indicator'], int(r['year']),
                        r.get('settlement') or 'total', r.get('sex') or 'total')] = float(r['value'])
    header = ['source', 'indicator', 'region_name', 'year', 'base_year', 'settlement', 'sex',
              'published', 'index_kzt', 'index_usd', 'index_kzt_real', 'closest']
    body = []
    for p in published_rows:
        ind = indicators[p['indicator']] if p['indicator'] else None
        if p['measure'] != 'index_base' or not ind or ind.get('kind') != 'money':
            continue
        reg, y, b = code_of[p['region']], int(p['year']), int(p['base_year'])
        v = values.get((reg, p['indicator'], y, p['settlement'], p['sex']))
        w = values.get((reg, p['indicator'], b, p['settlement'], p['sex']))
        if v is None or w is None:
            continue
        kzt = 100.0 * v * rates[y] / (w * rates[b])
        usd = 100.0 * v / w
        real = kzt * cpi[b] / cpi[y] if y in cpi and b in cpi else None
        pub = float(p['value'])
        diffs = [(abs(pub - kzt), 'tenge'), (abs(pub - usd), 'dollars')]
        if real is not None:
            diffs.append((abs(pub - real), 'real tenge'))
        body.append(dict(source=p['source'], indicator=p['indicator'], region_name=names[reg],
                         year=y, base_year=b, settlement=p['settlement'], sex=p['sex'],
                         published=p['value'], index_kzt=kzt, index_usd=usd,
                         index_kzt_real=real, closest=min(diffs)[1]))
    body.sort(key=lambda r: (r['source'], r['indicator'], r['region_name'], r['year'],
                             r['settlement'], r['sex']))
    return header, body


def main():
    with open(os.path.join(SEEDS, 'indicators.json'), encoding='utf-8') as f:
        indicators = {i['code']: i for i in json.load(f)['indicators']}
    positions = {code: i['position'] for code, i in indicators.items()}
    regions = rows(os.path.join(SEEDS, 'regions.csv'))
    code_of = {r['name']: r['code'] for r in regions}
    names = {r['code']: r['name'] for r in regions}
    kinds = {r['code']: r['kind'] for r in regions}
    published, published_rank = {}, {}
    for p in rows(os.path.join(SEEDS, 'paper_published.csv')):
        if p['measure'] == 'gap_ratio' and not p['region']:
            published[('gap_ratio', p['indicator'], p['year'], p['settlement'],
                       p['sex'])] = p['value']
        if p['measure'] == 'rank':
            published_rank[code_of[p['region']]] = int(float(p['value']))
    write_case('report_gaps_2021_csv',
               '$OBLYS --db $DB report gaps --year 2021 --format csv',
               [gaps_2021(positions, published)])
    write_case('report_ranking_2021_csv',
               '$OBLYS --db $DB report ranking --year 2021 --format csv',
               [ranking_2021(published_rank), ranks_by_year()])
    write_case('report_trend_consumption_csv',
               '$OBLYS report trend --indicator consumption_income --format csv --db $DB',
               trend('consumption_income', kinds, seed_flags(code_of)))
    write_case('report_gaps_over_years_csv',
               '$OBLYS --db $DB report gaps --indicator consumption_income --format csv',
               gaps_over_years('consumption_income', positions, published))
    published_rows = rows(os.path.join(SEEDS, 'paper_published.csv'))
    write_case('check_csv', '$OBLYS --db $DB check --format csv',
               [check(names), money_growth(published_rows, code_of, names, indicators),
                rule_findings(code_of, names, kinds, indicators)])
    write_case('report_gender_wages_csv', '$OBLYS --db $DB report gender --format csv',
               gender(code_of, names, kinds, indicators))


def gender(code_of, names, kinds, indicators):
    """report gender --format csv: women's wage as % of men's from the
    wage seed, its ratios in 2021, the change of the gap to parity from
    2016, and the regions where it narrowed and widened most."""
    wage = {}
    for r in rows(os.path.join(SEEDS, 'paper_table5_wages.csv')):
        if r['value'] == '-':
            continue
        wage[(code_of[r['region']], int(r['year']), r['sex'])] = float(r['value'])
    ratio = {(reg, y): 100.0 * f / wage[(reg, y, 'male')]
             for (reg, y, sx), f in wage.items() if sx == 'female' and (reg, y, 'male') in wage}
    order = lambda reg: (kinds[reg] == 'country', names[reg])
    ratios = [dict(indicator='wage_nominal', settlement='total', region_name=names[reg],
                   male_value=wage[(reg, 2021, 'male')], female_value=wage[(reg, 2021, 'female')],
                   ratio_pct=ratio[(reg, 2021)])
              for reg in sorted({reg for reg, y in ratio if y == 2021}, key=order)]
    changes = []
    for reg in {reg for reg, y in ratio if y == 2016 and (reg, 2021) in ratio}:
        a, b = ratio[(reg, 2016)], ratio[(reg, 2021)]
        change = abs(100 - b) - abs(100 - a)
        changes.append(dict(indicator='wage_nominal', settlement='total', region_name=names[reg],
                            ratio_from=a, ratio_to=b, gap_from=abs(100 - a), gap_to=abs(100 - b),
                            gap_change=change, kind=kinds[reg],
                            verdict='narrowed' if change < 0 else 'widened' if change > 0
                            else 'unchanged'))
    changes.sort(key=lambda r: (r['kind'] == 'country', r['gap_change'], r['region_name']))
    regions = [r for r in changes if r['kind'] != 'country']
    most = [dict(r, what='narrowed most') for r in regions
            if r['gap_change'] < 0 and r['gap_change'] == min(x['gap_change'] for x in regions)]
    most += [dict(r, what='widened most') for r in regions
             if r['gap_change'] > 0 and r['gap_change'] == max(x['gap_change'] for x in regions)]
    return [(['indicator', 'settlement', 'region_name', 'male_value', 'female_value',
              'ratio_pct'], ratios),
            (['indicator', 'settlement', 'region_name', 'ratio_from', 'ratio_to', 'gap_from',
              'gap_to', 'gap_change', 'verdict'], changes),
            (['what', 'indicator', 'settlement', 'region_name', 'gap_from', 'gap_to',
              'gap_change'], most)]


SERIES_SEEDS = ('paper_table2_2021.csv', 'paper_table4_consumption_income.csv',
                'paper_table5_wages.csv')


def rule_findings(code_of, names, kinds, indicators):
    obs = rules_oracle.load_observations([os.path.join(SEEDS, f) for f in SERIES_SEEDS], code_of)
    rules = rows(os.path.join(SEEDS, 'validation_rules.csv'))
    changed = rules_oracle.territory_changes(os.path.join(SEEDS, 'territorial_changes.csv'))
    return rules_oracle.findings(rules, obs, indicators, names, kinds, changed)


if __name__ == '__main__':
    main()
