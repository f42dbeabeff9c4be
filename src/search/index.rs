//! The inverted index: a sorted dictionary, compressed postings with term
//! frequencies per field, word positions for phrases, stems, and what each
//! document needs to be shown as a result.

use std::collections::{BTreeMap, HashMap};

use super::document::{DocKind, Document, FIELD_WEIGHTS, Field};
use super::stem::stem;
use super::tokenize::tokenize;
use super::varint;
use crate::data::TaxonomyKind;

/// What a result shows without going back to the content.
#[derive(Clone, Debug, PartialEq)]
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
        (self.date > 0).then_some((self.date / 10_000) as u16)
    }
}

/// One document's occurrences of a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    /// Occurrences per [`Field`].
    pub tf: [u32; 4],
}

impl Posting {
    /// Field-weighted term frequency.
    pub fn weighted_tf(&self) -> f32 {
        self.tf
            .iter()
            .zip(FIELD_WEIGHTS)
            .map(|(&n, w)| n as f32 * w)
            .sum()
    }
}

/// The searchable index. Built natively by [`Index::build`], stored with
/// [`Index::to_bytes`], loaded in the browser with [`Index::from_bytes`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    pub docs: Vec<DocInfo>,
    /// Per taxonomy kind (in [`TaxonomyKind::ALL`] order), the slugs facets refer to.
    pub facet_values: Vec<Vec<String>>,
    /// Sorted, unique.
    pub terms: Vec<String>,
    /// Documents per term.
    pub df: Vec<u32>,
    /// Per term, the byte range of its postings in `postings`.
    pub(super) posting_ranges: Vec<(u32, u32)>,
    pub(super) postings: Vec<u8>,
    /// Per term, the byte range of its positions in `positions`.
    pub(super) position_ranges: Vec<(u32, u32)>,
    pub(super) positions: Vec<u8>,
    pub avg_len: f32,
    /// Per document, the BM25 length normalisation `k1·(1−b+b·len/avg)`;
    /// derived, not stored.
    pub(super) norms: Vec<f32>,
}

/// A term's frequency per field in one document, and its positions.
type Occurrences = ([u32; 4], Vec<u32>);

/// Most terms looked at for words sharing a stem.
const MAX_STEM_SCAN: usize = 2_000;

/// Positions of consecutive fields are kept this far apart, so a phrase
/// never spans two fields.
const FIELD_GAP: u32 = 1_000_000;

impl Index {
    /// Indexes documents.
    pub fn build(docs: &[Document]) -> Index {
        let mut facet_values: Vec<Vec<String>> = vec![Vec::new(); TaxonomyKind::ALL.len()];
        let mut facet_ids: HashMap<(TaxonomyKind, String), u32> = HashMap::new();
        // term -> doc -> (tf per field, positions)
        let mut occurrences: BTreeMap<String, BTreeMap<u32, Occurrences>> = BTreeMap::new();
        let mut infos = Vec::with_capacity(docs.len());
        for (d, doc) in docs.iter().enumerate() {
            let d = d as u32;
            let mut len = 0.0f32;
            let mut title_words = 0;
            for field in [Field::Title, Field::Meta, Field::Lead, Field::Body] {
                let tokens = tokenize(doc.field(field));
                if field == Field::Title {
                    title_words = tokens.len() as u32;
                }
                len += tokens.len() as f32 * FIELD_WEIGHTS[field as usize];
                for (p, token) in tokens.into_iter().enumerate() {
                    let entry = occurrences
                        .entry(token.term)
                        .or_default()
                        .entry(d)
                        .or_default();
                    entry.0[field as usize] += 1;
                    entry.1.push(field as u32 * FIELD_GAP + p as u32);
                }
            }
            let facets = doc
                .facets
                .iter()
                .map(|(kind, slug)| {
                    let k = kind.index();
                    let next = facet_values[k].len() as u32;
                    let id = *facet_ids.entry((*kind, slug.clone())).or_insert_with(|| {
                        facet_values[k].push(slug.clone());
                        next
                    });
                    (*kind, id)
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
        for (term, docs) in occurrences {
            let start = index.postings.len() as u32;
            let pstart = index.positions.len() as u32;
            let mut prev = 0;
            for (&doc, (tf, positions)) in &docs {
                varint::write(&mut index.postings, doc - prev);
                prev = doc;
                encode_tf(&mut index.postings, tf);
                varint::write(&mut index.positions, positions.len() as u32);
                let mut last = 0;
                for &p in positions {
                    varint::write(&mut index.positions, p - last);
                    last = p;
                }
            }
            index
                .posting_ranges
                .push((start, index.postings.len() as u32));
            index
                .position_ranges
                .push((pstart, index.positions.len() as u32));
            index.df.push(docs.len() as u32);
            index.terms.push(term);
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
            + strings(&self.terms)
            + self.df.capacity() * 4
            + (self.posting_ranges.capacity() + self.position_ranges.capacity()) * 8
            + self.postings.capacity()
            + self.positions.capacity()
            + self.norms.capacity() * 4
    }

    /// The id of a term, if indexed.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms
            .binary_search_by(|t| t.as_str().cmp(term))
            .ok()
            .map(|i| i as u32)
    }

    /// The ids of all terms starting with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> std::ops::Range<u32> {
        let start = self.terms.partition_point(|t| t.as_str() < prefix);
        let len = self.terms[start..].partition_point(|t| t.starts_with(prefix));
        start as u32..(start + len) as u32
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
            .filter(|&t| stem(&self.terms[t as usize]) == s)
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
        self.norms = self
            .docs
            .iter()
            .map(|d| {
                super::engine::K1 * (1.0 - super::engine::B + super::engine::B * d.len as f32 / avg)
            })
            .collect();
        self
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
        let tf = decode_tf(&mut self.bytes)?;
        self.doc = self.doc.checked_add(delta)?;
        Some(Posting { doc: self.doc, tf })
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

fn decode_tf(bytes: &mut &[u8]) -> Option<[u32; 4]> {
    let (&packed, rest) = bytes.split_first()?;
    *bytes = rest;
    let mut tf = [0; 4];
    for (i, slot) in tf.iter_mut().enumerate() {
        let n = u32::from((packed >> (2 * i)) & 3);
        *slot = if n == 3 { 3 + varint::read(bytes)? } else { n };
    }
    Some(tf)
}
