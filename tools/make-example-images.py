#!/usr/bin/env python3
"""Draw the illustrations used by the example site (Van Linh province portal).

Every picture is synthetic: gradients, layered mountains, rivers, terraces,
tea rows, stylised houses and brocade patterns, drawn with Pillow from a fixed
random seed, so running this script again gives the same files.

    pip install pillow
    python3 tools/make-example-images.py            # from the repository root

Pillow is only needed to regenerate the pictures; the site itself does not
depend on it.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
SS = 2  # supersampling factor: draw large, scale down for smooth edges


# --------------------------------------------------------------------------
# small helpers


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def mix(c1, c2, t: float):
    return tuple(int(round(lerp(a, b, t))) for a, b in zip(c1, c2))


def hexc(s: str):
    s = s.lstrip("#")
    return tuple(int(s[i : i + 2], 16) for i in (0, 2, 4))


def vgradient(w: int, h: int, stops):
    """Vertical gradient through colour stops [(pos, colour), ...]."""
    col = Image.new("RGB", (1, h))
    px = col.load()
    for y in range(h):
        t = y / max(1, h - 1)
        for (p0, c0), (p1, c1) in zip(stops, stops[1:]):
            if p0 <= t <= p1:
                px[0, y] = mix(c0, c1, (t - p0) / max(1e-9, p1 - p0))
                break
        else:
            px[0, y] = stops[-1][1]
    return col.resize((w, h))


def ridge(rng: random.Random, w: int, base: float, amp: float, octaves: int = 5,
          step: int = 4):
    """A mountain ridge line as a list of (x, y) points (fractal noise)."""
    phases = [rng.uniform(0, 2 * math.pi) for _ in range(octaves * 2)]
    freqs = [rng.uniform(0.8, 1.3) * (2 ** i) for i in range(octaves)]
    pts = []
    for x in range(0, w + step, step):
        t = x / w
        y = 0.0
        for i in range(octaves):
            a = amp / (1.9 ** i)
            y += a * math.sin(2 * math.pi * freqs[i] * t + phases[2 * i])
            y += 0.5 * a * abs(math.sin(math.pi * freqs[i] * 1.7 * t + phases[2 * i + 1]))
        pts.append((x, base - y))
    return pts


def mountains(img: Image.Image, rng: random.Random, layers, top: float, bottom: float,
              amp: float, haze=None):
    """Layered mountain ranges from far (light) to near (dark)."""
    w, h = img.size
    d = ImageDraw.Draw(img)
    n = len(layers)
    for i, colour in enumerate(layers):
        base = lerp(top, bottom, i / max(1, n - 1)) * h
        pts = ridge(rng, w, base, amp * h * (1 - 0.12 * i))
        d.polygon(pts + [(w, h), (0, h)], fill=colour)
        if haze is not None and i < n - 1:
            # a soft band of mist at the foot of each range
            band = Image.new("RGBA", (w, int(h * 0.08)), haze + (0,))
            bd = ImageDraw.Draw(band)
            for y in range(band.size[1]):
                a = int(90 * (1 - abs(y / band.size[1] - 0.5) * 2))
                bd.line([(0, y), (w, y)], fill=haze + (a,))
            img.paste(band, (0, int(base + amp * h * 0.3)), band)


def sun(img: Image.Image, cx: float, cy: float, r: float, colour, glow=True):
    w, h = img.size
    if glow:
        layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
        d = ImageDraw.Draw(layer)
        for k in range(12, 0, -1):
            rr = r * (1 + k * 0.35)
            d.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], fill=colour + (10,))
        img.paste(layer, (0, 0), layer)
    ImageDraw.Draw(img).ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)


def clouds(img: Image.Image, rng: random.Random, n: int, ymin: float, ymax: float,
           colour=(255, 255, 255), alpha=150):
    w, h = img.size
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    for _ in range(n):
        cx = rng.uniform(0, w)
        cy = rng.uniform(ymin, ymax) * h
        length = rng.uniform(0.12, 0.3) * w
        for _ in range(7):
            ox = rng.uniform(-length / 2, length / 2)
            rx = rng.uniform(0.04, 0.09) * w
            ry = rx * rng.uniform(0.25, 0.4)
            d.ellipse([cx + ox - rx, cy - ry, cx + ox + rx, cy + ry], fill=colour + (alpha,))
    layer = layer.filter(ImageFilter.GaussianBlur(6 * SS))
    img.paste(layer, (0, 0), layer)


def river(img: Image.Image, rng: random.Random, y0: float, y1: float, x_mid: float,
          width0: float, width1: float, colour, shine):
    """A river winding from the horizon (y0) to the bottom edge (y1)."""
    w, h = img.size
    d = ImageDraw.Draw(img)
    left, right = [], []
    steps = 60
    phase = rng.uniform(0, math.pi)
    for i in range(steps + 1):
        t = i / steps
        y = lerp(y0, y1, t) * h
        cx = (x_mid + 0.18 * math.sin(phase + t * 4.2) * t) * w
        half = lerp(width0, width1, t ** 1.6) * w / 2
        left.append((cx - half, y))
        right.append((cx + half, y))
    d.polygon(left + right[::-1], fill=colour)
    for i in range(18):
        t = rng.uniform(0.1, 1)
        y = lerp(y0, y1, t) * h
        cx = (x_mid + 0.18 * math.sin(phase + t * 4.2) * t) * w
        half = lerp(width0, width1, t ** 1.6) * w / 2
        ln = half * rng.uniform(0.2, 0.6)
        ox = rng.uniform(-half * 0.4, half * 0.4)
        d.line([(cx + ox - ln / 2, y), (cx + ox + ln / 2, y)], fill=shine,
               width=max(1, int(2 * SS * (0.3 + t))))


def terraces(img: Image.Image, rng: random.Random, top: float, rows: int, palette,
             edge):
    """Curved terraced fields filling the image from `top` downwards."""
    w, h = img.size
    d = ImageDraw.Draw(img)
    y = top * h
    hstep = (h - y) / rows
    for r in range(rows):
        amp = rng.uniform(0.02, 0.05) * h
        ph = rng.uniform(0, 2 * math.pi)
        fr = rng.uniform(1.0, 2.2)
        y_top = y + r * hstep * (0.7 + 0.6 * r / rows)
        pts = []
        for x in range(0, w + 8, 8):
            pts.append((x, y_top + amp * math.sin(ph + fr * 2 * math.pi * x / w)))
        colour = palette[r % len(palette)]
        d.polygon(pts + [(w, h), (0, h)], fill=colour)
        d.line(pts, fill=edge, width=3 * SS)


def tea_rows(img: Image.Image, rng: random.Random, top: float, rows: int, dark, light):
    """Rounded rows of tea bushes following the slope."""
    w, h = img.size
    d = ImageDraw.Draw(img)
    for r in range(rows):
        t = r / rows
        y = lerp(top, 1.05, t ** 1.4) * h
        rad = lerp(0.012, 0.06, t ** 1.3) * h
        tilt = rng.uniform(-0.06, 0.06) * h
        x = -rad
        while x < w + rad:
            yy = y + tilt * (x / w) + rng.uniform(-rad * 0.1, rad * 0.1)
            d.ellipse([x - rad * 1.3, yy - rad, x + rad * 1.3, yy + rad * 0.6],
                      fill=mix(dark, light, rng.uniform(0.0, 0.5)))
            x += rad * 1.4
        for _ in range(int(w / (rad * 3))):
            x = rng.uniform(0, w)
            yy = y + tilt * (x / w) - rad * 0.5
            d.ellipse([x - rad * 0.35, yy - rad * 0.2, x + rad * 0.35, yy + rad * 0.2],
                      fill=light)


def stilt_house(d: ImageDraw.ImageDraw, x: float, y: float, s: float, wall, roof,
                post=(70, 50, 35)):
    """A Thai-style house on stilts; (x, y) is the ground point under its centre."""
    pw = s * 0.05
    for px in (-0.4, -0.13, 0.13, 0.4):
        d.rectangle([x + px * s - pw / 2, y - s * 0.35, x + px * s + pw / 2, y], fill=post)
    d.rectangle([x - 0.5 * s, y - s * 0.62, x + 0.5 * s, y - s * 0.35], fill=wall)
    for k in range(3):
        wx = x - 0.35 * s + k * 0.27 * s
        d.rectangle([wx, y - s * 0.55, wx + s * 0.12, y - s * 0.44], fill=mix(wall, (40, 30, 20), 0.6))
    d.polygon([(x - 0.68 * s, y - s * 0.58), (x - 0.32 * s, y - s * 1.05),
               (x + 0.32 * s, y - s * 1.05), (x + 0.68 * s, y - s * 0.58)], fill=roof)
    # the crossed roof-end ornament (khau cut) of Thai houses
    d.line([(x - 0.32 * s, y - s * 1.05), (x - 0.42 * s, y - s * 1.2)], fill=roof, width=int(s * 0.04))
    d.line([(x + 0.32 * s, y - s * 1.05), (x + 0.42 * s, y - s * 1.2)], fill=roof, width=int(s * 0.04))


def block_building(d: ImageDraw.ImageDraw, x: float, y: float, bw: float, bh: float,
                   wall, window, roof=None, floors=4, cols=6):
    d.rectangle([x, y - bh, x + bw, y], fill=wall)
    fh = bh / (floors + 0.5)
    cw = bw / cols
    for f in range(floors):
        for c in range(cols):
            x0 = x + c * cw + cw * 0.25
            y0 = y - bh + fh * 0.5 + f * fh + fh * 0.2
            d.rectangle([x0, y0, x0 + cw * 0.5, y0 + fh * 0.55], fill=window)
    if roof:
        d.polygon([(x - bw * 0.04, y - bh), (x + bw / 2, y - bh - bh * 0.25),
                   (x + bw * 1.04, y - bh)], fill=roof)


def flag(d: ImageDraw.ImageDraw, x: float, y: float, s: float, field, star=None,
         bands=None):
    d.line([(x, y), (x, y - s * 2.2)], fill=(90, 90, 90), width=max(2, int(s * 0.05)))
    fx, fy, fw, fh = x, y - s * 2.2, s * 1.2, s * 0.8
    d.rectangle([fx, fy, fx + fw, fy + fh], fill=field)
    if bands:  # horizontal bands, e.g. red / blue / red
        top_c, mid_c = bands
        d.rectangle([fx, fy, fx + fw, fy + fh * 0.25], fill=top_c)
        d.rectangle([fx, fy + fh * 0.25, fx + fw, fy + fh * 0.75], fill=mid_c)
        d.rectangle([fx, fy + fh * 0.75, fx + fw, fy + fh], fill=top_c)
        r = fh * 0.18
        cx, cy = fx + fw / 2, fy + fh / 2
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 255, 255))
    if star:
        star_shape(d, fx + fw / 2, fy + fh / 2, fh * 0.3, star)


def star_shape(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, colour):
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.4
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    d.polygon(pts, fill=colour)


def brocade_band(d: ImageDraw.ImageDraw, x0: float, y0: float, x1: float, y1: float,
                 colours, motif: float):
    """A horizontal strip of diamonds and zig-zags, like a woven border."""
    d.rectangle([x0, y0, x1, y1], fill=colours[0])
    hgt = y1 - y0
    x = x0
    k = 0
    while x < x1:
        cx = x + motif / 2
        cy = (y0 + y1) / 2
        c = colours[1 + k % (len(colours) - 1)]
        d.polygon([(cx, y0 + hgt * 0.12), (cx + motif * 0.45, cy), (cx, y1 - hgt * 0.12),
                   (cx - motif * 0.45, cy)], fill=c)
        d.polygon([(cx, cy - hgt * 0.18), (cx + motif * 0.18, cy), (cx, cy + hgt * 0.18),
                   (cx - motif * 0.18, cy)], fill=colours[0])
        x += motif
        k += 1
    zig = []
    x = x0
    up = True
    while x <= x1 + motif / 4:
        zig.append((x, y0 + (hgt * 0.06 if up else hgt * 0.0)))
        x += motif / 4
        up = not up
    d.line(zig, fill=colours[-1], width=max(2, int(hgt * 0.03)))


def finish(img: Image.Image, size, path: Path, quality=85, grain_seed=None):
    out = img.resize(size, Image.LANCZOS)
    if grain_seed is not None:
        # very light blur: keeps the look painterly and the file small
        out = out.filter(ImageFilter.GaussianBlur(0.4))
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".png":
        out.save(path, optimize=True)
    else:
        out.convert("RGB").save(path, "JPEG", quality=quality, optimize=True,
                                progressive=True)
    print(f"{path.relative_to(ROOT)}  {size[0]}x{size[1]}  {path.stat().st_size // 1024} KiB")


def canvas(size, stops):
    w, h = size
    return vgradient(w * SS, h * SS, stops)


# --------------------------------------------------------------------------
# palettes

GREENS = [hexc("#9fb8a8"), hexc("#6f9784"), hexc("#4d7a63"), hexc("#2f5a45"), hexc("#1d3d2e")]
BLUES = [hexc("#b6c5d6"), hexc("#8ea4bd"), hexc("#687f9c"), hexc("#46597a"), hexc("#2c3a57")]
DUSK = [hexc("#e3a98c"), hexc("#bf7f78"), hexc("#8e5d6e"), hexc("#5f4160"), hexc("#3a2a45")]
GOLD = [hexc("#e9d3a0"), hexc("#d9b86a"), hexc("#c79a3c"), hexc("#a97a25"), hexc("#7e5a1c")]

COVER = (1600, 1067)
COVER_L = (2000, 1333)
INLINE = (1200, 800)


# --------------------------------------------------------------------------
# the scenes, one function per picture


def scene_talks(size, seed):
    """Provincial hall between mountains, two flags in front."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#8fb7de")), (0.55, hexc("#dfeaf2")), (1, hexc("#f4efe2"))])
    w, h = img.size
    sun(img, w * 0.8, h * 0.2, h * 0.06, hexc("#fff4d0"))
    clouds(img, rng, 5, 0.1, 0.3)
    mountains(img, rng, BLUES[:4], 0.42, 0.58, 0.1, haze=(235, 240, 245))
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 0.72, w, h], fill=hexc("#c9c1ad"))
    d.rectangle([0, h * 0.7, w, h * 0.74], fill=hexc("#6f8f5a"))
    block_building(d, w * 0.28, h * 0.72, w * 0.44, h * 0.26, hexc("#f1e6c8"),
                   hexc("#7d8fa3"), roof=hexc("#b5483a"), floors=3, cols=9)
    d.rectangle([w * 0.45, h * 0.52, w * 0.55, h * 0.72], fill=hexc("#e8d9b0"))
    for k in range(4):
        x = w * 0.462 + k * w * 0.025
        d.rectangle([x, h * 0.55, x + w * 0.008, h * 0.72], fill=hexc("#fbf5e6"))
    flag(d, w * 0.12, h * 0.86, h * 0.08, hexc("#da251d"), star=hexc("#ffde00"))
    flag(d, w * 0.82, h * 0.86, h * 0.08, hexc("#ce1126"), bands=(hexc("#ce1126"), hexc("#002868")))
    for k in range(9):
        x = w * (0.05 + k * 0.11)
        d.ellipse([x - h * 0.03, h * 0.66, x + h * 0.03, h * 0.73], fill=hexc("#3f6e45"))
    return img


