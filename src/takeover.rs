//! The app taking over a prerendered page in place.
//!
//! The page a reader first gets is the prerendered HTML. The app renders
//! the same page into a detached element and, once nothing in it is still
//! loading (or a fetch has failed, to show what failed with Retry), puts it
//! in place of the prerendered one in a single step, with the scroll
//! position, focus and anything typed carried over. Until then the
//! prerendered page stays, so a reader never sees "Loading…" first.

/// The attribute of the element the prerenderer puts the page in, inside
/// `<body>` (which the service worker's notices share).
pub use newsroom_content::shared::PRERENDERED;

/// Added to a prerendered page that reads on its own: the loader
/// (`scripts/external-loader.mjs`) starts the app at the reader's first
/// interaction there.
pub use newsroom_content::shared::APP_DEFERRED;

/// The query a prerendered page that depends on it was rendered for (see
/// `scripts/external-loader.mjs`).
pub use newsroom_content::shared::RENDERED_QUERY;

#[cfg(target_arch = "wasm32")]
pub use browser::mount;

#[cfg(target_arch = "wasm32")]
mod browser {
    use leptos::prelude::*;

    use super::PRERENDERED;

    /// How long the app may take to render before the prerendered page is
    /// left as it is (its links still work, as full page loads).
    const PATIENCE_MS: f64 = 20_000.0;

    /// Mounts the app: in place of a prerendered page, or into an empty shell.
    pub fn mount<F, N>(app: F)
    where
        F: FnOnce() -> N + 'static,
        N: IntoView + 'static,
    {
        let Some(prerendered) = document()
            .query_selector(&format!("body > [{PRERENDERED}]"))
            .ok()
            .flatten()
        else {
            leptos::mount::mount_to_body(app);
            return;
        };
        let Ok(staging) = document().create_element("div") else {
            return;
        };
        let Ok(staging) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(staging) else {
            return;
        };
        leptos::mount::mount_to(staging.clone(), app).forget();
        let started = js_sys::Date::now();
        wait(staging, prerendered, started);
    }

    /// Checks each frame whether the app's page is complete.
    fn wait(staging: web_sys::HtmlElement, prerendered: web_sys::Element, started: f64) {
        if is_complete(&staging) || failed(&staging) {
            swap(&staging, &prerendered);
        } else if js_sys::Date::now() - started > PATIENCE_MS {
            // Left as it is: the prerendered page still reads.
        } else {
            request_animation_frame(move || wait(staging, prerendered, started));
        }
    }

    fn is_complete(staging: &web_sys::HtmlElement) -> bool {
        staging.child_element_count() > 0
            && staging.query_selector(".loading").ok().flatten().is_none()
    }

    /// A fetch failed: the app shows what failed, with Retry (which the
    /// prerendered page cannot offer).
    fn failed(staging: &web_sys::HtmlElement) -> bool {
        staging
            .query_selector(".load-error, .fetch-error")
            .ok()
            .flatten()
            .is_some()
    }

    /// Puts the app's page in place of the prerendered one, keeping where the
    /// reader is, what has focus and what they typed.
    fn swap(staging: &web_sys::HtmlElement, prerendered: &web_sys::Element) {
        use wasm_bindgen::JsCast;
        let window = window();
        let (x, y) = (
            window.scroll_x().unwrap_or(0.0),
            window.scroll_y().unwrap_or(0.0),
        );
        let focused = document()
            .active_element()
            .map(|el| el.id())
            .filter(|id| !id.is_empty());
        let open = expanded(prerendered);
        let typed: Vec<(String, String)> = inputs(prerendered)
            .filter(|input| !input.id().is_empty() && input.value() != input.default_value())
            .map(|input| (input.id(), input.value()))
            .collect();

        let Some(parent) = prerendered.parent_node() else {
            return;
        };
        while let Some(child) = staging.first_child() {
            let _ = parent.insert_before(&child, Some(prerendered));
        }
        prerendered.remove();

        for (id, value) in typed {
            if let Some(input) = document()
                .get_element_by_id(&id)
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_value(&value);
                // The app's own signals follow the field.
                if let Ok(event) = web_sys::Event::new("input") {
                    let _ = input.dispatch_event(&event);
                }
            }
        }
        // A section the reader opened before the app started stays open: its
        // button in the app's page is pressed as the reader pressed it.
        for id in open {
            if let Some(button) = document()
                .get_element_by_id(&id)
                .filter(|el| el.get_attribute("aria-expanded").as_deref() == Some("false"))
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                button.click();
            }
        }
        if let Some(el) = focused
            .and_then(|id| document().get_element_by_id(&id))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
        window.scroll_to_with_x_and_y(x, y);
    }

    /// The ids of the prerendered page's open disclosure buttons.
    fn expanded(within: &web_sys::Element) -> Vec<String> {
        matching::<web_sys::Element>(within, "[aria-expanded=\"true\"][id]")
            .map(|el| el.id())
            .collect()
    }

    /// The text fields of the prerendered page.
    fn inputs(within: &web_sys::Element) -> impl Iterator<Item = web_sys::HtmlInputElement> {
        matching(within, "input")
    }

    /// The elements under `within` that match `selector`, as `T`.
    fn matching<T: wasm_bindgen::JsCast>(
        within: &web_sys::Element,
        selector: &str,
    ) -> impl Iterator<Item = T> {
        use wasm_bindgen::JsCast;
        let found = within.query_selector_all(selector).ok();
        let count = found.as_ref().map_or(0, web_sys::NodeList::length);
        (0..count).filter_map(move |i| {
            found
                .as_ref()
                .and_then(|list| list.item(i))
                .and_then(|node| node.dyn_into::<T>().ok())
        })
    }
}
