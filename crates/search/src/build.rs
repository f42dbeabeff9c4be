//! Indexing documents into the parts a browser loads one by one.

use std::borrow::Borrow;
use std::collections::HashMap;

use super::document::{DocKind, Document, FIELD_WEIGHTS, Field};
use super::engine::{B, DocType, K1};
use super::format::{self, front_code, put_str};
use super::index::{POSITIONS_BLOCK, Root, write_posting};
use super::parts::Part;
use super::tokenize::tokenize;
use super::varint;
use newsroom_content::TaxonomyKind;

/// A terms chunk closes once its payload reaches this many bytes: a few
/// hundred words, so a word's chunk costs a few KB.
const TERMS_CHUNK: usize = 4 << 10;
/// A postings chunk closes at this size (a frequent term's postings may
/// make it larger on their own).
const POSTINGS_CHUNK: usize = 16 << 10;
/// Positions chunks close at this size: a phrase checks its best
/// candidates one by one, each costing a chunk per word.
const POSITIONS_CHUNK: usize = 4 << 10;
/// Documents per docs chunk: a page of hits is spread over the archive,
/// so each shown hit costs the fetch of its chunk.
const DOCS_PER_CHUNK: u32 = 16;

/// Positions of consecutive fields are kept this far apart, so a phrase
/// never spans two fields.
const FIELD_GAP: u32 = 1_000_000;

/// An index written as its parts' files, with what it holds.
pub struct Built {
    /// Every part with its file's bytes, the root first.
    pub files: Vec<(Part, Vec<u8>)>,
    pub documents: usize,
    pub terms: usize,
}

/// One term's postings and positions in the order documents came, encoded
/// while they come: the archive's occurrences are never all held at once.
struct TermBuild {
    term: String,
    /// Per posting: the arrival id's gap shifted left with a title flag,
    /// and the field-weighted frequency.
    postings: Vec<u8>,
    /// Per posting: a count and gaps.
    positions: Vec<u8>,
    df: u32,
    last_doc: u32,
}

/// What is kept of a document while the rest comes.
struct Stored {
    kind: DocKind,
    slug: String,
    title: String,
    lead: String,
    date: u32,
    len: f32,
    title_words: u32,
    facets: Vec<(TaxonomyKind, u32)>,
}

