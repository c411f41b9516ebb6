#!/usr/bin/env python3
"""Write a terms file and a glossary for the synthetic site of ``bench/gensite.py``.

``terms.yaml`` maps 300 terms: the generator's 12 categories and the first 288 of its
tags, each under a key (the slug of its English name) with its vi, en and lo names as
the articles write them. ``glossary.yaml`` has 500 entries: the generator's 25 places,
which its articles write (with the English spelling run together as one to avoid), and
475 village names no article writes. Same output every time; standard library only.

Usage:
    python3 bench/terms.py --out DIR      # writes DIR/terms.yaml and DIR/glossary.yaml
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gensite  # noqa: E402

MAPPED = 300
GLOSSARY = 500


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def term_entries(names, used) -> list[str]:
    lines = []
    for vi, en, lo in names:
        key = gensite.slugify(en)
        n = 2
        while key in used:
            key = f"{gensite.slugify(en)}-{n}"
            n += 1
        used.add(key)
        lines.append(f"  {key}:")
        lines.append(f"    vi: {q(vi)}")
        lines.append(f"    en: {q(en)}")
        lines.append(f"    lo: {q(lo)}")
    return lines


def terms_yaml() -> str:
    categories = gensite.CATEGORIES
    tags = gensite.TAGS[: MAPPED - len(categories)]
    lines = ["categories:"]
    lines += term_entries(categories, set())
    lines.append("tags:")
    lines += term_entries(tags, set())
    return "\n".join(lines) + "\n"


def glossary_yaml() -> str:
    lines = []
    for vi, en, lo in gensite.PLACES:
        lines.append(f"{gensite.slugify(en)}:")
        lines.append(f"  vi: {q(vi)}")
        lines.append(f"  en: {q(en)}")
        lines.append(f"  lo: {q(lo)}")
        if " " in en:
            lines.append(f"  avoid: {{ en: [{q(en.replace(' ', ''))}] }}")
    for i in range(GLOSSARY - len(gensite.PLACES)):
        lines.append(f"ban-huoi-xa-{i}:")
        lines.append(f"  vi: {q(f'Bản Huổi Xa {i}')}")
        lines.append(f"  en: {q(f'Ban Huoi Xa {i}')}")
        lines.append(f"  lo: {q(f'ບ້ານຫ້ວຍຊາ {i}')}")
        lines.append(f"  avoid: {{ en: [{q(f'Banhuoixa {i}')}] }}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder to write the two files into")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "terms.yaml"), "w", encoding="utf-8") as f:
        f.write(terms_yaml())
    with open(os.path.join(args.out, "glossary.yaml"), "w", encoding="utf-8") as f:
        f.write(glossary_yaml())
    return 0


if __name__ == "__main__":
    sys.exit(main())
