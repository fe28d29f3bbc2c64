#!/usr/bin/env python3
"""generate.py - writes SYNTHETIC input files for the import benchmark.

    python3 bench/generate.py OUTDIR [--regions N] [--indicators N]
                              [--years N] [--first-year Y] [--rows N] [--seed S]

EVERY NUMBER THESE FILES HOLD IS INVENTED. They are random numbers shaped
like regional statistics (decimals, trends, breakdowns, missing-value
markers) so that oblys can be timed on a file of realistic size. They are
not statistics of Kazakhstan or of anywhere else, and must never be
committed, imported into a real database or quoted as data. Region codes
are R0001, R0002, ... and names "Region 0001 (synthetic)", ...; indicator
codes are x0001, x0002, ...

Files written to OUTDIR (created if needed):

  regions.csv      code,name,kind                      (kind is always region)
  indicators.csv   code,name,unit,polarity,decimals
  series.csv       region,indicator,year,settlement,sex,value
                   the long layout oblys imports: one observation per row
  series_wide.csv  region,indicator,settlement,sex,<year>,<year>,...
                   the same observations, one row per region, indicator and
                   breakdown, one column per year (a row cut short by --rows
                   gets empty cells for its later years; manifest.json counts
                   them). It is for the wide-CSV part of issue 4. When this
                   benchmark was written that part was still being built
                   (oblys at commit c5be2fc did read this file), so
                   bench/run.sh does not time it: every figure in
                   docs/performance.md is for series.csv.
  manifest.json    what was written: sizes, the seed, the number of rows,
                   of missing markers, and the sum of the values, so that
                   bench/run.sh can check what oblys stored.
  README.txt       says that all of this is synthetic.

The grid is region x indicator x year x breakdown. One indicator in ten is
broken down by settlement (total, urban, rural), one in ten by sex (total,
male, female), the others are totals only: 1.4 rows per indicator, region
and year on average. With the defaults (250 regions, 300 indicators, 30
years, 1991-2020) that is 3 150 000 observations, written in region,
indicator, breakdown, year order (close to the order of oblys's primary
key, region, indicator, year, settlement, sex).
--rows N replaces --indicators by the fewest indicators whose grid holds N
observations (10 500 per indicator with 250 regions and 30 years) and
keeps the first N in that order, so that nearly every region has rows
(--rows 1000000: 96 indicators; R0249 is cut short and R0250 has none).

Values: each indicator has a scale (1 to 100 000), a number of decimals
(0 to 2), a yearly trend, and each region a level; the value is
scale x level x trend^year x noise, printed with the indicator's decimals.
About 0.4 % of the cells are missing markers ("-", "..", or, rarely, "x"
and an empty cell). The output is the same for the same options and seed
(Python's random.Random with a fixed seed; no clock, no hash order).

Standard library only.
"""

import argparse
import json
import os
import random
import sys

UNITS = [
    ("%", 1),
    ("US dollars per month", 0),
    ("tenge per month", 0),
    ("per 1000 population", 1),
    ("square metres per person", 1),
    ("persons", 0),
    ("index (previous year = 100)", 1),
    ("thousand tenge", 1),
]

SETTLEMENTS = ("total", "urban", "rural")
SEXES = ("total", "male", "female")


def breakdowns(ind_index):
    """The (settlement, sex) pairs an indicator is published for."""
    if ind_index % 10 == 3:
        return [(s, "total") for s in SETTLEMENTS]
    if ind_index % 10 == 7:
        return [("total", s) for s in SEXES]
    return [("total", "total")]


