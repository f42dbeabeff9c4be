use leptos::prelude::*;

/// Links to the newer and older pages of a news list, with the position.
#[component]
pub fn Pager(
    /// The URL of a page of the list (1-based).
    href: Callback<usize, String>,
    /// The current page, 1-based.
    page: usize,
    /// How many pages there are.
    pages: usize,
) -> impl IntoView {
    (pages > 1).then(|| {
        let newer = (page > 1).then(|| {
            let href = href.run(page - 1);
            view! { <a class="pager-newer" href=href rel="prev">"← Newer"</a> }
        });
        let older = (page < pages).then(|| {
            let href = href.run(page + 1);
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
