//! Renders a page of the site to HTML natively, with the same components
//! the browser runs: what `newsroom-prerender` writes for every route.

use futures::FutureExt;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

use crate::app::Prerendered;
use crate::contexts::provide_document_title;
use crate::data::fetch::{load_site, read_from};
use crate::data::{Content, DataError};

/// Runs what a render spawns on this thread, between renders, so a render
/// never races the next one.
struct ThisThread;

thread_local! {
    static POOL: std::cell::RefCell<futures::executor::LocalPool> =
        std::cell::RefCell::new(futures::executor::LocalPool::new());
}

fn spawn(future: any_spawner::PinnedLocalFuture<()>) {
    use futures::task::LocalSpawnExt;
    POOL.with(|pool| {
        if let Ok(pool) = pool.try_borrow() {
            // Fails only once the pool is shut down, at exit.
            let _ = pool.spawner().spawn_local(future);
        }
    });
}

impl any_spawner::CustomExecutor for ThisThread {
    fn spawn(&self, future: any_spawner::PinnedFuture<()>) {
        spawn(future);
    }

    fn spawn_local(&self, future: any_spawner::PinnedLocalFuture<()>) {
        spawn(future);
    }

    fn poll_local(&self) {
        POOL.with(|pool| {
            if let Ok(mut pool) = pool.try_borrow_mut() {
                pool.run_until_stalled();
            }
        });
    }
}

/// Runs the spawned work until nothing more can progress.
fn settle() {
    any_spawner::Executor::poll_local();
}

/// A page as the prerenderer writes it.
pub struct Rendered {
    /// What goes inside `<body>`.
    pub body: String,
    /// The document title the page's `Title` set.
    pub title: Option<String>,
}

/// Reads the published site file of the site in `dir` (a built site),
/// and makes every later fetch read from there.
pub fn open_site(dir: &std::path::Path) -> Result<Content, DataError> {
    // Already set when a second site is opened on this thread.
    let _ = any_spawner::Executor::init_local_custom_executor(ThisThread);
    read_from(dir);
    match load_site().now_or_never() {
        Some(site) => site.map(Content::new),
        None => Err(DataError::Invalid {
            file: crate::data::fetch::SITE.to_owned(),
            reason: "reading it did not finish at once".to_owned(),
        }),
    }
}

/// Renders the page at `url` (a path under the base, with its query).
pub fn render(content: &Content, url: &str) -> Rendered {
    // A server render: browser-only helpers (window listeners) stand aside.
    let owner = Owner::new_root(Some(std::sync::Arc::new(
        hydration_context::SsrSharedContext::new(),
    )));
    let rendered = owner.with(|| {
        provide_context(RequestUrl::new(url));
        let title = provide_document_title();
        let content = content.clone();
        let body = view! { <Prerendered content /> }.to_html();
        Rendered {
            body,
            title: title.get(),
        }
    });
    settle();
    owner.cleanup();
    // What the render left waiting ends once its owner is gone.
    settle();
    rendered
}
