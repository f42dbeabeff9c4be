//! Mounts the app; everything else lives in the library.

fn main() {
    // The app runs in the browser; natively its pages are rendered by
    // newsroom-prerender.
    #[cfg(target_arch = "wasm32")]
    {
        newsroom::crash::install();
        newsroom::takeover::mount(newsroom::app::App);
    }
}
