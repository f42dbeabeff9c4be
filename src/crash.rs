//! What the reader sees if the app panics after all: the panic is logged,
//! then `public/sw-client.js` (plain JS, which keeps working when the wasm
//! has stopped) covers the page with "Something went wrong" and a Reload
//! button, instead of leaving a frozen page.

use newsroom_content::shared::CRASH_EVENT;

/// Installs the panic hook: log to the console, then announce the crash.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Some(window) = web_sys::window()
            && let Ok(event) = web_sys::Event::new(CRASH_EVENT)
        {
            let _ = window.dispatch_event(&event);
        }
    }));
}
