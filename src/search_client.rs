//! The app's handle on the search index: fetched lazily (on the first focus
//! of a search box or visit of the results page, never before the first
//! paint), decoded once, shared through context. Word positions for phrases
//! come later still, on the first quoted query.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::data::{DataError, load};
use crate::search::{INDEX_FILE, Index, POSITIONS_FILE};

/// Where the index files live, relative to the document base URL.
fn url(file: &str) -> String {
    format!("data/{file}")
}

/// Where loading the index stands.
#[derive(Clone, Debug, PartialEq)]
pub enum IndexState {
    Idle,
    Loading,
    Ready(Arc<Index>),
    Failed(DataError),
}

/// The search index of the site, loaded on demand.
#[derive(Clone, Copy)]
pub struct SearchClient {
    state: RwSignal<IndexState>,
    positions: RwSignal<IndexState>,
}

impl Default for SearchClient {
    fn default() -> Self {
        Self::new()
    }
}

impl SearchClient {
    pub fn new() -> Self {
        SearchClient {
            state: RwSignal::new(IndexState::Idle),
            positions: RwSignal::new(IndexState::Idle),
        }
    }

    /// Starts loading the index unless it is loaded or loading.
    pub fn ensure(&self) {
        let state = self.state;
        if !matches!(
            state.get_untracked(),
            IndexState::Idle | IndexState::Failed(_)
        ) {
            return;
        }
        state.set(IndexState::Loading);
        spawn_local(async move {
            let file = url(INDEX_FILE);
            let result = fetch_bytes(&file).await.and_then(|bytes| {
                Index::from_bytes(&bytes).map_err(|e| DataError::Invalid {
                    file: file.clone(),
                    reason: e.to_string(),
                })
            });
            state.set(match result {
                Ok(index) => IndexState::Ready(Arc::new(index)),
                Err(e) => IndexState::Failed(e),
            });
        });
    }

    /// Loads word positions into the index, for phrase queries.
    pub fn ensure_positions(&self) {
        let (state, positions) = (self.state, self.positions);
        let IndexState::Ready(_) = state.get_untracked() else {
            return;
        };
        if !matches!(positions.get_untracked(), IndexState::Idle) {
            return;
        }
        positions.set(IndexState::Loading);
        spawn_local(async move {
            let file = url(POSITIONS_FILE);
            let bytes = match fetch_bytes(&file).await {
                Ok(bytes) => bytes,
                Err(e) => return positions.set(IndexState::Failed(e)),
            };
            let mut failure = None;
            state.update(|s| {
                if let IndexState::Ready(index) = s
                    && let Err(e) = Arc::make_mut(index).load_positions(&bytes)
                {
                    failure = Some(DataError::Invalid {
                        file: file.clone(),
                        reason: e.to_string(),
                    });
                }
            });
            positions.set(match failure {
                Some(e) => IndexState::Failed(e),
                None => IndexState::Idle,
            });
        });
    }

    /// The index's state (tracked).
    pub fn state(&self) -> IndexState {
        self.state.get()
    }

    /// Why loading the phrase positions failed, if it did (tracked).
    pub fn positions_error(&self) -> Option<DataError> {
        match self.positions.get() {
            IndexState::Failed(e) => Some(e),
            _ => None,
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

/// The search client provided by the shell.
pub fn use_search() -> SearchClient {
    expect_context::<SearchClient>()
}
