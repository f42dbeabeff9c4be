//! One page component per route of the site proper; the pages of a
//! feature (search, offline, embeds) live in its own folder.

pub mod article_page;
pub mod home_page;
pub mod index_page;
pub mod news_page;
pub mod not_found_page;
pub mod term_page;
