//! The repository's own content and fixtures, for tests and benchmarks of
//! every crate. A file that is missing or does not parse stops the test
//! that asked for it, naming the file.

// Only tests call these, and a test should stop at once on broken fixtures.
#![allow(clippy::panic, clippy::expect_used)]

use newsroom_content::parse::{SITE_SOURCE, parse_news, parse_site};
use newsroom_content::{Content, MenuNode, NewsData, SiteData};

/// The repository's root, whichever crate's tests run.
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// A file of the repository, by its path from the root.
pub fn read(path: &str) -> String {
    let full = format!("{ROOT}/{path}");
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("reading {full}: {e}"))
}

/// The bundled content: `content/site.json` and `content/news.json`.
pub fn bundled() -> (SiteData, NewsData) {
    let site = parse_site(SITE_SOURCE, &read("content/site.json")).expect("site.json parses");
    let news = parse_news(&read("content/news.json")).expect("news.json parses");
    (site, news)
}

/// The bundled site, as the app holds it.
pub fn bundled_content() -> Content {
    Content::new(bundled().0)
}

/// A fixture's site and news, from `tests/fixtures/<name>/`.
pub fn fixture(name: &str) -> (SiteData, NewsData) {
    let site = parse_site(
        SITE_SOURCE,
        &read(&format!("tests/fixtures/{name}/site.json")),
    )
    .expect("site.json parses");
    let news =
        parse_news(&read(&format!("tests/fixtures/{name}/news.json"))).expect("news.json parses");
    (site, news)
}

/// Menu labels in document order (depth first, pre-order).
pub fn flat_labels(nodes: &[MenuNode], out: &mut Vec<String>) {
    for node in nodes {
        out.push(node.label.clone());
        flat_labels(&node.children, out);
    }
}

/// The menu entries of the seed capture, in order: every line before the
/// news item, a bare `-` (a list item holding a heading) excepted.
pub fn seed_menu_labels() -> Vec<String> {
    read("tests/fixtures/seed-osce-news-page.txt")
        .lines()
        .take_while(|l| *l != "News Item")
        .filter(|l| *l != "-")
        .map(|l| l.strip_prefix("- ").unwrap_or(l).to_owned())
        .collect()
}
