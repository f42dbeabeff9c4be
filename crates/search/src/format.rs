//! The index's files: a compact binary encoding of each [`Part`].
//!
//! Every file starts with four magic bytes (`NWS` and a letter per part),
//! the format version (one byte) and the build's generation (u64, little
//! endian); a chunk then has its number. All integers after that are
//! LEB128 varints, strings a length and UTF-8 bytes.
//!
//! - root (`NWSR`): document count; the first id of each document type
//!   and the count; per year of news (newest first) the year and its
//!   number of documents; per taxonomy kind its facet slugs; the terms
//!   chunks (count, then per chunk its first word, front coded against the
//!   previous chunk's, and its number of terms); the postings and the
//!   positions chunks (count, then terms per chunk); documents per chunk.
//! - terms (`NWST`): count, then per term the length of the prefix shared
//!   with the previous term, the rest and its document frequency.
//! - postings (`NWSO`) and positions (`NWSP`): per term of the chunk the
//!   byte length of its data, then the data. A posting is the doc id gap
//!   shifted left with a title flag, the impact byte and, when flagged, the
//!   title's length in words; positions are per posting a count and gaps.
//! - docs (`NWSD`): count, then per document its kind (byte), slug, title,
//!   lead and date (`YYYYMMDD`, 0 = none).
//! - facets (`NWSF`): per slug of the kind, a count and the doc id gaps.

use super::document::DocKind;
use super::fuzzy::Shape;
use super::index::{DocInfo, FacetChunk, Root, TermData, TermsChunk};
use super::parts::Part;
use super::varint;
use newsroom_content::TaxonomyKind;

const VERSION: u8 = 3;
/// Most documents an index may hold, a hundred times the largest archive
/// measured.
const MAX_DOCS: u32 = 1 << 24;

/// Why an index file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not a search index file (wrong magic bytes)")]
    Magic,
    #[error("search index version {0} is not supported (expected {VERSION})")]
    Version(u8),
    #[error("the file belongs to another build of the search index")]
    Generation,
    #[error("search index is cut off or corrupt ({0})")]
    Corrupt(&'static str),
}

impl FormatError {
    /// Whether the site was rebuilt since the root was read: loading the
    /// root again mends it.
    pub fn is_stale(&self) -> bool {
        matches!(self, FormatError::Generation)
    }
}

fn magic(part: Part) -> &'static [u8; 4] {
    match part {
        Part::Root => b"NWSR",
        Part::Terms(_) => b"NWST",
        Part::Postings(_) => b"NWSO",
        Part::Positions(_) => b"NWSP",
        Part::Docs(_) => b"NWSD",
        Part::Facets(_) => b"NWSF",
    }
}

fn number(part: Part) -> Option<u32> {
    match part {
        Part::Root => None,
        Part::Terms(k)
        | Part::Postings(k)
        | Part::Positions(k)
        | Part::Docs(k)
        | Part::Facets(k) => Some(k),
    }
}

