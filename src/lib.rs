//! Newsroom: a news site rendered in the browser from bundled JSON content.

// Data, queries and URLs must never crash the app: no unwrap, expect,
// panic, unchecked indexing or string slicing (a char boundary) outside
// tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
        clippy::string_slice
    )
)]

pub mod app;
pub mod components;
pub mod corpus;
pub mod crash;
pub mod data;
pub mod pages;
pub mod routes;
pub mod search;
pub mod search_client;
#[cfg(target_arch = "wasm32")]
pub mod search_worker;
pub mod text;
