use leptos::prelude::*;

use crate::components::fetch_error::FetchError;
use crate::components::loading::Loading;
use crate::components::title::Title;
use crate::data::DataError;

/// A part of a page fetched on demand: "Loading…" while it comes, its view
/// once it has arrived, what failed with a Retry button if it fails.
#[component]
pub fn Fetched<T, V, F>(
    /// The fetch; Retry runs it again.
    resource: LocalResource<Result<T, DataError>>,
    /// Builds the part from what arrived.
    view: F,
    /// Keep the previous view while a new fetch runs (a list being paged),
    /// instead of showing "Loading…" (a new page, whose heading is awaited).
    #[prop(optional)]
    keep_previous: bool,
    /// For a part that is the whole page: its title and h1 on failure.
    #[prop(optional)]
    failure_title: Option<&'static str>,
    /// Shown under the message when the download itself failed (offline).
    #[prop(optional, into)]
    unreachable: Option<ViewFn>,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let retry = Callback::new(move |()| resource.refetch());
    let failed = move |errors: ArcRwSignal<Errors>| {
        let heading = failure_title.map(|title| view! { <Title text=title /><h1>{title}</h1> });
        view! { {heading}<FetchError errors retry unreachable=unreachable.clone() /> }
    };
    let part = move || {
        let view = view.clone();
        Suspend::new(async move { resource.await.map(view) })
    };
    let boundary = move || view! { <ErrorBoundary fallback=failed>{part.clone()}</ErrorBoundary> };
    if keep_previous {
        view! { <Transition fallback=Loading>{boundary()}</Transition> }.into_any()
    } else {
        view! { <Suspense fallback=Loading>{boundary()}</Suspense> }.into_any()
    }
}
