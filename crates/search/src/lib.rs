//! Full-text search for a Newsroom site: the index the build writes, its
//! file format, and the engine that answers queries over it. No browser or
//! UI code, so it is tested and benchmarked natively; the build tool writes
//! the index with it and the app's search worker answers queries with it.

pub mod build;
pub mod dictionary;
pub mod document;
pub mod engine;
pub mod format;
pub mod fuzzy;
pub mod index;
pub mod parts;
pub mod phrase;
pub mod query;
pub mod snippet;
pub mod stem;
pub mod tokenize;
mod varint;

pub use build::{Built, build};
pub use document::{DocKind, Document, documents, each_document};
pub use engine::{DocType, Facets, Filter, Hit, Results};
pub use format::FormatError;
pub use index::{DocInfo, Index};
pub use parts::{INDEX_DIR, Part};
pub use snippet::{Segment, highlight, snippet};
