use std::sync::Arc;

use leptos::prelude::*;

/// How the layout turns a page's title into the document's title
/// ("<page> – <site name>"); provided by the layout.
#[derive(Clone)]
pub struct TitleFormat(pub Arc<dyn Fn(&str) -> String + Send + Sync>);

/// Sets the document title while the page is shown.
#[component]
pub fn Title(
    /// The page's own title, formatted by the layout's [`TitleFormat`].
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let format = use_context::<TitleFormat>();
    Effect::new(move |_| {
        let text = text.get();
        let title = match &format {
            Some(format) => (format.0)(&text),
            None => text,
        };
        document().set_title(&title);
    });
}
