#!/usr/bin/env python3
"""paper_oracle.py - independent oracle for oblys's database views.

Reads the seed files in seeds/ (regions.csv, indicators.json,
paper_table2_2021.csv, paper_table4_consumption_income.csv,
paper_table5_wages.csv, paper_published.csv) and computes, with the Python 3
standard library only and without any code from the C program, what the
views of the oblys database should contain.  Output goes to
tests/oracle/expected/ (override with --seeds DIR / --out DIR).

Output format
-------------
CSV, UTF-8, LF, header row.  Quantities that are REAL in the database
(values, ratios, growth, index, bounds, published/recomputed) are written with
repr(float) (so 283 is written "283.0"); quantities that are INTEGER (year,
prev_year, base_year, n_regions, n_missing, n_indicators, rank in v_index,
published_decimals) are written as integers.  NULL is the empty string.
Region columns named `region` hold the region code from regions.csv (9-digit
KATO text, or "KZ" for the country); `region_name` holds regions.csv `name`.

Input conventions
-----------------
* An observation is (region, indicator, year, settlement, sex) -> value.
  A data file without a `settlement` column has settlement "total"; without
  a `sex` column, sex "total".  Region names in the data files are mapped to
  codes through regions.csv (`name`).
* A value printed "-" is missing.  Missing values never take part in any
  computation (they are only counted in v_gap.n_missing).
* Rows of kind `country` (the national aggregate) never take part in gaps or
  the index; they do appear in v_growth and v_ratio_sex.
* The precision of a value is d = number of digits after the decimal point
  in the seed text ("23" -> 0, "5.94" -> 2).  Such a value stands for the
  interval [x - 0.5*10^-d, x + 0.5*10^-d].

Views
-----
v_gap.csv  (one row per indicator, year, settlement, sex having at least one
  non-country value; sorted by indicator, year, settlement, sex)
  n_regions  = number of non-country regions with a value;
  n_missing  = number of non-country rows whose value is "-";
  max_value / min_value = max / min of those values; max_region /
  min_region = code of the region holding it (ties: smallest code as text);
  gap_ratio  = max_value / min_value;  range_value = max_value - min_value;
  mean_value = arithmetic mean (math.fsum / n);
  cv_pct     = 100 * sqrt(fsum((x - mean)^2) / n) / mean   (population SD);
  regions_changed = 1 when the set of regions with a value differs from the
               previous year of the same indicator, settlement and sex.

v_growth.csv  (one row per region incl. country, indicator, settlement, sex,
  year with a value; sorted by region, indicator, settlement, sex, year)
  prev_year / prev_value = latest earlier year of the same series that has
  a value (empty for the first); growth_pct_yoy = (value/prev_value - 1)*100;
  base_year / base_value = earliest year of the series with a value;
  growth_pct_base = (value/base_value - 1)*100 (exactly 0.0 for the base
  year); index_base = value/base_value*100 (100.0 for the base year).

Money (from 0.2): indicators with kind "money" grow in tenge.  Their values
  are converted with seeds/exchange_rates.csv (KZT per USD, annual average):
  amount = value * rate[year] for currency USD, value for KZT.  In v_growth,
  growth_pct_yoy, growth_pct_base and index_base are computed on amounts
  (growth_currency = "KZT"); value, prev_value and base_value stay as
  published.  Other indicators: amount = value, growth_currency empty.
  In v_check, index_base = 100 * amount(year) / amount(base_year), the
  published base_year, and its interval scales the value intervals by the
  same rates.

v_ratio_sex.csv  (one row per region incl. country, indicator, year,
  settlement where both a male and a female value exist; sorted by region,
  indicator, year, settlement)
  ratio_pct = 100 * female_value / male_value.

v_index.csv / v_index_score.csv  (per year)
  Indicators: those with in_index true that have at least one non-country
  value (settlement total, sex total) in that year; n_indicators = their
  count.  For each such indicator min/max are taken over all non-country
  regions having a value.  score = (x - min)/(max - min) if
  higher_is_better, (max - x)/(max - min) if higher_is_worse, 0 if
  max == min.  v_index_score has one row per region/year/indicator with a
  value (sorted by region, year, indicator).  index = fsum of the region's
  scores, only for regions having all n_indicators values; rank = 1 + number
  of regions (same year) with a strictly greater index.  v_index sorted by
  region, year.

spearman.txt
  Spearman's rho between the computed 2021 rank and the paper's Table 3
  rating (paper_published measure "rank"): both rank vectors are re-ranked
  with average ranks for ties, then the Pearson correlation of those ranks
  is computed.  Line 1: repr(rho).  Following lines, one per region whose
  computed rank differs from the published one:
  "<name> <computed_rank> <published_rank>" (in regions.csv order).

v_check.csv  (one row per row of paper_published.csv; sorted by source,
  measure, indicator, region, year, settlement)
  published = seed value; published_decimals = digits after the point in
  the seed text; recomputed taken from:
    gap_ratio, max_value, min_value -> v_gap (indicator, year, settlement, sex)
    index_base -> v_growth (region, indicator, settlement, sex, year) whose
                  base_year equals the published base_year
    ratio_pct  -> v_ratio_sex (region, indicator, year, settlement); the
                  published sex is "total" and is not used for matching
    index, rank -> v_index (region, year)
  Interval [recomputed_lo, recomputed_hi] from the input intervals:
    max_value: [max of lows, max of highs]; min_value: [min of lows, min of
    highs]; gap_ratio: [(max of lows)/(min of highs), (max of highs)/(min
    of lows)]; index_base: [100*lo(v)/hi(b), 100*hi(v)/lo(b)];
    ratio_pct: [100*lo(f)/hi(m), 100*hi(f)/lo(m)].
  status:
    matches       recomputed rounded half away from zero to
                  published_decimals equals published (|diff| <= 1e-9);
                  rounding is done on Decimal(repr(recomputed));
    consistent    otherwise, if [lo, hi] overlaps
                  [published - 0.5*10^-pd, published + 0.5*10^-pd]
                  (closed intervals, 1e-9 slack);
    inconsistent  otherwise;
    not_recomputable  for measures index and rank (the paper's index
                  method is not published): recomputed = our value,
                  lo/hi empty;
    not_found     no recomputed figure exists (should not happen).

A human summary (one line per published figure that is inconsistent or
consistent-but-not-matching, then status counts) is printed to stdout.
"""

