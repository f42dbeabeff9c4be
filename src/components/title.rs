use leptos::prelude::*;

use crate::contexts::use_title_format;

/// Sets the document title while the page is shown.
#[component]
pub fn Title(
    /// The page's own title, formatted as the layout says.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let format = use_title_format();
    Effect::new(move |_| {
        let text = text.get();
        let title = match &format {
            Some(format) => (format.0)(&text),
            None => text,
        };
        document().set_title(&title);
    });
}
