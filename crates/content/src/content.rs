//! The loaded site content, shared through context, and news filters.

use std::sync::Arc;

use crate::model::{MenuNode, SiteData, SiteMeta, Taxonomy, TaxonomyKind, Term, TermRef};

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

    /// The filter's slug for a kind, if set.
    pub fn get(&self, kind: TaxonomyKind) -> Option<&str> {
        self.terms
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, s)| s.as_str())
    }

    /// Sets (or with `None` clears) the filter for a kind, keeping kinds in
    /// their usual order.
    pub fn set(&mut self, kind: TaxonomyKind, slug: Option<String>) {
        self.terms.retain(|(k, _)| *k != kind);
        if let Some(slug) = slug {
            let at = self.terms.partition_point(|(k, _)| *k < kind);
            self.terms.insert(at, (kind, slug));
        }
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

/// The site's menus, taxonomies and metadata, cheap to clone, provided to
/// every page by the shell. Articles are fetched through
/// [`Archive`](super::Archive).
#[derive(Clone)]
pub struct Content(Arc<SiteData>);

impl Content {
    /// Wraps loaded site data.
    pub fn new(site: SiteData) -> Self {
        Content(Arc::new(site))
    }

    /// What is wrong with a filter: one line per term that does not exist.
    pub fn unknown_terms(&self, filter: &NewsFilter) -> Vec<String> {
        filter
            .terms
            .iter()
            .filter(|(kind, slug)| self.term(*kind, slug).is_none())
            .map(|(kind, slug)| {
                format!(
                    "{} has no entry \u{201c}{slug}\u{201d}.",
                    self.taxonomy(*kind).title
                )
            })
            .collect()
    }

    /// The site's own metadata.
    pub fn meta(&self) -> &SiteMeta {
        &self.0.site
    }

    /// The top-level menu sections.
    pub fn menu(&self) -> &[MenuNode] {
        &self.0.menu
    }

    /// The taxonomy of one kind.
    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        self.0.taxonomies.get(kind)
    }

    /// A term by kind and slug.
    pub fn term(&self, kind: TaxonomyKind, slug: &str) -> Option<&Term> {
        self.0.term(kind, slug)
    }

    /// The title of the page a reference opens, if the reference resolves.
    pub fn title_of(&self, target: &TermRef) -> Option<&str> {
        match &target.slug {
            None => Some(self.taxonomy(target.kind).title.as_str()),
            Some(slug) => self.term(target.kind, slug).map(|t| t.name.as_str()),
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
