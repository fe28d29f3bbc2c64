#!/usr/bin/env python3
"""inequality_oracle.py - independent oracle for the inequality and growth
views of the inequality migration (v_inequality, v_theil_decomposition,
v_sigma_convergence, v_growth_base, v_growth_annual, v_cagr).

Python 3 standard library only; shares no code with oblys.  Reads the seed
files (through paper_oracle.load for the observations, plus
seeds/population.csv and seeds/region_groups.csv) and writes CSV files to
tests/oracle/expected/ in the format paper_oracle.py documents (repr floats,
integers as integers, NULL as the empty string).

Formulas (docs/methodology.md#inequality-measures), deliberately computed
another way than the SQL views do:

* Units: non-country regions with a value, per indicator, year,
  settlement, sex.  Weight = population of the region, same year,
  settlement and sex (seeds/population.csv; where only men and women are
  given, their sum).  Weighted measures are NULL when any unit lacks one.
* sd_value = population standard deviation (statistics.pstdev);
  cv = sd / mean; cv_weighted (Williamson 1965) =
  sqrt(sum p_i (y_i - mu_w)^2) / mu_w with p_i = population shares.
* gini: from the sorted values, G = 2 sum_i i*y_(i) / (n sum y) - (n+1)/n
  (i = 1..n); gini_weighted: one minus twice the area under the Lorenz
  curve, by trapezoids over the units sorted by value:
  G = 1 - sum_k p_k (L_k + L_(k-1)), L = cumulative share of the total.
  (The views use the mean absolute difference instead; both are exact for
  a discrete distribution.)
* theil = mean of (y/mu) ln(y/mu); theil_weighted = sum p_i (y_i/mu_w)
  ln(y_i/mu_w); NULL unless every value is positive.
* decomposition: between = sum_g s_g ln(mu_g/mu), within = sum_g s_g T_g,
  s_g = the group's share of the total (W_g mu_g / (W mu)), T_g the
  group's own Theil index; the script asserts between + within = theil.
* sigma-convergence: cv and the population SD of ln(y), compared with the
  previous year with a value and with the first.
* growth: amounts (money in tenge, paper_oracle.to_kzt); index_base =
  100 a/b; growth_pct = 100 (a/b - 1); yoy only on the previous calendar
  year; annualised and CAGR = 100 ((a/b)^(1/years) - 1).
"""

import argparse
import math
import os
import statistics
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import paper_oracle as po  # noqa: E402  (the loader of the seed files only)


def fold(text):
    """A spelling folded to compare region names: lower case, letters and
    digits only, trailing footnote digits dropped."""
    key = "".join(c for c in text.lower() if c.isalnum())
    return key


def region_lookup(seeds, regions):
    names = {}
    for code, r in regions.items():
        for n in (code, r["name"], r["name_ru"], r["name_kk"]):
            if n:
                names[fold(n)] = code
    for a in po.read_csv(os.path.join(seeds, "region_aliases.csv")):
        names[fold(a["alias"])] = a["region"]

    def find(text):
        key = fold(text)
        if key not in names:
            key = key.rstrip("0123456789")
        if key not in names:
            sys.exit(f"unknown region {text!r}")
        return names[key]
    return find


def load_population(seeds, find):
    pop = {}
    for r in po.read_csv(os.path.join(seeds, "population.csv")):
        pop[(find(r["region"]), int(r["year"]), r["settlement"], r["sex"])] = float(r["persons"])
    # both sexes as men + women where no total is published
    for (reg, yr, st, sx), persons in list(pop.items()):
        if sx == "male" and (reg, yr, st, "total") not in pop and (reg, yr, st, "female") in pop:
            pop[(reg, yr, st, "total")] = persons + pop[(reg, yr, st, "female")]
    return pop


def load_groups(seeds, find):
    path = os.path.join(seeds, "region_groups.csv")
    groups = defaultdict(dict)
    if os.path.exists(path):
        for r in po.read_csv(path):
            groups[r["grouping"]][find(r["region"])] = r["group_name"]
    return groups


# ---------------------------------------------------------------- measures
def gini_sorted(ys):
    s = sorted(ys)
    n = len(s)
    return 2.0 * math.fsum((i + 1) * y for i, y in enumerate(s)) / (n * math.fsum(s)) - (n + 1) / n


