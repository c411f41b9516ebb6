//! Incremental rebuilds equal clean builds: a fixture site goes through a long, seeded
//! sequence of edits (titles, dates, tags, new and deleted articles, renamed bundles,
//! broken and repaired front matter, template and `.ftl` changes); after each, the
//! session's output folder must match a fresh `build` of the same files byte for byte.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::Site;
use mekong::serve::{Changes, Session};
use mekong::site::{BuildOptions, Silent};

const BASE: &str = "http://127.0.0.1:1111";

fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn fresh_build(site: &Site) -> BTreeMap<PathBuf, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(output.clone()),
        base_url: Some(BASE.into()),
        drafts: false,
    };
    mekong::build(&options, &Silent).expect("the clean build succeeds");
    tree(&output)
}

/// A session on the site at `root` writing into `out`, after its first build.
fn started_session(root: &Path, out: &Path) -> Session {
    let mut session = Session::new(
        BuildOptions {
            root: root.to_path_buf(),
            output: None,
            base_url: Some(BASE.into()),
            drafts: false,
        },
        out.to_path_buf(),
    );
    session.rebuild(&Changes::default()).expect("first build");
    session
}

/// The served tree in `out` equals a clean build of the site, file for file.
fn assert_same_as_clean_build(site: &Site, out: &Path, when: &str) {
    let served = tree(out);
    let clean = fresh_build(site);
    let differing: Vec<&PathBuf> = clean
        .keys()
        .chain(served.keys())
        .filter(|path| clean.get(*path) != served.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "{when}: these files differ from a clean build: {differing:?}"
    );
}

/// A small deterministic generator (no dependency needed for a test's dice).
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % sides
    }
}

fn article(title: &str, day: usize, tag: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: 2024-03-{:02}\ncategories: [\"Biên giới\"]\ntags: [\"{tag}\"]\n---\n{body}\n",
        day % 28 + 1
    )
}

fn setup(site: &Site) {
    for (section, vi, en) in [
        ("news", "tin-tuc", "news"),
        ("culture", "van-hoa", "culture"),
    ] {
        site.file(
            &format!("content/{section}/_index.vi.md"),
            &format!("---\ntitle: \"{vi}\"\nslug: {vi}\n---\n"),
        );
        site.file(
            &format!("content/{section}/_index.en.md"),
            &format!("---\ntitle: \"{en}\"\nslug: {en}\n---\n"),
        );
    }
    for n in 0..6usize {
        let section = if n.is_multiple_of(2) {
            "news"
        } else {
            "culture"
        };
        site.file(
            &format!("content/{section}/a{n}/index.vi.md"),
            &article(&format!("Bài {n}"), n, "kết nghĩa", "Nội dung."),
        );
        if !n.is_multiple_of(3) {
            site.file(
                &format!("content/{section}/a{n}/index.en.md"),
                &article(&format!("Article {n}"), n, "twinning", "Text."),
            );
        }
    }
    site.file(
        "content/about.vi.md",
        "---\ntitle: \"Giới thiệu\"\n---\nTỉnh.\n",
    );
    site.file(
        "content/news/a0/index.vi.md",
        &article("Bài 0", 0, "kết nghĩa", "Xem [bài 2](../a2/index.vi.md)."),
    );
}

