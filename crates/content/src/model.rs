//! The content schema: serde types for `site.json` and `news.json`.
//!
//! Slugs may be left out of the JSON: loading derives them from names and
//! titles with [`slugify`], so the rule lives in one place.

use serde::{Deserialize, Serialize};

use crate::text::slugify;

/// Who the site belongs to and how it presents itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteMeta {
    /// Short name shown in the header and document titles ("OSCE").
    pub name: String,
    /// Full name ("Organization for Security and Co-operation in Europe").
    pub title: String,
    /// One line under the name on the home page.
    #[serde(default)]
    pub tagline: Option<String>,
    /// BCP 47 language tag of the content, set on `<html lang>`.
    pub lang: String,
    /// Articles per page on news lists.
    #[serde(default = "default_page_size")]
    pub news_page_size: usize,
    /// The site's public address (`https://news.example.org`, or with a
    /// sub-path), for the absolute URLs of canonical links, link previews,
    /// feeds and the sitemap. Without it a build still works, with
    /// relative links only and no sitemap or feeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl SiteMeta {
    /// The public address without a trailing `/`, if there is one.
    pub fn public_url(&self) -> Option<&str> {
        self.url.as_deref().map(|u| u.trim_end_matches('/'))
    }
}

/// Whether `url` can be a site's public address: `http(s)://host[/path]`,
/// with no query, fragment, spaces or quotes.
pub fn is_public_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or_default();
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        && rest
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"?#\"'<>\\`".contains(&b))
}

fn default_page_size() -> usize {
    10
}

/// The kinds of taxonomy the schema knows; each has its own URL space.
/// Declared in [`TaxonomyKind::ALL`] order, so `kind as usize` indexes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaxonomyKind {
    /// Fields of work (thematic areas).
    Fields,
    /// Kinds of meetings and conferences.
    Meetings,
    /// Other "our work" pages (projects, partnerships).
    Topics,
    /// Member countries.
    Countries,
    /// Partner groups.
    Partners,
    /// Bodies of the organization: secretariat units, institutions, field offices.
    Structures,
}

impl TaxonomyKind {
    /// Every kind, in the order pages list them.
    pub const ALL: [TaxonomyKind; 6] = [
        TaxonomyKind::Fields,
        TaxonomyKind::Meetings,
        TaxonomyKind::Topics,
        TaxonomyKind::Countries,
        TaxonomyKind::Partners,
        TaxonomyKind::Structures,
    ];

    /// Everything that varies by kind, from the one table: [`KindNames`].
    pub const fn names(self) -> KindNames {
        let (key, segment, query, has_index, offered) = match self {
            // (key, URL segment, query parameter, index page, offered filter)
            TaxonomyKind::Fields => ("fields", "fields", "field", true, true),
            TaxonomyKind::Meetings => ("meetings", "meetings", "meeting", true, false),
            TaxonomyKind::Topics => ("topics", "our-work", "topic", false, false),
            TaxonomyKind::Countries => ("countries", "countries", "country", true, true),
            TaxonomyKind::Partners => ("partners", "partners", "partner", false, false),
            TaxonomyKind::Structures => ("structures", "structures", "structure", true, true),
        };
        KindNames {
            key,
            segment,
            query,
            has_index,
            offered,
        }
    }

    /// Whether the kind has an index page listing all its terms.
    pub const fn has_index(self) -> bool {
        self.names().has_index
    }

    /// The kind's position in [`TaxonomyKind::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The key of this kind in `site.json` and in an article's `tags`.
    pub const fn key(self) -> &'static str {
        self.names().key
    }

    /// The kinds readers are offered as filters: in the news list's form,
    /// the search facets and the embed builder (every kind still filters
    /// through its query parameter).
    pub fn offered() -> impl Iterator<Item = TaxonomyKind> {
        TaxonomyKind::ALL
            .into_iter()
            .filter(|kind| kind.names().offered)
    }

    /// The kind whose key, URL segment or query parameter `pick` reads as
    /// `value`.
    pub fn find(value: &str, pick: impl Fn(KindNames) -> &'static str) -> Option<TaxonomyKind> {
        TaxonomyKind::ALL
            .into_iter()
            .find(|kind| pick(kind.names()) == value)
    }
}

