use leptos::prelude::*;
use leptos_router::hooks::use_query;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use newsroom_content::shared::{HEIGHT_MESSAGE, PING_MESSAGE};

use crate::contexts::provide_embed_options;
use crate::embed::options::{EmbedOptions, EmbedQuery};

/// The frame of an embedded page: no site header, menu or footer; the
/// theme and accent colour from the URL (checked); links opening outside
/// the iframe; and its height reported to the parent page.
#[component]
pub fn EmbedLayout(
    /// The embedded page.
    children: Children,
) -> impl IntoView {
    let query = use_query::<EmbedQuery>();
    let options = Memo::new(move |_| {
        query
            .read()
            .as_ref()
            .map(EmbedQuery::options)
            .unwrap_or_default()
    });
    provide_embed_options(options);
    Effect::new(move |_| apply_look(&options.get()));

    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(root) = root.get() {
            report_height_changes(root.into());
        }
    });

    // The router would open a link inside the frame: give each link its
    // target as it is followed, so the browser opens it outside.
    let retarget = move |ev: leptos::ev::MouseEvent| {
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        if let Some(link) = link {
            let target = options.get_untracked().target.attr();
            let _ = link.set_attribute("target", target);
            let _ = link.set_attribute("rel", "noopener");
        }
    };

    view! {
        <div class="embed" node_ref=root on:click=retarget>
            <main id="main-content" class="embed-main">{children()}</main>
        </div>
    }
}

/// Sets the theme and accent on the document: only values the URL parser
/// has checked ever get here.
fn apply_look(options: &EmbedOptions) {
    let Some(root) = document()
        .document_element()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let _ = match options.theme {
        Some(theme) => root.set_attribute("data-theme", theme.key()),
        None => root.remove_attribute("data-theme"),
    };
    let style = root.style();
    match &options.accent {
        Some(accent) => {
            let _ = style.set_property("--accent", accent);
            let _ = style.set_property("--accent-fg", readable_on(accent));
        }
        None => {
            let _ = style.remove_property("--accent");
            let _ = style.remove_property("--accent-fg");
        }
    }
}

/// Black or white, whichever reads better on a `#rrggbb` colour (relative
/// luminance with the sRGB curve approximated by a square).
fn readable_on(colour: &str) -> &'static str {
    let channel = |i: usize| {
        let v = colour
            .get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0);
        let c = f64::from(v) / 255.0;
        c * c
    };
    let luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    // Contrast against black beats contrast against white above this.
    if luminance > 0.179 {
        "#000000"
    } else {
        "#ffffff"
    }
}

/// Posts the root's height to the parent page now, on every change of
/// size, and whenever the parent asks.
fn report_height_changes(root: web_sys::Element) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    let this = window();
    if AsRef::<wasm_bindgen::JsValue>::as_ref(&parent)
        == AsRef::<wasm_bindgen::JsValue>::as_ref(&this)
    {
        return;
    }
    let post = {
        let root = root.clone();
        move || {
            let height = root.get_bounding_client_rect().height().ceil();
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            // Nothing secret: any page may learn the height.
            let _ = parent.post_message(&message, "*");
        }
    };
    post();
    let on_resize = Closure::<dyn Fn()>::new(post.clone());
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&root);
        on_cleanup(move || observer.disconnect());
    }
    // Kept for the page's lifetime, as the observer may call it any time.
    on_resize.forget();
    let on_message = window_event_listener(leptos::ev::message, move |ev| {
        let asked = js_sys::Reflect::get(&ev.data(), &"type".into())
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == PING_MESSAGE);
        if asked {
            post();
        }
    });
    on_cleanup(move || on_message.remove());
}
