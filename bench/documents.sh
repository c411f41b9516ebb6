#!/usr/bin/env bash
# What the documents registry, mention linking and the news archive cost a build, on the
# synthetic sites of bench/gensite.py.
#
#   bench/documents.sh                           1,000 and 10,000 articles, 5 rounds
#   bench/documents.sh --sizes 10000 --runs 3
#
# For each size N, three sites of the same N articles (cached in bench/.work/documents/N/):
#
#   with      `gensite.py --documents N/20`: a registry of one document per 20 articles
#             (six kinds, five issuers, most translated, a small PDF each), and about
#             30 % of the articles mentioning one or two of them in each language, half
#             of the mentions with their date; the archive on, as by default;
#   archive   the articles alone (`gensite.py` without --documents), the archive on;
#   without   the same files as `archive` (hard-linked), with `archive: false`.
#
# All three have `search: false`, so that the search index does not dominate; with
# --search they keep search on, as a site has it by default (hard-linked copies whose
# site.yaml drops that line), to measure against the build an editor runs. Each is
# built once to check it and count its pages (also the warm-up); then RUNS rounds time
# a clean build of each, in the order with, archive, without in odd rounds and the
# reverse in even ones, each into a fresh output folder deleted and `sync`ed outside the
# timing, each under GNU time (wall, user, sys, peak RSS; helpers in bench/lib.sh). The
# medians, their ratios to `without`, and each round's paired ratios are printed as
# Markdown and kept in bench/.work/documents/results-DATE.md.
#
# Needs: python3 (3.11+), GNU time (installed with apt-get when missing). BENCH_WORK=DIR
# puts the work folder elsewhere; MEKONG=FILE times that binary instead of building
# target/release/mekong.
set -euo pipefail

SIZES="1000 10000"
RUNS=5
PER=20
SEARCH=false

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    cat <<EOF
Options:
  --sizes "N ..."   article counts (default "$SIZES")
  --runs N          timed rounds per size (default $RUNS)
  --per N           one document per N articles (default $PER)
  --search          keep search on in all three sites (the default build)
  -h, --help        this text
EOF
}

while [ $# -gt 0 ]; do
    case $1 in
        --sizes) SIZES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --per) PER=$2; shift 2 ;;
        --search) SEARCH=true; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "documents.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
case $RUNS in ''|*[!0-9]*|0) echo "documents.sh: --runs needs a positive number" >&2; exit 2 ;; esac
case $PER in ''|*[!0-9]*|0) echo "documents.sh: --per needs a positive number" >&2; exit 2 ;; esac
for n in $SIZES; do
    case $n in ''|*[!0-9]*|0) echo "documents.sh: --sizes needs positive numbers, not '$n'" >&2; exit 2 ;; esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-$root/bench/.work}/documents
