//! URLs: slugs, hrefs, the path parser and query parameters.

// A test stops at its first failure: unwrap, panics and indexing are how
// it says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use newsroom::components::breadcrumb::{Crumb, trail_to};
use newsroom::data::{Link, NewsFilter, TaxonomyKind, TermRef};
use newsroom::routes::{Href, NewsQuery, Page, news_href, parse_path};
use newsroom_content::text::{fold, slugify};
use newsroom_corpus::bundled_content;

#[test]
fn slugs_fold_diacritics_and_collapse_separators() {
    for (name, slug) in [
        ("Türkiye", "turkiye"),
        ("Cyber/ICT Security", "cyber-ict-security"),
        (
            "Finland – OSCE Chairpersonship 2025",
            "finland-osce-chairpersonship-2025",
        ),
        ("Lejla Čopelj", "lejla-copelj"),
        ("Selma Zeković", "selma-zekovic"),
        (
            "Reform and co-operation in the security sector",
            "reform-and-co-operation-in-the-security-sector",
        ),
        ("  --Ünïcødé  ÆØÅ ß œ Ș ț--  ", "unicode-aeoa-ss-oe-s-t"),
        (
            "Mission to Bosnia and Herzegovina",
            "mission-to-bosnia-and-herzegovina",
        ),
        ("Ελλάδα", ""),
        ("", ""),
        ("?!", ""),
    ] {
        assert_eq!(slugify(name), slug, "slug of {name:?}");
    }
    // Decomposed input (e + combining acute) folds like the composed one.
    assert_eq!(fold("Zekovic\u{301}"), "zekovic");
    assert_eq!(fold("İstanbul"), "istanbul");
}

#[test]
fn every_page_href_parses_back_to_its_page() {
    let content = bundled_content();
    for kind in TaxonomyKind::ALL {
        for term in &content.taxonomy(kind).terms {
            let target = TermRef::term(kind, term.slug.clone());
            let href = target.href().expect("terms always have a page");
            assert_eq!(parse_path(&href), Page::Taxonomy(target), "{href}");
        }
        let index = TermRef::index(kind);
        match index.href() {
            Some(href) => assert_eq!(parse_path(&href), Page::Taxonomy(index)),
            None => assert!(matches!(
                kind,
                TaxonomyKind::Topics | TaxonomyKind::Partners
            )),
        }
    }
    for article in &newsroom_corpus::bundled().1.articles {
        assert_eq!(
            parse_path(&article.href()),
            Page::Article(article.slug.clone())
        );
    }
}

#[test]
fn urls_follow_the_published_scheme() {
    let t = |kind, slug: &str| TermRef::term(kind, slug).href().unwrap_or_default();
    assert_eq!(
        t(TaxonomyKind::Fields, "countering-terrorism"),
        "/fields/countering-terrorism"
    );
    assert_eq!(
        t(TaxonomyKind::Meetings, "summit-meetings"),
        "/meetings/summit-meetings"
    );
    assert_eq!(t(TaxonomyKind::Topics, "projects"), "/our-work/projects");
    assert_eq!(t(TaxonomyKind::Countries, "turkiye"), "/countries/turkiye");
    assert_eq!(
        t(TaxonomyKind::Partners, "asian-partners-for-co-operation"),
        "/partners/asian-partners-for-co-operation"
    );
    assert_eq!(
        t(TaxonomyKind::Structures, "field-operations"),
        "/structures/field-operations"
    );
    assert_eq!(
        TermRef::index(TaxonomyKind::Countries).href().as_deref(),
        Some("/countries")
    );
    assert_eq!(
        TermRef::index(TaxonomyKind::Structures).href().as_deref(),
        Some("/structures")
    );
    assert_eq!(TermRef::index(TaxonomyKind::Topics).href(), None);
}

#[test]
fn unknown_paths_are_not_found() {
    for path in [
        "/nope",
        "/our-work",
        "/partners",
        "/news/a/b",
        "/fields/a/b",
        "/x/y",
    ] {
        assert_eq!(parse_path(path), Page::NotFound, "{path}");
    }
    assert_eq!(parse_path("/"), Page::Home);
    assert_eq!(parse_path(""), Page::Home);
    assert_eq!(parse_path("/news/"), Page::News);
    assert_eq!(parse_path("/news/caf%C3%A9"), Page::Article("café".into()));
    assert_eq!(parse_path("/news/%ZZ"), Page::Article("%ZZ".into()));
}

