//! The index as a query sees it: a root that is always there, and chunks
//! that are either loaded or not. A query that reaches for a chunk that is
//! not loaded notes it as missing and carries on without it; the caller
//! loads what [`Index::take_missing`] lists and asks again. Loaded from
//! every part (as [`Index::build`] does) it answers every query at once.

use std::cell::{Cell, RefCell};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::dictionary::Dictionary;
use super::document::DocKind;
use super::engine::{DocType, Filter, Results};
use super::format::{self, FormatError};
use super::fuzzy::Shape;
use super::parts::Part;
use super::stem::stem;
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
    /// The term's BM25 weight in this document without its idf,
    /// `tf / (tf + k1·(1−b+b·len/avg))`, in 255ths.
    pub impact: u8,
    /// Words in the document's title when the term is one of them, else 0.
    pub title_words: u32,
}

impl Posting {
    pub fn in_title(self) -> bool {
        self.title_words > 0
    }
}

/// What every query reads: the chunk maps and where each type and year of
/// document lies. Documents are numbered by type, then newest first, so a
/// type or a year is a range of ids and ids order ties by date.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Root {
    /// Changes with any byte of any chunk; every chunk carries it, so a
    /// chunk of another build is never mixed in.
    pub generation: u64,
    pub doc_count: u32,
    /// Per [`DocType::slot`], the first id of that type; then `doc_count`.
    pub type_starts: Vec<u32>,
    /// News by year, newest first: (year, first id, end). Ids of news not
    /// in any are undated.
    pub years: Vec<(u16, u32, u32)>,
    /// Per taxonomy kind (in [`TaxonomyKind::ALL`] order), the slugs facets
    /// refer to; a kind's facet chunk lists the documents of each in turn.
    pub facet_values: Vec<Vec<String>>,
    /// The first word of each terms chunk.
    pub terms_first: Vec<String>,
    /// The first term id of each chunk, then the number of terms: for
    /// terms and postings chunks.
    pub terms_starts: Vec<u32>,
    pub postings_starts: Vec<u32>,
    /// The first positions block of each chunk, then the number of blocks.
    pub positions_starts: Vec<u32>,
    pub docs_per_chunk: u32,
}

/// The chunk of a run that holds item `i`, given each chunk's first item
/// and the end.
pub(super) fn chunk_of(starts: &[u32], i: u32) -> Option<usize> {
    let n = starts.len().checked_sub(1)?;
    if i >= *starts.last()? {
        return None;
    }
    let k = starts.partition_point(|&s| s <= i).checked_sub(1)?;
    (k < n).then_some(k)
}

/// Sorted words with what queries need of each.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct TermsChunk {
    pub words: Dictionary,
    pub df: Vec<u32>,
    /// For ruling out typo candidates; derived.
    pub shapes: Vec<Shape>,
}

/// Per term of a run, its bytes (postings or positions).
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct TermData {
    pub ends: Vec<u32>,
    pub bytes: Vec<u8>,
}

impl TermData {
    pub fn get(&self, local: usize) -> &[u8] {
        let start = match local.checked_sub(1) {
            Some(p) => self.ends.get(p).copied(),
            None => Some(0),
        };
        match (start, self.ends.get(local)) {
            (Some(a), Some(&b)) => self.bytes.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Per facet value of one kind, the ids filed under it, ascending.
pub(super) type FacetChunk = Vec<Vec<u32>>;

/// Chunks of one kind by number: a vector, not a map, as numbers are
/// dense and the worker's wasm stays smaller with one kind of container.
#[derive(Debug)]
struct Slots<T>(Vec<Option<Slot<T>>>);

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Slots(Vec::new())
    }
}

impl<T> Slots<T> {
    fn get(&self, k: &u32) -> Option<&Slot<T>> {
        self.0.get(*k as usize)?.as_ref()
    }

    fn insert(&mut self, k: u32, slot: Slot<T>) {
        let k = k as usize;
        if self.0.len() <= k {
            self.0.resize_with(k + 1, || None);
        }
        if let Some(place) = self.0.get_mut(k) {
            *place = Some(slot);
        }
    }

