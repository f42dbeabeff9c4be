use leptos::prelude::*;

use crate::data::{MenuNode, TermRef};
use crate::routes::Href;

/// The entries under a page in the menu, as nested link lists. Entries that
/// lead back to the page itself are shown as plain headings.
#[component]
pub fn SubEntries(
    /// The page's own menu entries' children.
    nodes: Vec<MenuNode>,
    /// The page they belong to.
    this: TermRef,
) -> impl IntoView {
    view! { <ul class="sub-entries">{render(nodes, &this)}</ul> }
}

fn render(nodes: Vec<MenuNode>, this: &TermRef) -> AnyView {
    nodes
        .into_iter()
        .filter(|node| !(node.children.is_empty() && node.link.as_ref() == Some(this)))
        .map(|node| {
            let href = node
                .link
                .as_ref()
                .filter(|link| *link != this)
                .and_then(TermRef::href);
            let label = match href {
                Some(href) => view! { <a href=href>{node.label}</a> }.into_any(),
                None => view! { <span class="sub-entries-group">{node.label}</span> }.into_any(),
            };
            let children = (!node.children.is_empty())
                .then(|| view! { <ul>{render(node.children, this)}</ul> });
            view! { <li>{label}{children}</li> }
        })
        .collect_view()
        .into_any()
}
