use leptos::prelude::*;

use crate::contexts::use_content;
use crate::data::{Summary, TaxonomyKind};
use crate::routes::Href;

/// The heading level of each item, so lists fit the page outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemHeading {
    H2,
    H3,
}

/// A list of article summaries: title link, date, issuer and lead.
#[component]
pub fn ArticleList(
    /// The articles, in display order.
    articles: Vec<Summary>,
    /// Heading level of each item's title.
    heading: ItemHeading,
) -> impl IntoView {
    let content = use_content();
    let items = articles
        .into_iter()
        .map(|article| {
            let href = article.href();
            let title = article.title.clone();
            let link = view! { <a href=href>{title}</a> };
            let heading = match heading {
                ItemHeading::H2 => view! { <h2 class="article-card-title">{link}</h2> }.into_any(),
                ItemHeading::H3 => view! { <h3 class="article-card-title">{link}</h3> }.into_any(),
            };
            let date = article
                .issued_on
                .map(|d| view! { <time datetime=d.iso()>{d.long()}</time> });
            let issuers = article
                .issued_by
                .iter()
                .map(|i| {
                    i.label.clone().unwrap_or_else(|| {
                        content
                            .term(TaxonomyKind::Structures, &i.structure)
                            .map(|t| t.name.clone())
                            .unwrap_or_else(|| i.structure.clone())
                    })
                })
                .collect::<Vec<_>>()
                .join(", ");
            let separator = (date.is_some() && !issuers.is_empty()).then_some(" · ");
            view! {
                <li>
                    <article class="article-card">
                        {heading}
                        <p class="article-card-meta">{date}{separator}{issuers}</p>
                        <p class="article-card-lead">{article.lead}</p>
                    </article>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="article-list">{items}</ul> }
}
