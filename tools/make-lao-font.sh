#!/bin/sh
# Rebuilds the default theme's Lao web fonts from the upstream TTFs in Debian's
# fonts-noto-core:
#   themes/default/static/fonts/NotoSansLao-{Regular,Bold}.woff2, the Lao faces;
#   the block between the `make-lao-font: begin` and `make-lao-font: end` comments in
#   themes/default/static/css/site.css: an @font-face with the glyphs of the Lao
#   language's name only, inline as a data: URL, so that Vietnamese and English pages,
#   whose one Lao word is that name (in the language switcher and footer), fetch no font.
#
#   tools/make-lao-font.sh           rebuild the two WOFF2 files and the CSS block in place
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
# The name face is the regular face cut down to the letters of LAO_NAME, the Lao
# language's name as the site configuration writes it, plus the space (for the
# shaper), with the same options; its unicode-range lists those letters only.
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
LAO_NAME=ພາສາລາວ
NAME_FAMILY="Mekong Lao Name"
NAME_MAX_BYTES=2048

here=$(cd "$(dirname "$0")/.." && pwd)
fonts="$here/themes/default/static/fonts"
css="$here/themes/default/static/css/site.css"
# The name is passed to Python as an argument: read it as UTF-8 whatever the locale.
export PYTHONUTF8=1

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
"$work/venv/bin/pyftsubset" "$ttf_dir/NotoSansLao-Regular.ttf" \
    --text="$LAO_NAME" \
    --unicodes=U+0020 \
    --layout-features='*' \
    --name-IDs='*' \
    --no-hinting \
    --output-file="$work/lao-name.ttf"
# The name face is a fragment of five characters, not Noto Sans Lao: it takes its CSS
# family as its own name, so that nothing (a browser's font report, a font tool) takes
# one for the other. Copyright, trademark, licence and version records stay as they are.
"$work/venv/bin/python" - "$work/lao-name.ttf" "$out/MekongLaoName-Regular.woff2" "$NAME_FAMILY" <<'EOF'
import sys

from fontTools.ttLib import TTFont

source, target, family = sys.argv[1:4]
postscript = family.replace(" ", "") + "-Regular"
font = TTFont(source, recalcTimestamp=False)
version = font["name"].getDebugName(3).split(";")[0]
names = {1: family, 3: f"{version};{postscript}", 4: f"{family} Regular", 6: postscript}
for record in font["name"].names:
    if record.nameID in names:
        record.string = names[record.nameID]
font.flavor = "woff2"
font.save(target)
EOF

# The subset must draw Lao exactly as the upstream font does: same cmap for the Lao
# block, same layout features, and the same glyphs at the same positions when shaped.
"$work/venv/bin/python" - "$ttf_dir" "$out" "$MAX_BYTES" "$LAO_NAME" "$NAME_MAX_BYTES" "$NAME_FAMILY" <<'EOF'
import io
import os
import sys

import uharfbuzz as hb
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

ttf_dir, out, max_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
lao_name, name_max_bytes, name_family = sys.argv[4], int(sys.argv[5]), sys.argv[6]

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


def plain_bytes(font):
    """The font as TrueType bytes: HarfBuzz reads TrueType, not WOFF2."""
    font.flavor = None
    plain = io.BytesIO()
    font.save(plain)
    return plain.getvalue()


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
    plain = plain_bytes(subset)
    with open(source_path, "rb") as f:
        upstream = f.read()
    decompressed = TTFont(io.BytesIO(plain))
    for text in SAMPLES:
        want = drawn(source, shape(upstream, text))
        got = drawn(decompressed, shape(plain, text))
        if want != got:
            sys.exit(f"{subset_path}: {text!r} is drawn differently from upstream")
    # The comparison only means something if the features act: over an upper vowel
    # (ກີ້) the tone mark is another glyph or sits elsewhere than over a bare ກ້, and
    # marks are moved off their default place.
    over_vowel = drawn(decompressed, shape(plain, "ກີ້"))[-1]
    over_consonant = drawn(decompressed, shape(plain, "ກ້"))[-1]
    if over_vowel == over_consonant:
        sys.exit(f"{subset_path}: the tone mark does not move over an upper vowel")
    if not any(dx or dy for text in SAMPLES for _, _, dx, dy in shape(plain, text)):
        sys.exit(f"{subset_path}: GPOS positions no mark")
    print(f"make-lao-font: {os.path.basename(subset_path)} {size} bytes, "
          f"{len(subset.getGlyphOrder())} glyphs, GSUB {features(subset, 'GSUB')}, "
          f"GPOS {features(subset, 'GPOS')}, {len(SAMPLES)} samples shape as upstream")

# The name face: the letters of the name and the space, nothing else, and the name
# drawn exactly as the full regular face draws it (so on Lao pages, which use the full
# face, and on the others, which use this one, it looks the same).
source_path = os.path.join(ttf_dir, "NotoSansLao-Regular.ttf")
name_path = os.path.join(out, "MekongLaoName-Regular.woff2")
size = os.path.getsize(name_path)
if size > name_max_bytes:
    sys.exit(f"{name_path}: {size} bytes, more than {name_max_bytes}")
