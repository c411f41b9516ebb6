//! The shape of the code, read from `src/`: the module graph (from `use` lines and
//! `crate::`/`super::` paths) has no circles, no source file is over 700 lines, and no
//! lock is on the render path. The scan is hand-written: comments and literals are
//! blanked out, `use` trees (groups included) expanded, and every path resolved to the
//! module that defines it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

/// Which crate of the package a module belongs to: the library, or the `mekong` binary
/// (which reaches the library as `mekong::`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Krate {
    Lib,
    Bin,
}

/// A module: its crate and its path below the crate root.
type Module = (Krate, Vec<String>);

fn name(module: &Module) -> String {
    match (module.0, module.1.is_empty()) {
        (Krate::Lib, true) => "lib".into(),
        (Krate::Bin, true) => "main".into(),
        _ => module.1.join("::"),
    }
}

/// Source text with comments removed and string and character literals emptied; line
/// breaks are kept, so a position still gives its line.
fn strip(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let n = c.len();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Keeps the line breaks of what is skipped.
    let skip = |out: &mut String, from: usize, to: usize| {
        out.extend(c[from..to.min(n)].iter().filter(|&&ch| ch == '\n'));
    };
    while i < n {
        let prev = if i > 0 { at(i - 1) } else { ' ' };
        if at(i) == '/' && at(i + 1) == '/' {
            while i < n && at(i) != '\n' {
                i += 1;
            }
        } else if at(i) == '/' && at(i + 1) == '*' {
            let start = i;
            let mut depth = 1;
            i += 2;
            while i < n && depth > 0 {
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
            out.push(' ');
            skip(&mut out, start, i);
        } else if (at(i) == 'r' || (at(i) == 'b' && at(i + 1) == 'r')) && !ident(prev) && {
            let mut j = i + if at(i) == 'b' { 2 } else { 1 };
            while at(j) == '#' {
                j += 1;
            }
            at(j) == '"'
        } {
            // A raw string: r"…", r#"…"#, br"…".
            let start = i;
            let mut j = i + if at(i) == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                if j >= n {
                    break;
                }
                if at(j) == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            skip(&mut out, start, j);
            i = j;
        } else if at(i) == '"' {
            let start = i;
            i += 1;
            while i < n && at(i) != '"' {
                if at(i) == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
            skip(&mut out, start, i);
        } else if at(i) == '\'' && at(i + 1) == '\\' {
            // '\n', '\'', '\u{…}'
            let mut j = i + 3;
            while j < n && at(j) != '\'' {
                j += 1;
            }
            out.push_str("' '");
            i = j + 1;
        } else if at(i) == '\'' && at(i + 2) == '\'' && at(i + 1) != '\n' {
            out.push_str("' '");
            i += 3;
        } else {
            // Code, lifetimes included.
            out.push(at(i));
            i += 1;
        }
    }
    out
}

fn is_ident(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// Byte offsets where the word `word` starts (not inside a longer identifier).
fn words<'a>(code: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    code.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let before = code[..at].chars().next_back();
            let after = code[at + word.len()..].chars().next();
            !before.is_some_and(|ch| is_ident(ch) || ch == '$') && !after.is_some_and(is_ident)
        })
}

fn line_of(code: &str, at: usize) -> usize {
    code[..at].matches('\n').count() + 1
}

