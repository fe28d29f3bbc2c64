#!/usr/bin/env bash
# profile.sh - where the time of `oblys import series.csv` goes; the
# figures behind the profile section of docs/performance.md.
#
#   bench/profile.sh [--rows N] [--callgrind-rows N] [--keep]
#
# Builds oblys in bench/build-profile (release, with -g and frame
# pointers; ignored by git), writes a SYNTHETIC file with
# bench/generate.py (invented numbers, not statistics) and prints:
#
#   1. perf record / perf report (when perf works): the share of the wall
#      time of each oblys function, callees included, and of the kernel;
#   2. callgrind on a smaller file (--callgrind-rows, default 50 000):
#      instructions per row of oblys and of the bare sqlite3 .import, and
#      the oblys functions that cost most, callees included;
#   3. the floor the schema sets: the same rows put into oblys's
#      observation table by one INSERT ... SELECT in the sqlite3 shell
#      (no oblys code at all), with and without the foreign keys, the
#      CHECK constraints and a bigger page cache; beside the bare .import
#      of the file. (Until schema version 13 it also measured the table
#      without its second index, observation_by_indicator, which
#      migration 0013 removed.)
#
# Needs perf (Debian: linux-perf) and valgrind; a part whose tool is
# missing is skipped. Does not change oblys.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

ROWS=300000
CG_ROWS=50000
KEEP=0
while [ $# -gt 0 ]; do
    case $1 in
        --rows) ROWS=${2:?}; shift 2 ;;
        --rows=*) ROWS=${1#*=}; shift ;;
        --callgrind-rows) CG_ROWS=${2:?}; shift 2 ;;
        --callgrind-rows=*) CG_ROWS=${1#*=}; shift ;;
        --keep) KEEP=1; shift ;;
        *) sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
    esac
done

say() { echo "profile: $*" >&2; }

BUILD=bench/build-profile
if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" --buildtype=release -Dc_args="-g -fno-omit-frame-pointer" >&2
fi
meson compile -C "$BUILD" oblys >&2
OBLYS=$REPO/$BUILD/oblys

