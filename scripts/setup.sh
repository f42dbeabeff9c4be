#!/usr/bin/env bash
# Installs everything building and testing need, each only when missing:
# the wasm target, trunk, wasm-bindgen-cli, npm packages (wasm-opt,
# playwright-core) and, with --browser, what the browser tests drive:
# Debian's chromium and chromedriver, and nginx with the brotli_static
# and brotli filter modules (the shipped deploy/nginx.conf is tested on it).
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

# trunk and wasm-bindgen-cli are compiled once per machine, side by side,
# unoptimized: opt-level 0 compiled both in 8 minutes here against about 19
# at opt-level 1, and they still take about a second per build (the app's
# own compile is what a build waits for). Each logs to its own file, and a
# failure shows its log.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=false
logs="$NEWSROOM_TOOLS/logs"
building=()
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "compiling trunk $TRUNK_VERSION (once per machine)"
  mkdir -p "$logs"
  cargo install --locked trunk --version "$TRUNK_VERSION" --ignore-rust-version \
    --root "$NEWSROOM_TOOLS/trunk-$TRUNK_VERSION" >"$logs/trunk.log" 2>&1 &
  building+=("$!:trunk")
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "compiling wasm-bindgen-cli $WASM_BINDGEN_VERSION (once per machine)"
  mkdir -p "$logs"
  # --locked fails here on a dependency version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    --root "$NEWSROOM_TOOLS/wasm-bindgen-$WASM_BINDGEN_VERSION" >"$logs/wasm-bindgen.log" 2>&1 &
  building+=("$!:wasm-bindgen")
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ] && ! { command -v chromium && command -v chromedriver && command -v nginx \
  && [ -x /usr/bin/time ] \
  && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
  && [ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ]; } >/dev/null 2>&1; then
  say "installing chromium, chromedriver, nginx and time from Debian"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver \
    nginx-light libnginx-mod-http-brotli-static libnginx-mod-http-brotli-filter time
fi

for job in "${building[@]}"; do
  name="${job#*:}"
  if ! wait "${job%%:*}"; then
    tail -n 30 "$logs/$name.log" >&2
    say "compiling $name failed (log: $logs/$name.log)"
    exit 1
  fi
  say "$name is ready"
done
