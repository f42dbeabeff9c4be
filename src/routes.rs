//! The one place that knows the site's URLs: route paths for the router,
//! typed parameters, `href()` helpers on domain types, and a parser that maps
//! a path back to what it shows.

use std::sync::OnceLock;

use leptos::Params;
use leptos::prelude::*;
use leptos_router::params::Params;
use leptos_router::{ParamSegment, StaticSegment};

use crate::data::{Article, Destination, Link, NewsFilter, Summary, TaxonomyKind, TermRef};
use crate::search::{DocInfo, DocKind, DocType, Filter};

/// A route path with one static segment.
pub type StaticPath = (StaticSegment<&'static str>,);
/// A route path with a static segment and a `:slug` parameter.
pub type SlugPath = (StaticSegment<&'static str>, ParamSegment);

const NEWS: &str = "news";
const SEARCH: &str = "search";
const OFFLINE: &str = "offline";
const EMBED: &str = "embed";

/// Every page of the site proper (within the site's layout): the empty
/// prefix.
pub const SITE_PATH: StaticPath = (StaticSegment(""),);
/// `/`
pub const HOME_PATH: StaticPath = (StaticSegment(""),);
/// `/news`
pub const NEWS_PATH: StaticPath = (StaticSegment(NEWS),);
/// `/news/:slug`
pub const ARTICLE_PATH: SlugPath = (StaticSegment(NEWS), ParamSegment("slug"));
/// `/search`
pub const SEARCH_PATH: StaticPath = (StaticSegment(SEARCH),);
/// `/offline`: what this device has saved for offline reading.
pub const OFFLINE_PATH: StaticPath = (StaticSegment(OFFLINE),);
/// `/embed`: the embed builder.
pub const EMBED_BUILDER_PATH: StaticPath = (StaticSegment(EMBED),);
/// A route path with two static segments.
pub type TwoSegmentPath = (StaticSegment<&'static str>, StaticSegment<&'static str>);
/// `/embed/news/:slug`: one article, for an iframe.
pub const EMBED_ARTICLE_PATH: (
    StaticSegment<&'static str>,
    StaticSegment<&'static str>,
    ParamSegment,
) = (
    StaticSegment(EMBED),
    StaticSegment(NEWS),
    ParamSegment("slug"),
);
/// `/embed/news`: the latest headlines, for an iframe.
pub const EMBED_NEWS_PATH: TwoSegmentPath = (StaticSegment(EMBED), StaticSegment(NEWS));
/// `/embed/search`: a search box with results, for an iframe.
pub const EMBED_SEARCH_PATH: TwoSegmentPath = (StaticSegment(EMBED), StaticSegment(SEARCH));

/// The first path segment of a kind's pages.
pub const fn segment(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Fields => "fields",
        TaxonomyKind::Meetings => "meetings",
        TaxonomyKind::Topics => "our-work",
        TaxonomyKind::Countries => "countries",
        TaxonomyKind::Partners => "partners",
        TaxonomyKind::Structures => "structures",
    }
}

/// `/<segment>`: the index page of a kind.
pub const fn index_path(kind: TaxonomyKind) -> StaticPath {
    (StaticSegment(segment(kind)),)
}

/// `/<segment>/:slug`: the page of one term.
pub const fn term_path(kind: TaxonomyKind) -> SlugPath {
    (StaticSegment(segment(kind)), ParamSegment("slug"))
}

/// The query parameter that filters news lists by a kind.
pub const fn query_key(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Fields => "field",
        TaxonomyKind::Meetings => "meeting",
        TaxonomyKind::Topics => "topic",
        TaxonomyKind::Countries => "country",
        TaxonomyKind::Partners => "partner",
        TaxonomyKind::Structures => "structure",
    }
}

static BASE: OnceLock<String> = OnceLock::new();

/// Sets the path the app is served under ("" at the root, "/newsroom" under
/// a sub-path). Call once, before the router starts; later calls are ignored.
pub fn set_base(path: &str) {
    let trimmed = path.trim_end_matches('/');
    let _ = BASE.set(trimmed.to_owned());
}

/// The path the app is served under, without a trailing `/`.
pub fn base() -> &'static str {
    BASE.get().map(String::as_str).unwrap_or("")
}

/// Percent-encodes a path segment or query value.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn path(rest: &str) -> String {
    format!("{}/{}", base(), rest)
}

/// The home page.
pub fn home_href() -> String {
    path("")
}

