//! A deterministic synthetic news archive in the app's schema, shaped like
//! the real content: titles, leads, 300–900 word bodies with quotes, names
//! with diacritics, acronyms, tags from the site's taxonomies, and dates
//! over 25 years. Used by tests and benchmarks to run at scale.

// It draws from its own constant word lists and never reads content, a
// query or a URL: indexing them is safe.
#![allow(clippy::indexing_slicing)]

use newsroom_content::text::slugify;
use newsroom_content::{Article, Block, Date, Issuer, NewsData, SiteData, Tags, TaxonomyKind};

/// A small, fast, seedable generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Picks with a Zipf-like skew towards the start of the list.
    pub fn pick_skewed<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let a = self.below(items.len());
        let b = self.below(items.len());
        &items[a.min(b)]
    }
}

const VERBS: &[&str] = &[
    "supports",
    "trains",
    "strengthens",
    "launches",
    "hosts",
    "discusses",
    "promotes",
    "reviews",
    "assists",
    "welcomes",
    "concludes",
    "presents",
    "organizes",
    "builds",
    "advances",
];
const TOPICS: &[&str] = &[
    "border security",
    "media freedom",
    "election observation",
    "anti-corruption measures",
    "gender equality",
    "youth participation",
    "cybersecurity capacity",
    "police reform",
    "community resilience",
    "water governance",
    "counter-trafficking efforts",
    "judicial independence",
    "minority rights",
    "arms control dialogue",
    "environmental co-operation",
    "hate crime reporting",
    "violent extremism prevention",
    "small arms destruction",
    "migration management",
    "good governance",
];
const AUDIENCES: &[&str] = &[
    "journalists",
    "police officers",
    "judges",
    "prosecutors",
    "civil society representatives",
    "young leaders",
    "border guards",
    "parliamentarians",
    "teachers",
    "local officials",
    "election commissioners",
    "women leaders",
];
const FIRST: &[&str] = &[
    "Lejla",
    "Selma",
    "Irfan",
    "Ana",
    "Jovan",
    "Zoltán",
    "Ayşe",
    "Mehmet",
    "Łukasz",
    "Søren",
    "Ingrid",
    "Darius",
    "Nino",
    "Gulnara",
    "Dženana",
    "Tomáš",
    "Jürgen",
    "Élodie",
    "Ioana",
    "Miloš",
    "Ólafur",
    "Kateřina",
    "Aigerim",
];
const LAST: &[&str] = &[
    "Čopelj",
    "Zeković",
    "Saeed",
    "Šimić",
    "Petrović",
    "Nagy",
    "Yılmaz",
    "Öztürk",
    "Kowalczyk",
    "Jørgensen",
    "Lindqvist",
    "Mažeika",
    "Beridze",
    "Dvořák",
    "Müller",
    "Lefèvre",
    "Popescu",
    "Đorđević",
    "Þórsson",
    "Nurlanovna",
    "Hadžić",
    "Kaçar",
    "Ferreira",
];
const ACRONYMS: &[&str] = &[
    "TNTD", "ODIHR", "HCNM", "RFoM", "CPC", "OCEEA", "FSC", "VERLT", "ICT", "CSBM", "SALW", "CSO",
    "NGO", "UNDP",
];
const ROLES: &[&str] = &[
    "Head of Mission",
    "Senior Adviser",
    "Programme Manager",
    "Deputy Minister",
    "National Co-ordinator",
    "Project Officer",
    "Chief of Staff",
    "Director",
];
const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "for",
    "on",
    "with",
    "as",
    "by",
    "that",
    "from",
    "this",
    "at",
    "their",
    "participants",
    "workshop",
    "training",
    "national",
    "local",
    "regional",
    "international",
    "authorities",
    "institutions",
    "capacity",
    "experts",
    "practices",
    "standards",
    "framework",
    "co-operation",
    "dialogue",
    "security",
    "community",
    "communities",
    "strategy",
    "strategies",
    "implementation",
    "legislation",
    "reform",
    "human",
    "rights",
    "freedom",
    "democratic",
    "governance",
    "transparency",
    "accountability",
    "prevention",
    "response",
    "assessment",
    "risk",
    "radicalization",
    "terrorism",
    "extremism",
    "resilience",
    "online",
    "offline",
    "public",
    "private",
    "partnerships",
    "education",
    "awareness",
    "monitoring",
    "reporting",
    "coordination",
    "stakeholders",
    "representatives",
    "ministries",
    "government",
    "society",
    "civil",
    "support",
    "project",
    "programme",
    "activities",
    "event",
    "meeting",
    "conference",
    "session",
    "discussion",
    "recommendations",
    "challenges",
    "opportunities",
    "development",
    "progress",
    "environment",
    "economic",
    "sustainable",
    "inclusive",
    "effective",
    "comprehensive",
    "practical",
    "technical",
    "legal",
    "policy",
    "policies",
    "data",
    "information",
    "digital",
    "media",
    "journalists",
    "safety",
    "protection",
    "victims",
    "trafficking",
    "borders",
    "management",
    "police",
    "judiciary",
    "elections",
    "observation",
    "mission",
    "field",
    "office",
    "operations",
    "participating",
    "states",
    "gender",
    "women",
    "youth",
    "minorities",
    "tolerance",
    "discrimination",
    "migration",
    "water",
    "energy",
    "climate",
    "cyber",
    "threats",
    "networks",
    "which",
    "also",
    "more",
    "will",
    "were",
    "have",
    "been",
    "including",
    "such",
    "between",
    "across",
    "among",
    "during",
    "after",
    "through",
    "within",
    "while",
    "further",
    "important",
    "key",
    "role",
    "efforts",
];