/// The `{ … }` block whose `{` is at `open`: the offset just past its `}`.
fn block_end(code: &str, open: usize) -> usize {
    let mut depth = 0;
    for (at, ch) in code[open..].char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + at + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// `mod name { … }` blocks in a file: their span, and whether they are test code.
fn inline_modules(code: &str) -> Vec<(usize, usize, bool)> {
    let mut found = Vec::new();
    for at in words(code, "mod") {
        let rest = &code[at + 3..];
        let name_len = rest
            .trim_start()
            .find(|ch: char| !is_ident(ch))
            .unwrap_or(0);
        let after_name = rest.len() - rest.trim_start().len() + name_len;
        if name_len == 0 || !rest[after_name..].trim_start().starts_with('{') {
            continue;
        }
        let open = at + 3 + after_name + rest[after_name..].find('{').unwrap();
        let item_start = code[..at].rfind([';', '}', '{']).map_or(0, |p| p + 1);
        let test = code[item_start..at].contains("cfg(test)");
        found.push((at, block_end(code, open), test));
    }
    found
}

/// `mod name;` declarations outside test code: the names of a file's child modules.
fn declared_modules(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for at in words(code, "mod") {
        let rest = code[at + 3..].trim_start();
        let len = rest.find(|ch: char| !is_ident(ch)).unwrap_or(0);
        if len == 0 || !rest[len..].trim_start().starts_with(';') {
            continue;
        }
        let item_start = code[..at].rfind([';', '}', '{']).map_or(0, |p| p + 1);
        if !code[item_start..at].contains("cfg(test)") {
            found.push(rest[..len].to_string());
        }
    }
    found
}

/// Expands one `use` tree (`crate::{a, b::{c, d as e}, self}`) into its paths. An alias
/// is kept as the last element's name: `(path, name it is known by)`.
fn expand_use(tree: &str) -> Vec<(Vec<String>, String)> {
    let mut tokens: Vec<String> = Vec::new();
    let chars: Vec<char> = tree.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        if is_ident(ch) {
            let start = i;
            while i < chars.len() && is_ident(chars[i]) {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
            continue;
        }
        if ch == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".into());
            i += 2;
            continue;
        }
        if "{},*".contains(ch) {
            tokens.push(ch.to_string());
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut pos = 0;
    if tokens.first().is_some_and(|t| t == "::") {
        pos = 1;
    }
    use_tree(&tokens, &mut pos, Vec::new(), &mut out);
    out
}

fn use_tree(
    tokens: &[String],
    pos: &mut usize,
    prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, String)>,
) {
    let mut path = prefix;
    while let Some(token) = tokens.get(*pos) {
        match token.as_str() {
            "{" => {
                *pos += 1;
                while tokens.get(*pos).is_some_and(|t| t != "}") {
                    use_tree(tokens, pos, path.clone(), out);
                    if tokens.get(*pos).is_some_and(|t| t == ",") {
                        *pos += 1;
                    }
                }
                *pos += 1;
                return;
            }
            "*" => {
                *pos += 1;
                let known = path.last().cloned().unwrap_or_default();
                out.push((path, known));
                return;
            }
            "}" | "," => return,
            _ => {
                let segment = token.clone();
                *pos += 1;
                let more = tokens.get(*pos).is_some_and(|t| t == "::");
                if segment == "self" && !path.is_empty() && !more {
                    let known = path.last().cloned().unwrap();
                    out.push((path, known));
                    return;
                }
                path.push(segment);
                if more {
                    *pos += 1;
                    continue;
                }
                let mut known = path.last().cloned().unwrap();
                if tokens.get(*pos).is_some_and(|t| t == "as") {
                    known = tokens.get(*pos + 1).cloned().unwrap_or_default();
                    *pos += 2;
                }
                out.push((path, known));
                return;
            }
        }
    }
}

/// `use` items of a file: where each starts, its expanded paths, and whether it is
/// `pub` (a re-export), with the span of its text.
struct Use {
    at: usize,
    end: usize,
    public: bool,
    paths: Vec<(Vec<String>, String)>,
}

fn uses(code: &str) -> Vec<Use> {
    let mut found = Vec::new();
    for at in words(code, "use") {
        if !code[at + 3..].starts_with(char::is_whitespace) {
            continue;
        }
        let Some(len) = code[at..].find(';') else {
            continue;
        };
        let item_start = code[..at].rfind([';', '}', '{']).map_or(0, |p| p + 1);
        let public = code[item_start..at].contains("pub");
        found.push(Use {
            at,
            end: at + len,
            public,
            paths: expand_use(&code[at + 3..at + len]),
        });
    }
    found
}

/// Paths written in code (`crate::a::b`, `super::x`, `mekong::y`), outside `use` items.
fn code_paths(code: &str, skip: &[(usize, usize)], roots: &[&str]) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    for root in roots {
        for at in words(code, root) {
            if !code[at + root.len()..].starts_with("::")
                || code[..at].ends_with(':')
                || skip.iter().any(|&(from, to)| (from..to).contains(&at))
            {
                continue;
            }
            let mut path = Vec::new();
            let mut rest = &code[at..];
            loop {
                let len = rest.find(|ch: char| !is_ident(ch)).unwrap_or(rest.len());
                if len == 0 {
                    break;
                }
                path.push(rest[..len].to_string());
                rest = &rest[len..];
                if !rest.starts_with("::") {
                    break;
                }
                rest = &rest[2..];
            }
            found.push((at, path));
        }
    }
    found
}

