use leptos::prelude::*;

#[cfg(not(target_arch = "wasm32"))]
use crate::contexts::use_document_title;
use crate::contexts::use_title_format;

/// Sets the document title while the page is shown.
#[component]
pub fn Title(
    /// The page's own title, formatted as the layout says.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let format = use_title_format();
    // The prerenderer writes it into the page's head.
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(document_title) = use_document_title() {
        let text = text.get_untracked();
        document_title.set(match &format {
            Some(format) => (format.0)(&text),
            None => text,
        });
    }
    Effect::new(move |_| {
        let text = text.get();
        let title = match &format {
            Some(format) => (format.0)(&text),
            None => text,
        };
        document().set_title(&title);
    });
}
