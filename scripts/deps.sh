# shellcheck shell=bash
# deps.sh - sourced by demo.sh and test.sh: installs the Debian packages
# oblys needs to build and test, when they are missing.
#
# As root it runs apt-get itself; otherwise it uses sudo when there is
# one, and else says which command to run.

OBLYS_PACKAGES="gcc meson ninja-build pkg-config python3 libsqlite3-dev libcjson-dev nettle-dev libxlsxwriter-dev check sqlite3"

oblys_missing_packages() {
    local missing="" p
    for p in $OBLYS_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
            || missing="$missing $p"
    done
    echo "$missing"
}

oblys_ensure_packages() {
    local missing
    missing=$(oblys_missing_packages)
    [ -z "$missing" ] && return 0
    echo "oblys: installing missing Debian packages:$missing" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            echo "oblys: run as root: apt-get install -y$missing" >&2
            return 1
        fi
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        $missing >&2
}

# The locales the tests run oblys under, to show that no number it reads
# or writes depends on the user's locale (tests/cases/import_locale_*,
# tests/unit/test_number.c). Generated with localedef when missing.
OBLYS_TEST_LOCALES="ru_RU kk_KZ"

oblys_ensure_locales() {
    local missing="" l sudo=""
    for l in $OBLYS_TEST_LOCALES; do
        locale -a 2>/dev/null | grep -qix "$l.utf-\?8" || missing="$missing $l"
    done
    [ -z "$missing" ] && return 0
    echo "oblys: generating the test locales:$missing (UTF-8)" >&2
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            echo "oblys: run as root: apt-get install -y locales, then localedef -i LOCALE" \
                 "-f UTF-8 LOCALE.UTF-8 for each of$missing" >&2
            return 1
        fi
    fi
    if [ ! -d /usr/share/i18n/locales ]; then
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            locales >&2
    fi
    for l in $missing; do
        $sudo localedef -i "$l" -f UTF-8 "$l.UTF-8" >&2
    done
}

# Debian's Chromium, only for the render test (tests/render/render_test.py,
# meson test 'render'): it opens the HTML reports headless. Not needed to
# build or run oblys.
oblys_ensure_chromium() {
    command -v chromium >/dev/null 2>&1 && return 0
    echo "oblys: installing chromium for the HTML render test" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            echo "oblys: run as root: apt-get install -y chromium (the render test needs it)" >&2
            return 1
        fi
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium >&2
}

# oblys_build DIR [MESON OPTIONS...]: configures DIR once, then builds it.
oblys_build() {
    local dir=$1
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >&2
    fi
    meson compile -C "$dir" >&2
}
