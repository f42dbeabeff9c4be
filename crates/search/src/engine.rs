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
//! 0.45 for one typo and 0.3 for two. A document whose title is exactly the
//! query's words scores three times as much. Every word must match.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::document::DocKind;
use super::fuzzy::{self, Shape};
use super::index::Index;
use super::query::{Query, parse};
use newsroom_content::TaxonomyKind;

pub(super) const K1: f32 = 1.2;
pub(super) const B: f32 = 0.75;
const EXACT: f32 = 1.0;
const STEM: f32 = 0.9;
const PREFIX: f32 = 0.7;
const TYPO: [f32; 3] = [1.0, 0.45, 0.3];
/// Score factor for a document whose title is the query, word for word, so
/// "Border management" puts that page above articles about it.
const WHOLE_TITLE: f32 = 3.0;
/// Most completions a word being typed expands to (the most frequent), by
/// the length of what is typed: one letter stands for too much to try all.
const MAX_COMPLETIONS: [usize; 4] = [0, 4, 8, 32];

/// The facet a result belongs to by type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

impl DocType {
    const SLOTS: usize = 1 + TaxonomyKind::ALL.len();

    /// A small dense number per type, for counting without a map.
    pub(super) fn slot(self) -> u8 {
        match self {
            DocType::News => 0,
            DocType::Page(kind) => 1 + kind.index() as u8,
        }
    }

    fn from_slot(slot: usize) -> Option<DocType> {
        match slot {
            0 => Some(DocType::News),
            n => TaxonomyKind::ALL.get(n - 1).copied().map(DocType::Page),
        }
    }
}

/// A restriction of the results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Filter {
    /// Filed under this term.
    Term(TaxonomyKind, String),
    /// Dated in this year.
    Year(u16),
    /// Of this type.
    Type(DocType),
}

/// One result.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
}

/// Counts of results per facet value, most frequent first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    pub terms: BTreeMap<TaxonomyKind, Vec<(String, usize)>>,
    pub years: Vec<(u16, usize)>,
    pub types: Vec<(DocType, usize)>,
}

/// Everything a results page shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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

/// The year of a `YYYYMMDD` date, none when undated.
pub(crate) fn year(date: u32) -> Option<u16> {
    (date > 0).then_some((date / 10_000) as u16)
}

/// A document's score so far.
#[derive(Clone, Copy)]
struct Acc {
    total: f32,
    /// Query words matched so far.
    words: u16,
    /// Of them, found in the title.
    in_title: u16,
    /// The best expansion of the current word, -1 before any.
    best: f32,
    best_in_title: bool,
}

impl Default for Acc {
    fn default() -> Self {
        Acc {
            total: 0.0,
            words: 0,
            in_title: 0,
            best: -1.0,
            best_in_title: false,
        }
    }
}

impl Index {
    /// Searches with filters, returning `limit` hits from `offset`.
    pub fn search(&self, input: &str, filters: &[Filter], offset: usize, limit: usize) -> Results {
        self.run(input, filters, offset, limit, true)
    }

    /// The best `limit` hits without facet counts, for suggestions as the
    /// reader types.
    pub fn top(&self, input: &str, filters: &[Filter], limit: usize) -> Results {
        self.run(input, filters, 0, limit, false)
    }