#[test]
fn random_edit_sequences_match_clean_builds() {
    let site = Site::new();
    setup(&site);
    let root = site.root().canonicalize().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut session = started_session(&root, out.path());
    assert_eq!(
        tree(out.path()),
        fresh_build(&site),
        "after the first build"
    );

    let mut dice = Dice(7);
    let mut next_new = 100;
    for step in 0..40 {
        let mut changes = Changes::default();
        let n = dice.roll(6);
        let section = if n.is_multiple_of(2) {
            "news"
        } else {
            "culture"
        };
        let bundle = format!("content/{section}/a{n}");
        let action = dice.roll(9);
        let described = match action {
            0 => {
                site.file(
                    &format!("{bundle}/index.vi.md"),
                    &article(
                        &format!("Bài {n} sửa {step}"),
                        n,
                        "kết nghĩa",
                        "Nội dung mới.",
                    ),
                );
                "retitle"
            }
            1 => {
                site.file(
                    &format!("{bundle}/index.vi.md"),
                    &article(&format!("Bài {n}"), step, "kết nghĩa", "Nội dung."),
                );
                "redate"
            }
            2 => {
                site.file(
                    &format!("{bundle}/index.vi.md"),
                    &article(
                        &format!("Bài {n}"),
                        n,
                        &format!("thẻ {}", step % 3),
                        "Nội dung.",
                    ),
                );
                "retag"
            }
            3 => {
                let rel = format!("content/{section}/new{next_new}/index.vi.md");
                next_new += 1;
                site.file(
                    &rel,
                    &article(&format!("Mới {step}"), step, "kết nghĩa", "Mới."),
                );
                changes.add(&root, &root.join(rel));
                "add"
            }
            4 => {
                let _ = std::fs::remove_dir_all(site.path(&bundle));
                "delete bundle"
            }
            5 => {
                let to = format!("content/{section}/moved{step}");
                if site.path(&bundle).exists() {
                    std::fs::rename(site.path(&bundle), site.path(&to)).unwrap();
                    changes.add(&root, &root.join(&to));
                }
                "rename bundle"
            }
            6 => {
                site.file(
                    &format!("{bundle}/index.en.md"),
                    &article(&format!("Article {n} {step}"), n, "twinning", "Text."),
                );
                "translate"
            }
            7 => {
                site.file(
                    "templates/page.html",
                    &format!("<html lang=\"{{{{ lang }}}}\"><body>{step} {{{{ page.title }}}} {{{{ page.content | safe }}}}</body></html>\n"),
                );
                changes.theme = true;
                "template"
            }
            _ => {
                // A broken save, then the fix: the first rebuild must fail and change nothing.
                let file = format!("{bundle}/index.vi.md");
                if site.path(&file).exists() {
                    let before = tree(out.path());
                    let good = std::fs::read_to_string(site.path(&file)).unwrap();
                    site.file(&file, "---\ntittle: broken\n---\n");
                    let mut broken = Changes::default();
                    broken.add(&root, &root.join(&file));
                    assert!(
                        session.rebuild(&broken).is_err(),
                        "step {step}: a broken file fails"
                    );
                    assert_eq!(
                        tree(out.path()),
                        before,
                        "step {step}: a failed rebuild writes nothing"
                    );
                    site.file(&file, &good);
                }
                "break and fix"
            }
        };
        changes.add(&root, &root.join(&bundle));
        changes.add(&root, &root.join(format!("{bundle}/index.vi.md")));
        changes.add(&root, &root.join(format!("{bundle}/index.en.md")));
        session
            .rebuild(&changes)
            .unwrap_or_else(|p| panic!("step {step} ({described}): {p:?}"));
        assert_same_as_clean_build(&site, out.path(), &format!("step {step} ({described})"));
    }
}

/// An article whose front matter is written out in full, so edits can change one field.
#[derive(Clone)]
struct Draft {
    title: String,
    day: usize,
    tag: String,
    summary: Option<String>,
    description: Option<String>,
    author: Option<String>,
    cover: bool,
    body: String,
}

impl Draft {
    fn text(&self) -> String {
        let mut text = format!(
            "---\ntitle: \"{}\"\ndate: 2024-05-{:02}\ncategories: [\"Kinh tế\"]\ntags: [\"{}\"]\n",
            self.title,
            self.day % 28 + 1,
            self.tag
        );
        for (key, value) in [
            ("summary", &self.summary),
            ("description", &self.description),
            ("author", &self.author),
        ] {
            if let Some(value) = value {
                text.push_str(&format!("{key}: \"{value}\"\n"));
            }
        }
        if self.cover {
            text.push_str("cover: { src: anh.png, alt: \"Cửa khẩu\" }\n");
        }
        text.push_str("---\n");
        text.push_str(&self.body);
        text.push('\n');
        text
    }
}

fn png(shade: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([shade, (x * 4) as u8, (y * 5) as u8])
    });
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

