//! The app's side of content: the model (from `newsroom-content`) and how
//! the published files are fetched and kept in memory.

pub mod archive;
pub mod fetch;
pub mod load;

pub use archive::Archive;
pub use load::Load;
pub use newsroom_content::{
    Article, Block, Content, DataError, Date, Issuer, Link, List, ListPage, MenuNode, NewsFilter,
    Paged, Summary, TaxonomyKind, TermRef,
};
