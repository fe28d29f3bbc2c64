#!/usr/bin/env bash
# demo.sh - the README's first command: installs what is missing, builds
# oblys, creates a fresh database (oblys.db in the repository folder; an
# existing one is kept as oblys.db.bak-TIME, never deleted) from
# the migrations and the bundled seed data (the paper's Tables 2-5), and
# prints the gap, ranking and trend reports and the check of the paper's
# published figures.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh

oblys_ensure_packages
oblys_build build

# The demo's own database, whatever $OBLYS_DB says: yours is never touched.
unset OBLYS_DB
db=oblys.db
if [ -e "$db" ]; then
    backup="$db.bak-$(date -u +%Y%m%dT%H%M%SZ)"
    mv "$db" "$backup"
    echo "demo: kept the existing $db as $backup" >&2
fi
./build/oblys --db "$db" init
./build/oblys --db "$db" import seeds/regions.csv seeds/region_aliases.csv seeds/indicators.json \
    seeds/paper_table2_2021.csv seeds/paper_table4_consumption_income.csv \
    seeds/paper_table5_wages.csv seeds/paper_published.csv \
    seeds/exchange_rates.csv seeds/price_index.csv seeds/population.csv \
    seeds/territorial_changes.csv seeds/region_groups.csv seeds/validation_rules.csv \
    seeds/index_paper.json

section() { printf '\n\n##### %s\n\n' "$*"; }

section "oblys report gaps --year 2021"
./build/oblys --db "$db" report gaps --year 2021
section "oblys report ranking --year 2021"
./build/oblys --db "$db" report ranking --year 2021
section "oblys report ranking --year 2021 --index paper (the same index as a stored definition)"
./build/oblys --db "$db" report ranking --year 2021 --index paper
section "oblys report trend --indicator consumption_income"
./build/oblys --db "$db" report trend --indicator consumption_income
section "oblys check --status consistent (published figures that only rounding explains)"
./build/oblys --db "$db" check --status consistent
section "oblys check (the first of the inconsistent ones; the full list has 166 rows)"
report=$(./build/oblys --db "$db" check)
head -n 12 <<<"$report"
echo "..."
tail -n 3 <<<"$report"
echo
echo "The database is $db: try 'build/oblys --db $db report --help', or 'sqlite3 $db' and"
echo "SELECT * FROM v_gap; (docs/views.md lists every view)."
