use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

use crate::contexts::use_content;
use crate::contexts::use_search;
use crate::data::Content;
use crate::routes;
use crate::routes::Href;
use crate::search::highlighted::Highlighted;
use crate::search::{Answer, DocType, SearchRequest, highlight};

/// Suggestions shown under the box.
const SUGGESTIONS: usize = 6;

/// One suggestion of the dropdown.
#[derive(Clone, Debug, PartialEq)]
struct Suggestion {
    href: String,
    title: Vec<crate::search::Segment>,
    kind: String,
}

/// The label of a result's type ("News", or the taxonomy's title).
pub fn type_label(content: &Content, t: DocType) -> String {
    match t {
        DocType::News => "News".to_owned(),
        DocType::Page(kind) => content.taxonomy(kind).title.clone(),
    }
}

fn suggestions(content: &Content, answer: &Answer) -> Vec<Suggestion> {
    answer
        .docs
        .iter()
        .filter_map(|doc| {
            Some(Suggestion {
                href: doc.href()?,
                title: highlight(&doc.title, &answer.results.matched),
                kind: type_label(content, doc.kind.into()),
            })
        })
        .collect()
}

fn is_typing_target(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.is_content_editable()
        })
}

/// The header's search box: suggestions as you type, arrow keys to pick
/// one, Enter for the full results page; `/` focuses it from anywhere.
#[component]
pub fn SearchBox() -> impl IntoView {
    let content = use_content();
    let search = use_search();
    let navigate = use_navigate();
    let location = use_location();
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let input_ref = NodeRef::<html::Input>::new();

    let answer = search.watch(move || {
        let text = query.get();
        (!text.trim().is_empty()).then(|| SearchRequest {
            text,
            limit: SUGGESTIONS,
            ..SearchRequest::default()
        })
    });
    let found = Memo::new(move |_| match answer.answer() {
        Some((_, Ok(a))) if !query.with(|q| q.trim().is_empty()) => suggestions(&content, &a),
        _ => Vec::new(),
    });
    // A new page closes the box and empties it.
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
        active.set(None);
        query.set(String::new());
    });

    let shortcut = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "/"
            && !ev.ctrl_key()
            && !ev.meta_key()
            && !ev.alt_key()
            && !is_typing_target(ev.target())
            && let Some(input) = input_ref.get_untracked()
        {
            ev.prevent_default();
            let _ = input.focus();
        }
    });
    on_cleanup(move || shortcut.remove());

    // Suggestions plus the last option, "all results".
    let option_count = move || found.with(Vec::len) + 1;
    let show = move || open.get() && !query.with(|q| q.trim().is_empty());
    let go_to_results = {
        let navigate = navigate.clone();
        move || {
            navigate(
                &routes::search_href(query.get_untracked().trim(), &[], 1),
                Default::default(),
            )
        }
    };
    let on_keydown = {
        let navigate = navigate.clone();
        let go_to_results = go_to_results.clone();
        move |ev: ev::KeyboardEvent| match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" => {
                ev.prevent_default();
                open.set(true);
                let n = option_count();
                let down = ev.key() == "ArrowDown";
                active.update(|a| {
                    *a = match (*a, down) {
                        (None, true) => Some(0),
                        (None, false) => Some(n - 1),
                        (Some(i), true) => Some((i + 1) % n),
                        (Some(i), false) => Some((i + n - 1) % n),
                    }
                });
            }
            "Enter" => {
                ev.prevent_default();
                let chosen = active
                    .get_untracked()
                    .and_then(|i| found.with_untracked(|s| s.get(i).map(|s| s.href.clone())));
                match chosen {
                    Some(href) => navigate(&href, Default::default()),
                    None if !query.with_untracked(|q| q.trim().is_empty()) => go_to_results(),
                    None => {}
                }
            }
            "Escape" => {
                if open.get_untracked() && !query.with_untracked(String::is_empty) {
                    ev.prevent_default();
                    open.set(false);
                    active.set(None);
                } else if !query.with_untracked(String::is_empty) {
                    ev.prevent_default();
                    query.set(String::new());
                }
            }
            _ => {}
        }
    };
    let option_id = |i: usize| format!("site-search-option-{i}");
    let activedescendant = move || show().then(|| active.get().map(option_id)).flatten();
    let status = move || match (show(), answer.answer()) {
        (false, _) => String::new(),
        (true, None) => "Loading search…".to_owned(),
        (true, Some((_, Err(e)))) => format!("Search is unavailable: {e}"),
        (true, Some((_, Ok(_)))) => match found.with(Vec::len) {
            0 => "No suggestions".to_owned(),
            1 => "1 suggestion".to_owned(),
            n => format!("{n} suggestions"),
        },
    };
    let options = move || {
        let items = found.get();
        let all_index = items.len();
        let q = query.get();
        let rows = items
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let selected = move || active.get() == Some(i);
                let href = s.href.clone();
                let nav = navigate.clone();
                view! {
                    <li
                        role="option"
                        id=option_id(i)
                        class="search-option"
                        aria-selected=move || selected().to_string()
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| nav(&href, Default::default())
                    >
                        <span class="search-option-title"><Highlighted segments=s.title /></span>
                        <span class="search-option-type">{s.kind}</span>
                    </li>
                }
            })
            .collect_view();
        let go = go_to_results.clone();
        view! {
            {rows}
            <li
                role="option"
                id=option_id(all_index)
                class="search-option search-option-all"
                aria-selected=move || (active.get() == Some(all_index)).to_string()
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| go()
            >
                {format!("All results for \u{201c}{}\u{201d}", q.trim())}
            </li>
        }
    };
    let on_submit = move |ev: ev::SubmitEvent| ev.prevent_default();
    view! {
        <form class="site-search" role="search" on:submit=on_submit>
            <label for="site-search-input" class="visually-hidden">"Search"</label>
            <input
                id="site-search-input"
                node_ref=input_ref
                type="search"
                placeholder="Search"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls="site-search-listbox"
                aria-keyshortcuts="/"
                aria-activedescendant=activedescendant
                prop:value=move || query.get()
                on:focus=move |_| {
                    search.ensure();
                    open.set(true);
                }
                on:blur=move |_| {
                    open.set(false);
                    active.set(None);
                }
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    open.set(true);
                    active.set(None);
                }
                on:keydown=on_keydown
            />
            <ul id="site-search-listbox" role="listbox" aria-label="Suggestions" class="search-listbox" hidden=move || !show() aria-busy=move || answer.pending().to_string()>
                {options}
            </ul>
            <p class="visually-hidden" role="status">{status}</p>
        </form>
    }
}
