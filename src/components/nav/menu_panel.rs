use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::data::{MenuNode, TermRef};
use crate::routes::Href;

/// One section's panel of the main menu: groups with their links.
#[component]
pub fn MenuPanel(
    /// The element id the section's button controls.
    id: String,
    /// The section's own entry, with its entries as children.
    section: MenuNode,
    /// Whether the panel is shown.
    open: Signal<bool>,
) -> impl IntoView {
    // A section with a page of its own that no entry opens gets a link to
    // it at the top of its panel, since the section itself is a button.
    let overview = section
        .link
        .as_ref()
        .filter(|link| !links_to(&section.children, link))
        .and_then(|link| link.href());
    // Built when first opened, then kept: the closed panels were most of
    // the first page's elements, and most visits open one or none. A
    // prerendered page has them all, so its menu works before the app
    // runs, and without it.
    let prerendered = cfg!(not(target_arch = "wasm32"));
    let opened =
        Memo::new(move |before: Option<&bool>| prerendered || before == Some(&true) || open.get());
    let label = section.label;
    let children = section.children;
    let content = move || {
        opened.get().then(|| {
            let overview = overview
                .clone()
                .map(|href| view! { <a class="menu-overview" href=href>{label.clone()}</a> });
            view! {
                {overview}
                <ul class="menu-panel-list">{entries(children.clone())}</ul>
            }
        })
    };
    view! {
        <div class="menu-panel" id=id hidden=move || !open.get()>
            {content}
        </div>
    }
}

fn links_to(nodes: &[MenuNode], target: &TermRef) -> bool {
    nodes
        .iter()
        .any(|n| n.link.as_ref() == Some(target) || links_to(&n.children, target))
}

fn entries(nodes: Vec<MenuNode>) -> AnyView {
    nodes
        .into_iter()
        .map(|node| {
            if node.children.is_empty() {
                view! { <li class="menu-entry">{entry_link(&node)}</li> }.into_any()
            } else {
                view! {
                    <li class="menu-group">
                        <span class="menu-group-title">{entry_link(&node)}</span>
                        <ul>{entries(node.children)}</ul>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// A menu entry's link, marked as the current page when it is.
fn entry_link(node: &MenuNode) -> AnyView {
    let label = node.label.clone();
    match node.link.as_ref().and_then(|link| link.href()) {
        Some(href) => {
            let location = use_location();
            let here = href.clone();
            let current = move || (location.pathname.get() == here).then_some("page");
            view! { <a href=href aria-current=current>{label}</a> }.into_any()
        }
        None => view! { <span>{label}</span> }.into_any(),
    }
}
