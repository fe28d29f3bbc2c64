#!/usr/bin/env python3
"""index_oracle.py - the index definition views (migration 0010) over the
seeds, computed without oblys or SQL: Python reads the seed files (with
paper_oracle.py's loader, which uses only the csv and json modules) and
seeds/index_paper.json, and applies the methods as docs/methodology.md
states them.

Writes into tests/oracle/expected/ (compared with the views by
tests/unit/test_views.c, `views_equal_oracle`):

v_index_def_score.csv  definition, region, year, indicator -> value, score,
  weight.  Members: regions (kind <> country), settlement and sex total,
  with a value.  weight = weight / sum of the definition's weights.
  score: minmax (v - min) / (max - min), reversed for higher_is_worse, 0
  when max == min; goalposts (v - low) / (high - low) reversed likewise,
  clipped to [0, 1]; zscore polarity * (v - mean) / sample sd (0 when sd
  is 0); rank (r - 1) / (n - 1), r the mean rank from the worst.  Over the
  values of the same year (scope year) or of every year (scope panel).
v_index_def.csv  definition, region, year -> index, rank, n_indicators,
  rank_prev, rank_change.  Complete cases only (every component).  index:
  arithmetic fsum(weight * score); geometric exp(fsum(weight *
  ln(0.01 + 0.99 score))).  rank = 1 + number of regions of the year with a
  strictly greater index, both rounded to 12 decimals.  rank_prev: the rank in year - 1 (empty if none);
  rank_change = rank_prev - rank.
v_index_sensitivity.csv  definition, region, year -> best_rank,
  worst_rank, n_methods: over minmax, rank and (if every component has
  goalposts) goalposts, each arithmetic and geometric, and zscore
  arithmetic, with the definition's weights and scope.
"""
import json
import math
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import paper_oracle  # noqa: E402  (its loader and CSV writer)

ROOT = paper_oracle.ROOT


def members(regions, indicators, obs, indicator):
    """(region, year) -> value of indicator, regions only, totals only."""
    out = {}
    for o in obs.values():
        if (o.indicator == indicator and o.settlement == "total" and o.sex == "total"
                and o.value is not None and not paper_oracle.is_country(regions, o.region)):
            out[(o.region, o.year)] = o.value
    return out


def mean_ranks(xs):
    """Rank of each x from the smallest (1), ties sharing their mean rank."""
    return [(1 + sum(1 for y in xs if y < x) + sum(1 for y in xs if y <= x)) / 2.0 for x in xs]


def normalise(method, values, polarity, low, high):
    """values: {key: value} of one normalising set -> {key: score}."""
    keys = list(values)
    xs = [values[k] for k in keys]
    good = [polarity * x for x in xs]
    n = len(xs)
    out = {}
    if method == "minmax":
        mn, mx = min(xs), max(xs)
        for k, x in zip(keys, xs):
            if mx == mn:
                out[k] = 0.0
            else:
                out[k] = (x - mn) / (mx - mn) if polarity == 1 else (mx - x) / (mx - mn)
    elif method == "goalposts":
        for k, x in zip(keys, xs):
            s = (x - low) / (high - low) if polarity == 1 else (high - x) / (high - low)
            out[k] = max(0.0, min(1.0, s))
    elif method == "zscore":
        mean = math.fsum(xs) / n
        sd = math.sqrt(math.fsum((x - mean) ** 2 for x in xs) / (n - 1)) if n > 1 else 0.0
        for k, x in zip(keys, xs):
            out[k] = polarity * (x - mean) / sd if sd else 0.0
    elif method == "rank":
        for k, r in zip(keys, mean_ranks(good)):
            out[k] = (r - 1) / (n - 1) if n > 1 else 0.0
    return out


