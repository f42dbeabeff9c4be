//! Writes a synthetic archive: `newsroom-corpus <articles> <out-dir> [seed]`.
//! The site file is the bundled one; news.json holds the bundled articles
//! followed by the generated ones.

use std::path::PathBuf;
use std::process::ExitCode;

use newsroom_content::parse::{SITE_SOURCE, parse_news, parse_site};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: newsroom-corpus <articles> <out-dir> [seed]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2026);
    match run(n, PathBuf::from(out), seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsroom-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(n: usize, out: PathBuf, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    let site_text = std::fs::read_to_string("content/site.json")?;
    let site = parse_site(SITE_SOURCE, &site_text)?;
    let mut news = parse_news(&std::fs::read_to_string("content/news.json")?)?;
    news.articles
        .extend(newsroom_corpus::generate(&site, n, seed).articles);
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("site.json"), site_text)?;
    std::fs::write(out.join("news.json"), serde_json::to_string(&news)?)?;
    println!(
        "wrote {} articles to {}",
        news.articles.len(),
        out.display()
    );
    Ok(())
}