pub(super) fn put_str(out: &mut Vec<u8>, s: &str) {
    varint::write(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// Where the generation sits in every file.
const GENERATION_AT: std::ops::Range<usize> = 5..13;

/// A part's header with generation 0, to append the payload to and set
/// the generation in once every part is known.
pub(super) fn header(part: Part, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity + 18);
    out.extend_from_slice(magic(part));
    out.push(VERSION);
    out.extend_from_slice(&0u64.to_le_bytes());
    if let Some(k) = number(part) {
        varint::write(&mut out, k);
    }
    out
}

/// Sets the generation of a file made by [`header`].
pub(super) fn set_generation(file: &mut [u8], generation: u64) {
    if let Some(at) = file.get_mut(GENERATION_AT) {
        at.copy_from_slice(&generation.to_le_bytes());
    }
}

/// Writes `word` as the length of the prefix it shares with `prev` (cut
/// at a character boundary) and the rest.
pub(super) fn front_code(out: &mut Vec<u8>, prev: &str, word: &str) {
    let shared = prev
        .bytes()
        .zip(word.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let shared = (0..=shared)
        .rev()
        .find(|&i| word.is_char_boundary(i))
        .unwrap_or(0);
    varint::write(out, shared as u32);
    put_str(out, word.get(shared..).unwrap_or(word));
}

/// Encodes the root's payload.
pub(super) fn root_payload(root: &Root) -> Vec<u8> {
    let mut out = Vec::new();
    varint::write(&mut out, root.doc_count);
    for &s in &root.type_starts {
        varint::write(&mut out, s);
    }
    varint::write(&mut out, root.years.len() as u32);
    for &(year, a, b) in &root.years {
        varint::write(&mut out, u32::from(year));
        varint::write(&mut out, b - a);
    }
    for values in &root.facet_values {
        varint::write(&mut out, values.len() as u32);
        for v in values {
            put_str(&mut out, v);
        }
    }
    varint::write(&mut out, root.terms_first.len() as u32);
    let mut prev = "";
    for (first, w) in root.terms_first.iter().zip(root.terms_starts.windows(2)) {
        front_code(&mut out, prev, first);
        if let [a, b] = w {
            varint::write(&mut out, b - a);
        }
        prev = first;
    }
    for starts in [&root.postings_starts, &root.positions_starts] {
        varint::write(&mut out, starts.len().saturating_sub(1) as u32);
        for w in starts.windows(2) {
            if let [a, b] = w {
                varint::write(&mut out, b - a);
            }
        }
    }
    varint::write(&mut out, root.docs_per_chunk);
    out
}

/// Decodes the root, checking its ranges fit together.
pub fn read_root(bytes: &[u8]) -> Result<Root, FormatError> {
    let mut r = Reader { bytes };
    let generation = r.header(Part::Root)?;
    let doc_count = r.varint("document count")?;
    // Queries keep a score per document: a root claiming billions must not
    // make them allocate it.
    if doc_count > MAX_DOCS {
        return Err(FormatError::Corrupt("document count"));
    }
    let slots = 1 + TaxonomyKind::ALL.len();
    let mut type_starts = Vec::with_capacity(slots + 1);
    for _ in 0..=slots {
        let s = r.varint("type start")?;
        if s > doc_count || type_starts.last().is_some_and(|&l| s < l) {
            return Err(FormatError::Corrupt("type start"));
        }
        type_starts.push(s);
    }
    if type_starts.first() != Some(&0) || type_starts.last() != Some(&doc_count) {
        return Err(FormatError::Corrupt("type ranges"));
    }
    let news_end = type_starts.get(1).copied().unwrap_or(0);
    let n_years = r.count("year count")?;
    let mut years = Vec::with_capacity(n_years);
    let mut at = 0u32;
    for _ in 0..n_years {
        let year = u16::try_from(r.varint("year")?).map_err(|_| FormatError::Corrupt("year"))?;
        let n = r.varint("year size")?;
        let end = at
            .checked_add(n)
            .filter(|&e| e <= news_end)
            .ok_or(FormatError::Corrupt("year size"))?;
        years.push((year, at, end));
        at = end;
    }
    let mut facet_values = Vec::with_capacity(TaxonomyKind::ALL.len());
    for _ in TaxonomyKind::ALL {
        let n = r.count("facet values")?;
        facet_values.push(
            (0..n)
                .map(|_| r.string("facet value"))
                .collect::<Result<Vec<_>, _>>()?,
        );
    }
    let n = r.count("terms chunks")?;
    let mut terms_first: Vec<String> = Vec::with_capacity(n);
    let mut terms_starts = vec![0u32];
    for _ in 0..n {
        let word = r.front_coded(terms_first.last().map_or("", String::as_str))?;
        if terms_first.last().is_some_and(|last| *last >= word) {
            return Err(FormatError::Corrupt("terms chunk order"));
        }
        terms_first.push(word);
        terms_starts.push(r.run(&terms_starts)?);
    }
    let total = terms_starts.last().copied().unwrap_or(0);
    // Postings chunks hold terms; positions chunks hold blocks, at least
    // one per term.
    let mut runs = |covers: fn(u32, u32) -> bool| -> Result<Vec<u32>, FormatError> {
        let n = r.count("chunk count")?;
        let mut starts = vec![0u32];
        for _ in 0..n {
            starts.push(r.run(&starts)?);
        }
        if !covers(starts.last().copied().unwrap_or(0), total) {
            return Err(FormatError::Corrupt("chunks do not cover the terms"));
        }
        Ok(starts)
    };
    let postings_starts = runs(|end, terms| end == terms)?;
    let positions_starts = runs(|end, terms| end >= terms)?;
    let docs_per_chunk = r.varint("documents per chunk")?;
    if docs_per_chunk == 0 {
        return Err(FormatError::Corrupt("documents per chunk"));
    }
    r.end()?;
    Ok(Root {
        generation,
        doc_count,
        type_starts,
        years,
        facet_values,
        terms_first,
        terms_starts,
        postings_starts,
        positions_starts,
        docs_per_chunk,
    })
}

/// Opens a chunk of `root`, checking its header and returning its body.
fn open<'a>(bytes: &'a [u8], root: &Root, part: Part) -> Result<Reader<'a>, FormatError> {
    let mut r = Reader { bytes };
    if r.header(part)? != root.generation {
        return Err(FormatError::Generation);
    }
    if Some(r.varint("chunk number")?) != number(part) {
        return Err(FormatError::Corrupt("chunk number"));
    }
    Ok(r)
}

