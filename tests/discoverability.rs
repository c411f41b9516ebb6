//! What search engines, feed readers and social networks find: canonical and hreflang
//! links, Open Graph cards and JSON-LD in every page's head; sitemaps (validated against
//! the sitemaps.org schema with `xmllint`), robots.txt, Atom feeds, alias pages and
//! localised 404 pages.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use common::*;

const LANGS: [&str; 3] = ["vi", "en", "lo"];
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// One language version of a section: (language, title, slug).
type SectionVersion = (&'static str, &'static str, &'static str);

/// The fixture's sections: folder, then each language's version.
const SECTIONS: &[(&str, [SectionVersion; 3])] = &[
    (
        "news",
        [
            ("vi", "Tin tức", "tin-tuc"),
            ("en", "News", "news"),
            ("lo", "ຂ່າວ", "ຂ່າວ"),
        ],
    ),
    (
        "culture",
        [
            ("vi", "Văn hoá – Du lịch", "van-hoa-du-lich"),
            ("en", "Culture and Tourism", "culture-tourism"),
            ("lo", "ວັດທະນະທຳ", "ວັດທະນະທຳ"),
        ],
    ),
];

/// One language version of a fixture article.
struct Version {
    section: &'static str,
    bundle: &'static str,
    lang: &'static str,
    title: &'static str,
    /// Front matter after `title` and `date` (the date is the bundle's prefix).
    extra: &'static str,
}

/// Articles with some translations missing: in all three languages; vi and en; en and
/// lo (no default-language version); lo only; en only; vi only. Every listing has at
/// least one page in each language (empty listings are tested on their own).
const VERSIONS: &[Version] = &[
    Version {
        section: "news",
        bundle: "2023-12-08-ket-nghia-cum-dan-cu",
        lang: "vi",
        title: "Lễ kết nghĩa cụm dân cư hai bên biên giới",
        extra: "updated: 2023-12-09\nauthor: \"Hồng Nga\"\ncategories: [\"Biên giới\"]\ntags: [\"Lẳng Khăng\", \"Kết nghĩa\"]\ncover: { src: le-ket-nghia.png, alt: \"Lễ kết nghĩa\" }\naliases: [\"/tin-tuc/12345.html\"]",
    },
    Version {
        section: "news",
        bundle: "2023-12-08-ket-nghia-cum-dan-cu",
        lang: "en",
        title: "Twinning ceremony of border villages",
        extra: "author: \"Hong Nga\"\ntags: [\"Twinning\"]\ncover: { src: le-ket-nghia.png, alt: \"The ceremony\" }\naliases: [\"/en/old-news/twinning/\"]",
    },
    Version {
        section: "news",
        bundle: "2023-12-08-ket-nghia-cum-dan-cu",
        lang: "lo",
        title: "ພິທີສ້າງສາຍພົວພັນບ້ານຄູ່ແຝດ",
        extra: "tags: [\"ບ້ານຄູ່ແຝດ\"]",
    },
    Version {
        section: "news",
        bundle: "2024-01-15-hoi-nghi-doi-ngoai",
        lang: "vi",
        title: "Hội nghị công tác đối ngoại",
        extra: "tags: [\"Kết nghĩa\", \"Thông tin đối ngoại\"]",
    },
    Version {
        section: "news",
        bundle: "2024-01-15-hoi-nghi-doi-ngoai",
        lang: "en",
        title: "External affairs conference",
        extra: "",
    },
    Version {
        section: "news",
        bundle: "2024-02-01-ban-tin-bien-gioi",
        lang: "en",
        title: "Border bulletin",
        extra: "tags: [\"Border\"]",
    },
    Version {
        section: "news",
        bundle: "2024-02-01-ban-tin-bien-gioi",
        lang: "lo",
        title: "ຂ່າວຊາຍແດນ",
        extra: "tags: [\"ຊາຍແດນ\"]",
    },
    Version {
        section: "culture",
        bundle: "2024-04-14-bun-pi-mai",
        lang: "lo",
        title: "ບຸນປີໃໝ່ລາວ",
        extra: "categories: [\"ວັດທະນະທຳ\"]",
    },
    Version {
        section: "culture",
        bundle: "2024-06-10-hang-tham-van",
        lang: "en",
        title: "Tham Van cave welcomes visitors",
        extra: "categories: [\"Tourism\"]",
    },
    Version {
        section: "culture",
        bundle: "2024-05-02-lang-tho-cam",
        lang: "vi",
        title: "Làng thổ cẩm Lạc Xá",
        extra: "tags: [\"Thổ cẩm\"]",
    },
];

/// The trilingual fixture: two sections with Lao slugs, the articles of [`VERSIONS`]
/// (tags, categories, a cover, two aliases) and single-file pages in vi and en.
fn fixture() -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        &format!("{SITE_YAML}taxonomies: [categories, tags]\n"),
    );
    for (folder, versions) in SECTIONS {
        for (lang, title, slug) in versions {
            site.section(folder, lang, title, slug);
        }
    }
    for v in VERSIONS {
        site.article(
            &format!("{}/{}", v.section, v.bundle),
            v.lang,
            v.title,
            &v.bundle[..10],
            v.extra,
            &format!("{} — nội dung / content / ເນື້ອໃນ.", v.title),
        );
    }
    site.image(
        "content/news/2023-12-08-ket-nghia-cum-dan-cu/le-ket-nghia.png",
        40,
        21,
    );
    site.file(
        "content/about.vi.md",
        "---\ntitle: \"Giới thiệu\"\n---\nVề cổng thông tin.\n",
    );
    site.file(
        "content/about.en.md",
        "---\ntitle: \"About\"\n---\nAbout the portal.\n",
    );
    site
}

