//! Reading content: parsing the sources and the published files, each
//! error naming the file.

use serde::de::DeserializeOwned;

use crate::error::DataError;
use crate::model::{NewsData, SiteData};

/// The site source, as problems in it are reported.
pub const SITE_SOURCE: &str = "site.json";
/// The news source, as problems in it are reported.
pub const NEWS_SOURCE: &str = "news.json";

/// Parses a JSON document, naming `file` and the position in any error.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, DataError> {
    serde_json::from_str(text).map_err(|e| DataError::Invalid {
        file: file.to_owned(),
        reason: e.to_string(),
    })
}

/// Parses a site file (source or published) and derives what it leaves out.
pub fn parse_site(file: &str, text: &str) -> Result<SiteData, DataError> {
    let mut site: SiteData = parse(file, text)?;
    site.fill_defaults();
    Ok(site)
}

/// Parses the news source and derives what it leaves out.
pub fn parse_news(text: &str) -> Result<NewsData, DataError> {
    let mut news: NewsData = parse(NEWS_SOURCE, text)?;
    news.fill_defaults();
    Ok(news)
}