/// The size of chunk `k` of a run.
fn run_len(starts: &[u32], k: u32) -> Result<usize, FormatError> {
    let k = k as usize;
    match (starts.get(k), starts.get(k + 1)) {
        (Some(a), Some(b)) => Ok((b - a) as usize),
        _ => Err(FormatError::Corrupt("no such chunk")),
    }
}

pub(super) fn read_terms(bytes: &[u8], root: &Root, k: u32) -> Result<TermsChunk, FormatError> {
    let mut r = open(bytes, root, Part::Terms(k))?;
    let n = run_len(&root.terms_starts, k)?;
    let mut chunk = TermsChunk::default();
    for _ in 0..n {
        let word = r.front_coded(chunk.words.last().unwrap_or(""))?;
        let in_order = match chunk.words.last() {
            Some(last) => *last < *word,
            None => root.terms_first.get(k as usize) == Some(&word),
        };
        if !in_order {
            return Err(FormatError::Corrupt("dictionary order"));
        }
        chunk.shapes.push(Shape::of(&word));
        chunk.words.push(&word);
        chunk.df.push(r.varint("document frequency")?);
    }
    r.end()?;
    Ok(chunk)
}

pub(super) fn read_term_data(
    bytes: &[u8],
    root: &Root,
    part: Part,
) -> Result<TermData, FormatError> {
    let (starts, k) = match part {
        Part::Postings(k) => (&root.postings_starts, k),
        Part::Positions(k) => (&root.positions_starts, k),
        _ => return Err(FormatError::Corrupt("not term data")),
    };
    let mut r = open(bytes, root, part)?;
    let n = run_len(starts, k)?;
    let mut ends = Vec::with_capacity(n);
    let mut at = 0u32;
    for _ in 0..n {
        at = at
            .checked_add(r.varint("term data length")?)
            .ok_or(FormatError::Corrupt("term data length"))?;
        ends.push(at);
    }
    if r.bytes.len() != at as usize {
        return Err(FormatError::Corrupt("term data size"));
    }
    Ok(TermData {
        ends,
        bytes: r.bytes.to_vec(),
    })
}

