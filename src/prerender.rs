//! Renders a page of the site to HTML natively, with the same components
//! the browser runs: what `newsroom-prerender` writes for every route.

use futures::FutureExt;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

use crate::app::Prerendered;
use crate::components::nav::marks;
use crate::contexts::{LayoutPart, provide_document_title, provide_framing};
pub use crate::data::fetch::{Read, content_hash};
use crate::data::fetch::{load_site, read_from, take_reads};
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
    /// The published files it read (the site file aside, which every page
    /// reads once, when the site is opened).
    pub reads: Vec<Read>,
}

/// Reads the published site file of the site in `dir` (a built site),
/// and makes every later fetch on this thread read from there. Each
/// thread that renders opens the site for itself.
pub fn open_site(dir: &std::path::Path) -> Result<Content, DataError> {
    // One executor for every thread, running what each spawns on its own
    // (already set when a second site is opened).
    let _ = any_spawner::Executor::init_custom_executor(ThisThread);
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
    render_part(content, url, None).0
}

/// Renders one part of the page at `url`, or all of it; says whether the
/// page has the layout's frame.
fn render_part(content: &Content, url: &str, part: Option<LayoutPart>) -> (Rendered, bool) {
    // A server render: browser-only helpers (window listeners) stand aside.
    let owner = Owner::new_root(Some(std::sync::Arc::new(
        hydration_context::SsrSharedContext::new(),
    )));
    take_reads();
    let rendered = owner.with(|| {
        provide_context(RequestUrl::new(url));
        let title = provide_document_title();
        let framing = part.map(provide_framing);
        let content = content.clone();
        let body = view! { <Prerendered content /> }.to_html();
        let rendered = Rendered {
            body,
            title: title.get(),
            reads: Vec::new(),
        };
        (rendered, framing.is_some_and(|f| f.framed()))
    });
    settle();
    owner.cleanup();
    // What the render left waiting ends once its owner is gone.
    settle();
    let (mut rendered, framed) = rendered;
    rendered.reads = take_reads();
    (rendered, framed)
}

/// Renders pages as `render` does, faster: the frame around the pages the
/// menu does not mark (most of them: every article) is rendered once, and
/// each of those pages' main region into it.
pub struct Renderer {
    content: Content,
    /// The shared frame, cut where the main region's content goes, and
    /// what rendering it read.
    frame: Option<(String, String)>,
    frame_reads: Vec<Read>,
    /// How many pages went into the shared frame.
    shared: usize,
}

impl Renderer {
    pub fn new(content: Content) -> Self {
        Renderer {
            content,
            frame: None,
            frame_reads: Vec::new(),
            shared: 0,
        }
    }

    /// How many pages so far went into the shared frame.
    pub fn shared(&self) -> usize {
        self.shared
    }

    /// The page at `url`, exactly as `render` gives it.
    pub fn render(&mut self, url: &str) -> Rendered {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        if marks(&self.content, path) {
            return render(&self.content, url);
        }
        let (page, framed) = render_part(&self.content, url, Some(LayoutPart::Page));
        if !framed {
            return page;
        }
        if self.frame.is_none() {
            let (frame, _) = render_part(&self.content, url, Some(LayoutPart::Frame));
            self.frame = cut_main(&frame.body);
            self.frame_reads = frame.reads;
        }
        match &self.frame {
            Some((before, after)) => {
                self.shared += 1;
                let mut reads = page.reads;
                reads.extend(self.frame_reads.iter().cloned());
                Rendered {
                    body: format!("{before}{}{after}", page.body),
                    title: page.title,
                    reads,
                }
            }
            // A frame without a main region: render the page whole.
            None => render(&self.content, url),
        }
    }
}

/// The frame before and after what its main region holds (only a
/// placeholder's markers).
fn cut_main(frame: &str) -> Option<(String, String)> {
    let open = frame.find("<main")?;
    let inside = open + frame.get(open..)?.find('>')? + 1;
    let close = inside + frame.get(inside..)?.find("</main>")?;
    Some((
        frame.get(..inside)?.to_owned(),
        frame.get(close..)?.to_owned(),
    ))
}