fn section_slug(section: &str, lang: &str) -> &'static str {
    SECTIONS
        .iter()
        .find(|(folder, _)| *folder == section)
        .and_then(|(_, versions)| versions.iter().find(|(l, _, _)| *l == lang))
        .map(|(_, _, slug)| *slug)
        .unwrap_or_else(|| panic!("no section {section} in {lang}"))
}

/// Where the contract publishes an article: `/LANG/<section-slug>/<bundle>/`, encoded.
fn article_url(v: &Version) -> String {
    format!(
        "{BASE_URL}/{}/{}/{}/",
        v.lang,
        encode(section_slug(v.section, v.lang)),
        v.bundle
    )
}

fn article_file(v: &Version) -> String {
    file_for_url(&article_url(v)).expect("a URL of the site")
}

fn og_locale(lang: &str) -> &'static str {
    match lang {
        "vi" => "vi_VN",
        "en" => "en_US",
        "lo" => "lo_LA",
        other => panic!("no locale for {other}"),
    }
}

/// What kind of page a published HTML file is, as far as hreflang rules go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// `public/index.html`, the language chooser.
    Chooser,
    /// `public/LANG/index.html`.
    Home,
    /// `public/404.html` and `public/LANG/404.html`.
    NotFound,
    /// A page at an old address, sending readers on.
    Alias,
    /// Articles, pages, listings, taxonomies and terms.
    Content,
}

fn role(rel: &str, html: &Html) -> Role {
    let segments: Vec<&str> = rel.split('/').collect();
    match segments.as_slice() {
        ["index.html"] => Role::Chooser,
        [lang, "index.html"] if LANGS.contains(lang) => Role::Home,
        ["404.html"] => Role::NotFound,
        [lang, "404.html"] if LANGS.contains(lang) => Role::NotFound,
        _ if !select(html, "meta[http-equiv=\"refresh\"]").is_empty() => Role::Alias,
        _ => Role::Content,
    }
}

/// hreflang → href, failing on a language listed twice.
fn alternate_map(html: &Html, rel: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for (lang, href) in alternates(html) {
        if let Some(earlier) = map.insert(lang.clone(), href.clone()) {
            panic!("{rel}: hreflang=\"{lang}\" twice ({earlier} and {href})");
        }
    }
    map
}

/// The x-default a page must carry, from the versions it lists: the chooser on homes and
/// the chooser itself, else the default-language version, else the first in
/// `languages` order.
fn expected_x_default(role: Role, versions: &BTreeMap<String, String>) -> String {
    if matches!(role, Role::Chooser | Role::Home) {
        return format!("{BASE_URL}/");
    }
    LANGS
        .iter()
        .find_map(|lang| versions.get(*lang))
        .cloned()
        .expect("a page lists at least itself")
}

/// A link as it must appear in heads, sitemaps and feeds: absolute on the site,
/// percent-encoded (ASCII only, no spaces).
fn assert_absolute_encoded(what: &str, url: &str) {
    assert!(
        url.starts_with(&format!("{BASE_URL}/")),
        "{what}: `{url}` is not an absolute URL on {BASE_URL}"
    );
    assert!(
        url.is_ascii() && !url.contains(char::is_whitespace),
        "{what}: `{url}` is not percent-encoded"
    );
}

fn canonical(html: &Html, rel: &str) -> String {
    let all = attrs(html, "link[rel=\"canonical\"]", "href");
    assert_eq!(
        all.len(),
        1,
        "{rel}: expected one canonical link, found {all:?}"
    );
    all.into_iter().next().expect("checked above")
}

/// Every HTML file under `public/`, parsed.
fn pages(site: &Site) -> BTreeMap<String, Html> {
    html_files(&site.public(""))
        .into_iter()
        .map(|rel| {
            let html = site.html(&rel);
            (rel, html)
        })
        .collect()
}

#[test]
fn every_page_has_a_canonical_and_reciprocal_alternates_to_existing_files() {
    let site = fixture();
    site.build_ok(&[]);
    let pages = pages(&site);
    // The walk must cover every kind of page, listings and taxonomies included.
    for rel in [
        "index.html",
        "vi/index.html",
        "lo/index.html",
        "vi/tin-tuc/index.html",
        "lo/ຂ່າວ/index.html",
        "en/news/page/2/index.html",
        "vi/tags/index.html",
        "vi/tags/ket-nghia/index.html",
        "lo/tags/ຊາຍແດນ/index.html",
        "vi/about/index.html",
        "lo/ວັດທະນະທຳ/2024-04-14-bun-pi-mai/index.html",
    ] {
        assert!(
            pages.contains_key(rel),
            "public/{rel} is missing\npublished:\n{}",
            site.listing()
        );
    }

    let checked = assert_canonicals_and_reciprocal_alternates(&pages);
    assert!(
        checked > 30,
        "only {checked} pages with hreflang were checked"
    );
}

