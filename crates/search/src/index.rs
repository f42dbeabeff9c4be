//! The inverted index: a sorted dictionary, compressed postings with term
//! frequencies per field, word positions for phrases, stems, and what each
//! document needs to be shown as a result.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::dictionary::Dictionary;
use super::document::{DocKind, Document, FIELD_WEIGHTS, Field};
use super::fuzzy::Shape;
use super::stem::stem;
use super::tokenize::tokenize;
use super::varint;
use newsroom_content::TaxonomyKind;

/// What a result shows without going back to the content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocInfo {
    pub kind: DocKind,
    pub slug: String,
    pub title: String,
    pub lead: String,
    /// `YYYYMMDD`, 0 when undated.
    pub date: u32,
    /// Weighted number of words, for length normalisation.
    pub len: u32,
    /// Number of words in the title.
    pub title_words: u32,
    /// (kind, index into [`Index::facet_values`] of that kind).
    pub facets: Vec<(TaxonomyKind, u32)>,
}

impl DocInfo {
    /// The year of the document's date.
    pub fn year(&self) -> Option<u16> {
        super::engine::year(self.date)
    }
}

/// One document's occurrences of a term.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Posting {
    pub doc: u32,
    /// Field-weighted term frequency.
    pub weighted_tf: f32,
    /// Whether the term is in the title.
    pub in_title: bool,
}

/// The searchable index. Built natively by [`Index::build`], stored with
/// [`Index::to_bytes`], loaded in the browser with [`Index::from_bytes`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    pub docs: Vec<DocInfo>,
    /// Per taxonomy kind (in [`TaxonomyKind::ALL`] order), the slugs facets refer to.
    pub facet_values: Vec<Vec<String>>,
    /// Sorted, unique.
    pub terms: Dictionary,
    /// Documents per term.
    pub df: Vec<u32>,
    /// Per term, the byte range of its postings in `postings`.
    pub(super) posting_ranges: Vec<(u32, u32)>,
    pub(super) postings: Vec<u8>,
    /// Per term, the byte range of its positions in `positions`.
    pub(super) position_ranges: Vec<(u32, u32)>,
    pub(super) positions: Vec<u8>,
    pub avg_len: f32,
    /// What every query reads of each document; derived, not stored.
    pub(super) columns: Columns,
    /// Per term, its shape for ruling out typo candidates; derived.
    pub(super) shapes: Vec<Shape>,
}

/// Per-document values that queries read for thousands of matches at a
/// time, in flat arrays: walking `docs` instead would touch a scattered
/// heap allocation per document.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Columns {
    /// The BM25 length normalisation `k1·(1−b+b·len/avg)`.
    pub norms: Vec<f32>,
    /// `YYYYMMDD`, 0 when undated.
    pub dates: Vec<u32>,
    /// [`DocType::slot`](super::engine::DocType::slot).
    pub types: Vec<u8>,
    /// Years as offsets from `first_year`, plus one; 0 when undated.
    pub years: Vec<u16>,
    pub first_year: u16,
    /// One more than the largest offset in `years`.
    pub year_slots: usize,
    pub title_words: Vec<u32>,
    /// Document `d`'s facets are `facets[facet_start[d]..facet_start[d + 1]]`.
    pub facet_start: Vec<u32>,
    /// Facets numbered across kinds: a kind's ids start at its entry in
    /// `facet_base` (one counter array serves them all).
    pub facets: Vec<u32>,
    /// Per kind in [`TaxonomyKind::ALL`] order, then the total.
    pub facet_base: Vec<u32>,
}

impl Columns {
    fn heap_bytes(&self) -> usize {
        (self.norms.capacity() + self.dates.capacity() + self.title_words.capacity()) * 4
            + self.types.capacity()
            + self.years.capacity() * 2
            + self.facet_start.capacity() * 4
            + (self.facets.capacity() + self.facet_base.capacity()) * 4
    }
}

/// A term's frequency per field in one document, and its positions.
type Occurrences = ([u32; 4], Vec<u32>);