mkdir -p "$work"
work=$(cd "$work" && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

need_gnu_time
command -v python3 >/dev/null 2>&1 || { echo "documents.sh: python3 is needed" >&2; exit 1; }

mekong=$work/mekong
if [ -n "${MEKONG:-}" ]; then
    cp "$MEKONG" "$mekong"
else
    echo "building mekong (cargo build --release)…"
    (cd "$root" && cargo build --release --quiet)
    cp "$root/target/release/mekong" "$mekong"
fi

VARIANTS="with archive without"

# site_yaml SITE LINE...: SITE's site.yaml with LINEs added, as a new file (the old one
# may be a hard link shared with another site).
site_yaml() {
    local site=$1; shift
    local text
    text=$(cat "$site/site.yaml")
    rm -f "$site/site.yaml"
    { echo "$text"; printf '%s\n' "$@"; } >"$site/site.yaml"
}

results=$work/results-$(date +%Y%m%d-%H%M%S).md
raw=${results%.md}.tsv
printf 'n\tvariant\tround\twall\tuser\tsys\tmaxrss_kb\n' >"$raw"
header=$(
    echo "machine: $(machine)"
    echo "mekong: $("$mekong" --version 2>/dev/null || echo '?') ($(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown))"
    echo "runs: $RUNS rounds per size, alternating; one document per $PER articles; search $($SEARCH && echo on || echo off); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
)
echo "$header"
notes=""

for n in $SIZES; do
    dir=$work/$n
    docs=$(( (n + PER / 2) / PER ))
    stamp=$({ cat "$root/bench/gensite.py"; echo "articles=$n documents=$docs seed=1"; } | sha256sum | cut -c1-16)
    if [ "$(cat "$dir/stamp" 2>/dev/null || true)" != "$stamp" ]; then
        echo
        echo "== $n articles: generating the sites in $dir"
        rm -rf "$dir"
        mkdir -p "$dir"
        python3 "$root/bench/gensite.py" --articles "$n" --documents "$docs" --out "$dir/with"
        python3 "$root/bench/gensite.py" --articles "$n" --out "$dir/archive"
        site_yaml "$dir/with" "search: false"
        site_yaml "$dir/archive" "search: false"
        echo "$stamp" >"$dir/stamp"
    fi
    rm -rf "$dir/without"
    cp -al "$dir/archive" "$dir/without"
    site_yaml "$dir/without" "archive: false"
    sites=$dir
    if $SEARCH; then
        sites=$dir/search-on
        rm -rf "$sites"
        mkdir -p "$sites"
        for v in $VARIANTS; do
            cp -al "$dir/$v" "$sites/$v"
            text=$(grep -vx 'search: false' "$dir/$v/site.yaml")
            rm -f "$sites/$v/site.yaml"
            echo "$text" >"$sites/$v/site.yaml"
        done
    fi
    out=$dir/out
    clean "$out"
    mkdir -p "$out"

    echo
    echo "== $n articles: checking the builds (also the warm-up)"
    pages=""
    for v in $VARIANTS; do
        timed "$out/check-$v.log" "${oom_first[@]}" "$mekong" --root "$sites/$v" build --output "$out/$v" >/dev/null || exit 1
        line="$v: $(tail -n 1 "$out/check-$v.log")"
        echo "$line"
        pages+="$v $(count "$out/$v" '*.html') "
    done
    mentions=$(grep -rho 'class="mention"' "$out/with" | wc -l)
    archive_pages=$(( $(count "$out/archive" '*.html') - $(count "$out/without" '*.html') ))
    echo "with: $mentions mention links; archive: $archive_pages more pages than without"
    notes+="- $n articles, $docs documents: .html files written: $pages($archive_pages of them the archive's); $mentions mention links in \`with\`"$'\n'
    clean "$out"
    mkdir -p "$out"

    echo "== $n articles: $RUNS rounds"
    for round in $(seq 1 "$RUNS"); do
        order=$VARIANTS
        if [ $((round % 2)) -eq 0 ]; then order=$(echo "$VARIANTS" | tr ' ' '\n' | tac | tr '\n' ' '); fi
        line="round $round:"
        for v in $order; do
            clean "$out/$v"
            res=$(timed "$out/$v.log" "${oom_first[@]}" "$mekong" --root "$sites/$v" build --output "$out/$v") || exit 1
            read -r wall user sys rss <<<"$res"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$v" "$round" "$wall" "$user" "$sys" "$rss" >>"$raw"
            line+=$(printf '  %s %.2fs wall %.2fs user %dMB' "$v" "$wall" "$user" $((rss / 1024)))
            rm -rf "$out/$v"   # outside the timing; the next clean's sync flushes it
        done
        echo "$line"
    done
    clean "$out"
done

table=$(python3 - "$raw" <<'PYEOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
KEYS = ("wall", "user", "sys", "maxrss_kb")
LABEL = {
    "without": "without (no registry, no mentions, `archive: false`)",
    "archive": "archive only",
    "with": "with registry, mentions and archive",
}
def runs(n, v, key):
    return {r["round"]: float(r[key]) for r in rows if r["n"] == n and r["variant"] == v}
def med(n, v, key):
    return statistics.median(runs(n, v, key).values())
print("| articles | build | wall s | user s | sys s | peak RSS MB | wall ratio | user ratio | RSS ratio |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
paired = []
for n in dict.fromkeys(r["n"] for r in rows):
    base = [med(n, "without", k) for k in KEYS]
    for v in ("without", "archive", "with"):
        m = [med(n, v, k) for k in KEYS]
        ratios = " | ".join(f"{a / b:.2f}" for a, b in ((m[0], base[0]), (m[1], base[1]), (m[3], base[3])))
        print(f"| {int(n):,} | {LABEL[v]} | {m[0]:.2f} | {m[1]:.2f} | {m[2]:.2f} | {m[3] / 1024:.0f} | {ratios} |")
    for v in ("archive", "with"):
        parts = []
        for key in ("wall", "user"):
            b, x = runs(n, "without", key), runs(n, v, key)
            q = sorted(x[r] / b[r] for r in b if r in x and b[r] > 0)
            parts.append(f"{key} {statistics.median(q):.2f} ({q[0]:.2f}–{q[-1]:.2f})")
        paired.append(f"- {int(n):,} articles, {v} / without per round, median (range): " + ", ".join(parts))
print()
print("\n".join(paired))
PYEOF
)

{
    echo "$header"
    echo
    echo "$table"
    echo
    printf '%s' "$notes"
} >"$results"

echo
echo "medians of $RUNS clean builds; ratios to \`without\`"
echo
echo "$table"
echo
printf '%s' "$notes"
echo
echo "saved: $results (per-run figures in $raw)"