    fn remove(&mut self, k: &u32) -> Option<Slot<T>> {
        self.0.get_mut(*k as usize)?.take()
    }

    fn values(&self) -> impl Iterator<Item = &Slot<T>> {
        self.0.iter().flatten()
    }

    fn iter(&self) -> impl Iterator<Item = (u32, &Slot<T>)> {
        self.0
            .iter()
            .enumerate()
            .filter_map(|(k, s)| Some((k as u32, s.as_ref()?)))
    }
}

/// A loaded chunk, its size and when a query last read it.
#[derive(Debug)]
struct Slot<T> {
    value: T,
    bytes: usize,
    used: Cell<u64>,
}

/// The searchable index. Built natively by [`Index::build`] (or written
/// as files by [`crate::build::build`]), loaded part by part in a browser.
#[derive(Debug, Default)]
pub struct Index {
    pub root: Root,
    terms: Slots<TermsChunk>,
    postings: Slots<TermData>,
    positions: Slots<TermData>,
    docs: Slots<Vec<DocInfo>>,
    facets: Slots<FacetChunk>,
    /// Parts a query reached for that are not loaded.
    missing: RefCell<Vec<Part>>,
    /// Counts reads of parts not loaded, repeats included.
    misses: Cell<u64>,
    /// Counts reads, to know which chunks were least recently used.
    clock: Cell<u64>,
}

/// Rounds of loading [`Index::search_loading`] tries: a query needs its
/// terms, their postings or typo candidates, phrase positions (a round
/// more each time too few of the candidates checked held), hits'
/// documents, facets.
pub const MAX_ROUNDS: usize = 12;

/// Postings per block of word positions: a term's positions are stored in
/// blocks, so checking a phrase in a few documents loads a few blocks, not
/// every position of a frequent word.
pub const POSITIONS_BLOCK: u32 = 16;

/// Most terms looked at for words sharing a stem.
const MAX_STEM_SCAN: usize = 2_000;

impl Index {
    /// An index with only its root loaded.
    pub fn from_root(bytes: &[u8]) -> Result<Index, FormatError> {
        Ok(Index {
            root: format::read_root(bytes)?,
            ..Index::default()
        })
    }

    /// Indexes documents (see [`crate::build::build`]) and loads every
    /// part, for a native caller that wants the whole index in memory.
    pub fn build<D: std::borrow::Borrow<super::document::Document>>(
        docs: impl IntoIterator<Item = D>,
    ) -> Result<Index, FormatError> {
        Index::from_files(&super::build::build(docs).files)
    }

    /// An index loaded from every part's file, the root first.
    pub fn from_files(files: &[(Part, Vec<u8>)]) -> Result<Index, FormatError> {
        let mut parts = files.iter();
        let (Some((Part::Root, root)), rest) = (parts.next(), parts) else {
            return Err(FormatError::Corrupt("the root comes first"));
        };
        let mut index = Index::from_root(root)?;
        for (part, bytes) in rest {
            index.insert(*part, bytes)?;
        }
        Ok(index)
    }

    /// Loads one part, checking it belongs to this index.
    pub fn insert(&mut self, part: Part, bytes: &[u8]) -> Result<(), FormatError> {
        let root = &self.root;
        let (size, now) = (bytes.len(), self.clock.get());
        fn slot<T>(value: T, bytes: usize, now: u64) -> Slot<T> {
            Slot {
                value,
                bytes,
                used: Cell::new(now),
            }
        }
        match part {
            Part::Root => return Err(FormatError::Corrupt("a root is not a chunk")),
            Part::Terms(k) => {
                let chunk = format::read_terms(bytes, root, k)?;
                self.terms.insert(k, slot(chunk, size, now));
            }
            Part::Postings(k) => {
                let chunk = format::read_term_data(bytes, root, Part::Postings(k))?;
                self.postings.insert(k, slot(chunk, size, now));
            }
            Part::Positions(k) => {
                let chunk = format::read_term_data(bytes, root, Part::Positions(k))?;
                self.positions.insert(k, slot(chunk, size, now));
            }
            Part::Docs(k) => {
                let chunk = format::read_docs(bytes, root, k)?;
                self.docs.insert(k, slot(chunk, size, now));
            }
            Part::Facets(k) => {
                let chunk = format::read_facets(bytes, root, k)?;
                self.facets.insert(k, slot(chunk, size, now));
            }
        }
        self.missing.borrow_mut().retain(|&p| p != part);
        Ok(())
    }

