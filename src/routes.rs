//! The one place that knows the site's URLs: route paths for the router,
//! typed parameters, `href()` helpers on domain types, and a parser that maps
//! a path back to what it shows.

use std::sync::OnceLock;

use leptos::Params;
use leptos::prelude::*;
use leptos_router::params::{Params, ParamsError, ParamsMap};
use leptos_router::{ParamSegment, StaticSegment};

use crate::data::{Article, Link, NewsFilter, Summary, TaxonomyKind, TermRef};
use crate::embed::options::EmbedOptions;
use crate::search::{DocInfo, DocKind, DocType, Filter};
use newsroom_content::Destination;

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

/// `/news/page/:page`: a later page of the news list, as a path, so a
/// static host has a file for it (a query string it cannot tell apart).
pub const NEWS_PAGE_PATH: (
    StaticSegment<&'static str>,
    StaticSegment<&'static str>,
    ParamSegment,
) = (
    StaticSegment(NEWS),
    StaticSegment(PAGE),
    ParamSegment("page"),
);
/// `/:kind/:slug/news`: the news filed under one term.
pub const TERM_NEWS_PATH: (ParamSegment, ParamSegment, StaticSegment<&'static str>) = (
    ParamSegment("kind"),
    ParamSegment("slug"),
    StaticSegment(NEWS),
);
/// `/:kind/:slug/news/page/:page`: a later page of it.
pub const TERM_NEWS_PAGE_PATH: (
    ParamSegment,
    ParamSegment,
    StaticSegment<&'static str>,
    StaticSegment<&'static str>,
    ParamSegment,
) = (
    ParamSegment("kind"),
    ParamSegment("slug"),
    StaticSegment(NEWS),
    StaticSegment(PAGE),
    ParamSegment("page"),
);

const PAGE: &str = "page";

/// `/:kind`: the index page of a taxonomy kind, by its URL segment. Listed
/// after every static route, which wins over it.
pub const KIND_INDEX_PATH: (ParamSegment,) = (ParamSegment("kind"),);
/// `/:kind/:slug`: the page of one term of a kind.
pub const KIND_TERM_PATH: (ParamSegment, ParamSegment) =
    (ParamSegment("kind"), ParamSegment("slug"));

/// The first path segment of a kind's pages.
pub const fn segment(kind: TaxonomyKind) -> &'static str {
    kind.names().segment
}

