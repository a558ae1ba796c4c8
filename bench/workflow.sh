#!/usr/bin/env bash
# Workflow engine throughput, latency and worker memory (run on demand, never in the test suite).
#
# `ppt bench workflow` measures, with worker processes of the release binary against one database:
#   reference   N trivial jobs enqueued, then drained by the workers (the bare job queue);
#   throughput  N fault_created events written to the outbox, drained as runs of a two-step workflow
#               (a condition and an in-app notification), every transition persisted;
#   latency     events written at a steady rate while the workers run: event → notification p50/p95;
#   memory      the workers' resident set sampled through the throughput phase.
# on SQLite with one worker process, then on PostgreSQL with one and with two worker processes.
#
# Usage: bench/workflow.sh [events]   events per throughput phase (default 10000; 100000 for the memory check)
#   PPT_BENCH_POSTGRES=0   SQLite only.   PPT_BENCH_DEBUG=1   the debug build (slower figures).
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-10000}
export SWIFT_DETERMINISTIC_HASHING=1
configuration=release
[ "${PPT_BENCH_DEBUG:-0}" = 1 ] && configuration=debug
# Other builds may share this working tree; the lock keeps them from running at the same time.
flock /tmp/ppt-build.lock swift build -c "$configuration" --product ppt >/dev/null
bin=$(swift build -c "$configuration" --show-bin-path 2>/dev/null)/ppt

work=$(mktemp -d /tmp/ppt-bench-workflow.XXXXXX)
pgdir=""
cleanup() {
  [[ -n "$pgdir" ]] && scripts/postgres-down.sh "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$work" ${pgdir:+"$pgdir"}
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== SQLite, 1 worker process (build: $configuration)"
"$bin" bench workflow --data-dir "$work/sqlite" --events "$events" --workers 1

if [[ ${PPT_BENCH_POSTGRES:-1} != 0 ]] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  pgdir=$(mktemp -d /tmp/ppt-bench-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_url=$(scripts/postgres-up.sh "$pgdir" "$port")
  for workers in 1 2; do
    echo "== PostgreSQL, $workers worker process(es)"
    "$bin" bench workflow --data-dir "$work/pg$workers" --database-url "$pg_url" --events "$events" --workers "$workers"
  done
fi
