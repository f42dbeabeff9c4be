//! Which pages there are, and the head each gets.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use newsroom::embed::options::EmbedOptions;
use newsroom::prerender::Rendered;
use newsroom::routes::{self, Href};
use newsroom_content::files::list_file;
use newsroom_content::parse::parse;
use newsroom_content::{Content, List, ListPage, NewsFilter, Summary, TaxonomyKind, TermRef};

use crate::html::{escape, script_json};

/// The untouched template, for the service worker.
pub use newsroom_content::shared::SHELL_PAGE as SHELL;

/// What every page's head draws on.
pub struct Site<'a> {
    pub content: &'a Content,
    /// The public address, without a trailing `/`.
    pub public: Option<String>,
    /// Every article, newest first, as the full list's pages give them.
    pub articles: Vec<Summary>,
    dir: PathBuf,
}

impl<'a> Site<'a> {
    pub fn new(content: &'a Content, dir: &Path) -> Result<Self, String> {
        let mut site = Site {
            content,
            public: content.meta().public_url().map(str::to_owned),
            articles: Vec::new(),
            dir: dir.to_owned(),
        };
        site.articles = site.list(&List::All, usize::MAX)?;
        Ok(site)
    }

    /// Up to `limit` articles of a published list, newest first.
    pub fn list(&self, list: &List, limit: usize) -> Result<Vec<Summary>, String> {
        let mut items = Vec::new();
        for page in 1.. {
            let file = list_file(list, page);
            let text = match std::fs::read_to_string(self.dir.join(&file)) {
                Ok(text) => text,
                // Past the last page (the first is always written).
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && page > 1 => break,
                Err(e) => return Err(format!("cannot read {file}: {e}")),
            };
            let found: ListPage = parse(&file, &text).map_err(|e| e.to_string())?;
            let done = found.items.is_empty();
            items.extend(found.items);
            if done || items.len() >= found.total || items.len() >= limit {
                break;
            }
        }
        items.truncate(limit);
        Ok(items)
    }

    /// How many articles a published list has (its first page says).
    pub fn total(&self, list: &List) -> Result<usize, String> {
        let file = list_file(list, 1);
        match std::fs::read_to_string(self.dir.join(&file)) {
            Ok(text) => parse::<ListPage>(&file, &text)
                .map(|page| page.total)
                .map_err(|e| e.to_string()),
            Err(e) => Err(format!("cannot read {file}: {e}")),
        }
    }

    /// An absolute URL for a path the routes give (under the base).
    pub fn absolute(&self, href: &str) -> Option<String> {
        let rest = href.strip_prefix(routes::base()).unwrap_or(href);
        self.public.as_ref().map(|public| format!("{public}{rest}"))
    }
}

/// What a page is about, for its head.
#[derive(Debug)]
pub enum Subject {
    Home,
    Article(Summary),
    Term(TermRef),
    /// Any other page: the news list, search, offline, embeds.
    Other,
    NotFound,
}

/// One page to write.
#[derive(Debug)]
pub struct PageSpec {
    /// The URL the app is rendered at (base included).
    pub url: String,
    /// The file, relative to the site folder.
    pub file: PathBuf,
    pub subject: Subject,
    /// Listed in the sitemap (pages worth finding; not embeds or 404).
    pub listed: bool,
    /// Reads on its own, so the app waits for the reader's first
    /// interaction (`APP_DEFERRED`). Search, the offline list, the embed
    /// builder and embeds need the app for their job: it starts at once.
    pub reads_alone: bool,
    /// What it shows depends on its query (an embed's options, a search),
    /// so it was rendered for its own URL's query only (`RENDERED_QUERY`).
    pub reads_query: bool,
}

/// The file a route's path is answered from: `news/x` → `news/x/index.html`.
fn file_for(href: &str) -> PathBuf {
    let path = href.split('?').next().unwrap_or_default();
    let rest = path
        .strip_prefix(routes::base())
        .unwrap_or(path)
        .trim_matches('/');
    if rest.is_empty() {
        PathBuf::from("index.html")
    } else {
        Path::new(rest).join("index.html")
    }
}

