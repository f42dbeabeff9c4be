use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::breadcrumb::Breadcrumb;
use crate::components::title::Title;
use crate::data::NewsFilter;
use crate::routes;

/// Says the page does not exist and offers a way on.
#[component]
pub fn NotFoundPage(
    /// What was not found, when more is known than the path.
    #[prop(optional, into)]
    detail: Option<String>,
) -> impl IntoView {
    let location = use_location();
    let detail = move || {
        detail
            .clone()
            .unwrap_or_else(|| format!("There is no page at {}.", location.pathname.get()))
    };
    view! {
        <Title text="Page not found" />
        <Breadcrumb trail=Vec::new() current="Page not found" />
        <div class="not-found">
            <h1>"Page not found"</h1>
            <p>{detail}</p>
            <ul class="not-found-links">
                <li><a href=routes::home_href()>"Go to the home page"</a></li>
                <li><a href=routes::news_href(&NewsFilter::default(), 1)>"Browse the news"</a></li>
            </ul>
        </div>
    }
}