/// The names of a taxonomy kind wherever one is needed: in the sources,
/// in URLs and in query strings. A new kind is a new row of
/// [`TaxonomyKind::names`] (and a variant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindNames {
    /// Key in `site.json`, in an article's `tags` and in published paths.
    pub key: &'static str,
    /// First path segment of the kind's pages.
    pub segment: &'static str,
    /// Query parameter that filters news, search and embeds by a term.
    pub query: &'static str,
    /// Whether the kind has an index page listing all its terms (the
    /// others are reached only term by term).
    pub has_index: bool,
    /// Whether readers are offered the kind as a filter (see
    /// [`TaxonomyKind::offered`]).
    pub offered: bool,
}

/// One entry of a taxonomy: a field of work, a country, a structure, ...
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// URL slug; derived from `name` when left out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub slug: String,
    /// Display name, also the page's h1.
    pub name: String,
    /// A short qualifier shown under the name ("OSCE Chairpersonship 2025").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A sentence or two introducing the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// A named list of terms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// Plural title ("Fields of work"), the h1 of the kind's index page.
    pub title: String,
    /// The terms, in display order.
    pub terms: Vec<Term>,
}

/// All taxonomies of a site, one per [`TaxonomyKind`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomies {
    pub fields: Taxonomy,
    pub meetings: Taxonomy,
    pub topics: Taxonomy,
    pub countries: Taxonomy,
    pub partners: Taxonomy,
    pub structures: Taxonomy,
}

impl Taxonomies {
    /// The taxonomy of one kind.
    pub fn get(&self, kind: TaxonomyKind) -> &Taxonomy {
        match kind {
            TaxonomyKind::Fields => &self.fields,
            TaxonomyKind::Meetings => &self.meetings,
            TaxonomyKind::Topics => &self.topics,
            TaxonomyKind::Countries => &self.countries,
            TaxonomyKind::Partners => &self.partners,
            TaxonomyKind::Structures => &self.structures,
        }
    }

    fn get_mut(&mut self, kind: TaxonomyKind) -> &mut Taxonomy {
        match kind {
            TaxonomyKind::Fields => &mut self.fields,
            TaxonomyKind::Meetings => &mut self.meetings,
            TaxonomyKind::Topics => &mut self.topics,
            TaxonomyKind::Countries => &mut self.countries,
            TaxonomyKind::Partners => &mut self.partners,
            TaxonomyKind::Structures => &mut self.structures,
        }
    }
}

/// A reference to a page of a taxonomy: one term, or the kind's index when
/// `slug` is absent.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermRef {
    pub kind: TaxonomyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
}

impl TermRef {
    /// A reference to one term.
    pub fn term(kind: TaxonomyKind, slug: impl Into<String>) -> Self {
        TermRef {
            kind,
            slug: Some(slug.into()),
        }
    }

    /// A reference to a kind's index page.
    pub fn index(kind: TaxonomyKind) -> Self {
        TermRef { kind, slug: None }
    }
}

/// A node of the navigation tree: a link, a group of links, or both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuNode {
    /// Text shown in the menu; defaults to the linked term's name or the
    /// index's title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The page this entry opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<TermRef>,
    /// Entries under this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<MenuNode>,
}

/// `site.json`: everything but the articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteData {
    pub site: SiteMeta,
    pub taxonomies: Taxonomies,
    /// The top-level menu entries, each a section of the site.
    pub menu: Vec<MenuNode>,
}

/// A calendar date, as `YYYY-MM-DD` in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible days.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        date.is_valid().then_some(date)
    }

    fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
            && self.year > 0
    }

    /// The date as the number `YYYYMMDD`, as search documents store it.
    pub fn number(&self) -> u32 {
        u32::from(self.year) * 10_000 + u32::from(self.month) * 100 + u32::from(self.day)
    }

    /// A date back from [`Date::number`]; `None` for 0 (undated) or a day
    /// that cannot exist.
    pub fn from_number(n: u32) -> Option<Date> {
        let date = Date {
            year: u16::try_from(n / 10_000).ok()?,
            month: (n / 100 % 100) as u8,
            day: (n % 100) as u8,
        };
        date.is_valid().then_some(date)
    }

    /// The date in ISO form, for `<time datetime>`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "29 November 2024".
    pub fn long(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or("");
        format!("{} {} {}", self.day, month, self.year)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid date {s:?}, expected YYYY-MM-DD"))
        })
    }
}

