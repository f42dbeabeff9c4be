use leptos::prelude::*;

use crate::data::NewsFilter;
use crate::routes;

/// Links to the newer and older pages of a news list, with the position.
#[component]
pub fn Pager(
    /// The list's filters, kept on every page.
    filter: NewsFilter,
    /// The current page, 1-based.
    page: usize,
    /// How many pages there are.
    pages: usize,
) -> impl IntoView {
    (pages > 1).then(|| {
        let newer = (page > 1).then(|| {
            let href = routes::news_href(&filter, page - 1);
            view! { <a class="pager-newer" href=href rel="prev">"← Newer"</a> }
        });
        let older = (page < pages).then(|| {
            let href = routes::news_href(&filter, page + 1);
            view! { <a class="pager-older" href=href rel="next">"Older →"</a> }
        });
        view! {
            <nav class="pager" aria-label="Pages">
                {newer}
                <span class="pager-position">{format!("Page {page} of {pages}")}</span>
                {older}
            </nav>
        }
    })
}
