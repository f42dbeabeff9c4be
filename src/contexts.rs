//! Every context the app shares, provided and read here and nowhere else:
//! pages and components call `use_*`, the shells call `provide_*`, and no
//! page needs to know which component provides what.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::data::{Archive, Article, Content, Load};
use crate::embed::options::EmbedOptions;
use crate::routes;
use crate::search::client::SearchClient;

/// Shares what every page of a loaded site reads: its content, the news
/// archive (paged as the content says) and the search client.
pub fn provide_site(content: Content, archive: Archive) {
    provide_context(archive.with_page_size(content.meta().news_page_size));
    provide_context(content);
    provide_context(SearchClient::new());
}

/// The site content; provided once the site file has loaded.
pub fn use_content() -> Content {
    expect_context::<Content>()
}

/// The news archive, files already fetched included.
pub fn use_archive() -> Archive {
    expect_context::<Archive>()
}

/// The search client: one worker for the whole app.
pub fn use_search() -> SearchClient {
    expect_context::<SearchClient>()
}

/// How the layout turns a page's title into the document's title
/// ("<page> – <site name>").
#[derive(Clone)]
pub struct TitleFormat(pub Arc<dyn Fn(&str) -> String + Send + Sync>);

/// Sets how page titles become document titles, for the pages below.
pub fn provide_title_format(format: impl Fn(&str) -> String + Send + Sync + 'static) {
    provide_context(TitleFormat(Arc::new(format)));
}

/// The document title format; `None` outside a layout (the page title is
/// then the document title).
pub fn use_title_format() -> Option<TitleFormat> {
    use_context::<TitleFormat>()
}

/// The document title of the page being prerendered, as its `Title` set
/// it (the last one set wins, as in the browser).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy)]
pub struct DocumentTitle(StoredValue<Option<String>>);

#[cfg(not(target_arch = "wasm32"))]
impl DocumentTitle {
    /// Records the title.
    pub fn set(&self, title: String) {
        self.0.set_value(Some(title));
    }

    /// The title recorded, if any.
    pub fn get(&self) -> Option<String> {
        self.0.get_value()
    }
}

/// Collects the document title while a page is prerendered.
#[cfg(not(target_arch = "wasm32"))]
pub fn provide_document_title() -> DocumentTitle {
    let title = DocumentTitle(StoredValue::new(None));
    provide_context(title);
    title
}

/// Where to record the document title; `None` in the browser.
#[cfg(not(target_arch = "wasm32"))]
pub fn use_document_title() -> Option<DocumentTitle> {
    use_context::<DocumentTitle>()
}

/// Which part of a framed page a prerender writes: the frame (skip link,
/// header with the menu, footer) is the same on most pages, so the
/// prerenderer renders it once and each page's main region alone.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LayoutPart {
    /// The frame, its main region empty.
    Frame,
    /// What goes in the main region, nothing around it.
    Page,
}

/// The part being prerendered, and whether the page had a frame at all
/// (embeds have none).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy)]
pub struct Framing {
    pub part: LayoutPart,
    framed: StoredValue<bool>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Framing {
    /// Records that the layout's frame is around the page.
    pub fn mark_framed(&self) {
        self.framed.set_value(true);
    }

    /// Whether the layout's frame is around the page.
    pub fn framed(&self) -> bool {
        self.framed.get_value()
    }
}

/// Renders only one part of framed pages, for the prerenderer.
#[cfg(not(target_arch = "wasm32"))]
pub fn provide_framing(part: LayoutPart) -> Framing {
    let framing = Framing {
        part,
        framed: StoredValue::new(false),
    };
    provide_context(framing);
    framing
}

/// The part to render; `None`: the whole page (always in the browser).
#[cfg(not(target_arch = "wasm32"))]
pub fn use_framing() -> Option<Framing> {
    use_context::<Framing>()
}

/// Shares an embed's options with the embed page below.
pub fn provide_embed_options(options: Memo<EmbedOptions>) {
    provide_context(options);
}

/// The embed's options; provided by the embed layout.
pub fn use_embed_options() -> Memo<EmbedOptions> {
    expect_context::<Memo<EmbedOptions>>()
}

/// A route's slug and the article it names (`None`: no such article).
pub type RoutedArticle = (String, Option<Rc<Article>>);

/// The article the route's `:slug` names, fetched again when the slug
/// changes.
pub fn use_routed_article() -> Load<RoutedArticle> {
    let archive = use_archive();
    let slug = routes::use_slug();
    Load::new(move || {
        let slug = slug.get();
        async move { archive.article(&slug).await.map(|found| (slug, found)) }
    })
}