import argparse
import csv
import json
import math
import os
import sys
from collections import Counter, defaultdict
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA_FILES = [
    "paper_table2_2021.csv",
    "paper_table4_consumption_income.csv",
    "paper_table5_wages.csv",
]
EPS = 1e-9


# ---------------------------------------------------------------- helpers
def decimals_of(text):
    """Digits after the decimal point in a seed number's text."""
    return len(text.split(".", 1)[1]) if "." in text else 0


def half_width(d):
    return 0.5 * 10.0 ** (-d)


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        raise TypeError("bool in output")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def round_half_away(x, d):
    q = Decimal(1).scaleb(-d)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(r[h]) for h in header])


class Obs:
    __slots__ = ("region", "indicator", "year", "settlement", "sex", "text", "value", "d")

    def __init__(self, region, indicator, year, settlement, sex, text):
        self.region, self.indicator, self.year = region, indicator, year
        self.settlement, self.sex, self.text = settlement, sex, text
        if text == "-":
            self.value, self.d = None, None
        else:
            self.value, self.d = float(text), decimals_of(text)

    @property
    def lo(self):
        return self.value - half_width(self.d)

    @property
    def hi(self):
        return self.value + half_width(self.d)


# ---------------------------------------------------------------- loading
def load(seeds):
    regions = {}          # code -> row
    by_name = {}
    for r in read_csv(os.path.join(seeds, "regions.csv")):
        regions[r["code"]] = r
        by_name[r["name"]] = r["code"]
    with open(os.path.join(seeds, "indicators.json"), encoding="utf-8") as f:
        indicators = {i["code"]: i for i in json.load(f)["indicators"]}
    obs = {}
    for fn in DATA_FILES:
        for r in read_csv(os.path.join(seeds, fn)):
            if r["region"] not in by_name:
                sys.exit(f"{fn}: unknown region {r['region']!r}")
            if r["indicator"] not in indicators:
                sys.exit(f"{fn}: unknown indicator {r['indicator']!r}")
            o = Obs(by_name[r["region"]], r["indicator"], int(r["year"]),
                    r.get("settlement") or "total", r.get("sex") or "total",
                    r["value"].strip())
            key = (o.region, o.indicator, o.year, o.settlement, o.sex)
            if key in obs:
                sys.exit(f"{fn}: duplicate observation {key}")
            obs[key] = o
    rates = {int(r["year"]): float(r["per_usd"])
             for r in read_csv(os.path.join(seeds, "exchange_rates.csv")) if r["currency"] == "KZT"}
    return regions, by_name, indicators, obs, rates