    /// Answers a query as the browser's worker does, for a native caller
    /// holding the files: runs it (with its hits' documents), loads what it
    /// reached for through `load`, and runs it again, until nothing more is
    /// missing or `load` has none of it. Returns the results and the rounds
    /// of loading; [`Index::take_missing`] then lists what `load` lacked.
    pub fn search_loading<'a>(
        &mut self,
        input: &str,
        filters: &[Filter],
        (offset, limit): (usize, usize),
        mut load: impl FnMut(Part) -> Option<&'a [u8]>,
    ) -> Result<(Results, usize), FormatError> {
        let mut rounds = 0;
        loop {
            let results = self.search(input, filters, offset, limit);
            for hit in &results.hits {
                self.doc(hit.doc);
            }
            let missing = self.take_missing();
            let found: Vec<(Part, &[u8])> = missing
                .iter()
                .filter_map(|&part| Some((part, load(part)?)))
                .collect();
            if found.is_empty() || rounds == MAX_ROUNDS {
                *self.missing.borrow_mut() = missing;
                return Ok((results, rounds));
            }
            for (part, bytes) in found {
                self.insert(part, bytes)?;
            }
            rounds += 1;
        }
    }

    /// The parts queries since the last call reached for and did not find,
    /// in a stable order.
    pub fn take_missing(&self) -> Vec<Part> {
        let mut missing = std::mem::take(&mut *self.missing.borrow_mut());
        missing.sort_unstable();
        missing
    }

    /// Bytes of the chunks loaded (as stored).
    pub fn loaded_bytes(&self) -> usize {
        fn sum<T>(m: &Slots<T>) -> usize {
            m.values().map(|s| s.bytes).sum()
        }
        sum(&self.terms)
            + sum(&self.postings)
            + sum(&self.positions)
            + sum(&self.docs)
            + sum(&self.facets)
    }

    /// Drops the least recently read chunks until at most `budget` bytes
    /// of them stay loaded.
    pub fn evict_to(&mut self, budget: usize) {
        let mut loaded = self.loaded_bytes();
        if loaded <= budget {
            return;
        }
        fn ages<T>(m: &Slots<T>, part: fn(u32) -> Part) -> Vec<(u64, Part, usize)> {
            m.iter()
                .map(|(k, s)| (s.used.get(), part(k), s.bytes))
                .collect()
        }
        let mut all = ages(&self.terms, Part::Terms);
        all.extend(ages(&self.postings, Part::Postings));
        all.extend(ages(&self.positions, Part::Positions));
        all.extend(ages(&self.docs, Part::Docs));
        all.extend(ages(&self.facets, Part::Facets));
        all.sort_unstable();
        for (_, part, bytes) in all {
            if loaded <= budget {
                break;
            }
            match part {
                Part::Root => continue,
                Part::Terms(k) => self.terms.remove(&k).map(drop),
                Part::Postings(k) => self.postings.remove(&k).map(drop),
                Part::Positions(k) => self.positions.remove(&k).map(drop),
                Part::Docs(k) => self.docs.remove(&k).map(drop),
                Part::Facets(k) => self.facets.remove(&k).map(drop),
            };
            loaded -= bytes;
        }
    }

