//! Properties of the engine over a generated archive: every document is
//! found by its own title, and no query, however odd, panics or returns
//! more than asked.

// A test stops at its first failure: unwrap, panics and indexing are how
// it says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use newsroom_corpus::{Rng, bundled, generate};
use newsroom_search::{Filter, Index, documents};

fn archive() -> Index {
    let (site, mut news) = bundled();
    news.articles.extend(generate(&site, 150, 7).articles);
    Index::build(documents(&site, &news)).expect("indexes")
}

#[test]
fn every_document_is_found_by_its_own_title() {
    let index = archive();
    for d in 0..index.doc_count() as u32 {
        let doc = index.doc(d).unwrap();
        let r = index.search(&doc.title, &[], 0, 10);
        assert!(
            r.hits.iter().any(|h| h.doc == d),
            "{:?} is not in the first ten results for its own title",
            doc.title
        );
    }
}

#[test]
fn random_queries_never_panic() {
    let index = archive();
    const PIECES: &[&str] = &[
        "a",
        "é",
        "Č",
        "ß",
        "İ",
        "\"",
        "“",
        "”",
        " ",
        "  ",
        "-",
        "'",
        "’",
        "/",
        "<",
        ">",
        "&",
        "%",
        "\u{0}",
        "\u{202e}",
        "🦀",
        "漢",
        "ж",
        "0",
        "9",
        "sarajevo",
        "terorism",
        "radicaliz",
        "\"soft targets",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ];
    let mut rng = Rng::new(42);
    for _ in 0..3_000 {
        let n = rng.between(0, 12);
        let q: String = (0..n).map(|_| *rng.pick(PIECES)).collect();
        let limit = rng.below(15);
        let filters = match rng.below(3) {
            0 => vec![],
            1 => vec![Filter::Year(rng.between(1990, 2030) as u16)],
            _ => vec![Filter::Term(
                newsroom_content::TaxonomyKind::Countries,
                "serbia".into(),
            )],
        };
        let r = index.search(&q, &filters, rng.below(30), limit);
        assert!(r.hits.len() <= limit, "{q:?}");
        assert!(r.total >= r.hits.len());
    }
}
