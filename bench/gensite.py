#!/usr/bin/env python3
"""Generate a synthetic trilingual (vi, en, lo) site for benchmarks and scale tests.

The site is written in mekong's content format: ``site.yaml``, six sections with
localized ``_index`` pages, a home page, an about page and N article bundles
(``content/<section>/<YYYY-MM-DD>-<slug>-<n>/index.<lang>.md``). Vietnamese is
always present; a seeded fraction of articles lacks the English or Lao version.
Bodies are built from parallel sentence banks, so the three versions of an
article say the same thing at a similar length. Each body has ``##`` headings, a
list, sometimes a table, and one to three relative links to other generated
articles that exist in the same language (sometimes with a ``#heading`` fragment).

With ``--images K`` the first K articles get a distinct 1600x1000 PNG cover,
written with the standard library only (zlib + struct). With ``--hugo DIR2`` the
same content is also written as a Hugo site (``hugo.toml`` plus ``content/``),
for side-by-side timing; links there point at Hugo's built URLs.

Same arguments give byte-identical output. Standard library only. The output
folder must be empty or absent; ``--force`` deletes an existing ``content/`` in it
first.

Usage:
    python3 bench/gensite.py --articles 10000 --out /tmp/site10k
    python3 bench/gensite.py --articles 500 --out /tmp/s --images 20 --hugo /tmp/h
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import os
import random
import shutil
import struct
import sys
import time
import unicodedata
import zlib
from dataclasses import dataclass, field

LANGS = ("vi", "en", "lo")

# ---------------------------------------------------------------------------
# Vocabulary. Every table is parallel: index k means the same thing in vi, en, lo.
# ---------------------------------------------------------------------------

SITE = {
    "vi": {"name": "Tiếng Việt", "title": "Cổng thông tin đối ngoại tỉnh Trường Sơn"},
    "en": {"name": "English", "title": "Truong Son Province External Information Portal"},
    "lo": {"name": "ພາສາລາວ", "title": "ປະຕູຂໍ້ມູນຂ່າວສານການຕ່າງປະເທດແຂວງເຈື່ອງເຊີນ"},
}

HOME = {
    "vi": ("Trang chủ", "Tin tức, đầu tư, văn hóa, du lịch và hợp tác quốc tế của tỉnh Trường Sơn."),
    "en": ("Home", "News, investment, culture, tourism and international cooperation of Truong Son Province."),
    "lo": ("ໜ້າຫຼັກ", "ຂ່າວສານ ການລົງທຶນ ວັດທະນະທຳ ການທ່ອງທ່ຽວ ແລະ ການຮ່ວມມືສາກົນຂອງແຂວງເຈື່ອງເຊີນ"),
}

ABOUT = {
    "vi": (
        "Giới thiệu",
        "Giới thiệu về cổng thông tin đối ngoại tỉnh Trường Sơn.",
        [
            "Cổng thông tin đối ngoại tỉnh Trường Sơn do Sở Ngoại vụ quản lý, cung cấp thông tin chính thức về tỉnh bằng tiếng Việt, tiếng Anh và tiếng Lào.",
            "Tỉnh có đường biên giới dài với nhiều tỉnh của nước bạn Lào và là cửa ngõ của hành lang kinh tế Đông – Tây.",
        ],
        "Liên hệ",
        "Mọi ý kiến đóng góp xin gửi về Sở Ngoại vụ tỉnh Trường Sơn.",
    ),
    "en": (
        "About",
        "About the Truong Son Province External Information Portal.",
        [
            "The Truong Son Province External Information Portal is run by the Department of Foreign Affairs and publishes official information about the province in Vietnamese, English and Lao.",
            "The province shares a long border with several provinces of Laos and is a gateway of the East–West Economic Corridor.",
        ],
        "Contact",
        "Please send comments and suggestions to the Truong Son Department of Foreign Affairs.",
    ),
    "lo": (
        "ກ່ຽວກັບ",
        "ກ່ຽວກັບປະຕູຂໍ້ມູນຂ່າວສານການຕ່າງປະເທດແຂວງເຈື່ອງເຊີນ",
        [
            "ປະຕູຂໍ້ມູນຂ່າວສານການຕ່າງປະເທດແຂວງເຈື່ອງເຊີນຢູ່ໃນການຄຸ້ມຄອງຂອງພະແນກການຕ່າງປະເທດ ສະໜອງຂໍ້ມູນທາງການຂອງແຂວງເປັນພາສາຫວຽດນາມ ພາສາອັງກິດ ແລະ ພາສາລາວ",
            "ແຂວງມີເສັ້ນຊາຍແດນຍາວຕິດກັບຫຼາຍແຂວງຂອງລາວ ແລະ ເປັນປະຕູຂອງແລວທາງເສດຖະກິດຕາເວັນອອກ-ຕາເວັນຕົກ",
        ],
        "ຕິດຕໍ່",
        "ທຸກຄຳເຫັນກະລຸນາສົ່ງມາທີ່ພະແນກການຕ່າງປະເທດແຂວງເຈື່ອງເຊີນ",
    ),
}

# folder name -> {lang: (title, slug, description)}
SECTIONS = {
    "news": {
        "vi": ("Tin tức", "tin-tuc", "Tin thời sự và hoạt động đối ngoại của tỉnh."),
        "en": ("News", "news", "Current news and external affairs of the province."),
        "lo": ("ຂ່າວສານ", "ຂ່າວສານ", "ຂ່າວເຫດການ ແລະ ວຽກງານການຕ່າງປະເທດຂອງແຂວງ"),
    },
    "investment": {
        "vi": ("Đầu tư", "dau-tu", "Môi trường đầu tư, dự án và chính sách ưu đãi."),
        "en": ("Investment", "investment", "Investment climate, projects and incentives."),
        "lo": ("ການລົງທຶນ", "ການລົງທຶນ", "ສະພາບແວດລ້ອມການລົງທຶນ ໂຄງການ ແລະ ນະໂຍບາຍສົ່ງເສີມ"),
    },
    "culture-tourism": {
        "vi": ("Văn hóa – Du lịch", "van-hoa-du-lich", "Di sản, lễ hội và điểm đến của tỉnh."),
        "en": ("Culture and tourism", "culture-tourism", "Heritage, festivals and destinations in the province."),
        "lo": ("ວັດທະນະທຳ ແລະ ການທ່ອງທ່ຽວ", "ວັດທະນະທຳ-ທ່ອງທ່ຽວ", "ມໍລະດົກ ບຸນປະເພນີ ແລະ ແຫຼ່ງທ່ອງທ່ຽວຂອງແຂວງ"),
    },
    "cooperation": {
        "vi": ("Hợp tác quốc tế", "hop-tac-quoc-te", "Hợp tác với các tỉnh của Lào và đối tác quốc tế."),
        "en": ("International cooperation", "cooperation", "Cooperation with Lao provinces and international partners."),
        "lo": ("ການຮ່ວມມືສາກົນ", "ການຮ່ວມມື", "ການຮ່ວມມືກັບບັນດາແຂວງຂອງລາວ ແລະ ຄູ່ຮ່ວມມືສາກົນ"),
    },
    "economy": {
        "vi": ("Kinh tế", "kinh-te", "Thương mại, xuất khẩu và sản xuất của tỉnh."),
        "en": ("Economy", "economy", "Trade, exports and production in the province."),
        "lo": ("ເສດຖະກິດ", "ເສດຖະກິດ", "ການຄ້າ ການສົ່ງອອກ ແລະ ການຜະລິດຂອງແຂວງ"),
    },
    "society": {
        "vi": ("Xã hội", "xa-hoi", "Giáo dục, y tế và đời sống người dân vùng biên."),
        "en": ("Society", "society", "Education, health and life in the border areas."),
        "lo": ("ສັງຄົມ", "ສັງຄົມ", "ການສຶກສາ ສາທາລະນະສຸກ ແລະ ຊີວິດການເປັນຢູ່ຂອງປະຊາຊົນເຂດຊາຍແດນ"),
    },
}
SECTION_ORDER = list(SECTIONS)

CATEGORIES = [
    ("Thời sự", "Current affairs", "ຂ່າວເຫດການ"),
    ("Đối ngoại", "External relations", "ການຕ່າງປະເທດ"),
    ("Đầu tư", "Investment", "ການລົງທຶນ"),
    ("Thương mại", "Trade", "ການຄ້າ"),
    ("Du lịch", "Tourism", "ການທ່ອງທ່ຽວ"),
    ("Văn hóa", "Culture", "ວັດທະນະທຳ"),
    ("Biên giới", "Border affairs", "ຊາຍແດນ"),
    ("Hợp tác Việt – Lào", "Vietnam–Laos cooperation", "ການຮ່ວມມືລາວ-ຫວຽດນາມ"),
    ("Kinh tế", "Economy", "ເສດຖະກິດ"),
    ("Xã hội", "Society", "ສັງຄົມ"),
    ("Giáo dục", "Education", "ການສຶກສາ"),
    ("Y tế", "Health", "ສາທາລະນະສຸກ"),
]
SECTION_CATEGORIES = {
    "news": [0, 1, 6],
    "investment": [2, 8],
    "culture-tourism": [4, 5],
    "cooperation": [7, 1, 6],
    "economy": [8, 3],
    "society": [9, 10, 11],
}

TOPICS = [
    ("du lịch", "tourism", "ທ່ອງທ່ຽວ"),
    ("đầu tư", "investment", "ລົງທຶນ"),
    ("thương mại", "trade", "ການຄ້າ"),
    ("biên giới", "border", "ຊາຍແດນ"),
    ("cửa khẩu", "border gate", "ດ່ານຊາຍແດນ"),
    ("nông nghiệp", "agriculture", "ກະສິກຳ"),
    ("giáo dục", "education", "ການສຶກສາ"),
    ("y tế", "health", "ສາທາລະນະສຸກ"),
    ("văn hóa", "culture", "ວັດທະນະທຳ"),
    ("lễ hội", "festival", "ບຸນປະເພນີ"),
    ("giao thông", "transport", "ຄົມມະນາຄົມ"),
    ("hợp tác", "cooperation", "ການຮ່ວມມື"),
    ("kết nghĩa", "twinning", "ຄູ່ພີ່ນ້ອງ"),
    ("xuất khẩu", "exports", "ການສົ່ງອອກ"),
    ("năng lượng", "energy", "ພະລັງງານ"),
    ("môi trường", "environment", "ສິ່ງແວດລ້ອມ"),
    ("an ninh", "security", "ຄວາມໝັ້ນຄົງ"),
    ("thanh niên", "youth", "ຊາວໜຸ່ມ"),
    ("cà phê", "coffee", "ກາເຟ"),
    ("ẩm thực", "cuisine", "ອາຫານ"),
]

PLACES = [
    ("Phông Xa Lỳ", "Phongsaly", "ຜົ້ງສາລີ"),
    ("Luổng Nặm Thà", "Luang Namtha", "ຫຼວງນ້ຳທາ"),
    ("Bò Kẹo", "Bokeo", "ບໍ່ແກ້ວ"),
    ("U Đôm Xay", "Oudomxay", "ອຸດົມໄຊ"),
    ("Luông Pha Băng", "Luang Prabang", "ຫຼວງພະບາງ"),
    ("Hủa Phăn", "Houaphanh", "ຫົວພັນ"),
    ("Xay Nha Bu Ly", "Xayaboury", "ໄຊຍະບູລີ"),
    ("Xiêng Khoảng", "Xiengkhouang", "ຊຽງຂວາງ"),
    ("Viêng Chăn", "Vientiane", "ນະຄອນຫຼວງວຽງຈັນ"),
    ("Bô Ly Khăm Xay", "Bolikhamxay", "ບໍລິຄຳໄຊ"),
    ("Khăm Muộn", "Khammouane", "ຄຳມ່ວນ"),
    ("Savannakhet", "Savannakhet", "ສະຫວັນນະເຂດ"),
    ("Salavan", "Salavan", "ສາລະວັນ"),
    ("Sê Kông", "Sekong", "ເຊກອງ"),
    ("Chăm Pa Xắc", "Champasak", "ຈຳປາສັກ"),
    ("Át Tạ Pư", "Attapeu", "ອັດຕະປື"),
    ("Xay Sổm Bun", "Xaisomboun", "ໄຊສົມບູນ"),
    ("Trường Sơn", "Truong Son", "ເຈື່ອງເຊີນ"),
    ("Nam Sơn", "Nam Son", "ນາມເຊີນ"),
    ("Bản Mới", "Ban Moi", "ບ້ານໃໝ່"),
    ("Khe Đá", "Khe Da", "ແຄ່ດາ"),
    ("hành lang Đông – Tây", "East–West Corridor", "ແລວທາງຕາເວັນອອກ-ຕາເວັນຕົກ"),
    ("Mê Kông", "Mekong", "ແມ່ນ້ຳຂອງ"),
    ("Hà Nội", "Hanoi", "ຮ່າໂນ້ຍ"),
    ("ASEAN", "ASEAN", "ອາຊຽນ"),
]

# The province's partners; values index PLACES, so an article can tag its partner.
PARTNERS = [11, 12, 10, 13, 5, 9, 14, 15]

OUR_PROVINCE = ("Trường Sơn", "Truong Son", "ເຈື່ອງເຊີນ")

GATES = [
    ("cửa khẩu quốc tế Nam Sơn", "the Nam Son international border gate", "ດ່ານສາກົນນາມເຊີນ"),
    ("cửa khẩu Bản Mới", "the Ban Moi border gate", "ດ່ານບ້ານໃໝ່"),
    ("cửa khẩu Khe Đá", "the Khe Da border gate", "ດ່ານແຄ່ດາ"),
]

AUTHORS = [
    ("Hồng Nga", "Hong Nga"), ("Minh Tuấn", "Minh Tuan"), ("Thanh Hương", "Thanh Huong"),
    ("Quốc Việt", "Quoc Viet"), ("Lê Hải", "Le Hai"), ("Phương Thảo", "Phuong Thao"),
    ("Đức Anh", "Duc Anh"), ("Bích Ngọc", "Bich Ngoc"), ("Văn Long", "Van Long"),
    ("Khánh Linh", "Khanh Linh"), ("Thu Hà", "Thu Ha"), ("Ngọc Sơn", "Ngoc Son"),
]

SOURCES = [
    ("Ban Tuyên giáo Tỉnh ủy", "Provincial Party Propaganda Department", "ຄະນະໂຄສະນາອົບຮົມແຂວງ"),
    ("Sở Ngoại vụ", "Department of Foreign Affairs", "ພະແນກການຕ່າງປະເທດ"),
    ("Báo Trường Sơn", "Truong Son Newspaper", "ໜັງສືພິມເຈື່ອງເຊີນ"),
    ("Đài Phát thanh – Truyền hình tỉnh", "Provincial Radio and Television", "ສະຖານີວິທະຍຸ-ໂທລະທັດແຂວງ"),
    ("Trung tâm Xúc tiến Đầu tư", "Investment Promotion Centre", "ສູນສົ່ງເສີມການລົງທຶນ"),
]

PHOTO = ("Ảnh", "Photo", "ພາບ")
SEE_ALSO = ("Xem thêm", "See also", "ອ່ານເພີ່ມເຕີມ")
LIST_INTRO = ("Các nội dung hợp tác chính gồm:", "The main areas of cooperation are:", "ເນື້ອໃນການຮ່ວມມືຕົ້ນຕໍປະກອບມີ:")
TABLE_INTRO = ("Một số chỉ tiêu chính:", "Selected indicators:", "ຕົວຊີ້ວັດບາງຢ່າງ:")
TABLE_HEAD = ("Chỉ tiêu", "Indicator", "ຕົວຊີ້ວັດ")
TABLE_ROWS = [
    ("Kim ngạch thương mại (triệu USD)", "Trade turnover (million USD)", "ມູນຄ່າການຄ້າ (ລ້ານໂດລາ)"),
    ("Lượt khách du lịch (nghìn)", "Tourist arrivals (thousand)", "ນັກທ່ອງທ່ຽວ (ພັນເທື່ອຄົນ)"),
    ("Dự án đầu tư mới", "New investment projects", "ໂຄງການລົງທຶນໃໝ່"),
    ("Lưu học sinh Lào", "Lao students", "ນັກສຶກສາລາວ"),
]

# Headings carry no punctuation, so their ids (see slugify) are easy to predict.
HEADINGS = [
    ("Kết quả nổi bật", "Key results", "ຜົນງານເດັ່ນ"),
    ("Bối cảnh", "Background", "ສະພາບລວມ"),
    ("Hợp tác biên giới", "Border cooperation", "ການຮ່ວມມືຊາຍແດນ"),
    ("Cơ hội đầu tư", "Investment opportunities", "ໂອກາດການລົງທຶນ"),
    ("Giao lưu văn hóa", "Cultural exchange", "ການແລກປ່ຽນວັດທະນະທຳ"),
    ("Phương hướng thời gian tới", "Next steps", "ທິດທາງຕໍ່ໜ້າ"),
    ("Ý kiến của người dân", "What residents say", "ຄຳເຫັນຂອງປະຊາຊົນ"),
    ("Số liệu chính", "Key figures", "ຕົວເລກສຳຄັນ"),
    ("Thương mại qua cửa khẩu", "Trade through the border gate", "ການຄ້າຜ່ານດ່ານ"),
    ("Du lịch và di sản", "Tourism and heritage", "ການທ່ອງທ່ຽວ ແລະ ມໍລະດົກ"),
    ("Giáo dục và y tế", "Education and health", "ການສຶກສາ ແລະ ສາທາລະນະສຸກ"),
    ("Hạ tầng giao thông", "Transport infrastructure", "ພື້ນຖານໂຄງລ່າງຄົມມະນາຄົມ"),
]

LIST_ITEMS = [
    ("Đơn giản hóa thủ tục hải quan", "Simpler customs procedures", "ປັບປຸງຂັ້ນຕອນພາສີໃຫ້ງ່າຍດາຍ"),
    ("Mở rộng bãi kiểm hóa tập trung", "A larger central inspection yard", "ຂະຫຍາຍເດີ່ນກວດກາສິນຄ້າລວມ"),
    ("Đào tạo nguồn nhân lực", "Training for local staff", "ການບຳລຸງສ້າງຊັບພະຍາກອນມະນຸດ"),
    ("Xúc tiến du lịch chung", "Joint tourism promotion", "ການໂຄສະນາການທ່ອງທ່ຽວຮ່ວມກັນ"),
    ("Phát triển chuỗi giá trị nông sản", "Farm product value chains", "ການພັດທະນາຕ່ອງໂສ້ມູນຄ່າຜະລິດຕະພັນກະສິກຳ"),
    ("Trao đổi đoàn các cấp", "Regular exchange visits", "ການແລກປ່ຽນຄະນະຜູ້ແທນທຸກຂັ້ນ"),
    ("Bảo vệ rừng đầu nguồn", "Protection of watershed forests", "ການປົກປັກຮັກສາປ່າຕົ້ນນ້ຳ"),
    ("Phòng chống dịch bệnh qua biên giới", "Cross-border disease control", "ການປ້ອງກັນພະຍາດຕິດຕໍ່ຂ້າມຊາຍແດນ"),
    ("Học bổng cho sinh viên Lào", "Scholarships for Lao students", "ທຶນການສຶກສາສຳລັບນັກສຶກສາລາວ"),
    ("Nâng cấp đường tuần tra biên giới", "Upgraded border patrol roads", "ການປັບປຸງເສັ້ນທາງລາດຕະເວນຊາຍແດນ"),
    ("Kết nối doanh nghiệp hai tỉnh", "Business matching between the two provinces", "ການເຊື່ອມໂຍງວິສາຫະກິດຂອງສອງແຂວງ"),
    ("Bảo tồn lễ hội truyền thống", "Preserving traditional festivals", "ການອະນຸລັກບຸນປະເພນີ"),
]

# Title templates: (ascii slug, vi, en, lo), grouped by section.
TITLES = {
    "news": [
        ("doan-cong-tac-tham", "Đoàn công tác tỉnh {L} thăm và làm việc tại tỉnh {P}",
         "{L} Province delegation visits {P}", "ຄະນະຜູ້ແທນແຂວງ{L}ຢ້ຽມຢາມ ແລະ ເຮັດວຽກຢູ່ແຂວງ{P}"),
        ("tiep-nhan-hai-cot", "Tiếp nhận hài cốt liệt sĩ quân tình nguyện hy sinh tại Lào",
         "Remains of volunteer soldiers received from Laos", "ຮັບມອບອັດຖິທະຫານອາສາສະໝັກຫວຽດນາມທີ່ເສຍສະຫຼະຢູ່ລາວ"),
        ("ung-pho-lu-quet", "Hai tỉnh phối hợp ứng phó lũ quét vùng biên",
         "Two provinces join forces against flash floods", "ສອງແຂວງຮ່ວມກັນຮັບມືກັບນ້ຳປ່າເຂດຊາຍແດນ"),
    ],
    "investment": [
        ("xuc-tien-dau-tu", "Hội nghị xúc tiến đầu tư năm {y}",
         "{y} investment promotion conference", "ກອງປະຊຸມສົ່ງເສີມການລົງທຶນປີ {y}"),
        ("nang-cap-duong", "Khởi công nâng cấp đường tới {g}",
         "Work starts on upgrading the road to {g}", "ເລີ່ມປັບປຸງເສັ້ນທາງໄປ{g}"),
        ("khu-kinh-te-cua-khau", "Quy hoạch lại khu kinh tế cửa khẩu",
         "Border-gate economic zone to be replanned", "ວາງແຜນໃໝ່ເຂດເສດຖະກິດດ່ານຊາຍແດນ"),
    ],
    "culture-tourism": [
        ("le-hoi-van-hoa", "Lễ hội văn hóa các dân tộc vùng biên",
         "Border ethnic culture festival", "ບຸນວັດທະນະທຳຂອງບັນດາຊົນເຜົ່າເຂດຊາຍແດນ"),
        ("du-lich-hanh-lang", "Du lịch hành lang Đông – Tây thu hút khách quốc tế",
         "East–West Corridor tourism draws foreign visitors", "ການທ່ອງທ່ຽວແລວທາງຕາເວັນອອກ-ຕາເວັນຕົກດຶງດູດແຂກຕ່າງປະເທດ"),
        ("trien-lam-anh", "Triển lãm ảnh quan hệ hữu nghị Việt Nam – Lào",
         "Photo exhibition on Vietnam–Laos friendship", "ງານວາງສະແດງຮູບພາບສາຍພົວພັນມິດຕະພາບລາວ-ຫວຽດນາມ"),
    ],
    "cooperation": [
        ("hop-tac-bien-gioi", "Tăng cường hợp tác biên giới với tỉnh {L}",
         "Stronger border cooperation with {L} Province", "ເພີ່ມທະວີການຮ່ວມມືຊາຍແດນກັບແຂວງ{L}"),
        ("ket-nghia-cum-dan-cu", "Kết nghĩa cụm dân cư hai bên biên giới",
         "Villages on both sides of the border become twins", "ສ້າງຄູ່ພີ່ນ້ອງລະຫວ່າງບ້ານສອງຟາກຊາຍແດນ"),
        ("ky-ket-ghi-nho", "Tỉnh {P} và tỉnh {L} ký biên bản ghi nhớ hợp tác",
         "{P} and {L} sign a cooperation memorandum", "ແຂວງ{P} ແລະ ແຂວງ{L}ລົງນາມບົດບັນທຶກຄວາມເຂົ້າໃຈການຮ່ວມມື"),
    ],
    "economy": [
        ("thuong-mai-cua-khau", "Thương mại qua {g} tăng {pct}%",
         "Trade through {g} up {pct}%", "ການຄ້າຜ່ານ{g}ເພີ່ມຂຶ້ນ {pct}%"),
        ("xuat-khau-ca-phe", "Xuất khẩu cà phê năm {y} tăng {pct}%",
         "Coffee exports up {pct}% in {y}", "ການສົ່ງອອກກາເຟປີ {y} ເພີ່ມຂຶ້ນ {pct}%"),
        ("hoi-cho-thuong-mai", "Khai mạc hội chợ thương mại biên giới {y}",
         "{y} border trade fair opens", "ເປີດງານວາງສະແດງສິນຄ້າຊາຍແດນປີ {y}"),
    ],
    "society": [
        ("hoc-bong-sinh-vien-lao", "Trao học bổng cho {n} sinh viên Lào",
         "Scholarships awarded to {n} Lao students", "ມອບທຶນການສຶກສາໃຫ້ນັກສຶກສາລາວ {n} ຄົນ"),
        ("kham-benh-mien-phi", "Khám bệnh miễn phí cho người dân vùng biên",
         "Free health checks for border residents", "ກວດພະຍາດບໍ່ເສຍຄ່າໃຫ້ປະຊາຊົນເຂດຊາຍແດນ"),
        ("dien-luoi-vung-sau", "Đưa điện lưới quốc gia tới {n} hộ dân vùng sâu",
         "Grid power reaches {n} remote households", "ນຳໄຟຟ້າຕາໜ່າງແຫ່ງຊາດໄປເຖິງ {n} ຄອບຄົວເຂດຫ່າງໄກ"),
    ],
}

# Sentence bank: (vi, en, lo). Lao writes no spaces between words, only between
# phrases; sentences are separated by a space and carry no full stop.
SENTENCES = [
    ("Sáng nay, Ủy ban nhân dân tỉnh {P} đã tổ chức hội nghị trao đổi kinh nghiệm với đoàn công tác của tỉnh {L}.",
     "This morning the People's Committee of {P} Province held an experience-sharing conference with a delegation from {L} Province.",
     "ໃນຕອນເຊົ້າມື້ນີ້ ຄະນະກຳມະການປະຊາຊົນແຂວງ{P}ໄດ້ຈັດກອງປະຊຸມແລກປ່ຽນບົດຮຽນກັບຄະນະຜູ້ແທນແຂວງ{L}"),
    ("Hai bên đã cùng đánh giá kết quả thực hiện các thỏa thuận hợp tác giai đoạn vừa qua và thống nhất phương hướng cho năm {y}.",
     "The two sides reviewed the implementation of their cooperation agreements over the past period and agreed on directions for {y}.",
     "ສອງຝ່າຍໄດ້ຮ່ວມກັນຕີລາຄາຜົນການຈັດຕັ້ງປະຕິບັດສັນຍາຮ່ວມມືໃນໄລຍະຜ່ານມາ ແລະ ເປັນເອກະພາບກັນກ່ຽວກັບທິດທາງສຳລັບປີ {y}"),
    ("Kim ngạch thương mại qua {g} trong năm đạt khoảng {usd} triệu USD, tăng {pct}% so với cùng kỳ.",
     "Trade turnover through {g} reached about {usd} million USD this year, up {pct}% year on year.",
     "ມູນຄ່າການຄ້າຜ່ານ{g}ໃນປີນີ້ບັນລຸປະມານ {usd} ລ້ານໂດລາສະຫະລັດ ເພີ່ມຂຶ້ນ {pct}% ເມື່ອທຽບໃສ່ໄລຍະດຽວກັນ"),
    ("Nhiều doanh nghiệp trong tỉnh đang tìm hiểu cơ hội đầu tư vào lĩnh vực nông nghiệp công nghệ cao và chế biến nông sản.",
     "Many businesses in the province are exploring investment opportunities in high-tech agriculture and food processing.",
     "ຫຼາຍວິສາຫະກິດໃນແຂວງກຳລັງຊອກຫາໂອກາດລົງທຶນໃສ່ຂະແໜງກະສິກຳເຕັກໂນໂລຊີສູງ ແລະ ການປຸງແຕ່ງຜະລິດຕະພັນກະສິກຳ"),
    ("Lãnh đạo tỉnh khẳng định sẽ tiếp tục cải thiện môi trường đầu tư, rút ngắn thời gian giải quyết thủ tục hành chính.",
     "Provincial leaders said they will keep improving the investment climate and shorten the time needed for administrative procedures.",
     "ການນຳແຂວງຢືນຢັນວ່າຈະສືບຕໍ່ປັບປຸງສະພາບແວດລ້ອມການລົງທຶນ ແລະ ຫຼຸດຜ່ອນເວລາໃນການແກ້ໄຂຂັ້ນຕອນທາງດ້ານບໍລິຫານ"),
    ("Lực lượng biên phòng hai bên thường xuyên phối hợp tuần tra song phương, giữ vững an ninh trật tự khu vực biên giới.",
     "Border guards from both sides regularly hold joint patrols and keep the border area safe and orderly.",
     "ກຳລັງປ້ອງກັນຊາຍແດນຂອງສອງຝ່າຍປະສານສົມທົບກັນລາດຕະເວນຮ່ວມເປັນປະຈຳ ເພື່ອຮັກສາຄວາມສະຫງົບ ແລະ ຄວາມເປັນລະບຽບຮຽບຮ້ອຍຢູ່ເຂດຊາຍແດນ"),
    ("Chương trình kết nghĩa cụm dân cư hai bên biên giới đã góp phần tăng cường tình đoàn kết giữa nhân dân hai nước.",
     "The twinning programme between villages on both sides of the border has helped strengthen solidarity between the two peoples.",
     "ແຜນງານສ້າງຄູ່ພີ່ນ້ອງລະຫວ່າງບ້ານສອງຟາກຊາຍແດນໄດ້ປະກອບສ່ວນເສີມຂະຫຍາຍຄວາມສາມັກຄີລະຫວ່າງປະຊາຊົນສອງຊາດ"),
    ("Năm nay tỉnh đã tiếp nhận {n} lưu học sinh Lào sang học tập tại các trường cao đẳng và đại học trên địa bàn.",
     "This year the province welcomed {n} Lao students to study at colleges and universities in the area.",
     "ປີນີ້ແຂວງໄດ້ຮັບນັກສຶກສາລາວ {n} ຄົນ ມາຮຽນຢູ່ບັນດາວິທະຍາໄລ ແລະ ມະຫາວິທະຍາໄລໃນທ້ອງຖິ່ນ"),
    ("Lượng khách du lịch đến tỉnh tăng mạnh nhờ các tour kết nối di sản dọc tuyến hành lang kinh tế Đông – Tây.",
     "Tourist arrivals in the province have risen sharply thanks to tours linking heritage sites along the East–West Economic Corridor.",
     "ຈຳນວນນັກທ່ອງທ່ຽວທີ່ມາແຂວງເພີ່ມຂຶ້ນຢ່າງຫຼວງຫຼາຍ ຍ້ອນມີເສັ້ນທາງທ່ອງທ່ຽວເຊື່ອມຕໍ່ມໍລະດົກຕາມແລວທາງເສດຖະກິດຕາເວັນອອກ-ຕາເວັນຕົກ"),
    ("Lễ hội năm nay thu hút hàng nghìn người dân và du khách, trong đó có nhiều đoàn nghệ thuật đến từ tỉnh {L}.",
     "This year's festival drew thousands of residents and visitors, including several art troupes from {L} Province.",
     "ບຸນປີນີ້ໄດ້ດຶງດູດປະຊາຊົນ ແລະ ນັກທ່ອງທ່ຽວຫຼາຍພັນຄົນ ໃນນັ້ນມີຄະນະສິລະປິນຫຼາຍຄະນະຈາກແຂວງ{L}"),
    ("Dự án nâng cấp tuyến đường nối trung tâm tỉnh với {g} dự kiến hoàn thành trong năm {y1}.",
     "The project to upgrade the road linking the provincial centre with {g} is expected to be completed in {y1}.",
     "ໂຄງການປັບປຸງເສັ້ນທາງເຊື່ອມຕໍ່ຕົວເມືອງແຂວງກັບ{g}ຄາດວ່າຈະສຳເລັດໃນປີ {y1}"),
    ("Các bệnh viện của tỉnh đã khám và điều trị miễn phí cho {n} lượt người dân các bản giáp biên.",
     "Provincial hospitals provided free check-ups and treatment to {n} residents of border villages.",
     "ບັນດາໂຮງໝໍຂອງແຂວງໄດ້ກວດ ແລະ ປິ່ນປົວບໍ່ເສຍຄ່າໃຫ້ປະຊາຊົນຕາມບ້ານຊາຍແດນ {n} ເທື່ອຄົນ"),
    ("Sản lượng cà phê xuất khẩu của tỉnh tăng {pct}%, chủ yếu sang thị trường châu Âu và Nhật Bản.",
     "The province's coffee exports rose by {pct}%, mostly to markets in Europe and Japan.",
     "ປະລິມານກາເຟສົ່ງອອກຂອງແຂວງເພີ່ມຂຶ້ນ {pct}% ສ່ວນໃຫຍ່ສົ່ງໄປຕະຫຼາດເອີຣົບ ແລະ ຍີ່ປຸ່ນ"),
    ("Đoàn công tác đã thăm và tặng quà các gia đình chính sách tại các huyện biên giới.",
     "The delegation visited and presented gifts to families of war veterans in the border districts.",
     "ຄະນະຜູ້ແທນໄດ້ຢ້ຽມຢາມ ແລະ ມອບຂອງຂວັນໃຫ້ຄອບຄົວນະໂຍບາຍຢູ່ບັນດາເມືອງຊາຍແດນ"),
    ("Trung tâm xúc tiến đầu tư đã hỗ trợ {n} nhà đầu tư tìm hiểu thông tin về các khu công nghiệp.",
     "The investment promotion centre helped {n} investors learn about the industrial parks.",
     "ສູນສົ່ງເສີມການລົງທຶນໄດ້ຊ່ວຍເຫຼືອນັກລົງທຶນ {n} ຄົນ ໃນການສຶກສາຂໍ້ມູນກ່ຽວກັບເຂດອຸດສາຫະກຳ"),
    ("Khu kinh tế cửa khẩu đang được quy hoạch lại để thu hút các dự án logistics và kho bãi.",
     "The border-gate economic zone is being replanned to attract logistics and warehousing projects.",
     "ເຂດເສດຖະກິດດ່ານຊາຍແດນກຳລັງຖືກວາງແຜນໃໝ່ ເພື່ອດຶງດູດໂຄງການດ້ານການຂົນສົ່ງ ແລະ ສາງສິນຄ້າ"),
    ("Người dân hai bên biên giới thường qua lại thăm thân, trao đổi hàng hóa vào các phiên chợ cuối tuần.",
     "People on both sides of the border often cross to visit relatives and trade goods at weekend markets.",
     "ປະຊາຊົນສອງຟາກຊາຍແດນໄປມາຢ້ຽມຢາມຍາດພີ່ນ້ອງ ແລະ ແລກປ່ຽນສິນຄ້າກັນຕາມຕະຫຼາດນັດທ້າຍອາທິດ"),
    ("Hai tỉnh đã ký biên bản ghi nhớ về hợp tác trong các lĩnh vực giáo dục, y tế, văn hóa và du lịch.",
     "The two provinces signed a memorandum of understanding on cooperation in education, health, culture and tourism.",
     "ສອງແຂວງໄດ້ລົງນາມບົດບັນທຶກຄວາມເຂົ້າໃຈວ່າດ້ວຍການຮ່ວມມືດ້ານການສຶກສາ ສາທາລະນະສຸກ ວັດທະນະທຳ ແລະ ການທ່ອງທ່ຽວ"),
    ("Tổng vốn đăng ký của các dự án mới trong năm ước đạt {usd} triệu USD.",
     "Total registered capital of new projects this year is estimated at {usd} million USD.",
     "ທຶນຈົດທະບຽນທັງໝົດຂອງໂຄງການໃໝ່ໃນປີນີ້ຄາດຄະເນວ່າບັນລຸ {usd} ລ້ານໂດລາສະຫະລັດ"),
    ("Các chuyên gia cho rằng tiềm năng phát triển du lịch sinh thái và du lịch cộng đồng của tỉnh còn rất lớn.",
     "Experts say the province still has great potential for ecotourism and community-based tourism.",
     "ບັນດາຊ່ຽວຊານເຫັນວ່າແຂວງຍັງມີທ່າແຮງອັນໃຫຍ່ຫຼວງໃນການພັດທະນາການທ່ອງທ່ຽວແບບອະນຸລັກທຳມະຊາດ ແລະ ການທ່ອງທ່ຽວແບບຊຸມຊົນ"),
    ("Thủ tục xuất nhập cảnh tại cửa khẩu đã được đơn giản hóa, giúp giảm đáng kể thời gian chờ của phương tiện.",
     "Immigration procedures at the border gate have been simplified, cutting vehicle waiting times considerably.",
     "ຂັ້ນຕອນເຂົ້າ-ອອກເມືອງຢູ່ດ່ານຊາຍແດນໄດ້ຮັບການປັບປຸງໃຫ້ງ່າຍດາຍຂຶ້ນ ຊ່ວຍຫຼຸດເວລາລໍຖ້າຂອງພາຫະນະລົງຢ່າງຫຼວງຫຼາຍ"),
    ("Tỉnh đã hỗ trợ xây dựng {n} phòng học và nhà ở giáo viên cho các huyện của tỉnh {L}.",
     "The province has helped build {n} classrooms and teachers' houses for districts of {L} Province.",
     "ແຂວງໄດ້ຊ່ວຍສ້າງຫ້ອງຮຽນ ແລະ ເຮືອນພັກຄູ {n} ຫຼັງ ໃຫ້ບັນດາເມືອງຂອງແຂວງ{L}"),
    ("Phát biểu tại buổi lễ, đại diện tỉnh {L} cảm ơn sự giúp đỡ chân thành, hiệu quả của tỉnh {P}.",
     "Speaking at the ceremony, a representative of {L} Province thanked {P} Province for its sincere and effective help.",
     "ກ່າວຄຳເຫັນໃນພິທີ ຜູ້ຕາງໜ້າແຂວງ{L}ໄດ້ສະແດງຄວາມຂອບໃຈຕໍ່ການຊ່ວຍເຫຼືອອັນຈິງໃຈ ແລະ ມີປະສິດທິຜົນຂອງແຂວງ{P}"),
    ("Các mặt hàng nông sản như sắn, chuối và gạo chiếm tỷ trọng lớn trong cơ cấu hàng nhập khẩu từ Lào.",
     "Farm products such as cassava, bananas and rice make up a large share of imports from Laos.",
     "ຜະລິດຕະພັນກະສິກຳເຊັ່ນ ມັນຕົ້ນ ກ້ວຍ ແລະ ເຂົ້າ ກວມອັດຕາສ່ວນສູງໃນໂຄງສ້າງສິນຄ້ານຳເຂົ້າຈາກລາວ"),
    ("Ngành điện lực đã hoàn thành đường dây trung thế đưa điện lưới quốc gia tới {n} hộ dân vùng sâu.",
     "The power company completed a medium-voltage line bringing grid electricity to {n} remote households.",
     "ຂະແໜງໄຟຟ້າໄດ້ສຳເລັດສາຍສົ່ງແຮງດັນກາງ ນຳໄຟຟ້າຕາໜ່າງແຫ່ງຊາດໄປເຖິງ {n} ຄອບຄົວໃນເຂດຫ່າງໄກສອກຫຼີກ"),
    ("Hội chợ thương mại biên giới năm {y} có sự tham gia của hơn {n} gian hàng từ Việt Nam, Lào và Thái Lan.",
     "The {y} border trade fair brought together more than {n} stalls from Vietnam, Laos and Thailand.",
     "ງານວາງສະແດງສິນຄ້າຊາຍແດນປີ {y} ມີຮ້ານຄ້າເຂົ້າຮ່ວມຫຼາຍກວ່າ {n} ຮ້ານ ຈາກຫວຽດນາມ ລາວ ແລະ ໄທ"),
    ("Công tác tìm kiếm, quy tập hài cốt liệt sĩ quân tình nguyện Việt Nam hy sinh tại Lào tiếp tục được triển khai.",
     "The search for and repatriation of the remains of Vietnamese volunteer soldiers who died in Laos continues.",
     "ວຽກງານຊອກຄົ້ນ ແລະ ສົ່ງຄືນອັດຖິຂອງທະຫານອາສາສະໝັກຫວຽດນາມທີ່ເສຍສະຫຼະຢູ່ລາວຍັງສືບຕໍ່ດຳເນີນໄປ"),
    ("Tỉnh khuyến khích các hợp tác xã ứng dụng thương mại điện tử để đưa đặc sản địa phương ra thị trường.",
     "The province encourages cooperatives to use e-commerce to bring local specialities to market.",
     "ແຂວງຊຸກຍູ້ໃຫ້ບັນດາສະຫະກອນນຳໃຊ້ການຄ້າເອເລັກໂຕຣນິກ ເພື່ອນຳເອົາຜະລິດຕະພັນພື້ນເມືອງອອກສູ່ຕະຫຼາດ"),
    ("Theo kế hoạch, đoàn sẽ làm việc với các sở, ngành liên quan trong ba ngày.",
     "According to the schedule, the delegation will work with the relevant departments for three days.",
     "ຕາມແຜນການ ຄະນະຜູ້ແທນຈະເຮັດວຽກກັບບັນດາພະແນກການທີ່ກ່ຽວຂ້ອງເປັນເວລາສາມວັນ"),
    ("Các lớp học tiếng Việt cho cán bộ tỉnh {L} được tổ chức thường xuyên tại trường chính trị tỉnh.",
     "Vietnamese language classes for officials from {L} Province are held regularly at the provincial political school.",
     "ຫ້ອງຮຽນພາສາຫວຽດນາມສຳລັບພະນັກງານແຂວງ{L}ໄດ້ຖືກຈັດຂຶ້ນເປັນປະຈຳຢູ່ໂຮງຮຽນການເມືອງແຂວງ"),
    ("Nhiều homestay do đồng bào dân tộc thiểu số quản lý đã đón khách quốc tế ổn định quanh năm.",
     "Many homestays run by ethnic minority families now welcome international guests all year round.",
     "ເຮືອນພັກແບບໂຮມສະເຕຫຼາຍແຫ່ງທີ່ຄຸ້ມຄອງໂດຍຊົນເຜົ່າສ່ວນໜ້ອຍໄດ້ຕ້ອນຮັບແຂກຕ່າງປະເທດຢ່າງສະໝ່ຳສະເໝີຕະຫຼອດປີ"),
    ("Mùa mưa năm nay, hai bên đã phối hợp ứng phó kịp thời với lũ quét và sạt lở đất ở khu vực giáp biên.",
     "During this year's rainy season the two sides worked together to respond quickly to flash floods and landslides near the border.",
     "ໃນລະດູຝົນປີນີ້ ສອງຝ່າຍໄດ້ປະສານສົມທົບກັນຮັບມືກັບນ້ຳປ່າ ແລະ ດິນເຈື່ອນຢູ່ເຂດໃກ້ຊາຍແດນຢ່າງທັນການ"),
    ("Tỷ lệ hộ nghèo ở các xã biên giới giảm {pct}% so với đầu nhiệm kỳ.",
     "The poverty rate in border communes has fallen by {pct}% since the start of the term.",
     "ອັດຕາຄອບຄົວທຸກຍາກຢູ່ບັນດາບ້ານຊາຍແດນຫຼຸດລົງ {pct}% ເມື່ອທຽບໃສ່ຕົ້ນສະໄໝ"),
    ("Bảo tàng tỉnh vừa khai mạc triển lãm ảnh về quan hệ hữu nghị đặc biệt Việt Nam – Lào.",
     "The provincial museum has just opened a photo exhibition on the special friendship between Vietnam and Laos.",
     "ຫໍພິພິທະພັນແຂວງຫາກໍ່ເປີດງານວາງສະແດງຮູບພາບກ່ຽວກັບສາຍພົວພັນມິດຕະພາບພິເສດລາວ-ຫວຽດນາມ"),
    ("Doanh nghiệp được hưởng ưu đãi về thuế và tiền thuê đất khi đầu tư vào địa bàn có điều kiện kinh tế khó khăn.",
     "Companies receive tax and land-rent incentives when they invest in areas facing economic difficulties.",
     "ວິສາຫະກິດໄດ້ຮັບນະໂຍບາຍສົ່ງເສີມດ້ານອາກອນ ແລະ ຄ່າເຊົ່າທີ່ດິນ ເມື່ອລົງທຶນໃນເຂດທີ່ມີເງື່ອນໄຂເສດຖະກິດຫຍຸ້ງຍາກ"),
    ("Mỗi năm có khoảng {n} nghìn lượt phương tiện vận tải hàng hóa qua lại {g}.",
     "Each year around {n} thousand freight vehicles pass through {g}.",
     "ແຕ່ລະປີມີພາຫະນະຂົນສົ່ງສິນຄ້າຜ່ານ{g}ປະມານ {n} ພັນເທື່ອຄັນ"),
    ("Đội văn nghệ của bản đã biểu diễn các điệu múa truyền thống, tạo không khí vui tươi cho ngày hội.",
     "The village art troupe performed traditional dances, bringing a joyful mood to the festival.",
     "ທີມສິລະປະຂອງບ້ານໄດ້ສະແດງການຟ້ອນລຳພື້ນເມືອງ ສ້າງບັນຍາກາດມ່ວນຊື່ນໃຫ້ແກ່ງານບຸນ"),
    ("Sở Ngoại vụ đề nghị các địa phương chủ động cung cấp thông tin chính xác, kịp thời cho báo chí nước ngoài.",
     "The Department of Foreign Affairs asked localities to give accurate and timely information to foreign media.",
     "ພະແນກການຕ່າງປະເທດສະເໜີໃຫ້ບັນດາທ້ອງຖິ່ນສະໜອງຂໍ້ມູນທີ່ຖືກຕ້ອງ ແລະ ທັນເວລາໃຫ້ສື່ມວນຊົນຕ່າງປະເທດຢ່າງຕັ້ງໜ້າ"),
    ("Hai bên cũng bàn biện pháp phòng chống buôn lậu, gian lận thương mại và vận chuyển trái phép chất ma túy qua biên giới.",
     "The two sides also discussed measures against smuggling, trade fraud and drug trafficking across the border.",
     "ສອງຝ່າຍຍັງໄດ້ປຶກສາຫາລືມາດຕະການຕ້ານການລັກລອບຄ້າຂາຍ ການສໍ້ໂກງທາງການຄ້າ ແລະ ການລັກລອບຂົນສົ່ງຢາເສບຕິດຜ່ານຊາຍແດນ"),
    ("Kết thúc chuyến thăm, đoàn bày tỏ mong muốn tiếp tục mở rộng hợp tác trên tinh thần hữu nghị, cùng có lợi.",
     "At the end of the visit, the delegation said it hoped to widen cooperation in a spirit of friendship and mutual benefit.",
     "ໃນຕອນທ້າຍຂອງການຢ້ຽມຢາມ ຄະນະຜູ້ແທນໄດ້ສະແດງຄວາມປາຖະໜາຢາກສືບຕໍ່ຂະຫຍາຍການຮ່ວມມືບົນພື້ນຖານມິດຕະພາບ ແລະ ຕ່າງຝ່າຍຕ່າງໄດ້ຮັບຜົນປະໂຫຍດ"),
    ("Giá trị sản xuất công nghiệp của tỉnh tăng {pct}%, cao hơn mức bình quân của khu vực.",
     "The province's industrial output grew by {pct}%, above the regional average.",
     "ມູນຄ່າການຜະລິດອຸດສາຫະກຳຂອງແຂວງເພີ່ມຂຶ້ນ {pct}% ສູງກວ່າລະດັບສະເລ່ຍຂອງພາກພື້ນ"),
    ("Du khách có thể trải nghiệm chợ phiên, thưởng thức ẩm thực địa phương và tham quan các di tích lịch sử.",
     "Visitors can explore market days, taste local food and tour historic sites.",
     "ນັກທ່ອງທ່ຽວສາມາດທ່ຽວຊົມຕະຫຼາດນັດ ຊີມລົດຊາດອາຫານພື້ນເມືອງ ແລະ ທ່ຽວຊົມສະຖານທີ່ປະຫວັດສາດ"),
    ("Tỉnh {P} hiện có {n} dự án đầu tư trực tiếp nước ngoài còn hiệu lực với tổng vốn {usd} triệu USD.",
     "{P} Province now has {n} active foreign direct investment projects with total capital of {usd} million USD.",
     "ປັດຈຸບັນແຂວງ{P}ມີໂຄງການລົງທຶນໂດຍກົງຈາກຕ່າງປະເທດທີ່ຍັງມີຜົນບັງຄັບໃຊ້ {n} ໂຄງການ ດ້ວຍທຶນທັງໝົດ {usd} ລ້ານໂດລາສະຫະລັດ"),
    ("Thanh niên hai tỉnh đã cùng trồng {n} cây xanh dọc tuyến đường biên giới trong ngày hội hữu nghị.",
     "Young people from the two provinces planted {n} trees along the border road during the friendship day.",
     "ຊາວໜຸ່ມສອງແຂວງໄດ້ຮ່ວມກັນປູກຕົ້ນໄມ້ {n} ຕົ້ນ ຕາມເສັ້ນທາງຊາຍແດນໃນງານວັນມິດຕະພາບ"),
]

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def nfc_deep(value):
    """NFC-normalise every string in a nested structure (the banks are typed by hand)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, tuple):
        return tuple(nfc_deep(v) for v in value)
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc_deep(v) for k, v in value.items()}
    return value


