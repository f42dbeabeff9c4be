//! The search worker's side: it fetches and decodes the index, loads word
//! positions on the first phrase query, and answers queries in the order
//! they come. Runs in a dedicated web worker (`src/bin/search-worker.rs`).

use futures::StreamExt;
use futures::channel::mpsc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use newsroom_search::query::parse;

use crate::data::{DataError, fetch as load};
use crate::search::{
    Answer, INDEX_FILE, Index, Message, POSITIONS_FILE, Reply, Request, SearchRequest,
};

/// Where the index files live, relative to the worker script, which sits
/// at the site's root.
fn url(file: &str) -> String {
    format!("data/{file}")
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
                    let answer = worker.answer(&query).await;
                    let failed = answer.as_ref().err().filter(|_| worker.index.is_none());
                    let failed = failed.cloned();
                    post(&scope, &Message::Reply(Box::new(Reply { id, answer })));
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
                        post(&scope, &Message::Reply(Box::new(Reply { id, answer })));
                    }
                }
            }
        }
    });
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &Message) {
    if let Ok(text) = serde_json::to_string(message) {
        let _ = scope.post_message(&text.into());
    }
}

#[derive(Default)]
struct Worker {
    index: Option<Index>,
    /// Why word positions failed to load, until a retry.
    positions_error: Option<DataError>,
}

impl Worker {
    /// The index, fetched on first use and again after a failure.
    async fn index(&mut self) -> Result<&mut Index, DataError> {
        let index = match self.index.take() {
            Some(index) => index,
            None => {
                let file = url(INDEX_FILE);
                let bytes = fetch_bytes(&file).await?;
                Index::from_bytes(&bytes).map_err(|e| DataError::Invalid {
                    file,
                    reason: e.to_string(),
                })?
            }
        };
        Ok(self.index.insert(index))
    }

    /// Loads word positions into the index, for phrases.
    async fn load_positions(&mut self) -> Result<(), DataError> {
        let file = url(POSITIONS_FILE);
        let bytes = fetch_bytes(&file).await?;
        self.index()
            .await?
            .load_positions(&bytes)
            .map_err(|e| DataError::Invalid {
                file,
                reason: e.to_string(),
            })
    }

    async fn answer(&mut self, query: &SearchRequest) -> Result<Answer, DataError> {
        if query.retry {
            self.positions_error = None;
        }
        let phrases = !parse(&query.text).phrases.is_empty();
        let has_positions = self.index().await?.has_positions();
        if phrases
            && !has_positions
            && self.positions_error.is_none()
            && let Err(e) = self.load_positions().await
        {
            self.positions_error = Some(e);
        }
        let index = self.index().await?;
        let results = if query.facets {
            index.search(&query.text, &query.filters, query.offset, query.limit)
        } else {
            index.top(&query.text, &query.filters, query.limit)
        };
        let docs = results
            .hits
            .iter()
            .filter_map(|hit| index.docs.get(hit.doc as usize).cloned())
            .collect();
        Ok(Answer {
            results,
            docs,
            positions_error: phrases.then(|| self.positions_error.clone()).flatten(),
        })
    }
}

async fn fetch_bytes(file: &str) -> Result<Vec<u8>, DataError> {
    load::fetch(file)
        .await?
        .binary()
        .await
        .map_err(|e| load::network_error(file, e))
}
