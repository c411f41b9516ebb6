## Chuỗi của chính dòng lệnh (mekong check), tiếng Việt.
## Thông báo lỗi chi tiết vẫn bằng tiếng Anh; đây là tiêu đề và dòng tổng kết của báo cáo.

check-translations = Bản dịch
check-translations-size = { $pages } trang × { $languages } ngôn ngữ
check-column-page = trang
check-column-kind = loại
check-column-notes = bảng thuật ngữ, phân loại
check-notes-glossary = bảng thuật ngữ { $count }
check-notes-terms = phân loại { $count }
check-kind-home = trang chủ
check-kind-section = chuyên mục
check-kind-article = bài viết
check-kind-page = trang
check-status-source = bản gốc
check-status-ok = đã dịch
check-status-stale = lỗi thời
check-status-untracked = chưa đối chiếu
check-status-draft = bản nháp
check-status-missing = thiếu
check-hidden-rows = Còn { $count } trang đã dịch đầy đủ, khớp bản gốc ở mọi ngôn ngữ (--all để liệt kê).
check-no-pages = Chưa có trang nào.
check-articles = { $translated }/{ $total } bài viết
check-other-pages = trang khác: { $translated }/{ $total }
check-n-stale = { $count } lỗi thời
check-n-untracked = { $count } chưa đối chiếu
check-n-draft = { $count } bản nháp
check-n-missing = thiếu { $count }

check-glossary = Bảng thuật ngữ (i18n/glossary.yaml)
check-glossary-size = { $entries } mục
check-glossary-ok = mọi bản dịch đều viết đúng các tên mà bản gốc nhắc tới, không trang nào dùng cách viết cần tránh.
check-glossary-n-missing = thiếu { $count } tên
check-glossary-n-avoided = { $count } cách viết cần tránh
check-glossary-missing = chưa viết "{ $form }" ({ $entry }); bản gốc nhắc "{ $named }" tại { $source }
check-glossary-avoided = { $line }:{ $column }: "{ $written }" → nên viết "{ $form }" ({ $entry })
check-glossary-avoided-no-form = { $line }:{ $column }: "{ $written }" là cách viết cần tránh ({ $entry })

check-terms = Thuật ngữ phân loại (i18n/terms.yaml)
check-terms-size = { $terms } thuật ngữ đã đối chiếu
check-terms-ok = mọi thuật ngữ đều đã đối chiếu, mọi bản dịch đều mang đủ thuật ngữ của bản gốc.
check-terms-unmapped = { $count } thuật ngữ chưa có trong tệp thuật ngữ:
check-terms-unmapped-term = { $taxonomy } "{ $name }" ({ $lang }, { $count } bài)
check-terms-suggest-slug = có lẽ là `{ $key }`: tên { $lang } "{ $name }" có cùng slug
check-terms-suggest-position = có lẽ là `{ $key }` ("{ $name }" bằng { $lang }): các bản dịch đặt nó ở cùng vị trí
check-terms-suggest-new = có lẽ cùng một thuật ngữ với "{ $name }" ({ $lang }): các bản dịch đặt nó ở cùng vị trí
check-terms-n-missing = thiếu { $count } thuật ngữ
check-terms-n-extra = { $count } thuật ngữ bản gốc không có
check-terms-missing = { $line }:{ $column }: thiếu "{ $name }" ({ $taxonomy }: { $key }); bản gốc có tại { $source }
check-terms-extra = { $line }:{ $column }: có "{ $name }" ({ $taxonomy }: { $key }) mà bản gốc { $source } không có

check-fluent = Chuỗi giao diện (Fluent)
check-fluent-missing = thiếu trong { $lang }: { $keys }
check-fluent-undefined = mẫu giao diện dùng nhưng chưa định nghĩa: { $keys }
check-fluent-unused = đã định nghĩa nhưng không dùng: { $keys }
check-fluent-computed = ({ $count } lời gọi t() tự tính khóa: có thể một số khóa trên vẫn được dùng)
check-fluent-ok = mọi khóa đều có ở mọi ngôn ngữ và đều được dùng.

check-problems = Vấn đề
check-problems-none = không có.
check-problems-where = (chi tiết ở trên, kèm tệp và dòng; bản dịch xem trong bảng)
check-problems-in-table = (các trang nằm trong bảng ở trên)
check-kind-config = site.yaml
check-kind-content = front matter và tệp
check-kind-duplicate = trùng địa chỉ
check-kind-theme = giao diện và mẫu
check-kind-fluent = chuỗi giao diện
check-kind-external = liên kết ra trang ngoài
check-external-summary = Liên kết ra trang ngoài: đã kiểm tra { $links }, trong đó { $cached } lấy từ bộ nhớ đệm.
check-kind-link = liên kết và hình ảnh
check-kind-anchor = neo #
check-kind-raw-html = mã HTML
check-kind-alt-text = mô tả ảnh (alt)
check-kind-unused-file = tệp không dùng
check-kind-translation = bản dịch
check-kind-glossary = thuật ngữ
check-kind-terms = thuật ngữ phân loại
check-kind-mention = nhắc đến văn bản
check-errors = { $count } lỗi
check-warnings = { $count } cảnh báo

check-summary = Đã kiểm tra { $pages } trang trong { $seconds } giây: { $errors }, { $warnings }.
check-summary-strict = Với --strict, cảnh báo được tính là lỗi.
