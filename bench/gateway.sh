#!/usr/bin/env bash
# LLM gateway overhead: PPT's gateway against LiteLLM's proxy (run on demand, never in the test suite).
#
# One fake OpenAI-compatible provider on loopback (`ppt bench fake-llm`: a fixed 20-piece answer, streamed
# with no delays, so whatever a gateway adds is not hidden behind model time) is called, in the same run:
#   - direct:  load client -> fake provider;
#   - PPT:     load client -> `ppt serve api` POST /api/v1/orgs/{org}/llm/chat/completions -> fake provider
#              (the platform default provider from PPT_LLM_*; PPT authenticates the bearer token, resolves the
#              org's provider, streams the chunks through and records the call in its usage ledger);
#   - LiteLLM: load client -> LiteLLM proxy (PyPI, uvicorn + uvloop, one worker, no database, so no spend
#              logs and no virtual keys) POST /v1/chat/completions -> fake provider.
# Each request is `stream: true` with `stream_options.include_usage`. `ppt bench load` measures time to the
# first content delta (TTFT) and to `data: [DONE]` for concurrency 1 (sequential: latency), 100 and 500
# (throughput), and the table shows what each gateway adds to the direct figures, the ratio LiteLLM-added /
# PPT-added, and peak resident memory (VmHWM after the 500 run; the gateways run for the whole benchmark).
#
# Pinning on 2 cores: the gateway under test (PPT, then LiteLLM; both started once, the idle one paused
# with SIGSTOP while the other is measured) gets core 1 to itself; the fake provider and the load client share core 0. A gateway
# then competes with neither the client nor the upstream for CPU, and the direct baseline runs on the
# same core 0 as in the gateway runs, so "added" is the gateway's own cost (plus one more loopback hop).
# LiteLLM is one Python process, so one core is all it can use anyway; PPT gets the same single core.
#
# Usage: bench/gateway.sh [requests]   requests per run at concurrency 100 and 500 (default 3000); the
#        sequential run sends 300 after a warm-up of 30. Installs LiteLLM into a virtualenv under
#        ${XDG_CACHE_HOME:-~/.cache}/ppt-bench when missing. PPT_BENCH_SIDES="direct ppt litellm" (default)
#        selects the sides to measure.
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-3000}
sides=${PPT_BENCH_SIDES:-direct ppt litellm}
fake_port=18680; ppt_port=18681; litellm_port=18682
model=fake

# 500 streams through a gateway need about 1,000 descriptors in it and 500 in the load client.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
export SWIFT_DETERMINISTIC_HASHING=1
swift build -c release --product ppt >/dev/null
bin=$(swift build -c release --show-bin-path)/ppt

cache=${XDG_CACHE_HOME:-$HOME/.cache}/ppt-bench
venv=$cache/litellm-venv
if [[ " $sides " == *" litellm "* && ! -x "$venv/bin/litellm" ]]; then
  echo "Installing litellm[proxy] into $venv ..." >&2
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  "$venv/bin/pip" install -q "litellm[proxy]"
fi

work=$(mktemp -d /tmp/ppt-bench-gateway.XXXXXX)
pids=()
running() { local state; state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [[ $state != Z ]]; }
cleanup() {
  local pid alive
  for pid in "${pids[@]}"; do kill -CONT "$pid" 2>/dev/null || true; pkill -CONT -P "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 100); do # up to 10 s for a graceful stop, then SIGKILL
    alive=0; for pid in "${pids[@]}"; do running "$pid" && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() { # url seconds log
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if ((SECONDS > deadline)); then echo "Not ready after $2 s: $1; last log lines:" >&2; tail -20 "$3" >&2; exit 1; fi
    sleep 0.1
  done
}
hwm_mb() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

taskset -c 0 "$bin" bench fake-llm --port $fake_port --pieces 20 --model $model >"$work/fake.log" 2>&1 &
fake_pid=$!; pids+=("$fake_pid")
wait_http "http://127.0.0.1:$fake_port/v1/models" 10 "$work/fake.log"

if [[ " $sides " == *" ppt "* ]]; then
  "$bin" seed --demo --data-dir "$work/data" >/dev/null
  PPT_LLM_PROVIDER=openai_compatible PPT_LLM_MODEL=$model PPT_LLM_BASE_URL="http://127.0.0.1:$fake_port/v1" \
    PPT_LOG_LEVEL=warning taskset -c 1 "$bin" serve api --data-dir "$work/data" --port $ppt_port >"$work/ppt.log" 2>&1 &
  ppt_pid=$!; pids+=("$ppt_pid")
  wait_http "http://127.0.0.1:$ppt_port/health/ready" 30 "$work/ppt.log"
fi

if [[ " $sides " == *" litellm "* ]]; then
  cat >"$work/litellm.yaml" <<YAML
model_list:
  - model_name: $model
    litellm_params:
      model: openai/$model
      api_base: http://127.0.0.1:$fake_port/v1
      api_key: x
YAML
  # No master key and no database: the proxy's cheapest configuration. LITELLM_LOG=ERROR also turns off
  # uvicorn's per-request access log, as PPT_LOG_LEVEL=warning does for PPT.
  LITELLM_LOCAL_MODEL_COST_MAP=True LITELLM_DANGEROUSLY_PERMIT_WEAK_OR_UNSET_MASTER_KEY=true LITELLM_LOG=ERROR \
    taskset -c 1 "$venv/bin/litellm" --config "$work/litellm.yaml" --host 127.0.0.1 --port $litellm_port \
    >"$work/litellm.log" 2>&1 &
  litellm_pid=$!; pids+=("$litellm_pid")
  wait_http "http://127.0.0.1:$litellm_port/health/liveliness" 90 "$work/litellm.log"
fi

body="{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"When is the annual meeting?\"}],"
body+="\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":64}"