/// A news list page with filters; page 1 is left out of the URL.
pub fn news_href(filter: &NewsFilter, page: usize) -> String {
    let mut query = filter_query(filter);
    if page > 1 {
        query.push(format!("page={page}"));
    }
    if query.is_empty() {
        path(NEWS)
    } else {
        format!("{}?{}", path(NEWS), query.join("&"))
    }
}

/// An article's page, by slug.
fn article_href(slug: &str) -> String {
    path(&format!("{NEWS}/{}", encode(slug)))
}

impl Article {
    /// The article's page.
    pub fn href(&self) -> String {
        article_href(&self.slug)
    }
}

impl Summary {
    /// The article's page.
    pub fn href(&self) -> String {
        article_href(&self.slug)
    }
}

impl TermRef {
    /// The page this reference opens; `None` for the index of a kind that
    /// has none.
    pub fn href(&self) -> Option<String> {
        match &self.slug {
            Some(slug) => Some(path(&format!("{}/{}", segment(self.kind), encode(slug)))),
            None if self.kind.has_index() => Some(path(segment(self.kind))),
            None => None,
        }
    }
}

impl Link {
    /// Where a content link goes: a site path under the base the app is
    /// served at, or the external URL as written; `None` when its `href`
    /// is not allowed (see [`Destination::parse`]).
    pub fn href(&self) -> Option<String> {
        Some(match Destination::parse(&self.href)? {
            Destination::Site(rest) => path(&rest),
            Destination::External(url) => url,
        })
    }
}

impl DocInfo {
    /// The page a search result opens.
    pub fn href(&self) -> Option<String> {
        match self.kind {
            DocKind::Article => Some(article_href(&self.slug)),
            DocKind::Term(kind) => TermRef::term(kind, self.slug.clone()).href(),
            DocKind::Index(kind) => TermRef::index(kind).href(),
        }
    }
}

/// The query-string value of a result type.
pub fn type_key(t: DocType) -> &'static str {
    match t {
        DocType::News => NEWS,
        DocType::Page(kind) => kind.key(),
    }
}

/// A page of what is available offline; page 1 is left out of the URL.
pub fn offline_href(page: usize) -> String {
    if page > 1 {
        path(&format!("{OFFLINE}?page={page}"))
    } else {
        path(OFFLINE)
    }
}

/// The embed builder.
pub fn embed_builder_href() -> String {
    path(EMBED)
}

/// The script a partner's page includes to size embeds (`public/embed.js`).
pub fn embed_script_href() -> String {
    path("embed.js")
}

/// An embedded article.
pub fn embed_article_href(slug: &str, options: &EmbedOptions) -> String {
    with_query(
        path(&format!("{EMBED}/{NEWS}/{}", encode(slug))),
        options.query(),
    )
}

/// Embedded headlines: the latest `limit` articles matching the filters.
pub fn embed_news_href(filter: &NewsFilter, limit: usize, options: &EmbedOptions) -> String {
    let mut query = filter_query(filter);
    query.push(format!("limit={limit}"));
    query.extend(options.query());
    with_query(path(&format!("{EMBED}/{NEWS}")), query)
}

/// An embedded search box, with results for `q` when it is not empty.
pub fn embed_search_href(q: &str, options: &EmbedOptions) -> String {
    let mut query = Vec::new();
    if !q.trim().is_empty() {
        query.push(format!("q={}", encode(q.trim())));
    }
    query.extend(options.query());
    with_query(path(&format!("{EMBED}/{SEARCH}")), query)
}