/// One term's postings and positions, encoded while the index is built.
struct TermBuild {
    term: String,
    postings: Vec<u8>,
    positions: Vec<u8>,
    df: u32,
    last_doc: u32,
}

impl TermBuild {
    fn new(term: String) -> Self {
        TermBuild {
            term,
            postings: Vec::new(),
            positions: Vec::new(),
            df: 0,
            last_doc: 0,
        }
    }

    /// The term's occurrences in the next document (documents come in order).
    fn add(&mut self, doc: u32, tf: &[u32; 4], positions: &[u32]) {
        varint::write(&mut self.postings, doc - self.last_doc);
        self.last_doc = doc;
        encode_tf(&mut self.postings, tf);
        varint::write(&mut self.positions, positions.len() as u32);
        let mut last = 0;
        for &p in positions {
            varint::write(&mut self.positions, p - last);
            last = p;
        }
        self.df += 1;
    }
}

/// Most terms looked at for words sharing a stem.
const MAX_STEM_SCAN: usize = 2_000;

/// Positions of consecutive fields are kept this far apart, so a phrase
/// never spans two fields.
const FIELD_GAP: u32 = 1_000_000;

impl Index {
    /// Indexes documents, taking them one at a time (an archive's are
    /// never all needed at once: see [`crate::document::each_document`]).
    pub fn build<D: std::borrow::Borrow<Document>>(docs: impl IntoIterator<Item = D>) -> Index {
        let docs = docs.into_iter();
        let mut facet_values: Vec<Vec<String>> = vec![Vec::new(); TaxonomyKind::ALL.len()];
        let mut facet_ids: HashMap<(TaxonomyKind, String), u32> = HashMap::new();
        // Each term's postings and positions, encoded as the documents come
        // (in order, so each term's documents arrive ascending): the
        // archive's occurrences are never all held at once, only one
        // document's.
        let mut terms: Vec<TermBuild> = Vec::new();
        let mut term_ids: HashMap<String, u32> = HashMap::new();
        let mut infos = Vec::with_capacity(docs.size_hint().0);
        for (d, doc) in docs.enumerate() {
            let doc = doc.borrow();
            let d = d as u32;
            let mut len = 0.0f32;
            let mut title_words = 0;
            // This document's terms: tf per field, and positions.
            let mut here: HashMap<u32, Occurrences> = HashMap::new();
            let fields = [Field::Title, Field::Meta, Field::Lead, Field::Body];
            for (field, weight) in fields.into_iter().zip(FIELD_WEIGHTS) {
                let tokens = tokenize(doc.field(field));
                if field == Field::Title {
                    title_words = tokens.len() as u32;
                }
                len += tokens.len() as f32 * weight;
                for (p, token) in tokens.into_iter().enumerate() {
                    let next = terms.len() as u32;
                    let id = match term_ids.get(&token.term) {
                        Some(&id) => id,
                        None => {
                            term_ids.insert(token.term.clone(), next);
                            terms.push(TermBuild::new(token.term));
                            next
                        }
                    };
                    let entry = here.entry(id).or_default();
                    if let Some(tf) = entry.0.get_mut(field as usize) {
                        *tf += 1;
                    }
                    entry.1.push(field as u32 * FIELD_GAP + p as u32);
                }
            }
            for (id, (tf, positions)) in here {
                if let Some(term) = terms.get_mut(id as usize) {
                    term.add(d, &tf, &positions);
                }
            }
            let facets = doc
                .facets
                .iter()
                .filter_map(|(kind, slug)| {
                    let values = facet_values.get_mut(kind.index())?;
                    let next = values.len() as u32;
                    let id = *facet_ids.entry((*kind, slug.clone())).or_insert_with(|| {
                        values.push(slug.clone());
                        next
                    });
                    Some((*kind, id))
                })
                .collect();
            infos.push(DocInfo {
                kind: doc.kind,
                slug: doc.slug.clone(),
                title: doc.title.clone(),
                lead: doc.lead.clone(),
                date: doc.date,
                len: len.round() as u32,
                title_words,
                facets,
            });
        }
        let mut index = Index {
            avg_len: infos.iter().map(|d| d.len as f32).sum::<f32>() / infos.len().max(1) as f32,
            docs: infos,
            facet_values,
            ..Index::default()
        };
        drop(term_ids);
        // Terms in byte order, as the dictionary keeps them.
        terms.sort_unstable_by(|a, b| a.term.cmp(&b.term));
        for term in terms {
            let start = index.postings.len() as u32;
            let pstart = index.positions.len() as u32;
            index.postings.extend_from_slice(&term.postings);
            index.positions.extend_from_slice(&term.positions);
            index
                .posting_ranges
                .push((start, index.postings.len() as u32));
            index
                .position_ranges
                .push((pstart, index.positions.len() as u32));
            index.df.push(term.df);
            index.terms.push(&term.term);
        }
        index.finish()
    }

