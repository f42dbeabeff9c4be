use leptos::prelude::*;

use crate::search::Segment;

/// Text with the matched words in `<mark>`, built from text nodes only.
#[component]
pub fn Highlighted(
    /// The pieces of text, marked or not.
    segments: Vec<Segment>,
) -> impl IntoView {
    segments
        .into_iter()
        .map(|s| {
            if s.marked {
                view! { <mark>{s.text}</mark> }.into_any()
            } else {
                s.text.into_any()
            }
        })
        .collect_view()
}
