//! What the build publishes from the content sources: the site file, one
//! file per article, every news list pre-paged, and per-term positions for
//! combining filters. A page then fetches only what it shows.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::files::{List, SITE_FILE, article_file, list_file, positions_file};
use crate::model::{Article, ListPage, NewsData, SiteData, Summary, TaxonomyKind};

/// Articles in list order: newest first, undated ones last in source order.
pub fn list_order(news: &NewsData) -> Vec<&Article> {
    let mut articles: Vec<&Article> = news.articles.iter().collect();
    // Stable sort: undated (None) sorts last under Reverse.
    articles.sort_by_key(|a| std::cmp::Reverse(a.issued_on));
    articles
}

/// Which positions of the full list each list holds.
pub fn lists(site: &SiteData, ordered: &[&Article]) -> BTreeMap<List, Vec<u32>> {
    let mut lists: BTreeMap<List, Vec<u32>> = BTreeMap::new();
    lists.insert(List::All, (0..ordered.len() as u32).collect());
    for kind in TaxonomyKind::ALL {
        lists.entry(List::Kind(kind)).or_default();
        for term in &site.taxonomies.get(kind).terms {
            lists
                .entry(List::Term(kind, term.slug.clone()))
                .or_default();
        }
    }
    for (i, article) in ordered.iter().enumerate() {
        for kind in TaxonomyKind::ALL {
            let mut any = false;
            for slug in article.refs(kind) {
                any = true;
                if let Some(list) = lists.get_mut(&List::Term(kind, slug.to_owned())) {
                    list.push(i as u32);
                }
            }
            if any && let Some(list) = lists.get_mut(&List::Kind(kind)) {
                list.push(i as u32);
            }
        }
    }
    lists
}

/// Gaps between ascending positions, the form of a positions file.
pub fn gaps(positions: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    positions
        .iter()
        .map(|&p| {
            let gap = p - prev;
            prev = p;
            gap
        })
        .collect()
}

/// Positions back from their gaps; `None` when they overflow.
pub fn ungap(gaps: &[u32]) -> Option<Vec<u32>> {
    let mut at: u32 = 0;
    gaps.iter()
        .map(|&g| {
            at = at.checked_add(g)?;
            Some(at)
        })
        .collect()
}

/// The positions in every one of the sets (each ascending), ascending.
pub fn intersect(mut sets: Vec<Vec<u32>>) -> Vec<u32> {
    sets.sort_by_key(Vec::len);
    let mut sets = sets.into_iter();
    let mut matching = sets.next().unwrap_or_default();
    for set in sets {
        matching.retain(|p| set.binary_search(p).is_ok());
    }
    matching
}

// Run by the build tool only: a failure here is a bug in the model, and
// stopping the build beats publishing an empty file.
#[allow(clippy::expect_used)]
fn json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("the model holds only strings, numbers and lists")
}

/// Publishes validated content, handing each file (path relative to the
/// site root, contents) to `write` in the order a reader is most likely to
/// need them, which is the order offline copies are saved in: the site file;
/// the first page of every list and the filter positions (so every list
/// page opens); then the articles, newest first, each page of the full list
/// just before the first article it shows; last, the later pages of term lists.
/// Returns how many files were written.
pub fn publish<E>(
    site: &SiteData,
    news: &NewsData,
    mut write: impl FnMut(&str, &[u8]) -> Result<(), E>,
) -> Result<usize, E> {
    let size = site.site.news_page_size.max(1);
    let ordered = list_order(news);
    let lists = lists(site, &ordered);
    let mut count = 0;
    let mut put = |path: &str, bytes: Vec<u8>| {
        count += 1;
        write(path, &bytes)
    };
    let page_file = |list: &List, positions: &[u32], page: usize| {
        let items = positions
            .iter()
            .skip((page - 1) * size)
            .take(size)
            .filter_map(|&i| ordered.get(i as usize).map(|a| Summary::from(*a)))
            .collect();
        let total = positions.len();
        (list_file(list, page), json(&ListPage { total, items }))
    };
    // Index pages show only the latest few of a kind: one page per kind.
    let pages = |list: &List, positions: &[u32]| match list {
        List::Kind(_) => 1,
        _ => positions.len().div_ceil(size).max(1),
    };

    put(SITE_FILE, json(site))?;
    for (list, positions) in &lists {
        let (path, bytes) = page_file(list, positions, 1);
        put(&path, bytes)?;
        if let List::Term(kind, slug) = list {
            put(&positions_file(*kind, slug), json(&gaps(positions)))?;
        }
    }
    let all: Vec<u32> = (0..ordered.len() as u32).collect();
    for (i, article) in ordered.iter().enumerate() {
        put(&article_file(&article.slug), json(article))?;
        let next_page = (i + 1) / size + 1;
        if (i + 1) % size == 0 && next_page <= pages(&List::All, &all) {
            let (path, bytes) = page_file(&List::All, &all, next_page);
            put(&path, bytes)?;
        }
    }
    for (list, positions) in &lists {
        if matches!(list, List::Term(..)) {
            for page in 2..=pages(list, positions) {
                let (path, bytes) = page_file(list, positions, page);
                put(&path, bytes)?;
            }
        }
    }
    Ok(count)
}