/// The query parameter that filters news lists by a kind.
pub const fn query_key(kind: TaxonomyKind) -> &'static str {
    kind.names().query
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
pub(crate) fn encode(value: &str) -> String {
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

/// The RSS feed of all news, or of the news filed under one term.
pub fn feed_href(term: Option<(TaxonomyKind, &str)>) -> String {
    match term {
        None => path(FEED),
        Some((kind, slug)) => path(&format!("{}/{}/{FEED}", segment(kind), encode(slug))),
    }
}

const FEED: &str = "feed.xml";

/// The sitemap (an index of sitemap files), and sitemap file `n` (1-based).
pub fn sitemap_href(file: Option<usize>) -> String {
    match file {
        None => path("sitemap.xml"),
        Some(n) => path(&format!("sitemap-{n}.xml")),
    }
}

/// The home page.
pub fn home_href() -> String {
    path("")
}

/// A news list page with filters; page 1 is left out of the URL. The lists
/// the build publishes (all news, one term's) are paths, which the
/// prerenderer writes as files; several filters are a query.
pub fn news_href(filter: &NewsFilter, page: usize) -> String {
    let paged = |list: String| {
        if page > 1 {
            format!("{list}/{PAGE}/{page}")
        } else {
            list
        }
    };
    match filter.terms.as_slice() {
        [] => paged(path(NEWS)),
        [(kind, slug)] => paged(path(&format!("{}/{}/{NEWS}", segment(*kind), encode(slug)))),
        _ => {
            let mut query = filter_query(filter);
            if page > 1 {
                query.push(format!("page={page}"));
            }
            format!("{}?{}", path(NEWS), query.join("&"))
        }
    }
}

/// An article's page, by slug.
fn article_href(slug: &str) -> String {
    path(&format!("{NEWS}/{}", encode(slug)))
}

/// The page a piece of content opens. The content types live in
/// `newsroom-content`, which knows no URLs: this is where they get them.
pub trait Href {
    /// A path, or `None` where some values open no page.
    type Output;
    /// The page's URL, under the base the app is served at.
    fn href(&self) -> Self::Output;
}

impl Href for Article {
    type Output = String;
    /// The article's page.
    fn href(&self) -> String {
        article_href(&self.slug)
    }
}

impl Href for Summary {
    type Output = String;
    /// The article's page.
    fn href(&self) -> String {
        article_href(&self.slug)
    }
}

impl Href for TermRef {
    type Output = Option<String>;
    /// The page this reference opens; `None` for the index of a kind that
    /// has none.
    fn href(&self) -> Option<String> {
        match &self.slug {
            Some(slug) => Some(path(&format!("{}/{}", segment(self.kind), encode(slug)))),
            None if self.kind.has_index() => Some(path(segment(self.kind))),
            None => None,
        }
    }
}

impl Href for Link {
    type Output = Option<String>;
    /// Where a content link goes: a site path under the base the app is
    /// served at, or the external URL as written; `None` when its `href`
    /// is not allowed (see [`Destination::parse`]).
    fn href(&self) -> Option<String> {
        Some(match Destination::parse(&self.href)? {
            Destination::Site(rest) => path(&rest),
            Destination::External(url) => url,
        })
    }
}

impl Href for DocInfo {
    type Output = Option<String>;
    /// The page a search result opens.
    fn href(&self) -> Option<String> {
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
    let kind_of = |seg: &str| TaxonomyKind::find(seg, |names| names.segment);
    match segments.as_slice() {
        [] => Page::Home,
        [NEWS] | [NEWS, PAGE, _] => Page::News,
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
        [seg, _, NEWS] | [seg, _, NEWS, PAGE, _] if kind_of(seg).is_some() => Page::News,
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

/// The `:kind` and `:slug` of term and article routes.
#[derive(Params, Clone, Debug, PartialEq)]
pub struct SlugParams {
    pub kind: Option<String>,
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

/// The taxonomy kind the route's `:kind` segment names (`None`: no kind
/// has that segment), tracked.
pub fn use_kind() -> Memo<Option<TaxonomyKind>> {
    let params = leptos_router::hooks::use_params::<SlugParams>();
    Memo::new(move |_| {
        let params = params.read();
        let segment = params.as_ref().ok()?.kind.as_deref()?;
        TaxonomyKind::find(segment, |names| names.segment)
    })
}

/// The query of `/news`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewsQuery {
    /// The term filters, one per kind at most.
    pub terms: NewsFilter,
    pub page: Option<String>,
}

/// A query string's values by key: the router's map, or a list of pairs
/// (in native tests, where the router's map cannot be built).
pub trait QueryValues {
    /// The last value given for `key`.
    fn value(&self, key: &str) -> Option<&str>;

    /// The same, owned.
    fn owned(&self, key: &str) -> Option<String> {
        self.value(key).map(str::to_owned)
    }
}

impl QueryValues for ParamsMap {
    fn value(&self, key: &str) -> Option<&str> {
        self.get_str(key)
    }
}

impl QueryValues for [(&str, &str)] {
    fn value(&self, key: &str) -> Option<&str> {
        self.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

impl NewsQuery {
    /// Reads the query.
    pub fn read(query: &(impl QueryValues + ?Sized)) -> Self {
        NewsQuery {
            terms: term_filter(query),
            page: query.owned("page"),
        }
    }
}

impl NewsQuery {
    /// The query with what the route's path names over it: the term of
    /// `/:kind/:slug/news` and the page of `…/page/:page`. `None` when
    /// `:kind` names no kind (no such page).
    pub fn with_path(mut self, path: &(impl QueryValues + ?Sized)) -> Option<Self> {
        if let Some(segment) = path.value("kind") {
            let kind = TaxonomyKind::find(segment, |names| names.segment)?;
            self.terms.set(kind, path.owned("slug"));
        }
        if let Some(page) = path.owned("page") {
            self.page = Some(page);
        }
        Some(self)
    }
}

impl Params for NewsQuery {
    fn from_map(map: &ParamsMap) -> Result<Self, ParamsError> {
        Ok(Self::read(map))
    }
}

/// The term filters given in a query, one per kind by its query key, in
/// [`TaxonomyKind::ALL`] order; empty values are ignored.
pub(crate) fn term_filter(query: &(impl QueryValues + ?Sized)) -> NewsFilter {
    NewsFilter {
        terms: TaxonomyKind::ALL
            .into_iter()
            .filter_map(|kind| {
                query
                    .value(query_key(kind))
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
        self.terms.clone()
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
pub(crate) fn positive(value: Option<&str>) -> Option<usize> {
    value
        .and_then(|p| p.trim().parse().ok())
        .filter(|&n| n >= 1)
}

/// The query of `/search`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchQuery {
    pub q: Option<String>,
    /// The term filters, one per kind at most.
    pub terms: NewsFilter,
    pub year: Option<String>,
    pub r#type: Option<String>,
    pub page: Option<String>,
}

impl Params for SearchQuery {
    fn from_map(map: &ParamsMap) -> Result<Self, ParamsError> {
        Ok(Self::read(map))
    }
}

impl SearchQuery {
    /// Reads the query.
    pub fn read(query: &(impl QueryValues + ?Sized)) -> Self {
        SearchQuery {
            q: query.owned("q"),
            terms: term_filter(query),
            year: query.owned("year"),
            r#type: query.owned("type"),
            page: query.owned("page"),
        }
    }

    /// The text searched for.
    pub fn text(&self) -> String {
        self.q.clone().unwrap_or_default()
    }

    /// The filters set in the query; values that mean nothing are ignored.
    pub fn filters(&self) -> Vec<Filter> {
        let mut filters: Vec<Filter> = self
            .terms
            .terms
            .iter()
            .cloned()
            .map(|(kind, slug)| Filter::Term(kind, slug))
            .collect();
        if let Some(year) = self.year.as_deref().and_then(|y| y.trim().parse().ok()) {
            filters.push(Filter::Year(year));
        }
        let t = self.r#type.as_deref().map(str::trim);
        let doc_type = match t {
            Some(NEWS) => Some(DocType::News),
            Some(key) => TaxonomyKind::find(key, |names| names.key).map(DocType::Page),
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