def to_kzt(indicators, rates, indicator, year):
    """Tenge per unit of the indicator's values in year (1 unless money)."""
    i = indicators[indicator]
    if i.get("kind") != "money" or i.get("currency") == "KZT":
        return 1.0
    if i.get("currency") == "USD":
        return rates[year]
    sys.exit(f"no rate for currency {i.get('currency')!r}")


def is_country(regions, code):
    return regions[code]["kind"] == "country"


# ---------------------------------------------------------------- views
def v_gap(regions, obs):
    groups = defaultdict(list)
    for o in obs.values():
        if not is_country(regions, o.region):
            groups[(o.indicator, o.year, o.settlement, o.sex)].append(o)
    out = {}
    for key in sorted(groups):
        members = groups[key]
        vals = [o for o in members if o.value is not None]
        if not vals:
            continue
        n = len(vals)
        xs = [o.value for o in vals]
        mx, mn = max(xs), min(xs)
        mx_r = min(o.region for o in vals if o.value == mx)
        mn_r = min(o.region for o in vals if o.value == mn)
        mean = math.fsum(xs) / n
        sd = math.sqrt(math.fsum((x - mean) ** 2 for x in xs) / n)
        out[key] = dict(
            indicator=key[0], year=key[1], settlement=key[2], sex=key[3],
            n_regions=n, n_missing=len(members) - n,
            max_value=mx, max_region=mx_r, max_region_name=regions[mx_r]["name"],
            min_value=mn, min_region=mn_r, min_region_name=regions[mn_r]["name"],
            gap_ratio=mx / mn, range_value=mx - mn, mean_value=mean,
            cv_pct=100.0 * sd / mean,
            # intervals for v_check
            _regions=sorted(o.region for o in vals),
            _max_iv=(max(o.lo for o in vals), max(o.hi for o in vals)),
            _min_iv=(min(o.lo for o in vals), min(o.hi for o in vals)),
        )
    # regions_changed: 1 when the regions with a value differ from those of
    # the previous year of the same indicator and breakdown (0 the first year)
    previous = {}
    for key in sorted(out, key=lambda k: (k[0], k[2], k[3], k[1])):
        series = (key[0], key[2], key[3])
        regions = out[key]["_regions"]
        out[key]["regions_changed"] = int(series in previous and previous[series] != regions)
        previous[series] = regions
    return out


def v_growth(regions, obs, indicators, rates):
    series = defaultdict(list)
    for o in obs.values():
        if o.value is not None:
            series[(o.region, o.indicator, o.settlement, o.sex)].append(o)
    out = {}
    for key in sorted(series):
        pts = sorted(series[key], key=lambda o: o.year)
        base = pts[0]
        money = indicators[key[1]].get("kind") == "money"

        def amount(o):
            return o.value * to_kzt(indicators, rates, o.indicator, o.year)
        prev = None
        for o in pts:
            row = dict(
                region=o.region, region_name=regions[o.region]["name"],
                indicator=o.indicator, settlement=o.settlement, sex=o.sex,
                year=o.year, value=o.value,
                prev_year=prev.year if prev else None,
                prev_value=prev.value if prev else None,
                growth_pct_yoy=(amount(o) / amount(prev) - 1.0) * 100.0 if prev else None,
                base_year=base.year, base_value=base.value,
                growth_pct_base=0.0 if o is base else (amount(o) / amount(base) - 1.0) * 100.0,
                index_base=amount(o) / amount(base) * 100.0,
                growth_currency="KZT" if money else None,
            )
            out[(o.region, o.indicator, o.settlement, o.sex, o.year)] = row
            prev = o
    return out


def v_ratio_sex(regions, obs):
    out = {}
    keys = sorted({(o.region, o.indicator, o.year, o.settlement) for o in obs.values()})
    for (reg, ind, yr, st) in keys:
        m = obs.get((reg, ind, yr, st, "male"))
        f = obs.get((reg, ind, yr, st, "female"))
        if m is None or f is None or m.value is None or f.value is None:
            continue
        out[(reg, ind, yr, st)] = dict(
            region=reg, region_name=regions[reg]["name"], indicator=ind, year=yr,
            settlement=st, male_value=m.value, female_value=f.value,
            ratio_pct=100.0 * f.value / m.value,
            _iv=(100.0 * f.lo / m.hi, 100.0 * f.hi / m.lo),
        )
    return out


