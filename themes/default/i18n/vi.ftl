## Default theme UI strings — Vietnamese (source language).
## A site overrides any key by defining it in its own i18n/vi.ftl.

## Site identity: generic defaults, meant to be overridden by each site.

site-name = Cổng thông tin đối ngoại
site-province = Ủy ban nhân dân tỉnh
site-tagline = Thông tin chính thức về tỉnh bằng tiếng Việt, tiếng Anh và tiếng Lào
footer-agency = Cơ quan chủ quản: Sở Ngoại vụ tỉnh
footer-address = Địa chỉ: Trụ sở Sở Ngoại vụ tỉnh
footer-contact = Liên hệ: Văn phòng Sở Ngoại vụ tỉnh
footer-license = Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin này.

## Page chrome

skip-to-content = Chuyển đến nội dung chính
menu = Danh mục chính
home = Trang chủ
breadcrumb = Đường dẫn
language = Ngôn ngữ
lang-not-translated = chưa có bản dịch
lang-not-translated-hint = Bài này chưa có bản dịch; liên kết dẫn tới trang chủ của ngôn ngữ đó.
lang-term-missing-hint = Chưa có bài nào bằng ngôn ngữ đó thuộc chủ đề này; liên kết dẫn tới danh sách chủ đề của ngôn ngữ đó.
lang-list-fallback-hint = Trang này của danh sách không có ở ngôn ngữ đó; liên kết dẫn tới danh sách gần nhất bằng ngôn ngữ đó.
text-size = Cỡ chữ
text-size-smaller = Giảm cỡ chữ
text-size-default = Cỡ chữ mặc định
text-size-larger = Tăng cỡ chữ
back-to-top = Về đầu trang
print = In trang
sections = Chuyên mục
footer-languages = Phiên bản ngôn ngữ
feed = Nhận tin mới (Atom)

## Listings

latest-news = Tin mới nhất
more-news = Tin khác
featured = Tiêu điểm
read-more = Xem tiếp
see-all = Xem tất cả
empty-listing = Chưa có bài viết nào.
term-count =
    { $count ->
       *[other] { $count } bài viết
    }
pagination = Phân trang
page-n-of-m = Trang { $current }/{ $total }
page-n = Trang { $number }
previous = Trang trước
next = Trang sau

## Articles

published = Ngày đăng
updated = Cập nhật
author = Tác giả
source = Nguồn
reading-time =
    { $count ->
       *[other] { $count } phút đọc
    }
toc = Nội dung bài viết
related-articles = Bài viết liên quan
tags = Từ khóa
categories = Chuyên mục
taxonomy-categories = Chuyên mục
taxonomy-tags = Từ khóa

## Root language chooser: the prompt is shown in every language at once,
## each from its own file.

choose-language = Chọn ngôn ngữ

## Page not found

not-found-title = Không tìm thấy trang
not-found-text = Trang bạn tìm có thể đã được chuyển đi hoặc không còn tồn tại. Mời bạn về trang chủ hoặc chọn một chuyên mục.
not-found-homes = Trang chủ theo ngôn ngữ

## Search: the header's box and the search page. `search-count` becomes the
## script's "N results" (each plural category, `{count}` where the number goes).

search-label = Tìm kiếm trên cổng thông tin
search-placeholder = Tìm tin tức, địa danh, chủ đề…
search-button = Tìm kiếm
search-title = Tìm kiếm
search-count =
    { $count ->
       *[other] { $count } kết quả
    }
search-none = Không tìm thấy kết quả nào cho “{ $query }”. Bạn hãy thử bớt từ hoặc dùng từ khác.
search-prompt = Nhập một hoặc vài từ khóa rồi bấm Tìm kiếm.
search-loading = Đang tìm kiếm…
search-more = Xem thêm kết quả
search-unavailable = Chức năng tìm kiếm tạm thời chưa dùng được. Mời bạn thử lại sau hoặc xem tin theo chuyên mục.
search-needs-js = Chức năng tìm kiếm cần JavaScript, nhưng trình duyệt của bạn đang tắt hoặc không hỗ trợ. Mời bạn xem tin theo chuyên mục.
search-sections = Xem theo chuyên mục

## News archive ("Xem tin theo ngày"): month names come from CLDR.

archive-title = Xem tin theo ngày
archive-year = Năm { $year }
archive-month = { $month } năm { $year }
archive-calendar = Lịch tin theo ngày
other-news = Các tin khác

## Official documents registry: kind names (document-kind-KEY) for the default kinds;
## a site names its issuers (document-issuer-KEY) in its own i18n/*.ftl.

document-kind-ke-hoach = Kế hoạch
document-kind-ket-luan = Kết luận
document-kind-quyet-dinh = Quyết định
document-kind-nghi-dinh = Nghị định
document-kind-thong-tu = Thông tư
document-kind-cong-van = Công văn
document-details = Thông tin văn bản
document-number = Số, ký hiệu
document-kind = Loại văn bản
document-issuer = Cơ quan ban hành
document-issued = Ngày ban hành
document-signer = Người ký
document-effective = Ngày hiệu lực
document-replaces = Thay thế văn bản
document-replaced-by = Được thay thế bởi
document-files = Tệp đính kèm
document-mentioned-in = Các bài viết nhắc đến văn bản này
document-title = Trích yếu
registry-filters = Lọc văn bản
registry-by-kind = Theo loại văn bản
registry-by-issuer = Theo cơ quan ban hành
registry-by-year = Theo năm
registry-all = Tất cả văn bản
registry-count =
    { $count ->
       *[other] { $count } văn bản
    }
registry-export = Tải danh sách văn bản (JSON)
