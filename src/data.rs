//! Content: the serde schema, loading, the indexed content and validation.

pub mod content;
pub mod error;
pub mod load;
pub mod model;
pub mod validate;

pub use content::{Content, MenuTrail, NewsFilter, Paged};
pub use error::DataError;
pub use model::{
    Article, Block, Date, Issuer, MenuNode, NewsData, SiteData, SiteMeta, Tags, Taxonomy,
    TaxonomyKind, Term, TermRef,
};
