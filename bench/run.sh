#!/usr/bin/env bash
# Full-site build benchmark: mekong against Hugo on the same synthetic trilingual site.
#
#   bench/run.sh                                  1,000 and 10,000 articles, 5 runs each
#   bench/run.sh --sizes "1000 10000 50000" --runs 5
#   bench/run.sh --sizes 1000 --runs 3 --images 50
#
# For each size, bench/gensite.py writes the site twice, in mekong's format and in
# Hugo's (cached in bench/.work/sites/, regenerated when gensite.py changes). The Hugo
# site gets the templates in bench/hugo/ (the same pages, listings, switcher, hreflang,
# pagination, related articles, feeds and 404 as mekong's default theme) and mekong's
# static files. Both are built once to check them and count their pages (this is also
# the warm-up), then RUNS rounds alternate mekong and Hugo (mekong first in odd rounds,
# Hugo first in even ones), each round followed by the I/O floor: `cat` of every
# input file to /dev/null and `cp -r` of mekong's output. Each tool also builds a
# second time over its own output with nothing changed (rows "mekong-again" and
# "hugo-again": an editor's next build). Every run is timed by `/usr/bin/time -v`
# (wall, user, sys, peak RSS); the output folder is deleted and `sync`ed before each
# first run, outside the timing. Medians are printed, with the ratios
# mekong/Hugo and mekong/floor, as a Markdown table (also saved in bench/.work/results/).
# When Hugo fails, or would not fit in memory judging by the previous size (Hugo holds
# the whole site in memory), mekong and the floor are still timed and a note says why.
#
# Needs: cargo, python3 (3.11+), GNU time and Hugo. Missing Hugo or GNU time are
# installed with apt-get (root or sudo). Disk: about 0.4 MB per article in bench/.work
# (50,000 articles: some 20 GB). BENCH_WORK=DIR puts the work folder elsewhere.
set -euo pipefail

SIZES="1000 10000"
RUNS=5
IMAGES=0
FORCE=false
AGAIN=true

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    cat <<EOF
Options:
  --sizes "N ..."   article counts to benchmark (default "$SIZES")
  --runs N          timed runs of each tool per size (default $RUNS)
  --images K        give the first K articles a 1600x1000 cover (default $IMAGES)
  --force           run Hugo even when its memory, scaled from the previous size,
                    would not fit in the memory available now
  --no-again        skip the second build over the tool's own output
  -h, --help        this text
EOF
}

while [ $# -gt 0 ]; do
    case $1 in
        --sizes) SIZES=$2; shift 2 ;;
        --sizes=*) SIZES=${1#*=}; shift ;;
        --runs) RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#*=}; shift ;;
        --images) IMAGES=$2; shift 2 ;;
        --images=*) IMAGES=${1#*=}; shift ;;
        --force) FORCE=true; shift ;;
        --no-again) AGAIN=false; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
case $RUNS in ''|*[!0-9]*|0) echo "run.sh: --runs needs a positive number" >&2; exit 2 ;; esac
case $IMAGES in ''|*[!0-9]*) echo "run.sh: --images needs a number" >&2; exit 2 ;; esac
for n in $SIZES; do
    case $n in ''|*[!0-9]*|0) echo "run.sh: --sizes needs positive numbers, not '$n'" >&2; exit 2 ;; esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-$root/bench/.work}
mkdir -p "$work"
work=$(cd "$work" && pwd)

# --- tools -----------------------------------------------------------------------

apt_install() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
            echo "run.sh: please install $* (apt-get install -y $*)" >&2; exit 1
        fi
    fi
    echo "installing $* with apt-get…"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

missing=()
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
for tool in cargo python3; do
    command -v $tool >/dev/null 2>&1 || { echo "run.sh: $tool is needed" >&2; exit 1; }
done

echo "building mekong (cargo build --release)…"
(cd "$root" && cargo build --release --quiet)
# A private copy, so that a rebuild in the working tree cannot swap binaries mid-run.
mkdir -p "$work/bin"
cp "$root/target/release/mekong" "$work/bin/mekong"
mekong="$work/bin/mekong"

hugo_version=$(hugo version)
hugo_minor=$(echo "$hugo_version" | sed -n 's/^hugo v0\.\([0-9]*\)\..*/\1/p')
hugo_minor=${hugo_minor:-999}
mekong_version="$(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown)"

# Settings the Hugo site needs besides gensite's hugo.toml, in this Hugo's spelling.
# Outputs match mekong's: feeds for the home page and sections only, no feeds per term.
hugo_extra_config() {
    if [ "$hugo_minor" -lt 128 ]; then echo "paginate = 10"; fi
    if [ "$hugo_minor" -lt 114 ]; then echo "rssLimit = 20"; fi
    cat <<'EOF'
enableRobotsTXT = true
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML"]
  page = ["HTML"]
EOF
    if [ "$hugo_minor" -ge 114 ]; then printf '[services.rss]\n  limit = 20\n'; fi
}

# --- helpers ---------------------------------------------------------------------

# timed, clean, count and oom_first: the timing method every bench script shares.
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