/// Every page has one absolute canonical link; every page but 404 and alias pages lists
/// each of its versions, itself included, and x-default, at absolute encoded addresses
/// of published files in the right language, and each version lists the same set back.
/// Returns how many pages with hreflang it checked.
fn assert_canonicals_and_reciprocal_alternates(pages: &BTreeMap<String, Html>) -> usize {
    let mut checked = 0;
    for (rel, html) in pages {
        let role = role(rel, html);
        let canonical = canonical(html, rel);
        assert_absolute_encoded(&format!("{rel}: canonical"), &canonical);
        let map = alternate_map(html, rel);
        if matches!(role, Role::NotFound | Role::Alias) {
            continue;
        }
        checked += 1;
        let lang = html_lang(html);
        let x_default = map
            .get("x-default")
            .unwrap_or_else(|| panic!("{rel}: no hreflang=\"x-default\" in {map:?}"));
        let versions: BTreeMap<String, String> = map
            .iter()
            .filter(|(l, _)| *l != "x-default")
            .map(|(l, h)| (l.clone(), h.clone()))
            .collect();
        assert!(
            versions.keys().all(|l| LANGS.contains(&l.as_str())),
            "{rel}: hreflang values outside the site's languages: {map:?}"
        );
        if role == Role::Chooser {
            assert_eq!(canonical, format!("{BASE_URL}/"), "{rel}: canonical");
        } else {
            assert_eq!(
                versions.get(&lang),
                Some(&canonical),
                "{rel}: the page (lang {lang}) must list itself, at its canonical URL"
            );
        }
        assert_eq!(
            x_default,
            &expected_x_default(role, &versions),
            "{rel}: x-default"
        );
        for (hreflang, href) in &map {
            assert_absolute_encoded(&format!("{rel}: hreflang={hreflang}"), href);
            let target = file_for_url(href).expect("an address on the site");
            let Some(other) = pages.get(&target) else {
                panic!(
                    "{rel}: hreflang={hreflang} points at {href}, but public/{target} does not exist"
                );
            };
            if hreflang == "x-default" {
                continue;
            }
            assert_eq!(
                html_lang(other),
                *hreflang,
                "{rel}: hreflang={hreflang} points at {target}, which is in another language"
            );
            assert_eq!(
                alternate_map(other, &target),
                map,
                "{rel} and its {hreflang} version {target} must list the same versions (reciprocity)"
            );
        }
    }
    checked
}

#[test]
fn articles_list_exactly_their_existing_versions_and_x_default() {
    let site = fixture();
    site.build_ok(&[]);
    for v in VERSIONS {
        let html = site.html(&article_file(v));
        let existing: Vec<&Version> = VERSIONS.iter().filter(|o| o.bundle == v.bundle).collect();
        let mut expected: BTreeMap<String, String> = existing
            .iter()
            .map(|o| (o.lang.to_string(), article_url(o)))
            .collect();
        // The default language's version, else the first existing one in languages order.
        let x_default = LANGS
            .iter()
            .find_map(|lang| existing.iter().find(|o| o.lang == *lang))
            .map(|o| article_url(o))
            .expect("the bundle has versions");
        expected.insert("x-default".to_string(), x_default);
        assert_eq!(
            alternate_map(&html, v.bundle),
            expected,
            "{} ({}): hreflang alternates",
            v.bundle,
            v.lang
        );
    }
    // Homes and the chooser: x-default is the chooser.
    for rel in [
        "index.html",
        "vi/index.html",
        "en/index.html",
        "lo/index.html",
    ] {
        let html = site.html(rel);
        assert_eq!(
            alternate(&html, "x-default"),
            format!("{BASE_URL}/"),
            "{rel}"
        );
        for lang in LANGS {
            assert_eq!(
                alternate(&html, lang),
                format!("{BASE_URL}/{lang}/"),
                "{rel}: hreflang={lang}"
            );
        }
    }
}

#[test]
fn not_found_pages_exist_per_language_without_hreflang() {
    let site = fixture();
    site.build_ok(&[]);
    let root = site.html("404.html");
    assert!(
        alternates(&root).is_empty(),
        "404.html has hreflang: {:?}",
        alternates(&root)
    );
    for lang in LANGS {
        let rel = format!("{lang}/404.html");
        let html = site.html(&rel);
        assert_eq!(html_lang(&html), lang, "{rel}: <html lang>");
        assert!(
            alternates(&html).is_empty(),
            "{rel} has hreflang: {:?}",
            alternates(&html)
        );
        assert!(
            meta_property(&html, "og:locale:alternate").is_empty(),
            "{rel}: a 404 page names no other versions"
        );
    }
}

#[test]
fn social_cards_carry_title_description_url_type_and_locales() {
    let site = fixture();
    site.build_ok(&[]);
    let articles: BTreeSet<String> = VERSIONS.iter().map(article_file).collect();
    for (rel, html) in &pages(&site) {
        let role = role(rel, html);
        if matches!(role, Role::NotFound | Role::Alias) {
            continue;
        }
        let one = |property: &str| {
            let values = meta_property(html, property);
            assert_eq!(
                values.len(),
                1,
                "{rel}: expected one {property}, found {values:?}"
            );
            values.into_iter().next().expect("checked above")
        };
        assert!(!one("og:title").trim().is_empty(), "{rel}: empty og:title");
        assert!(
            !one("og:description").trim().is_empty(),
            "{rel}: empty og:description"
        );
        assert_eq!(one("og:url"), canonical(html, rel), "{rel}: og:url");
        let expected_type = if articles.contains(rel) {
            "article"
        } else {
            "website"
        };
        assert_eq!(one("og:type"), expected_type, "{rel}: og:type");
        let lang = html_lang(html);
        assert_eq!(one("og:locale"), og_locale(&lang), "{rel}: og:locale");
        let others: BTreeSet<String> = alternates(html)
            .into_iter()
            .map(|(l, _)| l)
            .filter(|l| l != "x-default" && *l != lang)
            .map(|l| og_locale(&l).to_string())
            .collect();
        let listed: BTreeSet<String> = meta_property(html, "og:locale:alternate")
            .into_iter()
            .collect();
        assert_eq!(
            listed, others,
            "{rel}: og:locale:alternate names the other versions"
        );
        for image in meta_property(html, "og:image") {
            assert_absolute_encoded(&format!("{rel}: og:image"), &image);
            assert!(
                site.url_exists(&image),
                "{rel}: og:image {image} is not published"
            );
        }
    }

    // The cover, as it is for now, with its real size.
    let cover_page = &VERSIONS[0];
    let html = site.html(&article_file(cover_page));
    let image = attr(&html, "meta[property=\"og:image\"]", "content");
    let file = site.public(&file_for_url(&image).expect("on the site"));
    let (width, height) = image::image_dimensions(&file)
        .unwrap_or_else(|e| panic!("og:image {image} is not a readable image: {e}"));
    assert_eq!(
        attr(&html, "meta[property=\"og:image:width\"]", "content"),
        width.to_string(),
        "og:image:width of {image}"
    );
    assert_eq!(
        attr(&html, "meta[property=\"og:image:height\"]", "content"),
        height.to_string(),
        "og:image:height of {image}"
    );
}

