#!/usr/bin/env bash
# test.sh - the README's second command, and what CI runs (.ci/run):
# installs what is missing (Chromium too, for the HTML render test), builds,
# runs every test (Check unit tests, the end-to-end cases in tests/cases,
# and the HTML reports rendered by headless Chromium), then again in a build with
# AddressSanitizer and UndefinedBehaviorSanitizer, then a short run of the
# libFuzzer harnesses (scripts/fuzz.sh; OBLYS_FUZZ_SECONDS, default 15 per
# harness; OBLYS_SKIP_FUZZ=1 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh

oblys_ensure_packages
oblys_ensure_locales
# The render test (meson test 'render') fails without Chromium, by design.
oblys_ensure_chromium || echo "oblys: chromium is missing: the render test will fail" >&2

run_suite() {
    local dir=$1
    shift
    oblys_build "$dir" "$@"
    meson test -C "$dir" --print-errorlogs
}

summarise() {
    # The Check and case runners' own closing lines, for people and for CI.
    grep -h -E '^[0-9]+%: Checks: |^[0-9]+ passed, [0-9]+ failed' "$1/meson-logs/testlog.txt"
}

run_suite build
if [ "${OBLYS_SKIP_SANITIZERS:-0}" != 1 ]; then
    run_suite build-sanitize -Db_sanitize=address,undefined -Db_lundef=false
fi
if [ "${OBLYS_SKIP_FUZZ:-0}" != 1 ]; then
    bash scripts/fuzz.sh "${OBLYS_FUZZ_SECONDS:-15}"
fi
# The test runners' own closing lines come last, for people and for CI.
summarise build
if [ "${OBLYS_SKIP_SANITIZERS:-0}" != 1 ]; then
    summarise build-sanitize
fi