fn with_query(path: String, query: Vec<String>) -> String {
    if query.is_empty() {
        path
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// `kind=slug` for every filter set, in [`TaxonomyKind::ALL`] order.
fn filter_query(filter: &NewsFilter) -> Vec<String> {
    TaxonomyKind::ALL
        .iter()
        .filter_map(|&kind| {
            filter
                .get(kind)
                .map(|slug| format!("{}={}", query_key(kind), encode(slug)))
        })
        .collect()
}

/// A search results page: the query, filters and page; page 1 and empty
/// parts are left out.
pub fn search_href(q: &str, filters: &[Filter], page: usize) -> String {
    let mut query = Vec::new();
    if !q.is_empty() {
        query.push(format!("q={}", encode(q)));
    }
    for filter in filters {
        query.push(match filter {
            Filter::Term(kind, slug) => format!("{}={}", query_key(*kind), encode(slug)),
            Filter::Year(y) => format!("year={y}"),
            Filter::Type(t) => format!("type={}", type_key(*t)),
        });
    }
    if page > 1 {
        query.push(format!("page={page}"));
    }
    if query.is_empty() {
        path(SEARCH)
    } else {
        format!("{}?{}", path(SEARCH), query.join("&"))
    }
}

/// What a path shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    News,
    Article(String),
    Taxonomy(TermRef),
    Search,
    Offline,
    EmbedBuilder,
    Embed,
    NotFound,
}

/// Maps a path (with the base, without query or fragment) to what it shows.
/// Slugs are not checked against content here.
pub fn parse_path(full: &str) -> Page {
    let Some(rest) = full.strip_prefix(base()) else {
        return Page::NotFound;
    };
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let kind_of = |seg: &str| TaxonomyKind::ALL.into_iter().find(|&k| segment(k) == seg);
    match segments.as_slice() {
        [] => Page::Home,
        [NEWS] => Page::News,
        [SEARCH] => Page::Search,
        [OFFLINE] => Page::Offline,
        [EMBED] => Page::EmbedBuilder,
        [EMBED, ..] => Page::Embed,
        [NEWS, slug] => Page::Article(decode(slug)),
        [seg] => match kind_of(seg) {
            Some(kind) if kind.has_index() => Page::Taxonomy(TermRef::index(kind)),
            _ => Page::NotFound,
        },
        [seg, slug] => match kind_of(seg) {
            Some(kind) => Page::Taxonomy(TermRef::term(kind, decode(slug))),
            None => Page::NotFound,
        },
        _ => Page::NotFound,
    }
}

/// Decodes `%XX` escapes; invalid escapes or UTF-8 are kept as they are.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes.get(i),
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (Some(b'%'), Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (Some(&b), _, _) => {
                out.push(b);
                i += 1;
            }
            (None, _, _) => break,
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// The `:slug` of term and article routes.
#[derive(Params, Clone, Debug, PartialEq)]
pub struct SlugParams {
    pub slug: Option<String>,
}

/// The current route's `:slug` (empty when missing), tracked.
pub fn use_slug() -> Memo<String> {
    let params = leptos_router::hooks::use_params::<SlugParams>();
    Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.slug.clone())
            .unwrap_or_default()
    })
}

/// The query of `/news`.
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub struct NewsQuery {
    pub field: Option<String>,
    pub meeting: Option<String>,
    pub topic: Option<String>,
    pub country: Option<String>,
    pub partner: Option<String>,
    pub structure: Option<String>,
    pub page: Option<String>,
}

/// The term filters given as query values, one per kind in
/// [`TaxonomyKind::ALL`] order; empty values are ignored.
fn term_filter(values: [&Option<String>; 6]) -> NewsFilter {
    NewsFilter {
        terms: TaxonomyKind::ALL
            .into_iter()
            .zip(values)
            .filter_map(|(kind, value)| {
                value
                    .as_deref()
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| (kind, v.to_owned()))
            })
            .collect(),
    }
}

impl NewsQuery {
    /// The filters set in the query; empty values are ignored.
    pub fn filter(&self) -> NewsFilter {
        term_filter([
            &self.field,
            &self.meeting,
            &self.topic,
            &self.country,
            &self.partner,
            &self.structure,
        ])
    }

    /// The requested page: 1 when absent, `None` when not a positive number.
    pub fn page(&self) -> Option<usize> {
        match self.page.as_deref().map(str::trim) {
            None | Some("") => Some(1),
            Some(p) => p.parse().ok().filter(|&n| n >= 1),
        }
    }
}

/// The query of `/offline`.
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub struct OfflineQuery {
    pub page: Option<String>,
}

impl OfflineQuery {
    /// The requested page, 1 when absent or not a positive number.
    pub fn page(&self) -> usize {
        positive(self.page.as_deref()).unwrap_or(1)
    }
}

/// A positive number given as a query value.
fn positive(value: Option<&str>) -> Option<usize> {
    value
        .and_then(|p| p.trim().parse().ok())
        .filter(|&n| n >= 1)
}

/// The colour scheme an embed asks for; without one it follows the
/// reader's system setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// The theme a URL value names; `None` for "auto" and anything else.
    pub fn parse(value: &str) -> Option<Theme> {
        match value.trim() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The value in URLs and in the document's `data-theme`.
    pub const fn key(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Where links in an embed open: never inside the small frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LinkTarget {
    /// The window holding the partner's page (the default).
    #[default]
    Top,
    /// A new tab or window.
    Blank,
}

impl LinkTarget {
    /// The target a URL value names: a new tab for `_blank`, else the top
    /// window.
    pub fn parse(value: &str) -> LinkTarget {
        match value.trim() {
            "_blank" => LinkTarget::Blank,
            _ => LinkTarget::Top,
        }
    }

    /// The value of an `<a target>`.
    pub const fn attr(self) -> &'static str {
        match self {
            LinkTarget::Top => "_top",
            LinkTarget::Blank => "_blank",
        }
    }
}

/// How an embed looks and where its links open, kept across its pages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// `None`: follow the reader's system setting.
    pub theme: Option<Theme>,
    /// A checked `#rrggbb` colour.
    pub accent: Option<String>,
    pub target: LinkTarget,
}

