//! The loaded content, indexed for the pages, and shared through context.

use std::collections::HashMap;
use std::sync::Arc;

use super::model::{
    Article, MenuNode, NewsData, SiteData, SiteMeta, Taxonomy, TaxonomyKind, Term, TermRef,
};

/// Filters of a news list: every given term must be tagged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewsFilter {
    /// (kind, slug) pairs, at most one per kind.
    pub terms: Vec<(TaxonomyKind, String)>,
}

impl NewsFilter {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether an article passes every filter.
    pub fn matches(&self, article: &Article) -> bool {
        self.terms
            .iter()
            .all(|(kind, slug)| article.is_tagged(*kind, slug))
    }

    /// The filter's slug for a kind, if set.
    pub fn get(&self, kind: TaxonomyKind) -> Option<&str> {
        self.terms
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, s)| s.as_str())
    }

    /// The same filter without the given kind.
    pub fn without(&self, kind: TaxonomyKind) -> NewsFilter {
        NewsFilter {
            terms: self
                .terms
                .iter()
                .filter(|(k, _)| *k != kind)
                .cloned()
                .collect(),
        }
    }
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// 1-based number of this page.
    pub page: usize,
    /// Number of pages, at least 1.
    pub pages: usize,
    /// Number of items on all pages.
    pub total: usize,
}

/// Where a page sits in the menu: the chain of nodes from its top-level
/// section down to the node that links to it.
#[derive(Clone, Debug, PartialEq)]
pub struct MenuTrail<'a> {
    /// Index of the top-level section in the menu.
    pub section: usize,
    /// Nodes from the section down to the page's own node, both included.
    pub nodes: Vec<&'a MenuNode>,
}

impl MenuTrail<'_> {
    /// The node that links to the page.
    pub fn node(&self) -> Option<&MenuNode> {
        self.nodes.last().copied()
    }
}

struct Inner {
    site: SiteData,
    /// Newest first; undated articles after dated ones, in file order.
    articles: Vec<Article>,
    by_slug: HashMap<String, usize>,
}

/// The site's content, cheap to clone, provided to every page by the shell.
#[derive(Clone)]
pub struct Content(Arc<Inner>);

impl Content {
    /// Indexes loaded content. Articles are ordered newest first.
    pub fn new(site: SiteData, news: NewsData) -> Self {
        let mut articles = news.articles;
        // Stable sort: undated (None) sorts last under Reverse.
        articles.sort_by_key(|a| std::cmp::Reverse(a.issued_on));
        let by_slug = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), i))
            .collect();
        Content(Arc::new(Inner {
            site,
            articles,
            by_slug,
        }))
    }

    /// The site's own metadata.
    pub fn meta(&self) -> &SiteMeta {
        &self.0.site.site
    }

    /// The top-level menu sections.
    pub fn menu(&self) -> &[MenuNode] {
        &self.0.site.menu
    }

    /// The taxonomy of one kind.
    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        self.0.site.taxonomies.get(kind)
    }

    /// A term by kind and slug.
    pub fn term(&self, kind: TaxonomyKind, slug: &str) -> Option<&Term> {
        self.0.site.term(kind, slug)
    }

    /// The title of the page a reference opens, if the reference resolves.
    pub fn title_of(&self, target: &TermRef) -> Option<&str> {
        match &target.slug {
            None => Some(self.taxonomy(target.kind).title.as_str()),
            Some(slug) => self.term(target.kind, slug).map(|t| t.name.as_str()),
        }
    }

    /// All articles, newest first.
    pub fn articles(&self) -> &[Article] {
        &self.0.articles
    }

    /// An article by slug.
    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.0
            .by_slug
            .get(slug)
            .and_then(|&i| self.0.articles.get(i))
    }

    /// Articles passing a filter, newest first.
    pub fn filtered<'a>(&'a self, filter: &'a NewsFilter) -> impl Iterator<Item = &'a Article> {
        self.articles().iter().filter(move |a| filter.matches(a))
    }

    /// Articles filed under a page: one term, or any term of an index's kind.
    pub fn articles_for<'a>(&'a self, target: &'a TermRef) -> impl Iterator<Item = &'a Article> {
        self.articles().iter().filter(move |a| match &target.slug {
            Some(slug) => a.is_tagged(target.kind, slug),
            None => a.refs(target.kind).next().is_some(),
        })
    }

    /// One page of the articles passing a filter. `page` is 1-based; a page
    /// past the end comes back empty with the real page count.
    pub fn news_page<'a>(&'a self, filter: &'a NewsFilter, page: usize) -> Paged<&'a Article> {
        let size = self.meta().news_page_size.max(1);
        let matching: Vec<&Article> = self.filtered(filter).collect();
        let total = matching.len();
        let pages = total.div_ceil(size).max(1);
        let items = matching
            .into_iter()
            .skip(page.saturating_sub(1).saturating_mul(size))
            .take(size)
            .collect();
        Paged {
            items,
            page,
            pages,
            total,
        }
    }

    /// Where a page sits in the menu. Of several entries linking to it, the
    /// first one with sub-entries wins (a group over a shortcut to it), then
    /// the first one.
    pub fn locate(&self, target: &TermRef) -> Option<MenuTrail<'_>> {
        fn walk<'a>(
            nodes: &'a [MenuNode],
            target: &TermRef,
            stack: &mut Vec<&'a MenuNode>,
            found: &mut Vec<Vec<&'a MenuNode>>,
        ) {
            for node in nodes {
                stack.push(node);
                if node.link.as_ref() == Some(target) {
                    found.push(stack.clone());
                }
                walk(&node.children, target, stack, found);
                stack.pop();
            }
        }
        let mut found = Vec::new();
        for (section, top) in self.menu().iter().enumerate() {
            let mut candidates = Vec::new();
            walk(
                std::slice::from_ref(top),
                target,
                &mut Vec::new(),
                &mut candidates,
            );
            found.extend(
                candidates
                    .into_iter()
                    .map(|nodes| MenuTrail { section, nodes }),
            );
        }
        let with_children = found
            .iter()
            .position(|t| t.node().is_some_and(|n| !n.children.is_empty()));
        let pick = with_children.unwrap_or(0);
        (pick < found.len()).then(|| found.swap_remove(pick))
    }
}
