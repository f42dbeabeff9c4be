//! Client-side full-text search: pure Rust, no Leptos or web APIs, so it is
//! tested and benchmarked natively and shared by the index builder and the
//! app.

pub mod dictionary;
pub mod document;
pub mod engine;
pub mod format;
pub mod fuzzy;
pub mod index;
pub mod protocol;
pub mod query;
pub mod snippet;
pub mod stem;
pub mod tokenize;
mod varint;

pub use document::{DocKind, Document, documents};
pub use engine::{DocType, Facets, Filter, Hit, Results};
pub use format::FormatError;
pub use index::{DocInfo, Index};
pub use protocol::{Answer, Message, Reply, Request, SearchRequest};
pub use snippet::{Segment, highlight, snippet};

/// The index file's name, next to the content files.
pub const INDEX_FILE: &str = "search-index.bin";
/// The word positions file's name, next to the index.
pub const POSITIONS_FILE: &str = "search-positions.bin";
