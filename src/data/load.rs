//! Fetching and parsing the content files.

use serde::de::DeserializeOwned;

use super::content::Content;
use super::error::DataError;
use super::model::{NewsData, SiteData};

/// Where the site file lives, relative to the document base URL.
pub const SITE_FILE: &str = "data/site.json";
/// Where the news file lives, relative to the document base URL.
pub const NEWS_FILE: &str = "data/news.json";

/// Parses a JSON document, naming `file` and the position in any error.
fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, DataError> {
    serde_json::from_str(text).map_err(|e| DataError::Invalid {
        file: file.to_owned(),
        reason: e.to_string(),
    })
}

/// Parses `site.json` and derives what it leaves out.
pub fn parse_site(text: &str) -> Result<SiteData, DataError> {
    let mut site: SiteData = parse(SITE_FILE, text)?;
    site.fill_defaults();
    Ok(site)
}

/// Parses `news.json` and derives what it leaves out.
pub fn parse_news(text: &str) -> Result<NewsData, DataError> {
    let mut news: NewsData = parse(NEWS_FILE, text)?;
    news.fill_defaults();
    Ok(news)
}

/// Requests a file, turning a failed request or an error status into a
/// [`DataError`] naming it. Relative paths resolve against the document's
/// `<base href>`, so the site works under a sub-path.
pub async fn fetch(file: &str) -> Result<gloo_net::http::Response, DataError> {
    let response = gloo_net::http::Request::get(file)
        .send()
        .await
        .map_err(|e| network_error(file, e))?;
    if !response.ok() {
        return Err(DataError::Status {
            file: file.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    Ok(response)
}

/// A transfer that failed part-way or never started.
pub fn network_error(file: &str, error: gloo_net::Error) -> DataError {
    DataError::Network {
        file: file.to_owned(),
        reason: error.to_string(),
    }
}

async fn fetch_text(file: &str) -> Result<String, DataError> {
    fetch(file)
        .await?
        .text()
        .await
        .map_err(|e| network_error(file, e))
}

/// Downloads both content files in parallel and builds the site's content.
pub async fn load_content() -> Result<Content, DataError> {
    let (site, news) = futures::join!(fetch_text(SITE_FILE), fetch_text(NEWS_FILE));
    let site = parse_site(&site?)?;
    let news = parse_news(&news?)?;
    Ok(Content::new(site, news))
}
