//! The bundled content against the seed capture, and the validator against
//! broken fixtures.

// A test stops at its first failure: unwrap, panics and indexing are how
// it says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use newsroom_content::parse::{parse_news, parse_site};
use newsroom_content::publish::list_order;
use newsroom_content::validate::{check_sources, validate};
use newsroom_content::{Block, DataError, Date, MenuNode, TaxonomyKind, TermRef};
use newsroom_corpus::bundled::{
    bundled, bundled_content, fixture, flat_labels, read, seed_menu_labels,
};

#[test]
fn bundled_content_is_valid() {
    let (site, news) = bundled();
    let problems = validate(&site, &news);
    assert!(
        problems.is_empty(),
        "problems:\n{}",
        problems
            .iter()
            .map(|p| format!("{p}\n"))
            .collect::<String>()
    );
}

#[test]
fn menu_holds_every_seed_entry_in_seed_order() {
    let (site, _) = bundled();
    let mut labels = Vec::new();
    flat_labels(&site.menu, &mut labels);
    let seed = seed_menu_labels();
    assert_eq!(seed.len(), 142, "the seed capture has 142 menu entries");
    assert_eq!(labels, seed);
}

fn section<'a>(menu: &'a [MenuNode], label: &str) -> &'a MenuNode {
    menu.iter()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("no section {label}"))
}

fn child<'a>(node: &'a MenuNode, label: &str) -> &'a MenuNode {
    node.children
        .iter()
        .find(|n| n.label == label && !n.children.is_empty())
        .or_else(|| node.children.iter().find(|n| n.label == label))
        .unwrap_or_else(|| panic!("no entry {label} under {}", node.label))
}

#[test]
fn sections_hold_the_groups_the_seed_lists() {
    let (site, _) = bundled();
    let top: Vec<&str> = site.menu.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        top,
        ["Our work", "Countries", "Structures and institutions"]
    );

    let our_work = section(&site.menu, "Our work");
    assert_eq!(child(our_work, "Fields of work").children.len(), 23);
    assert_eq!(
        child(our_work, "Meetings and conferences").children.len(),
        16
    );
    for leaf in ["Field operations", "Projects", "Partnerships"] {
        assert!(child(our_work, leaf).children.is_empty());
    }
    assert_eq!(
        child(our_work, "Field operations").link,
        Some(TermRef::term(TaxonomyKind::Structures, "field-operations"))
    );

    let countries = section(&site.menu, "Countries");
    assert_eq!(
        child(countries, "All").link,
        Some(TermRef::index(TaxonomyKind::Countries))
    );
    assert_eq!(child(countries, "Participating States").children.len(), 57);
    for partner in [
        "Asian Partners for Co-operation",
        "Mediterranean Partners for Co-operation",
    ] {
        assert_eq!(
            child(countries, partner).link.as_ref().map(|l| l.kind),
            Some(TaxonomyKind::Partners)
        );
    }

    let structures = section(&site.menu, "Structures and institutions");
    assert_eq!(child(structures, "Secretariat").children.len(), 12);
    let field_ops = child(structures, "Field operations");
    assert_eq!(field_ops.children.len(), 13);
    assert_eq!(
        field_ops.children.last().map(|n| n.label.as_str()),
        Some("Closed field activities")
    );
    for leaf in [
        "Chairpersonship",
        "Institutions",
        "Parliamentary Assembly",
        "Court of Conciliation and Arbitration",
        "Organizational structure",
        "About us",
    ] {
        assert_eq!(
            child(structures, leaf).link.as_ref().map(|l| l.kind),
            Some(TaxonomyKind::Structures)
        );
    }
}

#[test]
fn finland_is_a_country_with_a_chairpersonship_note() {
    let content = bundled_content();
    let finland = content
        .term(TaxonomyKind::Countries, "finland")
        .expect("Finland exists");
    assert_eq!(finland.name, "Finland");
    assert_eq!(finland.note.as_deref(), Some("OSCE Chairpersonship 2025"));
    assert!(
        content
            .taxonomy(TaxonomyKind::Countries)
            .terms
            .iter()
            .all(|t| !t.name.contains('–'))
    );
    assert_eq!(content.taxonomy(TaxonomyKind::Countries).terms.len(), 57);
}

