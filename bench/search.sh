#!/usr/bin/env bash
# What search costs: build time with and without the index, and the bytes a reader
# downloads for a query, on the synthetic sites of bench/gensite.py.
#
#   bench/search.sh                          1,000 and 10,000 articles, 5 rounds
#   bench/search.sh --sizes 1000 --runs 3
#
# For each size, one site is written (cached in bench/.work/search/) and a hard-linked
# copy of it gets `search: false`; then RUNS rounds alternate the two clean builds (with
# the index first in odd rounds, without it first in even ones), each into a fresh
# output folder deleted and `sync`ed outside the timing, each timed by GNU time (wall,
# user, sys, peak RSS). Medians and the ratios with/without are printed as a Markdown
# table. Then tests/search_budget.rs measures, in headless Chromium, the bytes of a first
# and a second query in each language (it builds the site once more, at its own address).
#
# With --peer, each round also times Pagefind's own indexer (its command-line program,
# `pagefind[extended]` from PyPI, installed in a venv in the work folder) over the
# output of the build without search: what a Hugo or Zola user runs after each build.
#
# Needs: python3 (3.11+), GNU time (installed with apt-get when missing), and what the
# browser tests need (Chromium is installed by their setup). BENCH_WORK=DIR puts the
# work folder elsewhere.
set -euo pipefail

SIZES="1000 10000"
RUNS=5
BYTES=true
PEER=false
PAGEFIND_VERSION=1.5.2

while [ $# -gt 0 ]; do
    case $1 in
        --sizes) SIZES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --no-bytes) BYTES=false; shift ;;
        --peer) PEER=true; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
            echo "Options: --sizes \"N ...\" (default \"$SIZES\"), --runs N (default $RUNS), --no-bytes, --peer"
            exit 0 ;;
        *) echo "search.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-$root/bench/.work}/search
mkdir -p "$work"