mem_available_kb() { awk '/^MemAvailable:/ {print $2}' /proc/meminfo; }

stamp_of() {
    { cat "$root/bench/gensite.py"; echo "articles=$1 images=$IMAGES seed=1"; } | sha256sum | cut -c1-16
}

# --- benchmark -------------------------------------------------------------------

results="$work/results"
mkdir -p "$results"
summary="$results/summary-$(date +%Y%m%d-%H%M%S).md"
raw="${summary%.md}.tsv"
printf 'n\ttool\tround\twall\tuser\tsys\tmaxrss_kb\n' >"$raw"
header=$(
    echo "machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(awk '/^MemTotal:/ {printf "%d", $2 / 1048576}' /proc/meminfo) GiB RAM, $(uname -sr)"
    echo "mekong $mekong_version, $(rustc --version)"
    echo "$hugo_version"
    echo "runs: $RUNS per tool and size, alternating; covers: $IMAGES; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
)
echo "$header"

declare -A PAGES NOTE
last_n=0
last_hugo_rss=0

for n in $SIZES; do
    site="$work/sites/$n-i$IMAGES"
    msite="$site/mekong"
    hsite="$site/hugo"
    stamp=$(stamp_of "$n")
    if [ "$(cat "$site/stamp" 2>/dev/null || true)" != "$stamp" ]; then
        need_mb=$(( n * 2 / 5 + 200 ))
        avail_mb=$(df -Pm "$work" | awk 'NR == 2 {print $4}')
        if [ "$avail_mb" -lt "$need_mb" ]; then
            echo "run.sh: $n articles need about $need_mb MB in $work; $avail_mb MB free" >&2
            exit 1
        fi
        echo
        echo "== $n articles: generating the sites in $site"
        rm -rf "$site"
        mkdir -p "$site"
        python3 "$root/bench/gensite.py" --articles "$n" --images "$IMAGES" \
            --out "$msite" --hugo "$hsite"
        echo "$stamp" >"$site/stamp"
    fi

    # The Hugo side's templates, strings, static files and extra settings, fresh each time.
    rm -rf "$hsite/layouts" "$hsite/i18n" "$hsite/static"
    cp -r "$root/bench/hugo/layouts" "$root/bench/hugo/i18n" "$hsite/"
    cp -r "$root/themes/default/static" "$hsite/static"
    hugo_extra_config >"$hsite/bench.toml"

    out="$work/out"
    mout="$out/mekong"; hout="$out/hugo"; fout="$out/floor"; ref="$out/reference"
    cmd_mekong=("${oom_first[@]}" "$mekong" --root "$msite" build --output "$mout")
    cmd_hugo=("${oom_first[@]}" hugo --source "$hsite" --destination "$hout"
        --config hugo.toml,bench.toml --quiet)
    # The I/O floor: read every input file, copy what mekong produced.
    cmd_floor=(bash -c 'find "$1" -type f -print0 | xargs -0 cat >/dev/null && cp -r "$2" "$3"' \
        floor "$msite/content" "$ref" "$fout")

    echo
    echo "== $n articles: checking both builds (also the warm-up)"
    clean "$out"
    mkdir -p "$out"
    timed "$out/check-mekong.log" "${cmd_mekong[@]}" >/dev/null || exit 1
    tail -n 1 "$out/check-mekong.log"
    m_html=$(count "$mout" '*.html')
    echo "mekong: $m_html .html files, $(count "$mout" '*.xml') .xml, $(du -sm "$mout" | cut -f1) MB"
    mv "$mout" "$ref"

    # Hugo holds the whole site in memory. Rather than push a shared machine into the
    # out-of-memory killer, skip it when the previous size says it will not fit.
    tools="mekong hugo"
    avail=$(mem_available_kb)
    guess=0
    if [ "$last_n" -gt 0 ]; then guess=$(( last_hugo_rss / last_n * n )); fi
    if ! $FORCE && [ "$guess" -gt $(( avail * 9 / 10 )) ]; then
        NOTE[$n]="Hugo not run: it would need about $(( guess / 1048576 )) GiB (scaled from $last_n articles), $(( avail / 1048576 )) GiB are available"
        echo "hugo:   ${NOTE[$n]}; --force runs it anyway"
        tools="mekong"
    elif res=$(timed "$out/check-hugo.log" "${cmd_hugo[@]}"); then
        h_html=$(count "$hout" '*.html')
        h_alias=$(find "$hout" -path '*/page/1/index.html' -type f | wc -l)
        echo "hugo:   $h_html .html files ($h_alias of them page/1/ redirects, and /index.html)," \
            "$(count "$hout" '*.xml') .xml, $(du -sm "$hout" | cut -f1) MB"
        PAGES[$n]="$m_html/$((h_html - h_alias - 1))"
        read -r _ _ _ rss <<<"$res"
        last_n=$n
        last_hugo_rss=$rss
    else
        cp "$out/check-hugo.log" "$results/hugo-failed-$n.log"
        NOTE[$n]="Hugo failed: $(grep -m1 -E 'Command (exited|terminated)' "$out/check-hugo.log.time" || echo error) (its output: $results/hugo-failed-$n.log)"
        tools="mekong"
    fi
    PAGES[$n]=${PAGES[$n]:-$m_html/–}
    clean "$hout"
    timed "$out/check-floor.log" "${cmd_floor[@]}" >/dev/null || exit 1

    echo "== $n articles: $RUNS rounds"
    for round in $(seq 1 "$RUNS"); do
        # mekong first in odd rounds, Hugo first in even ones; the floor last.
        order=$tools
        if [ $((round % 2)) -eq 0 ]; then order=$(echo "$tools" | awk '{ for (i = NF; i > 0; i--) printf "%s ", $i }'); fi
        line="round $round:"
        for tool in $order floor; do
            case $tool in
                mekong) dest=$mout; cmd=("${cmd_mekong[@]}") ;;
                hugo) dest=$hout; cmd=("${cmd_hugo[@]}") ;;
                floor) dest=$fout; cmd=("${cmd_floor[@]}") ;;
            esac
            clean "$dest"
            res=$(timed "$out/$tool.log" "${cmd[@]}") || exit 1
            read -r wall user sys rss <<<"$res"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$round" "$wall" "$user" "$sys" "$rss" >>"$raw"
            line+=$(printf '  %s %6.2fs %5dMB' "$tool" "$wall" $((rss / 1024)))
            if [ "$tool" != floor ] && [ "$AGAIN" = true ]; then
                # The same build once more over its own output, nothing changed: what
                # an editor's next build of the day costs.
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
    clean "$out"
