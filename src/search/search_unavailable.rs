use leptos::prelude::*;

use crate::components::fetched::FailureView;

/// The failure view of search results, for `Fetched`.
pub fn search_failure() -> FailureView {
    Callback::new(|(errors, retry)| view! { <SearchUnavailable errors retry /> }.into_any())
}

/// Says search failed and why, with a button to try again.
#[component]
pub fn SearchUnavailable(
    /// What failed, as the results' error boundary caught it.
    errors: ArcRwSignal<Errors>,
    /// Asks the search worker again.
    retry: Callback<()>,
) -> impl IntoView {
    let reason = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| error.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    };
    view! {
        <div class="notice" role="alert">
            <p>"Search is unavailable: "{reason}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>"Retry"</button>
        </div>
    }
}
