//! What a page fetches, as one type for the browser and the prerenderer.
//!
//! In the browser it is a `LocalResource`. The prerenderer reads the
//! published files from disk, so a page's fetch is complete as soon as it
//! is asked: the value is taken there and then, and the page is written
//! with its content instead of "Loading…".

use std::future::Future;

use leptos::prelude::*;

use super::DataError;

/// A fetch a page shows (through `Fetched`); Retry runs it again.
pub struct Load<T: 'static> {
    resource: LocalResource<Result<T, DataError>>,
    /// The prerenderer's answer; `None` for what only a browser can fetch
    /// (search results, what the service worker saved).
    #[cfg(not(target_arch = "wasm32"))]
    now: StoredValue<Option<Result<T, DataError>>, LocalStorage>,
}

impl<T: 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Load<T> {}

impl<T: 'static> Load<T> {
    /// A fetch from the published files, run again when a signal it reads
    /// changes.
    pub fn new<Fut>(fetcher: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, DataError>> + 'static,
    {
        #[cfg(not(target_arch = "wasm32"))]
        {
            use futures::FutureExt;
            let now = fetcher().now_or_never();
            Load {
                resource: LocalResource::new(fetcher),
                now: StoredValue::new_local(now),
            }
        }
        #[cfg(target_arch = "wasm32")]
        Load {
            resource: LocalResource::new(fetcher),
        }
    }

    /// Fetches again (Retry).
    pub fn refetch(&self) {
        self.resource.refetch();
    }

    /// The value once it has arrived.
    pub async fn get(self) -> Result<T, DataError>
    where
        T: Clone,
    {
        self.resource.await
    }

    /// The prerenderer's answer, if it has one.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn now(&self) -> Option<Result<T, DataError>>
    where
        T: Clone,
    {
        self.now.get_value()
    }
}

impl<T: 'static> From<LocalResource<Result<T, DataError>>> for Load<T> {
    /// A fetch only a browser can make: the prerenderer writes "Loading…".
    fn from(resource: LocalResource<Result<T, DataError>>) -> Self {
        Load {
            resource,
            #[cfg(not(target_arch = "wasm32"))]
            now: StoredValue::new_local(None),
        }
    }
}