/// Syllables of the long tail of rarer words, as real news has thousands
/// of words that few articles use.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ra", "ti", "su", "ve", "do", "pa", "zo", "ge", "bri", "sta", "pro",
    "con", "ter", "men", "tion", "al", "ic", "ous", "ment", "ive", "ist", "ure", "ant", "ex", "in",
    "re",
];
/// How many distinct long-tail words the generator can use.
const LONG_TAIL: usize = 40_000;

/// Rank `0..n` drawn with a Zipf-like (log-uniform) law: rank r about as
/// likely as 1/r.
fn zipf(rng: &mut Rng, n: usize) -> usize {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    (((n as f64 + 1.0).powf(u)) as usize)
        .saturating_sub(1)
        .min(n - 1)
}

/// The long-tail word of a rank: syllables spelled from its digits.
fn rare_word(mut rank: usize) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[rank % SYLLABLES.len()]);
        rank /= SYLLABLES.len();
        if rank == 0 {
            break;
        }
    }
    if w.len() < 4 {
        w.push_str("ta");
    }
    w
}

fn word(rng: &mut Rng) -> String {
    match rng.below(100) {
        0..=1 => rng.pick(ACRONYMS).to_string(),
        2..=3 => rng.pick(TOPICS).to_string(),
        4..=5 => rng.pick(AUDIENCES).to_string(),
        // Function and common words: the first sixteen of the list.
        6..=50 => WORDS[zipf(rng, 16)].to_string(),
        51..=85 => WORDS[zipf(rng, WORDS.len())].to_string(),
        _ => rare_word(zipf(rng, LONG_TAIL)),
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&word(rng));
    }
    let mut chars = out.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

fn paragraph(rng: &mut Rng, words: usize) -> String {
    let mut left = words;
    let mut out = Vec::new();
    while left > 0 {
        let n = rng.between(8, 24).min(left);
        out.push(sentence(rng, n));
        left -= n;
    }
    out.join(" ")
}

fn terms(site: &SiteData, kind: TaxonomyKind) -> Vec<String> {
    site.taxonomies
        .get(kind)
        .terms
        .iter()
        .map(|t| t.slug.clone())
        .collect()
}

/// `n` articles tagged with terms of `site`, the same for the same seed.
pub fn generate(site: &SiteData, n: usize, seed: u64) -> NewsData {
    let mut rng = Rng::new(seed);
    let fields = terms(site, TaxonomyKind::Fields);
    let countries = terms(site, TaxonomyKind::Countries);
    let structures = terms(site, TaxonomyKind::Structures);
    let country_names: Vec<String> = site
        .taxonomies
        .countries
        .terms
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let mut articles = Vec::with_capacity(n);
    for i in 0..n {
        let c = rng.below(countries.len().max(1));
        let country = country_names.get(c).cloned().unwrap_or_default();
        let topic = *rng.pick(TOPICS);
        let title = format!(
            "{} {} {} {} in {} ({})",
            rng.pick(["OSCE", "Mission", "Office", "Project", "Centre"].as_slice()),
            rng.pick(VERBS),
            topic,
            rng.pick(["for", "with", "among", "by"].as_slice()),
            country,
            i + 1
        );
        let title = title.replace(" for in ", " in ");
        let lead_words = rng.between(12, 18);
        let lead = format!(
            "{} {} {}",
            sentence(&mut rng, lead_words),
            rng.pick(AUDIENCES),
            sentence(&mut rng, 14)
        );
        let body_words = rng.between(300, 900);
        let mut body = vec![Block::Paragraph {
            text: lead.clone(),
            links: Vec::new(),
        }];
        let mut written = 0;
        while written < body_words {
            let words = rng.between(40, 120).min(body_words - written);
            written += words;
            if rng.below(4) == 0 {
                let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
                body.push(Block::Paragraph {
                    text: format!(
                        "“{}” said {}, {} of the {}.",
                        paragraph(&mut rng, words.min(40)),
                        name,
                        rng.pick(ROLES),
                        rng.pick(ACRONYMS)
                    ),
                    links: Vec::new(),
                });
            } else {
                body.push(Block::Paragraph {
                    text: paragraph(&mut rng, words),
                    links: Vec::new(),
                });
            }
        }
        let year = 2001 + rng.below(25) as u16;
        let month = 1 + rng.below(12) as u8;
        let day = 1 + rng.below(28) as u8;
        let mut pick_some = |list: &[String], max: usize| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for _ in 0..rng.between(1, max) {
                if let Some(s) = list.get(rng.below(list.len().max(1)))
                    && !out.contains(s)
                {
                    out.push(s.clone());
                }
            }
            out
        };
        let tag_fields = pick_some(&fields, 3);
        let mut tag_countries = pick_some(&countries, 2);
        if let Some(s) = countries.get(c)
            && !tag_countries.contains(s)
        {
            tag_countries.insert(0, s.clone());
        }
        let issuers = pick_some(&structures, 2);
        articles.push(Article {
            slug: slugify(&title),
            title,
            lead,
            issued_on: Date::parse(&format!("{year:04}-{month:02}-{day:02}")),
            issued_by: issuers
                .into_iter()
                .map(|structure| Issuer {
                    structure,
                    label: None,
                })
                .collect(),
            tags: Tags {
                fields: tag_fields,
                countries: tag_countries,
                ..Tags::default()
            },
            body,
        });
    }
    NewsData { articles }
}
