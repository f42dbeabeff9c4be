use leptos::prelude::*;

use crate::app::use_archive;
use crate::components::article_list::{ArticleList, ItemHeading};
use crate::components::fetch_error::FetchError;
use crate::components::loading::Loading;
use crate::data::{DataError, List, NewsFilter, TermRef};
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
    let list = match &target.slug {
        Some(slug) => List::Term(target.kind, slug.clone()),
        None => List::Kind(target.kind),
    };
    let filter = match &target.slug {
        Some(slug) => NewsFilter {
            terms: vec![(target.kind, slug.clone())],
        },
        None => NewsFilter::default(),
    };
    let is_term = target.slug.is_some();
    let first = LocalResource::new(move || {
        let list = list.clone();
        async move { archive.first_page(&list).await }
    });
    let retry = Callback::new(move |()| first.refetch());
    view! {
        <section class="tagged-news" aria-labelledby="tagged-news-heading">
            <h2 id="tagged-news-heading">"News"</h2>
            <Suspense fallback=Loading>
                <ErrorBoundary fallback=move |errors| view! { <FetchError errors retry /> }>
                    {move || {
                        let filter = filter.clone();
                        Suspend::new(async move {
                            let page = first.await?;
                            let total = page.total;
                            let articles: Vec<_> = page.items.iter().take(SHOWN).cloned().collect();
                            let all_link = (total > SHOWN || is_term && total > 0).then(|| {
                                let label = if total == 1 {
                                    "See it in the news list".to_owned()
                                } else {
                                    format!("All {total} articles")
                                };
                                view! { <p class="more-link"><a href=routes::news_href(&filter, 1)>{label}</a></p> }
                            });
                            Ok::<_, DataError>(view! {
                                {if articles.is_empty() {
                                    view! { <p class="empty">"No news yet."</p> }.into_any()
                                } else {
                                    view! { <ArticleList articles heading=ItemHeading::H3 /> }.into_any()
                                }}
                                {all_link}
                            })
                        })
                    }}
                </ErrorBoundary>
            </Suspense>
        </section>
    }
}
