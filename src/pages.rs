//! One page component per route.

pub mod article_page;
pub mod embed_article_page;
pub mod embed_builder_page;
pub mod embed_news_page;
pub mod embed_search_page;
pub mod home_page;
pub mod index_page;
pub mod news_page;
pub mod not_found_page;
pub mod offline_page;
pub mod search_page;
pub mod term_page;