#[test]
fn every_page_shares_an_image_with_its_size() {
    let site = fixture();
    site.build_ok(&[]);
    let mut without = Vec::new();
    for (rel, html) in &pages(&site) {
        if matches!(role(rel, html), Role::NotFound | Role::Alias) {
            continue;
        }
        for property in ["og:image", "og:image:width", "og:image:height"] {
            if meta_property(html, property).is_empty() {
                without.push(format!("{rel}: no {property}"));
            }
        }
    }
    assert!(without.is_empty(), "{}", without.join("\n"));
}

#[test]
fn pages_without_a_cover_share_the_configured_card_with_its_size() {
    let site = fixture();
    site.file(
        "site.yaml",
        &format!("{SITE_YAML}taxonomies: [categories, tags]\nog_image: img/card.png\n"),
    );
    site.image("static/img/card.png", 120, 63);
    site.build_ok(&[]);
    let coverless = VERSIONS.iter().find(|v| !v.extra.contains("cover:"));
    for rel in [
        "vi/index.html".to_string(),
        "en/news/index.html".to_string(),
        article_file(coverless.expect("a fixture article without a cover")),
    ] {
        let html = site.html(&rel);
        assert_eq!(
            meta_property(&html, "og:image"),
            [format!("{BASE_URL}/img/card.png")],
            "{rel}: og:image"
        );
        assert_eq!(
            meta_property(&html, "og:image:width"),
            ["120"],
            "{rel}: og:image:width"
        );
        assert_eq!(
            meta_property(&html, "og:image:height"),
            ["63"],
            "{rel}: og:image:height"
        );
    }
}

/// Every `<script type="application/ld+json">` of a page, parsed.
fn json_ld(html: &Html, rel: &str) -> Vec<serde_json::Value> {
    select(html, "script[type=\"application/ld+json\"]")
        .into_iter()
        .map(|script| {
            let text: String = script.text().collect();
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{rel}: JSON-LD does not parse ({e}):\n{text}"))
        })
        .collect()
}

#[test]
fn json_ld_describes_articles_as_news_and_homes_as_websites() {
    let site = fixture();
    site.build_ok(&[]);
    let pages = pages(&site);
    // Whatever a page carries must at least be JSON.
    for (rel, html) in &pages {
        json_ld(html, rel);
    }
    for v in VERSIONS {
        let rel = article_file(v);
        let items = json_ld(&pages[&rel], &rel);
        let article = items
            .iter()
            .find(|item| item["@type"] == "NewsArticle")
            .unwrap_or_else(|| panic!("{rel}: no NewsArticle in {items:?}"));
        assert_eq!(article["headline"], v.title, "{rel}: headline");
        assert_eq!(article["inLanguage"], v.lang, "{rel}: inLanguage");
        let published = article["datePublished"].as_str().unwrap_or_default();
        assert!(
            published.starts_with(&v.bundle[..10]),
            "{rel}: datePublished {published}"
        );
        assert!(
            article["dateModified"].as_str().is_some(),
            "{rel}: no dateModified in {article}"
        );
        assert!(
            article["publisher"]["name"]
                .as_str()
                .is_some_and(|name| !name.is_empty()),
            "{rel}: no publisher name in {article}"
        );
        if let Some(author) = v.extra.lines().find_map(|l| l.strip_prefix("author: ")) {
            assert_eq!(
                article["author"]["name"],
                author.trim_matches('"'),
                "{rel}: author"
            );
        }
        if v.extra.contains("cover:") {
            let image = article["image"].as_str().unwrap_or_default();
            assert_absolute_encoded(&format!("{rel}: JSON-LD image"), image);
            assert!(site.url_exists(image), "{rel}: image {image} not published");
        }
    }
    for lang in LANGS {
        let rel = format!("{lang}/index.html");
        let items = json_ld(&pages[&rel], &rel);
        let website = items
            .iter()
            .find(|item| item["@type"] == "WebSite")
            .unwrap_or_else(|| panic!("{rel}: no WebSite in {items:?}"));
        assert_eq!(website["inLanguage"], lang, "{rel}: inLanguage");
        assert_eq!(website["url"], format!("{BASE_URL}/{lang}/"), "{rel}: url");
    }
}

// ---------------------------------------------------------------------------------------
// Sitemaps

/// The trimmed text of the first child element `ns:name`.
fn child_text<'a>(node: roxmltree::Node<'a, 'a>, ns: &str, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.has_tag_name((ns, name)))
        .and_then(|c| c.text())
        .map(str::trim)
}

/// (loc, lastmod) of each sitemap the index at `public/sitemap.xml` names, in order,
/// after validating the index against the schema.
fn sitemap_index(site: &Site) -> Vec<(String, Option<String>)> {
    validate_xml("siteindex.xsd", &site.public("sitemap.xml"));
    let text = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("sitemap.xml parses as XML");
    let root = doc.root_element();
    assert!(
        root.has_tag_name((SITEMAP_NS, "sitemapindex")),
        "sitemap.xml must be a sitemap index, found <{:?}>",
        root.tag_name()
    );
    root.children()
        .filter(|c| c.has_tag_name((SITEMAP_NS, "sitemap")))
        .map(|s| {
            (
                child_text(s, SITEMAP_NS, "loc")
                    .expect("<sitemap> has a <loc>")
                    .to_string(),
                child_text(s, SITEMAP_NS, "lastmod").map(str::to_string),
            )
        })
        .collect()
}

