//! Newsroom, the app: a news site rendered in the browser from the content
//! the build publishes (see `newsroom-content`), searched through a worker
//! running `newsroom-search`.
//!
//! The lint wall (no unwrap, expect, panic, indexing or string slicing) is
//! the workspace's: `[workspace.lints]` in the root `Cargo.toml`.

pub mod app;
pub mod components;
pub mod contexts;
pub mod crash;
pub mod data;
pub mod embed;
pub mod offline;
pub mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod routes;
pub mod search;
pub mod takeover;
