//! The search engine against the bundled content: every matching rule,
//! ranking, facets, snippets, the index file, and hostile queries.

// A test stops at its first failure: unwrap, panics and indexing are how
// it says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use std::collections::HashSet;

use newsroom_content::TaxonomyKind;
use newsroom_corpus::bundled;
use newsroom_search::{DocKind, DocType, Filter, Index, Results, documents, highlight, snippet};

fn index() -> Index {
    let (site, news) = bundled();
    Index::build(documents(&site, &news))
}

fn titles(index: &Index, results: &Results) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|h| index.docs[h.doc as usize].title.clone())
        .collect()
}

fn finds(index: &Index, query: &str, title_part: &str) -> bool {
    let results = index.search(query, &[], 0, 50);
    titles(index, &results)
        .iter()
        .any(|t| t.contains(title_part))
}

const ARTICLE: &str = "OSCE builds online and offline resilience";

#[test]
fn folds_case_and_diacritics_both_ways() {
    let index = index();
    for q in ["copelj", "Copelj", "ČOPELJ", "čopelj", "Zekovic", "zeković"] {
        assert!(finds(&index, q, ARTICLE), "{q}");
    }
    for q in ["turkiye", "Türkiye", "TURKIYE"] {
        let r = index.search(q, &[], 0, 5);
        assert_eq!(
            titles(&index, &r).first().map(String::as_str),
            Some("Türkiye"),
            "{q}"
        );
    }
}

#[test]
fn finds_pages_by_name() {
    let index = index();
    let r = index.search("Mission to Serbia", &[], 0, 5);
    let first = &index.docs[r.hits[0].doc as usize];
    assert_eq!(
        (first.kind, first.slug.as_str()),
        (DocKind::Term(TaxonomyKind::Structures), "mission-to-serbia")
    );
    let r = index.search("countering terrorism", &[], 0, 5);
    let first = &index.docs[r.hits[0].doc as usize];
    assert_eq!(
        first.kind,
        DocKind::Term(TaxonomyKind::Fields),
        "the page named so comes before articles about it"
    );
    let r = index.search("chairpersonship 2025", &[], 0, 5);
    assert_eq!(index.docs[r.hits[0].doc as usize].slug, "finland");
}

#[test]
fn completes_the_word_being_typed() {
    let index = index();
    assert!(finds(&index, "radicaliz", ARTICLE));
    assert!(finds(&index, "resil", ARTICLE));
    // A finished word (followed by a space) is not a prefix.
    assert!(!finds(&index, "resil ", ARTICLE));
    // Each keystroke of a word finds its document.
    for end in 1..="sarajevo".len() {
        assert!(
            finds(&index, &"sarajevo"[..end], ARTICLE),
            "{}",
            &"sarajevo"[..end]
        );
    }
}

#[test]
fn tolerates_typos_by_word_length() {
    let index = index();
    for q in [
        "terorism",
        "Sarajvo",
        "radicalisation",
        "resilence",
        "workshp",
    ] {
        assert!(finds(&index, &format!("{q} "), ARTICLE), "{q}");
    }
    // Four letters: no typo allowed ("tntx" is not "tntd").
    assert!(!finds(&index, "tntx ", ARTICLE));
    // Two edits only from nine letters.
    assert!(
        !finds(&index, "sarjvo ", ARTICLE),
        "two edits in an 8-letter word"
    );
    assert!(
        finds(&index, "radikalisation ", ARTICLE),
        "two edits in a 14-letter word"
    );
}

#[test]
fn stems_and_acronyms() {
    let index = index();
    assert!(finds(&index, "workshops ", ARTICLE));
    assert!(finds(&index, "strategy ", ARTICLE), "strategies");
    assert!(finds(&index, "VERLT", ARTICLE));
    assert!(finds(&index, "tntd", ARTICLE));
}

#[test]
fn phrases_need_their_words_in_a_row() {
    let index = index();
    assert!(finds(&index, "\"soft targets\"", ARTICLE));
    assert!(!finds(&index, "\"targets soft\"", ARTICLE));
    assert!(finds(&index, "“Strong Cities Network”", ARTICLE));
    assert!(!finds(&index, "\"soft cities\"", ARTICLE));
}

#[test]
fn every_word_is_required() {
    let index = index();
    assert!(finds(&index, "sarajevo workshop", ARTICLE));
    assert!(!finds(&index, "sarajevo penguin ", ARTICLE));
}

