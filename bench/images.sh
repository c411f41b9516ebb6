#!/usr/bin/env bash
# Times mekong's image pipeline against Hugo's on the same large photos, cold and warm.
#
#   bash bench/images.sh                 50 photos of 4000×3000, 3 rounds
#   ROUNDS=5 COUNT=20 bash bench/images.sh
#   WORK=/tmp/imgbench bash bench/images.sh   keep (and reuse) the photos there
#
# Each photo gets what an article's image gets: widths 480, 960 and 1600 in JPEG and WebP
# at quality 80, and a 1200×630 card: 350 files for 50 photos. Both tools resize with
# Lanczos3 (HUGO_FILTER=box times Hugo with its faster, softer default instead). Runs alternate between the tools (mekong first in odd rounds, Hugo first in
# even ones) so that a busy machine hurts both alike; medians are printed. Hugo runs only
# when `hugo` (extended, for WebP) is installed: `apt-get install -y hugo`.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
COUNT=${COUNT:-50}
WIDTH=${WIDTH:-4000}
HEIGHT=${HEIGHT:-3000}
HUGO_FILTER=${HUGO_FILTER:-lanczos}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d -t mekong-imgbench.XXXXXX)}
mkdir -p "$work"

echo "building the benchmark (cargo build --release --example image_bench)…"
(cd "$root" && cargo build --quiet --release --example image_bench)
bench="$root/target/release/examples/image_bench"

if [ ! -f "$work/photos/photo-$(printf %02d $((COUNT - 1))).jpg" ]; then
    rm -rf "$work/photos"
    "$bench" write "$work/photos" "$COUNT" "$WIDTH" "$HEIGHT"
fi

have_hugo=false
if command -v hugo >/dev/null 2>&1; then
    if hugo version | grep -q extended; then
        have_hugo=true
    else
        echo "hugo is not the extended edition (no WebP encoder): skipping it"
    fi
else
    echo "hugo not installed (apt-get install -y hugo): timing mekong alone"
fi

if $have_hugo; then
    site="$work/hugo"
    rm -rf "$site"
    mkdir -p "$site/content/photos" "$site/layouts/_default"
    cat >"$site/config.toml" <<EOF
baseURL = "https://example.gov.vn/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[imaging]
  resampleFilter = "$HUGO_FILTER"
  quality = 80
  anchor = "center"
EOF
    printf -- '---\ntitle: "Photos"\n---\n' >"$site/content/photos/index.md"
    for photo in "$work"/photos/*.jpg; do
        ln "$photo" "$site/content/photos/" 2>/dev/null || cp "$photo" "$site/content/photos/"
    done
    cat >"$site/layouts/_default/single.html" <<'EOF'
{{ range .Resources.ByType "image" }}{{ $img := . }}
{{ range slice 480 960 1600 }}{{ ($img.Resize (printf "%dx jpg q80" .)).RelPermalink }} {{ ($img.Resize (printf "%dx webp q80" .)).RelPermalink }}
{{ end }}{{ ($img.Fill "1200x630 jpg q80 Center").RelPermalink }}
{{ end }}
EOF
    cp "$site/layouts/_default/single.html" "$site/layouts/_default/list.html"
fi

# time_run NAME KIND COMMAND...: runs COMMAND, appends "wall cpu" to $work/NAME-KIND.
time_run() {
    local name=$1 kind=$2
    shift 2
    local t
    t=$( { TIMEFORMAT='%R %U %S'; time "$@" >"$work/$name-$kind.log" 2>&1; } 2>&1 ) || {
        echo "$name $kind failed:"; cat "$work/$name-$kind.log"; exit 1
    }
    read -r wall user sys <<<"$t"
    echo "$wall $(echo "$user + $sys" | bc)" >>"$work/$name-$kind.times"
    printf '  %-6s %-4s wall %6.2f s  cpu %6.2f s\n' "$name" "$kind" "$wall" "$(echo "$user + $sys" | bc)"
}

run_mekong() {
    rm -rf "$work/mekong-cache"
    time_run mekong cold "$bench" run "$work/photos" "$work/mekong-cache"
    time_run mekong warm "$bench" run "$work/photos" "$work/mekong-cache"
}

run_hugo() {
    rm -rf "$site/resources" "$site/public"
    time_run hugo cold hugo --source "$site" --quiet
    time_run hugo warm hugo --source "$site" --quiet
}

rm -f "$work"/*.times
echo "photos: $COUNT of ${WIDTH}×${HEIGHT} in $work/photos; $ROUNDS rounds; $(nproc) cores"
for round in $(seq 1 "$ROUNDS"); do
    echo "round $round"
    if $have_hugo && [ $((round % 2)) -eq 0 ]; then
        run_hugo
        run_mekong
    else
        run_mekong
        if $have_hugo; then run_hugo; fi
    fi
done

# median FILE COLUMN
median() {
    cut -d' ' -f"$2" "$1" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "medians of $ROUNDS rounds (seconds)"
printf '%-12s %10s %10s\n' "" wall cpu
for name in mekong hugo; do
    for kind in cold warm; do
        f="$work/$name-$kind.times"
        [ -f "$f" ] || continue
        printf '%-12s %10s %10s\n' "$name $kind" "$(median "$f" 1)" "$(median "$f" 2)"
    done
done
if $have_hugo; then
    for kind in cold warm; do
        for col in 1 2; do
            m=$(median "$work/mekong-$kind.times" $col)
            h=$(median "$work/hugo-$kind.times" $col)
            label=$([ $col = 1 ] && echo wall || echo cpu)
            printf 'hugo / mekong, %s %s: %sx\n' "$kind" "$label" "$(echo "scale=2; $h / $m" | bc)"
        done
    done
    echo "output bytes: mekong $(du -sb "$work/mekong-cache" | cut -f1), hugo $(du -sb "$site/resources/_gen/images" | cut -f1)"
fi
echo "work folder: $work"