    fn read<'a, T>(&self, map: &'a Slots<T>, part: Part, k: u32) -> Option<&'a T> {
        match map.get(&k) {
            Some(slot) => {
                let now = self.clock.get() + 1;
                self.clock.set(now);
                slot.used.set(now);
                Some(&slot.value)
            }
            None => {
                self.misses.set(self.misses.get() + 1);
                let mut missing = self.missing.borrow_mut();
                if !missing.contains(&part) {
                    missing.push(part);
                }
                None
            }
        }
    }

    /// How many reads have found a part not loaded: unchanged across a
    /// lookup means its answer is final, not waiting for a part.
    pub(super) fn misses(&self) -> u64 {
        self.misses.get()
    }

    /// The number of documents.
    pub fn doc_count(&self) -> usize {
        self.root.doc_count as usize
    }

    /// What a result shows of document `d`; `None` (noted as missing) when
    /// its chunk is not loaded.
    pub fn doc(&self, d: u32) -> Option<&DocInfo> {
        let per = self.root.docs_per_chunk.max(1);
        let k = d / per;
        self.read(&self.docs, Part::Docs(k), k)?
            .get((d % per) as usize)
    }

    /// The terms chunk holding the words from `word` on.
    fn terms_chunk_of(&self, word: &str) -> usize {
        self.root
            .terms_first
            .partition_point(|first| first.as_str() <= word)
            .saturating_sub(1)
    }

    fn terms_chunk(&self, k: usize) -> Option<(u32, &TermsChunk)> {
        let start = *self.root.terms_starts.get(k)?;
        let k = k as u32;
        Some((start, self.read(&self.terms, Part::Terms(k), k)?))
    }

    /// A term's chunk and its place in it.
    fn term_entry(&self, t: u32) -> Option<(&TermsChunk, usize)> {
        let k = chunk_of(&self.root.terms_starts, t)?;
        let (start, chunk) = self.terms_chunk(k)?;
        Some((chunk, (t - start) as usize))
    }

    /// The id of a term, if indexed (and its chunk loaded).
    pub fn term_id(&self, word: &str) -> Option<u32> {
        let k = self.terms_chunk_of(word);
        let (start, chunk) = self.terms_chunk(k)?;
        chunk.words.find(word).map(|t| start + t)
    }

    /// A term by id.
    pub fn term(&self, t: u32) -> Option<&str> {
        let (chunk, i) = self.term_entry(t)?;
        chunk.words.get(i as u32)
    }

    /// The number of documents holding a term.
    pub fn df(&self, t: u32) -> u32 {
        self.term_entry(t)
            .and_then(|(chunk, i)| chunk.df.get(i).copied())
            .unwrap_or(0)
    }

    pub(super) fn shape(&self, t: u32) -> Option<Shape> {
        let (chunk, i) = self.term_entry(t)?;
        chunk.shapes.get(i).copied()
    }

    /// The ids of all terms starting with `prefix`; empty until every
    /// chunk they may be in is loaded.
    pub fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let first = self.terms_chunk_of(prefix);
        let last = self
            .root
            .terms_first
            .iter()
            .enumerate()
            .skip(first + 1)
            .take_while(|(_, w)| w.starts_with(prefix))
            .last()
            .map_or(first, |(k, _)| k);
        let chunks: Vec<Option<(u32, &TermsChunk)>> =
            (first..=last).map(|k| self.terms_chunk(k)).collect();
        let (Some(Some((a, head))), Some(Some((b, tail)))) = (chunks.first(), chunks.last()) else {
            return 0..0;
        };
        if chunks.iter().any(Option::is_none) {
            return 0..0;
        }
        let start = a + head.words.prefix_range(prefix).start;
        let end = b + tail.words.prefix_range(prefix).end;
        start..end.max(start)
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
            .filter(|&t| self.term(t).is_some_and(|w| stem(w) == s))
            .collect()
    }

    /// The postings of a term, decoded as they are read; none while its
    /// chunk is not loaded.
    pub fn postings(&self, t: u32) -> PostingIter<'_> {
        let mut bytes = self.postings_entry(t);
        // The first positions block comes first.
        varint::read(&mut bytes);
        PostingIter { bytes, doc: 0 }
    }

    fn postings_entry(&self, t: u32) -> &[u8] {
        self.term_bytes(
            &self.postings,
            &self.root.postings_starts,
            Part::Postings,
            t,
        )
        .unwrap_or(&[])
    }

    fn term_bytes<'a>(
        &self,
        map: &'a Slots<TermData>,
        starts: &[u32],
        part: fn(u32) -> Part,
        t: u32,
    ) -> Option<&'a [u8]> {
        let k = chunk_of(starts, t)?;
        let start = *starts.get(k)?;
        let k = k as u32;
        Some(self.read(map, part(k), k)?.get((t - start) as usize))
    }

    /// The positions block holding term `t`'s `nth` posting, and where in
    /// it that posting is; none while the term's postings are not loaded.
    fn block_of(&self, t: u32, nth: u32) -> Option<(u32, u32)> {
        let first = varint::read(&mut self.postings_entry(t))?;
        Some((first + nth / POSITIONS_BLOCK, nth % POSITIONS_BLOCK))
    }

    /// The part holding the positions of term `t` in the document of its
    /// `nth` posting (for deciding what a phrase check would load).
    pub fn positions_part(&self, t: u32, nth: u32) -> Option<Part> {
        let (block, _) = self.block_of(t, nth)?;
        let k = chunk_of(&self.root.positions_starts, block)?;
        Some(Part::Positions(k as u32))
    }

    /// Whether a part is loaded.
    pub fn is_loaded(&self, part: Part) -> bool {
        match part {
            Part::Root => true,
            Part::Terms(k) => self.terms.get(&k).is_some(),
            Part::Postings(k) => self.postings.get(&k).is_some(),
            Part::Positions(k) => self.positions.get(&k).is_some(),
            Part::Docs(k) => self.docs.get(&k).is_some(),
            Part::Facets(k) => self.facets.get(&k).is_some(),
        }
    }

    /// The positions of term `t` in the document of its `nth` posting,
    /// ascending; `None` (noted as missing) while their block is not loaded.
    pub fn positions_at(&self, t: u32, nth: u32) -> Option<Vec<u32>> {
        let (block, skip) = self.block_of(t, nth)?;
        let mut bytes = self.term_bytes(
            &self.positions,
            &self.root.positions_starts,
            Part::Positions,
            block,
        )?;
        for _ in 0..skip {
            let n = varint::read(&mut bytes)?;
            for _ in 0..n {
                varint::read(&mut bytes)?;
            }
        }
        let n = varint::read(&mut bytes)?;
        let mut last = 0;
        (0..n)
            .map(|_| {
                last += varint::read(&mut bytes)?;
                Some(last)
            })
            .collect()
    }

    /// The ids of one type of document.
    pub(super) fn type_range(&self, t: DocType) -> Range<u32> {
        let s = usize::from(t.slot());
        match (
            self.root.type_starts.get(s),
            self.root.type_starts.get(s + 1),
        ) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }

    /// The ids of news dated in a year.
    pub(super) fn year_range(&self, year: u16) -> Range<u32> {
        self.root
            .years
            .iter()
            .find(|y| y.0 == year)
            .map_or(0..0, |&(_, a, b)| a..b)
    }

    /// The slug a facet id of a kind stands for.
    pub fn facet_value(&self, kind: TaxonomyKind, id: u32) -> Option<&str> {
        self.root
            .facet_values
            .get(kind.index())?
            .get(id as usize)
            .map(String::as_str)
    }

    /// The documents filed under each term of a kind; `None` (noted as
    /// missing) while not loaded, empty for a kind without terms.
    pub(super) fn facet_docs(&self, kind: TaxonomyKind) -> Option<&FacetChunk> {
        static NONE: FacetChunk = Vec::new();
        let k = kind.index() as u32;
        if self
            .root
            .facet_values
            .get(kind.index())
            .is_none_or(Vec::is_empty)
        {
            return Some(&NONE);
        }
        self.read(&self.facets, Part::Facets(k), k)
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
        let head = varint::read(&mut self.bytes)?;
        let (&impact, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        let title_words = if head & 1 == 1 {
            varint::read(&mut self.bytes)?
        } else {
            0
        };
        self.doc = self.doc.checked_add(head >> 1)?;
        Some(Posting {
            doc: self.doc,
            impact,
            title_words,
        })
    }
}

/// Appends one posting: the id's gap from the last one shifted left with
/// a title flag, the impact, and the title's length in words when flagged.
pub(super) fn write_posting(out: &mut Vec<u8>, gap: u32, impact: u8, title_words: u32) {
    varint::write(out, gap << 1 | u32::from(title_words > 0));
    out.push(impact);
    if title_words > 0 {
        varint::write(out, title_words);
    }
}
