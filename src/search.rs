//! Search, the app's side: the search box, the results page and its
//! pieces, the client that talks to the search worker, the worker itself,
//! and the messages between them. The engine is `newsroom-search`.

pub mod client;
pub mod highlighted;
pub mod protocol;
pub mod search_box;
pub mod search_page;
pub mod search_result;
pub mod search_unavailable;
#[cfg(target_arch = "wasm32")]
pub mod worker;

pub use newsroom_search::{
    DocInfo, DocKind, DocType, Filter, Index, Part, Results, Segment, highlight, snippet,
};
pub use protocol::{Answer, Message, Reply, Request, SearchRequest};