#[test]
fn news_hrefs_carry_filters_and_page() {
    let filter = NewsFilter {
        terms: vec![
            (TaxonomyKind::Countries, "bosnia-and-herzegovina".into()),
            (TaxonomyKind::Fields, "countering-terrorism".into()),
        ],
    };
    assert_eq!(news_href(&NewsFilter::default(), 1), "/news");
    // The lists the build publishes are paths a static host has files for.
    assert_eq!(news_href(&NewsFilter::default(), 3), "/news/page/3");
    let one = NewsFilter {
        terms: vec![(TaxonomyKind::Countries, "albania".into())],
    };
    assert_eq!(news_href(&one, 1), "/countries/albania/news");
    assert_eq!(news_href(&one, 2), "/countries/albania/news/page/2");
    for href in [
        "/news/page/3",
        "/countries/albania/news",
        "/countries/albania/news/page/2",
    ] {
        assert_eq!(parse_path(href), Page::News, "{href}");
    }
    assert_eq!(parse_path("/nowhere/albania/news"), Page::NotFound);
    assert_eq!(
        news_href(&filter, 2),
        "/news?field=countering-terrorism&country=bosnia-and-herzegovina&page=2"
    );
    let odd = NewsFilter {
        terms: vec![(TaxonomyKind::Structures, "a&b=<c>".into())],
    };
    assert_eq!(news_href(&odd, 1), "/structures/a%26b%3D%3Cc%3E/news");
}

#[test]
fn a_list_path_names_its_term_and_page_over_the_query() {
    let query = NewsQuery::read(&[("field", "elections"), ("page", "2")][..]);
    let path = [("kind", "countries"), ("slug", "albania"), ("page", "4")];
    let read = query.with_path(&path[..]).expect("a kind");
    assert_eq!(read.filter().get(TaxonomyKind::Countries), Some("albania"));
    assert_eq!(read.filter().get(TaxonomyKind::Fields), Some("elections"));
    assert_eq!(read.page(), Some(4));
    assert!(
        NewsQuery::default()
            .with_path(&[("kind", "planets"), ("slug", "mars")][..])
            .is_none()
    );
}

#[test]
fn news_query_reads_filters_and_page() {
    let query = NewsQuery::read(
        &[
            ("field", "countering-terrorism"),
            ("country", " "),
            ("structure", "secretariat"),
            ("page", "2"),
            ("unknown", "x"),
        ][..],
    );
    assert_eq!(
        query.filter().terms,
        vec![
            (TaxonomyKind::Fields, "countering-terrorism".to_owned()),
            (TaxonomyKind::Structures, "secretariat".to_owned())
        ]
    );
    assert_eq!(query.page(), Some(2));
    for bad in ["0", "-1", "two", "1e3"] {
        let q = NewsQuery::read(&[("page", bad)][..]);
        assert_eq!(q.page(), None, "{bad}");
    }
    assert_eq!(NewsQuery::default().page(), Some(1));
}

#[test]
fn breadcrumbs_follow_the_menu() {
    let content = bundled_content();
    let crumbs = |kind, slug: Option<&str>| {
        let target = TermRef {
            kind,
            slug: slug.map(str::to_owned),
        };
        trail_to(&content, &target)
    };
    let c = |label: &str, href: Option<&str>| Crumb::new(label, href.map(str::to_owned));
    assert_eq!(
        crumbs(TaxonomyKind::Fields, Some("arms-control")),
        [c("Our work", None), c("Fields of work", Some("/fields"))]
    );
    assert_eq!(crumbs(TaxonomyKind::Fields, None), [c("Our work", None)]);
    // The Structures group wins over the Our work shortcut to it.
    assert_eq!(
        crumbs(TaxonomyKind::Structures, Some("field-operations")),
        [c("Structures and institutions", Some("/structures"))]
    );
    assert_eq!(
        crumbs(TaxonomyKind::Structures, Some("mission-to-serbia")),
        [
            c("Structures and institutions", Some("/structures")),
            c("Field operations", Some("/structures/field-operations"))
        ]
    );
    // Countries and Participating States both open /countries: one step.
    assert_eq!(
        crumbs(TaxonomyKind::Countries, Some("finland")),
        [c("Countries", Some("/countries"))]
    );
    assert_eq!(crumbs(TaxonomyKind::Countries, None), []);
}

