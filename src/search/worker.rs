//! The search worker's side: it fetches the index's root, then for each
//! query the chunks it needs (keeping the most recently read), and answers
//! queries in the order they come. Runs in a dedicated web worker (`src/bin/search-worker.rs`).

use futures::StreamExt;
use futures::channel::mpsc;
use futures::future::join_all;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use newsroom_search::index::MAX_ROUNDS;
use newsroom_search::query::parse;

use crate::data::{DataError, fetch as load};
use crate::search::{Answer, DocInfo, Index, Message, Part, Reply, Request, SearchRequest};

/// Where a part of the index lives, relative to the worker script, which
/// sits at the site's root.
fn url(part: Part) -> String {
    format!("data/{}", part.path())
}

/// Starts answering the page's messages.
pub fn run() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let (requests, mut incoming) = mpsc::unbounded::<Request>();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // The page sends only well-formed requests; anything else is not
        // ours to answer.
        if let Some(request) = event
            .data()
            .as_string()
            .and_then(|text| serde_json::from_str(&text).ok())
        {
            let _ = requests.unbounded_send(request);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&scope, &Message::Ready);
    wasm_bindgen_futures::spawn_local(async move {
        let mut worker = Worker::default();
        while let Some(request) = incoming.next().await {
            // A failure to load the index is reported with the first query.
            let failed = match request {
                Request::Load => worker.index().await.err(),
                Request::Search { id, query } => {
                    let started = now(&scope);
                    let answer = worker.answer(&query).await;
                    let took = now(&scope) - started;
                    let failed = answer.as_ref().err().filter(|_| worker.index.is_none());
                    let failed = failed.cloned();
                    let reply = Reply { id, took, answer };
                    post(&scope, &Message::Reply(Box::new(reply)));
                    failed
                }
            };
            // Queries that queued up behind a failed download share its
            // answer instead of each waiting for a download of its own
            // (a host that never answers would hold each for the timeout).
            if let Some(error) = failed {
                while let Ok(queued) = incoming.try_recv() {
                    if let Request::Search { id, .. } = queued {
                        let answer = Err(error.clone());
                        let reply = Reply {
                            id,
                            took: 0.0,
                            answer,
                        };
                        post(&scope, &Message::Reply(Box::new(reply)));
                    }
                }
            }
        }
    });
}

/// Milliseconds on the worker's clock (0 where it has none).
fn now(scope: &DedicatedWorkerGlobalScope) -> f64 {
    scope.performance().map_or(0.0, |p| p.now())
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &Message) {
    if let Ok(text) = serde_json::to_string(message) {
        let _ = scope.post_message(&text.into());
    }
}

/// Bytes of chunks the worker keeps between queries (as stored); the
/// least recently read go first. A query's own chunks are never dropped
/// while it runs.
const CACHE_BYTES: usize = 24 << 20;

#[derive(Default)]
struct Worker {
    /// The index with its root and whichever chunks were loaded.
    index: Option<Index>,
    /// Why word positions failed to load, until a retry.
    positions_error: Option<DataError>,
}

impl Worker {
    /// The index, its root fetched on first use and again after a failure.
    async fn index(&mut self) -> Result<&mut Index, DataError> {
        let index = match self.index.take() {
            Some(index) => index,
            None => {
                let file = url(Part::Root);
                let bytes = fetch_bytes(&file).await?;
                Index::from_root(&bytes).map_err(|e| DataError::Invalid {
                    file,
                    reason: e.to_string(),
                })?
            }
        };
        Ok(self.index.insert(index))
    }

    async fn answer(&mut self, query: &SearchRequest) -> Result<Answer, DataError> {
        if query.retry {
            self.positions_error = None;
        }
        match self.try_answer(query).await {
            // The site was rebuilt since the root was read: read it again.
            Err(Stale) => {
                self.index = None;
                self.try_answer(query).await.map_err(|e| e.into_error())
            }
            other => other.map_err(|e| e.into_error()),
        }
    }

    /// Runs the query, loads the chunks it reached for, and runs it again
    /// until it has all it needs.
    async fn try_answer(&mut self, query: &SearchRequest) -> Result<Answer, Failure> {
        let phrases = !parse(&query.text).phrases.is_empty();
        self.index().await?.evict_to(CACHE_BYTES);
        // Parts that could not be downloaded for this query (offline, most
        // often): it is answered without them, and says so. The next query
        // tries them again.
        let mut unreached: Vec<Part> = Vec::new();
        let mut incomplete = None;
        for _ in 0..MAX_ROUNDS {
            let index = self.index().await?;
            let results = if query.facets {
                index.search(&query.text, &query.filters, query.offset, query.limit)
            } else {
                index.page(&query.text, &query.filters, query.offset, query.limit)
            };
            let docs: Vec<Option<DocInfo>> = results
                .hits
                .iter()
                .map(|hit| index.doc(hit.doc).cloned())
                .collect();
            let mut missing = index.take_missing();
            if self.positions_error.is_some() {
                missing.retain(|part| !part.is_positions());
            }
            missing.retain(|part| !unreached.contains(part));
            if missing.is_empty() {
                return Ok(Answer {
                    results,
                    docs: docs.into_iter().flatten().collect(),
                    positions_error: phrases.then(|| self.positions_error.clone()).flatten(),
                    incomplete,
                });
            }
            let loaded = join_all(
                missing
                    .iter()
                    .map(|&part| async move { (part, fetch_bytes(&url(part)).await) }),
            )
            .await;
            let index = self.index().await?;
            let mut positions_error = None;
            for (part, got) in loaded {
                match load(index, part, got) {
                    Ok(()) => {}
                    // Phrases are then searched as words, and the page says so.
                    Err(Failure::Data(e)) if part.is_positions() => positions_error = Some(e),
                    Err(Failure::Data(e @ DataError::Network { .. })) => {
                        unreached.push(part);
                        incomplete.get_or_insert(e);
                    }
                    Err(e) => return Err(e),
                }
            }
            if positions_error.is_some() {
                self.positions_error = positions_error;
            }
        }
        Err(Failure::Data(DataError::Invalid {
            file: url(Part::Root),
            reason: format!("a query still needed more of the index after {MAX_ROUNDS} rounds"),
        }))
    }
}

/// Adds a fetched part to the index.
fn load(index: &mut Index, part: Part, got: Result<Vec<u8>, DataError>) -> Result<(), Failure> {
    index.insert(part, &got?).map_err(|e| {
        if e.is_stale() {
            return Stale;
        }
        Failure::Data(DataError::Invalid {
            file: url(part),
            reason: e.to_string(),
        })
    })
}

/// Why a query could not be answered.
enum Failure {
    /// A chunk belongs to another build than the root.
    Stale,
    Data(DataError),
}
use Failure::Stale;

impl From<DataError> for Failure {
    fn from(e: DataError) -> Self {
        Failure::Data(e)
    }
}

impl Failure {
    fn into_error(self) -> DataError {
        match self {
            Failure::Data(e) => e,
            Failure::Stale => DataError::Invalid {
                file: url(Part::Root),
                reason: "the search index changed while it was read; try again".to_owned(),
            },
        }
    }
}

async fn fetch_bytes(file: &str) -> Result<Vec<u8>, DataError> {
    load::fetch(file)
        .await?
        .binary()
        .await
        .map_err(|e| load::network_error(file, e))
}
