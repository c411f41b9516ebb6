#!/bin/sh
# Installs Debian's `chromium` for tests/browser.rs (a headless browser driven over the
# DevTools protocol), if it is missing.
#
# Idempotent: does nothing when chromium is there, and runs `apt-get update` only when
# it is not. Shares its lock with install.sh, so setup scripts never run apt at once.
# Written for CI, which runs as root on Debian with access to Debian's mirrors.
set -eu

LOCK=/tmp/mekong-test-setup.lock

have_chromium() {
    { command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; } \
        && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]
}

# Fast path without the lock.
if have_chromium; then
    exit 0
fi

exec 9>"$LOCK"
flock 9

# Another caller may have installed it while we waited for the lock.
if have_chromium; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "chromium.sh: chromium is missing; run as root (or install Debian's chromium) to run tests/browser.rs" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Fonts are recommended, not required: the tests read text, not pixels.
# DejaVu Serif (no Lao glyphs) is the only font of the font test's private fontconfig.
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core

if ! have_chromium; then
    echo "chromium.sh: chromium still missing after apt-get" >&2
    exit 1
fi
