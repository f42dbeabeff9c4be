//! RSS feeds, the sitemap and robots.txt: written only when the site has
//! a public address, since all of them need absolute URLs.

use std::path::Path;

use newsroom::routes::{self, Href};
use newsroom_content::{List, Summary, TaxonomyKind, TermRef};

use crate::dates::rfc822;
use crate::html::escape;
use crate::page::{PageSpec, Site, Subject};
use crate::write;

/// Items in a feed: the latest articles.
const FEED_ITEMS: usize = 20;
/// The sitemap protocol's limit of URLs per file.
pub const SITEMAP_URLS: usize = 50_000;

/// A feed: its title, its path, and the list it follows.
struct Feed {
    title: String,
    href: String,
    list: List,
    /// The page it belongs to.
    page: String,
    description: String,
}

/// The feeds there are: all news, and one per term of each kind readers
/// filter by (the kinds offered as filters).
fn feeds(site: &Site) -> Vec<Feed> {
    let content = site.content;
    let meta = content.meta();
    let mut out = vec![Feed {
        title: format!("{}: news", meta.name),
        href: routes::feed_href(None),
        list: List::All,
        page: routes::news_href(&Default::default(), 1),
        description: format!("The latest news of the {}", meta.title),
    }];
    for kind in TaxonomyKind::offered() {
        for term in &content.taxonomy(kind).terms {
            let target = TermRef::term(kind, term.slug.clone());
            out.push(Feed {
                title: format!("{}: {}", meta.name, term.name),
                href: routes::feed_href(Some((kind, &term.slug))),
                list: List::Term(kind, term.slug.clone()),
                page: target.href().unwrap_or_else(routes::home_href),
                description: term
                    .summary
                    .clone()
                    .unwrap_or_else(|| format!("News about {}", term.name)),
            });
        }
    }
    out
}

/// The feeds a page announces: all news, and its own term's.
pub fn feeds_of(site: &Site, subject: &Subject) -> Vec<(String, String)> {
    let meta = site.content.meta();
    let mut out = vec![(format!("{}: news", meta.name), routes::feed_href(None))];
    if let Subject::Term(TermRef {
        kind,
        slug: Some(slug),
    }) = subject
        && TaxonomyKind::offered().any(|k| k == *kind)
        && let Some(term) = site.content.term(*kind, slug)
    {
        out.push((
            format!("{}: {}", meta.name, term.name),
            routes::feed_href(Some((*kind, slug))),
        ));
    }
    out
}

/// Writes the feeds, the sitemap and robots.txt; the number of files.
pub fn write_all(
    site: &Site,
    public: &str,
    pages: &[PageSpec],
    dir: &Path,
) -> Result<usize, String> {
    let mut written = 0;
    for feed in feeds(site) {
        let items = match &feed.list {
            List::All => site.articles.iter().take(FEED_ITEMS).cloned().collect(),
            list => site.list(list, FEED_ITEMS)?,
        };
        write(&dir.join(relative(&feed.href)), &rss(site, &feed, &items))?;
        written += 1;
    }
    let listed: Vec<String> = pages
        .iter()
        .filter(|p| p.listed)
        .filter_map(|p| site.absolute(&p.url))
        .collect();
    let chunks: Vec<&[String]> = listed.chunks(SITEMAP_URLS).collect();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in chunks.iter().enumerate() {
        let href = routes::sitemap_href(Some(i + 1));
        let mut file = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for url in chunk.iter() {
            file.push_str(&format!("<url><loc>{}</loc></url>\n", escape(url)));
        }
        file.push_str("</urlset>\n");
        write(&dir.join(relative(&href)), &file)?;
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            escape(&site.absolute(&href).unwrap_or_default())
        ));
        written += 1;
    }
    index.push_str("</sitemapindex>\n");
    let sitemap = routes::sitemap_href(None);
    write(&dir.join(relative(&sitemap)), &index)?;
    let robots = format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.absolute(&sitemap)
            .unwrap_or_else(|| format!("{public}/sitemap.xml"))
    );
    write(&dir.join("robots.txt"), &robots)?;
    Ok(written + 2)
}

/// A path under the base, relative to the site folder.
fn relative(href: &str) -> String {
    href.strip_prefix(routes::base())
        .unwrap_or(href)
        .trim_start_matches('/')
        .to_owned()
}

fn rss(site: &Site, feed: &Feed, items: &[Summary]) -> String {
    let meta = site.content.meta();
    let link = site.absolute(&feed.page).unwrap_or_default();
    let own = site.absolute(&feed.href).unwrap_or_default();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    out.push_str(&format!("<title>{}</title>\n", escape(&feed.title)));
    out.push_str(&format!("<link>{}</link>\n", escape(&link)));
    out.push_str(&format!(
        "<description>{}</description>\n",
        escape(&feed.description)
    ));
    out.push_str(&format!("<language>{}</language>\n", escape(&meta.lang)));
    out.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(&own)
    ));
    if let Some(date) = items.iter().filter_map(|a| a.issued_on).max() {
        out.push_str(&format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            rfc822(date)
        ));
    }
    for article in items {
        let url = site.absolute(&article.href()).unwrap_or_default();
        out.push_str("<item>\n");
        out.push_str(&format!("<title>{}</title>\n", escape(&article.title)));
        out.push_str(&format!("<link>{}</link>\n", escape(&url)));
        out.push_str(&format!(
            "<guid isPermaLink=\"true\">{}</guid>\n",
            escape(&url)
        ));
        out.push_str(&format!(
            "<description>{}</description>\n",
            escape(&article.lead)
        ));
        if let Some(date) = article.issued_on {
            out.push_str(&format!("<pubDate>{}</pubDate>\n", rfc822(date)));
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}
