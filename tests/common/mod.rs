//! Loading the bundled content for native tests.
#![allow(dead_code)]

use newsroom::data::load::{SITE_SOURCE, parse_news, parse_site};
use newsroom::data::{Content, MenuNode, NewsData, SiteData};

pub fn read(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("reading {full}: {e}"))
}

pub fn bundled() -> (SiteData, NewsData) {
    let site = parse_site(SITE_SOURCE, &read("content/site.json")).expect("site.json parses");
    let news = parse_news(&read("content/news.json")).expect("news.json parses");
    (site, news)
}

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