    /// Approximate heap memory held by the index, in bytes.
    pub fn heap_bytes(&self) -> usize {
        let strings = |v: &[String]| v.iter().map(|s| s.capacity() + 24).sum::<usize>();
        let docs: usize = self
            .docs
            .iter()
            .map(|d| {
                std::mem::size_of::<DocInfo>()
                    + d.slug.capacity()
                    + d.title.capacity()
                    + d.lead.capacity()
                    + d.facets.capacity() * 8
            })
            .sum();
        docs + self.facet_values.iter().map(|v| strings(v)).sum::<usize>()
            + self.terms.heap_bytes()
            + self.df.capacity() * 4
            + (self.posting_ranges.capacity() + self.position_ranges.capacity()) * 8
            + self.postings.capacity()
            + self.positions.capacity()
            + self.columns.heap_bytes()
            + self.shapes.capacity() * std::mem::size_of::<Shape>()
    }

    /// The id of a term, if indexed.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.find(term)
    }

    /// The ids of all terms starting with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> std::ops::Range<u32> {
        self.terms.prefix_range(prefix)
    }

    /// The terms with the same stem as `word` (itself included when
    /// indexed). A Porter stem is a prefix of the words it comes from, but
    /// for a final `y` turned `i`, so only terms under that prefix are tried.
    pub fn same_stem(&self, word: &str) -> Vec<u32> {
        let s = stem(word);
        let base = s.strip_suffix('i').unwrap_or(&s);
        if base.len() < 3 {
            return self.term_id(word).into_iter().collect();
        }
        self.prefix_range(base)
            .take(MAX_STEM_SCAN)
            .filter(|&t| self.terms.get(t).is_some_and(|w| stem(w) == s))
            .collect()
    }

    /// The postings of a term, decoded as they are read.
    pub fn postings(&self, term: u32) -> PostingIter<'_> {
        let bytes = self
            .posting_ranges
            .get(term as usize)
            .and_then(|&(start, end)| self.postings.get(start as usize..end as usize))
            .unwrap_or(&[]);
        PostingIter { bytes, doc: 0 }
    }

    /// Computes what is derived from the stored data.
    pub(super) fn finish(mut self) -> Index {
        let avg = self.avg_len.max(1.0);
        let docs = &self.docs;
        let mut columns = Columns {
            norms: docs
                .iter()
                .map(|d| {
                    super::engine::K1
                        * (1.0 - super::engine::B + super::engine::B * d.len as f32 / avg)
                })
                .collect(),
            dates: docs.iter().map(|d| d.date).collect(),
            types: docs
                .iter()
                .map(|d| super::engine::DocType::from(d.kind).slot())
                .collect(),
            title_words: docs.iter().map(|d| d.title_words).collect(),
            ..Columns::default()
        };
        let years = || docs.iter().filter_map(DocInfo::year);
        columns.first_year = years().min().unwrap_or(0);
        columns.years = docs
            .iter()
            .map(|d| d.year().map_or(0, |y| y - columns.first_year + 1))
            .collect();
        columns.year_slots = usize::from(columns.years.iter().copied().max().unwrap_or(0)) + 1;
        columns.facet_base = std::iter::once(0)
            .chain(self.facet_values.iter().scan(0u32, |n, v| {
                *n += v.len() as u32;
                Some(*n)
            }))
            .collect();
        columns.facet_start = Vec::with_capacity(docs.len() + 1);
        for d in docs {
            columns.facet_start.push(columns.facets.len() as u32);
            for &(kind, id) in &d.facets {
                if let Some(base) = columns.facet_base.get(kind.index()) {
                    columns.facets.push(base + id);
                }
            }
        }
        columns.facet_start.push(columns.facets.len() as u32);
        self.columns = columns;
        self.shapes = self.terms.iter().map(|(_, w)| Shape::of(w)).collect();
        self
    }

    /// The number of documents queries can return.
    pub(super) fn doc_count(&self) -> usize {
        self.docs.len()
    }

    /// A document's facets, numbered across kinds.
    pub(super) fn doc_facets(&self, d: usize) -> &[u32] {
        let c = &self.columns;
        match (c.facet_start.get(d), c.facet_start.get(d + 1)) {
            (Some(&a), Some(&b)) => c.facets.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Positions of a term, per document, in posting order.
    pub fn positions(&self, term: u32) -> Vec<(u32, Vec<u32>)> {
        let docs: Vec<Posting> = self.postings(term).collect();
        let Some(&(start, end)) = self.position_ranges.get(term as usize) else {
            return Vec::new();
        };
        let mut bytes = self
            .positions
            .get(start as usize..end as usize)
            .unwrap_or(&[]);
        docs.iter()
            .map(|posting| {
                let n = varint::read(&mut bytes).unwrap_or(0);
                let mut last = 0;
                let positions = (0..n)
                    .map_while(|_| {
                        last += varint::read(&mut bytes)?;
                        Some(last)
                    })
                    .collect();
                (posting.doc, positions)
            })
            .collect()
    }
}

/// Reads a term's postings one by one.
pub struct PostingIter<'a> {
    bytes: &'a [u8],
    doc: u32,
}