#[test]
fn embed_options_accept_only_checked_values() {
    use newsroom::embed::options::{EmbedOptions, EmbedQuery, LinkTarget, Theme, parse_colour};
    assert_eq!(parse_colour("#0B5CAD").as_deref(), Some("#0b5cad"));
    assert_eq!(parse_colour("f0a").as_deref(), Some("#ff00aa"));
    for hostile in [
        "red",
        "#12345",
        "#1234567",
        "red;background:url(x)",
        "#fff;x",
        "expression(alert(1))",
        "",
        "#",
        "#ggg",
        "１２３",
    ] {
        assert_eq!(parse_colour(hostile), None, "{hostile}");
    }
    let query = |theme: &str, accent: &str, target: &str| {
        EmbedQuery::read(&[("theme", theme), ("accent", accent), ("target", target)][..])
    };
    assert_eq!(
        query("purple", "red", "javascript:alert(1)").options(),
        EmbedOptions::default()
    );
    assert_eq!(
        query("dark", "#FF0000", "_blank").options(),
        EmbedOptions {
            theme: Some(Theme::Dark),
            accent: Some("#ff0000".into()),
            target: LinkTarget::Blank
        }
    );
    let limit = |l: &str| EmbedQuery::read(&[("limit", l)][..]).limit();
    assert_eq!(limit("3"), 3);
    assert_eq!(limit("500"), 50);
    assert_eq!(limit("0"), 5);
    assert_eq!(limit("-2"), 5);
    assert_eq!(limit("x"), 5);
}

#[test]
fn embed_urls_keep_their_options_and_encode_values() {
    use newsroom::data::{NewsFilter, TaxonomyKind};
    use newsroom::embed::options::{EmbedOptions, LinkTarget, Theme};
    use newsroom::routes::{Page, embed_article_href, embed_news_href, embed_search_href};
    let options = EmbedOptions {
        theme: Some(Theme::Light),
        accent: Some("#abcdef".into()),
        target: LinkTarget::Blank,
    };
    assert_eq!(
        embed_article_href("a-b", &options),
        "/embed/news/a-b?theme=light&accent=%23abcdef&target=_blank"
    );
    let mut filter = NewsFilter::default();
    filter.set(TaxonomyKind::Structures, Some("odihr".into()));
    filter.set(TaxonomyKind::Fields, Some("elections".into()));
    assert_eq!(
        embed_news_href(&filter, 4, &EmbedOptions::default()),
        "/embed/news?field=elections&structure=odihr&limit=4"
    );
    assert_eq!(
        embed_search_href(" a&b=c ", &EmbedOptions::default()),
        "/embed/search?q=a%26b%3Dc"
    );
    assert_eq!(parse_path("/embed"), Page::EmbedBuilder);
    assert_eq!(parse_path("/embed/news/x"), Page::Embed);
    assert_eq!(parse_path("/offline"), Page::Offline);
}

#[test]
fn content_links_go_only_to_the_site_the_web_or_mail() {
    let href = |h: &str| {
        Link {
            text: "x".to_owned(),
            href: h.to_owned(),
        }
        .href()
    };
    for (given, expected) in [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("mailto:press@example.org", "mailto:press@example.org"),
        ("/news/some-article", "/news/some-article"),
        ("/structures?x=1#top", "/structures?x=1#top"),
    ] {
        assert_eq!(href(given).as_deref(), Some(expected), "{given}");
    }
    for refused in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\u{0}javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        "/\\evil.example/",
        "https:evil.example",
        "https://",
        "https:///path",
        "mailto:",
        "ftp://example.org/",
        "news/relative",
        "#fragment",
        "",
        "/with space",
    ] {
        assert_eq!(href(refused), None, "{refused:?}");
    }
}