def _is_latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF


def slugify(text: str) -> str:
    """Slug (and heading id) as mekong makes it: lower-cased; Latin letters lose their
    marks and đ becomes d; other scripts (Lao) keep letters and marks; every run of
    anything else becomes one '-', trimmed at both ends."""
    out: list[str] = []
    pending = False
    strip_marks = True
    for ch in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.category(ch).startswith("M"):
            if not strip_marks and not pending and out:
                out.append(ch)
            continue
        if ch == "đ":
            ch = "d"
        if ch.isalnum():
            if pending and out:
                out.append("-")
            pending = False
            out.append(ch)
            strip_marks = _is_latin(ch)
        else:
            pending = True
            strip_marks = True
    return unicodedata.normalize("NFC", "".join(out))


def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def qlist(items) -> str:
    return "[" + ", ".join(q(s) for s in items) + "]"


def build_tags():
    """~300 parallel tags: topics, places, and topic+place combinations."""
    tags = list(TOPICS) + list(PLACES)
    combos = [(t, p) for p in PLACES for t in TOPICS]
    random.Random("mekong-bench-tags").shuffle(combos)
    for t, p in combos[: 300 - len(tags)]:
        tags.append((f"{t[0]} {p[0]}", f"{p[1]} {t[1]}", f"{t[2]}{p[2]}"))
    return tags