fn spec(url: String, subject: Subject, listed: bool) -> PageSpec {
    PageSpec {
        file: file_for(&url),
        url,
        subject,
        listed,
        reads_alone: true,
        reads_query: false,
    }
}

/// A page that needs the app at once.
fn app_page(url: String, listed: bool) -> PageSpec {
    PageSpec {
        reads_alone: false,
        ..spec(url, Subject::Other, listed)
    }
}

/// A page that needs the app at once and shows what its query asks for.
fn query_page(url: String) -> PageSpec {
    PageSpec {
        reads_query: true,
        ..app_page(url, false)
    }
}

/// Every page of the site.
pub fn plan(site: &Site) -> Result<Vec<PageSpec>, String> {
    let content = site.content;
    let mut pages = vec![
        spec(routes::home_href(), Subject::Home, true),
        spec(
            routes::news_href(&NewsFilter::default(), 1),
            Subject::Other,
            true,
        ),
        query_page(routes::search_href("", &[], 1)),
        app_page(routes::offline_href(1), false),
        app_page(routes::embed_builder_href(), true),
        query_page(routes::embed_news_href(
            &NewsFilter::default(),
            5,
            &EmbedOptions::default(),
        )),
        query_page(routes::embed_search_href("", &EmbedOptions::default())),
    ];
    // Every page of every list the build publishes: all news, and each
    // term's (the links of their pagers).
    let size = content.meta().news_page_size.max(1);
    let pages_of = |total: usize| total.div_ceil(size).max(1);
    for page in 2..=pages_of(site.articles.len()) {
        pages.push(spec(
            routes::news_href(&NewsFilter::default(), page),
            Subject::Other,
            true,
        ));
    }
    for kind in TaxonomyKind::ALL {
        for term in &content.taxonomy(kind).terms {
            let filter = NewsFilter {
                terms: vec![(kind, term.slug.clone())],
            };
            let total = site.total(&List::Term(kind, term.slug.clone()))?;
            for page in 1..=pages_of(total) {
                pages.push(spec(routes::news_href(&filter, page), Subject::Other, true));
            }
        }
    }
    for kind in TaxonomyKind::ALL {
        let index = TermRef::index(kind);
        if let Some(href) = index.href() {
            pages.push(spec(href, Subject::Term(index), true));
        }
        for term in &content.taxonomy(kind).terms {
            let target = TermRef::term(kind, term.slug.clone());
            if let Some(href) = target.href() {
                pages.push(spec(href, Subject::Term(target), true));
            }
        }
    }
    for article in &site.articles {
        pages.push(spec(
            article.href(),
            Subject::Article(article.clone()),
            true,
        ));
        let embed = routes::embed_article_href(&article.slug, &EmbedOptions::default());
        pages.push(query_page(embed));
    }
    // A path no route matches: the router's own not-found page.
    let mut not_found = spec(
        format!("{}/not/a/page/of/this/site", routes::base()),
        Subject::NotFound,
        false,
    );
    not_found.file = PathBuf::from("404.html");
    pages.push(not_found);
    Ok(pages)
}

/// The built `index.html`, cut where pages differ.
pub struct Template<'t> {
    /// Up to `<html`.
    before_html: &'t str,
    /// From the end of the `<html …>` tag up to `<title>`.
    head_start: &'t str,
    /// After `</title>` up to and including `<body>` (always its end).
    head_end: &'t str,
    /// From `</body>` on.
    after_body: &'t str,
}

impl<'t> Template<'t> {
    pub fn parse(text: &'t str) -> Option<Self> {
        let html_at = text.find("<html")?;
        let html_end = html_at + text.get(html_at..)?.find('>')? + 1;
        let title_at = text.find("<title>")?;
        let title_end = title_at + text.get(title_at..)?.find("</title>")? + "</title>".len();
        let body_at = text.find("<body>")?;
        let body_end = body_at + "<body>".len();
        let close_at = text.rfind("</body>")?;
        (html_end <= title_at && title_end <= body_at && body_end <= close_at).then_some(())?;
        Some(Template {
            before_html: text.get(..html_at)?,
            head_start: text.get(html_end..title_at)?,
            head_end: text.get(title_end..body_end)?,
            after_body: text.get(close_at..)?,
        })
    }