/// One source file and what the scan found in it.
struct File {
    rel: String,
    module: Module,
    code: String,
    children: Vec<String>,
}

/// Every module file of the package, found by following `mod` declarations from
/// `src/lib.rs` and `src/main.rs`.
fn modules(src: &Path) -> Vec<File> {
    let mut files = Vec::new();
    let mut queue: VecDeque<(PathBuf, Module, bool)> = VecDeque::from([
        (src.join("lib.rs"), (Krate::Lib, vec![]), true),
        (src.join("main.rs"), (Krate::Bin, vec![]), true),
    ]);
    while let Some((path, module, owns_dir)) = queue.pop_front() {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let code = strip(&text);
        let children = declared_modules(&code);
        // Children of `src/x.rs` live in `src/x/`; of `mod.rs` and crate roots, beside it.
        let dir = if owns_dir {
            path.parent().unwrap().to_path_buf()
        } else {
            path.with_extension("")
        };
        for child in &children {
            let mut child_module = module.clone();
            child_module.1.push(child.clone());
            let flat = dir.join(format!("{child}.rs"));
            let nested = dir.join(child).join("mod.rs");
            if flat.is_file() {
                queue.push_back((flat, child_module, false));
            } else if nested.is_file() {
                queue.push_back((nested, child_module, true));
            } else {
                panic!("{}: no file for `mod {child};`", path.display());
            }
        }
        files.push(File {
            rel: path
                .strip_prefix(src.parent().unwrap())
                .unwrap()
                .display()
                .to_string(),
            module,
            code,
            children,
        });
    }
    files
}

/// An arrow between two modules, with the first place that draws it.
type Graph = BTreeMap<Module, BTreeMap<Module, String>>;

/// The module graph at full depth: which module uses which.
fn module_graph(files: &[File]) -> Graph {
    let known: BTreeSet<Module> = files.iter().map(|f| f.module.clone()).collect();
    // Names a module re-exports (`pub use x::Y`), resolved later through them.
    let mut exports: BTreeMap<Module, BTreeMap<String, (Krate, Vec<String>)>> = BTreeMap::new();
    let mut raw: Vec<(Module, String, (Krate, Vec<String>))> = Vec::new();
    for file in files {
        let inline = inline_modules(&file.code);
        let tests: Vec<(usize, usize)> =
            inline.iter().filter(|m| m.2).map(|m| (m.0, m.1)).collect();
        let in_tests = |at: usize| tests.iter().any(|&(from, to)| (from..to).contains(&at));
        // `super` inside `mod x { … }` is the file's module itself.
        let depth = |at: usize| {
            inline
                .iter()
                .filter(|m| !m.2 && (m.0..m.1).contains(&at))
                .count()
        };
        let location = |at: usize| format!("{}:{}", file.rel, line_of(&file.code, at));
        let all_uses = uses(&file.code);
        let mut spans = Vec::new();
        for item in &all_uses {
            spans.push((item.at, item.end));
            if in_tests(item.at) {
                continue;
            }
            for (path, known_as) in &item.paths {
                let Some(target) = absolute(file, path, depth(item.at)) else {
                    continue;
                };
                if item.public && depth(item.at) == 0 {
                    exports
                        .entry(file.module.clone())
                        .or_default()
                        .insert(known_as.clone(), target.clone());
                }
                raw.push((file.module.clone(), location(item.at), target));
            }
        }
        let mut roots = vec!["crate", "super", "self"];
        if file.module.0 == Krate::Bin {
            roots.push("mekong");
        }
        // A child module is in scope by its name alone (`body::render_one` in a `mod.rs`).
        roots.extend(file.children.iter().map(String::as_str));
        for (at, path) in code_paths(&file.code, &spans, &roots) {
            if in_tests(at) {
                continue;
            }
            if let Some(target) = absolute(file, &path, depth(at)) {
                raw.push((file.module.clone(), location(at), target));
            }
        }
    }
    let mut graph = Graph::new();
    for (from, place, target) in raw {
        let Some(to) = resolve(&known, &exports, target, 0) else {
            continue;
        };
        if to != from {
            graph.entry(from).or_default().entry(to).or_insert(place);
        }
    }
    graph
}

