//! Reading content: parsing the sources and fetching published files.

use serde::de::DeserializeOwned;

use super::error::DataError;
use super::files::SITE_FILE;
use super::model::{NewsData, SiteData};

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

/// A file's text, or `None` when the host has no such file: a 404, or the
/// HTML page a single-page-app host answers every unknown path with.
pub async fn fetch_optional(file: &str) -> Result<Option<String>, DataError> {
    let response = match fetch(file).await {
        Err(DataError::Status { status: 404, .. }) => return Ok(None),
        other => other?,
    };
    let html = response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.starts_with("text/html"));
    if html {
        return Ok(None);
    }
    read_text(file, response).await.map(Some)
}

/// The body of a response, naming the file if the transfer breaks off.
async fn read_text(file: &str, response: gloo_net::http::Response) -> Result<String, DataError> {
    response.text().await.map_err(|e| network_error(file, e))
}

/// Downloads the published site file: menus, taxonomies, metadata.
pub async fn load_site() -> Result<SiteData, DataError> {
    let text = read_text(SITE_FILE, fetch(SITE_FILE).await?).await?;
    parse_site(SITE_FILE, &text)
}
