#!/usr/bin/env python3
"""Writes the example registry's PDF files (content/van-ban/*/): one-page, valid PDF 1.4
files with the document's number and title in ASCII (Helvetica has no Vietnamese or Lao
letters). Run from the repository's root; the files are committed, so a build does not
need this script. Nothing is downloaded."""

import os

DOCUMENTS = {
    "2023-11-02-kh-127-hop-tac-phu-vieng": ("127-KH/TU", "Ke hoach hop tac toan dien voi tinh Phu Vieng 2024-2025"),
    "2023-12-04-kh-2500-trien-khai-hop-tac": ("2500/KH-UBND", "Ke hoach trien khai hop tac voi tinh Phu Vieng nam 2024"),
    "2022-06-15-qd-30-quy-che-doi-ngoai": ("30/2022/QD-UBND", "Quy che quan ly thong nhat hoat dong doi ngoai"),
    "2024-03-20-qd-15-quy-che-doi-ngoai": ("15/2024/QD-UBND", "Quy che quan ly thong nhat hoat dong doi ngoai (thay the)"),
    "2024-07-08-kl-45-so-ket-hop-tac": ("45-KL/TU", "Ket luan so ket hop tac voi tinh Phu Vieng"),
}


def pdf(lines):
    """A minimal PDF: catalog, pages, one page, a content stream, Helvetica."""
    text = "BT /F1 14 Tf 72 770 Td 18 TL " + " ".join(
        "(%s) Tj T*" % line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        for line in lines
    ) + " ET"
    stream = text.encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main():
    for folder, (number, title) in DOCUMENTS.items():
        path = os.path.join("content", "van-ban", folder, "van-ban.pdf")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        lines = ["UBND TINH VAN LINH / TINH UY VAN LINH", "So: " + number, title,
                 "Ban dien tu minh hoa cho cong thong tin (example document)."]
        with open(path, "wb") as f:
            f.write(pdf(lines))


if __name__ == "__main__":
    main()