/// A structure that issued an article, optionally under another name
/// ("OSCE Secretariat" for the structure "Secretariat").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Slug of a term of the `structures` taxonomy.
    pub structure: String,
    /// Name to show instead of the structure's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// An article's tags: slugs of terms, per taxonomy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tags {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub structures: Vec<String>,
}

impl Tags {
    /// The tags of one kind.
    pub fn get(&self, kind: TaxonomyKind) -> &[String] {
        match kind {
            TaxonomyKind::Fields => &self.fields,
            TaxonomyKind::Meetings => &self.meetings,
            TaxonomyKind::Topics => &self.topics,
            TaxonomyKind::Countries => &self.countries,
            TaxonomyKind::Partners => &self.partners,
            TaxonomyKind::Structures => &self.structures,
        }
    }
}

/// A block of article content. Every block is rendered as text.
// Read through `BlockSource`: serde's internally tagged enums buffer every
// value through its self-describing `Content` type, which costs the app's
// wasm far more code than these four shapes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "BlockSource")]
pub enum Block {
    /// A paragraph of running text, with some of its phrases linked.
    Paragraph {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        links: Vec<Link>,
    },
    /// A sub-heading inside the article.
    Heading { text: String },
    /// A quotation set apart, with who said it.
    Quote {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attribution: Option<String>,
    },
    /// A bulleted list.
    List { items: Vec<String> },
}

/// A block as written: its type and every field any type may have.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BlockSource {
    r#type: String,
    text: Option<String>,
    attribution: Option<String>,
    items: Option<Vec<String>>,
    links: Option<Vec<Link>>,
}

impl TryFrom<BlockSource> for Block {
    type Error = String;

    fn try_from(b: BlockSource) -> Result<Self, String> {
        let kind = b.r#type.as_str();
        let unexpected = |field: &str| format!("a {kind} block has no field `{field}`");
        let text = |text: Option<String>| {
            text.ok_or_else(|| format!("missing field `text` in a {kind} block"))
        };
        let block = match kind {
            "paragraph" | "heading" | "quote" if b.items.is_some() => {
                return Err(unexpected("items"));
            }
            "paragraph" | "heading" if b.attribution.is_some() => {
                return Err(unexpected("attribution"));
            }
            "heading" | "quote" | "list" if b.links.is_some() => return Err(unexpected("links")),
            "paragraph" => Block::Paragraph {
                text: text(b.text)?,
                links: b.links.unwrap_or_default(),
            },
            "heading" => Block::Heading {
                text: text(b.text)?,
            },
            "quote" => Block::Quote {
                text: text(b.text)?,
                attribution: b.attribution,
            },
            "list" if b.text.is_some() => return Err(unexpected("text")),
            "list" if b.attribution.is_some() => return Err(unexpected("attribution")),
            "list" => Block::List {
                items: b.items.ok_or("missing field `items` in a list block")?,
            },
            other => {
                return Err(format!(
                    "unknown block type `{other}`, expected one of `paragraph`, `heading`, `quote`, `list`"
                ));
            }
        };
        Ok(block)
    }
}

/// A phrase of a paragraph linked elsewhere: the first occurrence of
/// `text` (after the previous link's) links to `href`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// Where a content link may go: a page of this site or another site, by
/// web or mail. Anything else (`javascript:`, `data:`, `//host`, a bare
/// relative path, a URL with spaces or control characters) is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// A path on this site, without its leading `/` (`news/some-slug`).
    Site(String),
    /// An `http:`, `https:` or `mailto:` URL, as written.
    External(String),
}

impl Destination {
    /// Checks a content link's `href`.
    pub fn parse(href: &str) -> Option<Destination> {
        // Browsers drop tabs and newlines inside URLs and trim spaces and
        // control characters around them ("java\tscript:"): refuse them all.
        if href.is_empty() || href.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        if let Some(rest) = href.strip_prefix('/') {
            // `//host` and `/\host` leave the site.
            return (!rest.starts_with(['/', '\\'])).then(|| Destination::Site(rest.to_owned()));
        }
        let (scheme, rest) = href.split_once(':')?;
        let scheme = scheme.to_ascii_lowercase();
        let valid = match scheme.as_str() {
            "http" | "https" => rest
                .strip_prefix("//")
                .is_some_and(|r| !r.is_empty() && !r.starts_with(['/', '?', '#'])),
            "mailto" => rest.contains('@') && !rest.starts_with('/'),
            _ => false,
        };
        valid.then(|| Destination::External(href.to_owned()))
    }
}

