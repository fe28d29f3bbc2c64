#!/usr/bin/env python3
"""rules_oracle.py - the findings of the validation rules
(seeds/validation_rules.csv) on a set of observations, worked out in plain
Python from the rules' definitions in docs/methodology.md, never from
oblys's output. Used by report_expectations.py for `oblys check`.

A value printed with d decimals stands for value +- 0.5*10^-d; no rule
flags a difference that this rounding explains.
"""
import csv

KIND_ORDER = {'bounds': 0, 'parts_sum': 1, 'regions_sum': 2, 'total_between': 3, 'jump': 4}
HEADER = ['rule', 'kind', 'indicator', 'region_name', 'year', 'settlement', 'sex', 'value',
          'expected', 'lo', 'hi', 'detail']


def read_rows(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def decimals_of(text):
    return len(text.split('.')[1]) if '.' in text else 0


def load_observations(paths, code_of):
    """{(region, indicator, year, settlement, sex): (value, decimals)} of
    the series files, missing values left out."""
    obs = {}
    for path in paths:
        for r in read_rows(path):
            text = r['value'].strip()
            try:
                value = float(text)
            except ValueError:
                continue
            obs[(code_of[r['region']], r['indicator'], int(r['year']),
                 r.get('settlement') or 'total', r.get('sex') or 'total')] = (value,
                                                                            decimals_of(text))
    return obs


def targets(rule, indicators):
    if rule['indicator']:
        return [rule['indicator']]
    return [code for code, i in indicators.items()
            if not rule['indicator_kind'] or i.get('kind') == rule['indicator_kind']]


def number(text):
    return float(text) if text not in ('', None) else None


def shown(value, decimals):
    return f'{value:.{decimals}f}'


def bounds(rule, obs, codes):
    lo, hi = number(rule['min_value']), number(rule['max_value'])
    for (reg, ind, year, st, sx), (v, d) in obs.items():
        if ind not in codes:
            continue
        half = 0.5 * 10 ** -d
        if lo is not None and v < lo - half:
            detail = f'{shown(v, d)} is below the minimum {lo:g}'
        elif hi is not None and v > hi + half:
            detail = f'{shown(v, d)} is above the maximum {hi:g}'
        else:
            continue
        yield dict(region=reg, indicator=ind, year=year, settlement=st, sex=sx, value=v,
                   expected=None, lo=lo, hi=hi, detail=detail)


def territory_changes(path):
    """{(region, year)}: the regions whose territory changed in a year (the
    splits of seeds/territorial_changes.csv; a rename keeps the territory)."""
    out = set()
    for r in read_rows(path):
        if r['predecessor'] != r['successor']:
            out.add((r['predecessor'], int(r['year'])))
            out.add((r['successor'], int(r['year'])))
    return out


def jumps(rule, obs, codes, changed):
    limit = number(rule['max_change_pct'])
    series = {}
    for (reg, ind, year, st, sx), vd in obs.items():
        if ind in codes:
            series.setdefault((reg, ind, st, sx), []).append((year, vd))
    for (reg, ind, st, sx), points in series.items():
        points.sort()
        for (py, (p, pd)), (year, (v, d)) in zip(points, points[1:]):
            if p == 0 or year != py + 1:    # a yearly limit judges consecutive years only
                continue
            allowed = abs(p) * limit / 100
            if abs(v - p) - 0.5 * 10 ** -d - 0.5 * 10 ** -pd <= allowed:
                continue
            pct = 100 * (v / p - 1)
            yield dict(region=reg, indicator=ind, year=year, settlement=st, sex=sx, value=v,
                       expected=p, lo=p - allowed, hi=p + allowed,
                       detail=f'{shown(p, pd)} in {py} to {shown(v, d)}: {pct:+.1f} %, '
                              f'beyond {limit:g} %'
                              + (f' (its territory changed in {year})'
                                 if (reg, year) in changed else ''))


def parts(rule, obs, codes, indicators):
    """parts_sum (counts only) and total_between, along rule['breakdown']."""
    by_settlement = rule['breakdown'] == 'settlement'
    for (reg, ind, year, st, sx), (t, td) in obs.items():
        if ind not in codes or (st if by_settlement else sx) != 'total':
            continue
        if by_settlement:
            ka, kb, names = (reg, ind, year, 'urban', sx), (reg, ind, year, 'rural', sx), ('urban', 'rural')
        else:
            ka, kb, names = (reg, ind, year, st, 'male'), (reg, ind, year, st, 'female'), ('men', 'women')
        if ka not in obs or kb not in obs:
            continue
        (a, ad), (b, bd) = obs[ka], obs[kb]
        halves = [0.5 * 10 ** -x for x in (td, ad, bd)]
        if rule['test'] == 'parts_sum':
            if indicators[ind].get('kind') != 'count':
                continue
            allowed = number(rule['tolerance_pct'] or '0') / 100 * abs(t) + sum(halves)
            if abs(t - (a + b)) <= allowed:
                continue
            yield dict(region=reg, indicator=ind, year=year, settlement=st, sex=sx, value=t,
                       expected=a + b, lo=a + b - allowed, hi=a + b + allowed,
                       detail=f'{names[0]} {shown(a, ad)} + {names[1]} {shown(b, bd)} = '
                              f'{a + b:.15g}, total {shown(t, td)}')
        else:
            lo, hi = min(a, b) - max(halves), max(a, b) + max(halves)
            if lo <= t <= hi:
                continue
            yield dict(region=reg, indicator=ind, year=year, settlement=st, sex=sx, value=t,
                       expected=None, lo=lo, hi=hi,
                       detail=f'total {shown(t, td)} is not between {names[0]} {shown(a, ad)} '
                              f'and {names[1]} {shown(b, bd)}')


def regions_sum(rule, obs, codes, indicators, kinds):
    groups = {}
    for (reg, ind, year, st, sx), vd in obs.items():
        if ind in codes and indicators[ind].get('kind') == 'count' and kinds[reg] != 'country':
            groups.setdefault((ind, year, st, sx), []).append(vd)
    for (reg, ind, year, st, sx), (c, cd) in obs.items():
        members = groups.get((ind, year, st, sx))
        if kinds[reg] != 'country' or not members:
            continue
        total = sum(v for v, _ in members)
        allowed = (number(rule['tolerance_pct'] or '0') / 100 * abs(c) + 0.5 * 10 ** -cd
                   + sum(0.5 * 10 ** -d for _, d in members))
        if abs(c - total) <= allowed:
            continue
        yield dict(region=reg, indicator=ind, year=year, settlement=st, sex=sx, value=c,
                   expected=total, lo=total - allowed, hi=total + allowed,
                   detail=f'{len(members)} regions sum to {total:.15g}, the country {shown(c, cd)}')


def findings(rules, obs, indicators, names, kinds, changed=frozenset()):
    """The rows of check's "rules" table, in its order."""
    out = []
    for rule in rules:
        codes = set(targets(rule, indicators))
        test = rule['test']
        if test == 'bounds':
            found = bounds(rule, obs, codes)
        elif test == 'jump':
            found = jumps(rule, obs, codes, changed)
        elif test == 'regions_sum':
            found = regions_sum(rule, obs, codes, indicators, kinds)
        else:
            found = parts(rule, obs, codes, indicators)
        for f in found:
            f.update(rule=rule['rule'], kind=test, region_name=names[f['region']])
            out.append(f)
    out.sort(key=lambda f: (KIND_ORDER[f['kind']], f['rule'],
                            indicators[f['indicator']].get('position') or 0, f['indicator'],
                            f['region_name'], f['year'], f['settlement'], f['sex']))
    return HEADER, out