/// One `<url>` of a sitemap.
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
    /// hreflang → href of the `<xhtml:link rel="alternate">` elements.
    alternates: BTreeMap<String, String>,
}

fn sitemap_urls(text: &str, file: &str) -> Vec<SitemapUrl> {
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{file} is not XML: {e}"));
    let root = doc.root_element();
    assert!(
        root.has_tag_name((SITEMAP_NS, "urlset")),
        "{file}: root is <{:?}>, not a sitemaps.org <urlset>",
        root.tag_name()
    );
    root.children()
        .filter(|c| c.has_tag_name((SITEMAP_NS, "url")))
        .map(|url| {
            let loc = child_text(url, SITEMAP_NS, "loc")
                .unwrap_or_else(|| panic!("{file}: a <url> without <loc>"))
                .to_string();
            let mut alternates = BTreeMap::new();
            for link in url
                .children()
                .filter(|c| c.has_tag_name((XHTML_NS, "link")))
            {
                assert_eq!(link.attribute("rel"), Some("alternate"), "{file}: {loc}");
                let lang = link.attribute("hreflang").unwrap_or_default().to_string();
                let href = link.attribute("href").unwrap_or_default().to_string();
                assert!(
                    alternates.insert(lang.clone(), href).is_none(),
                    "{file}: {loc} lists hreflang={lang} twice"
                );
            }
            SitemapUrl {
                lastmod: child_text(url, SITEMAP_NS, "lastmod").map(str::to_string),
                loc,
                alternates,
            }
        })
        .collect()
}

/// W3C Datetime as sitemaps use it: a date, or a date and time with an offset.
fn is_w3c_datetime(text: &str) -> bool {
    text.parse::<jiff::Timestamp>().is_ok()
        || (text.len() == 10 && text.parse::<jiff::civil::Date>().is_ok())
}

#[test]
fn sitemap_index_names_one_valid_sitemap_per_language() {
    let site = fixture();
    site.build_ok(&[]);
    let index = sitemap_index(&site);
    let locs: Vec<&str> = index.iter().map(|(loc, _)| loc.as_str()).collect();
    let expected: Vec<String> = LANGS
        .iter()
        .map(|lang| format!("{BASE_URL}/{lang}/sitemap.xml"))
        .collect();
    assert_eq!(locs, expected, "the sitemap index");
    for (loc, lastmod) in &index {
        if let Some(lastmod) = lastmod {
            assert!(is_w3c_datetime(lastmod), "{loc}: lastmod {lastmod}");
        }
        let rel = file_for_url(loc).expect("on the site");
        assert!(site.exists(&rel), "the index names {loc}, not published");
        validate_xml("sitemap.xsd", &site.public(&rel));
    }
}

#[test]
fn sitemap_urls_carry_lastmod_and_the_pages_alternates() {
    let site = fixture();
    site.build_ok(&[]);
    assert_sitemaps_list_the_pages(&site, &pages(&site));
    // lastmod is `updated`, else `date`.
    let vi = site.read("vi/sitemap.xml");
    let urls = sitemap_urls(&vi, "vi/sitemap.xml");
    let lastmod_of = |v: &Version| {
        urls.iter()
            .find(|u| u.loc == article_url(v))
            .and_then(|u| u.lastmod.clone())
            .unwrap_or_else(|| panic!("{} not in vi/sitemap.xml", article_url(v)))
    };
    assert!(
        lastmod_of(&VERSIONS[0]).starts_with("2023-12-09"),
        "updated"
    );
    assert!(lastmod_of(&VERSIONS[3]).starts_with("2024-01-15"), "date");
}

/// Each sitemap the index names validates; each of its URLs is a published page of
/// the sitemap's language, listed once, with a `<lastmod>` and exactly the page's own
/// hreflang alternates; every page worth indexing is listed, 404 and alias pages not.
fn assert_sitemaps_list_the_pages(site: &Site, pages: &BTreeMap<String, Html>) {
    let mut listed = BTreeSet::new();
    let mut without_lastmod = Vec::new();
    for (loc, _) in sitemap_index(site) {
        let rel = file_for_url(&loc).expect("on the site");
        validate_xml("sitemap.xsd", &site.public(&rel));
        let lang = rel.split('/').next().expect("LANG/sitemap.xml").to_string();
        for url in sitemap_urls(&site.read(&rel), &rel) {
            let what = format!("{rel}: {}", url.loc);
            assert_absolute_encoded(&what, &url.loc);
            let page_rel = file_for_url(&url.loc).expect("on the site");
            let Some(html) = pages.get(&page_rel) else {
                panic!("{what}: public/{page_rel} does not exist");
            };
            assert!(
                listed.insert(page_rel.clone()),
                "{what}: listed twice in the sitemaps"
            );
            assert_eq!(html_lang(html), lang, "{what}: a page in another language");
            match url.lastmod.as_deref() {
                Some(lastmod) => assert!(is_w3c_datetime(lastmod), "{what}: lastmod {lastmod}"),
                None => without_lastmod.push(what.clone()),
            }
            assert!(
                url.alternates.contains_key("x-default"),
                "{what}: no x-default in {:?}",
                url.alternates
            );
            for href in url.alternates.values() {
                assert_absolute_encoded(&what, href);
            }
            assert_eq!(
                url.alternates,
                alternate_map(html, &page_rel),
                "{what}: the sitemap's alternates must be the page's"
            );
        }
    }
    assert!(
        without_lastmod.is_empty(),
        "URLs without <lastmod>:\n{}",
        without_lastmod.join("\n")
    );
    // Every page worth indexing is listed; later pages of listings may be left out.
    for (rel, html) in pages {
        if matches!(role(rel, html), Role::NotFound | Role::Alias) {
            assert!(!listed.contains(rel), "{rel} must not be in a sitemap");
        } else if !rel.contains("/page/") {
            assert!(listed.contains(rel), "{rel} is in no sitemap");
        }
    }
}