done

# --- report ----------------------------------------------------------------------

pages_arg=""
notes=""
for n in $SIZES; do
    pages_arg+="$n=${PAGES[$n]} "
    if [ -n "${NOTE[$n]:-}" ]; then notes+="- $n articles: ${NOTE[$n]}"$'\n'; fi
done

table=$(python3 - "$raw" "$pages_arg" <<'PYEOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
pages = dict(p.split("=") for p in sys.argv[2].split())
def med(n, tool, key):
    v = [float(r[key]) for r in rows if r["n"] == n and r["tool"] == tool]
    return statistics.median(v) if v else None
print("| N | tool | pages | wall s | user s | sys s | peak RSS MB | wall vs Hugo | RSS vs Hugo | wall vs floor |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
lines = []
for n in dict.fromkeys(r["n"] for r in rows):
    mp, hp = pages[n].split("/")
    hw, hr, fw = med(n, "hugo", "wall"), med(n, "hugo", "maxrss_kb"), med(n, "floor", "wall")
    hw2, hr2 = med(n, "hugo-again", "wall"), med(n, "hugo-again", "maxrss_kb")
    for tool, p in (("mekong", mp), ("hugo", hp), ("mekong-again", mp), ("hugo-again", hp), ("floor", "")):
        w, u, s, r = (med(n, tool, k) for k in ("wall", "user", "sys", "maxrss_kb"))
        if w is None:
            if tool.endswith("-again"):
                continue
            print(f"| {int(n):,} | {tool} | – | – | – | – | – | – | – | – |")
            continue
        vs_hugo = rss_hugo = ""
        if tool == "mekong" and hw:
            vs_hugo, rss_hugo = f"{w / hw:.2f}", f"{r / hr:.2f}"
        elif tool == "mekong-again" and hw2:
            vs_hugo, rss_hugo = f"{w / hw2:.2f}", f"{r / hr2:.2f}"
        elif tool in ("hugo", "hugo-again"):
            vs_hugo = rss_hugo = "1"
        vs_floor = "1" if tool == "floor" else f"{w / fw:.1f}"
        rss = "–" if tool == "floor" else f"{r / 1024:.0f}"
        print(f"| {int(n):,} | {tool} | {p} | {w:.2f} | {u:.2f} | {s:.2f} | {rss} | {vs_hugo} | {rss_hugo} | {vs_floor} |")
    mw, mr = med(n, "mekong", "wall"), med(n, "mekong", "maxrss_kb")
    line = f"{int(n):>7,} articles: "
    if hw:
        line += f"mekong/Hugo wall {mw / hw:.2f}, peak RSS {mr / hr:.2f}; "
    else:
        line += f"mekong {mw:.2f} s, {mr / 1024:.0f} MB, no Hugo; "
    line += f"mekong/floor wall {mw / fw:.1f} (floor: cat inputs + cp -r output, {fw:.2f} s)"
    ma = med(n, "mekong-again", "wall")
    if ma and hw2:
        line += f"; again over its own output: mekong/Hugo wall {ma / hw2:.2f}"
    elif ma:
        line += f"; again over its own output: mekong {ma:.2f} s"
    lines.append(line)
print()
print("\n".join(lines))
PYEOF
)

{
    echo "$header"
    echo
    echo "$table"
    if [ -n "$notes" ]; then echo; printf '%s' "$notes"; fi
} >"$summary"

echo
echo "medians of $RUNS runs; pages: .html files written (Hugo's page/1/ redirects left out)"
echo
echo "$table"
if [ -n "$notes" ]; then echo; printf '%s' "$notes"; fi
echo
echo "saved: $summary (per-run figures in $raw)"
