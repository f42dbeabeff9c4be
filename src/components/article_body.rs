use leptos::prelude::*;

use crate::data::{Article, Block, Link};
use crate::routes::Href;

/// An article's body blocks (after the lead), every one rendered as text.
#[component]
pub fn ArticleBody(
    /// The article.
    article: Article,
) -> impl IntoView {
    let blocks = article
        .body_after_lead()
        .iter()
        .cloned()
        .map(block_view)
        .collect_view();
    view! { <div class="article-body">{blocks}</div> }
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Paragraph { text, links } => view! { <p>{linked(&text, &links)}</p> }.into_any(),
        Block::Heading { text } => view! { <h2>{text}</h2> }.into_any(),
        Block::Quote { text, attribution } => view! {
            <figure class="quote">
                <blockquote><p>{text}</p></blockquote>
                {attribution.map(|a| view! { <figcaption>{a}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List { items } => {
            view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
                .into_any()
        }
    }
}

/// A paragraph's text with its links: each link's phrase, found after the
/// previous one (as the validator reads them), becomes a link. A phrase
/// whose address is not allowed stays plain text; one not found is skipped.
fn linked(text: &str, links: &[Link]) -> Vec<AnyView> {
    let mut parts = Vec::new();
    let mut rest = text;
    for link in links.iter().filter(|l| !l.text.is_empty()) {
        let Some((before, after)) = rest.split_once(link.text.as_str()) else {
            continue;
        };
        if !before.is_empty() {
            parts.push(before.to_owned().into_any());
        }
        parts.push(match link.href() {
            Some(href) => view! { <a href=href>{link.text.clone()}</a> }.into_any(),
            None => link.text.clone().into_any(),
        });
        rest = after;
    }
    if !rest.is_empty() {
        parts.push(rest.to_owned().into_any());
    }
    parts
}