/// The repository's example site (its own `content/`), built into a fixture's
/// `public/` with the fixtures' base URL so that the same readers apply.
fn example_site() -> Site {
    let site = Site::empty();
    let out = site.public("");
    site.run(&[
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "build",
        "--output",
        out.to_str().expect("temporary paths are UTF-8"),
        "--base-url",
        BASE_URL,
    ])
    .assert_success();
    site
}

#[test]
fn the_example_site_has_reciprocal_alternates_and_valid_sitemaps() {
    let site = example_site();
    let pages = pages(&site);
    let checked = assert_canonicals_and_reciprocal_alternates(&pages);
    assert!(checked > 100, "only {checked} example pages were checked");
    assert_sitemaps_list_the_pages(&site, &pages);
}

#[test]
fn empty_listings_still_carry_a_lastmod_in_the_sitemap() {
    let site = Site::new();
    site.file(
        "site.yaml",
        &format!("{SITE_YAML}taxonomies: [categories, tags]\n"),
    );
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.section("news", "en", "News", "news");
    site.article(
        "news/2024-01-01-mot",
        "vi",
        "Một",
        "2024-01-01",
        "categories: [\"Biên giới\"]",
        "Một.",
    );
    site.build_ok(&[]);
    // /en/news/ and /en/categories/ list nothing in English, but are published and listed.
    let urls = sitemap_urls(&site.read("en/sitemap.xml"), "en/sitemap.xml");
    let without: Vec<&str> = urls
        .iter()
        .filter(|u| u.lastmod.is_none())
        .map(|u| u.loc.as_str())
        .collect();
    assert!(without.is_empty(), "URLs without <lastmod>: {without:?}");
}

/// How many one-line Vietnamese articles the split test writes: with two term pages
/// each, the Vietnamese sitemap holds just over 50,000 URLs.
const LARGE: usize = 16_700;

/// A site of `LARGE` one-line articles in Vietnamese only, each with two tags of its
/// own, so that the Vietnamese sitemap holds three times as many URLs (articles and term
/// pages) with fewer files to write. Its own one-line templates and a single listing
/// page keep rendering cheap.
fn large_site() -> Site {
    let site = Site::new();
    assert!(
        SITE_YAML.contains("paginate: 2"),
        "SITE_YAML changed; update large_site"
    );
    site.file(
        "site.yaml",
        &format!(
            "{}taxonomies: [tags]\n",
            SITE_YAML.replace("paginate: 2", "paginate: 100000")
        ),
    );
    site.file(
        "templates/base.html",
        "<!doctype html><html lang=\"{{ lang }}\"><head><meta charset=\"utf-8\"><title>{{ head.title }}</title></head><body>{% block content %}{% endblock content %}</body></html>\n",
    );
    let page = "{% extends \"base.html\" %}{% block content %}{{ kind }}{% endblock content %}\n";
    for name in [
        "page.html",
        "section.html",
        "index.html",
        "taxonomy_list.html",
        "taxonomy_single.html",
        "chooser.html",
        "404.html",
    ] {
        site.file(&format!("templates/{name}"), page);
    }
    site.section("s", "vi", "Tin", "tin");
    let dir = site.path("content/s");
    for n in 0..LARGE {
        // A single-file article (`content/s/a00042.md`, published at /vi/tin/a00042/):
        // one file and no bundle folder, to keep the writes cheap.
        let text = format!(
            "---\ntitle: \"Tin {n}\"\ndate: 2024-01-01\ntags: [\"t{n}\", \"u{n}\"]\n---\nx\n"
        );
        std::fs::write(dir.join(format!("a{n:05}.md")), text).expect("write an article");
    }
    site
}

#[test]
fn a_language_past_50000_urls_is_split_into_numbered_sitemaps() {
    // Timings go to stderr (`-- --nocapture`): writing, building and removing the
    // ~117,000 files and folders is most of this suite's run time.
    let started = Instant::now();
    let site = large_site();
    eprintln!("wrote {LARGE} articles in {:.1?}", started.elapsed());
    let started = Instant::now();
    site.build_ok(&[]);
    eprintln!("built them in {:.1?}", started.elapsed());

    let index = sitemap_index(&site);
    let locs: Vec<&str> = index.iter().map(|(loc, _)| loc.as_str()).collect();
    assert_eq!(
        locs,
        [
            format!("{BASE_URL}/vi/sitemap-1.xml"),
            format!("{BASE_URL}/vi/sitemap-2.xml"),
            format!("{BASE_URL}/en/sitemap.xml"),
            format!("{BASE_URL}/lo/sitemap.xml"),
        ],
        "the index lists both Vietnamese parts"
    );
    let first = sitemap_urls(&site.read("vi/sitemap-1.xml"), "vi/sitemap-1.xml");
    let second = sitemap_urls(&site.read("vi/sitemap-2.xml"), "vi/sitemap-2.xml");
    assert_eq!(first.len(), 50_000, "the first part is full");
    let all: BTreeSet<&str> = first
        .iter()
        .chain(&second)
        .map(|u| u.loc.as_str())
        .collect();
    assert_eq!(all.len(), first.len() + second.len(), "no URL twice");
    for n in 0..LARGE {
        for url in [
            format!("{BASE_URL}/vi/tin/a{n:05}/"),
            format!("{BASE_URL}/vi/tags/t{n}/"),
            format!("{BASE_URL}/vi/tags/u{n}/"),
        ] {
            assert!(all.contains(url.as_str()), "{url} is in neither part");
        }
    }
    validate_xml("sitemap.xsd", &site.public("vi/sitemap-1.xml"));
    validate_xml("sitemap.xsd", &site.public("vi/sitemap-2.xml"));
    eprintln!("built and checked in {:.1?}", started.elapsed());
    let started = Instant::now();
    drop(site);
    eprintln!("removed in {:.1?}", started.elapsed());
}

