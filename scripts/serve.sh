#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:8080 (deep links work:
# trunk serve answers unknown paths with the app). Code edits rebuild the
# app (trunk); content edits (NEWSROOM_CONTENT, else content/) are
# published into the served site in seconds by scripts/live-content.mjs.
# Extra arguments go to trunk, e.g. --port 9000.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$NEWSROOM_ROOT/scripts/setup.sh"
cd "$NEWSROOM_ROOT"
# The folder trunk serves and its base, as the arguments may set them.
dist="$NEWSROOM_ROOT/dist"
base="/"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --dist) dist="${args[i + 1]:-$dist}" ;;
    --dist=*) dist="${args[i]#--dist=}" ;;
    --public-url) base="${args[i + 1]:-$base}" ;;
    --public-url=*) base="${args[i]#--public-url=}" ;;
  esac
done
node scripts/live-content.mjs "${NEWSROOM_CONTENT:-$NEWSROOM_ROOT/content}" "$dist" "$base" &
live=$!
trap 'kill "$live" 2>/dev/null' EXIT
trunk serve --release "$@"
