#!/usr/bin/env bash
# What the terms file and the glossary cost `mekong check`, on the synthetic site of
# bench/gensite.py.
#
#   bench/terms.sh                            10,000 articles, 5 rounds
#   bench/terms.sh --articles 1000 --runs 3
#
# One site is written (cached in bench/.work/terms/); bench/terms.py writes beside it an
# `i18n/terms.yaml` mapping 300 terms (the 12 categories and 288 of the tags, each named
# in vi, en and lo) and an `i18n/glossary.yaml` of 500 entries (the generator's 25
# places, which its articles write, with spellings to avoid, and 475 names they do not).
# Then RUNS rounds alternate `mekong check` with the two files in `i18n/` and without
# them (with first in odd rounds, without first in even ones), each timed by GNU time
# (wall, user, sys, peak RSS). Medians and the ratios with/without are printed as a
# Markdown table, and kept in bench/.work/terms/results-*.md.
#
# Needs: python3 (3.11+), GNU time (installed with apt-get when missing).
# BENCH_WORK=DIR puts the work folder elsewhere; MEKONG=FILE times that binary instead
# of building target/release/mekong.
set -euo pipefail

ARTICLES=10000
RUNS=5

while [ $# -gt 0 ]; do
    case $1 in
        --articles) ARTICLES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
            echo "Options: --articles N (default $ARTICLES), --runs N (default $RUNS)"
            exit 0 ;;
        *) echo "terms.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-$root/bench/.work}/terms
mkdir -p "$work"

if ! [ -x /usr/bin/time ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null
fi

mekong=$work/mekong
if [ -n "${MEKONG:-}" ]; then
    cp "$MEKONG" "$mekong"
else
    echo "building mekong (cargo build --release)…"
    (cd "$root" && cargo build --release --quiet)
    cp "$root/target/release/mekong" "$mekong"
fi

site=$work/site-$ARTICLES
extra=$work/i18n-$ARTICLES
if ! [ -f "$site/site.yaml" ]; then
    rm -rf "$site"
    python3 "$root/bench/gensite.py" --articles "$ARTICLES" --out "$site" >/dev/null
fi
rm -rf "$extra"
python3 "$root/bench/terms.py" --out "$extra"
mkdir -p "$site/i18n"

with() { cp "$extra/terms.yaml" "$extra/glossary.yaml" "$site/i18n/"; }
without() { rm -f "$site/i18n/terms.yaml" "$site/i18n/glossary.yaml"; }

# The files are read as the site's: 300 mapped terms and 500 glossary entries, no error.
with
"$mekong" --root "$site" check --format json >"$work/check.json" 2>/dev/null || true
python3 - "$work/check.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
errors = report["summary"]["errors"]
mapped = report.get("terms", {}).get("mapped")
entries = report.get("glossary", {}).get("entries")
print(f"with the files: {mapped} mapped terms, {entries} glossary entries, {errors} errors, "
      f"{len(report['terms']['unmapped'])} unmapped terms, "
      f"{report['summary']['by_kind']['glossary']['warnings']} glossary and "
      f"{report['summary']['by_kind']['terms']['warnings']} terms warnings")
if errors or mapped != 300 or entries != 500:
    sys.exit("terms.sh: the terms file or the glossary was not read as intended")
EOF

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# time_check LOG: one `mekong check`, its figures appended to LOG.
time_check() {
    /usr/bin/time -f "%e %U %S %M" -o "$1.one" "$mekong" --root "$site" check >/dev/null 2>&1 || true
    cat "$1.one" >> "$1"
}

: > "$work/with.log"; : > "$work/without.log"
with; time_check "$work/warm.log"
without; time_check "$work/warm.log"
for round in $(seq 1 "$RUNS"); do
    if [ $((round % 2)) = 1 ]; then
        with; time_check "$work/with.log"; without; time_check "$work/without.log"
    else
        without; time_check "$work/without.log"; with; time_check "$work/with.log"
    fi
    echo "round $round: with $(tail -1 "$work/with.log"), without $(tail -1 "$work/without.log")"
done
without

report=$work/results-$(date +%Y%m%d-%H%M%S).md
{
    echo "| \`mekong check\`, $ARTICLES articles, median of $RUNS | wall s | user s | sys s | peak RSS MB |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    for kind in without with; do
        wall=$(awk '{print $1}' "$work/$kind.log" | median)
        user=$(awk '{print $2}' "$work/$kind.log" | median)
        sys=$(awk '{print $3}' "$work/$kind.log" | median)
        rss=$(awk '{print $4}' "$work/$kind.log" | median)
        label=$([ $kind = with ] && echo "with 300 terms, 500 glossary entries" || echo "without")
        printf '| %s | %.2f | %.2f | %.2f | %.0f |\n' "$label" "$wall" "$user" "$sys" "$(echo "$rss / 1024" | bc -l)"
        eval "${kind}_wall=$wall ${kind}_user=$user"
    done
    printf '| ratio with / without | %.2f | %.2f | | |\n' \
        "$(echo "$with_wall / $without_wall" | bc -l)" "$(echo "$with_user / $without_user" | bc -l)"
} | tee "$report"
