//! Checks content beyond what parsing enforces, reporting every problem at
//! once with the file, a JSON path and the reason.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::{
    Article, Block, Date, Destination, Issuer, Link, MenuNode, NewsData, SiteData, TaxonomyKind,
    Term, TermRef,
};
use crate::parse::{NEWS_SOURCE as NEWS_FILE, SITE_SOURCE as SITE_FILE, parse_news, parse_site};
use crate::text::slugify;

/// One thing wrong with the content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: &'static str,
    /// Where in the file, as a JSON path (`$.menu[0].children[3].link`).
    pub path: String,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.file, self.path, self.reason)
    }
}

struct Report {
    problems: Vec<Problem>,
}

impl Report {
    fn add(&mut self, file: &'static str, path: impl Into<String>, reason: impl Into<String>) {
        self.problems.push(Problem {
            file,
            path: path.into(),
            reason: reason.into(),
        });
    }

    fn text(&mut self, file: &'static str, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(file, path, "is empty");
        }
    }

    /// A paragraph's links: each phrase in the text, after the previous
    /// link's, and each address one a reader may safely follow.
    fn links(&mut self, paragraph: &str, text: &str, links: &[Link]) {
        let mut rest = text;
        for (k, link) in links.iter().enumerate() {
            let here = format!("{paragraph}.links[{k}]");
            if link.text.is_empty() {
                self.add(NEWS_FILE, format!("{here}.text"), "is empty");
            } else if let Some((_, after)) = rest.split_once(link.text.as_str()) {
                rest = after;
            } else {
                self.add(
                    NEWS_FILE,
                    format!("{here}.text"),
                    format!(
                        "{:?} is not in the paragraph's text after the previous link",
                        link.text
                    ),
                );
            }
            if Destination::parse(&link.href).is_none() {
                self.add(
                    NEWS_FILE,
                    format!("{here}.href"),
                    format!(
                        "{:?} is not allowed: a link must be http(s), mailto or a path on this site (/…)",
                        link.href
                    ),
                );
            }
        }
    }

    fn slug(&mut self, file: &'static str, path: &str, slug: &str, seen: &mut HashSet<String>) {
        if slug.is_empty() {
            self.add(
                file,
                path,
                "has no slug and none can be derived from its name",
            );
        } else if slugify(slug) != slug {
            self.add(
                file,
                path,
                format!("slug {slug:?} is not a slug (expected {:?})", slugify(slug)),
            );
        } else if !seen.insert(slug.to_owned()) {
            self.add(file, path, format!("slug {slug:?} is used twice"));
        }
    }
    /// `value` read as a `T`, or a problem at `path`.
    fn read<T: DeserializeOwned>(
        &mut self,
        file: &'static str,
        path: &str,
        value: &Value,
    ) -> Option<T> {
        match T::deserialize(value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(file, path, e.to_string());
                None
            }
        }
    }

    /// The JSON of a whole file, or a problem naming where it breaks.
    fn json(&mut self, file: &'static str, text: &str) -> Option<Value> {
        match serde_json::from_str(text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(file, "$", format!("is not JSON: {e}"));
                None
            }
        }
    }
}

/// Every problem in a site's content; empty when it is sound.
pub fn validate(site: &SiteData, news: &NewsData) -> Vec<Problem> {
    let mut report = Report {
        problems: Vec::new(),
    };
    check_site(&mut report, site);
    check_articles(&mut report, site, news.articles.iter().enumerate());
    report.problems
}