pub(super) fn read_docs(bytes: &[u8], root: &Root, k: u32) -> Result<Vec<DocInfo>, FormatError> {
    let mut r = open(bytes, root, Part::Docs(k))?;
    let per = root.docs_per_chunk;
    let first = k.checked_mul(per).filter(|&f| f < root.doc_count);
    let first = first.ok_or(FormatError::Corrupt("no such chunk"))?;
    let n = per.min(root.doc_count - first) as usize;
    if r.count("document count")? != n {
        return Err(FormatError::Corrupt("document count"));
    }
    let mut docs = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = DocKind::from_code(r.byte("document kind")?)
            .ok_or(FormatError::Corrupt("document kind"))?;
        docs.push(DocInfo {
            kind,
            slug: r.string("slug")?,
            title: r.string("title")?,
            lead: r.string("lead")?,
            date: r.varint("date")?,
        });
    }
    r.end()?;
    Ok(docs)
}

pub(super) fn read_facets(bytes: &[u8], root: &Root, k: u32) -> Result<FacetChunk, FormatError> {
    let mut r = open(bytes, root, Part::Facets(k))?;
    let values = root
        .facet_values
        .get(k as usize)
        .ok_or(FormatError::Corrupt("no such chunk"))?;
    let mut chunk = Vec::with_capacity(values.len());
    for _ in values {
        let n = r.count("facet size")?;
        let mut docs = Vec::with_capacity(n);
        let mut d = 0u32;
        for i in 0..n {
            let gap = r.varint("facet document")?;
            d = d
                .checked_add(gap)
                .filter(|&d| d < root.doc_count && (i == 0 || gap > 0))
                .ok_or(FormatError::Corrupt("facet document"))?;
            docs.push(d);
        }
        chunk.push(docs);
    }
    r.end()?;
    Ok(chunk)
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Checks the magic bytes and the format version; returns the
    /// generation.
    fn header(&mut self, part: Part) -> Result<u64, FormatError> {
        if self.take(4, "magic")? != magic(part) {
            return Err(FormatError::Magic);
        }
        match self.byte("version")? {
            VERSION => Ok(u64::from_le_bytes(self.array("generation")?)),
            other => Err(FormatError::Version(other)),
        }
    }

    fn end(&self) -> Result<(), FormatError> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(FormatError::Corrupt("trailing bytes"))
        }
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], FormatError> {
        let (head, rest) = self
            .bytes
            .split_at_checked(n)
            .ok_or(FormatError::Corrupt(what))?;
        self.bytes = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], FormatError> {
        self.take(N, what)?
            .try_into()
            .map_err(|_| FormatError::Corrupt(what))
    }

    fn byte(&mut self, what: &'static str) -> Result<u8, FormatError> {
        let [b] = self.array(what)?;
        Ok(b)
    }

    fn varint(&mut self, what: &'static str) -> Result<u32, FormatError> {
        varint::read(&mut self.bytes).ok_or(FormatError::Corrupt(what))
    }

    /// A count of things that each take at least one byte, so a corrupt
    /// count cannot make us allocate more than the file could hold.
    fn count(&mut self, what: &'static str) -> Result<usize, FormatError> {
        let n = self.varint(what)? as usize;
        if n > self.bytes.len() {
            return Err(FormatError::Corrupt(what));
        }
        Ok(n)
    }

    /// The end of the next run of a chunk map: the last start plus a
    /// positive length.
    fn run(&mut self, starts: &[u32]) -> Result<u32, FormatError> {
        let n = self.varint("chunk length")?;
        starts
            .last()
            .and_then(|s| s.checked_add(n))
            .filter(|_| n > 0)
            .ok_or(FormatError::Corrupt("chunk length"))
    }

    fn string(&mut self, what: &'static str) -> Result<String, FormatError> {
        let n = self.count(what)?;
        let bytes = self.take(n, what)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| FormatError::Corrupt(what))
    }

    fn front_coded(&mut self, prev: &str) -> Result<String, FormatError> {
        let shared = self.varint("shared prefix")? as usize;
        let rest = self.string("term")?;
        let head = prev
            .get(..shared)
            .ok_or(FormatError::Corrupt("shared prefix"))?;
        Ok(format!("{head}{rest}"))
    }
}
