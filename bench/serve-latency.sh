#!/bin/sh
# Save-to-reload latency of `mekong serve` on a generated trilingual site.
#
#   bench/serve-latency.sh                       10,000 articles, 15 runs per kind
#   ARTICLES=2000 RUNS=30 bench/serve-latency.sh
#   SITE=/tmp/my-site bench/serve-latency.sh     reuse (or create) a site there
#
# Generates the site with bench/gensite.py if it is not there yet, copies the default
# theme's partials/footer.html into the site's templates/ (the template that gets
# edited), builds mekong and examples/serve_latency.rs in release mode, starts
# `mekong serve` on a free port, waits for its first build, and runs the example:
# it edits one article and then the footer template, RUNS times each, and prints
# median, p90 and min from the save to the live socket's `built` message and to the
# page served again. Target: under 50 ms at 10,000 articles.
set -eu

ARTICLES="${ARTICLES:-10000}"
RUNS="${RUNS:-15}"
SITE="${SITE:-${TMPDIR:-/tmp}/mekong-bench-site-$ARTICLES}"

cd "$(dirname "$0")/.."

if [ ! -f "$SITE/site.yaml" ]; then
    echo "Generating $ARTICLES articles in $SITE"
    python3 bench/gensite.py --articles "$ARTICLES" --out "$SITE"
fi
# A fresh copy each time, so earlier runs leave nothing behind.
mkdir -p "$SITE/templates/partials"
cp themes/default/templates/partials/footer.html "$SITE/templates/partials/footer.html"

cargo build --release --quiet --bin mekong --example serve_latency

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
LOG="$(mktemp)"
target/release/mekong --root "$SITE" serve --port "$PORT" >"$LOG" 2>&1 &
SERVER=$!
cleanup() {
    kill -INT "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    rm -f "$LOG"
}
trap cleanup EXIT INT TERM

started=$(date +%s)
while ! grep -q "Serving the site at" "$LOG"; do
    if ! kill -0 "$SERVER" 2>/dev/null; then
        echo "mekong serve stopped:" >&2
        cat "$LOG" >&2
        exit 1
    fi
    if [ $(($(date +%s) - started)) -gt 600 ]; then
        echo "mekong serve did not start within 10 minutes" >&2
        exit 1
    fi
    sleep 0.2
done
URL="$(sed -n 's/.*Serving the site at \([^ ]*\).*/\1/p' "$LOG" | head -n 1)"
echo "mekong serve on $ARTICLES articles: $(grep -m 1 '^Rebuilt' "$LOG") (first build)"

target/release/examples/serve_latency --site "$SITE" --url "$URL" --runs "$RUNS" --log "$LOG"
