use leptos::prelude::*;
use leptos_meta::Title;

/// What failed while loading content, with a button to try again.
#[component]
pub fn LoadError(
    /// The errors caught by the surrounding error boundary.
    errors: ArcRwSignal<Errors>,
    /// Starts the load again.
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
        <Title text="Content could not be loaded" />
        <main id="main-content" class="load-error" tabindex="-1">
            <div role="alert">
                <h1>"Content could not be loaded"</h1>
                <ul>{messages}</ul>
            </div>
            <p>"Check your connection and try again."</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                "Retry"
            </button>
        </main>
    }
}
