//! The index file: a compact binary encoding of [`Index`].
//!
//! Layout (all integers LEB128 varints unless noted, strings as length +
//! UTF-8 bytes):
//!
//! 1. magic `NWSX`, format version (one byte);
//! 2. documents: count, then per document kind (byte), slug, title, lead,
//!    date (`YYYYMMDD`, 0 = none), weighted length, title length in words,
//!    facet count and per facet
//!    kind (byte) and value id;
//! 3. facet values: per taxonomy kind, a count and the slugs;
//! 4. average document length (f32, little endian);
//! 5. dictionary: count, then per term (in sorted order) the length of the
//!    prefix shared with the previous term, the rest of the term, its
//!    document frequency and the byte length of its postings;
//! 6. postings: per term, per document the doc id delta and term
//!    frequencies per field (one byte of 2-bit counts, then excesses).
//!
//! Word positions, needed only for "quoted phrases", are most of the data,
//! so they live in a second file, loaded when a phrase is first searched:
//! magic `NWSP`, version, term count (must match the index), per term the
//! byte length of its positions, then per term and document the number of
//! positions and their deltas.

use super::dictionary::Dictionary;
use super::document::DocKind;
use super::index::{DocInfo, Index};
use super::varint;
use newsroom_content::TaxonomyKind;

const MAGIC: &[u8; 4] = b"NWSX";
const POSITIONS_MAGIC: &[u8; 4] = b"NWSP";
const VERSION: u8 = 1;