def gini_lorenz(ys, ws):
    pairs = sorted(zip(ys, ws))
    total_w = math.fsum(ws)
    total = math.fsum(y * w for y, w in pairs)
    area, cum = 0.0, 0.0
    for y, w in pairs:
        prev = cum
        cum += y * w / total
        area += w / total_w * (cum + prev)
    return 1.0 - area


def theil(ys, ws):
    total_w = math.fsum(ws)
    mu = math.fsum(y * w for y, w in zip(ys, ws)) / total_w
    return math.fsum(w / total_w * (y / mu) * math.log(y / mu) for y, w in zip(ys, ws))


def units_by_key(regions, obs, pop):
    """(indicator, year, settlement, sex) -> [(region, value, persons)]
    and the count of missing values."""
    units, missing = defaultdict(list), defaultdict(int)
    for o in obs.values():
        if po.is_country(regions, o.region):
            continue
        key = (o.indicator, o.year, o.settlement, o.sex)
        if o.value is None:
            missing[key] += 1
            units.setdefault(key, [])
        else:
            units[key].append((o.region, o.value, pop.get((o.region, o.year, o.settlement, o.sex))))
    return units, missing


def v_inequality(units, missing):
    out = {}
    for key in sorted(units):
        us = units[key]
        ys = [u[1] for u in us]
        ws = [u[2] for u in us]
        n = len(ys)
        row = dict(indicator=key[0], year=key[1], settlement=key[2], sex=key[3],
                   n_regions=n, n_missing=missing[key],
                   n_without_weight=sum(1 for w in ws if w is None))
        for c in ("min_value", "max_value", "max_min_ratio", "range_value", "mean_value",
                  "sd_value", "cv", "mean_weighted", "cv_weighted", "gini", "gini_weighted",
                  "theil", "theil_weighted"):
            row[c] = None
        if n:
            mean = statistics.fmean(ys)
            sd = statistics.pstdev(ys)
            row.update(min_value=min(ys), max_value=max(ys), max_min_ratio=max(ys) / min(ys),
                       range_value=max(ys) - min(ys), mean_value=mean, sd_value=sd,
                       cv=sd / mean, gini=gini_sorted(ys))
            positive = min(ys) > 0
            if positive:
                row["theil"] = theil(ys, [1.0] * n)
            if row["n_without_weight"] == 0:
                total_w = math.fsum(ws)
                mu_w = math.fsum(y * w for y, w in zip(ys, ws)) / total_w
                var_w = math.fsum(w / total_w * (y - mu_w) ** 2 for y, w in zip(ys, ws))
                row.update(mean_weighted=mu_w, cv_weighted=math.sqrt(var_w) / mu_w,
                           gini_weighted=gini_lorenz(ys, ws))
                if positive:
                    row["theil_weighted"] = theil(ys, ws)
        out[key] = row
    return out


def decompose(members):
    """members: [(group, value, weight)] -> (theil, between, within)."""
    ys = [m[1] for m in members]
    ws = [m[2] for m in members]
    total_w = math.fsum(ws)
    mu = math.fsum(y * w for y, w in zip(ys, ws)) / total_w
    t = theil(ys, ws)
    by_group = defaultdict(list)
    for g, y, w in members:
        by_group[g].append((y, w))
    between = within = 0.0
    b_terms, w_terms = [], []
    for g, gm in by_group.items():
        gw = math.fsum(w for _, w in gm)
        gmu = math.fsum(y * w for y, w in gm) / gw
        share = gw * gmu / (total_w * mu)
        b_terms.append(share * math.log(gmu / mu))
        w_terms.append(share * theil([y for y, _ in gm], [w for _, w in gm]))
    between, within = math.fsum(b_terms), math.fsum(w_terms)
    assert abs(between + within - t) < 1e-12, (between, within, t)
    return t, between, within, mu


