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
    pub(super) const SLOTS: usize = 1 + TaxonomyKind::ALL.len();

    /// A small dense number per type, for counting without a map.
    pub(super) fn slot(self) -> u8 {
        match self {
            DocType::News => 0,
            DocType::Page(kind) => 1 + kind.index() as u8,
        }
    }

    pub(super) fn from_slot(slot: usize) -> Option<DocType> {
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
    /// The query has phrases whose word positions are not loaded: its
    /// words were all required, but not checked to stand in a row.
    pub phrases_unchecked: bool,
    /// `total` and the facet counts are estimates: a phrase was checked
    /// on the best candidates only (see [`MAX_EXACT_PARTS`]).
    ///
    /// [`MAX_EXACT_PARTS`]: crate::phrase::MAX_EXACT_PARTS
    pub estimated: bool,
}

impl Facets {
    /// Every count times `share`, rounded, and at least one.
    fn scaled(mut self, share: f32) -> Facets {
        let scale = |n: &mut usize| *n = ((*n as f32 * share).round() as usize).max(1);
        self.terms
            .values_mut()
            .flatten()
            .for_each(|(_, n)| scale(n));
        self.years.iter_mut().for_each(|(_, n)| scale(n));
        self.types.iter_mut().for_each(|(_, n)| scale(n));
        self
    }
}

/// What a filter lets through: a range of ids or a sorted list.
enum Allowed<'a> {
    Range(std::ops::Range<u32>),
    Sorted(&'a [u32]),
}

impl Allowed<'_> {
    fn contains(&self, d: u32) -> bool {
        match self {
            Allowed::Range(r) => r.contains(&d),
            Allowed::Sorted(list) => list.binary_search(&d).is_ok(),
        }
    }
}

/// How many of the ascending `docs` lie in `range`.
fn count_in(docs: &[u32], range: std::ops::Range<u32>) -> usize {
    docs.partition_point(|&d| d < range.end) - docs.partition_point(|&d| d < range.start)
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
    /// Words in the title, known once a word matched there.
    title_words: u32,
}

