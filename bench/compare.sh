#!/usr/bin/env bash
# Build benchmark of two mekong binaries against each other, on the same synthetic sites.
#
#   bench/compare.sh BASELINE NEW                          1,000 and 10,000 articles, 5 runs
#   bench/compare.sh --sizes 1000 --runs 3 BASELINE NEW
#
# BASELINE and NEW are paths to mekong binaries (say, a release build of an older commit
# and one of the working tree); both are copied into bench/.work/bin/ first, so that a
# rebuild cannot swap a binary in the middle of the runs. The sites are those of run.sh
# (bench/gensite.py, cached in bench/.work/sites/ and shared with run.sh); each binary
# builds from its own hard-linked copy of the site, so that the two never share, or
# overwrite each other's, .mekong-cache/. Both are built once to check them, count their
# pages and compare their outputs file by file (this is also the warm-up); then RUNS
# rounds alternate them, baseline first in odd rounds and new first in even ones. The
# timing is run.sh's: each run under `/usr/bin/time -v` (wall, user, sys, peak RSS),
# the output folder deleted and `sync`ed before each clean build, outside the timing,
# and a second build over the binary's own output with nothing changed right after it
# (rows "again"). Medians are printed, with the ratios new/baseline, as a Markdown table
# (also saved in bench/.work/results/compare-DATE.md, per-run figures beside it). Hugo
# plays no part.
#
# Needs: python3 (3.11+) and GNU time (installed with apt-get when missing, as root or
# through sudo). Disk: about 0.4 MB per article in bench/.work, plus one more output
# while the outputs are compared. BENCH_WORK=DIR puts the work folder elsewhere.
set -euo pipefail

SIZES="1000 10000"
RUNS=5
IMAGES=0
AGAIN=true

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    cat <<EOF
Usage: bench/compare.sh [options] BASELINE NEW

Options:
  --sizes "N ..."   article counts to benchmark (default "$SIZES")
  --runs N          timed runs of each binary per size (default $RUNS)
  --images K        give the first K articles a 1600x1000 cover (default $IMAGES)
  --no-again        skip the second build over the binary's own output
  -h, --help        this text
EOF
}

bins=()
while [ $# -gt 0 ]; do
    case $1 in
        --sizes) SIZES=$2; shift 2 ;;
        --sizes=*) SIZES=${1#*=}; shift ;;
        --runs) RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#*=}; shift ;;
        --images) IMAGES=$2; shift 2 ;;
        --images=*) IMAGES=${1#*=}; shift ;;
        --no-again) AGAIN=false; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "compare.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
        *) bins+=("$1"); shift ;;
    esac
done
if [ ${#bins[@]} -ne 2 ]; then
    echo "compare.sh: needs two binaries, BASELINE and NEW (see --help)" >&2; exit 2
fi
for b in "${bins[@]}"; do
    [ -x "$b" ] && [ -f "$b" ] || { echo "compare.sh: $b is not an executable file" >&2; exit 2; }
done
case $RUNS in ''|*[!0-9]*|0) echo "compare.sh: --runs needs a positive number" >&2; exit 2 ;; esac
case $IMAGES in ''|*[!0-9]*) echo "compare.sh: --images needs a number" >&2; exit 2 ;; esac
for n in $SIZES; do
    case $n in ''|*[!0-9]*|0) echo "compare.sh: --sizes needs positive numbers, not '$n'" >&2; exit 2 ;; esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-$root/bench/.work}
