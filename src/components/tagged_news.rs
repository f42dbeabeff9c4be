use leptos::prelude::*;

use crate::app::use_content;
use crate::components::article_list::{ArticleList, ItemHeading};
use crate::data::{NewsFilter, TermRef};
use crate::routes;

/// How many articles a taxonomy page shows before linking to the full list.
const SHOWN: usize = 5;

/// The latest news filed under a page, or a line saying there is none.
#[component]
pub fn TaggedNews(
    /// The page whose news to show.
    target: TermRef,
) -> impl IntoView {
    let content = use_content();
    let tagged: Vec<_> = content.articles_for(&target).collect();
    let total = tagged.len();
    let articles: Vec<_> = tagged.into_iter().take(SHOWN).cloned().collect();
    let filter = match &target.slug {
        Some(slug) => NewsFilter {
            terms: vec![(target.kind, slug.clone())],
        },
        None => NewsFilter::default(),
    };
    let all_link = (total > SHOWN || target.slug.is_some() && total > 0).then(|| {
        let label = if total == 1 {
            "See it in the news list".to_owned()
        } else {
            format!("All {total} articles")
        };
        view! { <p class="more-link"><a href=routes::news_href(&filter, 1)>{label}</a></p> }
    });
    view! {
        <section class="tagged-news" aria-labelledby="tagged-news-heading">
            <h2 id="tagged-news-heading">"News"</h2>
            {if articles.is_empty() {
                view! { <p class="empty">"No news yet."</p> }.into_any()
            } else {
                view! { <ArticleList articles heading=ItemHeading::H3 /> }.into_any()
            }}
            {all_link}
        </section>
    }
}