# A fresh access token and the manager's organization (tokens live 15 minutes; one login per PPT run).
ppt_login() {
  token=$(curl -fsS "http://127.0.0.1:$ppt_port/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"manager@demo.ppt.sk","password":"Manager-demo-2026"}' \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["accessToken"])')
  org=$(curl -fsS "http://127.0.0.1:$ppt_port/api/v1/me" -H "authorization: Bearer $token" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["memberships"][0]["organization"]["id"])')
}

# side -> URL and extra headers for the load client.
target() {
  case $1 in
    direct) url="http://127.0.0.1:$fake_port/v1/chat/completions"; headers=() ;;
    ppt) ppt_login; url="http://127.0.0.1:$ppt_port/api/v1/orgs/$org/llm/chat/completions"
         headers=(--header "authorization: Bearer $token") ;;
    litellm) url="http://127.0.0.1:$litellm_port/v1/chat/completions"; headers=(--header "authorization: Bearer x") ;;
  esac
}

# One streamed request per side before measuring: it must answer 200 and reach [DONE] with content.
for side in $sides; do
  target "$side"
  if ! "$bin" bench load --url "$url" "${headers[@]}" --body "$body" --requests 1 >/dev/null 2>"$work/load.err"; then
    echo "Smoke test of the $side side failed ($url):" >&2; cat "$work/load.err" >&2; exit 1
  fi
done

results=$work/results.jsonl
# Only the side being measured runs: the idle gateway is paused (SIGSTOP, children too), so its timers
# and housekeeping do not share core 1 with the gateway under test (an idle LiteLLM process next to PPT
# moved PPT's sequential p50 by up to 0.2 ms between runs).
only() { # side (direct: both gateways paused; all: every one resumed)
  local other pid sig
  for other in ppt litellm; do
    pid=""
    [[ $other == ppt ]] && pid=${ppt_pid:-}
    [[ $other == litellm ]] && pid=${litellm_pid:-}
    [[ -n "$pid" ]] || continue
    if [[ $1 == all || $1 == "$other" ]]; then sig=CONT; else sig=STOP; fi
    kill -$sig "$pid" 2>/dev/null || true
    pkill -$sig -P "$pid" 2>/dev/null || true
  done
}
measure() { # concurrency requests warmup
  for side in $sides; do
    only "$side"
    target "$side"
    line=$(taskset -c 0 "$bin" bench load --url "$url" "${headers[@]}" --body "$body" \
      --concurrency "$1" --requests "$2" --warmup "$3" --timeout 300 2>"$work/load.err") || true
    [[ -n "$line" ]] || { echo "Load client failed ($side, c=$1):" >&2; cat "$work/load.err" >&2; exit 1; }
    [[ -s "$work/load.err" ]] && { echo "$side c=$1:" >&2; cat "$work/load.err" >&2; }
    echo "{\"side\":\"$side\",\"concurrency\":$1,\"result\":$line}" >>"$results"
    echo "  $side c=$1: $line" >&2
  done
}
started=$SECONDS
measure 1 300 30
measure 100 "$requests" 200
measure 500 "$requests" 500
only all