/// A path as written in `file` (at `depth` inline modules deep) made absolute: its crate
/// and segments from that crate's root. `None` for other crates (`std`, `serde`, …).
fn absolute(file: &File, path: &[String], depth: usize) -> Option<(Krate, Vec<String>)> {
    let (krate, here) = (&file.module.0, &file.module.1);
    let first = path.first()?;
    let (base, rest): ((Krate, Vec<String>), &[String]) = match first.as_str() {
        "crate" => ((*krate, vec![]), &path[1..]),
        "mekong" if *krate == Krate::Bin => ((Krate::Lib, vec![]), &path[1..]),
        "self" => ((*krate, here.clone()), &path[1..]),
        "super" => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            let ups = ups.saturating_sub(depth);
            let keep = here.len().checked_sub(ups)?;
            (
                (*krate, here[..keep].to_vec()),
                &path[path.iter().take_while(|s| *s == "super").count()..],
            )
        }
        // A child module named directly (`use body::X` in `render/mod.rs`).
        name if file.children.iter().any(|c| c == name) => ((*krate, here.clone()), path),
        _ => return None,
    };
    let mut full = base.1;
    full.extend(rest.iter().cloned());
    Some((base.0, full))
}

/// The module that defines what an absolute path names: the longest module prefix,
/// followed through re-exports.
fn resolve(
    known: &BTreeSet<Module>,
    exports: &BTreeMap<Module, BTreeMap<String, (Krate, Vec<String>)>>,
    (krate, path): (Krate, Vec<String>),
    hops: usize,
) -> Option<Module> {
    let len = (0..=path.len())
        .rev()
        .find(|&len| known.contains(&(krate, path[..len].to_vec())))?;
    let module = (krate, path[..len].to_vec());
    if let Some(next) = path.get(len)
        && hops < 8
        && let Some(target) = exports.get(&module).and_then(|names| names.get(next))
    {
        let mut through = target.clone();
        through.1.extend(path[len + 1..].iter().cloned());
        if let Some(found) = resolve(known, exports, through, hops + 1) {
            return Some(found);
        }
    }
    Some(module)
}

/// The graph with every module cut to its first `depth` segments; arrows between a
/// module and its own parent dropped (a folder's `mod.rs` and its children belong
/// together), and the crate roots (façades of re-exports) left out.
fn collapse(graph: &Graph, depth: usize) -> Graph {
    let cut = |m: &Module| (m.0, m.1[..m.1.len().min(depth)].to_vec());
    let mut out = Graph::new();
    for (from, arrows) in graph {
        for (to, place) in arrows {
            let (a, b) = (cut(from), cut(to));
            let related = a.0 == b.0 && (a.1.starts_with(&b.1) || b.1.starts_with(&a.1));
            if a.1.is_empty() || b.1.is_empty() || related {
                continue;
            }
            out.entry(a)
                .or_default()
                .entry(b)
                .or_insert_with(|| place.clone());
        }
    }
    out
}

