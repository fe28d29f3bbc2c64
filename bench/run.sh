#!/usr/bin/env bash
# run.sh - the import benchmark of issue 4, in one command:
#
#   bench/run.sh [--rows N] [--big-rows N] [--repeat N] [--keep]
#
# Builds oblys in release mode in bench/build-release (ignored by git),
# writes SYNTHETIC files with bench/generate.py into a temporary folder
# (invented numbers shaped like regional statistics: NOT statistics, never
# committed), and times, on the same file and machine:
#
#   - oblys init, then oblys import regions.csv indicators.csv (metadata);
#   - oblys import series.csv: the measured part;
#   - sqlite3 .mode csv / .import series.csv t into a bare table (the
#     yardstick of issue 4: oblys should stay within 1.5x of it);
#   - sqlite-utils insert bare2.db t series.csv --csv (skipped, and said,
#     when sqlite-utils cannot be installed).
#
# Each is run --repeat times (default 3), the runs of the tools taking
# turns, and the median is reported: wall seconds, rows per second, the
# ratio to the bare .import, and peak memory (maximum resident set size
# from /usr/bin/time -v). After every oblys run, bench/verify.py counts
# what oblys stored (rows, missing values by marker, the sum of the values,
# and the count in `oblys loads --format csv`) against the generator's
# manifest, so that a fast run cannot be a run that lost rows.
#
# Then oblys and the bare .import are run once more on a bigger file
# (--big-rows, default 3 000 000; 0 skips it) to see whether peak memory
# stays flat as the file grows (issue 4's aim: under 64 MiB at any size).
#
# Sizes: --rows (default 1 000 000) is the compared file. The defaults take
# about 2 to 3 minutes on a 2-core machine (plus the first build), most of
# it oblys and sqlite-utils; see docs/performance.md for the figures.
#
# Installs what is missing with apt-get (as root, or through sudo): the
# build packages of scripts/deps.sh, sqlite3 and time; sqlite-utils if it
# can. --keep leaves the temporary folder (files and databases) in place.
# Progress goes to stderr, the results (Markdown tables) to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

ROWS=1000000
BIG_ROWS=3000000
REPEAT=3
KEEP=0

usage() {
    sed -n '3,4p' "$0" | sed 's/^# *//' >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case $1 in
        --rows) ROWS=${2:?}; shift 2 ;;
        --rows=*) ROWS=${1#*=}; shift ;;
        --big-rows) BIG_ROWS=${2:?}; shift 2 ;;
        --big-rows=*) BIG_ROWS=${1#*=}; shift ;;
        --repeat) REPEAT=${2:?}; shift 2 ;;
        --repeat=*) REPEAT=${1#*=}; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage ;;
        *) echo "run.sh: unknown argument $1" >&2; usage ;;
    esac
done
for n in "$ROWS" "$BIG_ROWS" "$REPEAT"; do
    case $n in
        ''|*[!0-9]*) echo "run.sh: --rows, --big-rows and --repeat take whole numbers" >&2; exit 2 ;;
    esac
done
if [ "$ROWS" -lt 1 ] || [ "$REPEAT" -lt 1 ]; then
    echo "run.sh: --rows and --repeat must be at least 1" >&2
    exit 2
fi

say() { echo "bench: $*" >&2; }

# ---- packages ---------------------------------------------------------

# scripts/deps.sh is checked on its own: shellcheck scripts/deps.sh
# shellcheck source=/dev/null
. scripts/deps.sh
oblys_ensure_packages

# bench_install PACKAGE...: installs the Debian packages that are missing;
# fails when it cannot.
bench_install() {
    local missing="" p sudo=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
            || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    say "installing missing Debian packages:$missing"
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { say "run as root: apt-get install -y$missing"; return 1; }
        sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        $missing >&2
}

bench_install sqlite3 time
HAVE_SQLITE_UTILS=1
if ! command -v sqlite-utils >/dev/null 2>&1; then
    bench_install sqlite-utils || true
    command -v sqlite-utils >/dev/null 2>&1 || {
        HAVE_SQLITE_UTILS=0
        say "sqlite-utils could not be installed: its measurement is skipped"
    }
fi

# ---- build ------------------------------------------------------------

BUILD=bench/build-release
if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" --buildtype=release >&2
fi
meson compile -C "$BUILD" oblys >&2
OBLYS=$REPO/$BUILD/oblys

# ---- data -------------------------------------------------------------

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if awk '{ exit !($1 > 1.0) }' /proc/loadavg; then
    say "warning: the machine is busy (load average $LOAD_BEFORE): wall times will be" \
        "longer than on a quiet machine; the cpu columns are less affected"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/oblys-bench.XXXXXX")
