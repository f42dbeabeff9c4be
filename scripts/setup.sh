#!/usr/bin/env bash
# Installs everything building and testing need, each only when missing:
# the wasm target, trunk, wasm-bindgen-cli, npm packages (wasm-opt,
# playwright-core) and, with --browser, what the browser tests drive:
# Debian's chromium and chromedriver, and nginx with the brotli_static
# module (the shipped deploy/nginx.conf is tested on it).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$NEWSROOM_ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# rust-toolchain.toml names the toolchain and target; rustup installs them on
# first use, this makes sure the target is there.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 11 minutes, once per machine)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --ignore-rust-version \
    --root "$NEWSROOM_TOOLS/trunk-$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once per machine)"
  # --locked fails here on a dependency version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    --root "$NEWSROOM_TOOLS/wasm-bindgen-$WASM_BINDGEN_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ] && ! { command -v chromium && command -v chromedriver && command -v nginx \
  && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; } >/dev/null 2>&1; then
  say "installing chromium, chromedriver and nginx from Debian"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver \
    nginx-light libnginx-mod-http-brotli-static
fi
