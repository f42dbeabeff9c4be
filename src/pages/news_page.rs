use leptos::prelude::*;

use crate::data::Load;
use leptos_router::hooks::{use_navigate, use_params_map, use_query};

use crate::components::article_list::{ArticleList, ItemHeading};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::fetched::Fetched;
use crate::components::pager::Pager;
use crate::components::title::Title;
use crate::contexts::{use_archive, use_content};
use crate::data::{Content, DataError, NewsFilter, Paged, Summary, TaxonomyKind};
use crate::pages::not_found_page::NotFoundPage;
use crate::routes::{self, NewsQuery};

/// `/news`: every article, newest first, filtered by the query (or the
/// path's term) and paged; no such page for a path naming no kind.
#[component]
pub fn NewsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query::<NewsQuery>();
    let read =
        Memo::new(move |_| params.with(|path| query.get().unwrap_or_default().with_path(path)));
    let exists = Memo::new(move |_| read.with(Option::is_some));
    move || {
        if exists.get() {
            let query = Memo::new(move |_| read.get().unwrap_or_default());
            view! { <NewsList query /> }.into_any()
        } else {
            view! { <NotFoundPage /> }.into_any()
        }
    }
}

/// The list itself, following the query as it changes.
#[component]
fn NewsList(query: Memo<NewsQuery>) -> impl IntoView {
    let content = use_content();
    let archive = use_archive();
    let state = Memo::new(move |_| query.with(|q| (q.filter(), q.page(), q.page.clone())));
    let form_content = content.clone();
    let list_content = content.clone();
    // The page of the list, fetched only for a query that can have one.
    let found = Load::new(move || {
        let (filter, page, raw_page) = state.get();
        let known = list_content.unknown_terms(&filter).is_empty();
        async move {
            let paged = match page {
                Some(page) if known => Some(archive.news(&filter, page).await?),
                _ => None,
            };
            Ok::<_, DataError>((filter, page, raw_page, paged))
        }
    });
    let shown = move |(filter, page, raw, paged)| results(&content, &filter, page, raw, paged);
    let list = view! { <Fetched resource=found view=shown keep_previous=true /> };
    view! {
        <Title text="News" />
        <Breadcrumb trail=Vec::new() current="News" />
        <div class="news-page">
            <h1>"News"</h1>
            {move || view! { <FilterForm content=form_content.clone() filter=state.get().0 /> }}
            {list}
        </div>
    }
}

/// The list for a query: a notice for unknown filters or pages, else the
/// page's articles with the pager.
fn results(
    content: &Content,
    filter: &NewsFilter,
    page: Option<usize>,
    raw_page: Option<String>,
    paged: Option<Paged<Summary>>,
) -> AnyView {
    let unknown = content.unknown_terms(filter);
    if !unknown.is_empty() {
        return view! {
            <div class="notice" role="status">
                {unknown.into_iter().map(|u| view! { <p>{u}</p> }).collect_view()}
                <p><a href=routes::news_href(&NewsFilter::default(), 1)>"Show all news"</a></p>
            </div>
        }
        .into_any();
    }
    let Some(page) = page else {
        let raw = raw_page.unwrap_or_default();
        return view! {
            <div class="notice" role="status">
                <p>{format!("\u{201c}{raw}\u{201d} is not a page number.")}</p>
                <p><a href=routes::news_href(filter, 1)>"Go to the first page"</a></p>
            </div>
        }
        .into_any();
    };
    let Some(paged) = paged else {
        return ().into_any();
    };
    let summary = summary_line(content, filter, paged.total);
    if paged.items.is_empty() && paged.total > 0 {
        return view! {
            <div class="notice" role="status">
                <p>{format!("There is no page {page}: the list has {} pages.", paged.pages)}</p>
                <p><a href=routes::news_href(filter, 1)>"Go to the first page"</a></p>
            </div>
        }
        .into_any();
    }
    let articles = paged.items;
    view! {
        <p class="results-summary" role="status">{summary}</p>
        {if articles.is_empty() {
            view! { <p class="empty">"No news matches these filters."</p> }.into_any()
        } else {
            view! { <ArticleList articles heading=ItemHeading::H2 /> }.into_any()
        }}
        <Pager href=pages_of(filter.clone()) page=paged.page pages=paged.pages />
    }
    .into_any()
}

/// "3 articles filed under Countering terrorism and Bosnia and Herzegovina".
fn summary_line(content: &Content, filter: &NewsFilter, total: usize) -> String {
    let count = match total {
        1 => "1 article".to_owned(),
        n => format!("{n} articles"),
    };
    let names: Vec<&str> = filter
        .terms
        .iter()
        .filter_map(|(kind, slug)| content.term(*kind, slug).map(|t| t.name.as_str()))
        .collect();
    match names.as_slice() {
        [] => count,
        [one] => format!("{count} filed under {one}"),
        [init @ .., last] => format!("{count} filed under {} and {last}", init.join(", ")),
    }
}

/// Selects for the main filters; applying them navigates to the filtered list.
#[component]
fn FilterForm(
    /// The site's content, for the options.
    content: Content,
    /// The filters in force.
    filter: NewsFilter,
) -> impl IntoView {
    let navigate = use_navigate();
    let refs: Vec<(TaxonomyKind, NodeRef<leptos::html::Select>)> = TaxonomyKind::offered()
        .map(|k| (k, NodeRef::new()))
        .collect();
    let selects = refs
        .iter()
        .map(|&(kind, node_ref)| {
            let id = format!("filter-{}", routes::query_key(kind));
            let current = filter.get(kind).map(str::to_owned);
            let options = content
                .taxonomy(kind)
                .terms
                .iter()
                .map(|term| {
                    let selected = current.as_deref() == Some(term.slug.as_str());
                    view! { <option value=term.slug.clone() selected=selected>{term.name.clone()}</option> }
                })
                .collect_view();
            view! {
                <div class="filter">
                    <label for=id.clone()>{content.taxonomy(kind).title.clone()}</label>
                    <select id=id node_ref=node_ref>
                        <option value="" selected=current.is_none()>"All"</option>
                        {options}
                    </select>
                </div>
            }
        })
        .collect_view();
    let kept = filter.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut next = kept.clone();
        for (kind, node_ref) in &refs {
            next = next.without(*kind);
            if let Some(value) = node_ref
                .get_untracked()
                .map(|s| s.value())
                .filter(|v| !v.is_empty())
            {
                next.terms.push((*kind, value));
            }
        }
        navigate(&routes::news_href(&next, 1), Default::default());
    };
    let clear = (!filter.is_empty()).then(|| {
        view! { <a class="filter-clear" href=routes::news_href(&NewsFilter::default(), 1)>"Clear filters"</a> }
    });
    view! {
        <form class="filters" role="search" aria-label="Filter news" on:submit=on_submit>
            {selects}
            <div class="filter-actions">
                <button type="submit" class="button">"Apply filters"</button>
                {clear}
            </div>
        </form>
    }
}

/// The URLs of the pages of a filtered list.
fn pages_of(filter: NewsFilter) -> Callback<usize, String> {
    Callback::new(move |page| routes::news_href(&filter, page))
}
