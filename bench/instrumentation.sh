#!/usr/bin/env bash
# Instrumentation overhead and health latency (run on demand, never in the test suite).
#
# In one run, against the same release binary and warm SQLite data directory:
#   - throughput of a simple authenticated read (GET one building; server pinned to core 1, wrk to
#     core 0) with per-request tracing, request metrics and query timings on (the default) and off
#     (PPT_REQUEST_INSTRUMENTATION=false), in alternating rounds (on, off, on, off, ...): on this
#     machine a single round moves by about ±5 %, so the figure is the mean over the rounds;
#   - p95 latency of /health/ready against /health/live as the reference;
#   - the instrumentation's own work for such a request (a server span, two query spans and their
#     metrics) timed in process by `ppt bench instrumentation`, against the same loop without it.
# Usage: bench/instrumentation.sh [seconds per run] [rounds]   (installs Debian's wrk when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-5}
rounds=${2:-6}
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
export SWIFT_DETERMINISTIC_HASHING=1
swift build -c release --product ppt >/dev/null
bin=$(swift build -c release --show-bin-path)/ppt
data=$(mktemp -d /tmp/ppt-bench-instr.XXXXXX)
lua=$(mktemp /tmp/ppt-bench-XXXXXX.lua)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$data" "$lua"' EXIT
port=18580
cat > "$lua" <<'LUA'
done = function(summary, latency, requests)
  -- A failing request (an expired token, a server error) must not pass for a fast one.
  if summary.errors.status > 0 then io.write(string.format("FAILED %d non-2xx responses\n", summary.errors.status)) end
  io.write(string.format("RESULT %.1f %.3f\n", summary.requests / (summary.duration / 1e6), latency:percentile(95) / 1000))
end
LUA

# The server and the load generator get one core each, so they do not steal time from each other:
# without this, round-to-round noise on 2 cores was about ±10 %.
start() {
  PPT_REQUEST_INSTRUMENTATION=$1 PPT_LOG_LEVEL=warning taskset -c 1 "$bin" serve api --data-dir "$data" --port $port \
    >/dev/null 2>&1 &
  pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; do sleep 0.05; done
}
stop() { kill -INT "$pid"; wait "$pid" || true; }

"$bin" seed --demo --data-dir "$data" >/dev/null
start true
token=$(curl -s "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"manager@demo.ppt.sk","password":"Manager-demo-2026"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["accessToken"])')
org=$(curl -s "http://127.0.0.1:$port/api/v1/me" -H "authorization: Bearer $token" \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["memberships"][0]["organization"]["id"])')
building=$(curl -s "http://127.0.0.1:$port/api/v1/orgs/$org/buildings?limit=1" -H "authorization: Bearer $token" \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')
stop
url="http://127.0.0.1:$port/api/v1/orgs/$org/buildings/$building"

# A second of the same load first, unmeasured, in both modes: connections, caches and metric series
# are warm before the measured run.
measure() {
  taskset -c 0 wrk -t1 -c32 -d1s -H "authorization: Bearer $token" "$1" >/dev/null
  local out
  out=$(taskset -c 0 wrk -t1 -c32 -d"${secs}s" -s "$lua" -H "authorization: Bearer $token" "$1")
  if grep -q '^FAILED' <<<"$out"; then echo "$1: $(grep '^FAILED' <<<"$out")" >&2; exit 1; fi
  awk '/^RESULT/ {print $2, $3}' <<<"$out"
}

on=(); off=()
for round in $(seq "$rounds"); do
  start true;  on+=("$(measure "$url")");  stop
  start false; off+=("$(measure "$url")"); stop
done
start true
ready=$(measure "http://127.0.0.1:$port/health/ready")
live=$(measure "http://127.0.0.1:$port/health/live")
stop

direct=$(taskset -c 1 "$bin" bench instrumentation --queries 2 --rounds 3 | tail -1)

python3 - "$secs" "${on[@]}" -- "${off[@]}" -- "$ready" "$live" <<'PY'
import statistics, sys
args = sys.argv[2:]
i = args.index("--"); on = args[:i]; rest = args[i + 1:]
j = rest.index("--"); off = rest[:j]; ready, live = rest[j + 1:]
rps = lambda xs: sum(float(x.split()[0]) for x in xs) / len(xs)
on_rps, off_rps = rps(on), rps(off)
each = lambda xs: ", ".join(f"{float(x.split()[0]):.0f}" for x in xs)
print(f"GET one building, 32 connections, {sys.argv[1]} s x {len(on)} rounds each:")
print(f"  instrumentation on:  {on_rps:9.0f} req/s   rounds: {each(on)}")
print(f"  instrumentation off: {off_rps:9.0f} req/s   rounds: {each(off)}   (reference)")
print(f"  throughput cost: {100 * (1 - on_rps / off_rps):.1f} %  = {1e6 / on_rps - 1e6 / off_rps:.1f} us per request   (goal <= 5 %)")
pairs = [100 * (1 - float(a.split()[0]) / float(b.split()[0])) for a, b in zip(on, off)]
print(f"  per round pair: {', '.join(f'{p:.1f} %' for p in pairs)}; median {statistics.median(pairs):.1f} %")
r_p95, l_p95 = float(ready.split()[1]), float(live.split()[1])
print(f"/health/ready p95: {r_p95:.2f} ms; reference /health/live p95: {l_p95:.2f} ms; ratio {r_p95 / l_p95:.1f}x (goal <= 20 ms)")
PY
echo "In process, one request with two queries (last of 3 rounds): ${direct#round 3: }"
