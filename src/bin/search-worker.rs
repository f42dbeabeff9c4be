//! The search worker: trunk builds it as a web worker that holds the index
//! and answers the app's queries (see `newsroom::search::worker`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    newsroom::search::worker::run();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("search-worker runs in the browser as a web worker; `trunk build` builds it");
}
