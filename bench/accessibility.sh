#!/usr/bin/env bash
# Accessibility figures for the default theme: axe-core and Lighthouse on every page
# kind in every language of the example site, at a phone and a desktop width.
#
#   bench/accessibility.sh              the table on stdout
#   bench/accessibility.sh --release    measure with a release build of mekong
#
# Builds the example site (this repository's root) as tests/accessibility.rs does, with
# `paginate: 3` so that listings have a second page, for http://127.0.0.1:PORT; serves
# it with Python's plain static server (no live-reload script, as in production);
# then bench/accessibility.mjs opens each page kind in Debian's chromium (headless, no
# sandbox, no GPU) and runs axe-core's default rules at 375 and 1280 CSS pixels and
# Lighthouse's accessibility category with the mobile (375 px) and desktop (1280 px)
# form factors. 404 pages are measured at /LANG/404.html: Lighthouse refuses to audit
# an answer with status 404.
#
# Needs: cargo, python3, Node.js 18.16+ with npm, and root for Debian's chromium when it
# is missing. Installs axe-core (tests/setup/axe.sh) and Lighthouse (pinned below) into
# target/test-tools/ (git-ignored; MEKONG_TEST_TOOLS moves it). Lighthouse is only for
# measuring: the tests do not use it.
set -euo pipefail

LIGHTHOUSE_VERSION=12.8.2
PROFILE=debug
while [ $# -gt 0 ]; do
    case $1 in
        --release) PROFILE=release; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "accessibility.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

REPO="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="${MEKONG_TEST_TOOLS:-$REPO/target/test-tools}"
export MEKONG_TEST_TOOLS="$TOOLS"

sh "$REPO/tests/setup/chromium.sh"
sh "$REPO/tests/setup/axe.sh"
LIGHTHOUSE="$TOOLS/lighthouse"
if ! grep -qs "\"version\": \"$LIGHTHOUSE_VERSION\"" "$LIGHTHOUSE/node_modules/lighthouse/package.json"; then
    mkdir -p "$LIGHTHOUSE"
    (cd "$LIGHTHOUSE" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
        "lighthouse@$LIGHTHOUSE_VERSION" >&2)
fi

if [ "$PROFILE" = release ]; then
    cargo build --release --manifest-path "$REPO/Cargo.toml" >&2
else
    cargo build --manifest-path "$REPO/Cargo.toml" >&2
fi
MEKONG="${CARGO_TARGET_DIR:-$REPO/target}/$PROFILE/mekong"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mekong-a11y.XXXXXX")"
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# The example site with a second page in its listings.
mkdir -p "$WORK/site"
cp -R "$REPO/content" "$REPO/i18n" "$REPO/static" "$REPO/themes" "$WORK/site/"
sed 's/^paginate:.*/paginate: 3/' "$REPO/site.yaml" >"$WORK/site/site.yaml"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
ORIGIN="http://127.0.0.1:$PORT"
"$MEKONG" --root "$WORK/site" build --output "$WORK/public" --base-url "$ORIGIN" >&2

python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/public" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('$ORIGIN/')" 2>/dev/null && break
    sleep 0.1
done

node "$REPO/bench/accessibility.mjs" "$ORIGIN" \
    "$TOOLS/axe/node_modules/axe-core/axe.min.js" "$LIGHTHOUSE" "$(command -v chromium)"