cleanup() {
    if [ "$KEEP" = 1 ]; then
        say "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

say "generating synthetic files (invented numbers, not statistics) in $WORK"
python3 bench/generate.py "$WORK/main" --rows "$ROWS"
if [ "$BIG_ROWS" -gt 0 ]; then
    python3 bench/generate.py "$WORK/big" --rows "$BIG_ROWS" --no-wide
fi

manifest() { # manifest DIR KEY: one number of DIR/manifest.json
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
        "$1/manifest.json" "$2"
}

# ---- measuring --------------------------------------------------------

RESULTS=$WORK/results.txt
: >"$RESULTS"

# measure KEY COMMAND...: runs COMMAND under /usr/bin/time -v (after a
# sync, so that one run's writes are not flushed in the next one's time)
# and appends "KEY wall_seconds max_rss_kib cpu_seconds" to $RESULTS
# (cpu: user + system time, which other load on the machine disturbs less
# than the wall time). Stops the benchmark when COMMAND fails.
measure() {
    local key=$1 t0 t1 rss wall cpu
    shift
    sync
    t0=$(date +%s%N)
    if ! /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt"; then
        say "FAILED: $*"
        cat "$WORK/err.txt" "$WORK/time.txt" >&2
        exit 1
    fi
    t1=$(date +%s%N)
    rss=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")
    cpu=$(awk -F': *' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$WORK/time.txt")
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    echo "$key $wall $rss $cpu" >>"$RESULTS"
    say "$(printf '%-14s %8.3f s wall %8.2f s cpu %8d KiB' "$key" "$wall" "$cpu" "$rss")"
}

# run_oblys DIR KEY: a new database, its metadata, then the series (timed
# as KEY), then verify.py.
run_oblys() {
    local dir=$1 key=$2 db=$WORK/oblys.db
    rm -f "$db" "$db-journal"
    measure "${key}_init" "$OBLYS" --db "$db" init
    measure "${key}_meta" "$OBLYS" --db "$db" import "$dir/regions.csv" "$dir/indicators.csv"
    measure "$key" "$OBLYS" --db "$db" import "$dir/series.csv"
    "$OBLYS" --db "$db" loads --format csv >"$WORK/loads.csv"
    python3 bench/verify.py oblys "$db" "$dir/manifest.json" "$WORK/loads.csv"
}

run_bare() { # run_bare DIR KEY
    local dir=$1 key=$2 db=$WORK/bare.db
    rm -f "$db" "$db-journal"
    measure "$key" sqlite3 "$db" ".mode csv" ".import \"$dir/series.csv\" t"
    python3 bench/verify.py table "$db" t "$dir/manifest.json"
}

run_sqlite_utils() { # run_sqlite_utils DIR KEY
    local dir=$1 key=$2 db=$WORK/bare2.db
    rm -f "$db" "$db-journal"
    measure "$key" sqlite-utils insert "$db" t "$dir/series.csv" --csv
    python3 bench/verify.py table "$db" t "$dir/manifest.json"
}

for i in $(seq 1 "$REPEAT"); do
    say "run $i of $REPEAT, $ROWS rows"
    run_bare "$WORK/main" bare
    run_oblys "$WORK/main" oblys
    if [ "$HAVE_SQLITE_UTILS" = 1 ]; then
        run_sqlite_utils "$WORK/main" sqlite_utils
    fi
done
if [ "$BIG_ROWS" -gt 0 ]; then
    say "bigger file, $BIG_ROWS rows, once"
    run_bare "$WORK/big" bare_big
    run_oblys "$WORK/big" oblys_big
fi

# ---- results ----------------------------------------------------------

# median KEY FIELD: the median of field 2 (wall), 3 (RSS) or 4 (cpu) of KEY's runs
median() {
    awk -v k="$1" -v f="$2" '$1 == k { print $f }' "$RESULTS" | sort -g \
        | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1;
                 if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
runs() { # runs KEY: the wall seconds of every run, "1.10, 1.12, 1.09"
    awk -v k="$1" '$1 == k { printf "%s%.2f", (n++ ? ", " : ""), $2 }' "$RESULTS"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# row LABEL KEY ROWS BARE_KEY: one line of a table
row() {
    local label=$1 key=$2 rows=$3 bare=$4 wall rss bare_wall
    wall=$(median "$key" 2)
    rss=$(median "$key" 3)
    bare_wall=$(median "$bare" 2)
    awk -v l="$label" -v w="$wall" -v r="$rows" -v b="$bare_wall" -v m="$(mib "$rss")" \
        -v c="$(median "$key" 4)" -v bc="$(median "$bare" 4)" -v runs="$(runs "$key")" \
        'BEGIN { printf "| %s | %.2f | %.0f | %.2f | %s | %.2f | %.2f | %s |\n",
                 l, w, r / w, w / b, m, c, c / bc, runs }'
}

META_ROWS=$(( $(manifest "$WORK/main" regions) + $(manifest "$WORK/main" indicators) ))
echo
echo "## Import of series.csv, $ROWS synthetic rows (median of $REPEAT runs)"
echo
echo "| tool | wall s | rows/s | x bare .import | peak RSS MiB | cpu s | cpu x bare | runs (wall s) |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
row "sqlite3 \`.import\` into a bare table" bare "$ROWS" bare
row "oblys import series.csv" oblys "$ROWS" bare
if [ "$HAVE_SQLITE_UTILS" = 1 ]; then
    row "sqlite-utils insert --csv" sqlite_utils "$ROWS" bare
else
    echo "| sqlite-utils insert --csv | skipped: not installed | | | | | | |"
fi
echo
echo "Before each oblys run (not in the ratio): \`oblys init\` $(median oblys_init 2) s," \
     "\`oblys import regions.csv indicators.csv\` ($META_ROWS rows) $(median oblys_meta 2) s," \
     "peak RSS $(mib "$(median oblys_meta 3)") MiB."

if [ "$BIG_ROWS" -gt 0 ]; then
    echo
    echo "## Peak memory of oblys at two sizes ($ROWS rows: median of $REPEAT runs; $BIG_ROWS: one run)"
    echo
    echo "| rows | oblys wall s | rows/s | x bare .import | oblys cpu s | oblys peak RSS MiB | bare .import peak RSS MiB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
    for size in main big; do
        if [ "$size" = main ]; then k=oblys; b=bare; n=$ROWS; else k=oblys_big; b=bare_big; n=$BIG_ROWS; fi
        awk -v n="$n" -v w="$(median "$k" 2)" -v b="$(median "$b" 2)" -v c="$(median "$k" 4)" \
            -v m="$(mib "$(median "$k" 3)")" -v bm="$(mib "$(median "$b" 3)")" \
            'BEGIN { printf "| %d | %.2f | %.0f | %.2f | %.2f | %s | %s |\n", n, w, n / w, w / b, c, m, bm }'
    done
fi

echo
ratio=$(awk -v a="$(median oblys 2)" -v b="$(median bare 2)" 'BEGIN { printf "%.2f", a / b }')
peak=$(for k in oblys oblys_big oblys_meta oblys_init; do median "$k" 3 2>/dev/null || true; done \
       | sort -g | tail -n 1)
echo "## Against the aims of issue 4"
echo
if awk -v r="$ratio" 'BEGIN { exit !(r <= 1.5) }'; then
    echo "- speed: met: oblys takes ${ratio}x the time of the bare \`.import\` (aim: at most 1.5x)."
else
    echo "- speed: NOT met: oblys takes ${ratio}x the time of the bare \`.import\` (aim: at most 1.5x)."
fi
if awk -v p="$peak" 'BEGIN { exit !(p < 64 * 1024) }'; then
    echo "- memory: met: oblys's peak RSS is at most $(mib "$peak") MiB (aim: under 64 MiB)."
else
    echo "- memory: NOT met: oblys's peak RSS reaches $(mib "$peak") MiB (aim: under 64 MiB)."
fi
echo
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git --no-optional-locks status --porcelain -- src migrations meson.build 2>/dev/null)" ]; then
    commit="$commit with uncommitted changes to the sources"
fi
echo "oblys $("$OBLYS" --version | awk '{ print $NF }') at commit $commit, built with --buildtype=release."
echo
echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'))," \
     "$(free -m | awk '/^Mem:/ { print $2 }') MiB RAM, $(uname -sr)," \
     "load average $LOAD_BEFORE before the run and $(cut -d' ' -f1-3 /proc/loadavg) after," \
     "$(gcc --version | sed -n 1,1p), SQLite $(sqlite3 --version | cut -d' ' -f1)" \
     "(oblys links $(ldd "$OBLYS" | awk '/libsqlite3/ { print $3 }'), the sqlite3 shell $(ldd "$(command -v sqlite3)" | awk '/libsqlite3/ { print $3 }'))," \
     "sqlite-utils $([ "$HAVE_SQLITE_UTILS" = 1 ] && sqlite-utils --version | awk '{ print $NF }' || echo 'not installed')."