def rows_per_indicator(n_ind):
    return sum(len(breakdowns(i)) for i in range(n_ind))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Writes synthetic (invented) benchmark files.")
    ap.add_argument("outdir")
    ap.add_argument("--regions", type=int, default=250)
    ap.add_argument("--indicators", type=int, default=300)
    ap.add_argument("--years", type=int, default=30)
    ap.add_argument("--first-year", type=int, default=1991)
    ap.add_argument("--rows", type=int, default=0,
                    help="observations in series.csv: overrides --indicators with the "
                         "fewest indicators whose grid holds N, and keeps the first N "
                         "(default 0: the whole grid of --indicators)")
    ap.add_argument("--seed", type=int, default=20240401)
    ap.add_argument("--no-wide", action="store_true", help="do not write series_wide.csv")
    a = ap.parse_args(argv)

    if a.regions < 1 or a.regions > 9999 or a.indicators < 1 or a.years < 1:
        ap.error("--regions must be 1..9999, --indicators and --years at least 1")
    if a.first_year < 1900 or a.first_year + a.years - 1 > 2100:
        ap.error("years must stay within 1900..2100 (oblys refuses others)")

    n_ind = a.indicators
    per_cell = a.regions * a.years
    if a.rows > 0:
        # The fewest indicators whose grid holds --rows observations.
        n_ind = 1
        while rows_per_indicator(n_ind) * per_cell < a.rows:
            n_ind += 1
            if n_ind > 99999:
                ap.error("--rows too large for the indicator codes x00001..x99999")
    width = max(4, len(str(n_ind)))
    grid = rows_per_indicator(n_ind) * per_cell
    target = a.rows if a.rows > 0 else grid

    os.makedirs(a.outdir, exist_ok=True)
    rng = random.Random(a.seed)

    # Not "Region 0001": oblys reads a number after a space at the end of a
    # name as a footnote mark ("Turkestan 2"), so all such names would be
    # one spelling, "region" (docs/data-format.md, Region spellings).
    regions = [("R%04d" % (r + 1), "Region %04d (synthetic)" % (r + 1))
               for r in range(a.regions)]
    with open(os.path.join(a.outdir, "regions.csv"), "w", newline="\n", encoding="utf-8") as f:
        f.write("code,name,kind\n")
        for code, name in regions:
            f.write("%s,%s,region\n" % (code, name))

    indicators = []
    with open(os.path.join(a.outdir, "indicators.csv"), "w", newline="\n", encoding="utf-8") as f:
        f.write("code,name,unit,polarity,decimals\n")
        for i in range(n_ind):
            unit, base_dec = UNITS[i % len(UNITS)]
            decimals = min(2, base_dec + (1 if i % 5 == 0 else 0))
            code = "x%0*d" % (width, i + 1)
            polarity = "higher_is_better" if i % 3 else "higher_is_worse"
            f.write('%s,"Synthetic indicator %0*d (invented, not a statistic)",%s,%s,%d\n'
                    % (code, width, i + 1, unit, polarity, decimals))
            indicators.append({
                "code": code,
                "decimals": decimals,
                "scale": 10 ** rng.uniform(0, 5),
                "trend": rng.uniform(0.97, 1.06),
                "breakdowns": breakdowns(i),
            })
    region_level = [rng.lognormvariate(0, 0.35) for _ in regions]
    years = [a.first_year + y for y in range(a.years)]
    breakdown_factor = {"total": 1.0, "urban": 1.15, "rural": 0.8, "male": 1.08, "female": 0.92}

    n_rows = n_missing = wide_rows = wide_padding = 0
    value_sum = 0.0
    missing_by_marker = {}
    series = open(os.path.join(a.outdir, "series.csv"), "w", newline="\n", encoding="utf-8")
    wide = None
    if not a.no_wide:
        wide = open(os.path.join(a.outdir, "series_wide.csv"), "w", newline="\n",
                    encoding="utf-8")
        wide.write("region,indicator,settlement,sex," + ",".join(map(str, years)) + "\n")
    series.write("region,indicator,year,settlement,sex,value\n")
    out, wide_out = [], []
    done = False
    for ri, (rcode, _) in enumerate(regions):
        for ind in indicators:
            dec = ind["decimals"]
            fmt = "%%.%df" % dec
            for settlement, sex in ind["breakdowns"]:
                level = ind["scale"] * region_level[ri] \
                    * breakdown_factor[settlement] * breakdown_factor[sex]
                cells = []
                for yi, year in enumerate(years):
                    draw = rng.random()
                    if draw < 0.002:
                        cell = "-"
                    elif draw < 0.0035:
                        cell = ".."
                    elif draw < 0.0038:
                        cell = "x"
                    elif draw < 0.004:
                        cell = ""
                    else:
                        v = level * ind["trend"] ** yi * rng.gauss(1.0, 0.03)
                        cell = fmt % abs(v)
                    if cell in ("-", "..", "x", ""):
                        n_missing += 1
                        missing_by_marker[cell] = missing_by_marker.get(cell, 0) + 1
                    else:
                        value_sum += float(cell)
                    cells.append(cell)
                    out.append("%s,%s,%d,%s,%s,%s\n"
                               % (rcode, ind["code"], year, settlement, sex, cell))
                    n_rows += 1
                    if n_rows == target:
                        done = True
                        break
                if wide is not None:
                    # A row cut by --rows: its later years are left empty.
                    wide_padding += len(years) - len(cells)
                    cells += [""] * (len(years) - len(cells))
                    wide_rows += 1
                    wide_out.append("%s,%s,%s,%s,%s\n"
                                    % (rcode, ind["code"], settlement, sex, ",".join(cells)))
                if len(out) >= 100_000:
                    series.write("".join(out))
                    out.clear()
                    if wide is not None:
                        wide.write("".join(wide_out))
                        wide_out.clear()
                if done:
                    break
            if done:
                break
        if done:
            break
    series.write("".join(out))
    series.close()
    if wide is not None:
        wide.write("".join(wide_out))
        wide.close()

    manifest = {
        "synthetic": True,
        "note": "invented numbers for benchmarking oblys; not statistics",
        "seed": a.seed,
        "regions": a.regions,
        "indicators": n_ind,
        "years": [years[0], years[-1]],
        "rows": n_rows,
        "missing": n_missing,
        "missing_by_marker": missing_by_marker,
        "values": n_rows - n_missing,
        "value_sum": value_sum,
    }
    if wide is not None:
        manifest["wide"] = {"rows": wide_rows, "cells": wide_rows * len(years),
                            "empty_cells_added_after_the_cut": wide_padding}
    with open(os.path.join(a.outdir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(a.outdir, "README.txt"), "w", encoding="utf-8") as f:
        f.write("SYNTHETIC DATA written by bench/generate.py for the oblys import benchmark.\n"
                "Every number here is invented: not statistics, not for any real database.\n"
                "series_wide.csv (one column per year) is for the wide-CSV part of issue 4;\n"
                "bench/run.sh does not time it.\n")
    print("%s: %d observations (%d missing) of %d regions x %d indicators x %d years"
          % (a.outdir, n_rows, n_missing, a.regions, n_ind, a.years), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
