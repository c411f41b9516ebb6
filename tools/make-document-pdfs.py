#!/usr/bin/env python3
"""Writes the example registry's files (content/van-ban/*/): one-page, valid PDF 1.4
files with the document's issuer, number and title in ASCII (Helvetica has no Vietnamese
or Lao letters), and small DOCX files (Office Open XML, stored uncompressed with fixed
dates, so each run writes the same bytes). Run from the repository's root; the files are
committed, so a build does not need this script. Nothing is downloaded."""

import os
import zipfile

# The heading the first five documents were made with.
PROVINCE = "UBND TINH VAN LINH / TINH UY VAN LINH"

# Bundle folder: (number, title, issuer's heading), each document's van-ban.pdf.
DOCUMENTS = {
    "2023-11-02-kh-127-hop-tac-phu-vieng": ("127-KH/TU", "Ke hoach hop tac toan dien voi tinh Phu Vieng 2024-2025", PROVINCE),
    "2023-12-04-kh-2500-trien-khai-hop-tac": ("2500/KH-UBND", "Ke hoach trien khai hop tac voi tinh Phu Vieng nam 2024", PROVINCE),
    "2022-06-15-qd-30-quy-che-doi-ngoai": ("30/2022/QD-UBND", "Quy che quan ly thong nhat hoat dong doi ngoai", PROVINCE),
    "2024-03-20-qd-15-quy-che-doi-ngoai": ("15/2024/QD-UBND", "Quy che quan ly thong nhat hoat dong doi ngoai (thay the)", PROVINCE),
    "2024-07-08-kl-45-so-ket-hop-tac": ("45-KL/TU", "Ket luan so ket hop tac voi tinh Phu Vieng", PROVINCE),
    "2019-11-04-nd-81-hop-tac-quoc-te-dia-phuong": ("81/2019/ND-CP", "Nghi dinh ve quan ly hoat dong hop tac quoc te cua dia phuong", "CHINH PHU"),
    "2020-09-10-tt-04-huong-dan-nghi-dinh-81": ("04/2020/TT-BNG", "Thong tu huong dan thuc hien Nghi dinh so 81/2019/ND-CP", "BO NGOAI GIAO"),
    "2021-04-12-qd-845-ban-chi-dao-thong-tin-doi-ngoai": ("845/QD-UBND", "Quyet dinh kien toan Ban Chi dao cong tac thong tin doi ngoai tinh", "UBND TINH VAN LINH"),
    "2022-03-08-kl-26-hop-tac-dia-phuong-viet-lao": ("26-KL/TW", "Ket luan ve tang cuong hop tac giua cac dia phuong bien gioi Viet Nam - Lao", "BO CHINH TRI"),
    "2025-01-22-kh-318-thong-tin-doi-ngoai-2025": ("318/KH-UBND", "Ke hoach cong tac thong tin doi ngoai nam 2025", "UBND TINH VAN LINH"),
    "2025-03-14-cv-412-dau-moi-cong-thong-tin": ("412/SNgV-TTDN", "V/v cu can bo dau moi cung cap thong tin cho Cong thong tin doi ngoai", "SO NGOAI VU TINH VAN LINH"),
    "2025-08-15-qd-1932-kien-toan-ban-chi-dao": ("1932/QD-UBND", "Quyet dinh kien toan Ban Chi dao cong tac thong tin doi ngoai tinh (thay the)", "UBND TINH VAN LINH"),
}

# Further PDF files of a bundle, with their lines: a translation of the document (its
# `files:` entry says `lang:`).
OTHER_PDFS = {
    ("2019-11-04-nd-81-hop-tac-quoc-te-dia-phuong", "decree-81-2019-en.pdf"): [
        "GOVERNMENT OF VIET NAM",
        "No. 81/2019/ND-CP",
        "Decree on the management of international cooperation by localities",
        "Unofficial English translation (example document).",
    ],
}

# DOCX files of a bundle, one paragraph per line (in Vietnamese: Word files carry any letter).
DOCX_FILES = {
    ("2025-03-14-cv-412-dau-moi-cong-thong-tin", "phieu-dang-ky.docx"): [
        "SỞ NGOẠI VỤ TỈNH VÂN LĨNH",
        "PHIẾU ĐĂNG KÝ CÁN BỘ ĐẦU MỐI CUNG CẤP THÔNG TIN",
        "cho Cổng thông tin đối ngoại tỉnh Vân Lĩnh",
        "(Kèm theo Công văn số 412/SNgV-TTĐN ngày 14/3/2025 của Sở Ngoại vụ)",
        "Tên cơ quan, đơn vị: ........................................",
        "Họ và tên cán bộ đầu mối: ........................................",
        "Chức vụ: ........................................",
        "Điện thoại: ........................................",
        "Thư điện tử: ........................................",
        "Ngôn ngữ có thể viết tin (tiếng Việt, tiếng Lào, tiếng Anh): ........................................",
        "Gửi về Sở Ngoại vụ trước ngày 25/3/2025 qua địa chỉ info@vanlinh.gov.vn.",
        "Bản điện tử minh họa cho cổng thông tin (example document).",
    ],
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


def xml_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def docx(paragraphs):
    """A minimal Word document: content types, the package's relationships, the body."""
    body = "".join(
        '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % xml_text(p)
        for p in paragraphs
    )
    return [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="word/document.xml"/></Relationships>'),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         '<w:body>' + body +
         '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
         '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" '
         'w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>'
         '</w:body></w:document>'),
    ]


def write_docx(path, paragraphs):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, text in docx(paragraphs):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3  # the same bytes on every system
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))


def main():
    for folder, (number, title, heading) in DOCUMENTS.items():
        path = os.path.join("content", "van-ban", folder, "van-ban.pdf")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        lines = [heading, "So: " + number, title,
                 "Ban dien tu minh hoa cho cong thong tin (example document)."]
        with open(path, "wb") as f:
            f.write(pdf(lines))
    for (folder, name), lines in OTHER_PDFS.items():
        with open(os.path.join("content", "van-ban", folder, name), "wb") as f:
            f.write(pdf(lines))
    for (folder, name), paragraphs in DOCX_FILES.items():
        write_docx(os.path.join("content", "van-ban", folder, name), paragraphs)


if __name__ == "__main__":
    main()
