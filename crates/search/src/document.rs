//! What the search engine indexes: articles and every page of the site,
//! built from the content model.

use serde::{Deserialize, Serialize};

use newsroom_content::{Article, Block, MenuNode, NewsData, SiteData, TaxonomyKind, TermRef};

/// What a result is, for its label and its link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DocKind {
    /// A news article.
    Article,
    /// A term of a taxonomy (a country, a field of work, ...).
    Term(TaxonomyKind),
    /// The index page of a taxonomy.
    Index(TaxonomyKind),
}

impl DocKind {
    /// One byte for the index file.
    pub fn code(self) -> u8 {
        let kind_code = |k: TaxonomyKind| k.index() as u8;
        match self {
            DocKind::Article => 0,
            DocKind::Term(k) => 1 + kind_code(k),
            DocKind::Index(k) => 1 + TaxonomyKind::ALL.len() as u8 + kind_code(k),
        }
    }

    /// The kind a byte of the index file stands for.
    pub fn from_code(code: u8) -> Option<DocKind> {
        let n = TaxonomyKind::ALL.len() as u8;
        match code {
            0 => Some(DocKind::Article),
            c if c <= n => TaxonomyKind::ALL
                .get(usize::from(c - 1))
                .map(|&k| DocKind::Term(k)),
            c if c <= 2 * n => TaxonomyKind::ALL
                .get(usize::from(c - 1 - n))
                .map(|&k| DocKind::Index(k)),
            _ => None,
        }
    }
}

/// The searchable fields of a document, in weight order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title = 0,
    /// Tags, issuers and other names attached to the document.
    Meta = 1,
    Lead = 2,
    Body = 3,
}

/// Field weights for ranking: a match in the title counts five times one in
/// the body.
pub const FIELD_WEIGHTS: [f32; 4] = [5.0, 3.0, 2.0, 1.0];

/// One searchable document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub kind: DocKind,
    /// Article or term slug; empty for index pages.
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub meta: String,
    pub body: String,
    /// `YYYYMMDD`, 0 when undated.
    pub date: u32,
    /// Terms the document is filed under, for facets.
    pub facets: Vec<(TaxonomyKind, String)>,
}

impl Document {
    /// The text of one field.
    pub fn field(&self, field: Field) -> &str {
        match field {
            Field::Title => &self.title,
            Field::Meta => &self.meta,
            Field::Lead => &self.lead,
            Field::Body => &self.body,
        }
    }
}

fn article_document(site: &SiteData, article: &Article) -> Document {
    let mut meta = Vec::new();
    let mut facets = Vec::new();
    for issuer in &article.issued_by {
        if let Some(label) = &issuer.label {
            meta.push(label.clone());
        }
    }
    for kind in TaxonomyKind::ALL {
        for slug in article.refs(kind) {
            if let Some(term) = site.term(kind, slug) {
                meta.push(term.name.clone());
            }
            facets.push((kind, slug.to_owned()));
        }
    }
    let body = article
        .body_after_lead()
        .iter()
        .map(|block| match block {
            Block::Paragraph { text, .. } | Block::Heading { text } => text.clone(),
            Block::Quote { text, attribution } => match attribution {
                Some(a) => format!("{text} {a}"),
                None => text.clone(),
            },
            Block::List { items } => items.join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let date = article.issued_on.map(|d| d.number()).unwrap_or(0);
    Document {
        kind: DocKind::Article,
        slug: article.slug.clone(),
        title: article.title.clone(),
        lead: article.lead.clone(),
        meta: meta.join("\n"),
        body,
        date,
        facets,
    }
}

/// Menu labels that differ from a page's name ("Finland – OSCE
/// Chairpersonship 2025"), so searching them finds the page.
fn menu_labels(nodes: &[MenuNode], target: &TermRef, out: &mut Vec<String>) {
    for node in nodes {
        if node.link.as_ref() == Some(target) && !out.contains(&node.label) {
            out.push(node.label.clone());
        }
        menu_labels(&node.children, target, out);
    }
}

/// Every document of a site: articles first (newest first as given), then
/// each taxonomy's index page and terms.
pub fn documents(site: &SiteData, news: &NewsData) -> Vec<Document> {
    each_document(site, news).collect()
}

/// The documents of [`documents`], made one at a time as they are taken:
/// indexing an archive then holds one article's text twice, not all of it.
pub fn each_document<'a>(
    site: &'a SiteData,
    news: &'a NewsData,
) -> impl Iterator<Item = Document> + 'a {
    news.articles
        .iter()
        .map(|a| article_document(site, a))
        .chain(page_documents(site))
}

/// The taxonomies' index pages and terms.
fn page_documents(site: &SiteData) -> Vec<Document> {
    let mut docs = Vec::new();
    for kind in TaxonomyKind::ALL {
        let taxonomy = site.taxonomies.get(kind);
        if kind.has_index() {
            let mut labels = Vec::new();
            menu_labels(&site.menu, &TermRef::index(kind), &mut labels);
            docs.push(Document {
                kind: DocKind::Index(kind),
                slug: String::new(),
                title: taxonomy.title.clone(),
                lead: String::new(),
                meta: labels.join("\n"),
                body: String::new(),
                date: 0,
                facets: Vec::new(),
            });
        }
        for term in &taxonomy.terms {
            let mut labels = Vec::new();
            menu_labels(
                &site.menu,
                &TermRef::term(kind, term.slug.clone()),
                &mut labels,
            );
            labels.retain(|l| *l != term.name);
            labels.push(taxonomy.title.clone());
            let lead = [term.note.as_deref(), term.summary.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            docs.push(Document {
                kind: DocKind::Term(kind),
                slug: term.slug.clone(),
                title: term.name.clone(),
                lead,
                meta: labels.join("\n"),
                body: String::new(),
                date: 0,
                facets: vec![(kind, term.slug.clone())],
            });
        }
    }
    docs
}
