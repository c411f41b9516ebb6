#!/usr/bin/env bash
# Heading ids stay linear: one article with 20,000 headings of one title against one
# with 20,000 different titles, built alternately; medians and their ratio.
#
#   bash bench/headings.sh              20,000 headings, 5 rounds
#   COUNT=50000 ROUNDS=3 bash bench/headings.sh
set -euo pipefail

COUNT=${COUNT:-20000}
ROUNDS=${ROUNDS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d -t mekong-headings.XXXXXX)
trap 'rm -rf "$work"' EXIT

(cd "$root" && cargo build --quiet --release)
mekong="$root/target/release/mekong"

for kind in same different; do
    site="$work/$kind"
    mkdir -p "$site/content/news/long"
    printf 'base_url: https://example.gov.vn\ndefault_language: vi\nlanguages:\n  vi: { name: "Tiếng Việt", title: "Cổng thông tin" }\n' >"$site/site.yaml"
    python3 - "$site/content/news/long/index.vi.md" "$kind" "$COUNT" <<'PY'
import sys
path, kind, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "w", encoding="utf-8") as out:
    out.write('---\ntitle: "Bài dài"\ndate: 2024-01-01\n---\n')
    for i in range(count):
        title = "Tin tức" if kind == "same" else f"Tin tức số {i}"
        out.write(f"## {title}\n\nĐoạn văn.\n\n")
PY
done

declare -A times
for round in $(seq 1 "$ROUNDS"); do
    # Alternate which site goes first so a busy machine hurts both alike.
    if ((round % 2)); then order="same different"; else order="different same"; fi
    for kind in $order; do
        start=$(date +%s.%N)
        "$mekong" --root "$work/$kind" build >/dev/null
        end=$(date +%s.%N)
        times[$kind]+="$(python3 -c "print(round($end - $start, 3))") "
    done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
same=$(echo "${times[same]}" | median)
different=$(echo "${times[different]}" | median)
printf '%s headings, %s rounds (medians, seconds)\n' "$COUNT" "$ROUNDS"
printf '  one title repeated: %.3f   (runs: %s)\n' "$same" "${times[same]}"
printf '  all different:      %.3f   (runs: %s)\n' "$different" "${times[different]}"
printf '  ratio same/different: %.2f\n' "$(python3 -c "print($same / $different)")"
