#!/bin/sh
# Rebuilds the default theme's Lao web fonts, themes/default/static/fonts/
# NotoSansLao-{Regular,Bold}.woff2, from the upstream TTFs in Debian's fonts-noto-core.
#
#   tools/make-lao-font.sh           rebuild the two WOFF2 files in place
#   tools/make-lao-font.sh --check   rebuild into a temporary folder and fail unless the
#                                    result equals the committed files byte for byte
#
# Needs: Debian (apt-get download, dpkg-deb; `apt-get update` done once), python3 with
# venv, and a reachable PyPI. Root is not needed. Every input is pinned: the Debian
# package version, the sha256 of the package and of both TTFs, and the versions of
# fontTools, brotli (WOFF2 compression) and uharfbuzz (the shaping check). With the
# same inputs the output is the same bytes; themes/default/static/fonts/README.md
# records the sums.
#
# What the subset keeps, and why (see that README for the longer version):
#   U+0E80-0EFF  the Lao block: letters, vowels, tone marks, Lao digits, ຯ ໆ ໜ ໝ
#   U+20AD       ₭, the kip sign, which Lao prices use
#   U+200B-200D  ZWSP (word boundaries in unspaced Lao text), ZWNJ, ZWJ
#   U+25CC       ◌, the base HarfBuzz draws a stray tone mark or vowel on
#   U+0020 U+00A0  space and no-break space: empty glyphs the shaper needs (it draws
#                default-ignorables such as ZWSP as a zero-width space glyph)
# That is the whole upstream repertoire except NULL and CR. Latin letters, ASCII digits
# and punctuation are not in the upstream font at all and come from the reader's own
# sans-serif; the CSS unicode-range never names ASCII.
# All layout features stay (GSUB ccmp for the decomposed sara am, GPOS mark and mkmk
# for tone marks above upper vowels); hinting is dropped (ttfautohint bytecode is most
# of the file and modern renderers ignore it at text sizes).
set -eu

NOTO_PACKAGE=fonts-noto-core
NOTO_VERSION=20201225-1
NOTO_DEB_SHA256=58f4f0bb6720f919f92096b3508e1412a0f1544424ade6c5b5bf1eb694dd64ba
REGULAR_TTF_SHA256=6c3de7db369e85cba20255d161eeeb3d934ea3c4c51e2574c2ddcce79a25025c
BOLD_TTF_SHA256=b87a8592f1cdd8b15e1e827967afd45a8c5ffc1123773bc4bd023fe1ccecd321
FONTTOOLS_VERSION=4.60.1
BROTLI_VERSION=1.1.0
UHARFBUZZ_VERSION=0.51.1
UNICODES=U+0020,U+00A0,U+0E80-0EFF,U+200B-200D,U+20AD,U+25CC
MAX_BYTES=30720

here=$(cd "$(dirname "$0")/.." && pwd)
fonts="$here/themes/default/static/fonts"

mode=write
case "${1:-}" in
    "") ;;
    --check) mode=check ;;
    *)
        echo "usage: tools/make-lao-font.sh [--check]" >&2
        exit 2
        ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/make-lao-font.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

fail() {
    echo "make-lao-font: $*" >&2
    exit 1
}

verify() { # FILE SHA256
    actual=$(sha256sum "$1" | cut -d' ' -f1)
    [ "$actual" = "$2" ] || fail "$1: sha256 $actual, expected $2 (a different upstream file)"
}

echo "make-lao-font: $NOTO_PACKAGE $NOTO_VERSION from Debian"
(cd "$work" && apt-get download -q "$NOTO_PACKAGE=$NOTO_VERSION") ||
    fail "apt-get download $NOTO_PACKAGE=$NOTO_VERSION failed (run apt-get update; the pinned version is Debian 12's)"
deb="$work/${NOTO_PACKAGE}_${NOTO_VERSION}_all.deb"
verify "$deb" "$NOTO_DEB_SHA256"
dpkg-deb -x "$deb" "$work/deb"
ttf_dir="$work/deb/usr/share/fonts/truetype/noto"
verify "$ttf_dir/NotoSansLao-Regular.ttf" "$REGULAR_TTF_SHA256"
verify "$ttf_dir/NotoSansLao-Bold.ttf" "$BOLD_TTF_SHA256"

echo "make-lao-font: fontTools $FONTTOOLS_VERSION, brotli $BROTLI_VERSION, uharfbuzz $UHARFBUZZ_VERSION in a venv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check \
    "fonttools==$FONTTOOLS_VERSION" "brotli==$BROTLI_VERSION" "uharfbuzz==$UHARFBUZZ_VERSION"

out="$work/out"
mkdir -p "$out"
for weight in Regular Bold; do
    # --name-IDs='*' keeps the copyright, trademark and licence records (name IDs 0, 7,
    # 13, 14) inside the file, as the OFL asks of every copy. The modified-time stamp
    # is left as upstream wrote it, so the output does not depend on the clock.
    "$work/venv/bin/pyftsubset" "$ttf_dir/NotoSansLao-$weight.ttf" \
        --unicodes="$UNICODES" \
        --layout-features='*' \
        --name-IDs='*' \
        --no-hinting \
        --flavor=woff2 \
        --output-file="$out/NotoSansLao-$weight.woff2"
done