fn check_site(report: &mut Report, site: &SiteData) {
    let meta = &site.site;
    report.text(SITE_FILE, "$.site.name", &meta.name);
    report.text(SITE_FILE, "$.site.title", &meta.title);
    report.text(SITE_FILE, "$.site.lang", &meta.lang);
    if meta.news_page_size == 0 {
        report.add(SITE_FILE, "$.site.news_page_size", "must be at least 1");
    }
    if let Some(url) = &meta.url
        && !crate::model::is_public_url(url)
    {
        report.add(
            SITE_FILE,
            "$.site.url",
            "must be an http:// or https:// address with no query or fragment, e.g. https://news.example.org",
        );
    }

    for kind in TaxonomyKind::ALL {
        let taxonomy = site.taxonomies.get(kind);
        let base = format!("$.taxonomies.{}", kind.key());
        report.text(SITE_FILE, &format!("{base}.title"), &taxonomy.title);
        let mut seen = HashSet::new();
        for (i, term) in taxonomy.terms.iter().enumerate() {
            let path = format!("{base}.terms[{i}]");
            report.text(SITE_FILE, &format!("{path}.name"), &term.name);
            report.slug(SITE_FILE, &format!("{path}.slug"), &term.slug, &mut seen);
        }
    }

    let resolves = |target: &TermRef| match &target.slug {
        Some(slug) => site.term(target.kind, slug).is_some(),
        None => target.kind.has_index(),
    };
    fn walk(
        nodes: &[MenuNode],
        path: &str,
        report: &mut Report,
        resolves: &dyn Fn(&TermRef) -> bool,
    ) {
        for (i, node) in nodes.iter().enumerate() {
            let here = format!("{path}[{i}]");
            report.text(SITE_FILE, &format!("{here}.label"), &node.label);
            match &node.link {
                Some(link) if !resolves(link) => report.add(
                    SITE_FILE,
                    format!("{here}.link"),
                    format!(
                        "points to {} {:?}, which does not exist",
                        link.kind.key(),
                        link.slug
                    ),
                ),
                None if node.children.is_empty() => {
                    report.add(SITE_FILE, here.clone(), "has neither a link nor children")
                }
                _ => {}
            }
            walk(
                &node.children,
                &format!("{here}.children"),
                report,
                resolves,
            );
        }
    }
    if site.menu.is_empty() {
        report.add(SITE_FILE, "$.menu", "is empty");
    }
    walk(&site.menu, "$.menu", report, &resolves);
}

/// The articles, each with its position in `news.json`.
fn check_articles<'a>(
    report: &mut Report,
    site: &SiteData,
    articles: impl Iterator<Item = (usize, &'a Article)>,
) {
    let mut seen = HashSet::new();
    for (i, article) in articles {
        let path = format!("$.articles[{i}]");
        report.text(NEWS_FILE, &format!("{path}.title"), &article.title);
        report.text(NEWS_FILE, &format!("{path}.lead"), &article.lead);
        report.slug(NEWS_FILE, &format!("{path}.slug"), &article.slug, &mut seen);
        for (j, issuer) in article.issued_by.iter().enumerate() {
            if site
                .term(TaxonomyKind::Structures, &issuer.structure)
                .is_none()
            {
                report.add(
                    NEWS_FILE,
                    format!("{path}.issued_by[{j}].structure"),
                    format!("structure {:?} does not exist", issuer.structure),
                );
            }
        }
        for kind in TaxonomyKind::ALL {
            for (j, slug) in article.tags.get(kind).iter().enumerate() {
                if site.term(kind, slug).is_none() {
                    report.add(
                        NEWS_FILE,
                        format!("{path}.tags.{}[{j}]", kind.key()),
                        format!("{} {slug:?} does not exist", kind.key()),
                    );
                }
            }
        }
        if article.body.is_empty() {
            report.add(NEWS_FILE, format!("{path}.body"), "is empty");
        }
        for (j, block) in article.body.iter().enumerate() {
            let here = format!("{path}.body[{j}]");
            match block {
                Block::Paragraph { text, links } => {
                    report.text(NEWS_FILE, &format!("{here}.text"), text);
                    report.links(&here, text, links);
                }
                Block::Heading { text } | Block::Quote { text, .. } => {
                    report.text(NEWS_FILE, &format!("{here}.text"), text)
                }
                Block::List { items } if items.is_empty() => {
                    report.add(NEWS_FILE, format!("{here}.items"), "is empty")
                }
                Block::List { items } => {
                    for (k, item) in items.iter().enumerate() {
                        report.text(NEWS_FILE, &format!("{here}.items[{k}]"), item);
                    }
                }
            }
        }
    }
}