def scene_press(size, seed):
    """A small town on a river bend under green mountains."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#a7c8e4")), (0.6, hexc("#e6eff4")), (1, hexc("#dfe9df"))])
    w, h = img.size
    clouds(img, rng, 6, 0.08, 0.35)
    mountains(img, rng, GREENS[:4], 0.38, 0.6, 0.11, haze=(230, 238, 236))
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 0.66, w, h], fill=hexc("#7a9b5d"))
    river(img, rng, 0.66, 1.0, 0.5, 0.04, 0.5, hexc("#6d9fc0"), hexc("#cfe3ef"))
    d = ImageDraw.Draw(img)
    for k in range(14):
        side = -1 if k % 2 else 1
        x = w * (0.5 + side * rng.uniform(0.18, 0.46))
        y = h * rng.uniform(0.7, 0.8)
        bw = w * rng.uniform(0.03, 0.06)
        bh = h * rng.uniform(0.05, 0.14)
        block_building(d, x, y, bw, bh, mix(hexc("#f3ead7"), hexc("#e2c9a4"), rng.random()),
                       hexc("#8899aa"), floors=3, cols=3)
    for k in range(25):
        x = rng.uniform(0, w)
        y = h * rng.uniform(0.8, 0.98)
        r = h * rng.uniform(0.02, 0.04)
        if abs(x - w * 0.5) > w * 0.2:
            d.ellipse([x - r, y - r, x + r, y + r], fill=mix(hexc("#355f3a"), hexc("#5d8a4b"), rng.random()))
    return img


def scene_conference(size, seed):
    """Evening town with lights, a round emblem rising like the moon."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#2b3a67")), (0.5, hexc("#a0668a")), (1, hexc("#f2b27a"))])
    w, h = img.size
    emblem(img, w * 0.5, h * 0.32, h * 0.16)
    mountains(img, rng, DUSK[1:], 0.5, 0.66, 0.08)
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 0.78, w, h], fill=hexc("#2c2238"))
    for k in range(22):
        x = w * k / 22 + rng.uniform(-10, 10) * SS
        bw = w * rng.uniform(0.03, 0.05)
        bh = h * rng.uniform(0.06, 0.2)
        block_building(d, x, h * 0.8, bw, bh, hexc("#3b2f4a"), hexc("#f6d48b"), floors=4, cols=3)
    return img