# The subset must draw Lao exactly as the upstream font does: same cmap for the Lao
# block, same layout features, and the same glyphs at the same positions when shaped.
"$work/venv/bin/python" - "$ttf_dir" "$out" "$MAX_BYTES" <<'EOF'
import io
import os
import sys

import uharfbuzz as hb
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

ttf_dir, out, max_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3])

# Words that exercise what Lao shaping needs: a tone mark stacked on an upper vowel
# (mkmk), tone marks on consonants with and without vowels (mark), sara am decomposed
# around a tone mark (ccmp), the ligature-like ໜ ໝ, a lone mark on ◌, digits, kip.
SAMPLES = [
    "ກີ້", "ນ້ຳ", "ຄຳ", "ເຂົ້າ", "ສູ້", "ປີ່", "ພໍ່", "ແມ່ນ້ຳຂອງ", "ໜ້າ", "ໝູ່",
    "ສະບາຍດີ", "ປະເທດລາວ", "ວຽງຈັນ", "ຫຼວງພະບາງ", "◌ິ", "໐໑໒໓໔໕໖໗໘໙", "໕໐໐໐ ₭",
    "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ",
]


def features(font, tag):
    return sorted({r.FeatureTag for r in font[tag].table.FeatureList.FeatureRecord})


def shape(data, text):
    """(glyph id, x advance, x offset, y offset) for each glyph HarfBuzz sets."""
    font = hb.Font(hb.Face(data))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    return [
        (i.codepoint, p.x_advance, p.x_offset, p.y_offset)
        for i, p in zip(buf.glyph_infos, buf.glyph_positions)
    ]


def drawn(font, shaped):
    """The shaped run as outlines and positions: comparable across fonts whose glyph
    ids and names differ (the subset renumbers glyphs and drops their names)."""
    order, glyphs = font.getGlyphOrder(), font.getGlyphSet()
    result = []
    for gid, advance, dx, dy in shaped:
        # Composites drawn out, since their component names differ too.
        pen = DecomposingRecordingPen(glyphs)
        glyphs[order[gid]].draw(pen)
        result.append((tuple(pen.value), advance, dx, dy))
    return result


for weight in ("Regular", "Bold"):
    source_path = os.path.join(ttf_dir, f"NotoSansLao-{weight}.ttf")
    subset_path = os.path.join(out, f"NotoSansLao-{weight}.woff2")
    size = os.path.getsize(subset_path)
    if size > max_bytes:
        sys.exit(f"{subset_path}: {size} bytes, more than {max_bytes}")
    source = TTFont(source_path)
    subset = TTFont(subset_path)
    lao = {c: g for c, g in source.getBestCmap().items() if 0x0E80 <= c <= 0x0EFF}
    kept = subset.getBestCmap()
    lost = sorted(c for c in lao if c not in kept)
    if lost:
        sys.exit(f"{subset_path}: lost Lao code points {[hex(c) for c in lost]}")
    for tag in ("GSUB", "GPOS"):
        if features(subset, tag) != features(source, tag):
            sys.exit(f"{subset_path}: {tag} features {features(subset, tag)}, upstream {features(source, tag)}")
    if any(t in subset for t in ("fpgm", "prep", "cvt ")):
        sys.exit(f"{subset_path}: hinting tables are still there")
    # HarfBuzz reads TrueType, not WOFF2: decompress the subset in memory.
    subset.flavor = None
    plain = io.BytesIO()
    subset.save(plain)
    with open(source_path, "rb") as f:
        upstream = f.read()
    decompressed = TTFont(io.BytesIO(plain.getvalue()))
    for text in SAMPLES:
        want = drawn(source, shape(upstream, text))
        got = drawn(decompressed, shape(plain.getvalue(), text))
        if want != got:
            sys.exit(f"{subset_path}: {text!r} is drawn differently from upstream")
    # The comparison only means something if the features act: over an upper vowel
    # (ກີ້) the tone mark is another glyph or sits elsewhere than over a bare ກ້, and
    # marks are moved off their default place.
    over_vowel = drawn(decompressed, shape(plain.getvalue(), "ກີ້"))[-1]
    over_consonant = drawn(decompressed, shape(plain.getvalue(), "ກ້"))[-1]
    if over_vowel == over_consonant:
        sys.exit(f"{subset_path}: the tone mark does not move over an upper vowel")
    if not any(dx or dy for text in SAMPLES for _, _, dx, dy in shape(plain.getvalue(), text)):
        sys.exit(f"{subset_path}: GPOS positions no mark")
    print(f"make-lao-font: {os.path.basename(subset_path)} {size} bytes, "
          f"{len(subset.getGlyphOrder())} glyphs, GSUB {features(subset, 'GSUB')}, "
          f"GPOS {features(subset, 'GPOS')}, {len(SAMPLES)} samples shape as upstream")
EOF

if [ "$mode" = check ]; then
    for weight in Regular Bold; do
        cmp "$out/NotoSansLao-$weight.woff2" "$fonts/NotoSansLao-$weight.woff2" ||
            fail "NotoSansLao-$weight.woff2 differs from the committed file"
    done
    echo "make-lao-font: the committed fonts are what this script makes"
else
    mkdir -p "$fonts"
    cp "$out"/NotoSansLao-Regular.woff2 "$out"/NotoSansLao-Bold.woff2 "$fonts/"
fi
(cd "$out" && sha256sum NotoSansLao-Regular.woff2 NotoSansLao-Bold.woff2)
