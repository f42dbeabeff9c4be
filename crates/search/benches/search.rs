//! Search benchmarks on generated archives of 1,000 and 10,000 articles:
//! index build time, the index's files (count, gzip total), query latency
//! per kind of query with its chunks loaded (the pass with the median p95
//! of three), and what a cold query loads: the root and the chunks it
//! needs, gzip, as a browser fetches them.
//! `cargo bench --bench search` prints the table;
//! with `-- --check` it also fails when a budget is exceeded at 10,000
//! articles: query p95 over 1 ms, or a cold query loading more than
//! 154 KB gzip (the 250 KB budget for the first result less the
//! worker's 96 KB of wasm and script, brotli, as measured by
//! tests/bench/search-archive.mjs, which guards the figures in the browser).

// A benchmark stops at its first failure: unwrap, panics and indexing are
// how it says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use std::collections::HashMap;
use std::io::Write;
use std::time::{Duration, Instant};

use newsroom_search::{Index, Part, build, documents};

const SIZES: [usize; 2] = [1_000, 10_000];
const ROUNDS: usize = 30;
const PASSES: usize = 3;

/// The fixed query set, by kind.
const QUERIES: [(&str, &[&str]); 4] = [
    (
        "single words",
        &[
            "security",
            "sarajevo",
            "elections",
            "journalists",
            "resilience",
            "copelj",
            "tntd",
            "youth",
        ],
    ),
    (
        "2-3 words",
        &[
            "border security",
            "media freedom journalists",
            "police reform training",
            "women leaders youth",
            "community resilience online",
        ],
    ),
    (
        "prefixes 1-6",
        &[
            "s", "se", "sec", "secu", "secur", "securi", "j", "jo", "jou", "jour", "journ",
            "journa",
        ],
    ),
    (
        "typos",
        &[
            "terorism",
            "sarajvo",
            "radicalisation",
            "jurnalists",
            "parliamentarans",
            "goverance",
            "extremsm",
        ],
    ),
];

/// Each query kind's timings, sorted: every query `ROUNDS` times.
fn time_queries(index: &Index) -> Vec<Vec<Duration>> {
    QUERIES
        .iter()
        .map(|(_, queries)| {
            let mut times = Vec::new();
            for _ in 0..ROUNDS {
                for q in *queries {
                    let t = Instant::now();
                    let r = index.search(q, &[], 0, 10);
                    times.push(t.elapsed());
                    std::hint::black_box(r);
                }
            }
            times.sort();
            times
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn gzip(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("in-memory write");
    enc.finish().expect("in-memory gzip").len()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn mb(n: usize) -> String {
    format!("{:.2} MB", n as f64 / 1_000_000.0)
}

/// Gzip bytes a cold query loads with facets and its hits' documents,
/// the root included, and the rounds of fetching it takes.
fn cold(files: &HashMap<Part, (Vec<u8>, usize)>, query: &str) -> (usize, usize) {
    let (root, root_gz) = &files[&Part::Root];
    let mut index = Index::from_root(root).expect("decodes");
    let mut bytes = *root_gz;
    let (_, rounds) = index
        .search_loading(query, &[], (0, 10), |part| {
            let (file, gz) = files.get(&part)?;
            bytes += gz;
            Some(file.as_slice())
        })
        .expect("decodes");
    assert!(index.take_missing().is_empty(), "{query:?} misses parts");
    (bytes, rounds)
}

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let (site, bundled) = newsroom_corpus::bundled();
    let mut failures = Vec::new();
    println!(
        "| articles | build | files | all gzip | query kind | p50 | p95 | max | cold gzip p50 | cold gzip max | rounds max |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for n in SIZES {
        let mut news = bundled.clone();
        news.articles
            .extend(newsroom_corpus::generate(&site, n, 2026).articles);
        let docs = documents(&site, &news);
        let start = Instant::now();
        let built = build(&docs);
        let build_time = start.elapsed();
        let index = Index::from_files(&built.files).expect("decodes");
        let files: HashMap<Part, (Vec<u8>, usize)> = built
            .files
            .iter()
            .map(|(part, bytes)| (*part, (bytes.clone(), gzip(bytes))))
            .collect();
        let all_gz: usize = files.values().map(|(_, gz)| gz).sum();
        // Three passes; the one with the median p95 is reported, so a burst
        // of noise on a shared machine neither fails nor flatters a run.
        let mut passes: Vec<Vec<Vec<Duration>>> =
            (0..PASSES).map(|_| time_queries(&index)).collect();
        passes.sort_by_key(|kinds| {
            let mut all: Vec<Duration> = kinds.iter().flatten().copied().collect();
            all.sort();
            percentile(&all, 0.95)
        });
        let median = passes.swap_remove(PASSES / 2);
        let mut all = Vec::new();
        let mut all_cold = Vec::new();
        for ((kind, queries), times) in QUERIES.iter().zip(median) {
            let mut colds: Vec<(usize, usize)> = queries.iter().map(|q| cold(&files, q)).collect();
            colds.sort();
            let cold_max = colds.last().copied().unwrap_or_default();
            let rounds = colds.iter().map(|c| c.1).max().unwrap_or(0);
            println!(
                "| {n} | {} | {} | {} | {kind} | {} | {} | {} | {:.0} KB | {:.0} KB | {rounds} |",
                ms(build_time),
                files.len(),
                mb(all_gz),
                ms(percentile(&times, 0.5)),
                ms(percentile(&times, 0.95)),
                ms(percentile(&times, 1.0)),
                colds[colds.len() / 2].0 as f64 / 1000.0,
                cold_max.0 as f64 / 1000.0,
            );
            all.extend(times);
            all_cold.extend(colds);
        }
        all.sort();
        all_cold.sort();
        let p95 = percentile(&all, 0.95);
        let cold_max = all_cold.last().map_or(0, |c| c.0);
        println!(
            "| {n} | | | | all queries | {} | {} | {} | {:.0} KB | {:.0} KB | |",
            ms(percentile(&all, 0.5)),
            ms(p95),
            ms(percentile(&all, 1.0)),
            all_cold[all_cold.len() / 2].0 as f64 / 1000.0,
            cold_max as f64 / 1000.0,
        );
        if n == 10_000 {
            if p95 > Duration::from_millis(1) {
                failures.push(format!(
                    "query p95 {} at {n} articles is over 1 ms",
                    ms(p95)
                ));
            }
            if cold_max > 154_000 {
                failures.push(format!(
                    "a cold query at {n} articles loads {:.0} KB gzip, over 154 KB",
                    cold_max as f64 / 1000.0
                ));
            }
        }
    }
    if check && !failures.is_empty() {
        for f in &failures {
            eprintln!("budget exceeded: {f}");
        }
        std::process::exit(1);
    }
}
