#!/usr/bin/env bash
# Document generation latency on the built-in provider (run on demand, never in the test suite).
#
# `ppt bench generation` seeds the demo into a throw-away SQLite database and, as the demo manager,
# times lease drafts (SK, and bilingual sk/en), listing descriptions in four languages, three
# announcement drafts in two languages and a regenerated PDF summary through the services the API
# calls, each request stored as a generation record. The reference, timed in the same run, is reading
# the demo lease through its repository.
#
# Usage: bench/generation.sh [iterations]   requests per kind (default 100, after 2 warm-up ones).
#   PPT_BENCH_DEBUG=1   use the debug build (no release build needed; slower figures).
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-100}
export SWIFT_DETERMINISTIC_HASHING=1
configuration=release
[ "${PPT_BENCH_DEBUG:-0}" = 1 ] && configuration=debug
# Other builds may share this working tree; the lock keeps them from running at the same time.
flock /tmp/ppt-build.lock swift build -c "$configuration" --product ppt >/dev/null
bin=$(swift build -c "$configuration" --show-bin-path 2>/dev/null)/ppt
echo "build: $configuration"
"$bin" bench generation --iterations "$iterations"
