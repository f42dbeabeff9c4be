//! Where the build puts each published data file and where the app fetches
//! it: one place for both, relative to the document's base URL.
//!
//! Slugs are checked with [`is_slug`] before they become part of a path, so
//! a hostile URL can never name another file.

use crate::model::TaxonomyKind;

/// Menus, taxonomies and site metadata: every page needs it.
pub const SITE_FILE: &str = "data/site.json";

pub use crate::shared::{FILES_LIST, OFFLINE_CONTENTS};

/// The web app manifest (name, icons, colours), under `data/` with the rest
/// of what comes from the content.
pub const WEB_MANIFEST: &str = "manifest.webmanifest";

/// A news list the build pages in advance. Ordered as the build writes
/// them: the full list, then per kind, then per term.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    /// Every article.
    All,
    /// Articles filed under any term of a kind (only the first page is
    /// written: index pages show the latest few).
    Kind(TaxonomyKind),
    /// Articles filed under one term.
    Term(TaxonomyKind, String),
}

/// One page (1-based) of a list: a [`ListPage`](super::ListPage).
pub fn list_file(list: &List, page: usize) -> String {
    match list {
        List::All => format!("data/news/page-{page}.json"),
        List::Kind(kind) => format!("data/news/{}/page-{page}.json", kind.key()),
        List::Term(kind, slug) => format!("data/news/{}/{slug}/page-{page}.json", kind.key()),
    }
}

const ARTICLES: &str = "data/articles/";

/// One article, body included.
pub fn article_file(slug: &str) -> String {
    format!("{ARTICLES}{slug}.json")
}

/// The slug of an article file's path; `None` for any other path.
pub fn article_slug(path: &str) -> Option<&str> {
    path.strip_prefix(ARTICLES)?
        .strip_suffix(".json")
        .filter(|slug| is_slug(slug))
}

/// Positions in the list of every article ([`List::All`]) of the articles
/// filed under a term, as gaps: `[3, 1, 7]` means 3, 4 and 11. Lets the
/// news list combine filters without a file per combination.
pub fn positions_file(kind: TaxonomyKind, slug: &str) -> String {
    format!("data/filters/{}/{slug}.json", kind.key())
}

/// Whether `s` can be a slug: lowercase ASCII letters, digits and single
/// hyphens inside, the shape [`slugify`](crate::text::slugify) produces.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
