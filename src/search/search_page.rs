use std::time::Duration;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query};

use crate::components::breadcrumb::Breadcrumb;
use crate::components::fetched::Fetched;
use crate::components::title::Title;
use crate::contexts::use_content;
use crate::contexts::use_search;
use crate::data::{Content, DataError, TaxonomyKind};
use crate::routes::{self, SearchQuery};
use crate::search::client::Answered;
use crate::search::search_box::type_label;
use crate::search::search_result::{SearchResult, results_count};
use crate::search::search_unavailable::search_failure;
use crate::search::{Answer, Filter, Results, SearchRequest};

/// Results per page.
const PER_PAGE: usize = 20;
/// Values shown per facet.
const FACET_VALUES: usize = 12;

/// `/search?q=…`: ranked results with snippets, facets and paging. The URL
/// holds the whole state, so results can be shared and back/forward step
/// through queries.
#[component]
pub fn SearchPage() -> impl IntoView {
    let content = use_content();
    let search = use_search();

    let query = use_query::<SearchQuery>();
    let params = Memo::new(move |_| {
        let q = query.get().unwrap_or_default();
        (q.text(), q.filters(), q.page())
    });
    let answer = search.resource(move || {
        let (text, filters, page) = params.get();
        (!text.trim().is_empty()).then(|| SearchRequest {
            text,
            filters,
            offset: (page - 1) * PER_PAGE,
            limit: PER_PAGE,
            facets: false,
            retry: false,
        })
    });
    // Asked once the hits have come: counts need chunks of their own,
    // which must not hold up the first result on a slow link.
    let counts_request = Memo::new(move |_| {
        let (text, filters, _) = params.get();
        let hits_shown = answer.with(|a| {
            matches!(a, Some(Ok(Some((asked, _)))) if asked.text == text && asked.filters == filters)
        });
        hits_shown.then_some(SearchRequest {
            text,
            filters,
            offset: 0,
            limit: 0,
            facets: true,
            retry: false,
        })
    });
    let counts_resource = search.resource(move || counts_request.get());
    // Read as a signal: a resource read inside the results' Suspense would
    // hold them back until the counts come.
    let counts = RwSignal::new(None);
    Effect::new(move |_| counts.set(counts_resource.get()));
    let positions_error = move || match answer.get() {
        Some(Ok(Some((_, found)))) => found.positions_error.clone(),
        _ => None,
    };
    let incomplete = move || {
        let of = |a: Option<Result<Option<Answered>, DataError>>| match a {
            Some(Ok(Some((_, found)))) => found.incomplete.clone(),
            _ => None,
        };
        of(answer.get()).or_else(|| of(counts.get()))
    };
    let ask_again = move || {
        answer.refetch();
        counts_resource.refetch();
    };
    // Back online, an answer given without parts of the index is asked
    // again.
    let online = window_event_listener(ev::online, move |_| {
        if incomplete().is_some() {
            ask_again();
        }
    });
    on_cleanup(move || online.remove());
    let (pending, set_pending) = signal(false);
    let title = move || {
        let text = params.with(|p| p.0.trim().to_owned());
        if text.is_empty() {
            "Search".to_owned()
        } else {
            format!("Search: {text}")
        }
    };
    let body = move || {
        if params.with(|p| p.0.trim().is_empty()) {
            return view! { <p class="empty">"Type a word or a name to search the whole site."</p> }.into_any();
        }
        let content = content.clone();
        // Shown with the query it answers, until the next answer comes.
        let shown = move |answered: Option<Answered>| {
            answered.map(|(asked, found)| {
                let page = asked.offset / PER_PAGE + 1;
                results_view(&content, &asked, page, &found, counts)
            })
        };
        view! {
            <Fetched resource=answer view=shown keep_previous=true failure=search_failure() pending=set_pending />
        }
        .into_any()
    };
    view! {
        <Title text=title />
        <Breadcrumb trail=Vec::new() current="Search" />
        <div class="search-page">
            <h1>"Search"</h1>
            <SearchForm shown=Signal::derive(move || params.with(|p| p.0.clone())) />
            {move || positions_error().map(|e| view! { <p class="notice" role="alert">{format!("Phrases cannot be checked: {e}")}</p> })}
            {move || incomplete().map(|e| view! {
                <div class="notice search-incomplete" role="alert">
                    <p>{incomplete_text(&e)}</p>
                    <button type="button" class="button" on:click=move |_| ask_again()>"Try again"</button>
                </div>
            })}
            <div class="search-answer" aria-busy=move || pending.get().to_string()>{body}</div>
        </div>
    }
}