mkdir -p "$work"
work=$(cd "$work" && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

# --- tools -----------------------------------------------------------------------

need_gnu_time
command -v python3 >/dev/null 2>&1 || { echo "compare.sh: python3 is needed" >&2; exit 1; }

# Private copies, so that a rebuild cannot swap a binary mid-run.
mkdir -p "$work/bin"
cp "${bins[0]}" "$work/bin/mekong-baseline"
cp "${bins[1]}" "$work/bin/mekong-new"
describe() {
    printf '%s (%s, sha256 %s)' "$1" "$("$2" --version 2>/dev/null || echo '?')" \
        "$(sha256sum "$2" | cut -c1-12)"
}

# --- helpers (the same timing method as run.sh; timed, clean, count, oom_first in lib.sh)

# cmd_for TOOL (baseline or new): sets the array `cmd` to TOOL's build command, for the
# current $sites and $out.
cmd_for() {
    cmd=("${oom_first[@]}" "$work/bin/mekong-$1" --root "$sites/$1" build --output "$out/$1")
}

# The same stamp as run.sh's, so that both scripts reuse the same generated sites.
stamp_of() {
    { cat "$root/bench/gensite.py"; echo "articles=$1 images=$IMAGES seed=1"; } | sha256sum | cut -c1-16
}

# --- benchmark -------------------------------------------------------------------

results="$work/results"
mkdir -p "$results"
summary="$results/compare-$(date +%Y%m%d-%H%M%S).md"
raw="${summary%.md}.tsv"
printf 'n\ttool\tround\twall\tuser\tsys\tmaxrss_kb\n' >"$raw"
header=$(
    echo "machine: $(machine)"
    echo "baseline: $(describe "${bins[0]}" "$work/bin/mekong-baseline")"
    echo "new: $(describe "${bins[1]}" "$work/bin/mekong-new")"
    echo "runs: $RUNS per binary and size, alternating; covers: $IMAGES; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
)
echo "$header"

declare -A PAGES SAME

for n in $SIZES; do
    site="$work/sites/$n-i$IMAGES"
    msite="$site/mekong"
    stamp=$(stamp_of "$n")
    if [ "$(cat "$site/stamp" 2>/dev/null || true)" != "$stamp" ]; then
        need_mb=$(( n * 2 / 5 + 200 ))
        avail_mb=$(df -Pm "$work" | awk 'NR == 2 {print $4}')
        if [ "$avail_mb" -lt "$need_mb" ]; then
            echo "compare.sh: $n articles need about $need_mb MB in $work; $avail_mb MB free" >&2
            exit 1
        fi
        echo
        echo "== $n articles: generating the sites in $site"
        rm -rf "$site"
        mkdir -p "$site"
        # The Hugo copy too, so that the cached site is the one run.sh expects.
        python3 "$root/bench/gensite.py" --articles "$n" --images "$IMAGES" \
            --out "$msite" --hugo "$site/hugo"
        echo "$stamp" >"$site/stamp"
    fi

    # One hard-linked copy of the site per binary: the same input files (and page
    # cache), but each its own .mekong-cache/, in case the two keep it differently.
    sites="$work/compare-sites/$n-i$IMAGES"
    out="$work/out-compare"
    rm -rf "$sites"
    mkdir -p "$sites"
    for tool in baseline new; do
        mkdir "$sites/$tool"
        find "$msite" -mindepth 1 -maxdepth 1 ! -name .mekong-cache \
            -exec cp -al -t "$sites/$tool" {} +
    done

    echo
    echo "== $n articles: checking both builds (also the warm-up)"
    clean "$out"
    mkdir -p "$out"
    for tool in baseline new; do
        cmd_for "$tool"
        timed "$out/check-$tool.log" "${cmd[@]}" >/dev/null || exit 1
        echo "$tool: $(tail -n 1 "$out/check-$tool.log")"
        echo "$tool: $(count "$out/$tool" '*.html') .html files, $(count "$out/$tool" '*.xml') .xml, $(du -sm "$out/$tool" | cut -f1) MB"
    done
    PAGES[$n]="$(count "$out/baseline" '*.html')/$(count "$out/new" '*.html')"
    difflist="$results/compare-diff-$n.txt"
    if diff -rq "$out/baseline" "$out/new" >"$difflist"; then
        rm -f "$difflist"
        SAME[$n]="identical, file by file"
    else
        SAME[$n]="not identical: $(wc -l <"$difflist") files differ or exist on one side only (list: $difflist)"
    fi
    echo "outputs: ${SAME[$n]}"
    clean "$out"
    mkdir -p "$out"

    echo "== $n articles: $RUNS rounds"
    for round in $(seq 1 "$RUNS"); do
        order="baseline new"
        if [ $((round % 2)) -eq 0 ]; then order="new baseline"; fi
        line="round $round:"
        for tool in $order; do
            dest="$out/$tool"
            cmd_for "$tool"
            clean "$dest"
            res=$(timed "$out/$tool.log" "${cmd[@]}") || exit 1
            read -r wall user sys rss <<<"$res"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$round" "$wall" "$user" "$sys" "$rss" >>"$raw"
            line+=$(printf '  %s %6.2fs %5dMB' "$tool" "$wall" $((rss / 1024)))
            if [ "$AGAIN" = true ]; then
                # Once more over its own output, nothing changed: an editor's next build.
                sync
                res=$(timed "$out/$tool-again.log" "${cmd[@]}") || exit 1
                read -r wall user sys rss <<<"$res"
                printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool-again" "$round" "$wall" "$user" "$sys" "$rss" >>"$raw"
                line+=$(printf ' (again %6.2fs)' "$wall")
            fi
            rm -rf "$dest"   # outside the timing, to save disk; the next clean's sync flushes it
        done
        echo "$line"
    done
    clean "$out" "$sites"
done

# --- report ----------------------------------------------------------------------

pages_arg=""
for n in $SIZES; do pages_arg+="$n=${PAGES[$n]} "; done
same_notes=""
for n in $SIZES; do same_notes+="- $n articles: outputs ${SAME[$n]}"$'\n'; done

table=$(python3 - "$raw" "$pages_arg" <<'PYEOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
pages = dict(p.split("=") for p in sys.argv[2].split())
KEYS = ("wall", "user", "sys", "maxrss_kb")
def runs(n, tool, key):
    return {r["round"]: float(r[key]) for r in rows if r["n"] == n and r["tool"] == tool}
def med(n, tool, key):
    v = list(runs(n, tool, key).values())
    return statistics.median(v) if v else None
def ratio(a, b):
    return f"{a / b:.3f}" if a is not None and b else "–"
print("| N | binary | pages | wall s | user s | sys s | peak RSS MB | wall new/base | user new/base | sys new/base | RSS new/base |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
lines = []
for n in dict.fromkeys(r["n"] for r in rows):
    bp, np_ = pages[n].split("/")
    for kind in ("", "-again"):
        base, new = "baseline" + kind, "new" + kind
        if med(n, base, "wall") is None:
            continue
        label = "mekong again" if kind else "mekong"
        b = [med(n, base, k) for k in KEYS]
        m = [med(n, new, k) for k in KEYS]
        print(f"| {int(n):,} | {label} (baseline) | {int(bp):,} | {b[0]:.2f} | {b[1]:.2f} | {b[2]:.2f} | {b[3] / 1024:.0f} | 1 | 1 | 1 | 1 |")
        print(f"| {int(n):,} | {label} (new) | {int(np_):,} | {m[0]:.2f} | {m[1]:.2f} | {m[2]:.2f} | {m[3] / 1024:.0f} | "
              + " | ".join(ratio(x, y) for x, y in zip(m, b)) + " |")
        # Paired: each round's new/baseline ratio, then their median and range. The two
        # runs of a round are seconds apart, so this cancels slow drifts of the load.
        paired = []
        for key in ("wall", "user"):
            bw, nw = runs(n, base, key), runs(n, new, key)
            q = sorted(nw[r] / bw[r] for r in bw if r in nw and bw[r] > 0)
            if q:
                paired.append(f"{key} {statistics.median(q):.3f} ({q[0]:.3f}–{q[-1]:.3f})")
        lines.append(f"- {int(n):,} articles{', again' if kind else ''}: new/baseline per round, median (range): " + ", ".join(paired))
print()
print("\n".join(lines))
PYEOF
)

{
    echo "$header"
    echo
    echo "$table"
    echo
    printf '%s' "$same_notes"
} >"$summary"

echo
echo "medians of $RUNS runs; pages: .html files written; ratios: new / baseline (below 1: new is faster or smaller)"
echo
echo "$table"
echo
printf '%s' "$same_notes"
echo
echo "saved: $summary (per-run figures in $raw)"
