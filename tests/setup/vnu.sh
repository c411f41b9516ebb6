#!/bin/sh
# Installs the Nu Html Checker for tests/validation.rs: the npm package vnu-jar (the
# version pinned with its checksum in tests/setup/vnu/package-lock.json), which carries
# vnu.jar, and a Java runtime to run it (vnu needs Java 17 or later).
#
# Installs into target/test-tools/vnu (git-ignored; MEKONG_TEST_TOOLS moves the
# parent folder). Idempotent: does nothing when the pinned version is there already.
# Shares its lock with install.sh, chromium.sh and axe.sh, so setup scripts never run
# at once. Needs Node.js, npm and Java; as root on Debian it installs Debian's nodejs,
# npm and default-jre-headless when they are missing. Written for CI, which reaches
# the npm registry.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$(dirname "$HERE")")"
TOOLS="${MEKONG_TEST_TOOLS:-$REPO/target/test-tools}"
DEST="$TOOLS/vnu"
JAR="$DEST/node_modules/vnu-jar/build/dist/vnu.jar"
LOCK=/tmp/mekong-test-setup.lock

# The version the lock file pins, read without needing node.
pinned() {
    sed -n 's/^ *"vnu-jar": *"\([^"]*\)".*/\1/p' "$HERE/vnu/package.json" | head -n 1
}

installed() {
    manifest="$DEST/node_modules/vnu-jar/package.json"
    command -v java >/dev/null 2>&1 && [ -f "$JAR" ] && [ -f "$manifest" ] &&
        grep -q "\"version\": *\"$(pinned)\"" "$manifest" &&
        cmp -s "$HERE/vnu/package-lock.json" "$DEST/package-lock.json"
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

need=""
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
command -v npm >/dev/null 2>&1 || need="$need nodejs npm"
if [ -n "$need" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "vnu.sh: missing${need}; install Java 17+ and npm (or run as root) to run tests/validation.rs" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    # Slim Debian images leave out the manual pages' folders, and the JRE's
    # post-install script fails when it cannot register java's page there.
    mkdir -p /usr/share/man/man1
    apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    apt-get install -y -qq --no-install-recommends $need
fi

mkdir -p "$DEST"
cp "$HERE/vnu/package.json" "$HERE/vnu/package-lock.json" "$DEST/"
# `npm ci` installs exactly what the lock file names and checks its integrity hash.
# Without scripts: vnu-jar's postinstall would download a Java runtime of its own.
(cd "$DEST" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)

if ! installed; then
    echo "vnu.sh: vnu-jar $(pinned) still missing in $DEST after npm ci" >&2
    exit 1
fi

# The jar must run on the Java found (too old a Java fails here, not in the test).
if ! java -jar "$JAR" --version >/dev/null; then
    echo "vnu.sh: java cannot run $JAR; vnu needs Java 17 or later ($(java -version 2>&1 | head -n 1))" >&2
    exit 1
fi
