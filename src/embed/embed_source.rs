use leptos::prelude::*;

use crate::contexts::use_content;

/// The line that ends every embed: where it comes from, linking to the
/// full page on the site.
#[component]
pub fn EmbedSource(
    /// The full page this embed shows part of.
    href: String,
) -> impl IntoView {
    let name = use_content().meta().name.clone();
    view! {
        <p class="embed-source">"Source: "<a href=href>{name}</a></p>
    }
}