/// The content's two source files, read and checked together: every
/// problem at once, shape and meaning alike, each with its file, JSON path
/// and reason. Only a file that is not JSON at all stops its own reading
/// (with its line and column); an article, block, date, issuer, term or
/// menu entry of the wrong shape is reported where it is and left out of
/// the checks that need it, while the rest is still checked.
pub fn check_sources(
    site_text: &str,
    news_text: &str,
) -> Result<(SiteData, NewsData), Vec<Problem>> {
    // Sound shapes (the usual case) read once, straight from the text.
    if let (Ok(site), Ok(news)) = (parse_site(SITE_FILE, site_text), parse_news(news_text)) {
        let problems = validate(&site, &news);
        return if problems.is_empty() {
            Ok((site, news))
        } else {
            Err(problems)
        };
    }
    let mut report = Report {
        problems: Vec::new(),
    };
    let site = read_site(&mut report, site_text);
    let articles = read_news(&mut report, news_text);
    let Some(site) = site else {
        return Err(report.problems);
    };
    let (positions, articles): (Vec<usize>, Vec<Article>) = articles.into_iter().unzip();
    let mut news = NewsData { articles };
    news.fill_defaults();
    check_site(&mut report, &site);
    let articles = positions.into_iter().zip(&news.articles);
    check_articles(&mut report, &site, articles);
    if report.problems.is_empty() {
        Ok((site, news))
    } else {
        Err(report.problems)
    }
}

fn read_site(report: &mut Report, text: &str) -> Option<SiteData> {
    let root = report.json(SITE_FILE, text)?;
    let whole = match SiteData::deserialize(&root) {
        Ok(mut site) => {
            site.fill_defaults();
            return Some(site);
        }
        Err(e) => e,
    };
    let before = report.problems.len();
    // Terms and menu entries one by one, for their paths.
    if let Some(taxonomies) = root.get("taxonomies").and_then(Value::as_object) {
        for (key, taxonomy) in taxonomies {
            let terms = taxonomy.get("terms").and_then(Value::as_array);
            for (i, term) in terms.into_iter().flatten().enumerate() {
                let path = format!("$.taxonomies.{key}.terms[{i}]");
                report.read::<Term>(SITE_FILE, &path, term);
            }
        }
    }
    fn menu(report: &mut Report, nodes: Option<&Vec<Value>>, path: &str) {
        for (i, node) in nodes.into_iter().flatten().enumerate() {
            let here = format!("{path}[{i}]");
            if let Some(link) = node.get("link") {
                report.read::<TermRef>(SITE_FILE, &format!("{here}.link"), link);
            }
            let children = node.get("children").and_then(Value::as_array);
            menu(report, children, &format!("{here}.children"));
        }
    }
    menu(report, root.get("menu").and_then(Value::as_array), "$.menu");
    // Nothing more precise found: the file's own error.
    if report.problems.len() == before {
        report.add(SITE_FILE, "$", whole.to_string());
    }
    None
}

/// The articles that read, each with its position in the file.
fn read_news(report: &mut Report, text: &str) -> Vec<(usize, Article)> {
    let Some(root) = report.json(NEWS_FILE, text) else {
        return Vec::new();
    };
    if let Some(fields) = root.as_object() {
        for key in fields.keys().filter(|k| *k != "articles") {
            report.add(NEWS_FILE, format!("$.{key}"), "is not a field of news.json");
        }
    }
    let Some(items) = root.get("articles").and_then(Value::as_array) else {
        report.add(NEWS_FILE, "$.articles", "is missing or not a list");
        return Vec::new();
    };
    let mut articles = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("$.articles[{i}]");
        let whole = match Article::deserialize(item) {
            Ok(article) => {
                articles.push((i, article));
                continue;
            }
            Err(e) => e,
        };
        let before = report.problems.len();
        // The parts most often wrong, one by one, for their paths.
        if let Some(date) = item.get("issued_on") {
            report.read::<Option<Date>>(NEWS_FILE, &format!("{path}.issued_on"), date);
        }
        let issuers = item.get("issued_by").and_then(Value::as_array);
        for (j, issuer) in issuers.into_iter().flatten().enumerate() {
            report.read::<Issuer>(NEWS_FILE, &format!("{path}.issued_by[{j}]"), issuer);
        }
        let body = item.get("body").and_then(Value::as_array);
        for (j, block) in body.into_iter().flatten().enumerate() {
            report.read::<Block>(NEWS_FILE, &format!("{path}.body[{j}]"), block);
        }
        // Nothing more precise found: the article's own error.
        if report.problems.len() == before {
            report.add(NEWS_FILE, path, whole.to_string());
        }
    }
    articles
}
