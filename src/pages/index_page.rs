use leptos::prelude::*;

use crate::components::breadcrumb::{Breadcrumb, trail_to};
use crate::components::sub_entries::SubEntries;
use crate::components::tagged_news::TaggedNews;
use crate::components::title::Title;
use crate::contexts::use_content;
use crate::data::{MenuNode, TaxonomyKind, TermRef};
use crate::pages::not_found_page::NotFoundPage;
use crate::routes::use_kind;

/// `/<kind>`: every entry of a taxonomy, as the menu groups them; not
/// found for a kind without an index page or a segment no kind has.
#[component]
pub fn IndexPage() -> impl IntoView {
    let kind = use_kind();
    move || match kind.get().filter(|kind| kind.has_index()) {
        Some(kind) => view! { <KindIndex kind /> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

/// The index of one kind.
#[component]
fn KindIndex(
    /// Which taxonomy to list.
    kind: TaxonomyKind,
) -> impl IntoView {
    let content = use_content();
    let target = TermRef::index(kind);
    let title = content.taxonomy(kind).title.clone();
    let trail = trail_to(&content, &target);
    // The menu's grouping where the menu has this page, else every term.
    let nodes = content
        .locate(&target)
        .and_then(|t| t.node().map(|n| n.children.clone()))
        .filter(|children| !children.is_empty())
        .unwrap_or_else(|| {
            content
                .taxonomy(kind)
                .terms
                .iter()
                .map(|term| MenuNode {
                    label: term.name.clone(),
                    link: Some(TermRef::term(kind, term.slug.clone())),
                    children: Vec::new(),
                })
                .collect()
        });
    view! {
        <Title text=title.clone() />
        <Breadcrumb trail current=title.clone() />
        <div class="index-page">
            <h1>{title}</h1>
            <SubEntries nodes this=target.clone() />
            <TaggedNews target />
        </div>
    }
}
