use leptos::prelude::*;

use crate::data::DataError;

/// Says search failed and why, with a button to try again.
#[component]
pub fn SearchUnavailable(
    /// What failed.
    error: DataError,
    /// Asks the search worker again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="notice" role="alert">
            <p>{format!("Search is unavailable: {error}")}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>"Retry"</button>
        </div>
    }
}