def v_index(regions, indicators, obs):
    in_index = [c for c, i in indicators.items() if i["in_index"]]
    years = sorted({o.year for o in obs.values()})
    scores, index = {}, {}
    for yr in years:
        vals = defaultdict(dict)  # indicator -> region -> value
        for o in obs.values():
            if (o.year == yr and o.indicator in in_index and o.settlement == "total"
                    and o.sex == "total" and o.value is not None
                    and not is_country(regions, o.region)):
                vals[o.indicator][o.region] = o.value
        inds = [c for c in in_index if vals[c]]
        if not inds:
            continue
        per_region = defaultdict(dict)
        for c in inds:
            mn, mx = min(vals[c].values()), max(vals[c].values())
            better = indicators[c]["polarity"] == "higher_is_better"
            if indicators[c]["polarity"] not in ("higher_is_better", "higher_is_worse"):
                sys.exit(f"bad polarity for {c}")
            for reg, x in vals[c].items():
                if mx == mn:
                    s = 0.0
                elif better:
                    s = (x - mn) / (mx - mn)
                else:
                    s = (mx - x) / (mx - mn)
                scores[(reg, yr, c)] = dict(
                    region=reg, region_name=regions[reg]["name"], year=yr, indicator=c,
                    value=x, min_value=mn, max_value=mx, score=s)
                per_region[reg][c] = s
        full = {reg: math.fsum(sc[c] for c in inds)
                for reg, sc in per_region.items() if len(sc) == len(inds)}
        for reg, ix in full.items():
            index[(reg, yr)] = dict(
                region=reg, region_name=regions[reg]["name"], year=yr,
                n_indicators=len(inds), index=ix,
                rank=1 + sum(1 for other in full.values() if other > ix))
    return scores, index


# ---------------------------------------------------------------- spearman
def avg_ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return r


def pearson(a, b):
    n = len(a)
    ma, mb = math.fsum(a) / n, math.fsum(b) / n
    cov = math.fsum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = math.fsum((x - ma) ** 2 for x in a)
    vb = math.fsum((y - mb) ** 2 for y in b)
    return cov / math.sqrt(va * vb)