/// Every circle of the graph: one per strongly connected part, as its shortest loop
/// through its first module, each arrow with the line that draws it.
fn circles(graph: &Graph) -> Vec<String> {
    let nodes: BTreeSet<&Module> = graph
        .iter()
        .flat_map(|(from, arrows)| std::iter::once(from).chain(arrows.keys()))
        .collect();
    let reaches = |start: &Module| -> BTreeSet<Module> {
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([start.clone()]);
        while let Some(node) = queue.pop_front() {
            for next in graph.get(&node).into_iter().flat_map(|a| a.keys()) {
                if seen.insert(next.clone()) {
                    queue.push_back(next.clone());
                }
            }
        }
        seen
    };
    let reach: BTreeMap<&Module, BTreeSet<Module>> =
        nodes.iter().map(|&n| (n, reaches(n))).collect();
    let mut done: BTreeSet<Module> = BTreeSet::new();
    let mut found = Vec::new();
    for &node in &nodes {
        if done.contains(node) || !reach[node].contains(node) {
            continue;
        }
        let part: BTreeSet<Module> = reach[node]
            .iter()
            .filter(|other| reach[*other].contains(node))
            .cloned()
            .collect();
        done.extend(part.iter().cloned());
        // Shortest loop from `node` back to itself, inside the part.
        let mut back: BTreeMap<Module, Module> = BTreeMap::new();
        let mut queue = VecDeque::from([node.clone()]);
        let mut last = None;
        'search: while let Some(at) = queue.pop_front() {
            for next in graph.get(&at).into_iter().flat_map(|a| a.keys()) {
                if next == node {
                    last = Some(at.clone());
                    break 'search;
                }
                if part.contains(next) && !back.contains_key(next) {
                    back.insert(next.clone(), at.clone());
                    queue.push_back(next.clone());
                }
            }
        }
        let mut between = Vec::new();
        let mut at = last.expect("a module in a circle reaches itself");
        while &at != node {
            between.push(at.clone());
            at = back[&at].clone();
        }
        between.reverse();
        let mut loop_nodes = vec![node.clone()];
        loop_nodes.extend(between);
        loop_nodes.push(node.clone());
        let arrows: Vec<String> = loop_nodes
            .windows(2)
            .map(|pair| {
                format!(
                    "  {} → {} ({})",
                    name(&pair[0]),
                    name(&pair[1]),
                    graph[&pair[0]][&pair[1]]
                )
            })
            .collect();
        let members: Vec<String> = part.iter().map(name).collect();
        let inside: Vec<String> =
            part.iter()
                .flat_map(|from| {
                    graph[from].iter().filter(|(to, _)| part.contains(*to)).map(
                        move |(to, place)| format!("  {} → {} ({place})", name(from), name(to)),
                    )
                })
                .collect();
        found.push(format!(
            "circle among {{{}}}, e.g.\n{}\nall arrows among them:\n{}",
            members.join(", "),
            arrows.join("\n"),
            inside.join("\n")
        ));
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn report(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} {what}:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_scan_reads_use_groups_paths_and_literals() {
    let paths: Vec<String> = expand_use("crate::{a, b::{c, d as e, self}, f::*}")
        .into_iter()
        .map(|(path, known)| format!("{}={known}", path.join("::")))
        .collect();
    assert_eq!(
        paths,
        [
            "crate::a=a",
            "crate::b::c=c",
            "crate::b::d=e",
            "crate::b=b",
            "crate::f=f"
        ]
    );
    let code = strip(
        "// crate::a\nlet s = \"crate::b\"; let r = r#\"crate::c\"#; let c = '\\''; /* crate::d */\nfn f<'a>() { crate::e::g(); }\n",
    );
    let found = code_paths(&code, &[], &["crate"]);
    assert_eq!(found.len(), 1, "only the path in code: {code}");
    assert_eq!(found[0].1, ["crate", "e", "g"]);
    assert_eq!(line_of(&code, found[0].0), 3, "lines are kept");

    // On the real code the scan finds arrows: the settings are read by many modules.
    let graph = collapse(&module_graph(&modules(&src())), 1);
    let config: Module = (Krate::Lib, vec!["config".to_string()]);
    let readers = graph.values().filter(|a| a.contains_key(&config)).count();
    assert!(readers >= 5, "only {readers} modules use config: {graph:?}");
}

/// No circle between top-level modules (`render`, `templates`, `check`, …).
#[test]
fn top_level_modules_have_no_circles() {
    let graph = collapse(&module_graph(&modules(&src())), 1);
    report("circles between top-level modules", &circles(&graph));
}

/// No circle between the modules inside folders (`check::stamp` and
/// `check::translations`, `render::body` and `templates`, …), a folder's `mod.rs` and
/// its own children excepted.
#[test]
fn modules_inside_folders_have_no_circles() {
    let graph = collapse(&module_graph(&modules(&src())), 2);
    report("circles between modules", &circles(&graph));
}

/// No source file over 700 lines.
#[test]
fn no_source_file_is_over_700_lines() {
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(src()).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|ext| ext == "rs") {
            let lines = std::fs::read_to_string(entry.path())
                .unwrap()
                .lines()
                .count();
            if lines > 700 {
                long.push(format!(
                    "{}: {lines} lines",
                    entry.path().strip_prefix(src()).unwrap().display()
                ));
            }
        }
    }
    report("source files over 700 lines", &long);
}

