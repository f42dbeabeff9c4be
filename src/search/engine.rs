//! Running a query against the index: expansion of each word (exact, same
//! stem, prefix, typo), BM25 ranking over weighted fields, phrases, facet
//! filters and counts, and "did you mean".
//!
//! Ranking: each query word contributes the best of its expansions to a
//! document's score, `quality × idf × tf·(k1+1) / (tf + k1·(1−b+b·len/avg))`
//! with `tf` the field-weighted term frequency (title 5, tags and issuers 3,
//! lead 2, body 1; see [`FIELD_WEIGHTS`](super::document::FIELD_WEIGHTS)),
//! `k1 = 1.2`, `b = 0.75`, and `quality` 1 for the word itself, 0.9 for
//! another form of its stem, 0.7 for a completion of a word being typed,
//! 0.45 for one typo and 0.3 for two. Every word must match.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::document::DocKind;
use super::fuzzy;
use super::index::Index;
use super::query::{Query, parse};
use crate::data::TaxonomyKind;

const K1: f32 = 1.2;
const B: f32 = 0.75;
const EXACT: f32 = 1.0;
const STEM: f32 = 0.9;
const PREFIX: f32 = 0.7;
const TYPO: [f32; 3] = [1.0, 0.45, 0.3];
/// Most completions a word being typed expands to (the most frequent).
const MAX_COMPLETIONS: usize = 40;

/// The facet a result belongs to by type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocType {
    News,
    Page(TaxonomyKind),
}

impl From<DocKind> for DocType {
    fn from(kind: DocKind) -> Self {
        match kind {
            DocKind::Article => DocType::News,
            DocKind::Term(k) | DocKind::Index(k) => DocType::Page(k),
        }
    }
}

/// A restriction of the results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Filed under this term.
    Term(TaxonomyKind, String),
    /// Dated in this year.
    Year(u16),
    /// Of this type.
    Type(DocType),
}

/// One result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
}

/// Counts of results per facet value, most frequent first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    pub terms: BTreeMap<TaxonomyKind, Vec<(String, usize)>>,
    pub years: Vec<(u16, usize)>,
    pub types: Vec<(DocType, usize)>,
}

/// Everything a results page shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// Best first; `limit` of them from `offset`.
    pub hits: Vec<Hit>,
    /// How many documents match in all.
    pub total: usize,
    pub facets: Facets,
    /// Indexed words that matched, for marking them in snippets.
    pub matched: HashSet<String>,
    /// A corrected query when nothing matched and a correction would.
    pub suggestion: Option<String>,
    /// The query has phrases but word positions are not loaded yet: its
    /// words were all required, but not checked to stand in a row.
    pub phrases_unchecked: bool,
}