// ---------------------------------------------------------------------------------------
// robots.txt

#[test]
fn robots_txt_names_the_sitemap_index() {
    let site = fixture();
    site.build_ok(&[]);
    let robots = site.read("robots.txt");
    assert!(
        robots
            .lines()
            .any(|line| line.trim() == format!("Sitemap: {BASE_URL}/sitemap.xml")),
        "robots.txt does not name the sitemap index:\n{robots}"
    );
}

#[test]
fn a_sites_own_robots_txt_replaces_the_generated_one() {
    let site = fixture();
    let own = "User-agent: *\nDisallow: /vi/tags/\n";
    site.file("static/robots.txt", own);
    site.build_ok(&[]);
    assert_eq!(site.read("robots.txt"), own);
}

// ---------------------------------------------------------------------------------------
// Feeds

/// One parsed Atom feed: its `xml:lang`, self link, and (link, id) of each entry.
struct Feed {
    lang: Option<String>,
    self_link: Option<String>,
    entries: Vec<(String, String)>,
}

fn atom(site: &Site, rel: &str) -> Feed {
    let text = site.read(rel);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: not XML: {e}"));
    let feed = doc.root_element();
    assert!(
        feed.has_tag_name((ATOM_NS, "feed")),
        "{rel}: root is <{:?}>, not an Atom <feed>",
        feed.tag_name()
    );
    let single = |node: roxmltree::Node, name: &str, what: &str| -> String {
        let found: Vec<_> = node
            .children()
            .filter(|c| c.has_tag_name((ATOM_NS, name)))
            .collect();
        assert_eq!(found.len(), 1, "{rel}: {what} needs exactly one <{name}>");
        found[0].text().unwrap_or_default().trim().to_string()
    };
    // Every link of that relation, whatever its hreflang: readers open an entry's
    // alternate without looking at its language.
    let links = |node: roxmltree::Node, rel_value: &str| -> Vec<String> {
        node.children()
            .filter(|c| c.has_tag_name((ATOM_NS, "link")))
            .filter(|c| c.attribute("rel").unwrap_or("alternate") == rel_value)
            .filter_map(|c| c.attribute("href").map(str::to_string))
            .collect()
    };
    assert!(
        !single(feed, "id", "the feed").is_empty(),
        "{rel}: empty feed id"
    );
    assert!(
        !single(feed, "title", "the feed").is_empty(),
        "{rel}: empty title"
    );
    let updated = single(feed, "updated", "the feed");
    assert!(
        updated.parse::<jiff::Timestamp>().is_ok(),
        "{rel}: feed <updated> {updated} is not RFC 3339"
    );
    let mut entries = Vec::new();
    for entry in feed
        .children()
        .filter(|c| c.has_tag_name((ATOM_NS, "entry")))
    {
        let id = single(entry, "id", "an entry");
        assert!(
            id.starts_with("tag:") || id.starts_with("urn:") || id.starts_with("https://"),
            "{rel}: entry id {id} is not a URI"
        );
        single(entry, "title", "an entry");
        let updated = single(entry, "updated", "an entry");
        assert!(
            updated.parse::<jiff::Timestamp>().is_ok(),
            "{rel}: entry <updated> {updated} is not RFC 3339"
        );
        let link = links(entry, "alternate");
        assert_eq!(
            link.len(),
            1,
            "{rel}: entry {id} needs exactly one alternate link, found {link:?}"
        );
        assert_absolute_encoded(&format!("{rel}: entry link"), &link[0]);
        assert!(
            site.url_exists(&link[0]),
            "{rel}: entry link {} is not published",
            link[0]
        );
        entries.push((link[0].clone(), id));
    }
    let ids: BTreeSet<&String> = entries.iter().map(|(_, id)| id).collect();
    assert_eq!(ids.len(), entries.len(), "{rel}: entry ids repeat");
    Feed {
        lang: feed.attribute((XML_NS, "lang")).map(str::to_string),
        self_link: links(feed, "self").into_iter().next(),
        entries,
    }
}

#[test]
fn each_language_has_an_atom_feed_of_its_articles() {
    let site = fixture();
    site.build_ok(&[]);
    for lang in LANGS {
        let rel = format!("{lang}/atom.xml");
        let feed = atom(&site, &rel);
        assert_eq!(feed.lang.as_deref(), Some(lang), "{rel}: xml:lang");
        assert_eq!(
            feed.self_link,
            Some(format!("{BASE_URL}/{lang}/atom.xml")),
            "{rel}: rel=self link"
        );
        let links: BTreeSet<String> = feed.entries.iter().map(|(l, _)| l.clone()).collect();
        let expected: BTreeSet<String> = VERSIONS
            .iter()
            .filter(|v| v.lang == lang)
            .map(article_url)
            .collect();
        assert_eq!(links, expected, "{rel}: the language's articles");
    }
}

