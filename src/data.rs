//! Content: the serde schema, parsing and validation of the sources, what
//! the build publishes from them, and how the app fetches it.

pub mod archive;
pub mod content;
pub mod error;
pub mod files;
pub mod load;
pub mod model;
pub mod publish;
pub mod saved;
pub mod validate;

pub use archive::Archive;
pub use content::{Content, MenuTrail, NewsFilter, Paged};
pub use error::DataError;
pub use files::List;
pub use model::{
    Article, Block, Date, Destination, Issuer, Link, ListPage, MenuNode, NewsData, SiteData,
    SiteMeta, Summary, Tags, Taxonomy, TaxonomyKind, Term, TermRef,
};