def emblem(img: Image.Image, cx: float, cy: float, r: float, alpha_bg=False):
    """Text-free round emblem: gold ring, red field, mountains, river, star."""
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=hexc("#e0b43c") + (255,))
    ri = r * 0.88
    d.ellipse([cx - ri, cy - ri, cx + ri, cy + ri], fill=hexc("#c8281e") + (255,))
    # mountains inside
    d.polygon([(cx - ri * 0.85, cy + ri * 0.35), (cx - ri * 0.35, cy - ri * 0.25),
               (cx - ri * 0.05, cy + ri * 0.1), (cx + ri * 0.3, cy - ri * 0.4),
               (cx + ri * 0.85, cy + ri * 0.35)], fill=hexc("#f3d27a") + (255,))
    # river: three wavy lines
    for k in range(3):
        yy = cy + ri * (0.45 + k * 0.14)
        pts = [(cx - ri * 0.75 + i * ri * 0.075, yy + ri * 0.035 * math.sin(i * 1.2))
               for i in range(21)]
        d.line(pts, fill=hexc("#f3d27a") + (255,), width=max(2, int(r * 0.035)))
    star_shape(d, cx, cy - ri * 0.62, ri * 0.16, hexc("#ffde00") + (255,))
    # rice-ear dots around the ring
    for k in range(28):
        ang = math.pi * (0.15 + 0.7 * k / 27) + math.pi / 2
        for side in (-1, 1):
            a = math.pi / 2 + side * (ang - math.pi / 2)
            px = cx + r * 0.94 * math.cos(a)
            py = cy + r * 0.94 * math.sin(a)
            rr = r * 0.035
            d.ellipse([px - rr, py - rr, px + rr, py + rr], fill=hexc("#fff0b8") + (255,))
    img.paste(layer, (0, 0), layer)