def v_theil_decomposition(regions, units, groups):
    rows = {}
    cases = defaultdict(list)   # (grouping, ind, year, settlement, sex) -> [(group, y, persons)]
    for (ind, yr, st, sx), us in units.items():
        for reg, y, p in us:
            cases[("region_kind", ind, yr, st, sx)].append((regions[reg]["kind"], y, p))
            for grouping, members in groups.items():
                cases[(grouping, ind, yr, st, sx)].append(
                    (members.get(reg, "not classified"), y, p))
            if st in ("urban", "rural"):
                cases[("settlement", ind, yr, "urban+rural", sx)].append((st, y, p))
    for key, members in cases.items():
        if not members:
            continue
        for weighting in ("unweighted", "population"):
            ms = [(g, y, 1.0 if weighting == "unweighted" else p) for g, y, p in members]
            n_without = sum(1 for m in ms if m[2] is None)
            row = dict(grouping=key[0], indicator=key[1], year=key[2], settlement=key[3],
                       sex=key[4], weighting=weighting, n_units=len(ms),
                       n_groups=len({m[0] for m in ms}), n_without_weight=n_without,
                       mean_value=None, theil=None, between_groups=None,
                       within_groups=None, between_share=None)
            if n_without == 0:
                t, b, w, mu = None, None, None, None
                if min(m[1] for m in ms) > 0:
                    t, b, w, mu = decompose(ms)
                    row.update(theil=t, between_groups=b, within_groups=w,
                               between_share=b / t if t else None)
                total_w = math.fsum(m[2] for m in ms)
                row["mean_value"] = math.fsum(m[1] * m[2] for m in ms) / total_w
            rows[key + (weighting,)] = row
    return rows


def v_sigma_convergence(ineq, units):
    out = {}
    series = defaultdict(list)
    for key, r in ineq.items():
        if r["cv"] is not None:
            series[(key[0], key[2], key[3])].append(r)
    for skey, rs in series.items():
        rs.sort(key=lambda r: r["year"])
        first = prev = None
        prev_regions = None
        for r in rs:
            ys = [u[1] for u in units[(r["indicator"], r["year"], r["settlement"], r["sex"])]]
            sd_log = statistics.pstdev([math.log(y) for y in ys]) if min(ys) > 0 else None
            regs = sorted(u[0] for u in units[(r["indicator"], r["year"], r["settlement"],
                                               r["sex"])])
            row = dict(indicator=r["indicator"], year=r["year"], settlement=r["settlement"],
                       sex=r["sex"], n_regions=r["n_regions"], cv=r["cv"], sd_log=sd_log,
                       prev_year=prev["year"] if prev else None,
                       cv_change=r["cv"] - prev["cv"] if prev else None,
                       sd_log_change=(sd_log - prev["sd_log"]
                                      if prev and sd_log is not None
                                      and prev["sd_log"] is not None else None),
                       first_year=first["year"] if first else r["year"],
                       cv_change_from_first=r["cv"] - first["cv"] if first else 0.0,
                       sd_log_change_from_first=(
                           0.0 if not first and sd_log is not None
                           else sd_log - first["sd_log"]
                           if first and sd_log is not None and first["sd_log"] is not None
                           else None),
                       direction=None if not prev else
                       "falling" if r["cv"] < prev["cv"] - 1e-12 else
                       "rising" if r["cv"] > prev["cv"] + 1e-12 else "unchanged",
                       regions_changed=int(prev_regions is not None and prev_regions != regs))
            out[(r["indicator"], r["year"], r["settlement"], r["sex"])] = row
            if first is None:
                first = row
            prev, prev_regions = row, regs
    return out


