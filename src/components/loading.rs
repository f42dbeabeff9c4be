use leptos::prelude::*;

/// A polite status line shown while content loads.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status">
            "Loading…"
        </p>
    }
}