def scene_portal(size, seed):
    """Mountains with three coloured bands: three languages, one portal."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#f7e7c6")), (0.5, hexc("#f3cfa4")), (1, hexc("#e7a781"))])
    w, h = img.size
    sun(img, w * 0.3, h * 0.3, h * 0.09, hexc("#fff6dc"))
    mountains(img, rng, [hexc("#d79a86"), hexc("#b6767a"), hexc("#7e5670"), hexc("#4d3a5c")],
              0.45, 0.7, 0.1)
    d = ImageDraw.Draw(img)
    for k, c in enumerate([hexc("#da251d"), hexc("#1f4e8c"), hexc("#2f8a5b")]):
        y = h * (0.78 + k * 0.06)
        pts = [(x, y + h * 0.02 * math.sin(x / w * 6 + k)) for x in range(0, w + 10, 10)]
        d.line(pts, fill=c, width=int(h * 0.035))
    return img


def scene_phone(size, seed):
    """A small picture of a phone showing the portal's home page."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#e9eef2")), (1, hexc("#cfd9e0"))])
    w, h = img.size
    d = ImageDraw.Draw(img)
    pw, ph = w * 0.26, h * 0.86
    x0, y0 = w * 0.5 - pw / 2, h * 0.07
    d.rounded_rectangle([x0, y0, x0 + pw, y0 + ph], radius=pw * 0.12, fill=hexc("#20252b"))
    sx0, sy0, sx1, sy1 = x0 + pw * 0.07, y0 + ph * 0.06, x0 + pw * 0.93, y0 + ph * 0.94
    d.rectangle([sx0, sy0, sx1, sy1], fill=hexc("#fbfaf6"))
    d.rectangle([sx0, sy0, sx1, sy0 + ph * 0.08], fill=hexc("#b3261e"))
    hero = vgradient(int(sx1 - sx0), int(ph * 0.25), [(0, hexc("#9cc3e2")), (1, hexc("#e8f0f4"))])
    mountains(hero, rng, GREENS[1:4], 0.5, 0.8, 0.12)
    img.paste(hero, (int(sx0), int(sy0 + ph * 0.08)))
    d = ImageDraw.Draw(img)
    y = sy0 + ph * 0.36
    for k in range(6):
        d.rectangle([sx0 + pw * 0.05, y, sx0 + pw * (0.75 - 0.1 * (k % 3)), y + ph * 0.02],
                    fill=hexc("#6b7178") if k % 2 == 0 else hexc("#b9bec4"))
        y += ph * 0.05
    for k, c in enumerate([hexc("#da251d"), hexc("#1f4e8c"), hexc("#2f8a5b")]):
        cx = w * 0.2 if k == 0 else (w * 0.8 if k == 1 else w * 0.14)
        cy = h * (0.3 + 0.25 * k)
        r = h * 0.07
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=c)
    return img


def scene_investment(size, seed):
    """New town skyline, cranes and a highway crossing a valley."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#78a7d6")), (0.6, hexc("#d8e8f3")), (1, hexc("#eef3f3"))])
    w, h = img.size
    clouds(img, rng, 4, 0.1, 0.3)
    mountains(img, rng, BLUES[:3], 0.42, 0.55, 0.09, haze=(230, 238, 245))
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 0.68, w, h], fill=hexc("#9bb27a"))
    x = w * 0.05
    while x < w * 0.95:
        bw = w * rng.uniform(0.04, 0.07)
        bh = h * rng.uniform(0.12, 0.34)
        block_building(d, x, h * 0.7, bw, bh, mix(hexc("#e8edf2"), hexc("#b9c7d3"), rng.random()),
                       hexc("#5d7f9e"), floors=int(bh / (h * 0.04)), cols=3)
        x += bw + w * rng.uniform(0.005, 0.02)
    for cx in (w * 0.22, w * 0.7):
        d.line([(cx, h * 0.7), (cx, h * 0.22)], fill=hexc("#e2a431"), width=int(6 * SS))
        d.line([(cx - w * 0.05, h * 0.24), (cx + w * 0.14, h * 0.24)], fill=hexc("#e2a431"), width=int(5 * SS))
        d.line([(cx + w * 0.12, h * 0.24), (cx + w * 0.12, h * 0.4)], fill=hexc("#555555"), width=int(2 * SS))
    d.polygon([(0, h * 0.86), (w, h * 0.8), (w, h * 0.86), (0, h * 0.93)], fill=hexc("#5b5e63"))
    for k in range(12):
        x0 = w * k / 12
        y0 = lerp(h * 0.895, h * 0.83, x0 / w)
        d.line([(x0, y0), (x0 + w * 0.04, y0 - h * 0.002)], fill=hexc("#f5f1e0"), width=int(3 * SS))
    return img


def scene_industrial(size, seed):
    """Rows of factory roofs with solar panels in a green valley."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#9cc0e0")), (0.55, hexc("#e9f0f2")), (1, hexc("#e6ecd9"))])
    w, h = img.size
    sun(img, w * 0.15, h * 0.18, h * 0.05, hexc("#fff7da"))
    mountains(img, rng, GREENS[:3], 0.35, 0.5, 0.09, haze=(232, 240, 238))
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 0.58, w, h], fill=hexc("#8fae6b"))
    for row in range(4):
        y = h * (0.62 + row * 0.09)
        s = 0.7 + row * 0.25
        x = -w * 0.05 + (row % 2) * w * 0.06
        while x < w:
            bw = w * 0.12 * s
            bh = h * 0.05 * s
            d.rectangle([x, y - bh, x + bw, y], fill=hexc("#e9e6df"))
            d.polygon([(x - bw * 0.03, y - bh), (x + bw * 0.5, y - bh * 1.6),
                       (x + bw * 1.03, y - bh)], fill=hexc("#3f6fa6"))
            for k in range(5):
                xx = x + bw * (0.1 + k * 0.18)
                d.line([(xx, y - bh * 1.05), (xx + bw * 0.08, y - bh * 1.45)], fill=hexc("#9cc0e0"), width=max(2, int(SS)))
            x += bw * 1.35
        d.rectangle([0, y + h * 0.005, w, y + h * 0.015 * s], fill=hexc("#6a6d70"))
    return img