impl Iterator for PostingIter<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        if self.bytes.is_empty() {
            return None;
        }
        let delta = varint::read(&mut self.bytes)?;
        let (&packed, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        let mut weighted_tf = PACKED_WEIGHT.get(usize::from(packed)).copied()?;
        // Fields counted 3 carry their excess over 3 after the byte.
        if packed & (packed >> 1) & 0x55 != 0 {
            for (i, weight) in FIELD_WEIGHTS.into_iter().enumerate() {
                if (packed >> (2 * i)) & 3 == 3 {
                    weighted_tf += varint::read(&mut self.bytes)? as f32 * weight;
                }
            }
        }
        self.doc = self.doc.checked_add(delta)?;
        Some(Posting {
            doc: self.doc,
            weighted_tf,
            in_title: packed & 3 != 0,
        })
    }
}

/// Term frequencies per field: one byte of four 2-bit counts (3 = three or
/// more), then the excess over 3 for each saturated field.
fn encode_tf(out: &mut Vec<u8>, tf: &[u32; 4]) {
    let mut packed = 0u8;
    for (i, &n) in tf.iter().enumerate() {
        packed |= (n.min(3) as u8) << (2 * i);
    }
    out.push(packed);
    for &n in tf {
        if n >= 3 {
            varint::write(out, n - 3);
        }
    }
}

/// The field-weighted frequency a packed byte stands for, by its value.
// Evaluated at compile time: an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
const PACKED_WEIGHT: [f32; 256] = {
    let mut table = [0f32; 256];
    let mut packed = 0;
    while packed < 256 {
        let mut field = 0;
        while field < 4 {
            table[packed] += ((packed >> (2 * field)) & 3) as f32 * FIELD_WEIGHTS[field];
            field += 1;
        }
        packed += 1;
    }
    table
};
