//! The main menu: the WAI-ARIA disclosure navigation pattern.

pub mod menu_panel;

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use self::menu_panel::MenuPanel;
use crate::contexts::use_content;
use crate::data::{Content, MenuNode};
use crate::routes::{self, Href, Page};

/// The id of a top-level button, so focus can return to it.
fn button_id(index: usize) -> String {
    format!("menu-button-{index}")
}

/// The id of a top-level panel, named by the button's `aria-controls`.
fn panel_id(index: usize) -> String {
    format!("menu-panel-{index}")
}

fn focus_by_id(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Whether the menu looks different at `path`: it marks the section holding
/// a taxonomy page, and the entry linking to the page itself. Every other
/// page gets the same menu (the prerenderer renders it once for them all).
pub fn marks(content: &Content, path: &str) -> bool {
    fn links_here(nodes: &[MenuNode], path: &str) -> bool {
        nodes.iter().any(|node| {
            node.link.as_ref().and_then(Href::href).as_deref() == Some(path)
                || links_here(&node.children, path)
        })
    }
    matches!(routes::parse_path(path), Page::Taxonomy(_)) || links_here(content.menu(), path)
}

/// The site's main menu: a button per section opening a panel of links, one
/// panel at a time; behind a "Menu" button on narrow screens.
#[component]
pub fn SiteNav() -> impl IntoView {
    let content = use_content();
    let open = RwSignal::new(None::<usize>);
    let mobile_open = RwSignal::new(false);
    let nav_ref = NodeRef::<leptos::html::Nav>::new();
    let location = use_location();

    // Navigating closes everything.
    Effect::new(move |_| {
        location.pathname.track();
        open.set(None);
        mobile_open.set(false);
    });

    // The top-level section holding the current page.
    let current_section = {
        let content = content.clone();
        Memo::new(
            move |_| match routes::parse_path(&location.pathname.get()) {
                Page::Taxonomy(target) => content.locate(&target).map(|trail| trail.section),
                _ => None,
            },
        )
    };

    let is_inside = move |target: Option<web_sys::EventTarget>| {
        let node = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        match (nav_ref.get_untracked(), node) {
            (Some(nav), Some(node)) => nav.contains(Some(&node)),
            _ => false,
        }
    };

    let click_outside = window_event_listener(ev::click, move |ev| {
        if !is_inside(ev.target()) {
            open.set(None);
        }
    });
    on_cleanup(move || click_outside.remove());

    let on_keydown = move |ev: ev::KeyboardEvent| {
        if ev.key() != "Escape" {
            return;
        }
        if let Some(index) = open.get_untracked() {
            ev.prevent_default();
            open.set(None);
            focus_by_id(&button_id(index));
        } else if mobile_open.get_untracked() {
            ev.prevent_default();
            mobile_open.set(false);
            focus_by_id("menu-toggle");
        }
    };
    // Tabbing out of the menu closes the open panel.
    let on_focusout = move |ev: ev::FocusEvent| {
        if !is_inside(ev.related_target()) && ev.related_target().is_some() {
            open.set(None);
        }
    };

    let sections = content
        .menu()
        .iter()
        .enumerate()
        .map(|(index, node)| {
            let expanded = move || open.get() == Some(index);
            let toggle = move |_| open.update(|o| *o = if *o == Some(index) { None } else { Some(index) });
            let current = move || (current_section.get() == Some(index)).then_some("true");
            view! {
                <li class="menu-item">
                    <button
                        type="button"
                        class="menu-button"
                        id=button_id(index)
                        aria-expanded=move || expanded().to_string()
                        aria-controls=panel_id(index)
                        aria-current=current
                        on:click=toggle
                    >
                        {node.label.clone()}
                    </button>
                    <MenuPanel id=panel_id(index) section=node.clone() open=Signal::derive(expanded) />
                </li>
            }
        })
        .collect_view();

    view! {
        <nav class="site-nav" aria-label="Main" node_ref=nav_ref on:keydown=on_keydown on:focusout=on_focusout>
            <button
                type="button"
                class="menu-toggle"
                id="menu-toggle"
                aria-expanded=move || mobile_open.get().to_string()
                aria-controls="site-menu"
                on:click=move |_| mobile_open.update(|o| *o = !*o)
            >
                "Menu"
            </button>
            <ul class="menu" id="site-menu" class:is-open=move || mobile_open.get()>
                {sections}
            </ul>
        </nav>
    }
}
