//! Newsroom: a news site rendered in the browser from bundled JSON content.

pub mod app;
pub mod components;
pub mod corpus;
pub mod data;
pub mod pages;
pub mod routes;
pub mod search;
pub mod search_client;
#[cfg(target_arch = "wasm32")]
pub mod search_worker;
pub mod text;
