//! Phrases: a query's quoted words must stand in a row. Checking one
//! document needs its positions of each word, stored per word in small
//! blocks beside its postings, so a check costs the blocks of the
//! documents checked. When checking every candidate would load more than
//! [`MAX_EXACT_PARTS`] chunks, candidates are checked best first until a
//! page is filled, and the total is estimated from the share that held.

use std::collections::HashSet;

use super::index::Index;
use super::parts::Part;
use super::query::Query;

/// Most positions chunks loaded to check every candidate: beyond this a
/// phrase is checked on the best candidates only, and counts are estimates.
pub const MAX_EXACT_PARTS: usize = 8;
/// Fewest candidates checked, so an estimate rests on a sample.
const MIN_SAMPLE: usize = 20;
/// The share of unchecked candidates assumed to hold while choosing what
/// to load, however few did: each round loads at most twice the
/// candidates still needed.
const MIN_SHARE: f32 = 0.5;

/// Candidates left after checking the phrases.
pub(super) struct Checked {
    /// Ascending: those found to hold, and those whose positions are not
    /// loaded (noted as missing).
    pub docs: Vec<u32>,
    /// Some of `docs` were not checked.
    pub unchecked: bool,
    /// When not every candidate was checked: the estimated total and the
    /// share of the checked that held.
    pub estimate: Option<(usize, f32)>,
}

/// One phrase word: its term, and per candidate which of its postings is
/// that document (none when the document matched another form of it).
struct Word {
    term: u32,
    nth: Vec<Option<u32>>,
}

impl Index {
    /// Checks the query's phrases on `candidates` (ascending), enough of
    /// them in `score` order to fill `wanted` results.
    pub(super) fn check_phrases(
        &self,
        query: &Query,
        candidates: &[u32],
        score: impl Fn(u32) -> f32,
        wanted: usize,
    ) -> Checked {
        if query.phrases.is_empty() || candidates.is_empty() {
            return Checked {
                docs: candidates.to_vec(),
                unchecked: false,
                estimate: None,
            };
        }
        let mut phrases: Vec<Vec<Word>> = Vec::with_capacity(query.phrases.len());
        for phrase in &query.phrases {
            let mut words = Vec::with_capacity(phrase.len());
            for &w in phrase {
                let Some(term) = query.words.get(w).and_then(|w| self.term_id(&w.term)) else {
                    // A phrase word not in the index: nothing holds it.
                    return Checked {
                        docs: Vec::new(),
                        unchecked: false,
                        estimate: None,
                    };
                };
                words.push(Word {
                    term,
                    nth: self.nth_postings(term, candidates),
                });
            }
            phrases.push(words);
        }
        let at = |c: usize| candidates.get(c).copied().unwrap_or(0);
        let mut tally = Tally::default();
        if self.parts_to_check(&phrases, candidates.len()) <= MAX_EXACT_PARTS {
            for c in 0..candidates.len() {
                tally.add(c, self.holds(&phrases, c));
            }
            return tally.into_checked(at, None);
        }
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            score(at(b))
                .total_cmp(&score(at(a)))
                .then_with(|| at(a).cmp(&at(b)))
        });
        let target = wanted.max(MIN_SAMPLE) as f32;
        let mut seen = 0;
        for &c in &order {
            let likely = tally.share().max(MIN_SHARE);
            if tally.held.len() as f32 + tally.pending.len() as f32 * likely >= target {
                break;
            }
            tally.add(c, self.holds(&phrases, c));
            seen += 1;
        }
        let rest = candidates.len() - seen;
        let estimate = (rest > 0 || !tally.pending.is_empty()).then(|| {
            let share = tally.share();
            let guess = ((rest + tally.pending.len()) as f32 * share).round() as usize;
            (tally.held.len() + guess, share)
        });
        tally.into_checked(at, estimate)
    }

    /// For each candidate (ascending), which posting of `term` it is.
    fn nth_postings(&self, term: u32, candidates: &[u32]) -> Vec<Option<u32>> {
        let mut nth = vec![None; candidates.len()];
        let mut c = 0;
        for (i, posting) in self.postings(term).enumerate() {
            while candidates.get(c).is_some_and(|&d| d < posting.doc) {
                c += 1;
            }
            match candidates.get(c) {
                Some(&d) if d == posting.doc => {
                    if let Some(slot) = nth.get_mut(c) {
                        *slot = Some(i as u32);
                    }
                    c += 1;
                }
                Some(_) => {}
                None => break,
            }
        }
        nth
    }

    /// How many positions chunks not loaded checking every candidate would
    /// need, counting no further than just past the limit.
    fn parts_to_check(&self, phrases: &[Vec<Word>], n: usize) -> usize {
        let mut parts: HashSet<Part> = HashSet::new();
        for c in 0..n {
            for word in phrases.iter().flatten() {
                let Some(part) = word
                    .nth
                    .get(c)
                    .copied()
                    .flatten()
                    .and_then(|nth| self.positions_part(word.term, nth))
                else {
                    continue;
                };
                if !self.is_loaded(part) && parts.insert(part) && parts.len() > MAX_EXACT_PARTS {
                    return parts.len();
                }
            }
        }
        parts.len()
    }

    /// Whether every phrase stands in candidate `c`; `None` when some of
    /// its positions are not loaded (every word's are then asked for).
    fn holds(&self, phrases: &[Vec<Word>], c: usize) -> Option<bool> {
        let mut complete = true;
        for words in phrases {
            let mut lists = Vec::with_capacity(words.len());
            for word in words {
                let Some(nth) = word.nth.get(c).copied().flatten() else {
                    return Some(false);
                };
                match self.positions_at(word.term, nth) {
                    Some(list) => lists.push(list),
                    None => complete = false,
                }
            }
            if lists.len() < words.len() {
                continue;
            }
            let stands = lists.first().is_some_and(|starts| {
                starts.iter().any(|&p| {
                    lists
                        .iter()
                        .enumerate()
                        .skip(1)
                        .all(|(i, l)| l.binary_search(&(p + i as u32)).is_ok())
                })
            });
            if !stands {
                return Some(false);
            }
        }
        complete.then_some(true)
    }
}

/// Candidates checked so far, by their index among the candidates.
#[derive(Default)]
struct Tally {
    held: Vec<usize>,
    failed: usize,
    pending: Vec<usize>,
}

impl Tally {
    fn add(&mut self, c: usize, holds: Option<bool>) {
        match holds {
            Some(true) => self.held.push(c),
            Some(false) => self.failed += 1,
            None => self.pending.push(c),
        }
    }

    /// The share of the checked that held, 1 before any.
    fn share(&self) -> f32 {
        match self.held.len() + self.failed {
            0 => 1.0,
            n => self.held.len() as f32 / n as f32,
        }
    }

    fn into_checked(self, at: impl Fn(usize) -> u32, estimate: Option<(usize, f32)>) -> Checked {
        let mut docs: Vec<u32> = self
            .held
            .iter()
            .chain(&self.pending)
            .map(|&c| at(c))
            .collect();
        docs.sort_unstable();
        Checked {
            docs,
            unchecked: !self.pending.is_empty(),
            estimate,
        }
    }
}
