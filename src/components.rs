//! Reusable pieces of the interface, one component per file.

pub mod article_body;
pub mod article_list;
pub mod breadcrumb;
pub mod embed_layout;
pub mod embed_source;
pub mod fetch_error;
pub mod fetched;
pub mod highlighted;
pub mod layout;
pub mod load_error;
pub mod loading;
pub mod nav;
pub mod offline_list;
pub mod pager;
pub mod search_box;
pub mod search_result;
pub mod search_unavailable;
pub mod sub_entries;
pub mod tagged_news;
pub mod title;
