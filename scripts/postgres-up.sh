#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback for the tests and prints its URL.
# Usage: scripts/postgres-up.sh DIR PORT   (stop with: scripts/postgres-down.sh DIR)
set -euo pipefail
dir=$1
port=$2
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
mkdir -p "$dir"
run_as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  run_as_pg "'$bindir/initdb' -D '$dir/data' -U ppt --auth=trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"
fi
# max_connections also sizes PostgreSQL's table of serializable transactions (ten per connection):
# hundreds of test databases migrating and working at once fill a smaller one, and then PostgreSQL
# folds old transactions together and reports serialization failures that no retry resolves.
run_as_pg "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-k '$dir' -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000\" start >/dev/null"
echo "postgres://ppt@127.0.0.1:$port/postgres"