def scene_road(size, seed):
    """A new road climbing a pass between terraced hills."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#a9cbe6")), (1, hexc("#eef2ea"))])
    w, h = img.size
    clouds(img, rng, 5, 0.05, 0.3)
    mountains(img, rng, GREENS[:3], 0.35, 0.5, 0.1, haze=(236, 242, 238))
    terraces(img, rng, 0.55, 7, [hexc("#8fb36a"), hexc("#a6c47b"), hexc("#7ea35b")], hexc("#5d7d44"))
    d = ImageDraw.Draw(img)
    pts_l, pts_r = [], []
    for i in range(41):
        t = i / 40
        y = lerp(h * 0.5, h, t)
        cx = w * (0.55 + 0.2 * math.sin(t * 5.0) * (1 - t * 0.3))
        half = lerp(w * 0.008, w * 0.16, t ** 1.5)
        pts_l.append((cx - half, y))
        pts_r.append((cx + half, y))
    d.polygon(pts_l + pts_r[::-1], fill=hexc("#5c5f66"))
    centre = [((a[0] + b[0]) / 2, a[1]) for a, b in zip(pts_l, pts_r)]
    for i in range(0, len(centre) - 1, 2):
        d.line([centre[i], centre[i + 1]], fill=hexc("#f2e9c8"), width=max(2, int(SS * (1 + 4 * i / 40))))
    return img


def scene_cinnamon(size, seed):
    """Cinnamon forest: tall straight trunks on a misty slope."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#dce6d6")), (0.5, hexc("#eef0e2")), (1, hexc("#c8d3a9"))])
    w, h = img.size
    mountains(img, rng, [hexc("#b9c9b0"), hexc("#9db38f"), hexc("#7d9a6e")], 0.3, 0.5, 0.1,
              haze=(240, 242, 232))
    d = ImageDraw.Draw(img)
    d.polygon([(0, h * 0.6), (w, h * 0.45), (w, h), (0, h)], fill=hexc("#6c8a45"))
    trees = sorted([(rng.uniform(0.55, 1.0), rng.uniform(-0.02, 1.02)) for _ in range(60)])
    for depth, xt in trees:
        x = xt * w
        ground = lerp(h * 0.6, h * 0.45, xt) + (depth - 0.55) * h * 0.9
        th = h * 0.35 * depth * 1.3
        tw = w * 0.006 * depth * 1.5
        d.rectangle([x - tw, ground - th, x + tw, ground], fill=mix(hexc("#8a5a3b"), hexc("#5a3826"), depth))
        cr = th * 0.28
        crown = mix(hexc("#5e8b3e"), hexc("#2f5426"), depth)
        d.ellipse([x - cr * 0.7, ground - th - cr * 0.8, x + cr * 0.7, ground - th + cr * 0.8], fill=crown)
        d.ellipse([x - cr * 0.5, ground - th - cr * 1.3, x + cr * 0.5, ground - th + cr * 0.2],
                  fill=mix(crown, hexc("#c46d3a"), 0.25))
    return img


def scene_drying(size, seed):
    """Cinnamon bark drying on bamboo racks in the sun."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#f2deb8")), (1, hexc("#e0c28e"))])
    w, h = img.size
    d = ImageDraw.Draw(img)
    for row in range(5):
        y = h * (0.12 + row * 0.18)
        d.rectangle([0, y + h * 0.1, w, y + h * 0.115], fill=hexc("#a88450"))
        x = rng.uniform(-30, 0) * SS
        while x < w:
            ln = h * rng.uniform(0.08, 0.11)
            bw = w * 0.012
            c = mix(hexc("#9a4f22"), hexc("#6b3417"), rng.random())
            d.rounded_rectangle([x, y, x + bw, y + ln], radius=bw / 2, fill=c)
            d.line([(x + bw * 0.3, y + ln * 0.1), (x + bw * 0.3, y + ln * 0.9)], fill=mix(c, hexc("#e3a36b"), 0.5), width=max(1, int(SS)))
            x += bw * rng.uniform(1.3, 1.8)
    return img


def scene_onestop(size, seed):
    """A public service centre with glass front and a tree-lined square."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#7fb0dc")), (0.6, hexc("#dbe9f3")), (1, hexc("#e9e4d8"))])
    w, h = img.size
    clouds(img, rng, 4, 0.08, 0.25)
    mountains(img, rng, BLUES[:2], 0.45, 0.5, 0.07)
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 0.74, w, h], fill=hexc("#d4cbb6"))
    block_building(d, w * 0.18, h * 0.74, w * 0.64, h * 0.3, hexc("#f4efe4"), hexc("#6fa0c8"), floors=4, cols=12)
    d.rectangle([w * 0.42, h * 0.56, w * 0.58, h * 0.74], fill=hexc("#8fbcdc"))
    for k in range(5):
        x = w * (0.42 + k * 0.04)
        d.line([(x, h * 0.56), (x, h * 0.74)], fill=hexc("#e8eef3"), width=int(3 * SS))
    d.rectangle([w * 0.16, h * 0.42, w * 0.84, h * 0.445], fill=hexc("#b3261e"))
    for k in range(8):
        x = w * (0.06 + k * 0.126)
        d.rectangle([x - w * 0.004, h * 0.8, x + w * 0.004, h * 0.9], fill=hexc("#6b4a2f"))
        d.ellipse([x - h * 0.05, h * 0.72, x + h * 0.05, h * 0.83], fill=hexc("#4f7f3f"))
    return img


def scene_tea(size, seed):
    """Tea hills at Sin Cao in the morning."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#f6dfb7")), (0.45, hexc("#f1ecd6")), (1, hexc("#d9e6c3"))])
    w, h = img.size
    sun(img, w * 0.72, h * 0.2, h * 0.07, hexc("#fff1c9"))
    mountains(img, rng, [hexc("#c9d3c0"), hexc("#a9bea3"), hexc("#87a584")], 0.3, 0.45, 0.09,
              haze=(244, 240, 224))
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 0.5, w, h], fill=hexc("#6e9a4c"))
    tea_rows(img, rng, 0.5, 11, hexc("#2f6b34"), hexc("#8fc46a"))
    return img


def scene_tea_close(size, seed):
    """Close rows of old tea trees with a picker's conical hat."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#e3edd6")), (1, hexc("#b8d19a"))])
    w, h = img.size
    mountains(img, rng, [hexc("#c2d4b4"), hexc("#9ebd8d")], 0.2, 0.3, 0.08, haze=(236, 242, 228))
    tea_rows(img, rng, 0.32, 8, hexc("#2c6231"), hexc("#9bd274"))
    d = ImageDraw.Draw(img)
    cx, cy = w * 0.62, h * 0.55
    d.polygon([(cx - w * 0.07, cy), (cx, cy - h * 0.08), (cx + w * 0.07, cy)], fill=hexc("#efe2b8"))
    d.line([(cx - w * 0.07, cy), (cx + w * 0.07, cy)], fill=hexc("#b9a574"), width=int(3 * SS))
    return img


