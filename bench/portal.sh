#!/usr/bin/env bash
# Largest contentful paint of the Reality Portal's search and listing pages in headless Chromium,
# against the listing's cover photo opened on its own, measured in the same run (release build,
# SQLite, the demo seeded). Needs chromium and chromium-driver (scripts/test.sh installs them).
# Usage: bench/portal.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product ppt >/dev/null
bin=$(swift build -c release --show-bin-path)/ppt
data=$(mktemp -d /tmp/ppt-bench-portal.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
PPT_DATA_DIR=$data PPT_PORT=$((port + 1)) PPT_PORTAL_PORT=$port PPT_LOG_LEVEL=warning "$bin" serve --demo >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
python3 bench/portal_lcp.py "http://127.0.0.1:$port" "${1:-15}"
