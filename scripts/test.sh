#!/usr/bin/env bash
# Runs every check and test: format, lints (native and wasm), native tests,
# the search benchmark's budget check, the release build with its size
# report, the archive-scale search budgets in the browser, and the browser
# tests in headless Chromium against the built app
# on a local static server.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$NEWSROOM_ROOT/scripts/setup.sh" --browser
cd "$NEWSROOM_ROOT"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native and wasm32)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --locked -p newsroom -- -D warnings

step "native tests (every crate)"
cargo test --workspace --locked

step "search budgets (benchmark on generated archives; fails over budget)"
cargo bench --locked -p newsroom-search --bench search -- --check

step "release build"
trunk build --release --locked
node tests/size-report.mjs dist
node tests/size-guard.mjs dist
# The same app for a host that serves it under /newsroom/.
trunk build --release --locked --public-url /newsroom/ --dist target/dist-subpath

step "search at archive scale (10,000 articles through the built app; fails over budget)"
node tests/bench/search-archive.mjs 10k --check

step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/
