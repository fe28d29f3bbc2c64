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
  tests/cases/report_urban_rural_csv     oblys report urban-rural --format csv (Table 4's
                                         rural income as % of urban, 2016 to 2021)
  tests/cases/report_urban_rural_2018_2020_csv
                                         the same with --from 2018 --to 2020
  tests/cases/report_region_atyrau_2021_csv
                                         oblys report region Atyrau --year 2021 --format csv
  tests/cases/report_region_cyrillic_spelling_csv
                                         the same region named "Атырауская область", no --year
  tests/cases/report_region_atyrau_2018_csv
                                         oblys report region Atyrau --year 2018 (changes from 2016)
  tests/cases/report_region_shymkent_2021_csv
                                         Shymkent city, 2021: its 2016 wages are missing
  tests/cases/report_region_republic_csv the republic: no rank
  tests/cases/report_changes_2016_2021_csv
                                         oblys report changes --from 2016 --to 2021 --format csv
  tests/cases/report_region_atyrau_json  expected_stdout.json of the Atyrau 2021 profile,
                                         with its notes and provenance (the data hash is
                                         checked by the cmd against the CSV of the same report)

The region profile and the jumps of the changes report are computed here
from the series seeds directly (docs/methodology.md#improved-or-worsened);
the ratios of urban-rural from Table 4's seed; the ranks and gaps of the
changes report from the oracle's v_index.csv and v_gap.csv.

Each report's columns and row order are those documented in docs/cli.md
and src/report/*.c; the numbers are the oracle's. Run after regenerating
the oracle: python3 tests/oracle/report_expectations.py
"""
import csv
import hashlib
import json
import os
from fractions import Fraction

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
    obs = series_observations(code_of)
    write_case('report_urban_rural_csv', '$OBLYS --db $DB report urban-rural --format csv',
               urban_rural(obs, names, kinds, indicators))
    write_case('report_urban_rural_2018_2020_csv',
               '$OBLYS --db $DB report urban-rural --from 2018 --to 2020 --format csv',
               urban_rural(obs, names, kinds, indicators, 2018, 2020))
    write_case('report_changes_2016_2021_csv',
               '$OBLYS --db $DB report changes --from 2016 --to 2021 --format csv',
               changes_report(2016, 2021, 20.0, obs, names, indicators))
    atyrau = region_code('Атырауская область', regions)
    for case, spelling, year in (('report_region_atyrau_2021_csv', 'Atyrau', 2021),
                                 ('report_region_cyrillic_spelling_csv',
                                  '"Атырауская область"', None),
                                 ('report_region_atyrau_2018_csv', 'atyrau', 2018),
                                 ('report_region_shymkent_2021_csv', 'Shymkent', 2021),
                                 ('report_region_republic_csv', 'KZ', None)):
        code = region_code(spelling.strip('"'), regions)
        write_case(case, f'$OBLYS --db $DB report region {spelling}'
                   + (f' --year {year}' if year else '') + ' --format csv',
                   region_profile(code, year, obs, kinds, indicators))
    write_region_json('report_region_atyrau_json', 'Atyrau', 2021,
                      region_profile(atyrau, 2021, obs, kinds, indicators), names[atyrau])


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


def series_observations(code_of):
    """Every value of the series seeds: (region, indicator, year, settlement,
    sex) -> value, None where the seed prints "-" (missing)."""
    obs = {}
    for fn in SERIES_SEEDS:
        for r in rows(os.path.join(SEEDS, fn)):
            obs[(code_of[r['region']], r['indicator'], int(r['year']),
                 r.get('settlement') or 'total', r.get('sex') or 'total')] = \
                None if r['value'] == '-' else float(r['value'])
    return obs


POLARITY = {'higher_is_better': 1, 'higher_is_worse': -1}


def region_code(text, regions):
    """The region text names: its code, KATO, ISO code, English, Russian or
    Kazakh name, or a spelling of region_aliases.csv, ignoring case."""
    key = text.casefold()
    for r in regions:
        if key in {r[c].casefold() for c in ('code', 'kato', 'iso_3166_2', 'name', 'name_ru',
                                             'name_kk') if r[c]}:
            return r['code']
    for a in rows(os.path.join(SEEDS, 'region_aliases.csv')):
        if a['alias'].casefold() == key:
            return a['region']
    raise SystemExit(f'no region named {text!r}')


def ranks_among_regions(obs, kinds, polarity):
    """(region, indicator, year, settlement, sex) -> (rank, n_regions): rank
    1 = best by polarity among the regions and cities with a value (ties
    share the lowest rank, the next rank skips); the country has none."""
    groups = {}
    for (reg, ind, y, st, sx), v in obs.items():
        if v is not None and kinds[reg] != 'country':
            groups.setdefault((ind, y, st, sx), []).append((reg, v * polarity[ind]))
    ranks = {}
    for (ind, y, st, sx), members in groups.items():
        for reg, score in members:
            better = sum(1 for _, s in members if s > score)
            ranks[(reg, ind, y, st, sx)] = (better + 1, len(members))
    return ranks


def region_profile(code, year, obs, kinds, indicators):
    """report region CODE [--year YEAR] --format csv: the profile table and
    the highlights (docs/cli.md#report-region, methodology.md#improved-or-worsened)."""
    polarity = {c: POLARITY[i['polarity']] for c, i in indicators.items()}
    ranks = ranks_among_regions(obs, kinds, polarity)
    series = {}
    for (reg, ind, y, st, sx), v in obs.items():
        if reg == code and v is not None:
            series.setdefault((ind, st, sx), []).append(y)
    profile = []
    for (ind, st, sx), years in series.items():
        years.sort()
        y = year or years[-1]
        if y not in years:
            continue
        prev = max((p for p in years if p < y), default=None)
        value = obs[(code, ind, y, st, sx)]
        rank, n = ranks.get((code, ind, y, st, sx), (None, None))
        row = dict(indicator=ind, settlement=st, sex=sx, year=y, value=value, rank=rank,
                   n_regions=n, prev_year=prev, prev_value=None, change=None, change_pct=None,
                   prev_rank=None, rank_change=None, verdict=None)
        if prev is not None:
            before = obs[(code, ind, prev, st, sx)]
            prev_rank = ranks.get((code, ind, prev, st, sx), (None, None))[0]
            change = value - before
            good = change * polarity[ind]
            row.update(prev_value=before, change=change,
                       change_pct=None if before == 0 else 100.0 * (value / before - 1),
                       prev_rank=prev_rank,
                       rank_change=None if prev_rank is None or rank is None
                       else prev_rank - rank,
                       verdict='improved' if good > 0 else 'worsened' if good < 0
                       else 'unchanged')
        profile.append(row)
    profile.sort(key=lambda r: (indicators[r['indicator']]['position'], r['indicator'],
                                r['settlement'], r['sex']))
    scores = [
        ('improved most in rank', lambda r: r['rank_change']),
        ('worsened most in rank', lambda r: None if r['rank_change'] is None
         else -r['rank_change']),
        ('improved most in value', lambda r: None if r['change_pct'] is None
         else r['change_pct'] * polarity[r['indicator']]),
        ('worsened most in value', lambda r: None if r['change_pct'] is None
         else -r['change_pct'] * polarity[r['indicator']]),
    ]
    highlights = []
    for what, score in scores:
        known = [score(r) for r in profile if score(r) is not None]
        best = max(known, default=None)
        highlights += [dict(r, what=what) for r in profile
                       if best is not None and best > 0 and score(r) == best]
    return [(['indicator', 'settlement', 'sex', 'year', 'value', 'rank', 'n_regions',
              'prev_year', 'prev_value', 'change', 'change_pct', 'prev_rank', 'rank_change',
              'verdict'], profile),
            (['what', 'indicator', 'settlement', 'sex', 'prev_year', 'year', 'prev_value',
              'value', 'change_pct', 'prev_rank', 'rank', 'rank_change'], highlights)]


def urban_rural(obs, names, kinds, indicators, first=None, last=None):
    """report urban-rural --format csv: rural value as % of urban for every
    region (the republic last) with both, in the last year; the change of
    the distance from parity between the first and the last year; the
    regions where it narrowed and widened most (the republic left out)."""
    ratio = {}
    for (reg, ind, y, st, sx), urban in obs.items():
        rural = obs.get((reg, ind, y, 'rural', sx))
        if st == 'urban' and urban is not None and rural is not None:
            ratio[(reg, ind, y, sx)] = (urban, rural, 100.0 * rural / urban)
    first = first or min(k[2] for k in ratio)
    last = last or max(k[2] for k in ratio)
    pos = lambda ind: indicators[ind]['position']
    ratios = [dict(indicator=ind, sex=sx, region_name=names[reg], urban_value=u,
                   rural_value=r, ratio_pct=p, kind=kinds[reg])
              for (reg, ind, y, sx), (u, r, p) in ratio.items() if y == last]
    ratios.sort(key=lambda r: (pos(r['indicator']), r['indicator'], r['sex'],
                               r['kind'] == 'country', r['region_name']))
    changes = []
    for (reg, ind, y, sx), (_, _, a) in ratio.items():
        if y != first or (reg, ind, last, sx) not in ratio:
            continue
        b = ratio[(reg, ind, last, sx)][2]
        change = abs(100 - b) - abs(100 - a)
        changes.append(dict(indicator=ind, sex=sx, region_name=names[reg], ratio_from=a,
                            ratio_to=b, gap_from=abs(100 - a), gap_to=abs(100 - b),
                            gap_change=change, kind=kinds[reg],
                            verdict='narrowed' if change < 0 else 'widened' if change > 0
                            else 'unchanged'))
    changes.sort(key=lambda r: (pos(r['indicator']), r['indicator'], r['sex'],
                                r['kind'] == 'country', r['gap_change'], r['region_name']))
    most = []
    for ind, sx in sorted({(r['indicator'], r['sex']) for r in changes},
                          key=lambda k: (pos(k[0]),) + k):
        group = [r for r in changes if (r['indicator'], r['sex']) == (ind, sx)
                 and r['kind'] != 'country']
        low = min(r['gap_change'] for r in group)
        high = max(r['gap_change'] for r in group)
        most += sorted((dict(r, what='narrowed most') for r in group
                        if r['gap_change'] < 0 and r['gap_change'] == low),
                       key=lambda r: r['region_name'])
        most += sorted((dict(r, what='widened most') for r in group
                        if r['gap_change'] > 0 and r['gap_change'] == high),
                       key=lambda r: r['region_name'])
    return [(['indicator', 'sex', 'region_name', 'urban_value', 'rural_value', 'ratio_pct'],
             ratios),
            (['indicator', 'sex', 'region_name', 'ratio_from', 'ratio_to', 'gap_from', 'gap_to',
              'gap_change', 'verdict'], changes),
            (['what', 'indicator', 'sex', 'region_name', 'gap_from', 'gap_to', 'gap_change'],
             most)]


def changes_report(first, last, threshold, obs, names, indicators):
    """report changes --from FIRST --to LAST --format csv: index ranks
    (the oracle's v_index.csv), gaps (its v_gap.csv) and the values that
    changed by more than threshold % (from the seeds), each largest first."""
    pos = lambda ind: indicators[ind]['position']
    index = {(r['region'], int(r['year'])): r for r in rows(os.path.join(EXPECTED, 'v_index.csv'))}
    ranks = []
    for (reg, y), a in index.items():
        b = index.get((reg, last))
        if y == first and b:
            ranks.append(dict(region_name=b['region_name'], rank_from=int(a['rank']),
                              rank_to=int(b['rank']), rank_change=int(a['rank']) - int(b['rank']),
                              index_from=a['index'], index_to=b['index']))
    ranks.sort(key=lambda r: (-abs(r['rank_change']), r['rank_to'], r['region_name']))
    gap = {(r['indicator'], int(r['year']), r['settlement'], r['sex']): num(r['gap_ratio'])
           for r in rows(os.path.join(EXPECTED, 'v_gap.csv'))}
    gaps = []
    for (ind, y, st, sx), a in gap.items():
        b = gap.get((ind, last, st, sx))
        if y == first and a is not None and b is not None:
            gaps.append(dict(indicator=ind, settlement=st, sex=sx, gap_from=a, gap_to=b,
                             gap_change=b - a, gap_change_pct=100.0 * (b / a - 1),
                             verdict='widened' if b > a else 'narrowed' if b < a
                             else 'unchanged'))
    gaps.sort(key=lambda r: (-abs(r['gap_to'] / r['gap_from'] - 1), pos(r['indicator']),
                             r['indicator'], r['settlement'], r['sex']))
    jumps = []
    for (reg, ind, y, st, sx), a in obs.items():
        b = obs.get((reg, ind, last, st, sx))
        if y != first or a is None or b is None or a == 0:
            continue
        # exact rational arithmetic for "more than threshold %": 8 -> 10.4
        # is 30 %, not more (binary floating point says 30.000000000000004)
        exact = abs(Fraction(repr(b)) / Fraction(repr(a)) - 1) * 100
        if exact > Fraction(repr(threshold)):
            jumps.append(dict(region_name=names[reg], indicator=ind, settlement=st, sex=sx,
                              value_from=a, value_to=b, change_pct=100.0 * (b / a - 1),
                              exact=exact))
    jumps.sort(key=lambda r: (-r['exact'], pos(r['indicator']), r['indicator'],
                              r['region_name'], r['settlement'], r['sex']))
    return [(['region_name', 'rank_from', 'rank_to', 'rank_change', 'index_from', 'index_to'],
             ranks),
            (['indicator', 'settlement', 'sex', 'gap_from', 'gap_to', 'gap_change',
              'gap_change_pct', 'verdict'], gaps),
            (['region_name', 'indicator', 'settlement', 'sex', 'value_from', 'value_to',
              'change_pct'], jumps)]


REGION_NOTES = [
    "rank: 1 = best among the regions and cities that year, by the indicator's polarity (the "
    "republic has no rank); n_regions ranked.",
    "prev_year is the previous year with a value; change = value - prev_value, change_pct in %; "
    "rank_change = prev_rank - rank (positive: climbed). verdict: improved when the change goes "
    "the indicator's good way.",
    "Changes are of the values as published, in each indicator's own unit (money in the "
    "currency it was published in); report trend computes growth of money in tenge, so the two "
    "differ when the exchange rate moved.",
    "Ranks of years with a different set of regions (the 2018 and 2022 splits) are out of a "
    "different number of regions: compare n_regions.",
]

# What the cmd of the JSON case writes in place of provenance.data_sha256
# when it equals the SHA-256 of the same report as CSV (whose numbers
# report_region_atyrau_2021_csv checks).
HASH_OF_CSV = '= sha256 of the CSV'


def write_region_json(name, spelling, year, tables, region_name):
    """report region --format json: title, both tables, notes and the
    provenance of a seeded database (the latest load is the last seed file)."""
    args = f'report region {spelling} --year {year}'
    cmd = ('set -o pipefail; T=$(dirname "$DB"); '
           f'$OBLYS --db $DB {args} --format csv > $T/r.csv && '
           f'$OBLYS --db $DB {args} --format json | python3 -c \''
           'import hashlib, json, sys; d = json.load(sys.stdin); p = d["provenance"]; '
           'h = hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest(); '
           f'p["data_sha256"] = "{HASH_OF_CSV}" if p["data_sha256"] == h else p["data_sha256"]; '
           'json.dump(d, sys.stdout, ensure_ascii=False)\' $T/r.csv')
    last_seed = os.path.join(SEEDS, 'index_paper.json')
    with open(last_seed, 'rb') as f:
        seed_sha = hashlib.sha256(f.read()).hexdigest()
    titles = {'profile': 'Every indicator: value, rank, change',
              'highlights': 'Improved and worsened most'}
    doc = {
        'report': 'region',
        'title': f'Profile of {region_name}, {year}',
        'tables': [{'name': tname, 'title': titles[tname], 'columns': header,
                    'rows': [{c: r[c] for c in header} for r in body]}
                   for tname, (header, body) in zip(('profile', 'highlights'), tables)],
        'notes': REGION_NOTES,
        'provenance': {
            'oblys_version': '0.2.0', 'schema_version': '@SCHEMA_VERSION@',
            'latest_load': {'id': 14, 'file': 'index_paper.json', 'kind': 'index',
                            'sha256': seed_sha},
            'as_of': None, 'geography': 'as-reported', 'data_sha256': HASH_OF_CSV,
        },
    }
    folder = os.path.join(CASES, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, 'cmd'), 'w', encoding='utf-8') as f:
        f.write(cmd + '\n')
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    with open(os.path.join(folder, 'expected_stdout.json'), 'w', encoding='utf-8') as f:
        f.write(text.replace('"@SCHEMA_VERSION@"', '@SCHEMA_VERSION@') + '\n')


if __name__ == '__main__':
    main()
