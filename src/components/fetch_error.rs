use leptos::prelude::*;

use crate::data::DataError;

/// What failed while fetching part of a page, with a button to try again.
#[component]
pub fn FetchError(
    /// The errors caught by the surrounding error boundary.
    errors: ArcRwSignal<Errors>,
    /// Starts the fetch again.
    retry: Callback<()>,
    /// Shown under the message when the download itself failed (offline):
    /// what can be read without a connection, for a part that is the whole
    /// page.
    #[prop(optional_no_strip)]
    unreachable: Option<ViewFn>,
) -> impl IntoView {
    let network_failed = errors.read_untracked().iter().any(|(_, error)| {
        matches!(
            error.downcast_ref::<DataError>(),
            Some(DataError::Network { .. })
        )
    });
    let messages = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| view! { <li>{error.to_string()}</li> })
            .collect_view()
    };
    let saved = unreachable
        .filter(|_| network_failed)
        .map(|view| view.run());
    view! {
        <div class="fetch-error">
            <div role="alert">
                <p>"This could not be loaded:"</p>
                <ul>{messages}</ul>
            </div>
            <p>"Check your connection and try again."</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                "Retry"
            </button>
        </div>
        {saved}
    }
}
