use leptos::prelude::*;

use crate::data::{Content, TermRef};
use crate::routes;
use crate::routes::Href;

/// One step of a breadcrumb trail.
#[derive(Clone, Debug, PartialEq)]
pub struct Crumb {
    pub label: String,
    /// Where the step links; `None` for a menu group without a page.
    pub href: Option<String>,
}

impl Crumb {
    pub fn new(label: impl Into<String>, href: Option<String>) -> Self {
        Crumb {
            label: label.into(),
            href,
        }
    }
}

/// The steps above a taxonomy page: its place in the menu, or its kind's
/// index when the menu does not list it. Home and the page itself excluded.
pub fn trail_to(content: &Content, target: &TermRef) -> Vec<Crumb> {
    match content.locate(target) {
        Some(trail) => {
            let ancestors = trail
                .nodes
                .split_last()
                .map(|(_, rest)| rest)
                .unwrap_or(&[]);
            let mut crumbs: Vec<Crumb> = Vec::new();
            for node in ancestors {
                let href = node.link.as_ref().and_then(TermRef::href);
                // A group linking to the same page as the step above adds nothing.
                if crumbs
                    .last()
                    .is_some_and(|c| c.href.is_some() && c.href == href)
                {
                    continue;
                }
                crumbs.push(Crumb::new(node.label.clone(), href));
            }
            if crumbs.last().and_then(|c| c.href.clone()) == target.href() {
                crumbs.pop();
            }
            crumbs
        }
        None if target.slug.is_some() => {
            let index = TermRef::index(target.kind);
            vec![Crumb::new(
                content.taxonomy(target.kind).title.clone(),
                index.href(),
            )]
        }
        None => Vec::new(),
    }
}

/// "Home › … › this page", as a navigation landmark.
#[component]
pub fn Breadcrumb(
    /// Steps between home and the current page.
    trail: Vec<Crumb>,
    /// The current page's title.
    #[prop(into)]
    current: String,
) -> impl IntoView {
    let steps = trail
        .into_iter()
        .map(|crumb| match crumb.href {
            Some(href) => view! { <li><a href=href>{crumb.label}</a></li> }.into_any(),
            None => view! { <li><span>{crumb.label}</span></li> }.into_any(),
        })
        .collect_view();
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <ol>
                <li><a href=routes::home_href()>"Home"</a></li>
                {steps}
                <li><span aria-current="page">{current}</span></li>
            </ol>
        </nav>
    }
}
