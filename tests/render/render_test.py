#!/usr/bin/env python3
"""render_test.py - the HTML reports of the paper's data, opened in headless
Chromium (meson test 'render'; scripts/test.sh installs Debian's chromium).

Usage: render_test.py OBLYS SEEDS_DIR ORACLE_EXPECTED_DIR

Builds a database from the seeds, writes three HTML reports and checks each
with check_html.py --render. The expected charts come from the oracle's
independent results (tests/oracle/expected/), not from oblys:
  trend consumption_income  one line chart per settlement (rural, then
                            urban), one series per region with a value
                            (the republic total included)
  gaps --year 2021          one bar chart, one bar per indicator and
                            breakdown with a gap ratio
  ranking --year 2021       one bump chart, one series per region ranked
                            in any year
Fails (exit 1) when Chromium is missing: a render test that cannot render
has not passed.
"""
import csv
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from run_cases import SEED_ORDER  # noqa: E402  (one list of seeds, in tests/run_cases.py)


def rows(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def expectations(oracle):
    growth = [r for r in rows(os.path.join(oracle, 'v_growth.csv'))
              if r['indicator'] == 'consumption_income' and r['value'] != '']
    trend = [len({r['region_name'] for r in growth if r['settlement'] == s})
             for s in sorted({r['settlement'] for r in growth})]
    gaps = sum(1 for r in rows(os.path.join(oracle, 'v_gap.csv'))
               if r['year'] == '2021' and r['gap_ratio'] != '')
    ranked = len({r['region'] for r in rows(os.path.join(oracle, 'v_index.csv'))})
    return [
        (['trend', '--indicator', 'consumption_income'], trend, None, 3),
        (['gaps', '--year', '2021'], [1], gaps, 1),
        (['ranking', '--year', '2021'], [ranked], None, 2),
    ]


def main():
    oblys, seeds, oracle = sys.argv[1:4]
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'paper.db')
        subprocess.run([oblys, '--db', db, 'init'], check=True, capture_output=True)
        subprocess.run([oblys, '--db', db, 'import'] + [os.path.join(seeds, n) for n in SEED_ORDER],
                       check=True, capture_output=True)
        for args, series, bars, tables in expectations(oracle):
            page = os.path.join(tmp, args[0] + '.html')
            with open(page, 'w', encoding='utf-8') as out:
                subprocess.run([oblys, '--db', db, 'report'] + args + ['--format', 'html'],
                               check=True, stdout=out)
            cmd = [sys.executable, os.path.join(HERE, 'check_html.py'), page, '--render',
                   '--series', ','.join(map(str, series)), '--tables', str(tables)]
            if bars is not None:
                cmd += ['--bars', str(bars)]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            status = 'ok  ' if proc.returncode == 0 else 'FAIL'
            failed += proc.returncode != 0
            print(f'{status} report {" ".join(args)}: {proc.stdout.strip()}{proc.stderr.strip()}')
    print(f'{3 - failed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
