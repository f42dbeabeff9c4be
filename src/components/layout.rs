use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::components::nav::SiteNav;
use crate::contexts::provide_title_format;
use crate::contexts::use_content;
use crate::routes;
use crate::search::search_box::SearchBox;

/// The frame around every page: skip link, header with the menu, main
/// region and footer. Moves focus to the new page's heading on navigation.
#[component]
pub fn Layout(
    /// The routed page.
    children: Children,
) -> impl IntoView {
    let content = use_content();
    let meta = content.meta().clone();
    let site_name = meta.name.clone();
    provide_title_format(move |text: &str| {
        if text.is_empty() || text == site_name {
            site_name.clone()
        } else {
            format!("{text} – {site_name}")
        }
    });

    let location = use_location();
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        // A page whose URL follows what is typed in it keeps the focus.
        if typing_in_main() {
            return;
        }
        // After the new page has rendered, put focus where a screen reader
        // user expects it: the page's heading.
        request_animation_frame(focus_page_heading);
    });

    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        focus_page_heading();
    };

    // The prerenderer may ask for the frame or the page alone.
    #[cfg(not(target_arch = "wasm32"))]
    let children: Children = match crate::contexts::use_framing() {
        Some(framing) => {
            framing.mark_framed();
            match framing.part {
                crate::contexts::LayoutPart::Page => return children().into_any(),
                crate::contexts::LayoutPart::Frame => Box::new(|| ().into_any()),
            }
        }
        None => children,
    };

    view! {
        <a class="skip-link" href="#main-content" on:click=skip>
            "Skip to main content"
        </a>
        <header class="site-header">
            <div class="site-header-inner">
                <a class="site-name" href=routes::home_href()>
                    <span class="site-short-name">{meta.name.clone()}</span>
                    <span class="site-full-name">{meta.title.clone()}</span>
                </a>
                <SiteNav />
                <SearchBox />
            </div>
        </header>
        <main id="main-content" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>
                <a href=routes::home_href()>{meta.title.clone()}</a>
                " · "
                <a href=routes::news_href(&Default::default(), 1)>"News"</a>
            </p>
        </footer>
    }
    .into_any()
}

/// Whether the reader is typing in a field of the page.
fn typing_in_main() -> bool {
    document()
        .query_selector("main input:focus, main textarea:focus")
        .ok()
        .flatten()
        .is_some()
}

/// How many frames to wait for a page still loading its content.
const FOCUS_FRAMES: u32 = 120;

/// Focuses the main heading of the page, or the main region without one.
/// A page still loading has no heading yet: wait for it, a frame at a time.
fn focus_page_heading() {
    focus_heading_within(FOCUS_FRAMES);
}

fn focus_heading_within(frames: u32) {
    let doc = document();
    let heading = doc.query_selector("main h1").ok().flatten();
    let loading = doc.query_selector("main .loading").ok().flatten().is_some();
    if heading.is_none() && loading && frames > 0 {
        request_animation_frame(move || focus_heading_within(frames - 1));
        return;
    }
    let target = heading.or_else(|| doc.get_element_by_id("main-content"));
    if let Some(el) = target.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        if !el.has_attribute("tabindex") {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let _ = el.focus();
    }
}
