#!/usr/bin/env bash
# fuzz.sh [SECONDS] - builds the libFuzzer harnesses in fuzz/ with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer (in build-fuzz/), then
# runs each one for SECONDS seconds (default 20) on a copy of its seed
# corpus in fuzz/corpus/. Prints one line per harness and "N passed, M
# failed"; exits 1 when any harness found a crash, a leak, a timeout or a
# broken invariant. The input that did it is copied to
# fuzz/crashes/<harness>/ (see fuzz/README.md for what to do with it).
#
# Installs clang and its runtime (Debian: clang libclang-rt-dev) and the
# other build dependencies when they are missing. Environment:
#   OBLYS_FUZZ_BUILD   build folder (default build-fuzz)
#   OBLYS_FUZZ_ONLY    space-separated harness names to run (default: all)
#   OBLYS_FUZZ_ARGS    extra libFuzzer flags, e.g. "-max_len=65536"
set -euo pipefail
cd "$(dirname "$0")/.."
# scripts/deps.sh is checked on its own: shellcheck scripts/deps.sh
# shellcheck source=/dev/null
. scripts/deps.sh

duration=${1:-20}
case $duration in
    '' | *[!0-9]*)
        echo "usage: scripts/fuzz.sh [SECONDS]" >&2
        exit 2
        ;;
esac

build=${OBLYS_FUZZ_BUILD:-build-fuzz}
harnesses=${OBLYS_FUZZ_ONLY:-fuzz_csv fuzz_number fuzz_import fuzz_map}
read -r -a extra_args <<<"${OBLYS_FUZZ_ARGS:-}"

OBLYS_PACKAGES="$OBLYS_PACKAGES clang libclang-rt-dev"
oblys_ensure_packages

# Coverage counters in the core library too (-fsanitize=fuzzer-no-link), and
# UBSan reports that stop the run instead of scrolling by.
fuzz_c_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined"
if [ ! -f "$build/build.ninja" ]; then
    CC=clang meson setup "$build" -Dfuzz=true -Db_sanitize=address,undefined \
        -Db_lundef=false "-Dc_args=$fuzz_c_args" >&2
else
    meson configure "$build" -Dfuzz=true -Db_sanitize=address,undefined \
        -Db_lundef=false "-Dc_args=$fuzz_c_args" >&2
fi
# Regenerate first: naming targets uses the build folder's list of them,
# which a harness added since the last build is not in yet.
ninja -C "$build" build.ninja >&2
# shellcheck disable=SC2086
meson compile -C "$build" $harnesses >&2

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

work=$(mktemp -d "${TMPDIR:-/tmp}/oblys-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
for h in $harnesses; do
    corpus="$work/$h/corpus"
    artifacts="$work/$h/artifacts"
    log="$work/$h/log"
    mkdir -p "$corpus" "$artifacts"
    if [ -d "fuzz/corpus/$h" ]; then
        cp -R "fuzz/corpus/$h/." "$corpus/"
    fi
    seeds=$(find "$corpus" -type f | wc -l)
    status=0
    # TMPDIR: fuzz_import's temporary folder goes where the trap removes it,
    # even when a crash ends the process before it can clean up.
    TMPDIR="$work" timeout --kill-after=30 "$((duration + 300))" \
        "$build/fuzz/$h" -max_total_time="$duration" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${extra_args[@]}" "$corpus" \
        >"$log" 2>&1 || status=$?

    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$last")
    stats="${runs:-?} runs in ${duration} s, cov ${cov:-?}, ft ${ft:-?}, corpus ${seeds} -> ${corp:-?}"

    found=$(find "$artifacts" -type f | sort)
    if [ "$status" -eq 0 ] && [ -z "$found" ]; then
        passed=$((passed + 1))
        echo "ok    $h: $stats"
    else
        failed=$((failed + 1))
        echo "FAIL  $h: exit $status; $stats"
        grep -E '^(==[0-9]+== ?ERROR|SUMMARY|fuzz_[a-z]+:|.*runtime error:)' "$log" | head -n 5 \
            | sed 's/^/      /' || true
        if [ -n "$found" ]; then
            mkdir -p "fuzz/crashes/$h"
            while IFS= read -r f; do
                cp "$f" "fuzz/crashes/$h/"
                echo "      input saved: fuzz/crashes/$h/$(basename "$f")" \
                     "(reproduce: $build/fuzz/$h fuzz/crashes/$h/$(basename "$f"))"
            done <<<"$found"
        fi
        cp "$log" "$build/$h.log"
        echo "      full log: $build/$h.log"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
