# Interface strings of the Van Linh Province External Information Portal.
# Keys defined here override the theme's defaults.

site-name = External Information Portal
site-province = Van Linh Province
site-tagline = Van Linh – a borderland of friendship, open to cooperation and investment
footer-agency = Van Linh Department of Foreign Affairs
footer-address = 18 Huu Nghi Street, Muong Van Ward, Van Linh Province, Viet Nam
footer-contact = Tel: +84 200 3 888 999 · Email: info@vanlinh.gov.vn
footer-license = Content on this portal may be reused provided that “Van Linh Province External Information Portal” is credited as the source, with a link to the original article.

## The issuers of the documents registry (site.yaml documents.issuers)

document-issuer-bo-chinh-tri = Politburo of the Communist Party of Viet Nam
document-issuer-chinh-phu = Government of Viet Nam
document-issuer-bo-ngoai-giao = Ministry of Foreign Affairs of Viet Nam
document-issuer-tinh-uy = Van Linh Provincial Party Committee
document-issuer-ubnd-tinh = Van Linh Provincial People's Committee
document-issuer-so-ngoai-vu = Van Linh Department of Foreign Affairs