/// No `Mutex` or `RwLock` on the render path (`src/render/`, `src/templates*`):
/// template functions read an immutable library.
#[test]
fn no_locks_on_the_render_path() {
    let mut locks = Vec::new();
    for entry in walkdir::WalkDir::new(src()).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src()).unwrap().to_path_buf();
        let text = rel.to_string_lossy().replace('\\', "/");
        let on_path = text.starts_with("render/") || text.starts_with("templates");
        if !on_path || entry.path().extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let code = strip(&std::fs::read_to_string(entry.path()).unwrap());
        for lock in ["Mutex", "RwLock"] {
            for at in words(&code, lock) {
                locks.push(format!("src/{text}:{}: {lock}", line_of(&code, at)));
            }
        }
    }
    report("locks on the render path", &locks);
}

/// The pipeline's order, first to last: a module may use modules of its own step or an
/// earlier one, never a later one (an arrow "back up the pipeline"). Every top-level
/// module of the library must be in this list, so a new one is placed on purpose.
const PIPELINE: &[&[&str]] = &[
    // What every step uses.
    &["diagnostics", "text", "url", "yaml", "dates"],
    // Load: settings, theme, interface strings, the terms file, content (and the hash
    // translations keep of their source).
    &["config", "theme", "i18n", "terms", "content", "source_hash"],
    // The image pipeline: what a picture is, which variants it gets, where they are
    // published. The plan reserves that folder; bodies and templates plan variants.
    &["images"],
    // Resolve: the indexes.
    &["library"],
    // Plan: every page and its address.
    &["plan"],
    // What rendering bodies uses (mentions: how a body's text names official documents).
    &["markdown", "sanitize", "mentions"],
    // Render bodies, then pages.
    &["render"],
    // Write.
    &["output"],
    // The phases in order, for the commands.
    &["site"],
    // The commands, and the glossary `check` reads (it skips the source text that
    // `mekong new` puts in translations).
    &["check", "serve", "new", "glossary"],
];

/// Every import points down the pipeline (see [`PIPELINE`]).
#[test]
fn imports_point_down_the_pipeline() {
    let step = |module: &Module| -> Option<usize> {
        let first = module.1.first()?;
        PIPELINE
            .iter()
            .position(|names| names.contains(&first.as_str()))
    };
    let graph = collapse(&module_graph(&modules(&src())), 1);
    let mut problems = Vec::new();
    for (from, arrows) in &graph {
        if from.0 != Krate::Lib || from.1.is_empty() {
            continue;
        }
        let Some(from_step) = step(from) else {
            problems.push(format!("{} is in no step of PIPELINE", name(from)));
            continue;
        };
        for (to, place) in arrows {
            if to.0 != Krate::Lib || to.1.is_empty() {
                continue;
            }
            match step(to) {
                Some(to_step) if to_step > from_step => problems.push(format!(
                    "{} uses {}, a later step, at {place:?}",
                    name(from),
                    name(to)
                )),
                None => problems.push(format!("{} is in no step of PIPELINE", name(to))),
                _ => {}
            }
        }
    }
    problems.sort();
    problems.dedup();
    report("imports back up the pipeline", &problems);
}