#[test]
fn seed_article_is_bundled_whole_and_tagged() {
    let (_, news) = bundled();
    let seed = read("tests/fixtures/seed-osce-news-page.txt");
    let lines: Vec<&str> = seed.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == "News Item")
        .expect("seed has a news item");
    let title = lines[start + 1];
    let lead = lines[start + 2];
    let article = news
        .articles
        .iter()
        .find(|a| a.title == title)
        .expect("seed article bundled");
    assert_eq!(article.slug, newsroom_content::text::slugify(title));
    assert_eq!(article.lead, lead);
    assert_eq!(article.issued_on, None, "the seed gives no date");

    let issued_by_line = lines
        .iter()
        .position(|l| l.starts_with("- OSCE Secretariat"))
        .expect("issuer line");
    let seed_body: Vec<&str> = lines[issued_by_line + 1..]
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let body: Vec<&str> = article
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph { text, .. } => text.as_str(),
            other => panic!("unexpected block {other:?}"),
        })
        .collect();
    assert_eq!(body, seed_body, "body is the seed's, word for word");
    // The seed repeats the lead as the first paragraph; pages show it once.
    assert_eq!(article.body_after_lead().len(), article.body.len() - 1);
    assert!(!article.body_after_lead().contains(&Block::Paragraph {
        text: lead.to_owned(),
        links: Vec::new(),
    }));

    let issuers: Vec<&str> = article
        .issued_by
        .iter()
        .map(|i| i.structure.as_str())
        .collect();
    assert_eq!(issuers, ["secretariat", "transnational-threats-department"]);
    assert_eq!(
        article.issued_by[0].label.as_deref(),
        Some("OSCE Secretariat")
    );
    for (kind, slug) in [
        (TaxonomyKind::Fields, "countering-terrorism"),
        (TaxonomyKind::Countries, "bosnia-and-herzegovina"),
        (TaxonomyKind::Structures, "transnational-threats-department"),
        (
            TaxonomyKind::Structures,
            "mission-to-bosnia-and-herzegovina",
        ),
    ] {
        let target = TermRef::term(kind, slug);
        assert!(
            article.is_tagged(target.kind, slug),
            "article listed on {kind:?}/{slug}"
        );
    }
}

#[test]
fn every_menu_link_resolves_to_a_titled_page() {
    let content = bundled_content();
    fn walk(nodes: &[MenuNode], content: &newsroom_content::Content) {
        for node in nodes {
            if let Some(link) = &node.link {
                assert!(
                    content.title_of(link).is_some(),
                    "{} links nowhere",
                    node.label
                );
                assert!(
                    link.slug.is_some() || link.kind.has_index(),
                    "{} opens no page",
                    node.label
                );
            }
            walk(&node.children, content);
        }
    }
    walk(content.menu(), &content);
}