source = TTFont(source_path)
name_face = TTFont(name_path)
want_cmap = {ord(c) for c in lao_name} | {0x20}
if not all(0x0E80 <= ord(c) <= 0x0EFF for c in lao_name):
    sys.exit(f"LAO_NAME {lao_name!r} has characters outside the Lao block")
if set(name_face.getBestCmap()) != want_cmap:
    sys.exit(f"{name_path}: maps {sorted(map(hex, name_face.getBestCmap()))}, "
             f"expected {sorted(map(hex, want_cmap))}")
if any(t in name_face for t in ("fpgm", "prep", "cvt ")):
    sys.exit(f"{name_path}: hinting tables are still there")
if name_face["name"].getDebugName(1) != name_family:
    sys.exit(f"{name_path}: named {name_face['name'].getDebugName(1)!r}, not {name_family!r}")
for name_id in (0, 7, 13, 14):
    if name_face["name"].getDebugName(name_id) != source["name"].getDebugName(name_id):
        sys.exit(f"{name_path}: name record {name_id} differs from upstream")
plain = plain_bytes(name_face)
with open(source_path, "rb") as f:
    upstream = f.read()
for text in (lao_name, f"{lao_name} {lao_name}"):
    if drawn(source, shape(upstream, text)) != drawn(TTFont(io.BytesIO(plain)), shape(plain, text)):
        sys.exit(f"{name_path}: {text!r} is drawn differently from upstream")
print(f"make-lao-font: MekongLaoName-Regular.woff2 {size} bytes, "
      f"{len(name_face.getGlyphOrder())} glyphs, {lao_name} shapes as upstream")
EOF

# The CSS block around the name face, written to $out/lao-name.css; then either put
# in place in site.css or compared with what site.css holds.
"$work/venv/bin/python" - "$mode" "$css" "$out" "$LAO_NAME" "$NAME_FAMILY" <<'EOF'
import base64
import os
import sys

mode, css_path, out, lao_name, family = sys.argv[1:6]
BEGIN = "/* make-lao-font: begin."
END = "/* make-lao-font: end */"

with open(os.path.join(out, "MekongLaoName-Regular.woff2"), "rb") as f:
    data = base64.b64encode(f.read()).decode("ascii")


def ranges(code_points):
    """U+XXXX for a lone code point, U+XXXX-YYYY for a run."""
    runs = []
    for c in sorted(code_points):
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in runs)


block = f"""{BEGIN} Written by tools/make-lao-font.sh: change the script, not this block. */
/* The Lao language's name, {lao_name}, as the switcher and footer of Vietnamese and English pages
   show it: its letters from Noto Sans Lao Regular (Copyright 2017 Google Inc.; SIL Open Font License 1.1,
   fonts/OFL.txt), inline so that those pages fetch no font. The space is in the face but not in
   unicode-range: spaces come from the reader's font, as on Lao pages. font-display: block, as
   the data is already here: there is no wait worth drawing another font for. */
@font-face {{
  font-family: "{family}"; font-style: normal; font-weight: 400; font-display: block;
  src: url(data:font/woff2;base64,{data}) format("woff2");
  unicode-range: {ranges({ord(c) for c in lao_name})};
}}
{END}
"""
with open(os.path.join(out, "lao-name.css"), "w", encoding="utf-8") as f:
    f.write(block)

with open(css_path, encoding="utf-8") as f:
    css = f.read()
lines = css.splitlines(keepends=True)
begins = [i for i, line in enumerate(lines) if line.startswith(BEGIN)]
ends = [i for i, line in enumerate(lines) if line.startswith(END)]
if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
    sys.exit(f"make-lao-font: {css_path} needs one line starting {BEGIN!r} and, after it, "
             f"one starting {END!r}; the script writes the name face between them")
current = "".join(lines[begins[0]:ends[0] + 1])
if mode == "check":
    if current != block:
        sys.exit(f"make-lao-font: the name face in {css_path} differs from what this script makes")
elif current != block:
    with open(css_path, "w", encoding="utf-8") as f:
        f.write("".join(lines[:begins[0]]) + block + "".join(lines[ends[0] + 1:]))
print(f"make-lao-font: name face inline, {len(data)} characters of base64, "
      f"unicode-range {ranges({ord(c) for c in lao_name})}")
EOF

if [ "$mode" = check ]; then
    for weight in Regular Bold; do
        cmp "$out/NotoSansLao-$weight.woff2" "$fonts/NotoSansLao-$weight.woff2" ||
            fail "NotoSansLao-$weight.woff2 differs from the committed file"
    done
    echo "make-lao-font: the committed fonts and name face are what this script makes"
else
    mkdir -p "$fonts"
    cp "$out"/NotoSansLao-Regular.woff2 "$out"/NotoSansLao-Bold.woff2 "$fonts/"
fi
(cd "$out" && sha256sum NotoSansLao-Regular.woff2 NotoSansLao-Bold.woff2 MekongLaoName-Regular.woff2)