impl EmbedOptions {
    fn query(&self) -> Vec<String> {
        let mut query = Vec::new();
        if let Some(theme) = self.theme {
            query.push(format!("theme={}", theme.key()));
        }
        if let Some(accent) = &self.accent {
            query.push(format!("accent={}", encode(accent)));
        }
        if self.target == LinkTarget::Blank {
            query.push("target=_blank".to_owned());
        }
        query
    }
}

/// A colour given as `#rgb` or `#rrggbb` (the `#` optional), as `#rrggbb`
/// in lower case; anything else is `None`, so no other text can reach a
/// style.
pub fn parse_colour(value: &str) -> Option<String> {
    let hex = value.trim();
    let hex = hex.strip_prefix('#').unwrap_or(hex);
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => return None,
    };
    Some(format!("#{}", full.to_ascii_lowercase()))
}

/// Most headlines an embed shows.
pub const EMBED_MAX_LIMIT: usize = 50;
/// Headlines an embed shows when the URL does not say.
pub const EMBED_DEFAULT_LIMIT: usize = 5;

/// The query of every embed route.
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub struct EmbedQuery {
    pub theme: Option<String>,
    pub accent: Option<String>,
    pub target: Option<String>,
    pub limit: Option<String>,
    pub q: Option<String>,
    pub field: Option<String>,
    pub meeting: Option<String>,
    pub topic: Option<String>,
    pub country: Option<String>,
    pub partner: Option<String>,
    pub structure: Option<String>,
}

impl EmbedQuery {
    /// The display options; values that mean nothing are ignored.
    pub fn options(&self) -> EmbedOptions {
        EmbedOptions {
            theme: self.theme.as_deref().and_then(Theme::parse),
            accent: self.accent.as_deref().and_then(parse_colour),
            target: self
                .target
                .as_deref()
                .map(LinkTarget::parse)
                .unwrap_or_default(),
        }
    }

    /// How many headlines: 1 to [`EMBED_MAX_LIMIT`], else the default.
    pub fn limit(&self) -> usize {
        positive(self.limit.as_deref())
            .map(|n| n.min(EMBED_MAX_LIMIT))
            .unwrap_or(EMBED_DEFAULT_LIMIT)
    }

    /// The term filters of a headlines embed.
    pub fn filter(&self) -> NewsFilter {
        term_filter([
            &self.field,
            &self.meeting,
            &self.topic,
            &self.country,
            &self.partner,
            &self.structure,
        ])
    }

    /// The text searched for.
    pub fn text(&self) -> String {
        self.q.clone().unwrap_or_default()
    }
}

/// The query of `/search`.
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub struct SearchQuery {
    pub q: Option<String>,
    pub field: Option<String>,
    pub meeting: Option<String>,
    pub topic: Option<String>,
    pub country: Option<String>,
    pub partner: Option<String>,
    pub structure: Option<String>,
    pub year: Option<String>,
    pub r#type: Option<String>,
    pub page: Option<String>,
}

impl SearchQuery {
    /// The text searched for.
    pub fn text(&self) -> String {
        self.q.clone().unwrap_or_default()
    }

    /// The filters set in the query; values that mean nothing are ignored.
    pub fn filters(&self) -> Vec<Filter> {
        let mut filters: Vec<Filter> = term_filter([
            &self.field,
            &self.meeting,
            &self.topic,
            &self.country,
            &self.partner,
            &self.structure,
        ])
        .terms
        .into_iter()
        .map(|(kind, slug)| Filter::Term(kind, slug))
        .collect();
        if let Some(year) = self.year.as_deref().and_then(|y| y.trim().parse().ok()) {
            filters.push(Filter::Year(year));
        }
        let t = self.r#type.as_deref().map(str::trim);
        let doc_type = match t {
            Some(NEWS) => Some(DocType::News),
            Some(key) => TaxonomyKind::ALL
                .into_iter()
                .find(|k| k.key() == key)
                .map(DocType::Page),
            None => None,
        };
        filters.extend(doc_type.map(Filter::Type));
        filters
    }

    /// The requested page, 1 when absent or not a positive number.
    pub fn page(&self) -> usize {
        positive(self.page.as_deref()).unwrap_or(1)
    }
}