    /// The whole page: the template with the page's head and body.
    pub fn fill(&self, site: &Site, spec: &PageSpec, rendered: &Rendered) -> String {
        let meta = site.content.meta();
        let mut out = String::with_capacity(rendered.body.len() + 4096);
        out.push_str(self.before_html);
        out.push_str(&format!("<html lang=\"{}\">", escape(&meta.lang)));
        out.push_str(self.head_start);
        out.push_str(&head(site, spec, rendered));
        out.push_str(self.head_end);
        // What the app takes over in place (newsroom::takeover).
        out.push_str(&format!("<div {}", newsroom::takeover::PRERENDERED));
        if spec.reads_alone {
            out.push_str(&format!(" {}", newsroom::takeover::APP_DEFERRED));
        }
        if spec.reads_query {
            let query = spec.url.find('?').and_then(|at| spec.url.get(at..));
            out.push_str(&format!(
                " {}=\"{}\"",
                newsroom::takeover::RENDERED_QUERY,
                escape(query.unwrap_or_default())
            ));
        }
        out.push('>');
        out.push_str(&rendered.body);
        out.push_str("</div>");
        out.push_str(self.after_body);
        out
    }
}

fn head(site: &Site, spec: &PageSpec, rendered: &Rendered) -> String {
    let content = site.content;
    let meta = content.meta();
    let title = rendered.title.clone().unwrap_or_else(|| meta.name.clone());
    // Every page has one (search engines show it, link previews too): the
    // content's own words where it has them, else what the page is.
    let site_line = meta.tagline.clone().unwrap_or_else(|| meta.title.clone());
    let description = Some(match &spec.subject {
        Subject::Home => site_line,
        Subject::Article(article) => article.lead.clone(),
        Subject::Term(target) => {
            let taxonomy = &content.taxonomy(target.kind).title;
            match target
                .slug
                .as_deref()
                .and_then(|slug| content.term(target.kind, slug))
            {
                Some(term) => term
                    .summary
                    .clone()
                    .or_else(|| term.note.clone())
                    .unwrap_or_else(|| format!("{}: {taxonomy}, {}", term.name, meta.title)),
                None => format!("{taxonomy}, {}", meta.title),
            }
        }
        Subject::Other | Subject::NotFound => format!("{title}: {}", meta.title),
    });
    let url = site.absolute(spec.url.split('?').next().unwrap_or_default());
    let mut tags = vec![format!("<title>{}</title>", escape(&title))];
    let mut tag = |name: &str, key: &str, value: &str| {
        tags.push(format!(
            "<meta {name}=\"{key}\" content=\"{}\">",
            escape(value)
        ));
    };
    if let Some(description) = &description {
        tag("name", "description", description);
    }
    if matches!(spec.subject, Subject::NotFound) || !spec.listed {
        tag("name", "robots", "noindex");
    }
    let og_type = if matches!(spec.subject, Subject::Article(_)) {
        "article"
    } else {
        "website"
    };
    tag("property", "og:type", og_type);
    tag("property", "og:title", &title);
    tag("property", "og:site_name", &meta.name);
    if let Some(description) = &description {
        tag("property", "og:description", description);
    }
    if let Some(url) = &url {
        tag("property", "og:url", url);
    }
    if let Subject::Article(article) = &spec.subject
        && let Some(date) = article.issued_on
    {
        tag("property", "article:published_time", &date.iso());
    }
    tag("name", "twitter:card", "summary");
    tag("name", "twitter:title", &title);
    if let Some(description) = &description {
        tag("name", "twitter:description", description);
    }
    if spec.listed
        && let Some(url) = &url
    {
        tags.push(format!("<link rel=\"canonical\" href=\"{}\">", escape(url)));
    }
    if site.public.is_some() {
        for (feed_title, href) in crate::syndication::feeds_of(site, &spec.subject) {
            tags.push(format!(
                "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"{}\">",
                escape(&feed_title),
                escape(&href)
            ));
        }
    }
    for data in structured_data(site, spec, &title, url.as_deref()) {
        tags.push(format!(
            "<script type=\"application/ld+json\">{}</script>",
            script_json(&data)
        ));
    }
    tags.concat()
}

