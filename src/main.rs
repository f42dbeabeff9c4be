//! Mounts the app; everything else lives in the library.

fn main() {
    newsroom::crash::install();
    leptos::mount::mount_to_body(newsroom::app::App);
}