def growth_views(regions, obs, indicators, rates):
    series = defaultdict(list)
    for o in obs.values():
        if o.value is not None:
            series[(o.region, o.indicator, o.settlement, o.sex)].append(o)
    base_rows, annual_rows, cagr_rows = {}, {}, {}
    for (reg, ind, st, sx), pts in series.items():
        pts.sort(key=lambda o: o.year)
        money = indicators[ind].get("kind") == "money"
        cur = "KZT" if money else None

        def amount(o):
            return o.value * po.to_kzt(indicators, rates, o.indicator, o.year)
        name = regions[reg]["name"]
        common = dict(region=reg, region_name=name, indicator=ind, settlement=st, sex=sx,
                      growth_currency=cur)
        for b in pts:
            for a in pts:
                base_rows[(reg, ind, st, sx, b.year, a.year)] = dict(
                    common, base_year=b.year, base_value=b.value, year=a.year, value=a.value,
                    index_base=100.0 * amount(a) / amount(b),
                    growth_pct=100.0 * (amount(a) / amount(b) - 1.0))
                if a.year > b.year:
                    years = a.year - b.year
                    cagr_rows[(reg, ind, st, sx, b.year, a.year)] = dict(
                        common, from_year=b.year, to_year=a.year, years=years,
                        from_value=b.value, to_value=a.value,
                        cagr_pct=100.0 * ((amount(a) / amount(b)) ** (1.0 / years) - 1.0)
                        if amount(a) > 0 and amount(b) > 0 else None)
        prev = None
        for o in pts:
            gap = o.year - prev.year if prev else None
            annual_rows[(reg, ind, st, sx, o.year)] = dict(
                common, year=o.year, value=o.value,
                prev_year=prev.year if prev else None,
                prev_value=prev.value if prev else None, years_between=gap,
                growth_pct_yoy=100.0 * (amount(o) / amount(prev) - 1.0) if gap == 1 else None,
                growth_pct_annualised=100.0 * ((amount(o) / amount(prev)) ** (1.0 / gap) - 1.0)
                if prev and amount(o) > 0 and amount(prev) > 0 else None)
            prev = o
    return base_rows, annual_rows, cagr_rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default=os.path.join(po.ROOT, "seeds"))
    ap.add_argument("--out", default=os.path.join(HERE, "expected"))
    a = ap.parse_args()
    regions, _, indicators, obs, rates = po.load(a.seeds)
    find = region_lookup(a.seeds, regions)
    pop = load_population(a.seeds, find)
    groups = load_groups(a.seeds, find)
    os.makedirs(a.out, exist_ok=True)

    units, missing = units_by_key(regions, obs, pop)
    ineq = v_inequality(units, missing)
    po.write_csv(os.path.join(a.out, "v_inequality.csv"),
                 ["indicator", "year", "settlement", "sex", "n_regions", "n_missing",
                  "n_without_weight", "min_value", "max_value", "max_min_ratio", "range_value",
                  "mean_value", "sd_value", "cv", "mean_weighted", "cv_weighted", "gini",
                  "gini_weighted", "theil", "theil_weighted"],
                 [ineq[k] for k in sorted(ineq)])
    dec = v_theil_decomposition(regions, units, groups)
    po.write_csv(os.path.join(a.out, "v_theil_decomposition.csv"),
                 ["grouping", "indicator", "year", "settlement", "sex", "weighting", "n_units",
                  "n_groups", "n_without_weight", "mean_value", "theil", "between_groups",
                  "within_groups", "between_share"],
                 [dec[k] for k in sorted(dec)])
    sigma = v_sigma_convergence(ineq, units)
    po.write_csv(os.path.join(a.out, "v_sigma_convergence.csv"),
                 ["indicator", "year", "settlement", "sex", "n_regions", "cv", "sd_log",
                  "prev_year", "cv_change", "sd_log_change", "first_year",
                  "cv_change_from_first", "sd_log_change_from_first", "direction",
                  "regions_changed"],
                 [sigma[k] for k in sorted(sigma)])
    base, annual, cagr = growth_views(regions, obs, indicators, rates)
    po.write_csv(os.path.join(a.out, "v_growth_base.csv"),
                 ["region", "region_name", "indicator", "settlement", "sex", "base_year",
                  "base_value", "year", "value", "index_base", "growth_pct", "growth_currency"],
                 [base[k] for k in sorted(base)])
    po.write_csv(os.path.join(a.out, "v_growth_annual.csv"),
                 ["region", "region_name", "indicator", "settlement", "sex", "year", "value",
                  "prev_year", "prev_value", "years_between", "growth_pct_yoy",
                  "growth_pct_annualised", "growth_currency"],
                 [annual[k] for k in sorted(annual)])
    po.write_csv(os.path.join(a.out, "v_cagr.csv"),
                 ["region", "region_name", "indicator", "settlement", "sex", "from_year",
                  "to_year", "years", "from_value", "to_value", "cagr_pct", "growth_currency"],
                 [cagr[k] for k in sorted(cagr)])
    print(f"v_inequality {len(ineq)}, v_theil_decomposition {len(dec)}, "
          f"v_sigma_convergence {len(sigma)}, v_growth_base {len(base)}, "
          f"v_growth_annual {len(annual)}, v_cagr {len(cagr)} rows")


if __name__ == "__main__":
    main()