impl Index {
    /// Searches with filters, returning `limit` hits from `offset`.
    pub fn search(&self, input: &str, filters: &[Filter], offset: usize, limit: usize) -> Results {
        let query = parse(input);
        if query.is_empty() {
            return Results::default();
        }
        let expansions: Vec<Vec<(u32, f32)>> = query
            .words
            .iter()
            .map(|w| self.expand(&w.term, w.prefix))
            .collect();
        let n_docs = self.docs.len();
        let mut total = vec![0f32; n_docs];
        let mut matched_words = vec![0u16; n_docs];
        let mut used_terms: HashMap<u32, Vec<u32>> = HashMap::new();
        for (w, expansion) in expansions.iter().enumerate() {
            let mut best = vec![-1f32; n_docs];
            for &(term, quality) in expansion {
                let idf = self.idf(term);
                for posting in self.postings(term) {
                    let d = posting.doc as usize;
                    let Some(doc) = self.docs.get(d) else {
                        continue;
                    };
                    let tf = posting.weighted_tf();
                    let norm = 1.0 - B + B * doc.len as f32 / self.avg_len.max(1.0);
                    let score = quality * idf * tf * (K1 + 1.0) / (tf + K1 * norm);
                    if score > best[d] {
                        best[d] = score;
                    }
                    used_terms.entry(term).or_default().push(posting.doc);
                }
            }
            for (d, &s) in best.iter().enumerate() {
                if s >= 0.0 && usize::from(matched_words[d]) == w {
                    matched_words[d] += 1;
                    total[d] += s;
                }
            }
        }
        let n_words = query.words.len() as u16;
        let mut docs: Vec<u32> = (0..n_docs as u32)
            .filter(|&d| matched_words[d as usize] == n_words)
            .collect();
        let phrases_unchecked = !query.phrases.is_empty() && !self.has_positions();
        if !phrases_unchecked {
            for phrase in &query.phrases {
                docs = self.with_phrase(&query, phrase, docs);
            }
        }
        docs.retain(|&d| filters.iter().all(|f| self.passes(d, f)));

        let facets = self.count_facets(&docs);
        let in_results: HashSet<u32> = docs.iter().copied().collect();
        let matched = used_terms
            .into_iter()
            .filter(|(_, ds)| ds.iter().any(|d| in_results.contains(d)))
            .filter_map(|(t, _)| self.terms.get(t as usize).cloned())
            .collect();
        let mut hits: Vec<Hit> = docs
            .iter()
            .map(|&d| Hit {
                doc: d,
                score: total[d as usize],
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| {
                    self.docs[b.doc as usize]
                        .date
                        .cmp(&self.docs[a.doc as usize].date)
                })
                .then_with(|| a.doc.cmp(&b.doc))
        });
        let total = hits.len();
        let suggestion = (total == 0).then(|| self.suggest(&query)).flatten();
        Results {
            hits: hits.into_iter().skip(offset).take(limit).collect(),
            total,
            facets,
            matched,
            suggestion,
            phrases_unchecked,
        }
    }

    fn idf(&self, term: u32) -> f32 {
        let n = self.docs.len() as f32;
        let df = self.df.get(term as usize).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The indexed terms a query word stands for, with how well each matches.
    pub fn expand(&self, word: &str, prefix: bool) -> Vec<(u32, f32)> {
        let mut found: HashMap<u32, f32> = HashMap::new();
        let mut add = |t: u32, q: f32| {
            let e = found.entry(t).or_insert(q);
            *e = e.max(q);
        };
        if let Some(t) = self.term_id(word) {
            add(t, EXACT);
        }
        for t in self.same_stem(word) {
            add(t, STEM);
        }
        if prefix {
            let mut completions: Vec<u32> = self.prefix_range(word).collect();
            if completions.len() > MAX_COMPLETIONS {
                completions.sort_by_key(|&t| std::cmp::Reverse(self.df[t as usize]));
                completions.truncate(MAX_COMPLETIONS);
            }
            for t in completions {
                add(t, PREFIX);
            }
        }
        let edits = fuzzy::allowed_edits(word);
        if edits > 0 {
            // Typos rarely hit the first letter: only look there.
            let first: String = word.chars().take(1).collect();
            for t in self.prefix_range(&first) {
                let term = &self.terms[t as usize];
                if let Some(d) = fuzzy::distance(word, term, edits).filter(|&d| d > 0) {
                    add(t, TYPO[d]);
                }
            }
        }
        found.into_iter().collect()
    }

    /// Keeps the documents where the phrase's words stand in a row.
    fn with_phrase(&self, query: &Query, phrase: &[usize], docs: Vec<u32>) -> Vec<u32> {
        let ids: Option<Vec<u32>> = phrase
            .iter()
            .map(|&w| query.words.get(w).and_then(|word| self.term_id(&word.term)))
            .collect();
        let Some(ids) = ids else { return Vec::new() };
        let wanted: HashSet<u32> = docs.iter().copied().collect();
        let lists: Vec<HashMap<u32, Vec<u32>>> = ids
            .iter()
            .map(|&t| {
                self.positions(t)
                    .into_iter()
                    .filter(|(d, _)| wanted.contains(d))
                    .collect()
            })
            .collect();
        docs.into_iter()
            .filter(|d| {
                let Some(starts) = lists.first().and_then(|l| l.get(d)) else {
                    return false;
                };
                starts.iter().any(|&p| {
                    lists.iter().enumerate().skip(1).all(|(i, l)| {
                        l.get(d)
                            .is_some_and(|ps| ps.binary_search(&(p + i as u32)).is_ok())
                    })
                })
            })
            .collect()
    }

    fn passes(&self, doc: u32, filter: &Filter) -> bool {
        let Some(info) = self.docs.get(doc as usize) else {
            return false;
        };
        match filter {
            Filter::Type(t) => DocType::from(info.kind) == *t,
            Filter::Year(y) => info.year() == Some(*y),
            Filter::Term(kind, slug) => info
                .facets
                .iter()
                .any(|(k, id)| k == kind && self.facet_value(*k, *id) == Some(slug.as_str())),
        }
    }

    /// The slug a facet id of a kind stands for.
    pub fn facet_value(&self, kind: TaxonomyKind, id: u32) -> Option<&str> {
        let k = TaxonomyKind::ALL.iter().position(|&x| x == kind)?;
        self.facet_values
            .get(k)?
            .get(id as usize)
            .map(String::as_str)
    }

    fn count_facets(&self, docs: &[u32]) -> Facets {
        let mut terms: BTreeMap<TaxonomyKind, HashMap<u32, usize>> = BTreeMap::new();
        let mut years: HashMap<u16, usize> = HashMap::new();
        let mut types: HashMap<DocType, usize> = HashMap::new();
        for &d in docs {
            let Some(info) = self.docs.get(d as usize) else {
                continue;
            };
            *types.entry(info.kind.into()).or_default() += 1;
            if let Some(y) = info.year() {
                *years.entry(y).or_default() += 1;
            }
            if info.kind == DocKind::Article {
                for &(kind, id) in &info.facets {
                    *terms.entry(kind).or_default().entry(id).or_default() += 1;
                }
            }
        }
        fn sorted<K: Ord + Copy>(m: HashMap<K, usize>) -> Vec<(K, usize)> {
            let mut v: Vec<_> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        }
        let mut years = sorted(years);
        years.sort_by_key(|&(year, _)| std::cmp::Reverse(year));
        Facets {
            terms: terms
                .into_iter()
                .map(|(kind, counts)| {
                    let named = sorted(counts)
                        .into_iter()
                        .filter_map(|(id, n)| Some((self.facet_value(kind, id)?.to_owned(), n)))
                        .collect();
                    (kind, named)
                })
                .collect(),
            years,
            types: sorted(types),
        }
    }

    /// The query with each unknown word replaced by the most frequent
    /// indexed word within two edits, if any word changes.
    fn suggest(&self, query: &Query) -> Option<String> {
        let mut changed = false;
        let words: Vec<String> = query
            .words
            .iter()
            .map(|w| {
                if self.term_id(&w.term).is_some()
                    || !self.same_stem(&w.term).is_empty()
                    || w.term.chars().count() < 4
                {
                    return w.term.clone();
                }
                let max = 2;
                let best = self
                    .terms
                    .iter()
                    .enumerate()
                    .filter_map(|(t, term)| Some((fuzzy::distance(&w.term, term, max)?, t)))
                    .min_by_key(|&(d, t)| (d, std::cmp::Reverse(self.df[t])));
                match best {
                    Some((_, t)) => {
                        changed = true;
                        self.terms[t].clone()
                    }
                    None => w.term.clone(),
                }
            })
            .collect();
        let suggestion = words.join(" ");
        (changed && self.search(&format!("{suggestion} "), &[], 0, 0).total > 0)
            .then_some(suggestion)
    }
}