mem="{\"fake\":$(hwm_mb "$fake_pid")"
[[ -n "${ppt_pid:-}" ]] && mem+=",\"ppt\":$(hwm_mb "$ppt_pid")"
[[ -n "${litellm_pid:-}" ]] && mem+=",\"litellm\":$(hwm_mb "$litellm_pid")"
mem+="}"
litellm_version=$([[ -x "$venv/bin/pip" ]] && "$venv/bin/pip" show litellm 2>/dev/null | awk '/^Version/ {print $2}' || true)

python3 - "$results" "$mem" "$((SECONDS - started))" "${litellm_version:-?}" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
mem, seconds, version = json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
by = {(r["side"], r["concurrency"]): r["result"] for r in rows}
sides = [s for s in ("direct", "ppt", "litellm") if any(k[0] == s for k in by)]
names = {"direct": "direct", "ppt": "PPT", "litellm": "LiteLLM", "fake": "fake provider"}
keys = ("p50_ms", "p99_ms", "ttft_p50_ms", "ttft_p99_ms")
num = lambda v: "-" if v is None else f"{v:.3f}"

def added(side, c):
    r, d = by.get((side, c)), by.get(("direct", c))
    if r is None or d is None or any(r[k] is None or d[k] is None for k in keys): return None
    return {k: r[k] - d[k] for k in keys}

def ratio(a, b):  # LiteLLM-added / PPT-added
    return "-" if a is None or b is None else ("inf" if b <= 0 else f"{a / b:.1f}x")

print(f"LLM gateway benchmark: streamed chat completions (20 content chunks + usage), LiteLLM {version}, "
      f"measured in {seconds} s")
print("pinning: fake provider + load client on core 0, gateway under test on core 1; times in ms")
for c in sorted({k[1] for k in by}):
    print(f"\nconcurrency {c}" + (" (sequential)" if c == 1 else ""))
    print(f"  {'':<22}{'requests':>9}{'errors':>7}{'p50':>11}{'p99':>11}{'TTFT p50':>11}{'TTFT p99':>11}{'req/s':>9}")
    for s in sides:
        r = by.get((s, c))
        if r is None: continue
        print(f"  {names[s]:<22}{r['requests']:>9}{r['errors']:>7}" + "".join(f"{num(r[k]):>11}" for k in keys)
              + f"{r['throughput_rps']:>9.1f}")
    for s in ("ppt", "litellm"):
        a = added(s, c)
        if a is None: continue
        share = 100 * by[(s, c)]["throughput_rps"] / by[("direct", c)]["throughput_rps"]
        print(f"  {'added by ' + names[s]:<38}" + "".join(f"{num(a[k]):>11}" for k in keys) + f"{share:>8.0f}%")
    p, l = added("ppt", c), added("litellm", c)
    if p and l:
        print(f"  {'LiteLLM-added / PPT-added':<38}" + "".join(f"{ratio(l[k], p[k]):>11}" for k in keys))
print("\n(req/s of an 'added by' row: that gateway's throughput as a share of direct. At 100 and 500 streams"
      "\n every side is saturated, so latency there is mostly queueing behind its throughput; an 'added' TTFT"
      "\n can be negative because the direct run loads core 0, shared by client and provider, hardest.)")
print("peak resident memory (VmHWM after the 500-stream run): "
      + ", ".join(f"{names.get(k, k)} {v:.1f} MB" for k, v in mem.items()))
p1, l1 = added("ppt", 1), added("litellm", 1)
if p1:
    verdict = lambda ok: "ok" if ok else "MISSED"
    print(f"goals: PPT added p50 {p1['p50_ms']:.3f} ms <= 1 ({verdict(p1['p50_ms'] <= 1)}), "
          f"p99 {p1['p99_ms']:.3f} ms <= 5 ({verdict(p1['p99_ms'] <= 5)})", end="")
    if l1:
        r50 = l1["p50_ms"] / p1["p50_ms"] if p1["p50_ms"] > 0 else float("inf")
        print(f"; LiteLLM-added / PPT-added p50 {r50:.1f}x >= 10 ({verdict(r50 >= 10)})", end="")
    if "ppt" in mem:
        print(f"; PPT peak memory {mem['ppt']:.1f} MB <= 250 ({verdict(mem['ppt'] <= 250)})", end="")
    print()
failed = [f"{names[k[0]]} at {k[1]}: {r['errors']}" for k, r in sorted(by.items()) if r["errors"]]
if failed: print("WARNING: failed requests (" + "; ".join(failed) + "); see the load client's messages above")
print("per request, PPT records a usage-ledger entry; LiteLLM, without a database, records no spend logs")
PY
