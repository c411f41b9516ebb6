## Default theme UI strings — Lao.
## A site overrides any key by defining it in its own i18n/lo.ftl.
## Lao has a single plural category, so count selectors only carry *[other].

## Site identity: generic defaults, meant to be overridden by each site.

site-name = ປະຕູຂໍ້ມູນຂ່າວສານຕ່າງປະເທດ
site-province = ຄະນະກຳມະການປະຊາຊົນແຂວງ
site-tagline = ຂໍ້ມູນຂ່າວສານທາງການຂອງແຂວງ ເປັນພາສາຫວຽດນາມ, ພາສາອັງກິດ ແລະ ພາສາລາວ
footer-agency = ໜ່ວຍງານຮັບຜິດຊອບ: ພະແນກການຕ່າງປະເທດແຂວງ
footer-address = ທີ່ຢູ່: ສຳນັກງານພະແນກການຕ່າງປະເທດແຂວງ
footer-contact = ຕິດຕໍ່: ຫ້ອງການພະແນກການຕ່າງປະເທດແຂວງ
footer-license = ເມື່ອນຳຂໍ້ມູນຈາກເວັບໄຊນີ້ໄປເຜີຍແຜ່ຄືນ ກະລຸນາອ້າງອີງແຫຼ່ງທີ່ມາ.

## Page chrome

skip-to-content = ຂ້າມໄປຫາເນື້ອໃນຫຼັກ
menu = ເມນູຫຼັກ
home = ໜ້າຫຼັກ
breadcrumb = ເສັ້ນທາງນຳທາງ
language = ພາສາ
lang-not-translated = ຍັງບໍ່ມີສະບັບແປ
lang-not-translated-hint = ໜ້ານີ້ຍັງບໍ່ມີສະບັບແປ; ລິ້ງນີ້ພາໄປໜ້າຫຼັກຂອງພາສານັ້ນ.
lang-term-missing-hint = ຍັງບໍ່ມີບົດຄວາມໃດໃນພາສານັ້ນທີ່ມີຄຳນີ້; ລິ້ງນີ້ພາໄປລາຍການຄຳຂອງພາສານັ້ນ.
lang-list-fallback-hint = ໜ້ານີ້ຂອງລາຍການບໍ່ມີໃນພາສານັ້ນ; ລິ້ງນີ້ພາໄປລາຍການທີ່ໃກ້ຄຽງທີ່ສຸດຂອງພາສານັ້ນ.
text-size = ຂະໜາດຕົວອັກສອນ
text-size-smaller = ຫຼຸດຂະໜາດຕົວອັກສອນ
text-size-default = ຂະໜາດຕົວອັກສອນປົກກະຕິ
text-size-larger = ເພີ່ມຂະໜາດຕົວອັກສອນ
back-to-top = ກັບຂຶ້ນເທິງສຸດ
print = ພິມ
sections = ໝວດຂ່າວ
footer-languages = ສະບັບພາສາ
feed = ຕິດຕາມຂ່າວໃໝ່ (Atom)

## Listings

latest-news = ຂ່າວຫຼ້າສຸດ
more-news = ຂ່າວອື່ນໆ
featured = ຂ່າວເດັ່ນ
read-more = ອ່ານຕໍ່
see-all = ເບິ່ງທັງໝົດ
empty-listing = ຍັງບໍ່ມີບົດຄວາມ.
term-count =
    { $count ->
       *[other] { $count } ບົດຄວາມ
    }
pagination = ການແບ່ງໜ້າ
page-n-of-m = ໜ້າ { $current } ຈາກ { $total }
page-n = ໜ້າ { $number }
previous = ກ່ອນໜ້າ
next = ຕໍ່ໄປ

## Articles

published = ວັນທີເຜີຍແຜ່
updated = ປັບປຸງ
author = ຜູ້ຂຽນ
source = ແຫຼ່ງທີ່ມາ
reading-time =
    { $count ->
       *[other] ອ່ານ { $count } ນາທີ
    }
toc = ສາລະບານ
related-articles = ບົດຄວາມທີ່ກ່ຽວຂ້ອງ
tags = ຄຳສຳຄັນ
categories = ໝວດໝູ່
taxonomy-categories = ໝວດໝູ່
taxonomy-tags = ຄຳສຳຄັນ