    fn run(
        &self,
        input: &str,
        filters: &[Filter],
        offset: usize,
        limit: usize,
        with_facets: bool,
    ) -> Results {
        let query = parse(input);
        if query.is_empty() {
            return Results::default();
        }
        let expansions: Vec<Vec<(u32, f32)>> = query
            .words
            .iter()
            .map(|w| self.expand(&w.term, w.prefix))
            .collect();
        let n_docs = self.doc_count();
        let columns = &self.columns;
        let mut acc = vec![Acc::default(); n_docs];
        let mut touched: Vec<u32> = Vec::new();
        for (w, expansion) in expansions.iter().enumerate() {
            let w = w as u16;
            touched.clear();
            for &(term, quality) in expansion {
                let weight = quality * self.idf(term) * (K1 + 1.0);
                for posting in self.postings(term) {
                    let d = posting.doc as usize;
                    let (Some(a), Some(&norm)) = (acc.get_mut(d), columns.norms.get(d)) else {
                        continue;
                    };
                    // A document that missed an earlier word is out.
                    if a.words != w {
                        continue;
                    }
                    let tf = posting.weighted_tf;
                    let score = weight * tf / (tf + norm);
                    if a.best < 0.0 {
                        touched.push(d as u32);
                    }
                    a.best = a.best.max(score);
                    a.best_in_title |= posting.in_title;
                }
            }
            for &d in &touched {
                if let Some(a) = acc.get_mut(d as usize) {
                    a.total += a.best;
                    a.words += 1;
                    a.in_title += u16::from(a.best_in_title);
                    a.best = -1.0;
                    a.best_in_title = false;
                }
            }
        }
        let n_words = query.words.len() as u16;
        let mut docs: Vec<u32> = Vec::new();
        for (d, (a, &title_words)) in acc.iter_mut().zip(&columns.title_words).enumerate() {
            if a.words == n_words {
                docs.push(d as u32);
                if a.in_title == n_words && title_words == u32::from(n_words) {
                    a.total *= WHOLE_TITLE;
                }
            }
        }
        let phrases_unchecked = !query.phrases.is_empty() && !self.has_positions();
        if !phrases_unchecked {
            for phrase in &query.phrases {
                docs = self.with_phrase(&query, phrase, docs);
            }
        }
        docs.retain(|&d| filters.iter().all(|f| self.passes(d, f)));

        let facets = if with_facets {
            self.count_facets(&docs)
        } else {
            Facets::default()
        };
        // Every form the query words took; marking one in a result that
        // holds it is right whichever document it matched in.
        let matched = expansions
            .iter()
            .flatten()
            .filter_map(|&(t, _)| self.terms.get(t).map(str::to_owned))
            .collect();
        let mut hits: Vec<Hit> = docs
            .iter()
            .map(|&d| Hit {
                doc: d,
                score: acc.get(d as usize).map_or(0.0, |a| a.total),
            })
            .collect();
        let total = hits.len();
        let order = |a: &Hit, b: &Hit| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| {
                    let date = |h: &Hit| columns.dates.get(h.doc as usize);
                    date(b).cmp(&date(a))
                })
                .then_with(|| a.doc.cmp(&b.doc))
        };
        // Only the page asked for needs ordering.
        let wanted = offset.saturating_add(limit);
        if wanted == 0 {
            hits.clear();
        } else if hits.len() > wanted {
            hits.select_nth_unstable_by(wanted - 1, order);
            hits.truncate(wanted);
        }
        hits.sort_unstable_by(order);
        let suggestion = (total == 0).then(|| self.suggest(&query)).flatten();
        Results {
            hits: hits.into_iter().skip(offset).collect(),
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
        fn add(found: &mut HashMap<u32, f32>, t: u32, q: f32) {
            let e = found.entry(t).or_insert(q);
            *e = e.max(q);
        }
        let mut found: HashMap<u32, f32> = HashMap::new();
        if let Some(t) = self.term_id(word) {
            add(&mut found, t, EXACT);
        }
        for t in self.same_stem(word) {
            add(&mut found, t, STEM);
        }
        if prefix {
            let max = MAX_COMPLETIONS
                .get(word.chars().count())
                .or(MAX_COMPLETIONS.last())
                .copied()
                .unwrap_or(0);
            let mut completions: Vec<u32> = self.prefix_range(word).collect();
            if completions.len() > max {
                if let Some(nth) = max.checked_sub(1) {
                    completions.select_nth_unstable_by_key(nth, |&t| {
                        std::cmp::Reverse(self.df.get(t as usize).copied().unwrap_or(0))
                    });
                }
                completions.truncate(max);
            }
            for t in completions {
                add(&mut found, t, PREFIX);
            }
        }
        // A word that is in the dictionary is taken as meant: typo matching
        // is for words that are not.
        let edits = if found.is_empty() {
            fuzzy::allowed_edits(word)
        } else {
            0
        };
        if edits > 0 {
            // Typos rarely hit the first letter: only look there.
            let first: String = word.chars().take(1).collect();
            let shape = Shape::of(word);
            for t in self.prefix_range(&first) {
                if !self.may_be_within(t, shape, edits) {
                    continue;
                }
                let Some(term) = self.terms.get(t) else {
                    continue;
                };
                if let Some(d) = fuzzy::distance(word, term, edits).filter(|&d| d > 0) {
                    add(&mut found, t, TYPO.get(d).copied().unwrap_or(0.0));
                }
            }
        }
        found.into_iter().collect()
    }

    /// False when term `t` is surely more than `max` edits from a word of
    /// this shape.
    fn may_be_within(&self, t: u32, shape: Shape, max: usize) -> bool {
        self.shapes
            .get(t as usize)
            .is_none_or(|s| s.may_be_within(shape, max))
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
        let d = doc as usize;
        match filter {
            Filter::Type(t) => self.columns.types.get(d) == Some(&t.slot()),
            Filter::Year(y) => self.columns.dates.get(d).and_then(|&date| year(date)) == Some(*y),
            Filter::Term(kind, slug) => {
                let base = &self.columns.facet_base;
                let (Some(&from), Some(&to)) = (base.get(kind.index()), base.get(kind.index() + 1))
                else {
                    return false;
                };
                self.doc_facets(d).iter().any(|&g| {
                    (from..to).contains(&g)
                        && self.facet_value(*kind, g - from) == Some(slug.as_str())
                })
            }
        }
    }

    /// The slug a facet id of a kind stands for.
    pub fn facet_value(&self, kind: TaxonomyKind, id: u32) -> Option<&str> {
        self.facet_values
            .get(kind.index())?
            .get(id as usize)
            .map(String::as_str)
    }

    fn count_facets(&self, docs: &[u32]) -> Facets {
        let columns = &self.columns;
        let mut counts = vec![0u32; columns.facet_base.last().map_or(0, |&n| n as usize)];
        let mut years = vec![0usize; columns.year_slots];
        let mut types = [0usize; DocType::SLOTS];
        for &d in docs {
            let d = d as usize;
            let (Some(&slot), Some(&y)) = (columns.types.get(d), columns.years.get(d)) else {
                continue;
            };
            if let Some(n) = types.get_mut(usize::from(slot)) {
                *n += 1;
            }
            if let Some(n) = years.get_mut(usize::from(y)) {
                *n += 1;
            }
            if slot == DocType::News.slot() {
                for &g in self.doc_facets(d) {
                    if let Some(n) = counts.get_mut(g as usize) {
                        *n += 1;
                    }
                }
            }
        }
        let mut types: Vec<(DocType, usize)> = types
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .filter_map(|(slot, n)| Some((DocType::from_slot(slot)?, n)))
            .collect();
        types.sort_unstable_by_key(|&(t, n)| (std::cmp::Reverse(n), t));
        Facets {
            terms: TaxonomyKind::ALL
                .into_iter()
                .zip(columns.facet_base.windows(2))
                .filter_map(|(kind, range)| {
                    let &[from, to] = range else { return None };
                    let (from, to) = (from as usize, to as usize);
                    let mut named: Vec<(String, usize)> = counts
                        .get(from..to)?
                        .iter()
                        .enumerate()
                        .filter(|&(_, &n)| n > 0)
                        .filter_map(|(id, &n)| {
                            Some((self.facet_value(kind, id as u32)?.to_owned(), n as usize))
                        })
                        .collect();
                    named.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                    (!named.is_empty()).then_some((kind, named))
                })
                .collect(),
            years: years
                .into_iter()
                .enumerate()
                .skip(1)
                .rev()
                .filter(|&(_, n)| n > 0)
                .map(|(slot, n)| (columns.first_year + slot as u16 - 1, n))
                .collect(),
            types,
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
                let shape = Shape::of(&w.term);
                let best = self
                    .terms
                    .iter()
                    .filter(|&(t, _)| self.may_be_within(t, shape, max))
                    .filter_map(|(t, term)| Some((fuzzy::distance(&w.term, term, max)?, t, term)))
                    .min_by_key(|&(d, t, _)| {
                        (d, std::cmp::Reverse(self.df.get(t as usize).copied()))
                    });
                match best {
                    Some((_, _, term)) => {
                        changed = true;
                        term.to_owned()
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
