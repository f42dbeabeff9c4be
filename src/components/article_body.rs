use leptos::prelude::*;

use crate::data::{Article, Block};

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
        Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
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