/// Why an index file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not a search index (wrong magic bytes)")]
    Magic,
    #[error("search index version {0} is not supported (expected {VERSION})")]
    Version(u8),
    #[error("search index is cut off or corrupt ({0})")]
    Corrupt(&'static str),
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    varint::write(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

impl Index {
    /// Encodes the index.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.postings.len() + self.positions.len() + 1024);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        varint::write(&mut out, self.docs.len() as u32);
        for doc in &self.docs {
            out.push(doc.kind.code());
            put_str(&mut out, &doc.slug);
            put_str(&mut out, &doc.title);
            put_str(&mut out, &doc.lead);
            varint::write(&mut out, doc.date);
            varint::write(&mut out, doc.len);
            varint::write(&mut out, doc.title_words);
            varint::write(&mut out, doc.facets.len() as u32);
            for (kind, id) in &doc.facets {
                out.push(kind.index() as u8);
                varint::write(&mut out, *id);
            }
        }
        for values in &self.facet_values {
            varint::write(&mut out, values.len() as u32);
            for v in values {
                put_str(&mut out, v);
            }
        }
        out.extend_from_slice(&self.avg_len.to_le_bytes());
        varint::write(&mut out, self.terms.len() as u32);
        let mut prev: &str = "";
        for (t, term) in self.terms.iter() {
            let t = t as usize;
            let shared = prev
                .bytes()
                .zip(term.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            // Keep the split on a character boundary.
            let shared = (0..=shared)
                .rev()
                .find(|&i| term.is_char_boundary(i))
                .unwrap_or(0);
            varint::write(&mut out, shared as u32);
            put_str(&mut out, term.get(shared..).unwrap_or(term));
            varint::write(&mut out, self.df.get(t).copied().unwrap_or(0));
            let (ps, pe) = self.posting_ranges.get(t).copied().unwrap_or((0, 0));
            varint::write(&mut out, pe - ps);
            prev = term;
        }
        varint::write(&mut out, self.postings.len() as u32);
        out.extend_from_slice(&self.postings);
        out
    }

    /// Encodes the word positions, the second file.
    pub fn positions_to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.positions.len() + 4 * self.terms.len());
        out.extend_from_slice(POSITIONS_MAGIC);
        out.push(VERSION);
        varint::write(&mut out, self.position_ranges.len() as u32);
        for &(start, end) in &self.position_ranges {
            varint::write(&mut out, end - start);
        }
        out.extend_from_slice(&self.positions);
        out
    }

    /// Whether word positions are loaded, so phrases can be checked.
    pub fn has_positions(&self) -> bool {
        self.terms.is_empty() || !self.position_ranges.is_empty()
    }

    /// Adds the word positions read from the second file.
    pub fn load_positions(&mut self, bytes: &[u8]) -> Result<(), FormatError> {
        let mut r = Reader { bytes };
        r.header(POSITIONS_MAGIC)?;
        let n = r.count("term count")?;
        if n != self.terms.len() {
            return Err(FormatError::Corrupt("positions belong to another index"));
        }
        let mut ranges = Vec::with_capacity(n);
        let mut q = 0u32;
        for _ in 0..n {
            let len = r.varint("positions length")?;
            let end = q
                .checked_add(len)
                .ok_or(FormatError::Corrupt("positions length"))?;
            ranges.push((q, end));
            q = end;
        }
        if r.bytes.len() != q as usize {
            return Err(FormatError::Corrupt("positions size"));
        }
        self.positions = r.bytes.to_vec();
        self.position_ranges = ranges;
        Ok(())
    }

    /// Decodes an index file, checking every length against the data.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, FormatError> {
        let mut r = Reader { bytes };
        r.header(MAGIC)?;
        let n_docs = r.count("document count")?;
        let mut docs = Vec::with_capacity(n_docs);
        for _ in 0..n_docs {
            let kind = DocKind::from_code(r.byte("document kind")?)
                .ok_or(FormatError::Corrupt("document kind"))?;
            let slug = r.string("slug")?;
            let title = r.string("title")?;
            let lead = r.string("lead")?;
            let date = r.varint("date")?;
            let len = r.varint("length")?;
            let title_words = r.varint("title length")?;
            let n_facets = r.count("facet count")?;
            let mut facets = Vec::with_capacity(n_facets);
            for _ in 0..n_facets {
                let kind = *TaxonomyKind::ALL
                    .get(usize::from(r.byte("facet kind")?))
                    .ok_or(FormatError::Corrupt("facet kind"))?;
                facets.push((kind, r.varint("facet id")?));
            }
            docs.push(DocInfo {
                kind,
                slug,
                title,
                lead,
                date,
                len,
                title_words,
                facets,
            });
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
        for doc in &docs {
            for (kind, id) in &doc.facets {
                let k = kind.index();
                if facet_values.get(k).is_none_or(|v| *id as usize >= v.len()) {
                    return Err(FormatError::Corrupt("facet id"));
                }
            }
        }
        let avg_len = f32::from_le_bytes(r.array("average length")?);
        let n_terms = r.count("term count")?;
        let mut terms = Dictionary::default();
        let mut df = Vec::with_capacity(n_terms);
        let mut posting_ranges = Vec::with_capacity(n_terms);
        let mut p = 0u32;
        for _ in 0..n_terms {
            let shared = r.varint("shared prefix")? as usize;
            let rest = r.string("term")?;
            let prev = terms.last().unwrap_or("");
            let head = prev
                .get(..shared)
                .ok_or(FormatError::Corrupt("shared prefix"))?;
            let term = format!("{head}{rest}");
            if terms.last().is_some_and(|last| *last >= *term) {
                return Err(FormatError::Corrupt("dictionary order"));
            }
            terms.push(&term);
            df.push(r.varint("document frequency")?);
            let pl = r.varint("postings length")?;
            let pe = p
                .checked_add(pl)
                .ok_or(FormatError::Corrupt("postings length"))?;
            posting_ranges.push((p, pe));
            p = pe;
        }
        let pl = r.count("postings")?;
        if pl != p as usize {
            return Err(FormatError::Corrupt("postings size"));
        }
        let postings = r.take(pl, "postings")?.to_vec();
        if !r.bytes.is_empty() {
            return Err(FormatError::Corrupt("trailing bytes"));
        }
        Ok(Index {
            docs,
            facet_values,
            terms,
            df,
            posting_ranges,
            postings,
            position_ranges: Vec::new(),
            positions: Vec::new(),
            avg_len,
            columns: Default::default(),
            shapes: Vec::new(),
        }
        .finish())
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Checks the magic bytes and the format version.
    fn header(&mut self, magic: &[u8; 4]) -> Result<(), FormatError> {
        if self.take(4, "magic")? != magic {
            return Err(FormatError::Magic);
        }
        match self.byte("version")? {
            VERSION => Ok(()),
            other => Err(FormatError::Version(other)),
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

    fn string(&mut self, what: &'static str) -> Result<String, FormatError> {
        let n = self.count(what)?;
        let bytes = self.take(n, what)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| FormatError::Corrupt(what))
    }
}
