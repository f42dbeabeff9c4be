//! What the build publishes: every file a page fetches, and lists that
//! agree with the content.

// A test stops at its first failure: unwrap, panics and indexing are how
// it says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use std::collections::BTreeMap;

use newsroom_content::files::{List, SITE_FILE, article_file, is_slug, list_file, positions_file};
use newsroom_content::parse::parse_site;
use newsroom_content::publish::{gaps, intersect, list_order, publish, ungap};
use newsroom_content::{Article, ListPage, NewsData, SiteData, TaxonomyKind};
use newsroom_corpus::{bundled, fixture};

/// Everything `publish` writes, by path.
fn published(site: &SiteData, news: &NewsData) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let count = publish(site, news, |path, bytes| {
        assert!(
            files.insert(path.to_owned(), bytes.to_vec()).is_none(),
            "{path} written twice"
        );
        Ok::<_, ()>(())
    })
    .expect("publishes");
    assert_eq!(count, files.len());
    files
}

fn list(files: &BTreeMap<String, Vec<u8>>, list: &List, page: usize) -> ListPage {
    let path = list_file(list, page);
    let bytes = files
        .get(&path)
        .unwrap_or_else(|| panic!("{path} is published"));
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn positions(files: &BTreeMap<String, Vec<u8>>, kind: TaxonomyKind, slug: &str) -> Vec<u32> {
    let path = positions_file(kind, slug);
    let gaps: Vec<u32> = serde_json::from_slice(&files[&path]).expect("positions parse");
    ungap(&gaps).expect("no overflow")
}

fn slugs(page: &ListPage) -> Vec<&str> {
    page.items.iter().map(|s| s.slug.as_str()).collect()
}

#[test]
fn every_article_is_published_whole_and_the_site_file_round_trips() {
    let (site, news) = bundled();
    let files = published(&site, &news);
    for article in &news.articles {
        let path = article_file(&article.slug);
        let back: Article = serde_json::from_slice(&files[&path]).expect("article parses");
        assert_eq!(&back, article);
    }
    let text = String::from_utf8(files[SITE_FILE].clone()).expect("utf-8");
    assert_eq!(parse_site(SITE_FILE, &text).expect("site parses"), site);
    assert!(
        files.keys().all(|p| p.starts_with("data/")
            && p.split('/')
                .all(|part| !part.is_empty() && part != ".." && part != ".")),
        "every path stays under data/"
    );
}

#[test]
fn the_full_list_pages_through_every_article_newest_first() {
    let (site, news) = fixture("other-org");
    let files = published(&site, &news);
    let first = list(&files, &List::All, 1);
    assert_eq!(first.total, 3);
    assert_eq!(
        slugs(&first),
        ["tide-gauges-installed-in-vestfjord", "river-survey-begins"]
    );
    assert_eq!(slugs(&list(&files, &List::All, 2)), ["undated-notice"]);
    assert!(!files.contains_key(&list_file(&List::All, 3)));
}

#[test]
fn lists_at_scale_hold_each_article_once_in_order_within_the_page_size() {
    let (mut site, _) = bundled();
    site.site.news_page_size = 4;
    let news = newsroom_corpus::generate(&site, 97, 7);
    let files = published(&site, &news);
    let order: Vec<&str> = list_order(&news).iter().map(|a| a.slug.as_str()).collect();
    let mut seen = Vec::new();
    for page in 1..=order.len().div_ceil(4) {
        let p = list(&files, &List::All, page);
        assert_eq!(p.total, order.len());
        assert!(p.items.len() <= 4);
        seen.extend(p.items.iter().map(|s| s.slug.clone()));
    }
    assert_eq!(seen, order);
    for kind in TaxonomyKind::ALL {
        for term in &site.taxonomies.get(kind).terms {
            let expected: Vec<u32> = list_order(&news)
                .iter()
                .enumerate()
                .filter(|(_, a)| a.is_tagged(kind, &term.slug))
                .map(|(i, _)| i as u32)
                .collect();
            assert_eq!(
                positions(&files, kind, &term.slug),
                expected,
                "{kind:?} {}",
                term.slug
            );
            let target = List::Term(kind, term.slug.clone());
            let first = list(&files, &target, 1);
            assert_eq!(first.total, expected.len());
            let shown: Vec<&str> = expected
                .iter()
                .take(4)
                .map(|&i| order[i as usize])
                .collect();
            assert_eq!(slugs(&first), shown);
        }
        let any = list(&files, &List::Kind(kind), 1);
        let expected = list_order(&news)
            .iter()
            .filter(|a| a.refs(kind).next().is_some())
            .count();
        assert_eq!(any.total, expected);
    }
}

#[test]
fn combined_filters_intersect_positions_and_issuers_count_as_structures() {
    let (site, news) = fixture("other-org");
    let files = published(&site, &news);
    let both = intersect(vec![
        positions(&files, TaxonomyKind::Countries, "norway"),
        positions(&files, TaxonomyKind::Fields, "fisheries"),
    ]);
    let first = list(&files, &List::All, 1);
    let found: Vec<&str> = both
        .iter()
        .map(|&p| first.items[p as usize].slug.as_str())
        .collect();
    assert_eq!(found, ["river-survey-begins"]);
    let station = List::Term(TaxonomyKind::Structures, "tromso-station".into());
    assert_eq!(list(&files, &station, 1).total, 1);
}

#[test]
fn gaps_round_trip_and_overflow_is_refused() {
    let positions = vec![0, 3, 4, 11, 4_000_000_000];
    assert_eq!(ungap(&gaps(&positions)), Some(positions));
    assert_eq!(ungap(&[4_000_000_000, 4_000_000_000]), None);
    assert_eq!(
        intersect(vec![vec![1, 2, 5], vec![2, 5, 9], vec![2, 5, 7]]),
        vec![2, 5]
    );
    assert!(intersect(Vec::new()).is_empty());
}

#[test]
fn slugs_that_could_name_another_file_are_refused() {
    for good in ["a", "osce-secretariat", "2024-report"] {
        assert!(is_slug(good), "{good}");
    }
    for bad in [
        "", "..", "../site", "a/b", "A", "a--b", "-a", "a-", "a.json", "a%2F", "é",
    ] {
        assert!(!is_slug(bad), "{bad}");
    }
}

#[test]
fn files_come_in_the_order_a_reader_needs_them() {
    let (mut site, _) = bundled();
    site.site.news_page_size = 4;
    let news = newsroom_corpus::generate(&site, 23, 3);
    let mut order = Vec::new();
    publish(&site, &news, |path, _| {
        order.push(path.to_owned());
        Ok::<_, ()>(())
    })
    .expect("publishes");
    let at = |path: &str| {
        order
            .iter()
            .position(|p| p == path)
            .unwrap_or_else(|| panic!("{path} is published"))
    };
    assert_eq!(order[0], SITE_FILE);
    let articles: Vec<usize> = list_order(&news)
        .iter()
        .map(|a| at(&article_file(&a.slug)))
        .collect();
    assert!(articles.windows(2).all(|w| w[0] < w[1]), "newest first");
    let first_article = articles[0];
    for kind in TaxonomyKind::ALL {
        assert!(at(&list_file(&List::Kind(kind), 1)) < first_article);
        for term in &site.taxonomies.get(kind).terms {
            let list = List::Term(kind, term.slug.clone());
            assert!(at(&list_file(&list, 1)) < first_article);
            assert!(at(&positions_file(kind, &term.slug)) < first_article);
            if let Some(page2) = order.iter().position(|p| *p == list_file(&list, 2)) {
                assert!(
                    page2 > *articles.last().expect("articles"),
                    "later term pages last"
                );
            }
        }
    }
    // Each page of the full list comes just before the first article it shows.
    for page in 2..=news.articles.len().div_ceil(4) {
        assert_eq!(
            at(&list_file(&List::All, page)) + 1,
            articles[(page - 1) * 4],
            "page {page}"
        );
    }
}
