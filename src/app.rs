//! The app: content loading, the router with every route, and the shell.

use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};

use crate::components::layout::Layout;
use crate::components::load_error::LoadError;
use crate::components::loading::Loading;
use crate::data::TaxonomyKind::{Countries, Fields, Meetings, Partners, Structures, Topics};
use crate::data::{Archive, Article, Content, DataError, load::load_site};
use crate::pages::article_page::ArticlePage;
use crate::pages::embed_article_page::EmbedArticlePage;
use crate::pages::embed_builder_page::EmbedBuilderPage;
use crate::pages::embed_news_page::EmbedNewsPage;
use crate::pages::embed_search_page::EmbedSearchPage;
use crate::pages::home_page::HomePage;
use crate::pages::index_page::IndexPage;
use crate::pages::news_page::NewsPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::offline_page::OfflinePage;
use crate::pages::search_page::SearchPage;
use crate::pages::term_page::TermPage;
use crate::routes;
use crate::search_client::SearchClient;

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
    // Embeds too: every page of the site speaks the content's language.
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", &content.meta().lang);
    }
    provide_context(archive.with_page_size(content.meta().news_page_size));
    provide_context(content);
    provide_context(SearchClient::new());
    view! {
        <Routes fallback=|| view! { <Layout><NotFoundPage /></Layout> }>
            // Embeds have their own frame, without the site's chrome.
            <Route path=routes::EMBED_ARTICLE_PATH view=EmbedArticlePage />
            <Route path=routes::EMBED_NEWS_PATH view=EmbedNewsPage />
            <Route path=routes::EMBED_SEARCH_PATH view=EmbedSearchPage />
            <ParentRoute path=routes::SITE_PATH view=|| view! { <Layout><Outlet /></Layout> }>
                <Route path=routes::HOME_PATH view=HomePage />
                <Route path=routes::NEWS_PATH view=NewsPage />
                <Route path=routes::ARTICLE_PATH view=ArticlePage />
                <Route path=routes::SEARCH_PATH view=SearchPage />
                <Route path=routes::OFFLINE_PATH view=OfflinePage />
                <Route path=routes::EMBED_BUILDER_PATH view=EmbedBuilderPage />
                <Route path=routes::index_path(Fields) view=|| view! { <IndexPage kind=Fields /> } />
                <Route path=routes::index_path(Meetings) view=|| view! { <IndexPage kind=Meetings /> } />
                <Route path=routes::index_path(Countries) view=|| view! { <IndexPage kind=Countries /> } />
                <Route path=routes::index_path(Structures) view=|| view! { <IndexPage kind=Structures /> } />
                <Route path=routes::term_path(Fields) view=|| view! { <TermPage kind=Fields /> } />
                <Route path=routes::term_path(Meetings) view=|| view! { <TermPage kind=Meetings /> } />
                <Route path=routes::term_path(Topics) view=|| view! { <TermPage kind=Topics /> } />
                <Route path=routes::term_path(Countries) view=|| view! { <TermPage kind=Countries /> } />
                <Route path=routes::term_path(Partners) view=|| view! { <TermPage kind=Partners /> } />
                <Route path=routes::term_path(Structures) view=|| view! { <TermPage kind=Structures /> } />
            </ParentRoute>
        </Routes>
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

/// The site content every page reads; provided by the shell once loaded.
pub fn use_content() -> Content {
    expect_context::<Content>()
}

/// The news archive; provided by the shell.
pub fn use_archive() -> Archive {
    expect_context::<Archive>()
}

/// A route's slug and the article it names (`None`: no such article).
pub type RoutedArticle = (String, Option<Rc<Article>>);

/// The article the route's `:slug` names, fetched again when the slug
/// changes.
pub fn use_routed_article() -> LocalResource<Result<RoutedArticle, DataError>> {
    let archive = use_archive();
    let slug = routes::use_slug();
    LocalResource::new(move || {
        let slug = slug.get();
        async move { archive.article(&slug).await.map(|found| (slug, found)) }
    })
}