# ---------------------------------------------------------------------------
# PNG covers (standard library only)
# ---------------------------------------------------------------------------

_SHIFT_TABLES = [bytes((v + k) & 255 for v in range(256)) for k in range(256)]


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def make_png(index: int, seed: int, width: int = 1600, height: int = 1000) -> bytes:
    """A valid RGB PNG with a seeded diagonal colour gradient; distinct per index."""
    rng = random.Random(f"{seed}:image:{index}")
    r0, g0, b0 = rng.randrange(256), rng.randrange(256), rng.randrange(256)
    rs, gs, bs = rng.randint(1, 6), rng.randint(1, 6), rng.randint(1, 6)
    row = bytearray(width * 3)
    for x in range(width):
        row[3 * x] = (r0 + x * rs // 16) & 255
        row[3 * x + 1] = (g0 + x * gs // 16) & 255
        row[3 * x + 2] = (b0 + x * bs // 16) & 255
    # First pixel carries the index, so no two covers are ever byte- or pixel-equal.
    row[0:3] = bytes(((index >> 16) & 255, (index >> 8) & 255, index & 255))
    row = bytes(row)
    ystep = rng.randint(2, 6)
    rows = []
    for y in range(height):
        rows.append(b"\x00")
        rows.append(row.translate(_SHIFT_TABLES[(y // ystep) & 255]))
    raw = b"".join(rows)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(raw, 6))
        + png_chunk(b"IEND", b"")
    )


# ---------------------------------------------------------------------------
# Article plans: everything random is decided here, once, in a fixed order.
# ---------------------------------------------------------------------------


@dataclass
class Article:
    index: int  # 1-based
    section: str
    bundle: str
    template: tuple
    date_text: str
    updated_text: str | None
    slots: list  # per language: dict of slot values
    categories: list  # indices into CATEGORIES
    tags: list  # indices into TAGS
    author: int
    source: int
    headings: list  # indices into HEADINGS (3, distinct)
    paragraphs: list  # list of lists of (sentence index, n, pct, usd)
    list_items: list
    table: list | None  # rows of (label index, prev, cur)
    link_seed: int
    langs: set = field(default_factory=lambda: set(LANGS))
    links: dict = field(default_factory=dict)  # lang -> [(target, fragment heading or None)]
    cover: str | None = None
    image: int | None = None


START = dt.date(2016, 1, 1)
DAYS = (dt.date(2025, 12, 31) - START).days + 1


def plan_article(i: int, seed: int) -> Article:
    rng = random.Random(f"{seed}:article:{i}")
    section = SECTION_ORDER[(i - 1) % len(SECTION_ORDER)]
    template = rng.choice(TITLES[section])
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    if rng.random() < 0.35:
        date_text = day.isoformat()
        has_time = False
    else:
        hh, mm = rng.randint(6, 21), rng.choice((0, 10, 15, 20, 30, 40, 45, 50))
        date_text = f"{day.isoformat()}T{hh:02d}:{mm:02d}:00+07:00"
        has_time = True
    updated_text = None
    if rng.random() < 0.25:
        later = day + dt.timedelta(days=rng.randint(1, 20))
        if has_time and rng.random() < 0.5:
            updated_text = f"{later.isoformat()}T{rng.randint(6, 21):02d}:00:00+07:00"
        else:
            updated_text = later.isoformat()
    partner = rng.choice(PARTNERS)
    gate = rng.randrange(len(GATES))
    year = day.year
    slots = []
    for k in range(3):
        d = {"y": year, "y1": year + 1}
        d["P"] = OUR_PROVINCE[k]
        d["L"] = PLACES[partner][k]
        d["g"] = GATES[gate][k]
        slots.append(d)

    cat_pool = SECTION_CATEGORIES[section]
    cats = [rng.choice(cat_pool)]
    if rng.random() < 0.5:
        other = rng.randrange(len(CATEGORIES))
        if other not in cats:
            cats.append(other)
    ntags = rng.randint(2, 5)
    tags = []
    if rng.random() < 0.5:
        tags.append(len(TOPICS) + partner)
    while len(tags) < ntags:
        t = rng.randrange(len(TAGS))
        if t not in tags:
            tags.append(t)

    headings = rng.sample(range(len(HEADINGS)), 3)

    # Sentences until the English prose reaches the target; with headings, list and
    # links the English body lands near 400-700 words, and Vietnamese (counted in
    # space-separated syllables) runs about a third longer: both stay roughly
    # within 400-900 words.
    target = rng.randint(340, 520)
    order: list[tuple] = []
    batch: list[int] = []
    words = 0.0
    while words < target:
        if len(order) % len(SENTENCES) == 0:
            recent = {o[0] for o in order[-8:]}
            batch = list(range(len(SENTENCES)))
            rng.shuffle(batch)
            # Keep a sentence from coming back right after it was used.
            batch = [b for b in batch if b not in recent] + [b for b in batch if b in recent]
        s = batch[len(order) % len(SENTENCES)]
        # Numbers differ from sentence to sentence: (sentence, n, pct, usd).
        order.append((s, rng.randint(12, 480), rng.randint(3, 35), rng.randint(15, 950)))
        words += WORDS[s][1]
    paragraphs = []
    pos = 0
    while pos < len(order):
        size = rng.randint(2, 5)
        paragraphs.append(order[pos : pos + size])
        pos += size

    list_items = rng.sample(range(len(LIST_ITEMS)), rng.randint(3, 6))
    table = None
    if rng.random() < 0.2:
        table = []
        for row in rng.sample(range(len(TABLE_ROWS)), rng.randint(2, 4)):
            prev = rng.randint(10, 900)
            table.append((row, prev, prev + rng.randint(-prev // 5, prev // 3)))

    slug = template[0]
    bundle = f"{day.isoformat()}-{slug}-{i}"
    return Article(
        index=i,
        section=section,
        bundle=bundle,
        template=template,
        date_text=date_text,
        updated_text=updated_text,
        slots=slots,
        categories=cats,
        tags=tags,
        author=rng.randrange(len(AUTHORS)),
        source=rng.randrange(len(SOURCES)),
        headings=headings,
        paragraphs=paragraphs,
        list_items=list_items,
        table=table,
        link_seed=rng.randrange(2**32),
    )


def plan_site(n: int, seed: int, missing_en: float, missing_lo: float, images: int, image_names):
    articles = [plan_article(i, seed) for i in range(1, n + 1)]
    for lang, frac in (("en", missing_en), ("lo", missing_lo)):
        k = round(n * frac)
        for j in random.Random(f"{seed}:missing:{lang}").sample(range(n), k):
            articles[j].langs.discard(lang)
    pools = {lang: [j for j, a in enumerate(articles) if lang in a.langs] for lang in LANGS}

    for j, a in enumerate(articles):
        rng = random.Random(a.link_seed)
        targets = []
        if n > 1:
            want = rng.randint(1, 3)
            tries = 0
            while len(targets) < min(want, n - 1) and tries < 20:
                tries += 1
                t = rng.randrange(n)
                if t != j and t not in targets:
                    targets.append(t)
        frag_rolls = [rng.random() < 0.25 for _ in targets]
        frag_picks = [rng.randrange(3) for _ in targets]
        for lang in LANGS:
            if lang not in a.langs:
                continue
            chosen = []
            for t, roll, pick in zip(targets, frag_rolls, frag_picks):
                if lang in articles[t].langs:
                    frag = articles[t].headings[pick] if roll else None
                    chosen.append((t, frag))
            if not chosen and len(pools[lang]) > 1:
                lrng = random.Random(f"{a.link_seed}:{lang}")
                pool = pools[lang]
                while True:
                    t = pool[lrng.randrange(len(pool))]
                    if t != j:
                        chosen.append((t, None))
                        break
            a.links[lang] = chosen

    for j in range(min(images, n)):
        a = articles[j]
        a.image = j
        a.cover = image_names[j]
    return articles


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def title_of(a: Article, k: int) -> str:
    _, n, pct, usd = a.paragraphs[0][0]
    t = a.template[1 + k].format(n=n, pct=pct, usd=usd, **a.slots[k])
    return t[0].upper() + t[1:]


def sentence(occ: tuple, a: Article, k: int) -> str:
    s, n, pct, usd = occ
    return SENTENCES[s][k].format(n=n, pct=pct, usd=usd, **a.slots[k])


def render_body(a: Article, k: int, link_for, titles, mentions=()) -> str:
    lang = LANGS[k]
    paras = [" ".join(sentence(s, a, k) for s in p) for p in a.paragraphs]
    links = a.links.get(lang, [])
    # Append each "see also" link to a paragraph after the first heading.
    for m, (t, frag) in enumerate(links):
        target = titles[t][k]
        text = f"{SEE_ALSO[k]}: [{target}]({link_for(t, lang, frag)})"
        if k != 2:
            text += "."
        where = 1 + (m * 7 + a.index) % max(1, len(paras) - 1) if len(paras) > 1 else 0
        paras[where] = paras[where] + " " + text
    # Sentences mentioning documents (--documents), likewise.
    for m, text in enumerate(mentions):
        where = 1 + (m * 5 + a.index + 2) % max(1, len(paras) - 1) if len(paras) > 1 else 0
        paras[where] = paras[where] + " " + text

    out = [paras[0], ""]
    rest = paras[1:]
    # Split the remaining paragraphs over three headed sections.
    per = max(1, -(-len(rest) // 3))
    chunks = [rest[x * per : (x + 1) * per] for x in range(3)]
    for h, (hidx, chunk) in enumerate(zip(a.headings, chunks)):
        out.append("## " + HEADINGS[hidx][k])
        out.append("")
        for m, p in enumerate(chunk):
            out.append(p)
            out.append("")
            if h == 0 and m == 0:
                out.append(LIST_INTRO[k])
                out.append("")
                for li in a.list_items:
                    out.append("- " + LIST_ITEMS[li][k])
                out.append("")
        if h == 0 and not chunk:
            out.append(LIST_INTRO[k])
            out.append("")
            for li in a.list_items:
                out.append("- " + LIST_ITEMS[li][k])
            out.append("")
        if h == 1 and a.table:
            y = a.slots[k]["y"]
            out.append(TABLE_INTRO[k])
            out.append("")
            out.append(f"| {TABLE_HEAD[k]} | {y - 1} | {y} |")
            out.append("| --- | ---: | ---: |")
            for row, prev, cur in a.table:
                out.append(f"| {TABLE_ROWS[row][k]} | {prev} | {cur} |")
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def front_matter_mekong(a: Article, k: int, title: str, summary: str) -> str:
    lines = ["---", f"title: {q(title)}", f"date: {a.date_text}"]
    if a.updated_text:
        lines.append(f"updated: {a.updated_text}")
    lines.append(f"summary: {q(summary)}")
    lines.append(f"categories: {qlist(CATEGORIES[c][k] for c in a.categories)}")
    lines.append(f"tags: {qlist(TAGS[t][k] for t in a.tags)}")
    if a.cover:
        lines.append(f"cover: {{ src: {a.cover}, alt: {q(title)}, caption: {q(cover_caption(a, k))} }}")
    lines.append(f"author: {q(author_of(a, k))}")
    lines.append(f"source: {q(SOURCES[a.source][k])}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def front_matter_hugo(a: Article, k: int, title: str, summary: str) -> str:
    lines = ["---", f"title: {q(title)}", f"date: {a.date_text}"]
    if a.updated_text:
        lines.append(f"lastmod: {a.updated_text}")
    lines.append(f"summary: {q(summary)}")
    lines.append(f"translationKey: {q(a.bundle)}")
    lines.append(f"categories: {qlist(CATEGORIES[c][k] for c in a.categories)}")
    lines.append(f"tags: {qlist(TAGS[t][k] for t in a.tags)}")
    lines.append("params:")
    lines.append(f"  author: {q(author_of(a, k))}")
    lines.append(f"  source: {q(SOURCES[a.source][k])}")
    if a.cover:
        lines.append(f"  cover: {{ src: {a.cover}, alt: {q(title)}, caption: {q(cover_caption(a, k))} }}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def author_of(a: Article, k: int) -> str:
    return AUTHORS[a.author][1 if k == 1 else 0]


def cover_caption(a: Article, k: int) -> str:
    return f"{PHOTO[k]}: {author_of(a, k)}"


class Writer:
    """Writes files under one root and counts them."""

    def __init__(self, root: str):
        self.root = root
        self.files = 0
        self.bytes = 0
        self._dirs: set[str] = set()

    def write(self, rel: str, data: str | bytes) -> None:
        path = os.path.join(self.root, rel)
        d = os.path.dirname(path)
        if d not in self._dirs:
            os.makedirs(d, exist_ok=True)
            self._dirs.add(d)
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        self.files += 1
        self.bytes += len(data)



# ---------------------------------------------------------------------------
# Documents registry (--documents D): a section of official documents, and mentions
# of their numbers in the articles' bodies. Its random numbers come from streams of
# their own, and nothing here runs when D is 0: the site is then byte for byte the one
# the generator wrote before it had the option.
# ---------------------------------------------------------------------------

DOCUMENTS_FOLDER = "documents"
DOCUMENTS_SECTION = {
    "vi": ("Văn bản", "van-ban", "Văn bản chỉ đạo, điều hành về công tác đối ngoại của tỉnh."),
    "en": ("Documents", "documents", "Official documents on the province's external affairs."),
    "lo": ("ເອກະສານ", "ເອກະສານ", "ເອກະສານທາງການກ່ຽວກັບວຽກງານການຕ່າງປະເທດຂອງແຂວງ"),
}

# The six kinds mekong knows when site.yaml names none, with the names its default
# theme gives them (`document-kind-KEY`): mentions must spell them so.
DOC_KINDS = [
    ("ke-hoach", ("Kế hoạch", "Plan", "ແຜນການ")),
    ("ket-luan", ("Kết luận", "Conclusion", "ຂໍ້ສະຫຼຸບ")),
    ("quyet-dinh", ("Quyết định", "Decision", "ຂໍ້ຕົກລົງ")),
    ("nghi-dinh", ("Nghị định", "Decree", "ດຳລັດ")),
    ("thong-tu", ("Thông tư", "Circular", "ໜັງສືແນະນຳ")),
    ("cong-van", ("Công văn", "Official letter", "ໜັງສືທາງລັດຖະການ")),
]

# Issuers: key and name per language (written into the site's i18n/*.ftl).
DOC_ISSUERS = [
    ("tinh-uy", ("Tỉnh ủy Trường Sơn", "Truong Son Provincial Party Committee", "ຄະນະພັກແຂວງເຈື່ອງເຊີນ")),
    ("ubnd-tinh", ("Ủy ban nhân dân tỉnh Trường Sơn", "Truong Son Provincial People's Committee",
                   "ຄະນະກຳມະການປະຊາຊົນແຂວງເຈື່ອງເຊີນ")),
    ("so-ngoai-vu", ("Sở Ngoại vụ tỉnh Trường Sơn", "Truong Son Department of Foreign Affairs",
                     "ພະແນກການຕ່າງປະເທດແຂວງເຈື່ອງເຊີນ")),
    ("chinh-phu", ("Chính phủ", "Government of Viet Nam", "ລັດຖະບານຫວຽດນາມ")),
    ("bo-ngoai-giao", ("Bộ Ngoại giao", "Ministry of Foreign Affairs of Viet Nam", "ກະຊວງການຕ່າງປະເທດຫວຽດນາມ")),
]

# (kind, issuer, how the number is written, weight). Numbers with a year restart each
# year (30/2022/QĐ-UBND); the others count on across years (127-KH/TU). Official
# letters carry no kind's code (1234/UBND-NgV): their mentions are checked against
# the registry's `kind:`.
DOC_FORMS = [
    (0, 0, "{n}-KH/TU", 3),
    (1, 0, "{n}-KL/TU", 2),
    (0, 1, "{n}/KH-UBND", 3),
    (2, 1, "{n}/{y}/QĐ-UBND", 4),
    (5, 1, "{n}/UBND-NgV", 2),
    (5, 2, "{n}/SNgV-HTQT", 3),
    (3, 3, "{n}/{y}/NĐ-CP", 1),
    (4, 4, "{n}/{y}/TT-BNG", 1),
]

DOC_TITLES = [
    ("Kế hoạch hợp tác với tỉnh {L} năm {y}", "Plan for cooperation with {L} Province in {y}",
     "ແຜນການຮ່ວມມືກັບແຂວງ{L} ປີ {y}"),
    ("Kết luận về công tác đối ngoại năm {y}", "Conclusion on external affairs in {y}",
     "ຂໍ້ສະຫຼຸບກ່ຽວກັບວຽກງານການຕ່າງປະເທດປີ {y}"),
    ("Quyết định ban hành quy chế quản lý đoàn ra, đoàn vào",
     "Decision on the rules for incoming and outgoing delegations",
     "ຂໍ້ຕົກລົງວ່າດ້ວຍລະບຽບການຄຸ້ມຄອງຄະນະຜູ້ແທນເຂົ້າ-ອອກ"),
    ("Nghị định về quản lý cửa khẩu biên giới đất liền", "Decree on the management of land border gates",
     "ດຳລັດວ່າດ້ວຍການຄຸ້ມຄອງດ່ານຊາຍແດນທາງບົກ"),
    ("Thông tư hướng dẫn công tác lãnh sự", "Circular guiding consular work",
     "ໜັງສືແນະນຳກ່ຽວກັບວຽກງານກົງສູນ"),
    ("Công văn về việc đón tiếp đoàn công tác tỉnh {L}", "Official letter on receiving the {L} Province delegation",
     "ໜັງສືທາງລັດຖະການກ່ຽວກັບການຕ້ອນຮັບຄະນະຜູ້ແທນແຂວງ{L}"),
]

DOC_SENTENCES = [
    ("Văn bản này quy định các nhiệm vụ, giải pháp chủ yếu trong công tác đối ngoại của tỉnh.",
     "This document sets out the main tasks and measures of the province's external affairs.",
     "ເອກະສານນີ້ກຳນົດໜ້າທີ່ ແລະ ມາດຕະການຕົ້ນຕໍໃນວຽກງານການຕ່າງປະເທດຂອງແຂວງ"),
    ("Các sở, ngành và các huyện biên giới có trách nhiệm triển khai và báo cáo kết quả hằng quý.",
     "Departments and border districts are responsible for carrying it out and reporting the results every quarter.",
     "ບັນດາພະແນກການ ແລະ ເມືອງຊາຍແດນມີໜ້າທີ່ຈັດຕັ້ງປະຕິບັດ ແລະ ລາຍງານຜົນທຸກໆໄຕມາດ"),
    ("Sở Ngoại vụ là cơ quan thường trực, theo dõi và đôn đốc việc thực hiện.",
     "The Department of Foreign Affairs coordinates and follows up its implementation.",
     "ພະແນກການຕ່າງປະເທດເປັນອົງການປະຈຳ ຕິດຕາມ ແລະ ຊຸກຍູ້ການຈັດຕັ້ງປະຕິບັດ"),
    ("Hợp tác với tỉnh {L} tập trung vào thương mại, giáo dục, y tế và quản lý biên giới.",
     "Cooperation with {L} Province focuses on trade, education, health and border management.",
     "ການຮ່ວມມືກັບແຂວງ{L}ສຸມໃສ່ການຄ້າ ການສຶກສາ ສາທາລະນະສຸກ ແລະ ການຄຸ້ມຄອງຊາຍແດນ"),
    ("Kinh phí thực hiện được bố trí từ ngân sách tỉnh năm {y} và các nguồn hợp pháp khác.",
     "Funding comes from the province's {y} budget and other lawful sources.",
     "ງົບປະມານໃນການຈັດຕັ້ງປະຕິບັດແມ່ນມາຈາກງົບປະມານແຂວງປີ {y} ແລະ ແຫຼ່ງທຶນອື່ນທີ່ຖືກຕ້ອງຕາມກົດໝາຍ"),
    ("Văn bản có hiệu lực kể từ ngày ký.",
     "The document takes effect from the date it is signed.",
     "ເອກະສານນີ້ມີຜົນສັກສິດນັບແຕ່ວັນລົງລາຍເຊັນ"),
]

# "This decision replaces Decision No. …": a mention in a document's own body.
DOC_REPLACES = ("{Kind} này thay thế {kind} số {number}.", "This {kind} replaces {Kind} No. {number}.",
                "{kind}ສະບັບນີ້ປ່ຽນແທນ{kind}ເລກທີ {number}")

# A mention in an article, with or without the date after it; {issuer} in the
# language. Each language writes the default pattern of site.yaml's `mentions`.
MENTION_SENTENCES = [
    ("Hoạt động được triển khai theo {kind} số {number}{date} của {issuer}.",
     "The work follows {Kind} No. {number}{date} of the {issuer}.",
     "ວຽກງານດັ່ງກ່າວປະຕິບັດຕາມ{kind}ເລກທີ {number}{date} ຂອງ{issuer}"),
    ("Các đơn vị liên quan thực hiện nghiêm {kind} số {number}{date}.",
     "The departments concerned are carrying out {Kind} No. {number}{date} in full.",
     "ບັນດາພາກສ່ວນທີ່ກ່ຽວຂ້ອງໄດ້ປະຕິບັດ{kind}ເລກທີ {number}{date} ຢ່າງເຂັ້ມງວດ"),
]

SIGNERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quang Cường", "Phạm Thu Dung", "Hoàng Minh Đức",
           "Vũ Thị Hạnh", "Đặng Văn Khoa", "Bùi Thanh Lâm"]

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


@dataclass
class Document:
    index: int  # 1-based
    bundle: str
    kind: int  # index into DOC_KINDS
    issuer: int  # index into DOC_ISSUERS
    number: str
    issued: dt.date
    title: int  # index into DOC_TITLES
    partner: int  # index into PLACES
    sentences: list  # indices into DOC_SENTENCES
    signer: int | None
    effective: dt.date | None
    langs: set
    lo_block: bool  # the Lao version repeats the block (with a summary of its own)
    en_file: bool  # an English file beside the Vietnamese one
    replaces: int | None = None  # index into the documents list
    replaced_by: int | None = None


def plan_documents(d: int, seed: int) -> list[Document]:
    """D documents across the kinds and issuers, numbered in the order issued; about a
    fifth lack English and two fifths Lao."""
    rng = random.Random(f"{seed}:documents")
    weights = [f[3] for f in DOC_FORMS]
    drafts = []
    for _ in range(d):
        form = rng.choices(range(len(DOC_FORMS)), weights)[0]
        issued = START + dt.timedelta(days=rng.randrange(DAYS))
        drafts.append((issued, form, rng.randrange(2**32)))
    drafts.sort(key=lambda t: (t[0], t[1], t[2]))
    counters: dict = {}
    docs: list[Document] = []
    for i, (issued, form, sub_seed) in enumerate(drafts, start=1):
        r = random.Random(sub_seed)
        kind, issuer, pattern, _ = DOC_FORMS[form]
        key = (form, issued.year) if "{y}" in pattern else form
        counters[key] = counters.get(key, 0) + r.randint(1, 40)
        number = pattern.format(n=counters[key], y=issued.year)
        langs = {"vi"}
        if r.random() >= 0.2:
            langs.add("en")
        if r.random() >= 0.4:
            langs.add("lo")
        code = slugify(number.split("/")[0].split("-")[0])
        docs.append(Document(
            index=i,
            bundle=f"{issued.isoformat()}-{DOC_KINDS[kind][0]}-{code}-{i}",
            kind=kind,
            issuer=issuer,
            number=number,
            issued=issued,
            title=kind,
            partner=r.choice(PARTNERS),
            sentences=r.sample(range(len(DOC_SENTENCES)), r.randint(3, 5)),
            signer=r.randrange(len(SIGNERS)) if r.random() < 0.7 else None,
            effective=issued + dt.timedelta(days=r.randint(0, 30)) if r.random() < 0.5 else None,
            langs=langs,
            lo_block=r.random() < 0.5,
            en_file=r.random() < 0.3,
        ))
    # About one in ten replaces the latest earlier document of its form.
    latest: dict = {}
    rrng = random.Random(f"{seed}:documents:replaces")
    for j, doc in enumerate(docs):
        form = next(f for f, (k, s, _, _) in enumerate(DOC_FORMS) if (k, s) == (doc.kind, doc.issuer))
        earlier = latest.get(form)
        if earlier is not None and docs[earlier].replaced_by is None and rrng.random() < 0.1:
            doc.replaces = earlier
            docs[earlier].replaced_by = j
        latest[form] = j
    return docs


def plan_mentions(articles, docs: list[Document], seed: int, share: float) -> dict:
    """For about `share` of the articles, one or two documents issued before them:
    article index -> [(document, sentence form, date style or None)]."""
    rng = random.Random(f"{seed}:mentions")
    issued = [doc.issued for doc in docs]
    mentions = {}
    for a in articles:
        if rng.random() >= share:
            continue
        day = dt.date.fromisoformat(a.date_text[:10])
        upto = bisect.bisect_left(issued, day)
        if upto == 0:
            continue
        chosen = []
        for _ in range(rng.randint(1, 2)):
            doc = rng.randrange(upto)
            if doc not in [c[0] for c in chosen]:
                # Half the mentions give the date issued, in one of two forms.
                style = rng.choice((None, None, 0, 1))
                chosen.append((doc, rng.randrange(len(MENTION_SENTENCES)), style))
        mentions[a.index] = chosen
    return mentions


def mention_date(day: dt.date, k: int, style: int | None) -> str:
    if style is None:
        return ""
    if k == 0:
        return f" ngày {day:%d/%m/%Y}" if style == 0 else f" ngày {day.day} tháng {day.month} năm {day.year}"
    if k == 1:
        if style == 0:
            return f" dated {day.day} {EN_MONTHS[day.month - 1]} {day.year}"
        return f", issued on {EN_MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f" ລົງວັນທີ {day:%d/%m/%Y}"


def mention_text(doc: Document, k: int, form: int, style: int | None) -> str:
    name = DOC_KINDS[doc.kind][1][k]
    return MENTION_SENTENCES[form][k].format(
        kind=name if k != 0 else name.lower(), Kind=name, number=doc.number,
        date=mention_date(doc.issued, k, style), issuer=DOC_ISSUERS[doc.issuer][1][k])


def make_pdf(text: str) -> bytes:
    """A small, valid one-page PDF showing `text` (ASCII)."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_name(doc: Document, lang: str) -> str:
    suffix = "" if lang == "vi" else f"-{lang}"
    return f"{DOC_KINDS[doc.kind][0]}-{doc.index}{suffix}.pdf"


def document_block(doc: Document, docs: list[Document], summary: str | None, files: bool) -> list[str]:
    lines = [
        "document:",
        f"  number: {q(doc.number)}",
        f"  kind: {DOC_KINDS[doc.kind][0]}",
        f"  issued: {doc.issued.isoformat()}",
        f"  issuer: {DOC_ISSUERS[doc.issuer][0]}",
    ]
    if doc.signer is not None:
        lines.append(f"  signer: {q(SIGNERS[doc.signer])}")
    if doc.effective is not None:
        lines.append(f"  effective: {doc.effective.isoformat()}")
    if doc.replaces is not None:
        lines.append(f"  replaces: [{q(docs[doc.replaces].number)}]")
    if doc.replaced_by is not None:
        lines.append(f"  replaced_by: {q(docs[doc.replaced_by].number)}")
    if files:
        names = [pdf_name(doc, "vi")]
        if doc.en_file and "en" in doc.langs:
            names.append(f"{{ src: {pdf_name(doc, 'en')}, lang: en }}")
        lines.append(f"  files: [{', '.join(names)}]")
    if summary is not None:
        lines.append(f"  summary: {q(summary)}")
    return lines


def write_documents(w: Writer, docs: list[Document]) -> dict:
    """The registry's section, its documents (with their PDFs) and the issuers' names;
    returns the documents per language."""
    counts = {lang: 0 for lang in LANGS}
    for k, lang in enumerate(LANGS):
        title, slug, desc = DOCUMENTS_SECTION[lang]
        w.write(f"content/{DOCUMENTS_FOLDER}/_index.{lang}.md",
                f"---\ntitle: {q(title)}\ndescription: {q(desc)}\nslug: {q(slug)}\n---\n\n{desc}\n")
        names = "".join(f"document-issuer-{key} = {names[k]}\n" for key, names in DOC_ISSUERS)
        w.write(f"i18n/{lang}.ftl", f"## The issuers of the documents registry\n\n{names}")
    for doc in docs:
        base = f"content/{DOCUMENTS_FOLDER}/{doc.bundle}"
        for k, lang in enumerate(LANGS):
            if lang not in doc.langs:
                continue
            counts[lang] += 1
            slots = {"L": PLACES[doc.partner][k], "y": doc.issued.year}
            title = DOC_TITLES[doc.title][k].format(**slots)
            paras = [DOC_SENTENCES[s][k].format(**slots) for s in doc.sentences]
            summary = paras[0]
            if doc.replaces is not None:
                old = docs[doc.replaces]
                name = DOC_KINDS[doc.kind][1][k]
                paras.append(DOC_REPLACES[k].format(
                    kind=name.lower() if k != 2 else name, Kind=name, number=old.number))
            body = " ".join(paras[:2]) + "\n\n" + " ".join(paras[2:]) + "\n"
            lines = ["---", f"title: {q(title)}"]
            if lang == "vi":
                lines.append(f"summary: {q(summary)}")
                lines += document_block(doc, docs, None, files=True)
            elif lang == "lo" and doc.lo_block:
                lines += document_block(doc, docs, summary, files=False)
            else:
                lines.append(f"date: {doc.issued.isoformat()}")
                lines.append(f"summary: {q(summary)}")
            lines.append("---")
            w.write(f"{base}/index.{lang}.md", "\n".join(lines) + "\n\n" + body)
        w.write(f"{base}/{pdf_name(doc, 'vi')}", make_pdf(f"{doc.index}: {doc.issued.isoformat()}"))
        if doc.en_file and "en" in doc.langs:
            w.write(f"{base}/{pdf_name(doc, 'en')}", make_pdf(f"{doc.index} (en): {doc.issued.isoformat()}"))
    return counts


def documents_yaml() -> str:
    issuers = ", ".join(key for key, _ in DOC_ISSUERS)
    return (
        "documents:\n"
        f"  section: {DOCUMENTS_FOLDER}\n"
        f"  issuers: [{issuers}]\n"
        '  mentions: { vi: "{kind} số {number}", en: "{kind} No. {number}", lo: "{kind} ເລກທີ {number}" }\n'
    )


(DOCUMENTS_SECTION, DOC_KINDS, DOC_ISSUERS, DOC_FORMS, DOC_TITLES, DOC_SENTENCES, DOC_REPLACES,
 MENTION_SENTENCES, SIGNERS) = nfc_deep(
    (DOCUMENTS_SECTION, DOC_KINDS, DOC_ISSUERS, DOC_FORMS, DOC_TITLES, DOC_SENTENCES, DOC_REPLACES,
     MENTION_SENTENCES, SIGNERS))


def site_yaml() -> str:
    lines = [
        "base_url: https://example.gov.vn",
        "default_language: vi",
        "languages:",
    ]
    for lang in LANGS:
        lines.append(f"  {lang}: {{ name: {q(SITE[lang]['name'])}, title: {q(SITE[lang]['title'])} }}")
    lines += [
        "theme: default",
        'timezone: "+07:00"',
        "taxonomies: [categories, tags]",
        "images: { widths: [480, 960, 1600], quality: 80 }",
        "paginate: 10",
    ]
    return "\n".join(lines) + "\n"


def hugo_toml() -> str:
    def t(s):
        return json.dumps(s, ensure_ascii=False)

    lines = [
        'baseURL = "https://example.gov.vn/"',
        f"title = {t(SITE['vi']['title'])}",
        'defaultContentLanguage = "vi"',
        "defaultContentLanguageInSubdir = true",
        'timeZone = "Asia/Ho_Chi_Minh"',
        "",
        "[pagination]",
        "  pagerSize = 10",
        "",
        "[taxonomies]",
        '  category = "categories"',
        '  tag = "tags"',
        "",
        "[imaging]",
        "  quality = 80",
        "",
    ]
    codes = {"vi": "vi-VN", "en": "en-US", "lo": "lo-LA"}
    for w, lang in enumerate(LANGS, start=1):
        lines += [
            f"[languages.{lang}]",
            f"  languageName = {t(SITE[lang]['name'])}",
            f"  languageCode = {t(codes[lang])}",
            f"  title = {t(SITE[lang]['title'])}",
            f"  weight = {w}",
            "",
        ]
    return "\n".join(lines)


def write_pages(w: Writer, hugo: bool) -> None:
    """Home, about and section pages."""
    for k, lang in enumerate(LANGS):
        title, desc = HOME[lang]
        w.write(f"content/_index.{lang}.md",
                f"---\ntitle: {q(title)}\ndescription: {q(desc)}\n---\n\n{desc}\n")
        atitle, asummary, paras, h2, contact = ABOUT[lang]
        body = "\n\n".join(paras) + f"\n\n## {h2}\n\n{contact}\n"
        w.write(f"content/about.{lang}.md",
                f"---\ntitle: {q(atitle)}\nsummary: {q(asummary)}\n---\n\n{body}")
        for sec in SECTION_ORDER:
            stitle, sslug, sdesc = SECTIONS[sec][lang]
            fm = f"---\ntitle: {q(stitle)}\ndescription: {q(sdesc)}\n"
            if not hugo:
                fm += f"slug: {q(sslug)}\n"
            w.write(f"content/{sec}/_index.{lang}.md", fm + f"---\n\n{sdesc}\n")


def prepare_out(path: str, force: bool, config_name: str) -> None:
    if os.path.isdir(path) and os.listdir(path):
        if not force:
            sys.exit(f"gensite: {path} is not empty; pass --force to replace its content/ and {config_name}")
        content = os.path.join(path, "content")
        if os.path.isdir(content):
            shutil.rmtree(content)
    os.makedirs(path, exist_ok=True)


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Write a synthetic trilingual (vi, en, lo) site in mekong's format.")
    p.add_argument("--articles", type=int, required=True, metavar="N", help="number of article bundles")
    p.add_argument("--out", required=True, metavar="DIR", help="site root to write")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--images", type=int, default=0, metavar="K",
                   help="give the first K articles a distinct 1600x1000 PNG cover (default 0)")
    p.add_argument("--missing-lo", type=float, default=0.1, metavar="F",
                   help="fraction of articles without a Lao version (default 0.1)")
    p.add_argument("--missing-en", type=float, default=0.05, metavar="F",
                   help="fraction of articles without an English version (default 0.05)")
    p.add_argument("--hugo", metavar="DIR2", help="also write the same content as a Hugo site")
    p.add_argument("--documents", type=int, default=0, metavar="D",
                   help="also write a documents registry of D documents, which articles mention "
                        "(default 0: none, and the site is the same as without the option)")
    p.add_argument("--mentions", type=float, default=0.3, metavar="F",
                   help="with --documents: fraction of articles mentioning one or two documents (default 0.3)")
    p.add_argument("--force", action="store_true",
                   help="reuse a non-empty output folder: its content/ is deleted first")
    args = p.parse_args(argv)
    if args.articles < 0:
        p.error("--articles must be >= 0")
    if args.images < 0:
        p.error("--images must be >= 0")
    if args.documents < 0:
        p.error("--documents must be >= 0")
    if not 0.0 <= args.mentions <= 1.0:
        p.error("--mentions must be between 0 and 1")
    if args.documents and args.hugo:
        p.error("--documents has no Hugo counterpart; leave out --hugo")
    for name in ("missing_lo", "missing_en"):
        v = getattr(args, name)
        if not 0.0 <= v <= 1.0:
            p.error(f"--{name.replace('_', '-')} must be between 0 and 1")
    if args.hugo and os.path.abspath(args.hugo) == os.path.abspath(args.out):
        p.error("--hugo must differ from --out")
    return args


# Tables that depend on the banks above, normalised once.
(SITE, HOME, ABOUT, SECTIONS, CATEGORIES, TOPICS, PLACES, OUR_PROVINCE, GATES, AUTHORS,
 SOURCES, PHOTO, SEE_ALSO, LIST_INTRO, TABLE_INTRO, TABLE_HEAD, TABLE_ROWS, HEADINGS,
 LIST_ITEMS, TITLES, SENTENCES) = nfc_deep(
    (SITE, HOME, ABOUT, SECTIONS, CATEGORIES, TOPICS, PLACES, OUR_PROVINCE, GATES, AUTHORS,
     SOURCES, PHOTO, SEE_ALSO, LIST_INTRO, TABLE_INTRO, TABLE_HEAD, TABLE_ROWS, HEADINGS,
     LIST_ITEMS, TITLES, SENTENCES))
TAGS = build_tags()
# Approximate word counts (vi, en) of each sentence, slots counted as one word.
WORDS = [(len(s[0].split()), len(s[1].split())) for s in SENTENCES]


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    n = args.articles
    k_images = min(args.images, n)

    prepare_out(args.out, args.force, "site.yaml")
    if args.hugo:
        prepare_out(args.hugo, args.force, "hugo.toml")

    image_names = []
    for j in range(k_images):
        image_names.append(f"anh-bia-{j + 1}.png")
    articles = plan_site(n, args.seed, args.missing_en, args.missing_lo, k_images, image_names)
    titles = [[title_of(a, k) for k in range(3)] for a in articles]
    docs = plan_documents(args.documents, args.seed) if args.documents else []
    mentions = plan_mentions(articles, docs, args.seed, args.mentions) if docs else {}

    def mekong_link(t, lang, frag):
        b = articles[t]
        url = f"../../{b.section}/{b.bundle}/index.{lang}.md"
        if frag is not None:
            url += "#" + slugify(HEADINGS[frag][LANGS.index(lang)])
        return url

    def hugo_link(t, lang, frag):
        b = articles[t]
        url = f"/{lang}/{b.section}/{b.bundle}/"
        if frag is not None:
            url += "#" + slugify(HEADINGS[frag][LANGS.index(lang)])
        return url

    site = Writer(args.out)
    site.write("site.yaml", site_yaml() + (documents_yaml() if docs else ""))
    write_pages(site, hugo=False)
    doc_counts = write_documents(site, docs) if docs else None
    hugo = None
    if args.hugo:
        hugo = Writer(args.hugo)
        hugo.write("hugo.toml", hugo_toml())
        write_pages(hugo, hugo=True)

    counts = {lang: 0 for lang in LANGS}
    for a in articles:
        base = f"content/{a.section}/{a.bundle}"
        for k, lang in enumerate(LANGS):
            if lang not in a.langs:
                continue
            counts[lang] += 1
            title = titles[a.index - 1][k]
            summary = sentence(a.paragraphs[0][0], a, k)
            said = [mention_text(docs[d], k, form, style) for d, form, style in mentions.get(a.index, ())]
            body = render_body(a, k, mekong_link, titles, said)
            site.write(f"{base}/index.{lang}.md",
                       front_matter_mekong(a, k, title, summary) + "\n" + body)
            if hugo:
                hbody = render_body(a, k, hugo_link, titles)
                hugo.write(f"{base}/index.{lang}.md",
                           front_matter_hugo(a, k, title, summary) + "\n" + hbody)
        if a.cover:
            png = make_png(a.image + 1, args.seed)
            site.write(f"{base}/{a.cover}", png)
            if hugo:
                hugo.write(f"{base}/{a.cover}", png)

    elapsed = time.perf_counter() - started
    extra = ""
    if doc_counts:
        extra += (f"; documents vi {doc_counts['vi']}, en {doc_counts['en']}, lo {doc_counts['lo']}, "
                  f"mentioned by {len(mentions)} articles")
    if hugo:
        extra += f"; hugo: {hugo.files} files, {hugo.bytes / 1e6:.1f} MB in {args.hugo}"
    print(
        f"gensite: {site.files} files, {site.bytes / 1e6:.1f} MB in {args.out}; articles "
        f"vi {counts['vi']}, en {counts['en']}, lo {counts['lo']}; {k_images} covers"
        f"{extra}; {elapsed:.1f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
