//! The app: content loading, the router with every route, and the shell.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};

use crate::components::layout::Layout;
use crate::components::load_error::LoadError;
use crate::components::loading::Loading;
use crate::contexts::provide_site;
use crate::data::fetch::load_site;
use crate::data::{Archive, Content};
use crate::embed::embed_article_page::EmbedArticlePage;
use crate::embed::embed_builder_page::EmbedBuilderPage;
use crate::embed::embed_news_page::EmbedNewsPage;
use crate::embed::embed_search_page::EmbedSearchPage;
use crate::offline::offline_page::OfflinePage;
use crate::pages::article_page::ArticlePage;
use crate::pages::home_page::HomePage;
use crate::pages::index_page::IndexPage;
use crate::pages::news_page::NewsPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::term_page::TermPage;
use crate::routes;
use crate::search::search_page::SearchPage;

/// The whole app: loads the content, then shows the site or what failed.
#[component]
pub fn App() -> impl IntoView {
    routes::set_base(&document_base_path());
    let archive = Archive::new(1);
    // An article opened directly downloads while the site file does, rather
    // than after it.
    if let routes::Page::Article(slug) =
        routes::parse_path(&window().location().pathname().unwrap_or_default())
    {
        leptos::task::spawn_local(async move {
            // Its page reads the outcome (a failure included) when it asks.
            let _ = archive.article(&slug).await;
        });
    }
    let content = LocalResource::new(load_site);
    let retry = Callback::new(move |()| content.refetch());
    view! {
        <Router base=routes::base()>
            <Transition fallback=Loading>
                <ErrorBoundary fallback=move |errors| view! { <LoadError errors retry /> }>
                    {move || Suspend::new(async move {
                        content.await.map(|site| view! { <Site content=Content::new(site) archive /> })
                    })}
                </ErrorBoundary>
            </Transition>
        </Router>
    }
}

/// The loaded site: shares the site's content and the news archive with
/// every page and routes to them.
#[component]
fn Site(
    /// The loaded content.
    content: Content,
    /// The news archive, files already fetched included.
    archive: Archive,
) -> impl IntoView {
    // Embeds too: every page of the site speaks the content's language
    // (the prerenderer writes it into each page).
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", &content.meta().lang);
    }
    provide_site(content, archive);
    view! {
        <Routes fallback=|| view! { <Layout><NotFoundPage /></Layout> }>
            // Embeds have their own frame, without the site's chrome.
            <Route path=routes::EMBED_ARTICLE_PATH view=EmbedArticlePage />
            <Route path=routes::EMBED_NEWS_PATH view=EmbedNewsPage />
            <Route path=routes::EMBED_SEARCH_PATH view=EmbedSearchPage />
            <ParentRoute path=routes::SITE_PATH view=|| view! { <Layout><Outlet /></Layout> }>
                <Route path=routes::HOME_PATH view=HomePage />
                <Route path=routes::NEWS_PATH view=NewsPage />
                <Route path=routes::NEWS_PAGE_PATH view=NewsPage />
                <Route path=routes::ARTICLE_PATH view=ArticlePage />
                <Route path=routes::SEARCH_PATH view=SearchPage />
                <Route path=routes::OFFLINE_PATH view=OfflinePage />
                <Route path=routes::EMBED_BUILDER_PATH view=EmbedBuilderPage />
                // Every taxonomy kind, by the URL segment its table row gives.
                <Route path=routes::KIND_INDEX_PATH view=IndexPage />
                <Route path=routes::KIND_TERM_PATH view=TermPage />
                <Route path=routes::TERM_NEWS_PATH view=NewsPage />
                <Route path=routes::TERM_NEWS_PAGE_PATH view=NewsPage />
            </ParentRoute>
        </Routes>
    }
}

/// The app as the prerenderer renders it: the same router and pages, with
/// the site file already read (the URL comes from the `RequestUrl` the
/// prerenderer provides).
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn Prerendered(
    /// The published site file.
    content: Content,
) -> impl IntoView {
    view! {
        <Router base=routes::base()>
            <Site content archive=Archive::new(1) />
        </Router>
    }
}

/// The path part of the document's base URL (from `<base href>`, which
/// trunk sets from its public URL), so the app works under a sub-path.
fn document_base_path() -> String {
    document()
        .base_uri()
        .ok()
        .flatten()
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default()
}
