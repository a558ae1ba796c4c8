#!/usr/bin/env bash
# Start-up and idle-memory benchmark for `ppt serve --demo` (run on demand, never in the test suite).
#
# Measures, in one run and on one machine:
#   - ready time: from exec to the first 200 of /health/ready, on a warm data directory (demo already
#     seeded, migrations applied), median of N starts;
#   - the reference: from exec to exit of `ppt --help` (loading the same binary, doing nothing);
#   - idle resident memory (VmRSS) 5 s after ready, against `python3 -m http.server` idle as reference.
# Usage: bench/startup.sh [runs]   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
export SWIFT_DETERMINISTIC_HASHING=1
swift build -c release --product ppt >/dev/null
bin=$(swift build -c release --show-bin-path)/ppt
data=$(mktemp -d /tmp/ppt-bench.XXXXXX)
trap 'rm -rf "$data"' EXIT
port=18480
portal=18481

now_ms() { date +%s%3N; }
wait_ready() {
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; do sleep 0.005; done
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# First start seeds the demo and applies migrations (not measured).
"$bin" serve --demo --data-dir "$data" --port $port --portal-port $portal >/dev/null 2>&1 &
pid=$!; wait_ready; kill -INT $pid; wait $pid || true

ready=(); help=()
for _ in $(seq "$runs"); do
  start=$(now_ms)
  "$bin" serve --data-dir "$data" --port $port --portal-port $portal >/dev/null 2>&1 &
  pid=$!; wait_ready; ready+=($(( $(now_ms) - start )))
  kill -INT $pid; wait $pid || true
  start=$(now_ms); "$bin" --help >/dev/null; help+=($(( $(now_ms) - start )))
done
ready_ms=$(printf '%s\n' "${ready[@]}" | median)
help_ms=$(printf '%s\n' "${help[@]}" | median)

"$bin" serve --data-dir "$data" --port $port --portal-port $portal >/dev/null 2>&1 &
pid=$!; wait_ready; sleep 5; ppt_rss=$(rss_kb $pid); kill -INT $pid; wait $pid || true
python3 -m http.server 18482 --bind 127.0.0.1 >/dev/null 2>&1 &
ref=$!; sleep 2; ref_rss=$(rss_kb $ref); kill $ref; wait $ref 2>/dev/null || true

echo "ppt serve ready (warm, median of $runs): ${ready_ms} ms; reference ppt --help: ${help_ms} ms;" \
  "ratio $(awk -v a="$ready_ms" -v b="$help_ms" 'BEGIN {printf "%.1f", a/b}')x"
echo "idle RSS: ppt $((ppt_rss / 1024)) MB; reference python3 -m http.server $((ref_rss / 1024)) MB;" \
  "ratio $(awk -v a="$ppt_rss" -v b="$ref_rss" 'BEGIN {printf "%.1f", a/b}')x"