def scores_of(defn, method, regions, indicators, obs):
    """(region, year, indicator) -> (value, score, weight)."""
    total = math.fsum(c.get("weight", 1) for c in defn["components"])
    out = {}
    for c in defn["components"]:
        ind = c["indicator"]
        if method == "goalposts" and "goal_low" not in c:
            continue
        polarity = 1 if indicators[ind]["polarity"] == "higher_is_better" else -1
        vals = members(regions, indicators, obs, ind)
        sets = defaultdict(dict)
        for (reg, yr), v in vals.items():
            sets[0 if defn["scope"] == "panel" else yr][(reg, yr)] = v
        for s in sets.values():
            for (reg, yr), score in normalise(method, s, polarity, c.get("goal_low"),
                                              c.get("goal_high")).items():
                out[(reg, yr, ind)] = (s[(reg, yr)], score, c.get("weight", 1) / total)
    return out


def index_of(defn, method, aggregation, regions, indicators, obs):
    """(region, year) -> (index, rank, n_indicators), complete cases."""
    scores = scores_of(defn, method, regions, indicators, obs)
    n = len(defn["components"])
    per = defaultdict(list)
    for (reg, yr, ind), (_, s, w) in scores.items():
        per[(reg, yr)].append((s, w))
    ix = {}
    for key, sw in per.items():
        if len(sw) != n:
            continue
        if aggregation == "arithmetic":
            ix[key] = math.fsum(w * s for s, w in sw)
        else:
            ix[key] = math.exp(math.fsum(w * math.log(0.01 + 0.99 * s) for s, w in sw))
    out = {}
    for (reg, yr), v in ix.items():
        # Indices equal to 12 decimals share a rank (docs/methodology.md).
        rank = 1 + sum(1 for (r2, y2), v2 in ix.items() if y2 == yr and round(v2, 12) > round(v, 12))
        out[(reg, yr)] = (v, rank, n)
    return out


def methods(defn):
    ms = [("minmax", "arithmetic"), ("minmax", "geometric"), ("rank", "arithmetic"),
          ("rank", "geometric"), ("zscore", "arithmetic")]
    if all("goal_low" in c for c in defn["components"]):
        ms += [("goalposts", "arithmetic"), ("goalposts", "geometric")]
    return ms


def main():
    seeds = os.path.join(ROOT, "seeds")
    out_dir = os.path.join(HERE, "expected")
    regions, _, indicators, obs, _ = paper_oracle.load(seeds)
    with open(os.path.join(seeds, "index_paper.json"), encoding="utf-8") as f:
        definitions = json.load(f)["index_definitions"]
    score_rows, def_rows, sens_rows = [], [], []
    for d in definitions:
        code = d["code"]
        for (reg, yr, ind), (v, s, w) in sorted(
                scores_of(d, d["normalisation"], regions, indicators, obs).items()):
            score_rows.append(dict(definition=code, region=reg, year=yr, indicator=ind,
                                   value=v, score=s, weight=w))
        own = index_of(d, d["normalisation"], d["aggregation"], regions, indicators, obs)
        for (reg, yr), (v, rank, n) in sorted(own.items()):
            prev = own.get((reg, yr - 1))
            def_rows.append(dict(definition=code, region=reg, year=yr, index=v, rank=rank,
                                 n_indicators=n, rank_prev=prev[1] if prev else None,
                                 rank_change=prev[1] - rank if prev else None))
        ranks = defaultdict(list)
        for m, a in methods(d):
            for key, (_, rank, _) in index_of(d, m, a, regions, indicators, obs).items():
                ranks[key].append(rank)
        for (reg, yr), rs in sorted(ranks.items()):
            sens_rows.append(dict(definition=code, region=reg, year=yr, best_rank=min(rs),
                                  worst_rank=max(rs), n_methods=len(rs)))
    paper_oracle.write_csv(os.path.join(out_dir, "v_index_def_score.csv"),
                           ["definition", "region", "year", "indicator", "value", "score",
                            "weight"], score_rows)
    paper_oracle.write_csv(os.path.join(out_dir, "v_index_def.csv"),
                           ["definition", "region", "year", "index", "rank", "n_indicators",
                            "rank_prev", "rank_change"], def_rows)
    paper_oracle.write_csv(os.path.join(out_dir, "v_index_sensitivity.csv"),
                           ["definition", "region", "year", "best_rank", "worst_rank",
                            "n_methods"], sens_rows)
    print(f"{len(score_rows)} scores, {len(def_rows)} index rows, {len(sens_rows)} "
          f"sensitivity rows")


if __name__ == "__main__":
    main()
