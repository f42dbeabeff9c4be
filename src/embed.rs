//! Embedding in partner sites: the options an embed URL carries (theme,
//! accent, link target), the compact layout that reports its height to
//! `public/embed.js`, the three embed pages and the builder.

pub mod embed_article_page;
pub mod embed_builder_page;
pub mod embed_layout;
pub mod embed_news_page;
pub mod embed_search_page;
pub mod embed_source;
pub mod options;
