use leptos::prelude::*;

use crate::components::article_list::ItemHeading;
use crate::components::offline_list::OfflineList;
use crate::data::DataError;

/// What failed while fetching part of a page, with a button to try again.
#[component]
pub fn FetchError(
    /// The errors caught by the surrounding error boundary.
    errors: ArcRwSignal<Errors>,
    /// Starts the fetch again.
    retry: Callback<()>,
    /// When the download itself failed (offline), list what can be read
    /// without a connection: for a part that is the whole page.
    #[prop(optional)]
    offer_saved: bool,
) -> impl IntoView {
    let unreachable = errors.read_untracked().iter().any(|(_, error)| {
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
    let saved = (offer_saved && unreachable).then(|| {
        view! {
            <section class="offline-choices" aria-labelledby="offline-choices-title">
                <h2 id="offline-choices-title">"Available offline"</h2>
                <p>"This is not saved on this device. These articles are:"</p>
                <OfflineList page=1 heading=ItemHeading::H3 />
            </section>
        }
        .into_any()
    });
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
