use std::rc::Rc;

use leptos::prelude::*;

use crate::data::Load;

use crate::components::article_list::{ArticleList, ItemHeading};
use crate::components::fetched::Fetched;
use crate::contexts::use_archive;
use crate::data::{List, ListPage, NewsFilter, TermRef};
use crate::routes;

/// How many articles a taxonomy page shows before linking to the full list.
const SHOWN: usize = 5;

/// The latest news filed under a page, or a line saying there is none.
#[component]
pub fn TaggedNews(
    /// The page whose news to show.
    target: TermRef,
) -> impl IntoView {
    let archive = use_archive();
    let (list, filter) = match &target.slug {
        Some(slug) => (
            List::Term(target.kind, slug.clone()),
            NewsFilter {
                terms: vec![(target.kind, slug.clone())],
            },
        ),
        None => (List::Kind(target.kind), NewsFilter::default()),
    };
    let first = Load::new(move || {
        let list = list.clone();
        async move { archive.first_page(&list).await }
    });
    let tagged = move |page: Rc<ListPage>| {
        let total = page.total;
        let articles: Vec<_> = page.items.iter().take(SHOWN).cloned().collect();
        // A term's list is the filtered news list; an index's is not.
        let all_link = (total > SHOWN || !filter.is_empty() && total > 0).then(|| {
            let label = if total == 1 {
                "See it in the news list".to_owned()
            } else {
                format!("All {total} articles")
            };
            view! { <p class="more-link"><a href=routes::news_href(&filter, 1)>{label}</a></p> }
        });
        view! {
            {if articles.is_empty() {
                view! { <p class="empty">"No news yet."</p> }.into_any()
            } else {
                view! { <ArticleList articles heading=ItemHeading::H3 /> }.into_any()
            }}
            {all_link}
        }
    };
    view! {
        <section class="tagged-news" aria-labelledby="tagged-news-heading">
            <h2 id="tagged-news-heading">"News"</h2>
            <Fetched resource=first view=tagged />
        </section>
    }
}
