//! The content of a Newsroom site: the serde schema of the sources, parsing
//! and validating them, slugs and text folding, and what the build publishes
//! from them. No browser or UI code: the build tool, the search index and
//! the app all read content through this crate.

pub mod content;
pub mod error;
pub mod files;
pub mod model;
pub mod parse;
pub mod publish;
pub mod shared;
pub mod text;
pub mod validate;

pub use content::{Content, MenuTrail, NewsFilter, Paged};
pub use error::DataError;
pub use files::List;
pub use model::{
    Article, Block, Date, Destination, Issuer, KindNames, Link, ListPage, MenuNode, NewsData,
    SiteData, SiteMeta, Summary, Tags, Taxonomy, TaxonomyKind, Term, TermRef,
};