/// Edits that change only what pages show (bodies, titles, summaries, covers, links,
/// the home and about texts) are applied to the previous build without indexing the
/// site again; mixed with edits that do need it (dates, tags, broken saves). After each
/// the output must equal a clean build, and the quick way must really have been taken.
#[test]
fn content_edits_take_the_quick_way_and_match_clean_builds() {
    let site = Site::new();
    for (section, vi, en) in [
        ("economy", "kinh-te", "economy"),
        ("news", "tin-tuc", "news"),
    ] {
        site.file(
            &format!("content/{section}/_index.vi.md"),
            &format!("---\ntitle: \"{vi}\"\nslug: {vi}\n---\nGiới thiệu {vi}.\n"),
        );
        site.file(
            &format!("content/{section}/_index.en.md"),
            &format!("---\ntitle: \"{en}\"\nslug: {en}\n---\n"),
        );
    }
    site.file(
        "content/_index.vi.md",
        "---\ntitle: \"Trang chủ\"\n---\nChào mừng.\n",
    );
    site.file(
        "content/about.vi.md",
        "---\ntitle: \"Giới thiệu\"\n---\nTỉnh.\n",
    );
    let mut drafts: Vec<(String, Draft)> = Vec::new();
    for n in 0..12usize {
        let section = if n % 3 == 0 { "news" } else { "economy" };
        let file = format!("content/{section}/b{n}/index.vi.md");
        site.bytes(
            &format!("content/{section}/b{n}/anh.png"),
            &png(n as u8 * 20),
        );
        let draft = Draft {
            title: format!("Bài {n}"),
            day: n,
            tag: format!("thẻ {}", n % 4),
            summary: None,
            description: None,
            author: None,
            cover: n % 2 == 0,
            body: format!("Đoạn đầu của bài {n}.\n\n## Mục một\n\nĐoạn hai."),
        };
        site.file(&file, &draft.text());
        if n % 4 == 1 {
            site.file(
                &format!("content/{section}/b{n}/index.en.md"),
                &format!(
                    "---\ntitle: \"Article {n}\"\ndate: 2024-05-{:02}\ntags: [\"tag\"]\n---\nText.\n",
                    n % 28 + 1
                ),
            );
        }
        drafts.push((file, draft));
    }

    let root = site.root().canonicalize().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut session = started_session(&root, out.path());

    let mut dice = Dice(11);
    let mut quick = 0;
    for step in 0..60 {
        let pick = dice.roll(drafts.len());
        let (file, draft) = drafts[pick].clone();
        let mut edited = draft.clone();
        let mut changes = Changes::default();
        let mut expect_quick = true;
        let action = dice.roll(12);
        let described = match action {
            0 => {
                edited.body = format!("Đoạn đầu mới {step}.\n\n## Mục {step}\n\nĐoạn hai.");
                "body"
            }
            1 => {
                edited.title = format!("Bài {pick} sửa {step}");
                "title"
            }
            2 => {
                edited.summary = Some(format!("Tóm tắt {step}"));
                "summary"
            }
            3 => {
                edited.description = (step % 2 == 0).then(|| format!("Mô tả {step}"));
                "description"
            }
            4 => {
                edited.cover = !edited.cover;
                "cover"
            }
            5 => {
                let other = &drafts[(pick + 1) % drafts.len()].0;
                let target = other.trim_start_matches("content/");
                edited.body = format!("Xem [bài khác](../../{target}) và ![ảnh](anh.png).");
                "link and picture"
            }
            6 => {
                edited.author = Some(format!("Phóng viên {step}"));
                "author"
            }
            7 => {
                let text = format!("---\ntitle: \"Trang chủ\"\n---\nChào mừng lần {step}.\n");
                site.file("content/_index.vi.md", &text);
                changes.add(&root, &root.join("content/_index.vi.md"));
                "home text"
            }
            8 => {
                let text = format!("---\ntitle: \"Giới thiệu\"\n---\nTỉnh, lần {step}.\n");
                // Saved the way many editors do: a temporary file renamed over the page.
                let temporary = site.path("content/about.vi.md.tmp4242");
                std::fs::write(&temporary, text).unwrap();
                std::fs::rename(&temporary, site.path("content/about.vi.md")).unwrap();
                changes.add(&root, &root.join("content/about.vi.md.tmp4242"));
                changes.add(&root, &root.join("content/about.vi.md"));
                "about text, saved by rename"
            }
            9 => {
                expect_quick = false;
                edited.day = step;
                "date (re-indexes)"
            }
            10 => {
                expect_quick = false;
                edited.tag = format!("thẻ {}", step % 5);
                "tag (re-indexes)"
            }
            _ => {
                // A broken save fails and changes nothing; the fix goes the whole way.
                expect_quick = false;
                let before = tree(out.path());
                site.file(&file, "---\ntitle: [unclosed\n---\n");
                let mut broken = Changes::default();
                broken.add(&root, &root.join(&file));
                assert!(
                    session.rebuild(&broken).is_err(),
                    "step {step}: a broken save fails"
                );
                assert_eq!(tree(out.path()), before, "step {step}: nothing written");
                "break and fix"
            }
        };
        if action <= 6 || action >= 9 {
            site.file(&file, &edited.text());
            changes.add(&root, &root.join(&file));
            drafts[pick].1 = edited;
        }
        let outcome = session
            .rebuild(&changes)
            .unwrap_or_else(|p| panic!("step {step} ({described}): {p:?}"));
        if expect_quick {
            assert!(
                !outcome.reindexed,
                "step {step} ({described}): should not index the site again"
            );
            quick += 1;
        }
        assert_same_as_clean_build(&site, out.path(), &format!("step {step} ({described})"));
    }
    assert!(quick >= 30, "only {quick} edits went the quick way");
}

/// `get_page` shows another page's title and summary, which no fingerprint covers: a
/// theme calling it has every page rendered again, and stays equal to a clean build.
#[test]
fn templates_calling_get_page_stay_equal_to_clean_builds() {
    let site = Site::new();
    setup(&site);
    site.file(
        "templates/page.html",
        "<html lang=\"{{ lang }}\"><body>{{ page.title }} | {% set about = get_page(path=\"about\", lang=\"vi\") %}{{ about.title }}</body></html>\n",
    );
    let root = site.root().canonicalize().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut session = started_session(&root, out.path());
    for step in 0..3 {
        site.file(
            "content/about.vi.md",
            &format!("---\ntitle: \"Giới thiệu {step}\"\n---\nTỉnh.\n"),
        );
        let mut changes = Changes::default();
        changes.add(&root, &root.join("content/about.vi.md"));
        session.rebuild(&changes).expect("rebuild");
        let served = tree(out.path());
        assert!(
            String::from_utf8_lossy(&served[Path::new("vi/tin-tuc/a2/index.html")])
                .contains(&format!("Giới thiệu {step}")),
            "step {step}: the article shows the about page's new title"
        );
        assert_eq!(served, fresh_build(&site), "step {step}");
    }
}
