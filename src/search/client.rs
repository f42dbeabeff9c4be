//! The app's side of search. A web worker (`src/bin/search-worker.rs`)
//! holds the index: the page's thread never downloads, decodes or scans
//! it, and the app's wasm carries none of the engine. The worker starts on
//! the first focus of a search box or visit of the results page, never
//! before the first paint.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use crate::data::DataError;
use crate::search::{Answer, Message, Request, SearchRequest};

/// The worker's start script, relative to the document base URL.
pub const WORKER_SCRIPT: &str = "search-worker-start.js";

type Callback = Box<dyn FnOnce(Result<Answer, DataError>)>;

/// A running worker and the requests waiting for its answer.
struct Connection {
    worker: Worker,
    /// Requests written before the worker said it was ready.
    queued: RefCell<Vec<String>>,
    ready: Cell<bool>,
    pending: RefCell<HashMap<u32, Callback>>,
    next_id: Cell<u32>,
}

impl Connection {
    fn post(&self, request: &Request) {
        let Ok(text) = serde_json::to_string(request) else {
            return;
        };
        if self.ready.get() {
            let _ = self.worker.post_message(&text.into());
        } else {
            self.queued.borrow_mut().push(text);
        }
    }

    /// Handles a message; a failure to start is returned.
    fn on_message(&self, message: Message) -> Option<String> {
        match message {
            Message::Ready => {
                self.ready.set(true);
                for text in self.queued.take() {
                    let _ = self.worker.post_message(&text.into());
                }
            }
            Message::Reply(reply) => {
                let done = self.pending.borrow_mut().remove(&reply.id);
                if let Some(done) = done {
                    done(reply.answer);
                }
            }
            Message::Failed(reason) => return Some(reason),
        }
        None
    }

    /// Stops a worker that failed, answering every waiting request with
    /// why; the client starts a new one on the next query.
    fn fail(&self, client: SearchClient, reason: String) {
        self.worker.terminate();
        client.connection.set_value(None);
        let error = DataError::Network {
            file: WORKER_SCRIPT.to_owned(),
            reason,
        };
        let pending: Vec<Callback> = self.pending.borrow_mut().drain().map(|(_, f)| f).collect();
        for done in pending {
            done(Err(error.clone()));
        }
    }
}

/// Search for the whole app, provided through context.
#[derive(Clone, Copy)]
pub struct SearchClient {
    connection: StoredValue<Option<Rc<Connection>>, LocalStorage>,
}

impl Default for SearchClient {
    fn default() -> Self {
        Self::new()
    }
}

impl SearchClient {
    pub fn new() -> Self {
        SearchClient {
            connection: StoredValue::new_local(None),
        }
    }

    /// Starts the worker and its download of the index, if not yet done.
    pub fn ensure(&self) {
        if let Ok(connection) = self.connect() {
            connection.post(&Request::Load);
        }
    }

