## Default theme UI strings — English.
## A site overrides any key by defining it in its own i18n/en.ftl.

## Site identity: generic defaults, meant to be overridden by each site.

site-name = External Information Portal
site-province = Provincial People's Committee
site-tagline = Official information about the province in Vietnamese, English and Lao
footer-agency = Managed by the Provincial Department of Foreign Affairs
footer-address = Address: Provincial Department of Foreign Affairs
footer-contact = Contact: Office of the Provincial Department of Foreign Affairs
footer-license = Please credit this portal when republishing its information.

## Page chrome

skip-to-content = Skip to main content
menu = Main menu
home = Home
breadcrumb = Breadcrumb
language = Language
lang-not-translated = not translated yet
lang-not-translated-hint = This page is not translated yet; the link goes to that language's home page.
lang-term-missing-hint = No article in that language carries this term yet; the link goes to that language's list of terms.
lang-list-fallback-hint = This page of the list does not exist in that language; the link goes to the closest list in it.
text-size = Text size
text-size-smaller = Smaller text
text-size-default = Default text size
text-size-larger = Larger text
back-to-top = Back to top
print = Print
sections = Sections
footer-languages = Language versions
feed = News feed (Atom)

## Listings

latest-news = Latest news
more-news = More news
featured = Featured
read-more = Read more
see-all = See all
empty-listing = No articles yet.
term-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
pagination = Pagination
page-n-of-m = Page { $current } of { $total }
page-n = Page { $number }
previous = Previous
next = Next

## Articles

published = Published
updated = Updated
author = Author
source = Source
reading-time = { $count } min read
toc = Contents
related-articles = Related articles
tags = Tags
categories = Categories
taxonomy-categories = Categories
taxonomy-tags = Tags

## Root language chooser: the prompt is shown in every language at once,
## each from its own file.

choose-language = Choose your language

## Page not found

not-found-title = Page not found
not-found-text = The page you are looking for may have moved or no longer exists. Please go to the home page or choose a section.
not-found-homes = Home pages by language

## Search: the header's box and the search page. `search-count` becomes the
## script's "N results" (each plural category, `{count}` where the number goes).

search-label = Search the site
search-placeholder = Search news, places, topics…
search-button = Search
search-title = Search
search-count =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    }
search-none = No results for “{ $query }”. Try fewer or different words.
search-prompt = Type one or more words and press Search.
search-loading = Searching…
search-more = Show more results
search-unavailable = Search is unavailable at the moment. Please try again later, or browse the sections.
search-needs-js = Search needs JavaScript, which is turned off or not available in your browser. You can browse the sections instead.
search-sections = Browse the sections

## News archive: month names come from CLDR.

archive-title = News by date
archive-year = { $year }
archive-month = { $month } { $year }
archive-calendar = News calendar
other-news = Other news

## Official documents registry: kind names (document-kind-KEY) for the default kinds;
## a site names its issuers (document-issuer-KEY) in its own i18n/*.ftl.

document-kind-ke-hoach = Plan
document-kind-ket-luan = Conclusion
document-kind-quyet-dinh = Decision
document-kind-nghi-dinh = Decree
document-kind-thong-tu = Circular
document-kind-cong-van = Official letter
document-details = About this document
document-number = Number
document-kind = Kind
document-issuer = Issued by
document-issued = Date issued
document-signer = Signed by
document-effective = In force from
document-replaces = Replaces
document-replaced-by = Replaced by
document-files = Files
document-mentioned-in = Articles that mention this document
document-title = Title
registry-filters = Filter documents
registry-by-kind = By kind
registry-by-issuer = By issuing body
registry-by-year = By year
registry-all = All documents
registry-count =
    { $count ->
        [one] 1 document
       *[other] { $count } documents
    }
registry-export = Download the list of documents (JSON)
