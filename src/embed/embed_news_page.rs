use leptos::prelude::*;

use crate::data::Load;
use leptos_router::hooks::use_query;

use crate::components::fetched::Fetched;
use crate::components::title::Title;
use crate::contexts::{use_archive, use_content};
use crate::data::{Archive, Content, DataError, NewsFilter, Summary};
use crate::embed::embed_layout::EmbedLayout;
use crate::embed::embed_source::EmbedSource;
use crate::embed::options::EmbedQuery;
use crate::offline::offline_list::SavedChoices;
use crate::routes;
use crate::routes::Href;

/// `/embed/news?field=…&country=…&structure=…&limit=N`: the latest
/// headlines matching the filters, for an iframe.
#[component]
pub fn EmbedNewsPage() -> impl IntoView {
    let content = use_content();
    let archive = use_archive();
    let query = use_query::<EmbedQuery>();
    let asked = Memo::new(move |_| {
        let query = query.get().unwrap_or_default();
        (query.filter(), query.limit())
    });
    let list_content = content.clone();
    let found = Load::new(move || {
        let (filter, limit) = asked.get();
        let unknown = list_content.unknown_terms(&filter);
        async move {
            let items = if unknown.is_empty() {
                latest(archive, &filter, limit).await?
            } else {
                Vec::new()
            };
            Ok::<_, DataError>((filter, unknown, items))
        }
    });
    let shown = move |(filter, unknown, items): (NewsFilter, Vec<String>, Vec<Summary>)| {
        let heading = heading(&content, &filter);
        let body = if !unknown.is_empty() {
            view! { <div class="notice" role="alert">{unknown.into_iter().map(|u| view! { <p>{u}</p> }).collect_view()}</div> }.into_any()
        } else if items.is_empty() {
            view! { <p>"No news yet."</p> }.into_any()
        } else {
            let items = items
                .into_iter()
                .map(|item| {
                    let date = item
                        .issued_on
                        .map(|d| view! { <time datetime=d.iso()>{d.long()}</time> });
                    view! { <li><a href=item.href()>{item.title.clone()}</a>{date}</li> }
                })
                .collect_view();
            view! { <ul class="embed-headlines">{items}</ul> }.into_any()
        };
        view! {
            <Title text=heading.clone() />
            <h1>{heading}</h1>
            {body}
            <EmbedSource href=routes::news_href(&filter, 1) />
        }
    };
    view! {
        <EmbedLayout>
            <Fetched resource=found view=shown failure_title="News could not be loaded" unreachable=SavedChoices />
        </EmbedLayout>
    }
}

/// "Latest news", with the names of the filters' terms.
fn heading(content: &Content, filter: &NewsFilter) -> String {
    let names: Vec<&str> = filter
        .terms
        .iter()
        .filter_map(|(kind, slug)| content.term(*kind, slug).map(|t| t.name.as_str()))
        .collect();
    if names.is_empty() {
        "Latest news".to_owned()
    } else {
        format!("Latest news: {}", names.join(", "))
    }
}

/// The newest `limit` articles of the filtered list, across its pages.
async fn latest(
    archive: Archive,
    filter: &NewsFilter,
    limit: usize,
) -> Result<Vec<Summary>, DataError> {
    let mut items = Vec::new();
    let mut page = 1;
    loop {
        let paged = archive.news(filter, page).await?;
        items.extend(paged.items);
        if items.len() >= limit || page >= paged.pages {
            break;
        }
        page += 1;
    }
    items.truncate(limit);
    Ok(items)
}
