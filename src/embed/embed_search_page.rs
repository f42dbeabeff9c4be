use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query};

use crate::components::fetched::Fetched;
use crate::components::title::Title;
use crate::contexts::use_embed_options;
use crate::contexts::use_search;
use crate::embed::embed_layout::EmbedLayout;
use crate::embed::embed_source::EmbedSource;
use crate::embed::options::EmbedQuery;
use crate::routes;
use crate::search::SearchRequest;
use crate::search::client::Answered;
use crate::search::search_result::{SearchResult, results_count};
use crate::search::search_unavailable::search_failure;

/// Results an embedded search shows; the rest are a link away.
const EMBED_RESULTS: usize = 5;

/// `/embed/search?q=…`: a search box with the best results, for an iframe.
#[component]
pub fn EmbedSearchPage() -> impl IntoView {
    view! {
        <EmbedLayout>
            <EmbedSearch />
        </EmbedLayout>
    }
}

/// The search box and results inside the embed's frame.
#[component]
fn EmbedSearch() -> impl IntoView {
    let search = use_search();
    let options = use_embed_options();
    let query = use_query::<EmbedQuery>();
    let text = Memo::new(move |_| query.get().unwrap_or_default().text());
    let answer = search.resource(move || {
        let text = text.get();
        (!text.trim().is_empty()).then(|| SearchRequest {
            text,
            limit: EMBED_RESULTS,
            ..Default::default()
        })
    });

    let (pending, set_pending) = signal(false);

    let navigate = use_navigate();
    let input = NodeRef::<html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get_untracked().map(|i| i.value()).unwrap_or_default();
        navigate(
            &routes::embed_search_href(&q, &options.get_untracked()),
            Default::default(),
        );
    };

    let results = move || {
        let q = text.get().trim().to_owned();
        if q.is_empty() {
            return None;
        }
        let shown = move |answered: Option<Answered>| {
            answered.map(|(asked, found)| {
                let count = results_count(found.results.total, found.results.estimated, &asked.text);
                let items = found
                    .docs
                    .iter()
                    .map(|doc| view! { <SearchResult doc=doc.clone() matched=found.results.matched.clone() /> })
                    .collect_view();
                view! {
                    <p class="results-summary" role="status">{count}</p>
                    <ol class="search-results">{items}</ol>
                }
            })
        };
        Some(view! {
            <div class="search-answer" aria-busy=move || pending.get().to_string()>
                <Fetched resource=answer view=shown keep_previous=true failure=search_failure() pending=set_pending />
            </div>
        })
    };
    let source = move || routes::search_href(text.get().trim(), &[], 1);

    view! {
        <Title text="Search" />
        <h1 class="visually-hidden">"Search"</h1>
        <form class="search-form" role="search" aria-label="Search the site" on:submit=on_submit>
            <label for="embed-search-input">"Search the site"</label>
            <div class="search-form-row">
                <input id="embed-search-input" type="search" node_ref=input value=move || text.get() autocomplete="off" />
                <button type="submit" class="button">"Search"</button>
            </div>
        </form>
        {results}
        {move || view! { <EmbedSource href=source() /> }}
    }
}
