#!/usr/bin/env bash
# Document search benchmark (run on demand, never in the test suite).
#
# In one run, with the same release binary:
#   - ingestion: a generated 100-page PDF indexed end to end by DocumentIndexer (pdftotext, language
#     detection, chunking, built-in embeddings through the LLM gateway, storing chunks and access keys) on
#     SQLite, median of 3, against `pdftotext` alone on the same file as the reference;
#   - retrieval: `ppt bench search` on a generated corpus of 10k and 100k chunks (Slovak and English
#     property-management text, Zipf-distributed words, documents under organization / building / unit /
#     roles / users / staff access), on SQLite and on PostgreSQL: p50/p95 of permission-filtered hybrid
#     search as the tenant (DocumentSearch as the API runs it) beside the bare full-text query on the same
#     data and terms as the reference, the in-memory full-text ranking with and without the filter, a search
#     right after a document was stored (the in-memory indexes update first), a per-stage breakdown, and
#     the process's peak memory against the size of the in-memory indexes.
# Each size and engine runs in its own process, so peak memory is that corpus's alone.
#
# Usage: bench/search.sh [queries]   measured queries per run (default 300, after 30 warm-up ones).
#   PPT_BENCH_SIZES="10000 100000"   corpus sizes in chunks
#   PPT_BENCH_POSTGRES_URL=postgres://user@host:port/db   use this server (a database is created and dropped);
#     otherwise a throwaway server is started with scripts/postgres-up.sh when PostgreSQL is installed.
#   PPT_BENCH_POSTGRES=0             SQLite only.
set -euo pipefail
cd "$(dirname "$0")/.."
queries=${1:-300}
sizes=${PPT_BENCH_SIZES:-10000 100000}
export SWIFT_DETERMINISTIC_HASHING=1
# Other builds may share this working tree; the lock keeps them from running at the same time.
flock /tmp/ppt-build.lock swift build -c release --product ppt >/dev/null
bin=$(swift build -c release --show-bin-path 2>/dev/null)/ppt
command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext (poppler-utils) is required" >&2; exit 1; }

