#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:8080 (deep links work:
# trunk serve answers unknown paths with the app). Extra arguments go to
# trunk, e.g. --port 9000.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$NEWSROOM_ROOT/scripts/setup.sh"
cd "$NEWSROOM_ROOT"
exec trunk serve --release "$@"
