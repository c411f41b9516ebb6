# Chuỗi giao diện riêng của Cổng thông tin đối ngoại tỉnh Vân Lĩnh.
# Các khoá ở đây ghi đè chuỗi mặc định của giao diện (theme).

site-name = Cổng thông tin đối ngoại
site-province = Tỉnh Vân Lĩnh
site-tagline = Vân Lĩnh – miền biên cương hữu nghị, điểm đến của hợp tác và đầu tư
footer-agency = Sở Ngoại vụ tỉnh Vân Lĩnh
footer-address = Số 18 đường Hữu Nghị, phường Mường Vân, tỉnh Vân Lĩnh, Việt Nam
footer-contact = Điện thoại: +84 200 3 888 999 · Thư điện tử: info@vanlinh.gov.vn
footer-license = Được phép sử dụng lại nội dung trên cổng, với điều kiện ghi rõ nguồn “Cổng thông tin đối ngoại tỉnh Vân Lĩnh” và dẫn liên kết tới bài gốc.

## The issuers of the documents registry (site.yaml documents.issuers)

document-issuer-bo-chinh-tri = Bộ Chính trị
document-issuer-chinh-phu = Chính phủ
document-issuer-bo-ngoai-giao = Bộ Ngoại giao
document-issuer-tinh-uy = Tỉnh ủy Vân Lĩnh
document-issuer-ubnd-tinh = Ủy ban nhân dân tỉnh Vân Lĩnh
document-issuer-so-ngoai-vu = Sở Ngoại vụ tỉnh Vân Lĩnh