    /// The running worker, started on first use.
    fn connect(&self) -> Result<Rc<Connection>, DataError> {
        if let Some(connection) = self.connection.get_value() {
            return Ok(connection);
        }
        let worker = Worker::new(WORKER_SCRIPT).map_err(|e| DataError::Network {
            file: WORKER_SCRIPT.to_owned(),
            reason: js_reason(&e),
        })?;
        let connection = Rc::new(Connection {
            worker,
            queued: RefCell::default(),
            ready: Cell::new(false),
            pending: RefCell::default(),
            next_id: Cell::new(1),
        });
        let client = *self;
        let weak = Rc::downgrade(&connection);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let message = event
                .data()
                .as_string()
                .and_then(|text| serde_json::from_str::<Message>(&text).ok());
            if let (Some(connection), Some(message)) = (weak.upgrade(), message)
                && let Some(reason) = connection.on_message(message)
            {
                connection.fail(client, reason);
            }
        });
        let weak = Rc::downgrade(&connection);
        // The start script failed to load (a plain event) or the worker
        // threw (an `ErrorEvent`).
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            event.prevent_default();
            let message = event
                .dyn_ref::<ErrorEvent>()
                .map(ErrorEvent::message)
                .unwrap_or_default();
            if let Some(connection) = weak.upgrade() {
                connection.fail(
                    client,
                    if message.is_empty() {
                        "the search worker did not start".to_owned()
                    } else {
                        message
                    },
                );
            }
        });
        connection
            .worker
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        connection
            .worker
            .set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The handlers live as long as the page: a worker is started at most
        // once per failure.
        on_message.forget();
        on_error.forget();
        self.connection.set_value(Some(connection.clone()));
        Ok(connection)
    }

    /// Sends a query; `done` gets the answer, at once when the worker
    /// cannot start.
    fn send(&self, query: SearchRequest, done: impl FnOnce(Result<Answer, DataError>) + 'static) {
        match self.connect() {
            Ok(connection) => {
                let id = connection.next_id.get();
                connection.next_id.set(id.wrapping_add(1));
                connection.pending.borrow_mut().insert(id, Box::new(done));
                connection.post(&Request::Search { id, query });
            }
            Err(e) => done(Err(e)),
        }
    }

    /// The answer to one query (at once an error when the worker cannot
    /// start).
    pub fn search(
        &self,
        query: SearchRequest,
    ) -> impl Future<Output = Result<Arc<Answer>, DataError>> + use<> {
        let (sender, receiver) = futures::channel::oneshot::channel();
        self.send(query, move |answer| {
            // The page that asked may be gone; its answer is not needed then.
            let _ = sender.send(answer.map(Arc::new));
        });
        async move {
            receiver.await.unwrap_or_else(|_| {
                Err(DataError::Network {
                    file: WORKER_SCRIPT.to_owned(),
                    reason: "the search worker stopped".to_owned(),
                })
            })
        }
    }

    /// A resource holding the answer to `request` as it changes, for
    /// [`Fetched`](crate::components::fetched::Fetched): `None` when there
    /// is nothing to search for. Fetching the same request again is a
    /// Retry, which tells the worker to download files that failed before
    /// (otherwise it answers with the failure it already has, so a host
    /// that never answers does not hold every keystroke).
    pub fn resource(
        &self,
        request: impl Fn() -> Option<SearchRequest> + 'static,
    ) -> LocalResource<Result<Option<Answered>, DataError>> {
        let client = *self;
        let last = Rc::new(RefCell::new(None::<SearchRequest>));
        LocalResource::new(move || {
            let query = request();
            let again = query.is_some() && *last.borrow() == query;
            last.replace(query.clone());
            let answer = query.map(|mut query| {
                query.retry = again;
                let asked = SearchRequest {
                    retry: false,
                    ..query.clone()
                };
                (asked, client.search(query))
            });
            async move {
                match answer {
                    Some((asked, answer)) => Ok(Some((asked, answer.await?))),
                    None => Ok(None),
                }
            }
        })
    }

    /// Keeps the answer to `request` up to date as it changes, for the
    /// search box's suggestions, which stay as they are until the next
    /// answer replaces them: the answer
    /// to an older request that arrives late is dropped.
    pub fn watch(&self, request: impl Fn() -> Option<SearchRequest> + 'static) -> Watch {
        let watch = Watch {
            state: RwSignal::new(None),
            pending: RwSignal::new(false),
        };
        let client = *self;
        // Numbers the requests: only the answer to the newest is kept.
        let latest = Rc::new(Cell::new(0u32));
        Effect::new(move |_| {
            let seq = latest.get().wrapping_add(1);
            latest.set(seq);
            let Some(query) = request() else {
                watch.state.set(None);
                watch.pending.set(false);
                return;
            };
            watch.pending.set(true);
            let asked = query.clone();
            let current = latest.clone();
            client.send(query, move |answer| {
                if current.get() == seq {
                    watch.state.set(Some((asked, answer.map(Arc::new))));
                    watch.pending.set(false);
                }
            });
        });
        watch
    }
}

/// An answer, with the request it answers.
pub type Answered = (SearchRequest, Arc<Answer>);

/// The latest outcome of a watched query, with the request it answers.
pub type Outcome = (SearchRequest, Result<Arc<Answer>, DataError>);

/// The answer to a reactive query (see [`SearchClient::watch`]).
#[derive(Clone, Copy)]
pub struct Watch {
    state: RwSignal<Option<Outcome>>,
    pending: RwSignal<bool>,
}

impl Watch {
    /// The latest answer and what it answers; none before the first
    /// (tracked).
    pub fn answer(&self) -> Option<Outcome> {
        self.state.get()
    }

    /// Whether the answer to the latest request is still to come (tracked).
    pub fn pending(&self) -> bool {
        self.pending.get()
    }
}

/// The message of a JavaScript exception.
fn js_reason(error: &wasm_bindgen::JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the browser refused to start it".to_owned())
}