WORK=$(mktemp -d "${TMPDIR:-/tmp}/oblys-profile.XXXXXX")
cleanup() {
    if [ "$KEEP" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
python3 bench/generate.py "$WORK/p" --rows "$ROWS" --no-wide
python3 bench/generate.py "$WORK/c" --rows "$CG_ROWS" --no-wide

# fresh_db DIR DB: a database holding DIR's regions and indicators
fresh_db() {
    rm -f "$2" "$2-journal"
    "$OBLYS" --db "$2" init 2>/dev/null
    "$OBLYS" --db "$2" import "$1/regions.csv" "$1/indicators.csv" 2>/dev/null
}

echo "# Profile of oblys import series.csv (synthetic data)"

# ---- 1. perf -------------------------------------------------------------
echo
echo "## 1. perf: share of wall-clock samples, $ROWS rows (callees included)"
if command -v perf >/dev/null 2>&1 && perf stat -e task-clock true >/dev/null 2>&1; then
    fresh_db "$WORK/p" "$WORK/p.db"
    perf record -q --call-graph dwarf,16384 -F 999 -o "$WORK/perf.data" \
        "$OBLYS" --db "$WORK/p.db" import "$WORK/p/series.csv" 2>&1 >/dev/null | grep -v '^\[' >&2 || true
    echo
    echo '```'
    perf report -i "$WORK/perf.data" --children --sort symbol -g none --percent-limit 3 \
        --stdio 2>/dev/null | grep '%' | grep -v -e '(inlined)' -e '0x0000' -e '_start' \
        -e 'main' | sed -E 's/ +- +- *$//' | sed -n 1,40p
    echo '```'
    echo
    echo "Kernel (system calls: page reads and writes of SQLite) vs user space, self time:"
    echo
    echo '```'
    perf report -i "$WORK/perf.data" --no-children --sort dso -g none --stdio 2>/dev/null \
        | grep '%' | sed -n 1,6p
    echo '```'
else
    echo
    echo "(skipped: perf is not installed or not permitted here)"
fi

# ---- 2. callgrind --------------------------------------------------------
echo
echo "## 2. callgrind: instructions, $CG_ROWS rows"
if command -v valgrind >/dev/null 2>&1; then
    fresh_db "$WORK/c" "$WORK/c.db"
    valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.oblys" \
        "$OBLYS" --db "$WORK/c.db" import "$WORK/c/series.csv" >/dev/null 2>&1
    rm -f "$WORK/bare.db"
    valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.bare" \
        sqlite3 "$WORK/bare.db" ".mode csv" ".import \"$WORK/c/series.csv\" t" >/dev/null 2>&1
    total() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'; }
    ob=$(total "$WORK/cg.oblys")
    ba=$(total "$WORK/cg.bare")
    echo
    awk -v o="$ob" -v b="$ba" -v n="$CG_ROWS" 'BEGIN {
        printf "- oblys import: %.0f instructions per row\n", o / n
        printf "- sqlite3 .import into a bare table: %.0f instructions per row (oblys: %.1fx)\n", b / n, o / b }'
    echo
    echo "oblys functions, callees included (% of all instructions of the import):"
    echo
    echo '```'
    callgrind_annotate --inclusive=yes --threshold=100 "$WORK/cg.oblys" 2>/dev/null \
        | grep -E '/src/(import|db|util)/' | sed -E 's|[^ ]*/src/|src/|; s| \[[^]]*\]$||' \
        | awk '!seen[$0]++' | sed -n 1,30p
    echo '```'
else
    echo
    echo "(skipped: valgrind is not installed)"
fi

# ---- 3. the schema's floor -----------------------------------------------
echo
echo "## 3. The schema's floor: $ROWS rows by one INSERT ... SELECT in the sqlite3 shell"
echo
fresh_db "$WORK/p" "$WORK/floor0.db"
rm -f "$WORK/bare.db"
sync
bare=$( { /usr/bin/time -f '%e' sqlite3 "$WORK/bare.db" ".mode csv" \
          ".import \"$WORK/p/series.csv\" t" >/dev/null; } 2>&1 | tail -n 1)
echo "| what | INSERT ... SELECT wall s | x bare .import ($bare s) |"
echo "|---|---:|---:|"
floor() { # floor LABEL PRAGMAS...
    local label=$1
    shift
    cp "$WORK/floor0.db" "$WORK/floor.db"
    {
        printf '%s\n' "$@"
        printf '.mode csv\n.import --schema temp "%s" t\n' "$WORK/p/series.csv"
        cat <<'SQL'
INSERT INTO load (file, kind, loaded_at) VALUES ('floor', 'series', 'now');
.timer on
INSERT INTO observation (region, indicator, year, settlement, sex, value, decimals, missing,
                         load_id, source_line)
SELECT region, indicator, CAST(year AS INTEGER), settlement, sex,
       CASE WHEN value IN ('-', '..', 'x', '') THEN NULL ELSE CAST(value AS REAL) END,
       CASE WHEN value IN ('-', '..', 'x', '') THEN NULL
            WHEN instr(value, '.') THEN length(value) - instr(value, '.') ELSE 0 END,
       CASE value WHEN '-' THEN 'nil' WHEN '..' THEN 'not_available'
                  WHEN 'x' THEN 'confidential' WHEN '' THEN 'empty' END,
       (SELECT max(id) FROM load), rowid + 1
FROM temp.t;
SQL
    } >"$WORK/floor.sql"
    sync
    local t
    t=$(sqlite3 "$WORK/floor.db" <"$WORK/floor.sql" | awk '/^Run Time/ { print $4 }' | tail -n 1)
    awk -v l="$label" -v t="$t" -v b="$bare" 'BEGIN { printf "| %s | %.2f | %.2f |\n", l, t, t / b }'
}
floor "oblys's schema as it is (foreign keys on)" "PRAGMA foreign_keys = ON;"
floor "foreign keys off" "PRAGMA foreign_keys = OFF;"
floor "page cache 64 MiB instead of 2 MiB" "PRAGMA foreign_keys = ON;" "PRAGMA cache_size = -65536;"
floor "foreign keys and CHECK constraints off (as a series import runs)" \
    "PRAGMA foreign_keys = OFF;" "PRAGMA ignore_check_constraints = ON;"
floor "that, with a 64 MiB cache" "PRAGMA foreign_keys = OFF;" \
    "PRAGMA ignore_check_constraints = ON;" "PRAGMA cache_size = -65536;"
echo
echo "(Each INSERT ... SELECT runs as one transaction, as an oblys import does.)"