impl Default for Acc {
    fn default() -> Self {
        Acc {
            total: 0.0,
            words: 0,
            in_title: 0,
            best: -1.0,
            best_in_title: false,
            title_words: 0,
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
        self.page(input, filters, 0, limit)
    }

    /// `limit` hits from `offset` without facet counts, which need chunks
    /// of their own: a results page shows its hits first, then asks for
    /// the counts.
    pub fn page(&self, input: &str, filters: &[Filter], offset: usize, limit: usize) -> Results {
        self.run(input, filters, offset, limit, false)
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
        let mut acc = vec![Acc::default(); n_docs];
        let mut touched: Vec<u32> = Vec::new();
        for (w, expansion) in expansions.iter().enumerate() {
            let w = w as u16;
            touched.clear();
            for &(term, quality) in expansion {
                let weight = quality * self.idf(term) * (K1 + 1.0) / 255.0;
                for posting in self.postings(term) {
                    let d = posting.doc as usize;
                    let Some(a) = acc.get_mut(d) else {
                        continue;
                    };
                    // A document that missed an earlier word is out.
                    if a.words != w {
                        continue;
                    }
                    let score = weight * f32::from(posting.impact);
                    if a.best < 0.0 {
                        touched.push(d as u32);
                    }
                    a.best = a.best.max(score);
                    if posting.in_title() {
                        a.best_in_title = true;
                        a.title_words = posting.title_words;
                    }
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
        for (d, a) in acc.iter_mut().enumerate() {
            if a.words == n_words {
                docs.push(d as u32);
                if a.in_title == n_words && a.title_words == u32::from(n_words) {
                    a.total *= WHOLE_TITLE;
                }
            }
        }
        let allowed: Vec<Allowed> = filters.iter().map(|f| self.allowed(f)).collect();
        docs.retain(|&d| allowed.iter().all(|a| a.contains(d)));
        let wanted = offset.saturating_add(limit);
        let score = |d: u32| acc.get(d as usize).map_or(0.0, |a| a.total);
        let checked = self.check_phrases(&query, &docs, score, wanted);
        let facets = match (with_facets, checked.estimate) {
            (false, _) => Facets::default(),
            (true, None) => self.count_facets(&checked.docs),
            // Counted over every candidate, then scaled by the share of
            // those checked that held.
            (true, Some((_, share))) => self.count_facets(&docs).scaled(share),
        };
        let docs = checked.docs;
        // Every form the query words took; marking one in a result that
        // holds it is right whichever document it matched in.
        let matched = expansions
            .iter()
            .flatten()
            .filter_map(|&(t, _)| self.term(t).map(str::to_owned))
            .collect();
        let mut hits: Vec<Hit> = docs
            .iter()
            .map(|&d| Hit {
                doc: d,
                score: acc.get(d as usize).map_or(0.0, |a| a.total),
            })
            .collect();
        let total = checked.estimate.map_or(hits.len(), |(total, _)| total);
        // Ids run newest first within a type, so ties go to the newer.
        let order = |a: &Hit, b: &Hit| b.score.total_cmp(&a.score).then_with(|| a.doc.cmp(&b.doc));
        // Only the page asked for needs ordering.
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
            phrases_unchecked: checked.unchecked,
            estimated: checked.estimate.is_some(),
        }
    }

    fn idf(&self, term: u32) -> f32 {
        let n = self.doc_count() as f32;
        let df = self.df(term) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The indexed terms a query word stands for, with how well each matches.
    pub fn expand(&self, word: &str, prefix: bool) -> Vec<(u32, f32)> {
        fn add(found: &mut HashMap<u32, f32>, t: u32, q: f32) {
            let e = found.entry(t).or_insert(q);
            *e = e.max(q);
        }
        let misses = self.misses();
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
                    completions.select_nth_unstable_by_key(nth, |&t| std::cmp::Reverse(self.df(t)));
                }
                completions.truncate(max);
            }
            for t in completions {
                add(&mut found, t, PREFIX);
            }
        }
        // A word that is in the dictionary is taken as meant: typo matching
        // is for words that are not, known absent only once the chunks
        // looked in are loaded (else a cold query fetches every chunk of
        // its first letter for a word it has).
        let edits = if found.is_empty() && self.misses() == misses {
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
                let Some(term) = self.term(t) else {
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
        self.shape(t).is_none_or(|s| s.may_be_within(shape, max))
    }

    /// The ids a filter lets through, found once per query.
    fn allowed(&self, filter: &Filter) -> Allowed<'_> {
        match filter {
            Filter::Type(t) => Allowed::Range(self.type_range(*t)),
            Filter::Year(y) => Allowed::Range(self.year_range(*y)),
            Filter::Term(kind, slug) => {
                let id = self
                    .root
                    .facet_values
                    .get(kind.index())
                    .and_then(|values| values.iter().position(|v| v == slug));
                let docs = id.and_then(|id| self.facet_docs(*kind)?.get(id));
                Allowed::Sorted(docs.map_or(&[], Vec::as_slice))
            }
        }
    }

    /// Counts by type and year (ranges of ids) and, for news, by term (the
    /// facet chunks). `docs` ascend.
    fn count_facets(&self, docs: &[u32]) -> Facets {
        let mut types = [0usize; DocType::SLOTS];
        for (slot, w) in self.root.type_starts.windows(2).enumerate() {
            if let (Some(n), [a, b]) = (types.get_mut(slot), w) {
                *n = count_in(docs, *a..*b);
            }
        }
        let mut types: Vec<(DocType, usize)> = types
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .filter_map(|(slot, n)| Some((DocType::from_slot(slot)?, n)))
            .collect();
        types.sort_unstable_by_key(|&(t, n)| (std::cmp::Reverse(n), t));
        let years = self
            .root
            .years
            .iter()
            .map(|&(year, a, b)| (year, count_in(docs, a..b)))
            .filter(|&(_, n)| n > 0)
            .collect();
        let news = self.type_range(DocType::News);
        let mut found = vec![0u64; self.doc_count().div_ceil(64)];
        for &d in docs.iter().filter(|d| news.contains(d)) {
            if let Some(word) = found.get_mut(d as usize / 64) {
                *word |= 1 << (d % 64);
            }
        }
        let is_found = |d: u32| {
            found
                .get(d as usize / 64)
                .is_some_and(|w| w >> (d % 64) & 1 == 1)
        };
        let terms = TaxonomyKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let lists = self.facet_docs(kind)?;
                let mut named: Vec<(String, usize)> = lists
                    .iter()
                    .enumerate()
                    .filter_map(|(id, list)| {
                        let n = list.iter().filter(|&&d| is_found(d)).count();
                        (n > 0).then(|| Some((self.facet_value(kind, id as u32)?.to_owned(), n)))?
                    })
                    .collect();
                named.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                (!named.is_empty()).then_some((kind, named))
            })
            .collect();
        Facets {
            terms,
            years,
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
                let misses = self.misses();
                if self.term_id(&w.term).is_some()
                    || !self.same_stem(&w.term).is_empty()
                    || self.misses() != misses
                    || w.term.chars().count() < 4
                {
                    return w.term.clone();
                }
                let max = 2;
                let shape = Shape::of(&w.term);
                // As for typos, only words with the same first letter.
                let first: String = w.term.chars().take(1).collect();
                let best = self
                    .prefix_range(&first)
                    .filter(|&t| self.may_be_within(t, shape, max))
                    .filter_map(|t| {
                        let term = self.term(t)?;
                        Some((fuzzy::distance(&w.term, term, max)?, t, term))
                    })
                    .min_by_key(|&(d, t, _)| (d, std::cmp::Reverse(self.df(t))));
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
