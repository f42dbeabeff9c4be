//! Reusable pieces of the interface, one component per file.

pub mod article_body;
pub mod article_list;
pub mod breadcrumb;
pub mod fetch_error;
pub mod fetched;
pub mod layout;
pub mod load_error;
pub mod loading;
pub mod nav;
pub mod pager;
pub mod sub_entries;
pub mod tagged_news;
pub mod title;