/// JSON-LD: the organization on the home page, the article, the trail.
fn structured_data(site: &Site, spec: &PageSpec, title: &str, url: Option<&str>) -> Vec<Value> {
    let meta = site.content.meta();
    let home = site.absolute(&routes::home_href());
    let organization = json!({
        "@type": "Organization",
        "name": meta.title,
        "alternateName": meta.name,
        "url": home,
    });
    let mut out = Vec::new();
    match &spec.subject {
        Subject::Home => {
            let mut org = organization;
            if let Some(map) = org.as_object_mut() {
                map.insert("@context".into(), json!("https://schema.org"));
            }
            out.push(org);
        }
        Subject::Article(article) => {
            let mut data = json!({
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": article.title,
                "description": article.lead,
                "publisher": organization,
                "url": url,
            });
            if let (Some(date), Some(map)) = (article.issued_on, data.as_object_mut()) {
                map.insert("datePublished".into(), json!(date.iso()));
            }
            out.push(data);
        }
        _ => {}
    }
    let trail = breadcrumb(site, spec, title);
    if trail.len() > 1 && site.public.is_some() {
        let items: Vec<Value> = trail
            .iter()
            .enumerate()
            .map(|(i, (name, href))| {
                json!({ "@type": "ListItem", "position": i + 1, "name": name, "item": site.absolute(href) })
            })
            .collect();
        out.push(json!({ "@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items }));
    }
    out
}

/// Names and paths from the home page down to the page.
fn breadcrumb(site: &Site, spec: &PageSpec, title: &str) -> Vec<(String, String)> {
    let content = site.content;
    let mut trail = vec![(content.meta().name.clone(), routes::home_href())];
    match &spec.subject {
        Subject::Article(article) => {
            trail.push((
                "News".to_owned(),
                routes::news_href(&NewsFilter::default(), 1),
            ));
            trail.push((article.title.clone(), article.href()));
        }
        Subject::Term(target) => {
            if let Some(found) = content.locate(target) {
                for node in found.nodes {
                    if let Some(href) = node.link.as_ref().and_then(Href::href) {
                        trail.push((node.label.clone(), href));
                    }
                }
            }
            if let Some(href) = target.href()
                && trail.last().map(|(_, h)| h) != Some(&href)
            {
                trail.push((
                    title_of(content, target).unwrap_or_else(|| title.to_owned()),
                    href,
                ));
            }
        }
        _ => {}
    }
    trail
}

fn title_of(content: &Content, target: &TermRef) -> Option<String> {
    content.title_of(target).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_a_folder_with_an_index_page() {
        assert_eq!(file_for("/"), PathBuf::from("index.html"));
        assert_eq!(file_for("/news/a-b"), PathBuf::from("news/a-b/index.html"));
        assert_eq!(
            file_for("/embed/news?limit=5"),
            PathBuf::from("embed/news/index.html")
        );
    }

    #[test]
    fn the_template_is_cut_where_pages_differ_minified_or_not() {
        for text in [
            "<!doctype html><html lang=en><meta charset=utf-8><title>Loading…</title><link href=a.css rel=stylesheet></head><body><noscript>x</noscript></body></html>",
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>Loading…</title>\n</head>\n<body>\n</body>\n</html>\n",
        ] {
            let template = Template::parse(text).expect("a template");
            assert!(
                template
                    .before_html
                    .to_lowercase()
                    .starts_with("<!doctype html>")
            );
            assert!(template.head_end.ends_with("<body>"));
            assert!(template.after_body.starts_with("</body>"));
        }
        assert!(
            Template::parse("<html><body></body></html>").is_none(),
            "no title to replace"
        );
    }
}