#[test]
fn feed_entry_ids_stay_the_same_across_builds() {
    let site = fixture();
    site.build_ok(&[]);
    let ids = |site: &Site| -> BTreeMap<String, String> {
        LANGS
            .iter()
            .flat_map(|lang| atom(site, &format!("{lang}/atom.xml")).entries)
            .collect()
    };
    let first = ids(&site);
    site.build_ok(&[]);
    assert_eq!(ids(&site), first, "a second build of the same site");
    // A new article, a new title and a summary on an old one: old ids stay.
    site.article(
        "news/2024-06-01-tin-moi",
        "vi",
        "Tin mới",
        "2024-06-01",
        "",
        "Mới.",
    );
    let v = &VERSIONS[3];
    site.article(
        &format!("{}/{}", v.section, v.bundle),
        v.lang,
        "Hội nghị (đã sửa tiêu đề)",
        &v.bundle[..10],
        "summary: \"Tóm tắt mới.\"",
        "Nội dung đã sửa.",
    );
    site.build_ok(&[]);
    let after = ids(&site);
    for (link, id) in &first {
        assert_eq!(after.get(link), Some(id), "the id of {link} changed");
    }
    assert_eq!(after.len(), first.len() + 1, "the new article has an entry");
}

#[test]
fn each_section_has_a_feed_at_its_slug() {
    let site = fixture();
    site.build_ok(&[]);
    for (folder, versions) in SECTIONS {
        for (lang, _, slug) in versions {
            let rel = format!("{lang}/{slug}/atom.xml");
            assert!(
                site.exists(&rel),
                "no feed at public/{rel}\npublished:\n{}",
                site.listing()
            );
            let feed = atom(&site, &rel);
            assert_eq!(feed.lang.as_deref(), Some(*lang), "{rel}: xml:lang");
            assert_eq!(
                feed.self_link,
                Some(format!("{BASE_URL}/{lang}/{}/atom.xml", encode(slug))),
                "{rel}: rel=self link, encoded"
            );
            let links: BTreeSet<String> = feed.entries.iter().map(|(l, _)| l.clone()).collect();
            let expected: BTreeSet<String> = VERSIONS
                .iter()
                .filter(|v| v.lang == *lang && v.section == *folder)
                .map(article_url)
                .collect();
            assert_eq!(links, expected, "{rel}: the section's articles");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Aliases

#[test]
fn an_alias_page_sends_readers_and_crawlers_to_the_article() {
    let site = fixture();
    site.build_ok(&[]);
    for (alias_file, alias, v) in [
        ("tin-tuc/12345.html", "/tin-tuc/12345.html", &VERSIONS[0]),
        (
            "en/old-news/twinning/index.html",
            "/en/old-news/twinning/",
            &VERSIONS[1],
        ),
    ] {
        let target = article_url(v);
        let html = site.html(alias_file);
        let refresh = attr(&html, "meta[http-equiv=\"refresh\"]", "content");
        let (_, to) = refresh
            .split_once("url=")
            .or_else(|| refresh.split_once("URL="))
            .unwrap_or_else(|| panic!("{alias_file}: refresh `{refresh}` names no URL"));
        assert_eq!(
            file_for_url(to.trim()),
            file_for_url(&target),
            "{alias_file}: the refresh leads to the article"
        );
        assert_eq!(
            canonical(&html, alias_file),
            target,
            "{alias_file}: canonical"
        );
        let robots = attr(&html, "meta[name=\"robots\"]", "content");
        assert!(robots.contains("noindex"), "{alias_file}: robots {robots}");
        let visible: Vec<String> = select(&html, "body a[href]")
            .into_iter()
            .filter(|a| !text(a).is_empty())
            .filter_map(|a| a.value().attr("href").and_then(file_for_url))
            .collect();
        assert!(
            visible.contains(&file_for_url(&target).expect("on the site")),
            "{alias_file}: no visible link to {target}"
        );
        assert!(
            alternates(&html).is_empty(),
            "{alias_file}: an alias page has no hreflang"
        );
        let redirects = site.read("_redirects");
        let line = redirects
            .lines()
            .find(|line| line.split_whitespace().next() == Some(alias))
            .unwrap_or_else(|| panic!("_redirects has no line for {alias}:\n{redirects}"));
        let to = line.split_whitespace().nth(1).unwrap_or_default();
        assert_eq!(
            file_for_url(to),
            file_for_url(&target),
            "_redirects: {line}"
        );
    }
}

#[test]
fn two_pages_claiming_one_alias_fail_naming_both_files() {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    let first = site.article(
        "news/2024-01-01-mot",
        "vi",
        "Một",
        "2024-01-01",
        "aliases: [\"/tin-tuc/1.html\"]",
        "Một.",
    );
    let second = site.article(
        "news/2024-01-02-hai",
        "vi",
        "Hai",
        "2024-01-02",
        "aliases: [\"/tin-tuc/1.html\"]",
        "Hai.",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains(&first) && out.stderr.contains(&second),
        "the error names both {first} and {second}:\n{}",
        out.stderr
    );
}

#[test]
fn an_alias_over_a_page_fails_naming_both_files() {
    let site = Site::new();
    site.file(
        "content/about.vi.md",
        "---\ntitle: \"Giới thiệu\"\n---\nX.\n",
    );
    site.section("news", "vi", "Tin tức", "tin-tuc");
    let article = site.article(
        "news/2024-01-01-mot",
        "vi",
        "Một",
        "2024-01-01",
        "aliases: [\"/vi/about/\"]",
        "Một.",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains(&article) && out.stderr.contains("content/about.vi.md"),
        "the error names both {article} and content/about.vi.md:\n{}",
        out.stderr
    );
}