/// A news article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// URL slug; derived from the title when left out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub slug: String,
    pub title: String,
    /// The summary paragraph shown under the title and in lists.
    pub lead: String,
    /// Publication date; absent when the source does not give one.
    #[serde(default)]
    pub issued_on: Option<Date>,
    #[serde(default)]
    pub issued_by: Vec<Issuer>,
    #[serde(default)]
    pub tags: Tags,
    pub body: Vec<Block>,
}

impl Article {
    /// The slugs this article is filed under for a kind. Issuers count as
    /// structure tags, so an article is listed on its issuers' pages.
    pub fn refs(&self, kind: TaxonomyKind) -> impl Iterator<Item = &str> {
        let issuers = match kind {
            TaxonomyKind::Structures => self.issued_by.as_slice(),
            _ => &[],
        };
        let mut seen: Vec<&str> = Vec::new();
        issuers
            .iter()
            .map(|i| i.structure.as_str())
            .chain(self.tags.get(kind).iter().map(String::as_str))
            .filter(move |s| {
                let new = !seen.contains(s);
                seen.push(s);
                new
            })
    }

    /// Whether the article is filed under the term `slug` of `kind`.
    pub fn is_tagged(&self, kind: TaxonomyKind, slug: &str) -> bool {
        self.refs(kind).any(|s| s == slug)
    }

    /// The body without a first paragraph that only repeats the lead, as
    /// content exported from some CMSs does.
    pub fn body_after_lead(&self) -> &[Block] {
        match self.body.split_first() {
            Some((Block::Paragraph { text, .. }, rest)) if text.trim() == self.lead.trim() => rest,
            _ => &self.body,
        }
    }
}

/// `news.json`: the articles, in any order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsData {
    pub articles: Vec<Article>,
}

impl SiteData {
    /// Derives what the JSON may leave out: slugs and menu labels.
    pub fn fill_defaults(&mut self) {
        for kind in TaxonomyKind::ALL {
            for term in &mut self.taxonomies.get_mut(kind).terms {
                if term.slug.is_empty() {
                    term.slug = slugify(&term.name);
                }
            }
        }
        let taxonomies = &self.taxonomies;
        fn fill(nodes: &mut [MenuNode], taxonomies: &Taxonomies) {
            for node in nodes {
                if let (true, Some(link)) = (node.label.is_empty(), &node.link) {
                    node.label = default_label(taxonomies, link);
                }
                fill(&mut node.children, taxonomies);
            }
        }
        fill(&mut self.menu, taxonomies);
    }

    /// The term a reference points to, if it exists.
    pub fn term(&self, kind: TaxonomyKind, slug: &str) -> Option<&Term> {
        self.taxonomies
            .get(kind)
            .terms
            .iter()
            .find(|t| t.slug == slug)
    }
}

fn default_label(taxonomies: &Taxonomies, link: &TermRef) -> String {
    let taxonomy = taxonomies.get(link.kind);
    match &link.slug {
        None => taxonomy.title.clone(),
        Some(slug) => taxonomy
            .terms
            .iter()
            .find(|t| &t.slug == slug)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| slug.clone()),
    }
}

impl NewsData {
    /// Derives slugs left out of the JSON.
    pub fn fill_defaults(&mut self) {
        for article in &mut self.articles {
            if article.slug.is_empty() {
                article.slug = slugify(&article.title);
            }
        }
    }
}

/// What a list shows of an article: everything but the body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub slug: String,
    pub title: String,
    pub lead: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<Date>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issued_by: Vec<Issuer>,
}

impl From<&Article> for Summary {
    fn from(a: &Article) -> Self {
        Summary {
            slug: a.slug.clone(),
            title: a.title.clone(),
            lead: a.lead.clone(),
            issued_on: a.issued_on,
            issued_by: a.issued_by.clone(),
        }
    }
}

/// One page of a news list, as the build writes it: the page's summaries
/// and the length of the whole list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListPage {
    /// Articles on every page of the list.
    pub total: usize,
    /// This page's articles, newest first.
    pub items: Vec<Summary>,
}