## Root language chooser: the prompt is shown in every language at once,
## each from its own file.

choose-language = ເລືອກພາສາ

## Page not found

not-found-title = ບໍ່ພົບໜ້ານີ້
not-found-text = ໜ້າທີ່ທ່ານຊອກຫາອາດຖືກຍ້າຍ ຫຼື ບໍ່ມີຢູ່ແລ້ວ. ກະລຸນາກັບໄປໜ້າຫຼັກ ຫຼື ເລືອກໝວດຂ່າວໃດໜຶ່ງ.
not-found-homes = ໜ້າຫຼັກຕາມພາສາ

## Search: the header's box and the search page. `search-count` becomes the
## script's "N results" (each plural category, `{count}` where the number goes).

search-label = ຊອກຫາໃນເວັບໄຊ
search-placeholder = ຊອກຫາຂ່າວ, ສະຖານທີ່, ຫົວຂໍ້…
search-button = ຊອກຫາ
search-title = ຊອກຫາ
search-count =
    { $count ->
       *[other] ພົບ { $count } ລາຍການ
    }
search-none = ບໍ່ພົບຜົນການຊອກຫາສຳລັບ “{ $query }”. ກະລຸນາລອງໃຊ້ຄຳໜ້ອຍລົງ ຫຼື ຄຳອື່ນ.
search-prompt = ພິມຄຳທີ່ຕ້ອງການຊອກຫາ ແລ້ວກົດຊອກຫາ.
search-loading = ກຳລັງຊອກຫາ…
search-more = ເບິ່ງຜົນເພີ່ມເຕີມ
search-unavailable = ຕອນນີ້ຍັງຊອກຫາບໍ່ໄດ້. ກະລຸນາລອງໃໝ່ພາຍຫຼັງ ຫຼື ເບິ່ງຂ່າວຕາມໝວດ.
search-needs-js = ການຊອກຫາຕ້ອງໃຊ້ JavaScript ເຊິ່ງບຣາວເຊີຂອງທ່ານປິດໄວ້ ຫຼື ບໍ່ຮອງຮັບ. ທ່ານສາມາດເບິ່ງຂ່າວຕາມໝວດແທນໄດ້.
search-sections = ເບິ່ງຕາມໝວດຂ່າວ

## News archive: month names come from CLDR.

archive-title = ເບິ່ງຂ່າວຕາມວັນທີ
archive-year = ປີ { $year }
archive-month = { $month } { $year }
archive-calendar = ປະຕິທິນຂ່າວ
other-news = ຂ່າວອື່ນໆ

## Official documents registry: kind names (document-kind-KEY) for the default kinds;
## a site names its issuers (document-issuer-KEY) in its own i18n/*.ftl.

document-kind-ke-hoach = ແຜນການ
document-kind-ket-luan = ຂໍ້ສະຫຼຸບ
document-kind-quyet-dinh = ຂໍ້ຕົກລົງ
document-kind-nghi-dinh = ດຳລັດ
document-kind-thong-tu = ໜັງສືແນະນຳ
document-kind-cong-van = ໜັງສືທາງລັດຖະການ
document-details = ລາຍລະອຽດເອກະສານ
document-number = ເລກທີ
document-kind = ປະເພດເອກະສານ
document-issuer = ອົງການອອກເອກະສານ
document-issued = ລົງວັນທີ
document-signer = ຜູ້ລົງນາມ
document-effective = ມີຜົນສັກສິດແຕ່
document-replaces = ທົດແທນເອກະສານ
document-replaced-by = ຖືກທົດແທນໂດຍ
document-files = ໄຟລ໌ເອກະສານ
document-mentioned-in = ບົດຄວາມທີ່ກ່າວເຖິງເອກະສານນີ້
document-title = ຫົວຂໍ້
registry-filters = ກັ່ນຕອງເອກະສານ
registry-by-kind = ຕາມປະເພດ
registry-by-issuer = ຕາມອົງການອອກເອກະສານ
registry-by-year = ຕາມປີ
registry-all = ເອກະສານທັງໝົດ
registry-count =
    { $count ->
       *[other] { $count } ສະບັບ
    }
registry-export = ດາວໂຫຼດລາຍຊື່ເອກະສານ (JSON)
