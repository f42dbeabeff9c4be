//! What an embed URL carries besides what it shows: its colours and where
//! its links open. Values are checked here, so only a known theme and a
//! checked colour ever reach the page's style.

use leptos_router::params::{Params, ParamsError, ParamsMap};

use crate::data::NewsFilter;
use crate::routes::{QueryValues, encode, positive, term_filter};

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
    /// The options as query pairs, for embed URLs.
    pub(crate) fn query(&self) -> Vec<String> {
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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedQuery {
    pub theme: Option<String>,
    pub accent: Option<String>,
    pub target: Option<String>,
    pub limit: Option<String>,
    pub q: Option<String>,
    /// The term filters of a headlines embed, one per kind at most.
    pub terms: NewsFilter,
}

impl Params for EmbedQuery {
    fn from_map(map: &ParamsMap) -> Result<Self, ParamsError> {
        Ok(Self::read(map))
    }
}

impl EmbedQuery {
    /// Reads the query.
    pub fn read(query: &(impl QueryValues + ?Sized)) -> Self {
        EmbedQuery {
            theme: query.owned("theme"),
            accent: query.owned("accent"),
            target: query.owned("target"),
            limit: query.owned("limit"),
            q: query.owned("q"),
            terms: term_filter(query),
        }
    }

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
        self.terms.clone()
    }

    /// The text searched for.
    pub fn text(&self) -> String {
        self.q.clone().unwrap_or_default()
    }
}
