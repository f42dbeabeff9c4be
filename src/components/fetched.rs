use std::sync::Arc;

use leptos::prelude::*;

use crate::components::fetch_error::FetchError;
use crate::components::loading::Loading;
use crate::components::title::Title;
use crate::data::{DataError, Load};

/// What a part shows when its fetch failed, from the errors and Retry.
pub type FailureView = Callback<(ArcRwSignal<Errors>, Callback<()>), AnyView>;

/// The awaited part with its view type erased, so every `Fetched` shares one
/// copy of the boundary code below rather than one per page (about 2.5 KB
/// of wasm each).
type Part = Arc<dyn Fn() -> Suspend<Result<AnyView, DataError>> + Send + Sync>;

/// A part of a page fetched on demand: "Loading…" while it comes, its view
/// once it has arrived, what failed with a Retry button if it fails.
#[component]
pub fn Fetched<T, V, F>(
    /// The fetch; Retry runs it again.
    #[prop(into)]
    resource: Load<T>,
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
    /// What to show on failure instead of the usual message, given the
    /// errors and Retry.
    #[prop(optional)]
    failure: Option<FailureView>,
    /// Told whether a new fetch is under way while the previous view is
    /// kept (with `keep_previous`), e.g. for `aria-busy`.
    #[prop(optional, into)]
    pending: Option<SignalSetter<bool>>,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let retry = Callback::new(move |()| resource.refetch());
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(now) = resource.now() {
        return prerendered(
            now.map(|value| view(value).into_any()),
            retry,
            failure_title,
            unreachable,
            failure,
        );
    }
    let part: Part = Arc::new(move || {
        let view = view.clone();
        Suspend::new(async move { resource.get().await.map(|value| view(value).into_any()) })
    });
    boundary(Boundary {
        part,
        retry,
        keep_previous,
        failure_title,
        unreachable,
        failure,
        pending,
    })
}

/// `Fetched`'s props once the types are erased.
struct Boundary {
    part: Part,
    retry: Callback<()>,
    keep_previous: bool,
    failure_title: Option<&'static str>,
    unreachable: Option<ViewFn>,
    failure: Option<FailureView>,
    pending: Option<SignalSetter<bool>>,
}

fn boundary(props: Boundary) -> AnyView {
    let Boundary {
        part,
        retry,
        keep_previous,
        failure_title,
        unreachable,
        failure,
        pending,
    } = props;
    let on_failure = move |errors: ArcRwSignal<Errors>| {
        failed(errors, retry, failure_title, unreachable.clone(), failure)
    };
    let boundary = move || {
        let part = part.clone();
        view! { <ErrorBoundary fallback=on_failure>{move || part()}</ErrorBoundary> }
    };
    if keep_previous {
        let set_pending = SignalSetter::map(move |busy| {
            if let Some(pending) = pending {
                pending.set(busy);
            }
        });
        view! { <Transition fallback=Loading set_pending>{boundary()}</Transition> }.into_any()
    } else {
        view! { <Suspense fallback=Loading>{boundary()}</Suspense> }.into_any()
    }
}

/// What a part shows when its fetch failed: the given failure view, or the
/// usual message (with the page's title and h1 if it is the whole page).
fn failed(
    errors: ArcRwSignal<Errors>,
    retry: Callback<()>,
    failure_title: Option<&'static str>,
    unreachable: Option<ViewFn>,
    failure: Option<FailureView>,
) -> AnyView {
    if let Some(failure) = failure {
        return failure.run((errors, retry));
    }
    let heading = failure_title.map(|title| view! { <Title text=title /><h1>{title}</h1> });
    view! { {heading}<FetchError errors retry unreachable /> }.into_any()
}

/// What the prerenderer writes: the part, or what failed, as it stands.
#[cfg(not(target_arch = "wasm32"))]
fn prerendered(
    now: Result<AnyView, DataError>,
    retry: Callback<()>,
    failure_title: Option<&'static str>,
    unreachable: Option<ViewFn>,
    failure: Option<FailureView>,
) -> AnyView {
    match now {
        Ok(view) => view,
        Err(error) => {
            let mut errors = Errors::default();
            errors.insert_with_default_key(error);
            failed(
                ArcRwSignal::new(errors),
                retry,
                failure_title,
                unreachable,
                failure,
            )
        }
    }
}