def scene_loom(size, seed):
    """Brocade on a loom: bands of pattern and warp threads."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#3b1f2b")), (1, hexc("#24141c"))])
    w, h = img.size
    d = ImageDraw.Draw(img)
    palettes = [
        [hexc("#1d1d3a"), hexc("#d83a3a"), hexc("#f0c04a"), hexc("#3aa0a0"), hexc("#f6efe0")],
        [hexc("#8a1c2c"), hexc("#f0c04a"), hexc("#1f6f8b"), hexc("#f6efe0")],
        [hexc("#0f3d3e"), hexc("#e85d3a"), hexc("#f2d06b"), hexc("#c94f8a"), hexc("#f6efe0")],
    ]
    y = h * 0.08
    k = 0
    while y < h * 0.75:
        bh = h * rng.choice([0.05, 0.08, 0.11])
        brocade_band(d, w * 0.1, y, w * 0.9, y + bh, palettes[k % 3], bh * 1.1)
        y += bh + h * 0.012
        k += 1
    for i in range(90):
        x = w * (0.1 + 0.8 * i / 89)
        d.line([(x, h * 0.75), (x + (i - 45) * w * 0.0015, h)], fill=hexc("#e8dcc4"), width=max(1, SS))
    d.rectangle([w * 0.06, h * 0.74, w * 0.94, h * 0.78], fill=hexc("#8a6a45"))
    d.rectangle([w * 0.06, h * 0.03, w * 0.94, h * 0.07], fill=hexc("#8a6a45"))
    return img


def brocade_logo(size, seed):
    """800x800 RGBA: an eight-pointed brocade star on a transparent ground."""
    rng = random.Random(seed)
    w, h = size[0] * SS, size[1] * SS
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    cx, cy = w / 2, h / 2
    colours = [hexc("#b3261e"), hexc("#f0c04a"), hexc("#1f4e8c"), hexc("#2f8a5b"), hexc("#f6efe0")]
    # stepped diamond rings, the way a weaver builds a motif thread by thread
    for ring, r in enumerate([0.4, 0.33, 0.26, 0.19, 0.12, 0.06]):
        c = colours[ring % len(colours)] + (255,)
        R = r * w
        steps = 8
        quarter = [(0.0, -R)]
        for i in range(1, steps + 1):
            quarter.append((i * R / steps, -R + (i - 1) * R / steps))
            quarter.append((i * R / steps, -R + i * R / steps))
        pts = []
        for q in range(4):  # rotate the staircase by 90 degrees four times
            for x, y in quarter:
                for _ in range(q):
                    x, y = -y, x
                pts.append((cx + x, cy + y))
        d.polygon(pts, fill=c)
    for k in range(8):
        ang = k * math.pi / 4 + math.pi / 8
        px = cx + w * 0.44 * math.cos(ang)
        py = cy + h * 0.44 * math.sin(ang)
        star_shape(d, px, py, w * 0.04, colours[1] + (255,))
    star_shape(d, cx, cy, w * 0.06, colours[4] + (255,))
    _ = rng
    return img


def scene_terraces(size, seed):
    """Golden terraced rice fields under a high blue sky."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#6ea6d8")), (0.5, hexc("#d9e9f2")), (1, hexc("#f2e6bf"))])
    w, h = img.size
    clouds(img, rng, 6, 0.05, 0.3)
    mountains(img, rng, [hexc("#a9bccb"), hexc("#8aa39c"), hexc("#6d8c6a")], 0.3, 0.42, 0.1,
              haze=(240, 242, 236))
    terraces(img, rng, 0.45, 12, GOLD[:4] + [hexc("#b7c25c")], hexc("#7e6a2c"))
    return img


def scene_village(size, seed):
    """Stilt houses of a Thai village among terraces."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#94bddf")), (1, hexc("#efeedd"))])
    w, h = img.size
    mountains(img, rng, GREENS[:3], 0.3, 0.45, 0.1, haze=(236, 240, 234))
    terraces(img, rng, 0.55, 8, [hexc("#d9b86a"), hexc("#c9a84f"), hexc("#b7c25c")], hexc("#7e6a2c"))
    d = ImageDraw.Draw(img)
    spots = sorted([(rng.uniform(0.55, 0.75), rng.uniform(0.08, 0.92)) for _ in range(9)])
    for yt, xt in spots:
        s = h * 0.16 * (yt / 0.6)
        stilt_house(d, xt * w, yt * h, s, hexc("#b99a6b"), hexc("#5b4636"))
    return img


def scene_cave(size, seed):
    """Looking out from a cave mouth over a green valley."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#bfe0f0")), (0.6, hexc("#eaf4f1")), (1, hexc("#b7d3a6"))])
    w, h = img.size
    mountains(img, rng, [hexc("#a9c4b4"), hexc("#7ea592"), hexc("#4f7d64")], 0.35, 0.6, 0.12,
              haze=(236, 244, 240))
    river(img, rng, 0.62, 1.0, 0.45, 0.02, 0.3, hexc("#7fb3c6"), hexc("#e3f1f5"))
    # dark cave frame with an irregular opening
    frame = Image.new("RGBA", img.size, hexc("#1f1a17") + (255,))
    fd = ImageDraw.Draw(frame)
    pts = []
    for i in range(80):
        a = 2 * math.pi * i / 80
        rx = w * (0.44 + 0.03 * math.sin(a * 5 + 1))
        ry = h * (0.43 + 0.04 * math.sin(a * 3))
        pts.append((w * 0.5 + rx * math.cos(a), h * 0.52 + ry * math.sin(a)))
    fd.polygon(pts, fill=(0, 0, 0, 0))
    for k in range(14):
        x = w * (0.12 + k * 0.055)
        ln = h * rng.uniform(0.04, 0.14)
        y = h * 0.52 - h * 0.43 * math.sqrt(max(0.0, 1 - ((x - w * 0.5) / (w * 0.44)) ** 2)) - 4
        fd.polygon([(x - w * 0.012, y), (x + w * 0.012, y), (x, y + ln)], fill=hexc("#2d2520") + (255,))
    frame = frame.filter(ImageFilter.GaussianBlur(3 * SS))
    img.paste(frame, (0, 0), frame)
    return img


def scene_twinning(size, seed):
    """Two villages on either side of a border stream, joined by a bridge."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#f3c98f")), (0.45, hexc("#f7e6c6")), (1, hexc("#cfe0b8"))])
    w, h = img.size
    sun(img, w * 0.5, h * 0.26, h * 0.08, hexc("#fff2cf"))
    mountains(img, rng, [hexc("#c7b9a8"), hexc("#9fa890"), hexc("#708b6a")], 0.36, 0.52, 0.1,
              haze=(246, 236, 216))
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 0.6, w, h], fill=hexc("#7f9f58"))
    pts_l, pts_r = [], []
    for i in range(41):
        t = i / 40
        y = lerp(h * 0.6, h, t)
        cx = w * (0.5 + 0.04 * math.sin(t * 7))
        half = lerp(w * 0.01, w * 0.09, t)
        pts_l.append((cx - half, y))
        pts_r.append((cx + half, y))
    d.polygon(pts_l + pts_r[::-1], fill=hexc("#78aac4"))
    d.rectangle([w * 0.3, h * 0.8, w * 0.7, h * 0.815], fill=hexc("#8a6a45"))
    for k in range(9):
        x = w * (0.3 + k * 0.05)
        d.line([(x, h * 0.8), (x, h * 0.77)], fill=hexc("#8a6a45"), width=int(3 * SS))
    d.line([(w * 0.3, h * 0.77), (w * 0.7, h * 0.77)], fill=hexc("#8a6a45"), width=int(3 * SS))
    for side in (-1, 1):
        for k in range(5):
            x = w * (0.5 + side * (0.12 + k * 0.07))
            y = h * (0.66 + 0.03 * (k % 2))
            stilt_house(d, x, y, h * 0.1, hexc("#c7a77a") if side < 0 else hexc("#d8c08a"),
                        hexc("#5b4636") if side < 0 else hexc("#8a3b2c"))
    flag(d, w * 0.4, h * 0.74, h * 0.05, hexc("#da251d"), star=hexc("#ffde00"))
    flag(d, w * 0.6, h * 0.74, h * 0.05, hexc("#ce1126"), bands=(hexc("#ce1126"), hexc("#002868")))
    return img


def scene_marker(size, seed):
    """A border marker on a grassy ridge with clouds below."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#7ea9d4")), (0.7, hexc("#e2eef6")), (1, hexc("#f2f4ef"))])
    w, h = img.size
    mountains(img, rng, BLUES[:3], 0.5, 0.62, 0.08)
    clouds(img, rng, 10, 0.55, 0.72, alpha=200)
    d = ImageDraw.Draw(img)
    pts = ridge(rng, w, h * 0.8, h * 0.04, octaves=3)
    d.polygon(pts + [(w, h), (0, h)], fill=hexc("#6f9a4d"))
    cx, base = w * 0.5, h * 0.82
    d.rectangle([cx - w * 0.06, base - h * 0.02, cx + w * 0.06, base + h * 0.02], fill=hexc("#b8b3a8"))
    d.rectangle([cx - w * 0.035, base - h * 0.34, cx + w * 0.035, base - h * 0.02], fill=hexc("#efece4"))
    d.polygon([(cx - w * 0.035, base - h * 0.34), (cx, base - h * 0.38), (cx + w * 0.035, base - h * 0.34)],
              fill=hexc("#d9d4c8"))
    d.rectangle([cx - w * 0.025, base - h * 0.28, cx + w * 0.025, base - h * 0.16], fill=hexc("#c7302a"))
    return img


