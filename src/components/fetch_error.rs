use leptos::prelude::*;

/// What failed while fetching part of a page, with a button to try again.
#[component]
pub fn FetchError(
    /// The errors caught by the surrounding error boundary.
    errors: ArcRwSignal<Errors>,
    /// Starts the fetch again.
    retry: Callback<()>,
) -> impl IntoView {
    let messages = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| view! { <li>{error.to_string()}</li> })
            .collect_view()
    };
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
    }
}