/// Indexes documents, taking them one at a time (an archive's are never
/// all needed at once: see [`crate::document::each_document`]), in any
/// order: they are numbered by type, then newest first.
pub fn build<D: Borrow<Document>>(docs: impl IntoIterator<Item = D>) -> Built {
    let mut facet_values: Vec<Vec<String>> = vec![Vec::new(); TaxonomyKind::ALL.len()];
    let mut facet_ids: HashMap<(TaxonomyKind, String), u32> = HashMap::new();
    let mut terms: Vec<TermBuild> = Vec::new();
    let mut term_ids: HashMap<String, u32> = HashMap::new();
    let mut stored: Vec<Stored> = Vec::new();
    for (a, doc) in docs.into_iter().enumerate() {
        let doc = doc.borrow();
        let a = a as u32;
        let mut len = 0.0f32;
        let mut title_words = 0;
        // This document's terms: frequency per field, and positions.
        let mut here: HashMap<u32, ([u32; 4], Vec<u32>)> = HashMap::new();
        let fields = [Field::Title, Field::Meta, Field::Lead, Field::Body];
        for (field, weight) in fields.into_iter().zip(FIELD_WEIGHTS) {
            let tokens = tokenize(doc.field(field));
            if field == Field::Title {
                title_words = tokens.len() as u32;
            }
            len += tokens.len() as f32 * weight;
            for (p, token) in tokens.into_iter().enumerate() {
                let id = match term_ids.get(&token.term) {
                    Some(&id) => id,
                    None => {
                        let id = terms.len() as u32;
                        term_ids.insert(token.term.clone(), id);
                        terms.push(TermBuild {
                            term: token.term,
                            postings: Vec::new(),
                            positions: Vec::new(),
                            df: 0,
                            last_doc: 0,
                        });
                        id
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
            let Some(term) = terms.get_mut(id as usize) else {
                continue;
            };
            let weighted: f32 = tf
                .iter()
                .zip(FIELD_WEIGHTS)
                .map(|(&n, w)| n as f32 * w)
                .sum();
            varint::write(
                &mut term.postings,
                (a - term.last_doc) << 1 | u32::from(tf[0] > 0),
            );
            varint::write(&mut term.postings, weighted as u32);
            term.last_doc = a;
            term.df += 1;
            varint::write(&mut term.positions, positions.len() as u32);
            let mut last = 0;
            for p in positions {
                varint::write(&mut term.positions, p - last);
                last = p;
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
        stored.push(Stored {
            kind: doc.kind,
            slug: doc.slug.clone(),
            title: doc.title.clone(),
            lead: doc.lead.clone(),
            date: doc.date,
            len: len.round(),
            title_words,
            facets,
        });
    }
    drop(term_ids);
    drop(facet_ids);

    // Ids by type, then newest first, then as given.
    let slot = |s: &Stored| DocType::from(s.kind).slot();
    let mut order: Vec<u32> = (0..stored.len() as u32).collect();
    order.sort_by_key(|&a| {
        let s = stored.get(a as usize);
        (s.map(slot), std::cmp::Reverse(s.map_or(0, |s| s.date)), a)
    });
    let mut id_of = vec![0u32; stored.len()];
    for (new, &a) in order.iter().enumerate() {
        if let Some(slot) = id_of.get_mut(a as usize) {
            *slot = new as u32;
        }
    }
    let avg = (stored.iter().map(|s| s.len).sum::<f32>() / stored.len().max(1) as f32).max(1.0);
    let norms: Vec<f32> = stored
        .iter()
        .map(|s| K1 * (1.0 - B + B * s.len / avg))
        .collect();

    let mut out = Writer::new();
    terms.sort_unstable_by(|a, b| a.term.cmp(&b.term));
    let n_terms = terms.len();
    for term in terms {
        out.add_term(term, &id_of, &norms, &stored);
    }
    out.close_terms();

    let mut per_type = [0u32; DocType::SLOTS];
    let mut years: Vec<(u16, u32, u32)> = Vec::new();
    for (new, &a) in order.iter().enumerate() {
        let Some(s) = stored.get(a as usize) else {
            continue;
        };
        let new = new as u32;
        if let Some(n) = per_type.get_mut(usize::from(slot(s))) {
            *n += 1;
        }
        if slot(s) == DocType::News.slot()
            && let Some(year) = super::engine::year(s.date)
        {
            match years.last_mut() {
                Some(last) if last.0 == year => last.2 = new + 1,
                _ => years.push((year, new, new + 1)),
            }
        }
        out.add_doc(s);
    }
    out.close_docs();
    let type_starts: Vec<u32> = std::iter::once(0)
        .chain(per_type.iter().scan(0, |at, n| {
            *at += n;
            Some(*at)
        }))
        .collect();

    let mut filed: Vec<Vec<Vec<u32>>> = facet_values
        .iter()
        .map(|v| vec![Vec::new(); v.len()])
        .collect();
    for (s, &new) in stored.iter().zip(&id_of) {
        for &(kind, id) in &s.facets {
            if let Some(list) = filed
                .get_mut(kind.index())
                .and_then(|k| k.get_mut(id as usize))
            {
                list.push(new);
            }
        }
    }
    for (k, lists) in filed.iter_mut().enumerate() {
        if lists.is_empty() {
            continue;
        }
        let mut file = format::header(Part::Facets(k as u32), 0);
        for list in lists.iter_mut() {
            list.sort_unstable();
            list.dedup();
            varint::write(&mut file, list.len() as u32);
            let mut last = 0;
            for &d in list.iter() {
                varint::write(&mut file, d - last);
                last = d;
            }
        }
        out.files.push((Part::Facets(k as u32), file));
    }

    let mut root = Root {
        generation: 0,
        doc_count: stored.len() as u32,
        type_starts,
        years,
        facet_values,
        terms_first: out.terms_first,
        terms_starts: out.terms_starts,
        postings_starts: out.postings.starts,
        positions_starts: out.positions.starts,
        docs_per_chunk: DOCS_PER_CHUNK,
    };
    let mut root_file = format::header(Part::Root, 0);
    root_file.extend_from_slice(&format::root_payload(&root));
    let mut files = vec![(Part::Root, root_file)];
    files.append(&mut out.files);
    // The generation is a hash of every file as written with none.
    let mut hash = Fnv::default();
    for (_, file) in &files {
        hash.write(file);
    }
    root.generation = hash.0;
    for (_, file) in &mut files {
        format::set_generation(file, root.generation);
    }
    Built {
        files,
        documents: stored.len(),
        terms: n_terms,
    }
}

/// FNV-1a, 64 bits: a generation only has to differ between builds.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Cuts terms, postings, positions and documents into chunks as they come.
struct Writer {
    files: Vec<(Part, Vec<u8>)>,
    terms_first: Vec<String>,
    terms_starts: Vec<u32>,
    /// Terms so far.
    n: u32,
    terms: Vec<u8>,
    prev: String,
    postings: Run,
    positions: Run,
    /// Positions blocks so far, and the open one.
    blocks: u32,
    block: Vec<u8>,
    docs: Vec<u8>,
    docs_in_chunk: u32,
    doc_chunks: u32,
}

/// Postings (per term) or positions (per block): the open chunk's entries
/// and the chunk map.
struct Run {
    part: fn(u32) -> Part,
    /// A chunk closes once its data reaches this size.
    target: usize,
    lengths: Vec<u8>,
    data: Vec<u8>,
    /// The first entry of each chunk, then (once closed) the entry count.
    starts: Vec<u32>,
}

impl Writer {
    fn new() -> Writer {
        Writer {
            files: Vec::new(),
            terms_first: Vec::new(),
            terms_starts: Vec::new(),
            n: 0,
            terms: Vec::new(),
            prev: String::new(),
            postings: Run::new(Part::Postings, POSTINGS_CHUNK),
            positions: Run::new(Part::Positions, POSITIONS_CHUNK),
            blocks: 0,
            block: Vec::new(),
            docs: Vec::new(),
            docs_in_chunk: 0,
            doc_chunks: 0,
        }
    }

    fn add_term(&mut self, term: TermBuild, id_of: &[u32], norms: &[f32], stored: &[Stored]) {
        if self.terms.is_empty() {
            self.terms_starts.push(self.n);
            self.terms_first.push(term.term.clone());
            self.prev.clear();
        }
        front_code(&mut self.terms, &self.prev, &term.term);
        varint::write(&mut self.terms, term.df);
        self.prev.clone_from(&term.term);

        // Postings and positions in new id order.
        let mut entries: Vec<(u32, u8, u32, std::ops::Range<usize>)> =
            Vec::with_capacity(term.df as usize);
        let (mut p, mut q) = (term.postings.as_slice(), term.positions.as_slice());
        let mut a = 0u32;
        let total = q.len();
        while let (Some(head), Some(weighted)) = (varint::read(&mut p), varint::read(&mut p)) {
            a += head >> 1;
            let start = total - q.len();
            let count = varint::read(&mut q).unwrap_or(0);
            for _ in 0..count {
                varint::read(&mut q);
            }
            let tf = weighted as f32;
            let norm = norms.get(a as usize).copied().unwrap_or(K1);
            let impact = (255.0 * tf / (tf + norm)).round().clamp(1.0, 255.0) as u8;
            let title_words = if head & 1 == 1 {
                stored.get(a as usize).map_or(0, |s| s.title_words.max(1))
            } else {
                0
            };
            let new = id_of.get(a as usize).copied().unwrap_or(0);
            entries.push((new, impact, title_words, start..total - q.len()));
        }
        if !entries.is_sorted_by_key(|e| e.0) {
            entries.sort_unstable_by_key(|e| e.0);
        }
        // The postings start with the term's first positions block.
        let mut postings = Vec::new();
        varint::write(&mut postings, self.blocks);
        let mut last = 0;
        for (i, (new, impact, title_words, range)) in entries.into_iter().enumerate() {
            write_posting(&mut postings, new - last, impact, title_words);
            last = new;
            if i > 0 && (i as u32).is_multiple_of(POSITIONS_BLOCK) {
                self.add_block();
            }
            self.block
                .extend_from_slice(term.positions.get(range).unwrap_or(&[]));
        }
        self.add_block();
        drop(term);
        self.n += 1;
        self.postings.add(&postings, self.n, &mut self.files);
        if self.terms.len() >= TERMS_CHUNK {
            self.close_terms_chunk();
        }
    }

    /// Closes the open positions block.
    fn add_block(&mut self) {
        self.blocks += 1;
        self.positions
            .add(&self.block, self.blocks, &mut self.files);
        self.block.clear();
    }

    fn close_terms_chunk(&mut self) {
        if self.terms.is_empty() {
            return;
        }
        let k = self.terms_starts.len() as u32 - 1;
        let mut file = format::header(Part::Terms(k), self.terms.len());
        file.append(&mut self.terms);
        self.files.push((Part::Terms(k), file));
    }

    /// Closes the last chunks and ends every chunk map with the term count.
    fn close_terms(&mut self) {
        self.close_terms_chunk();
        self.postings.close(self.n, &mut self.files);
        self.positions.close(self.blocks, &mut self.files);
        self.terms_starts.push(self.n);
    }

    /// Adds the next document to the open docs chunk.
    fn add_doc(&mut self, s: &Stored) {
        if self.docs_in_chunk == DOCS_PER_CHUNK {
            self.close_docs();
        }
        self.docs.push(s.kind.code());
        put_str(&mut self.docs, &s.slug);
        put_str(&mut self.docs, &s.title);
        put_str(&mut self.docs, &s.lead);
        varint::write(&mut self.docs, s.date);
        self.docs_in_chunk += 1;
    }

    fn close_docs(&mut self) {
        if self.docs_in_chunk == 0 {
            return;
        }
        let k = self.doc_chunks;
        let mut file = format::header(Part::Docs(k), self.docs.len() + 4);
        varint::write(&mut file, self.docs_in_chunk);
        file.append(&mut self.docs);
        self.files.push((Part::Docs(k), file));
        self.doc_chunks += 1;
        self.docs_in_chunk = 0;
    }
}

impl Run {
    fn new(part: fn(u32) -> Part, target: usize) -> Run {
        Run {
            part,
            target,
            lengths: Vec::new(),
            data: Vec::new(),
            starts: vec![0],
        }
    }

    /// Adds the next entry's bytes; `n` entries are then written.
    fn add(&mut self, bytes: &[u8], n: u32, files: &mut Vec<(Part, Vec<u8>)>) {
        varint::write(&mut self.lengths, bytes.len() as u32);
        self.data.extend_from_slice(bytes);
        if self.data.len() >= self.target {
            self.close(n, files);
        }
    }

    /// Writes the open chunk, which ends before entry `n`.
    fn close(&mut self, n: u32, files: &mut Vec<(Part, Vec<u8>)>) {
        if self.lengths.is_empty() {
            return;
        }
        let part = (self.part)(self.starts.len() as u32 - 1);
        let mut file = format::header(part, self.lengths.len() + self.data.len());
        file.append(&mut self.lengths);
        file.append(&mut self.data);
        files.push((part, file));
        self.starts.push(n);
    }
}
