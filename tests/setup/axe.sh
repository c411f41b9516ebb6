#!/bin/sh
# Installs axe-core (the npm package, the version pinned with its checksum in
# tests/setup/axe/package-lock.json) for tests/accessibility.rs, which injects its
# axe.min.js into pages opened in headless Chromium.
#
# Installs into target/test-tools/axe (git-ignored; MEKONG_TEST_TOOLS moves the
# parent folder). Idempotent: does nothing when the pinned version is there already.
# Shares its lock with install.sh and chromium.sh, so setup scripts never run at once.
# Needs Node.js and npm; as root on Debian it installs Debian's nodejs and npm when
# they are missing. Written for CI, which reaches the npm registry.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$(dirname "$HERE")")"
TOOLS="${MEKONG_TEST_TOOLS:-$REPO/target/test-tools}"
DEST="$TOOLS/axe"
LOCK=/tmp/mekong-test-setup.lock

# The version the lock file pins, read without needing node.
pinned() {
    sed -n 's/^ *"axe-core": *"\([^"]*\)".*/\1/p' "$HERE/axe/package.json" | head -n 1
}

installed() {
    manifest="$DEST/node_modules/axe-core/package.json"
    [ -f "$DEST/node_modules/axe-core/axe.min.js" ] && [ -f "$manifest" ] &&
        grep -q "\"version\": *\"$(pinned)\"" "$manifest" &&
        cmp -s "$HERE/axe/package-lock.json" "$DEST/package-lock.json"
}

# Fast path without the lock.
if installed; then
    exit 0
fi

exec 9>"$LOCK"
flock 9

# Another caller may have installed it while we waited for the lock.
if installed; then
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "axe.sh: npm is missing; install Node.js and npm (or run as root) to run tests/accessibility.rs" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends nodejs npm
fi

mkdir -p "$DEST"
cp "$HERE/axe/package.json" "$HERE/axe/package-lock.json" "$DEST/"
# `npm ci` installs exactly what the lock file names and checks its integrity hash.
(cd "$DEST" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)

if ! installed; then
    echo "axe.sh: axe-core $(pinned) still missing in $DEST after npm ci" >&2
    exit 1
fi