/// Why results may be missing, in the reader's terms.
fn incomplete_text(e: &DataError) -> String {
    let offline = web_sys::window().is_some_and(|w| !w.navigator().on_line());
    if offline {
        "You are offline: these results come from the part of the search index saved on this device, so some may be missing.".to_owned()
    } else {
        format!("Some results may be missing: {e}.")
    }
}

/// How long typing must pause before what is typed counts as a settled
/// query, with a history entry of its own.
const SETTLE: Duration = Duration::from_millis(1000);

/// The query box of the results page. The URL follows what is typed: the
/// first keystroke of a burst adds one history entry, the rest of the burst
/// replaces it, so Back and a shared link give what was on screen.
#[component]
fn SearchForm(
    /// The query in the URL.
    shown: Signal<String>,
) -> impl IntoView {
    let navigate = use_navigate();
    let input = NodeRef::<html::Input>::new();
    // Set while a burst of typing lasts; cleared once typing settles.
    let burst = StoredValue::new(None::<TimeoutHandle>);
    let end_burst = move || {
        if let Some(Some(timer)) = burst.try_update_value(Option::take) {
            timer.clear();
        }
    };
    on_cleanup(end_burst);
    // Back, forward or a link change the URL: the box shows its query,
    // unless it already holds it (a trailing space being typed stays).
    Effect::new(move |_| {
        let text = shown.get();
        if let Some(el) = input.get()
            && el.value().trim() != text.trim()
        {
            el.set_value(&text);
        }
    });
    let typed = move || input.get_untracked().map(|i| i.value()).unwrap_or_default();
    // Whether the URL changed: a burst starts with the first keystroke
    // that changes the query, not with a space typed after a word.
    let follow = {
        let navigate = navigate.clone();
        move |replace: bool| -> bool {
            let q = typed();
            let changed = q.trim() != shown.get_untracked().trim();
            if changed {
                let options = NavigateOptions {
                    replace,
                    scroll: false,
                    ..Default::default()
                };
                navigate(&routes::search_href(q.trim(), &[], 1), options);
            }
            changed
        }
    };
    let on_input = {
        let follow = follow.clone();
        move |_| {
            let in_burst = burst.with_value(Option::is_some);
            if follow(in_burst) || in_burst {
                end_burst();
                let timer = set_timeout_with_handle(
                    move || {
                        burst.try_set_value(None);
                    },
                    SETTLE,
                );
                burst.set_value(timer.ok());
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Typing already put the query in the URL: Enter settles it.
        let in_burst = burst.with_value(Option::is_some);
        end_burst();
        follow(in_burst);
    };
    view! {
        <form class="search-form" role="search" aria-label="Search the site" on:submit=on_submit>
            <label for="search-page-input">"Search the site"</label>
            <div class="search-form-row">
                <input
                    id="search-page-input"
                    type="search"
                    node_ref=input
                    value=shown.get_untracked()
                    autocomplete="off"
                    on:input=on_input
                />
                <button type="submit" class="button">"Search"</button>
            </div>
        </form>
    }
}

fn results_view(
    content: &Content,
    asked: &SearchRequest,
    page: usize,
    found: &Answer,
    counts: Counts,
) -> impl IntoView + use<> {
    let (text, filters) = (asked.text.as_str(), asked.filters.as_slice());
    let r = &found.results;
    let q = text.trim().to_owned();
    let count = results_count(r.total, r.estimated, &q);
    let suggestion = r.suggestion.clone().map(|s| {
        let href = routes::search_href(&s, filters, 1);
        view! { <p class="did-you-mean">"Did you mean "<a href=href>{s}</a>"?"</p> }
    });
    let pages = r.total.div_ceil(PER_PAGE).max(1);
    // An estimated total may be off: there is a next page while pages
    // come full.
    let has_next = if r.estimated {
        found.docs.len() == PER_PAGE
    } else {
        page < pages
    };
    let position = if r.estimated {
        format!("Page {page} of about {}", pages.max(page))
    } else {
        format!("Page {page} of {pages}")
    };
    let items = found
        .docs
        .iter()
        .map(|doc| view! { <SearchResult doc=doc.clone() matched=r.matched.clone() /> })
        .collect_view();
    let pager = (page > 1 || has_next).then(|| {
        let prev = (page > 1).then(|| view! { <a rel="prev" href=routes::search_href(&q, filters, page - 1)>"← Previous"</a> });
        let next = has_next.then(|| view! { <a rel="next" href=routes::search_href(&q, filters, page + 1)>"Next →"</a> });
        view! {
            <nav class="pager" aria-label="Result pages">
                {prev}<span class="pager-position">{position}</span>{next}
            </nav>
        }
    });
    let active_filters = (!filters.is_empty()).then(|| {
        view! { <p class="filter-clear"><a href=routes::search_href(&q, &[], 1)>"Clear all filters"</a></p> }
    });
    view! {
        <p class="results-summary" role="status">{count}</p>
        {suggestion}
        <div class="search-layout">
            <nav class="facets" aria-label="Refine results">
                {active_filters}
                {counts_view(content, asked, counts)}
            </nav>
            <ol class="search-results">{items}</ol>
        </div>
        {pager}
    }
}

/// The facet counts for the request shown, once they have come.
type Counts = RwSignal<Option<Result<Option<Answered>, DataError>>>;

fn counts_view(content: &Content, shown: &SearchRequest, counts: Counts) -> impl IntoView + use<> {
    let (content, shown) = (content.clone(), shown.clone());
    move || {
        match counts.get() {
        Some(Ok(Some((asked, found))))
            if asked.text == shown.text && asked.filters == shown.filters =>
        {
            Some(facets_view(&content, shown.text.trim(), &shown.filters, &found.results).into_any())
        }
        Some(Err(e)) => Some(
            view! { <p class="notice">{format!("Counts by type, term and year are unavailable: {e}")}</p> }
                .into_any(),
        ),
        _ => None,
    }
    }
}

fn facets_view(
    content: &Content,
    q: &str,
    filters: &[Filter],
    r: &Results,
) -> impl IntoView + use<> {
    let toggle = |filter: Filter| -> (String, bool) {
        let on = filters.contains(&filter);
        let next: Vec<Filter> = if on {
            filters.iter().filter(|f| **f != filter).cloned().collect()
        } else {
            // One value per facet: replace a filter of the same facet.
            let same_facet = |f: &Filter| match (f, &filter) {
                (Filter::Term(a, _), Filter::Term(b, _)) => a == b,
                (Filter::Year(_), Filter::Year(_)) | (Filter::Type(_), Filter::Type(_)) => true,
                _ => false,
            };
            let mut next: Vec<Filter> =
                filters.iter().filter(|f| !same_facet(f)).cloned().collect();
            next.push(filter);
            next
        };
        (routes::search_href(q, &next, 1), on)
    };
    let estimated = r.estimated;
    let count = move |n: usize| {
        if estimated {
            format!(" (about {n})")
        } else {
            format!(" ({n})")
        }
    };
    let group = |heading: String, values: Vec<(String, Filter, usize)>| {
        (!values.is_empty()).then(|| {
            let items = values
                .into_iter()
                .take(FACET_VALUES)
                .map(|(label, filter, n)| {
                    let (href, on) = toggle(filter);
                    view! {
                        <li>
                            <a href=href aria-current=on.then_some("true") class:facet-on=on>
                                {label}
                                <span class="facet-count">{count(n)}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="facet">
                    <h2>{heading}</h2>
                    <ul>{items}</ul>
                </section>
            }
        })
    };
    let types = group(
        "Type".to_owned(),
        r.facets
            .types
            .iter()
            .map(|&(t, n)| (type_label(content, t), Filter::Type(t), n))
            .collect(),
    );
    let terms = TaxonomyKind::offered()
        .map(|kind| {
            let values = r
                .facets
                .terms
                .get(&kind)
                .map(|counts| {
                    counts
                        .iter()
                        .filter_map(|(slug, n)| {
                            let name = content.term(kind, slug)?.name.clone();
                            Some((name, Filter::Term(kind, slug.clone()), *n))
                        })
                        .collect()
                })
                .unwrap_or_default();
            group(content.taxonomy(kind).title.clone(), values)
        })
        .collect_view();
    let years = group(
        "Year".to_owned(),
        r.facets
            .years
            .iter()
            .map(|&(y, n)| (y.to_string(), Filter::Year(y), n))
            .collect(),
    );
    view! { {types}{terms}{years} }
}
