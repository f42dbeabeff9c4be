//! The files an index is split into. A query reads the small root, then
//! only the chunks its words need: the dictionary chunks holding them, the
//! postings of the terms they expand to, the word positions of a phrase's
//! words, the stored documents of the hits shown and, for filters and
//! facet counts, the documents filed under each term.

use std::fmt;

/// The folder the parts live in, next to the content files.
pub const INDEX_DIR: &str = "search";

/// One file of the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// Chunk maps, document id ranges by type and year, facet names.
    Root,
    /// Words in sorted order with their document frequencies.
    Terms(u32),
    /// The postings of a run of terms.
    Postings(u32),
    /// The word positions of a run of terms.
    Positions(u32),
    /// What results show of a run of documents.
    Docs(u32),
    /// The documents filed under each term of one taxonomy kind.
    Facets(u32),
}

impl Part {
    /// The file's path under [`INDEX_DIR`].
    pub fn file(self) -> String {
        match self {
            Part::Root => "root.bin".to_owned(),
            Part::Terms(k) => format!("terms/{k}.bin"),
            Part::Postings(k) => format!("postings/{k}.bin"),
            Part::Positions(k) => format!("positions/{k}.bin"),
            Part::Docs(k) => format!("docs/{k}.bin"),
            Part::Facets(k) => format!("facets/{k}.bin"),
        }
    }

    /// The file's path from the content folder.
    pub fn path(self) -> String {
        format!("{INDEX_DIR}/{}", self.file())
    }

    /// Whether this part only checks phrases: a query can be answered
    /// without it, saying its phrases were not checked.
    pub fn is_positions(self) -> bool {
        matches!(self, Part::Positions(_))
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}
