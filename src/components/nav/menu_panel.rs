use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::data::MenuNode;

/// One section's panel of the main menu: groups with their links.
#[component]
pub fn MenuPanel(
    /// The element id the section's button controls.
    id: String,
    /// The section's entries.
    nodes: Vec<MenuNode>,
    /// Whether the panel is shown.
    open: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="menu-panel" id=id hidden=move || !open.get()>
            <ul class="menu-panel-list">{entries(nodes)}</ul>
        </div>
    }
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