#[test]
fn malformed_json_names_the_file_and_position() {
    let err = parse_site("data/site.json", "{\"site\": ").expect_err("truncated JSON fails");
    assert!(matches!(err, DataError::Invalid { .. }));
    let message = err.to_string();
    assert!(
        message.starts_with("data/site.json is not valid content"),
        "{message}"
    );
    assert!(message.contains("line 1"), "{message}");

    let err = parse_news("{\"articles\": [{\"title\": \"T\", \"lead\": \"L\", \"body\": [{\"type\": \"script\", \"text\": \"x\"}]}]}")
        .expect_err("unknown block type fails");
    assert!(err.to_string().contains("script"), "{err}");

    let body = |block: &str| {
        format!("{{\"articles\": [{{\"title\": \"T\", \"lead\": \"L\", \"body\": [{block}]}}]}}")
    };
    for (block, expected) in [
        (r#"{"text": "x"}"#, "missing field `type`"),
        (r#"{"type": "paragraph"}"#, "missing field `text`"),
        (r#"{"type": "list"}"#, "missing field `items`"),
        (
            r#"{"type": "list", "items": ["a"], "text": "b"}"#,
            "no field `text`",
        ),
        (
            r#"{"type": "heading", "text": "a", "attribution": "b"}"#,
            "no field `attribution`",
        ),
        (
            r#"{"type": "paragraph", "text": "a", "onclick": "b"}"#,
            "unknown field `onclick`",
        ),
        (r#"{"type": "quote", "text": 3}"#, "invalid type"),
    ] {
        let err = parse_news(&body(block)).expect_err(block);
        assert!(err.to_string().contains(expected), "{block}: {err}");
    }
    let news = parse_news(&body(
        r#"{"attribution": "A", "text": "Q", "type": "quote"}, {"items": ["x", "y"], "type": "list"}"#,
    ))
    .expect("fields in any order");
    assert_eq!(
        news.articles[0].body,
        [
            Block::Quote {
                text: "Q".into(),
                attribution: Some("A".into())
            },
            Block::List {
                items: vec!["x".into(), "y".into()]
            }
        ]
    );

    let err = parse_news("<!DOCTYPE html><html>").expect_err("HTML in place of JSON fails");
    assert!(
        err.to_string()
            .starts_with("news.json is not valid content"),
        "{err}"
    );

    let err = parse_news("{\"articles\": [{\"title\": \"T\", \"lead\": \"L\", \"issued_on\": \"2024-02-30\", \"body\": []}]}")
        .expect_err("impossible date fails");
    assert!(err.to_string().contains("2024-02-30"), "{err}");
}

/// Every problem `check_sources` finds in a fixture, as the build prints them.
fn source_problems(name: &str) -> Vec<String> {
    let site = read(&format!("tests/fixtures/{name}/site.json"));
    let news = read(&format!("tests/fixtures/{name}/news.json"));
    match check_sources(&site, &news) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn files_of_the_wrong_shape_report_every_problem_where_it_is() {
    assert_eq!(
        source_problems("misshapen"),
        [
            "site.json $.taxonomies.fields.terms[0]: invalid type: integer `42`, expected a string",
            "site.json $.menu[0].children[0].link: unknown variant `planets`, expected one of `fields`, `meetings`, `topics`, `countries`, `partners`, `structures`",
            "news.json $.extra: is not a field of news.json",
            "news.json $.articles[0]: missing field `title`",
        ]
    );
    let not_json = check_sources("{\"site\": ", "[]").expect_err("not JSON");
    let all: Vec<String> = not_json.iter().map(|p| p.to_string()).collect();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all[0].starts_with("site.json $: is not JSON: EOF while parsing"),
        "{all:?}"
    );
    assert_eq!(all[1], "news.json $.articles: is missing or not a list");
    // Sound sources read the same as the loader reads them.
    let (site, news) = check_sources(&read("content/site.json"), &read("content/news.json"))
        .expect("the bundled content is sound");
    assert_eq!((site, news), bundled());
}

#[test]
fn validator_reports_every_problem_with_its_path() {
    let problems = source_problems("broken");
    let expected = [
        "site.json $.taxonomies.fields.terms[1].slug: slug \"elections\" is used twice",
        "site.json $.taxonomies.countries.terms[0].slug: has no slug and none can be derived from its name",
        "site.json $.taxonomies.structures.terms[0].name: is empty",
        "site.json $.menu[0].children[0].link: points to fields Some(\"policing\"), which does not exist",
        "site.json $.menu[0].children[1].link: points to topics None, which does not exist",
        "site.json $.menu[1]: has neither a link nor children",
        "news.json $.articles[1].slug: slug \"same-title\" is used twice",
        "news.json $.articles[0].issued_by[0].structure: structure \"nowhere\" does not exist",
        "news.json $.articles[0].tags.countries[0]: countries \"atlantis\" does not exist",
        "news.json $.articles[1].body: is empty",
        "news.json $.articles[0].body[0].links[1].href: \" JavaScript:alert(1)\" is not allowed: a link must be http(s), mailto or a path on this site (/…)",
        "news.json $.articles[0].body[0].links[2].text: \"a link\" is not in the paragraph's text after the previous link",
        "news.json $.articles[0].body[0].links[3].href: \"//evil.example/\" is not allowed: a link must be http(s), mailto or a path on this site (/…)",
        "news.json $.articles[0].body[0].links[4].text: is empty",
        "news.json $.articles[0].body[0].links[4].href: \"data:text/html,<script>alert(1)</script>\" is not allowed: a link must be http(s), mailto or a path on this site (/…)",
        "news.json $.articles[2].issued_on: invalid date \"2024-13-45\", expected YYYY-MM-DD",
        "news.json $.articles[2].issued_by[0]: unknown field `role`, expected `structure` or `label`",
        "news.json $.articles[2].body[1]: unknown block type `script`, expected one of `paragraph`, `heading`, `quote`, `list`",
        "news.json $.articles[2].body[2]: missing field `text` in a quote block",
        "news.json $.articles[3].tags.topics[0]: topics \"nothing\" does not exist",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p == e),
            "missing problem {e}\nall problems:\n{}",
            problems.join("\n")
        );
    }
    assert_eq!(
        problems.len(),
        expected.len(),
        "unexpected problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn markup_in_content_is_valid_text() {
    let (site, news) = fixture("hostile");
    assert_eq!(validate(&site, &news), Vec::new());
    assert!(news.articles[0].title.contains("<script>"));
}

#[test]
fn another_organization_gives_another_site() {
    let (site, news) = fixture("other-org");
    assert!(validate(&site, &news).is_empty());
    let newest: Vec<&str> = list_order(&news).iter().map(|a| a.slug.as_str()).collect();
    let content = newsroom_content::Content::new(site);
    assert_eq!(content.meta().name, "NCR");
    assert_eq!(content.menu()[0].label, "Programmes");
    assert_eq!(
        newest,
        [
            "tide-gauges-installed-in-vestfjord",
            "river-survey-begins",
            "undated-notice"
        ]
    );
}

#[test]
fn dates_round_trip_through_their_search_number() {
    for s in ["2024-02-29", "2006-01-01", "1999-12-31"] {
        let date = Date::parse(s).expect("valid");
        assert_eq!(Date::from_number(date.number()), Some(date), "{s}");
    }
    assert_eq!(
        Date::parse("2024-02-29").map(|d| d.number()),
        Some(20_240_229)
    );
    for n in [0, 20_230_229, 20_241_301, 20_240_100, 99] {
        assert_eq!(Date::from_number(n), None, "{n}");
    }
}

#[test]
fn the_kind_table_names_every_kind_apart() {
    type Pick = fn(newsroom_content::KindNames) -> &'static str;
    let picks: [(&str, Pick); 3] = [
        ("key", |n| n.key),
        ("segment", |n| n.segment),
        ("query", |n| n.query),
    ];
    for (what, pick) in picks {
        let mut seen = std::collections::HashSet::new();
        for kind in TaxonomyKind::ALL {
            let name = pick(kind.names());
            assert!(seen.insert(name), "two kinds share the {what} {name:?}");
            assert_eq!(TaxonomyKind::find(name, pick), Some(kind));
        }
    }
    for kind in TaxonomyKind::ALL {
        // The key is what site.json and an article's tags spell.
        assert_eq!(
            serde_json::to_string(&kind).unwrap(),
            format!("\"{}\"", kind.key())
        );
    }
    let offered: Vec<TaxonomyKind> = TaxonomyKind::offered().collect();
    assert_eq!(
        offered,
        [
            TaxonomyKind::Fields,
            TaxonomyKind::Countries,
            TaxonomyKind::Structures
        ]
    );
}
