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

use std::collections::{HashMap, HashSet};

use newsroom_content::TaxonomyKind;
use newsroom_corpus::bundled;
use newsroom_search::{
    Built, DocKind, DocType, Filter, Index, Part, Results, documents, highlight, snippet,
};

fn index() -> Index {
    let (site, news) = bundled();
    Index::build(documents(&site, &news)).expect("indexes")
}

fn titles(index: &Index, results: &Results) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|h| index.doc(h.doc).unwrap().title.clone())
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
    let first = &index.doc(r.hits[0].doc).unwrap();
    assert_eq!(
        (first.kind, first.slug.as_str()),
        (DocKind::Term(TaxonomyKind::Structures), "mission-to-serbia")
    );
    let r = index.search("countering terrorism", &[], 0, 5);
    let first = &index.doc(r.hits[0].doc).unwrap();
    assert_eq!(
        first.kind,
        DocKind::Term(TaxonomyKind::Fields),
        "the page named so comes before articles about it"
    );
    let r = index.search("chairpersonship 2025", &[], 0, 5);
    assert_eq!(index.doc(r.hits[0].doc).unwrap().slug, "finland");
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
        Index::build(&all).expect("indexes")
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
    let index = Index::build(&all).expect("indexes");
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

/// The bundled site with `n` generated articles, built.
fn generated_index(n: usize, seed: u64) -> (Built, HashMap<Part, Vec<u8>>) {
    let (site, mut news) = bundled();
    news.articles
        .extend(newsroom_corpus::generate(&site, n, seed).articles);
    let built = newsroom_search::build(documents(&site, &news));
    let files = built.files.iter().cloned().collect();
    (built, files)
}

/// Answers a query the way the worker does, loading the parts it needs;
/// returns the results and the parts loaded.
fn on_demand(
    index: &mut Index,
    files: &HashMap<Part, Vec<u8>>,
    query: &str,
    filters: &[Filter],
) -> (Results, Vec<Part>) {
    let mut loaded = Vec::new();
    let (r, _) = index
        .search_loading(query, filters, (0, 10), |part| {
            let bytes = files.get(&part)?;
            loaded.push(part);
            Some(bytes.as_slice())
        })
        .expect("loads");
    assert_eq!(
        index.take_missing(),
        [],
        "{query:?} still misses parts after the rounds allowed"
    );
    (r, loaded)
}

#[test]
fn queries_load_only_the_parts_they_need_and_answer_as_the_whole_index() {
    let (built, files) = generated_index(600, 3);
    let whole = Index::from_files(&built.files).unwrap();
    let mut index = Index::from_root(&files[&Part::Root]).unwrap();
    let all = files.len();
    let queries: &[(&str, Vec<Filter>)] = &[
        ("osce", vec![]),
        ("sarajevo workshop", vec![]),
        ("secur", vec![]),
        ("terorism ", vec![]),
        ("sorojevo ", vec![]),
        ("\"soft targets\"", vec![]),
        ("\"human rights\" mission", vec![]),
        ("election", vec![Filter::Year(2024)]),
        ("election", vec![Filter::Type(DocType::News)]),
        (
            "mission",
            vec![Filter::Term(TaxonomyKind::Countries, "serbia".into())],
        ),
    ];
    for (query, filters) in queries {
        let (r, loaded) = on_demand(&mut index, &files, query, filters);
        assert_eq!(r, whole.search(query, filters, 0, 10), "{query:?}");
        assert!(
            loaded.len() * 4 < all,
            "{query:?} loaded {} of {all} parts",
            loaded.len()
        );
        for h in &r.hits {
            assert_eq!(index.doc(h.doc), whole.doc(h.doc));
        }
    }
    // Evicted parts are loaded again when needed.
    index.evict_to(0);
    assert_eq!(index.loaded_bytes(), 0);
    let (r, loaded) = on_demand(&mut index, &files, "osce", &[]);
    assert!(!loaded.is_empty());
    assert_eq!(r, whole.search("osce", &[], 0, 10));
}

#[test]
fn a_phrase_without_its_positions_is_searched_as_words_and_says_so() {
    let (site, news) = bundled();
    let built = newsroom_search::build(documents(&site, &news));
    let mut index = Index::from_root(&built.files[0].1).unwrap();
    for (part, bytes) in &built.files[1..] {
        if !part.is_positions() {
            index.insert(*part, bytes).unwrap();
        }
    }
    let r = index.search("\"targets soft\"", &[], 0, 5);
    assert!(r.phrases_unchecked && r.total == 1);
    assert!(index.take_missing().iter().all(|p| p.is_positions()));
    let r = index_whole().search("\"targets soft\"", &[], 0, 5);
    assert!(!r.phrases_unchecked && r.total == 0);
}

fn index_whole() -> Index {
    index()
}

