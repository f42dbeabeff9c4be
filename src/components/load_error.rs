use leptos::prelude::*;

use crate::components::fetch_error::FetchError;
use crate::components::title::Title;

/// The whole page when the site itself could not be loaded: what failed,
/// with a button to try again.
#[component]
pub fn LoadError(
    /// The errors caught by the surrounding error boundary.
    errors: ArcRwSignal<Errors>,
    /// Starts the load again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <Title text="Content could not be loaded" />
        <main id="main-content" class="load-error" tabindex="-1">
            <h1>"Content could not be loaded"</h1>
            <FetchError errors retry />
        </main>
    }
}
