//! Messages between the app and the search worker, sent as JSON strings.
//! The worker holds the index, so the page's thread never decodes or
//! scans it and the app's wasm carries none of the engine.

use serde::{Deserialize, Serialize};

use newsroom_content::DataError;
use newsroom_search::{DocInfo, Filter, Results};

/// What the app asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Fetch the index now: a reader is about to search.
    Load,
    /// Run a query; the reply carries the same `id`.
    Search { id: u32, query: SearchRequest },
}

/// One query with its filters and the page of results wanted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub text: String,
    pub filters: Vec<Filter>,
    pub offset: usize,
    pub limit: usize,
    /// Count results per facet value. The results page asks for its hits
    /// without, then for the counts alone (`limit` 0): counts need chunks
    /// of their own, which should not hold up the first result.
    pub facets: bool,
    /// Try again files that failed to load before.
    pub retry: bool,
}

/// What the worker tells the app.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Message {
    /// The worker is running: messages sent before this are lost.
    Ready,
    /// An answer.
    Reply(Box<Reply>),
    /// The worker could not start (sent by its start script, in JSON
    /// written by hand: keep the shape).
    Failed(String),
}

/// The worker's answer to a [`Request::Search`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub id: u32,
    /// Milliseconds the worker spent on the query, downloads included
    /// (what the archive benchmark reports as the query's time).
    pub took: f64,
    pub answer: Result<Answer, DataError>,
}

/// Results with what the page shows of each hit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub results: Results,
    /// The hits' documents, in the order of `results.hits`.
    pub docs: Vec<DocInfo>,
    /// Why phrases could not be checked, when their word positions failed
    /// to load.
    pub positions_error: Option<DataError>,
    /// Why some results may be missing: parts of the index the query
    /// reached for could not be downloaded (offline, most often), so it
    /// was answered from the parts at hand.
    pub incomplete: Option<DataError>,
}