# ---------------------------------------------------------------- check
def v_check(published, by_name, gap, obs, indicators, rates, ratio, index):
    rows = []
    for p in published:
        text = p["value"].strip()
        pv, pd = float(text), decimals_of(text)
        reg = by_name[p["region"]] if p["region"] else ""
        yr = int(p["year"])
        by = int(p["base_year"]) if p["base_year"] else None
        m = p["measure"]
        rec = lo = hi = None
        status = None
        if m in ("gap_ratio", "max_value", "min_value"):
            g = gap.get((p["indicator"], yr, p["settlement"], p["sex"]))
            if g:
                if m == "max_value":
                    rec, (lo, hi) = g["max_value"], g["_max_iv"]
                elif m == "min_value":
                    rec, (lo, hi) = g["min_value"], g["_min_iv"]
                else:
                    rec = g["gap_ratio"]
                    lo = g["_max_iv"][0] / g["_min_iv"][1]
                    hi = g["_max_iv"][1] / g["_min_iv"][0]
        elif m == "index_base":
            v = obs.get((reg, p["indicator"], yr, p["settlement"], p["sex"]))
            b = obs.get((reg, p["indicator"], by, p["settlement"], p["sex"]))
            if v and b and v.value is not None and b.value is not None:
                fv = to_kzt(indicators, rates, p["indicator"], yr)
                fb = to_kzt(indicators, rates, p["indicator"], by)
                rec = 100.0 * v.value * fv / (b.value * fb)
                lo = 100.0 * v.lo * fv / (b.hi * fb)
                hi = 100.0 * v.hi * fv / (b.lo * fb)
        elif m == "ratio_pct":
            g = ratio.get((reg, p["indicator"], yr, p["settlement"]))
            if g:
                rec, (lo, hi) = g["ratio_pct"], g["_iv"]
        elif m in ("index", "rank"):
            g = index.get((reg, yr))
            if g:
                rec = float(g[m])
            status = "not_recomputable"
        else:
            sys.exit(f"unknown measure {m!r}")
        if rec is None:
            status = "not_found"
        elif status is None:
            h = half_width(pd)
            if abs(round_half_away(rec, pd) - pv) <= EPS:
                status = "matches"
            elif lo <= pv + h + EPS and hi >= pv - h - EPS:
                status = "consistent"
            else:
                status = "inconsistent"
            # warn when the rounding decision sits on a knife edge
            scaled = rec * 10 ** pd
            if abs(abs(scaled - math.floor(scaled)) - 0.5) < 1e-7:
                print(f"warning: {p['source']} {m} {p['indicator']} {p['region']} {yr}: "
                      f"recomputed {rec!r} is at a rounding boundary", file=sys.stderr)
        rows.append(dict(
            source=p["source"], measure=m, indicator=p["indicator"], region=reg,
            year=yr, base_year=by, settlement=p["settlement"], sex=p["sex"],
            published=pv, published_decimals=pd, recomputed=rec,
            recomputed_lo=lo, recomputed_hi=hi, status=status,
            _name=p["region"], _text=text))
    rows.sort(key=lambda r: (r["source"], r["measure"], r["indicator"], r["region"],
                             r["year"], r["settlement"]))
    return rows


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default=os.path.join(ROOT, "seeds"))
    ap.add_argument("--out", default=os.path.join(HERE, "expected"))
    a = ap.parse_args()
    regions, by_name, indicators, obs, rates = load(a.seeds)
    published = read_csv(os.path.join(a.seeds, "paper_published.csv"))
    os.makedirs(a.out, exist_ok=True)

    gap = v_gap(regions, obs)
    write_csv(os.path.join(a.out, "v_gap.csv"),
              ["indicator", "year", "settlement", "sex", "n_regions", "n_missing",
               "max_value", "max_region", "max_region_name", "min_value", "min_region",
               "min_region_name", "gap_ratio", "range_value", "mean_value", "cv_pct",
               "regions_changed"],
              [gap[k] for k in sorted(gap)])

    growth = v_growth(regions, obs, indicators, rates)
    write_csv(os.path.join(a.out, "v_growth.csv"),
              ["region", "region_name", "indicator", "settlement", "sex", "year", "value",
               "prev_year", "prev_value", "growth_pct_yoy", "base_year", "base_value",
               "growth_pct_base", "index_base", "growth_currency"],
              [growth[k] for k in sorted(growth)])

    ratio = v_ratio_sex(regions, obs)
    write_csv(os.path.join(a.out, "v_ratio_sex.csv"),
              ["region", "region_name", "indicator", "year", "settlement",
               "male_value", "female_value", "ratio_pct"],
              [ratio[k] for k in sorted(ratio)])

    scores, index = v_index(regions, indicators, obs)
    write_csv(os.path.join(a.out, "v_index.csv"),
              ["region", "region_name", "year", "n_indicators", "index", "rank"],
              [index[k] for k in sorted(index)])
    write_csv(os.path.join(a.out, "v_index_score.csv"),
              ["region", "region_name", "year", "indicator", "value", "min_value",
               "max_value", "score"],
              [scores[k] for k in sorted(scores)])

    # Spearman, 2021 computed rank vs Table 3 rating
    pub_rank = {by_name[p["region"]]: int(p["value"]) for p in published
                if p["measure"] == "rank" and int(p["year"]) == 2021}
    order = [c for c in regions if c in pub_rank and (c, 2021) in index]
    comp = [index[(c, 2021)]["rank"] for c in order]
    publ = [pub_rank[c] for c in order]
    rho = pearson(avg_ranks(comp), avg_ranks(publ))
    lines = [repr(rho)] + [f"{regions[c]['name']} {x} {y}"
                           for c, x, y in zip(order, comp, publ) if x != y]
    with open(os.path.join(a.out, "spearman.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")

    check = v_check(published, by_name, gap, obs, indicators, rates, ratio, index)
    write_csv(os.path.join(a.out, "v_check.csv"),
              ["source", "measure", "indicator", "region", "year", "base_year",
               "settlement", "sex", "published", "published_decimals", "recomputed",
               "recomputed_lo", "recomputed_hi", "status"], check)

    # human summary
    print("Published figures that do not match their recomputation:")
    for r in check:
        if r["status"] not in ("inconsistent", "consistent"):
            continue
        pd = r["published_decimals"]
        what = " ".join(x for x in (r["source"], r["measure"], r["indicator"], r["_name"],
                                    str(r["year"]), r["settlement"]) if x)
        print(f"  {r['status']:<12} {what}: published {r['_text']}, recomputed "
              f"{r['recomputed']:.{pd + 2}f} (-> {round_half_away(r['recomputed'], pd):.{pd}f}), "
              f"possible [{r['recomputed_lo']:.{pd + 2}f}, {r['recomputed_hi']:.{pd + 2}f}]")
    counts = Counter(r["status"] for r in check)
    print("Status counts: " + ", ".join(f"{k} {counts[k]}" for k in sorted(counts)))
    print(f"Spearman rho (2021 computed rank vs Table 3 rating): {rho!r}")


if __name__ == "__main__":
    main()