#[test]
fn exact_ranks_above_prefix_and_typo() {
    let docs = |titles: &[&str]| -> Index {
        let (site, _) = bundled();
        let mut all = documents(&site, &newsroom_content::NewsData { articles: vec![] });
        all.retain(|_| false);
        for t in titles {
            all.push(newsroom_search::Document {
                kind: DocKind::Article,
                slug: newsroom_content::text::slugify(t),
                title: (*t).to_owned(),
                lead: String::new(),
                meta: String::new(),
                body: String::new(),
                date: 0,
                facets: vec![],
            });
        }
        Index::build(&all)
    };
    let index = docs(&[
        "Election observers",
        "Elections in spring",
        "Electoral reform",
        "Electoral elections",
    ]);
    let r = index.search("election ", &[], 0, 10);
    let t = titles(&index, &r);
    assert_eq!(t[0], "Election observers", "exact first: {t:?}");
    assert_eq!(t.len(), 3, "then other forms of the stem: {t:?}");
    // A word being typed ranks the exact word above its completions...
    let r = index.search("electoral", &[], 0, 10);
    assert_eq!(titles(&index, &r)[0], "Electoral reform");
    // ...and a word with a typo still finds it.
    let r = index.search("electoin ", &[], 0, 10);
    assert_eq!(titles(&index, &r), ["Election observers"]);

    // Title outweighs body.
    let (site, _) = bundled();
    let mut all = documents(&site, &newsroom_content::NewsData { articles: vec![] });
    all.clear();
    for (title, body) in [
        ("Other news", "A border crossing opened."),
        ("Border crossing", "It opened."),
    ] {
        all.push(newsroom_search::Document {
            kind: DocKind::Article,
            slug: newsroom_content::text::slugify(title),
            title: title.into(),
            lead: String::new(),
            meta: String::new(),
            body: body.into(),
            date: 0,
            facets: vec![],
        });
    }
    let index = Index::build(&all);
    let r = index.search("border", &[], 0, 10);
    assert_eq!(titles(&index, &r), ["Border crossing", "Other news"]);
}

#[test]
fn facets_count_and_filter() {
    let index = index();
    let r = index.search("bosnia", &[], 0, 50);
    assert!(r.facets.types.contains(&(DocType::News, 1)));
    let countries = &r.facets.terms[&TaxonomyKind::Countries];
    assert!(countries.contains(&("bosnia-and-herzegovina".to_owned(), 1)));
    let only_news = index.search("bosnia", &[Filter::Type(DocType::News)], 0, 50);
    assert_eq!(only_news.total, 1);
    let by_field = index.search(
        "bosnia",
        &[Filter::Term(
            TaxonomyKind::Fields,
            "countering-terrorism".into(),
        )],
        0,
        50,
    );
    assert_eq!(titles(&index, &by_field).len(), 1);
    let other_field = index.search(
        "bosnia",
        &[Filter::Term(TaxonomyKind::Fields, "elections".into())],
        0,
        50,
    );
    assert_eq!(other_field.total, 0);
    let pages = index.search(
        "bosnia",
        &[Filter::Type(DocType::Page(TaxonomyKind::Structures))],
        0,
        50,
    );
    assert_eq!(
        titles(&index, &pages),
        ["Mission to Bosnia and Herzegovina"]
    );
}

#[test]
fn suggestions_are_the_same_hits_without_facet_counts() {
    let index = index();
    for q in [
        "bosnia",
        "secur",
        "terorism",
        "osce mission",
        "\"soft targets\"",
    ] {
        let full = index.search(q, &[], 0, 6);
        let top = index.top(q, &[], 6);
        assert_eq!(top.hits, full.hits, "{q}");
        assert_eq!(top.total, full.total, "{q}");
        assert_eq!(top.facets, Default::default(), "{q}");
    }
    let news = [Filter::Type(DocType::News)];
    assert_eq!(
        index.top("bosnia", &news, 6).hits,
        index.search("bosnia", &news, 0, 6).hits
    );
}