def scene_newyear(size, seed):
    """Pi Mai: a temple roof, frangipani flowers and splashes of water."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#87c4e8")), (0.6, hexc("#e0f1f7")), (1, hexc("#f6ead0"))])
    w, h = img.size
    d = ImageDraw.Draw(img)
    # layered temple roof
    cx, base = w * 0.5, h * 0.72
    d.rectangle([cx - w * 0.22, base - h * 0.18, cx + w * 0.22, base], fill=hexc("#f4ead2"))
    for k, (wd, y) in enumerate([(0.34, 0.18), (0.26, 0.3), (0.18, 0.4)]):
        col = hexc("#b3261e") if k % 2 == 0 else hexc("#2f6b5b")
        d.polygon([(cx - w * wd, base - h * (y - 0.02)), (cx - w * wd * 0.55, base - h * (y + 0.1)),
                   (cx + w * wd * 0.55, base - h * (y + 0.1)), (cx + w * wd, base - h * (y - 0.02))], fill=col)
        d.line([(cx - w * wd, base - h * (y - 0.02)), (cx - w * wd - w * 0.02, base - h * (y + 0.03))],
               fill=hexc("#e0b43c"), width=int(5 * SS))
        d.line([(cx + w * wd, base - h * (y - 0.02)), (cx + w * wd + w * 0.02, base - h * (y + 0.03))],
               fill=hexc("#e0b43c"), width=int(5 * SS))
    d.rectangle([0, base, w, h], fill=hexc("#d9c9a3"))
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    ld = ImageDraw.Draw(layer)
    for _ in range(140):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(3, 10) * SS
        ld.ellipse([x - r, y - r * 1.4, x + r, y + r], fill=(255, 255, 255, 120))
    img.paste(layer, (0, 0), layer)
    d = ImageDraw.Draw(img)
    for _ in range(7):
        fx, fy = rng.uniform(0.05, 0.95) * w, rng.uniform(0.78, 0.97) * h
        r = h * 0.03
        for k in range(5):
            a = k * 2 * math.pi / 5
            px, py = fx + r * math.cos(a), fy + r * math.sin(a)
            d.ellipse([px - r * 0.8, py - r * 0.8, px + r * 0.8, py + r * 0.8], fill=hexc("#fbf6ec"))
        d.ellipse([fx - r * 0.5, fy - r * 0.5, fx + r * 0.5, fy + r * 0.5], fill=hexc("#f5c842"))
    return img


def scene_flood_relief(size, seed):
    """After the rain: a broad brown river, clearing sky, a convoy on the bank."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#8e9aa8")), (0.5, hexc("#d5dbe0")), (1, hexc("#c2c7b8"))])
    w, h = img.size
    clouds(img, rng, 9, 0.05, 0.35, colour=(236, 238, 240), alpha=170)
    sun(img, w * 0.82, h * 0.16, h * 0.045, hexc("#fbf1d2"))
    mountains(img, rng, [hexc("#9aa5a6"), hexc("#75877b"), hexc("#566c5a")], 0.35, 0.5, 0.1,
              haze=(220, 226, 228))
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 0.56, w, h], fill=hexc("#6c8452"))
    river(img, rng, 0.58, 1.0, 0.35, 0.2, 0.9, hexc("#a88b62"), hexc("#d4c2a0"))
    d = ImageDraw.Draw(img)
    d.polygon([(w * 0.6, h * 0.62), (w, h * 0.6), (w, h * 0.7), (w * 0.66, h * 0.72)], fill=hexc("#7d7360"))
    for k in range(4):
        x = w * (0.66 + k * 0.08)
        y = h * (0.655 - k * 0.004)
        d.rectangle([x, y - h * 0.04, x + w * 0.05, y], fill=hexc("#4f6b3c"))
        d.rectangle([x + w * 0.05, y - h * 0.03, x + w * 0.066, y], fill=hexc("#3e5530"))
        for wx in (x + w * 0.01, x + w * 0.05):
            d.ellipse([wx - h * 0.008, y - h * 0.008, wx + h * 0.008, y + h * 0.008], fill=hexc("#222222"))
        d.rectangle([x + w * 0.015, y - h * 0.032, x + w * 0.035, y - h * 0.018], fill=hexc("#f5f5f5"))
        d.rectangle([x + w * 0.022, y - h * 0.036, x + w * 0.028, y - h * 0.014], fill=hexc("#c7302a"))
    return img