#[test]
fn the_index_files_reject_damage_and_other_builds() {
    let (site, news) = bundled();
    let built = newsroom_search::build(documents(&site, &news));
    let (_, root) = &built.files[0];
    assert!(Index::from_root(b"").is_err());
    assert!(Index::from_root(b"<!DOCTYPE html>").is_err());
    for cut in [5, root.len() / 3, root.len() / 2, root.len() - 1] {
        assert!(Index::from_root(&root[..cut]).is_err(), "cut at {cut}");
    }
    // A chunk of another build is refused as such.
    let (site2, mut news2) = bundled();
    news2.articles.truncate(0);
    let other = newsroom_search::build(documents(&site2, &news2));
    let mut index = Index::from_root(root).unwrap();
    let (part, bytes) = other
        .files
        .iter()
        .find(|(p, _)| matches!(p, Part::Docs(0)))
        .unwrap();
    let err = index.insert(*part, bytes).unwrap_err();
    assert!(err.is_stale(), "{err}");
    // A chunk in the place of another is refused.
    let terms = &built
        .files
        .iter()
        .find(|(p, _)| *p == Part::Terms(0))
        .unwrap()
        .1;
    assert!(index.insert(Part::Postings(0), terms).is_err());
    let mut decoded = 0;
    for (part, bytes) in &built.files[1..] {
        for cut in [bytes.len() - 1, bytes.len() / 2, 14] {
            if cut < bytes.len() {
                let mut fresh = Index::from_root(root).unwrap();
                assert!(
                    fresh.insert(*part, &bytes[..cut]).is_err(),
                    "{part} cut at {cut}"
                );
            }
        }
        for i in (13..bytes.len()).step_by(29) {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0x5a;
            // Damage may or may not be detected, but must never panic, nor
            // may searching what decoded (doc and term ids out of range).
            let mut damaged = Index::from_files(&built.files).unwrap();
            if damaged.insert(*part, &flipped).is_ok() {
                decoded += 1;
                for query in ["osce", "secur", "mision", "\"soft targets\"", ""] {
                    let r = damaged.search(query, &[], 0, 10);
                    assert!(r.hits.len() <= 10);
                    let news = [Filter::Type(DocType::News)];
                    assert!(damaged.top(query, &news, 5).hits.len() <= 5);
                }
            }
        }
    }
    assert!(decoded > 0, "some single-byte damage goes undetected");
}

#[test]
fn a_frequent_phrase_checks_its_best_candidates_and_estimates_the_rest() {
    let (built, files) = generated_index(4_000, 17);
    let positions = files.keys().filter(|p| p.is_positions()).count();
    // Loaded whole, every candidate is checked: the exact answer.
    let whole = Index::from_files(&built.files).unwrap();
    // Function words: nearly every document has both, far fewer in a row.
    let query = "\"of the\"";
    let exact = whole.search(query, &[], 0, 10);
    assert!(!exact.estimated && exact.total > 100, "{}", exact.total);
    let mut index = Index::from_root(&built.files[0].1).unwrap();
    let (r, loaded) = on_demand(&mut index, &files, query, &[]);
    assert!(
        r.estimated && !r.phrases_unchecked,
        "estimated {}, unchecked {}",
        r.estimated,
        r.phrases_unchecked
    );
    // The best hits are the exact answer's, each holding the phrase.
    assert_eq!(r.hits, exact.hits);
    let off = r.total.abs_diff(exact.total) as f64 / exact.total as f64;
    assert!(off < 0.25, "estimated {} for {}", r.total, exact.total);
    let used = loaded.iter().filter(|p| p.is_positions()).count();
    assert!(
        used * 10 < positions,
        "loaded {used} of {positions} positions chunks"
    );
    // Facet counts are scaled estimates, never zero.
    let counted = index.search(query, &[], 0, 0);
    assert!(counted.estimated);
    assert!(counted.facets.years.iter().all(|&(_, n)| n > 0));
    // A later page checks further down, still agreeing with the exact one.
    let mut loaded = 0;
    let (page, _) = index
        .search_loading(query, &[], (40, 10), |part| {
            loaded += 1;
            files.get(&part).map(Vec::as_slice)
        })
        .unwrap();
    assert_eq!(page.hits, whole.search(query, &[], 40, 10).hits);
    // Where every candidate's positions fit in a few chunks, it is exact.
    let rare = "\"soft targets\"";
    let mut fresh = Index::from_root(&built.files[0].1).unwrap();
    let (r, _) = on_demand(&mut fresh, &files, rare, &[]);
    assert!(!r.estimated);
    assert_eq!(r, whole.search(rare, &[], 0, 10));
}

#[test]
fn a_cold_query_scans_for_typos_only_for_a_word_the_index_lacks() {
    let (_, files) = generated_index(3000, 3);
    let terms_loaded = |query: &str| {
        let mut index = Index::from_root(&files[&Part::Root]).unwrap();
        let (_, loaded) = on_demand(&mut index, &files, query, &[]);
        loaded
            .iter()
            .filter(|p| matches!(p, Part::Terms(_)))
            .count()
    };
    // A typo is looked for among the words of its first letter: more than
    // one chunk of them, so the known word's single chunk says something.
    let typo = terms_loaded("sarajvo");
    assert!(typo > 2, "the typo scan loaded {typo} terms chunks");
    let known = terms_loaded("sarajevo");
    assert!(known <= 2, "a known word loaded {known} terms chunks");
}
