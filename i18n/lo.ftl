# ຂໍ້ຄວາມສ່ວນຕິດຕໍ່ຂອງປະຕູຂໍ້ມູນຂ່າວສານດ້ານການຕ່າງປະເທດ ແຂວງວັນລິງ.
# ຂໍ້ຄວາມໃນໄຟລ໌ນີ້ໃຊ້ແທນຂໍ້ຄວາມເລີ່ມຕົ້ນຂອງຮູບແບບເວັບໄຊ (theme).

site-name = ປະຕູຂໍ້ມູນຂ່າວສານດ້ານການຕ່າງປະເທດ
site-province = ແຂວງວັນລິງ
site-tagline = ວັນລິງ – ດິນແດນຊາຍແດນແຫ່ງມິດຕະພາບ ເປີດກວ້າງສູ່ການຮ່ວມມື ແລະ ການລົງທຶນ
footer-agency = ພະແນກການຕ່າງປະເທດ ແຂວງວັນລິງ
footer-address = ເລກທີ 18 ຖະໜົນມິດຕະພາບ (Hữu Nghị), ເຂດເມືອງວັນ, ແຂວງວັນລິງ, ສສ ຫວຽດນາມ
footer-contact = ໂທ: +84 200 3 888 999 · ອີເມວ: info@vanlinh.gov.vn
footer-license = ອະນຸຍາດໃຫ້ນຳໃຊ້ເນື້ອໃນຂອງປະຕູນີ້ຄືນໄດ້ ໂດຍອ້າງອີງແຫຼ່ງທີ່ມາວ່າ “ປະຕູຂໍ້ມູນຂ່າວສານດ້ານການຕ່າງປະເທດ ແຂວງວັນລິງ” ແລະ ໃສ່ລິ້ງໄປຫາບົດຕົ້ນສະບັບ.

## The issuers of the documents registry (site.yaml documents.issuers)

document-issuer-bo-chinh-tri = ກົມການເມືອງສູນກາງພັກກອມມູນິດຫວຽດນາມ
document-issuer-chinh-phu = ລັດຖະບານ ສສ ຫວຽດນາມ
document-issuer-bo-ngoai-giao = ກະຊວງການຕ່າງປະເທດ ສສ ຫວຽດນາມ
document-issuer-tinh-uy = ຄະນະພັກແຂວງວັນລິງ
document-issuer-ubnd-tinh = ຄະນະກຳມະການປະຊາຊົນແຂວງວັນລິງ
document-issuer-so-ngoai-vu = ພະແນກການຕ່າງປະເທດ ແຂວງວັນລິງ