work=$(mktemp -d /tmp/ppt-bench-search.XXXXXX)
pgdir=""
cleanup() {
  [[ -n "$pgdir" ]] && scripts/postgres-down.sh "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$work" ${pgdir:+"$pgdir"}
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_url=""
if [[ ${PPT_BENCH_POSTGRES:-1} != 0 ]]; then
  if [[ -n ${PPT_BENCH_POSTGRES_URL:-} ]]; then
    pg_url=$PPT_BENCH_POSTGRES_URL
  elif ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    pgdir=$(mktemp -d /tmp/ppt-bench-pg.XXXXXX)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    pg_url=$(scripts/postgres-up.sh "$pgdir" "$port")
  else
    echo "PostgreSQL is not installed and PPT_BENCH_POSTGRES_URL is not set: SQLite only." >&2
  fi
fi

results=$work/results.jsonl
started=$SECONDS
echo "==> ingest" >&2
"$bin" bench ingest --pages 100 --runs 3 >"$work/ingest.json"
engines=(sqlite)
[[ -n "$pg_url" ]] && engines+=(postgres)
for engine in "${engines[@]}"; do
  for size in $sizes; do
    echo "==> search: $size chunks on $engine" >&2
    args=(bench search --chunks "$size" --queries "$queries")
    [[ $engine == postgres ]] && args+=(--database-url "$pg_url")
    "$bin" "${args[@]}" >>"$results"
  done
done

python3 - "$work/ingest.json" "$results" "$((SECONDS - started))" <<'PY'
import json, sys
ingest = json.load(open(sys.argv[1]))
rows = [json.loads(line) for line in open(sys.argv[2]) if line.strip()]
seconds = sys.argv[3]
ok = lambda good: "ok" if good else "MISSED"
print(f"\nDocument search benchmark, measured in {seconds} s (times in ms unless noted)")
print(f"\ningestion of a {ingest['pages']}-page PDF ({ingest['bytes'] // 1024} KiB, {ingest['chunks']} chunks) on "
      f"{ingest['engine']}: median {ingest['medianSeconds']:.3f} s of {len(ingest['runs'])}; reference pdftotext alone "
      f"{ingest['pdftotextMedianSeconds']:.3f} s; ratio {ingest['ratio']:.1f}x")
print("  stages: " + ", ".join(f"{k} {v:.3f} s" for k, v in sorted(ingest["stages"].items(), key=lambda kv: -kv[1])))
print(f"\n{'engine':<9}{'chunks':>8}{'readable':>9}{'hybrid p50':>11}{'p95':>8}{'memFT p95':>10}{'memBare p95':>12}"
      f"{'dbFT p95':>9}{'dbBare p50':>11}{'p95':>8}{'ratio':>7}{'changed p95':>12}{'build s':>8}{'peak MB':>9}"
      f"{'index MB':>9}{'beyond':>8}{'heap MB':>8}{'load s':>8}")
for r in rows:
    m = r["memory"]
    print(f"{r['engine']:<9}{r['chunks']:>8}{100 * r['readableChunks'] / r['chunks']:>8.0f}%"
          f"{r['hybrid']['p50']:>11.2f}{r['hybrid']['p95']:>8.2f}{r['filteredFullText']['p95']:>10.2f}"
          f"{r['memoryBareFullText']['p95']:>12.2f}{r['databaseFilteredFullText']['p95']:>9.2f}"
          f"{r['bareFullText']['p50']:>11.2f}{r['bareFullText']['p95']:>8.2f}{r['ratioP95']:>6.2f}x"
          f"{r['afterChange']['p95']:>12.2f}{r['textIndexBuildSeconds']:>8.2f}"
          f"{m['end']['peakMB']:>9.0f}{r['indexMB']:>9.1f}{m['end']['peakMB'] - r['indexMB']:>8.0f}"
          f"{m['end'].get('anonymousMB', 0):>8.0f}{r['generationSeconds']:>8.1f}")
print("(memFT / memBare: the in-memory full-text ranking with / without the access filter; dbFT / dbBare: the\n"
      " database's full-text query (FTS5 / tsvector) with / without it, dbBare being the reference; ratio: p95\n"
      " hybrid / p95 dbBare; changed p95: a search right after another document was stored, which brings both\n"
      " in-memory indexes up to date first; build s: a whole build of the full-text index in the background;\n"
      " peak MB: VmHWM after all queries; index MB: vectors plus full-text index; beyond: peak minus the index;\n"
      " heap MB: RssAnon at the end, without the mapped database file's pages; load s: generating and storing\n"
      " the corpus, not part of any figure)")
for r in rows:
    slow = sorted(r["stages"], key=lambda s: -s["latency"]["p95"])[:3]
    print(f"  {r['engine']} {r['chunks']}: slowest stages by p95: "
          + "; ".join(f"{s['stage']} {s['latency']['p95']:.2f}" for s in slow))
largest = {}
for r in rows:
    if r["chunks"] >= largest.get(r["engine"], {"chunks": -1})["chunks"]: largest[r["engine"]] = r
goals = [f"ingest {ingest['medianSeconds']:.2f} s <= 3 ({ok(ingest['medianSeconds'] <= 3)})"]
for engine, r in largest.items():
    goals.append(f"{engine} {r['chunks']}: p95 {r['hybrid']['p95']:.2f} ms <= 20 ({ok(r['hybrid']['p95'] <= 20)}), "
                 f"ratio {r['ratioP95']:.2f}x <= 2 ({ok(r['ratioP95'] <= 2)})")
    smallest = min((x for x in rows if x["engine"] == engine), key=lambda x: x["chunks"])
    if smallest is not r:
        beyond = lambda x: x["memory"]["end"]["peakMB"] - x["indexMB"]
        heap = lambda x: x["memory"]["end"].get("anonymousMB", 0) - x["indexMB"]
        goals.append(f"{engine} memory beyond the index grows {beyond(r) - beyond(smallest):.0f} MB (peak RSS) / "
                     f"{heap(r) - heap(smallest):.0f} MB (heap at the end) from {smallest['chunks']} to "
                     f"{r['chunks']} chunks")
print("goals: " + "; ".join(goals))
PY