if ! [ -x /usr/bin/time ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null
fi

echo "building mekong (cargo build --release)…"
(cd "$root" && cargo build --release --quiet)
mekong=$work/mekong
cp "$root/target/release/mekong" "$mekong"

pagefind=()
if $PEER; then
    if ! [ -x "$work/venv/bin/python" ]; then
        echo "installing Pagefind $PAGEFIND_VERSION (pip, in $work/venv)…"
        python3 -m venv "$work/venv"
        "$work/venv/bin/pip" install --quiet "pagefind[extended]==$PAGEFIND_VERSION"
    fi
    pagefind=("$work/venv/bin/python" -m pagefind)
fi

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# time_build SITE OUT LOG: one clean build, its figures appended to LOG.
time_build() {
    rm -rf "$2"; sync
    /usr/bin/time -f "%e %U %S %M" -o "$3.one" "$mekong" --root "$1" build --output "$2" >/dev/null
    cat "$3.one" >> "$3"
}

report=$work/results-$(date +%Y%m%d-%H%M%S).md
{
    echo "| articles | wall with | wall without | ratio | user with | user without | ratio | RSS with (MB) | RSS without (MB) |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$report"
peers=$work/peer-$(date +%Y%m%d-%H%M%S).md
if $PEER; then
    {
        echo "| articles | pages Pagefind indexed | Pagefind wall | Pagefind user | pages mekong indexed | mekong's index, wall | mekong's index, user | Pagefind / mekong (user) | per page |"
        echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    } > "$peers"
fi

for n in $SIZES; do
    on=$work/$n/on
    off=$work/$n/off
    stamp=$work/$n/.gensite-$(sha1sum "$root/bench/gensite.py" | cut -c1-12)
    if ! [ -e "$stamp" ]; then
        rm -rf "$work/$n"
        mkdir -p "$work/$n"
        python3 "$root/bench/gensite.py" --articles "$n" --out "$on"
        touch "$stamp"
    fi
    rm -rf "$off"
    cp -al "$on" "$off"
    rm -f "$off/site.yaml"
    { cat "$on/site.yaml"; echo "search: false"; } > "$off/site.yaml"
    rm -rf "$on/.mekong-cache" "$off/.mekong-cache"

    echo "== $n articles: warm-up builds"
    "$mekong" --root "$on" build --output "$work/$n/out-on" >/dev/null
    "$mekong" --root "$off" build --output "$work/$n/out-off" >/dev/null
    : > "$work/$n/with.log"; : > "$work/$n/without.log"; : > "$work/$n/peer.log"
    for round in $(seq "$RUNS"); do
        if [ $((round % 2)) = 1 ]; then order="with without"; else order="without with"; fi
        for which in $order; do
            site=$on; [ "$which" = with ] || site=$off
            rm -rf "$site/.mekong-cache"
            time_build "$site" "$work/$n/out-$which" "$work/$n/$which.log"
        done
        line="   round $round: with $(tail -1 "$work/$n/with.log"), without $(tail -1 "$work/$n/without.log")"
        if $PEER; then
            # Over the pages just built without search, as a Hugo or Zola user would.
            rm -rf "$work/$n/out-without/pagefind"; sync
            /usr/bin/time -f "%e %U %S %M" -o "$work/$n/peer.one" "${pagefind[@]}" \
                --site "$work/$n/out-without" > "$work/$n/peer.out" 2>&1
            cat "$work/$n/peer.one" >> "$work/$n/peer.log"
            line="$line, Pagefind $(tail -1 "$work/$n/peer.log")"
        fi
        echo "$line"
    done
    col() { awk -v c="$2" '{print $c}' "$1" | median; }
    w_wall=$(col "$work/$n/with.log" 1); o_wall=$(col "$work/$n/without.log" 1)
    w_user=$(col "$work/$n/with.log" 2); o_user=$(col "$work/$n/without.log" 2)
    w_rss=$(col "$work/$n/with.log" 4); o_rss=$(col "$work/$n/without.log" 4)
    awk -v n="$n" -v ww="$w_wall" -v ow="$o_wall" -v wu="$w_user" -v ou="$o_user" \
        -v wr="$w_rss" -v or="$o_rss" 'BEGIN {
        printf "| %d | %.2f s | %.2f s | %.2f | %.2f s | %.2f s | %.2f | %.0f | %.0f |\n",
            n, ww, ow, ww / ow, wu, ou, wu / ou, wr / 1024, or / 1024 }' >> "$report"
    if $PEER; then
        # Pagefind prints "Indexed N pages" (every HTML page: it finds no data-pagefind-body).
        ours=$(find "$work/$n/out-with" -path '*/pagefind/fragment/*' -type f | wc -l)
        indexed=$(grep -o 'Indexed [0-9]* page' "$work/$n/peer.out" | awk '{s += $2} END {print s + 0}')
        p_wall=$(col "$work/$n/peer.log" 1); p_user=$(col "$work/$n/peer.log" 2)
        awk -v n="$n" -v pages="$indexed" -v ours="$ours" -v pw="$p_wall" -v pu="$p_user" -v ww="$w_wall" \
            -v ow="$o_wall" -v wu="$w_user" -v ou="$o_user" 'BEGIN {
            printf "| %d | %d | %.2f s | %.2f s | %d | %.2f s | %.2f s | %.1f | %.1f |\n",
                n, pages, pw, pu, ours, ww - ow, wu - ou, pu / (wu - ou),
                (pu / pages) / ((wu - ou) / ours) }' >> "$peers"
    fi
    rm -rf "$work/$n/out-with" "$work/$n/out-without" "$work/$n/out-on" "$work/$n/out-off"
done

echo
echo "Build time, clean builds, medians of $RUNS (also in $report):"
cat "$report"
if $PEER; then
    echo
    echo "Pagefind's indexer over the same site, medians of $RUNS (also in $peers):"
    cat "$peers"
fi

if $BYTES; then
    for n in $SIZES; do
        echo
        echo "== $n articles: bytes a reader downloads per query"
        (cd "$root" && MEKONG_BUDGET_SITE=$work/$n/on cargo test --release --quiet \
            --test search_budget -- --ignored --nocapture 2>&1 | grep -v '^$' | grep -v '^running\|^test result\|has been running')
    done
fi
