use leptos::prelude::*;

use crate::components::breadcrumb::{Breadcrumb, trail_to};
use crate::components::sub_entries::SubEntries;
use crate::components::tagged_news::TaggedNews;
use crate::components::title::Title;
use crate::contexts::use_content;
use crate::data::TermRef;
use crate::pages::not_found_page::NotFoundPage;
use crate::routes::{use_kind, use_slug};

/// `/<kind>/<slug>`: one field of work, country, structure, ...
#[component]
pub fn TermPage() -> impl IntoView {
    let content = use_content();
    let kind = use_kind();
    let slug = use_slug();
    move || {
        let Some(kind) = kind.get() else {
            return view! { <NotFoundPage /> }.into_any();
        };
        let slug = slug.get();
        let Some(term) = content.term(kind, &slug).cloned() else {
            let kind_title = content.taxonomy(kind).title.clone();
            return view! {
                <NotFoundPage detail=format!("{kind_title} has no entry \u{201c}{slug}\u{201d}.") />
            }
            .into_any();
        };
        let target = TermRef::term(kind, term.slug.clone());
        let trail = trail_to(&content, &target);
        let sub_entries = content
            .locate(&target)
            .and_then(|t| t.node().map(|n| n.children.clone()))
            .filter(|children| !children.is_empty())
            .map(|nodes| {
                view! {
                    <section class="sub-entries-section" aria-labelledby="sub-entries-heading">
                        <h2 id="sub-entries-heading">"In this section"</h2>
                        <SubEntries nodes this=target.clone() />
                    </section>
                }
            });
        view! {
            <Title text=term.name.clone() />
            <Breadcrumb trail current=term.name.clone() />
            <div class="term-page">
                <h1>{term.name.clone()}</h1>
                {term.note.clone().map(|n| view! { <p class="term-note">{n}</p> })}
                {term.summary.clone().map(|s| view! { <p class="term-summary">{s}</p> })}
                {sub_entries}
                <TaggedNews target />
            </div>
        }
        .into_any()
    }
}