def scene_school(size, seed):
    """A village school with a flagpole and children's shirts drying."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#9fd0ea")), (0.6, hexc("#eef6f2")), (1, hexc("#cde3b0"))])
    w, h = img.size
    sun(img, w * 0.12, h * 0.16, h * 0.05, hexc("#fff6d8"))
    mountains(img, rng, GREENS[:3], 0.32, 0.48, 0.1, haze=(236, 244, 238))
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 0.62, w, h], fill=hexc("#a3c27a"))
    d.rectangle([w * 0.08, h * 0.8, w * 0.92, h], fill=hexc("#d8c9a6"))
    bx0, bx1, by = w * 0.25, w * 0.85, h * 0.8
    d.rectangle([bx0, by - h * 0.2, bx1, by], fill=hexc("#f7e7a8"))
    d.polygon([(bx0 - w * 0.03, by - h * 0.2), (bx0 + w * 0.05, by - h * 0.32),
               (bx1 - w * 0.05, by - h * 0.32), (bx1 + w * 0.03, by - h * 0.2)], fill=hexc("#b5483a"))
    for k in range(6):
        x = bx0 + w * 0.03 + k * w * 0.095
        d.rectangle([x, by - h * 0.15, x + w * 0.05, by - h * 0.07], fill=hexc("#5f86a8"))
    d.rectangle([bx0 + w * 0.27, by - h * 0.1, bx0 + w * 0.33, by], fill=hexc("#7a5436"))
    flag(d, w * 0.14, h * 0.86, h * 0.09, hexc("#da251d"), star=hexc("#ffde00"))
    for k in range(10):
        x = w * (0.2 + k * 0.07)
        y = h * rng.uniform(0.88, 0.95)
        d.ellipse([x - h * 0.012, y - h * 0.07, x + h * 0.012, y - h * 0.046], fill=hexc("#3b2a20"))
        d.rectangle([x - h * 0.016, y - h * 0.046, x + h * 0.016, y - h * 0.012], fill=hexc("#fdfdfd"))
        d.rectangle([x - h * 0.016, y - h * 0.012, x + h * 0.016, y], fill=hexc("#1f4e8c"))
    return img


def og_default(size, seed):
    """Site-wide share card: mountains at dawn and the text-free emblem."""
    rng = random.Random(seed)
    img = canvas(size, [(0, hexc("#8c1d18")), (0.55, hexc("#d2553f")), (1, hexc("#f1b27a"))])
    w, h = img.size
    mountains(img, rng, [hexc("#c9705c"), hexc("#9c4a45"), hexc("#6e2f37"), hexc("#4a1f2b")],
              0.5, 0.8, 0.12)
    emblem(img, w * 0.5, h * 0.42, h * 0.26)
    d = ImageDraw.Draw(img)
    brocade_band(d, 0, h * 0.92, w, h, [hexc("#2a1520"), hexc("#f0c04a"), hexc("#e85d3a"),
                                        hexc("#3aa0a0"), hexc("#f6efe0")], h * 0.09)
    return img


# --------------------------------------------------------------------------
# what goes where

C = "content"
JOBS = [
    # (output path, size, scene, seed)
    (f"{C}/news/2023-03-21-hoi-dam-voi-tinh-phu-vieng/hoi-dam-phu-vieng.jpg", COVER, scene_talks, 101),
    (f"{C}/news/2023-09-14-phong-vien-nuoc-ngoai-tham-van-linh/thi-xa-ben-song.jpg", COVER, scene_press, 102),
    (f"{C}/news/2024-06-20-so-ket-cong-tac-thong-tin-doi-ngoai/hoi-nghi-so-ket.jpg", COVER, scene_conference, 103),
    (f"{C}/news/2025-04-08-ra-mat-cong-thong-tin-ba-ngon-ngu/cong-thong-tin-ba-ngon-ngu.jpg", COVER_L, scene_portal, 104),
    (f"{C}/news/2025-04-08-ra-mat-cong-thong-tin-ba-ngon-ngu/giao-dien-dien-thoai.jpg", (320, 213), scene_phone, 105),
    (f"{C}/investment/2023-05-10-hoi-nghi-xuc-tien-dau-tu-2023/xuc-tien-dau-tu.jpg", COVER, scene_investment, 201),
    (f"{C}/investment/2023-11-02-khu-cong-nghiep-tan-ha/khu-cong-nghiep-tan-ha.jpg", COVER_L, scene_industrial, 202),
    (f"{C}/investment/2023-11-02-khu-cong-nghiep-tan-ha/duong-noi-cua-khau.jpg", INLINE, scene_road, 203),
    (f"{C}/investment/2024-08-15-chuoi-gia-tri-que-huu-co/rung-que.jpg", COVER, scene_cinnamon, 204),
    (f"{C}/investment/2024-08-15-chuoi-gia-tri-que-huu-co/phoi-vo-que.jpg", INLINE, scene_drying, 205),
    (f"{C}/investment/2025-02-25-ho-tro-nha-dau-tu-mot-dau-moi/trung-tam-phuc-vu-hanh-chinh-cong.jpg", COVER, scene_onestop, 206),
    (f"{C}/culture-tourism/2023-04-28-le-hoi-tra-sin-cao/doi-che-sin-cao.jpg", COVER, scene_tea, 301),
    (f"{C}/culture-tourism/2023-04-28-le-hoi-tra-sin-cao/hai-che-shan-tuyet.jpg", INLINE, scene_tea_close, 302),
    (f"{C}/culture-tourism/2023-12-20-lang-tho-cam-lac-xa/khung-cui-lac-xa.jpg", COVER, scene_loom, 303),
    (f"{C}/culture-tourism/2023-12-20-lang-tho-cam-lac-xa/hoa-van-sao-tam-canh.png", (800, 800), brocade_logo, 304),
    (f"{C}/culture-tourism/2024-10-05-ruong-bac-thang-mua-lua-chin/ruong-bac-thang.jpg", COVER, scene_terraces, 305),
    (f"{C}/culture-tourism/2024-10-05-ruong-bac-thang-mua-lua-chin/ban-nha-san.jpg", INLINE, scene_village, 306),
    (f"{C}/culture-tourism/2025-03-10-hang-tham-van-don-khach/hang-tham-van.jpg", COVER, scene_cave, 307),
    (f"{C}/cooperation/2023-12-08-ket-nghia-ban-na-khe-na-kham/le-ket-nghia.jpg", COVER, scene_twinning, 401),
    (f"{C}/cooperation/2023-12-08-ket-nghia-ban-na-khe-na-kham/cot-moc-bien-gioi.jpg", INLINE, scene_marker, 402),
    (f"{C}/cooperation/2024-04-16-tet-bunpimay-huoi-moi-phon-xay/tet-bunpimay.jpg", COVER, scene_newyear, 403),
    (f"{C}/cooperation/2024-09-27-ho-tro-phu-vieng-khac-phuc-lu/doan-xe-cuu-tro.jpg", COVER, scene_flood_relief, 404),
    (f"{C}/cooperation/2025-06-12-lop-tieng-viet-ban-sop-hung/lop-hoc-song-ngu.jpg", COVER, scene_school, 405),
    ("static/img/og-default.jpg", (1200, 630), og_default, 900),
]


def main() -> None:
    for rel, size, scene, seed in JOBS:
        img = scene(size, seed)
        finish(img, size, ROOT / rel, grain_seed=seed)
    total = sum((ROOT / rel).stat().st_size for rel, *_ in JOBS)
    print(f"{len(JOBS)} images, {total / 1024 / 1024:.2f} MiB in total")


if __name__ == "__main__":
    main()
