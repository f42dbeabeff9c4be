//! Checks content beyond what parsing enforces, reporting every problem at
//! once with the file, a JSON path and the reason.

use std::collections::HashSet;
use std::fmt;

use super::load::{NEWS_SOURCE as NEWS_FILE, SITE_SOURCE as SITE_FILE};
use super::model::{Block, Destination, Link, MenuNode, NewsData, SiteData, TaxonomyKind, TermRef};
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
}

/// Every problem in a site's content; empty when it is sound.
pub fn validate(site: &SiteData, news: &NewsData) -> Vec<Problem> {
    let mut report = Report {
        problems: Vec::new(),
    };
    let meta = &site.site;
    report.text(SITE_FILE, "$.site.name", &meta.name);
    report.text(SITE_FILE, "$.site.title", &meta.title);
    report.text(SITE_FILE, "$.site.lang", &meta.lang);
    if meta.news_page_size == 0 {
        report.add(SITE_FILE, "$.site.news_page_size", "must be at least 1");
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
    walk(&site.menu, "$.menu", &mut report, &resolves);

    let mut seen = HashSet::new();
    for (i, article) in news.articles.iter().enumerate() {
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
    report.problems
}
