# Sourced by the other scripts: where the pinned tools live and the PATH
# that finds them. Tools are kept outside the clone so a fresh clone on the
# same machine does not rebuild them.
NEWSROOM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NEWSROOM_TOOLS="${NEWSROOM_TOOLS:-$HOME/.cache/newsroom-tools}"
TRUNK_VERSION="0.22.1"
# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$NEWSROOM_ROOT/Cargo.lock")"
export PATH="$NEWSROOM_TOOLS/trunk-$TRUNK_VERSION/bin:$NEWSROOM_TOOLS/wasm-bindgen-$WASM_BINDGEN_VERSION/bin:$NEWSROOM_ROOT/node_modules/.bin:$PATH"