#[test]
fn snippets_mark_folded_and_fuzzy_matches() {
    let index = index();
    let r = index.search("copelj sarajvo ", &[], 0, 5);
    assert!(
        r.matched.contains("copelj") && r.matched.contains("sarajevo"),
        "{:?}",
        r.matched
    );
    let text = "Lejla Čopelj, Head of the Ministry, spoke in Sarajevo.";
    let marked: Vec<String> = highlight(text, &r.matched)
        .into_iter()
        .filter(|s| s.marked)
        .map(|s| s.text)
        .collect();
    assert_eq!(marked, ["Čopelj", "Sarajevo"]);
    let long = format!(
        "{} the end of Sarajevo {}",
        "word ".repeat(50),
        "more ".repeat(50)
    );
    let snip = snippet(&long, &r.matched, 20).expect("a match");
    assert_eq!(snip.first().map(|s| s.text.as_str()), Some("…"));
    assert_eq!(snip.last().map(|s| s.text.as_str()), Some("…"));
    assert!(snip.iter().any(|s| s.marked && s.text == "Sarajevo"));
    let empty: HashSet<String> = HashSet::new();
    assert_eq!(snippet("no match here", &r.matched, 20), None);
    let start = snippet(&long, &empty, 5).expect("the start of the text");
    assert_eq!(
        start.iter().map(|s| s.text.as_str()).collect::<String>(),
        "word word word word word…"
    );
}

#[test]
fn suggests_a_correction_when_nothing_matches() {
    let index = index();
    let r = index.search("sorojevo ", &[], 0, 5);
    assert_eq!(r.total, 0);
    assert_eq!(r.suggestion.as_deref(), Some("sarajevo"));
    let r = index.search("sorojevo workshap ", &[], 0, 5);
    assert_eq!(r.suggestion.as_deref(), Some("sarajevo workshop"));
    // No suggestion that would find nothing either.
    assert_eq!(
        index.search("sorojevo penguin ", &[], 0, 5).suggestion,
        None
    );
    assert!(index.search("sarajevo", &[], 0, 5).suggestion.is_none());
}

#[test]
fn hostile_queries_give_sensible_answers() {
    let index = index();
    let long = "a".repeat(10_000);
    let mixed = "terrorism ".repeat(2_000);
    for q in [
        "",
        "   ",
        "!!!???",
        "🦀🦀",
        "<script>alert(1)</script>",
        "\"",
        "\"\"\"",
        long.as_str(),
        mixed.as_str(),
        "\u{0}\u{202e}",
        "%00%20",
    ] {
        let r = index.search(q, &[], 0, 10);
        assert!(r.hits.len() <= 10, "{q:.20}");
    }
    assert_eq!(index.search("<script>", &[], 0, 10).total, 0);
}

#[test]
fn the_index_file_round_trips_and_rejects_damage() {
    let index = index();
    let bytes = index.to_bytes();
    let mut back = Index::from_bytes(&bytes).expect("decodes");
    assert!(!back.has_positions());
    // Without positions a phrase is searched as words, and says so.
    let r = back.search("\"targets soft\"", &[], 0, 5);
    assert!(r.phrases_unchecked && r.total == 1);
    back.load_positions(&index.positions_to_bytes())
        .expect("positions decode");
    assert_eq!(back, index);
    let r = back.search("\"targets soft\"", &[], 0, 5);
    assert!(!r.phrases_unchecked && r.total == 0);
    let positions = index.positions_to_bytes();
    assert!(
        back.load_positions(&positions[..positions.len() - 1])
            .is_err()
    );
    assert!(
        back.load_positions(&bytes).is_err(),
        "the index is not a positions file"
    );
    assert!(Index::from_bytes(b"").is_err());
    assert!(Index::from_bytes(b"<!DOCTYPE html>").is_err());
    for cut in [5, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
        assert!(Index::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut decoded = 0;
    for i in (5..bytes.len()).step_by(13) {
        let mut flipped = bytes.clone();
        flipped[i] ^= 0x5a;
        // Damage may or may not be detected, but must never panic, nor
        // may searching what decoded (doc and term ids out of range).
        if let Ok(damaged) = Index::from_bytes(&flipped) {
            decoded += 1;
            for query in ["osce", "secur", "mision", "\"soft targets\"", ""] {
                let r = damaged.search(query, &[], 0, 10);
                assert!(r.hits.len() <= 10);
                let news = [Filter::Type(DocType::News)];
                assert!(damaged.top(query, &news, 5).hits.len() <= 5);
            }
        }
    }
    assert!(decoded > 0, "some single-byte damage goes undetected");
}
