#!/usr/bin/env bash
# Stops the PostgreSQL started by postgres-up.sh and removes its files.
set -uo pipefail
dir=$1
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -f "$dir/data/postmaster.pid" ]; then
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "'$bindir/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null
  else "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
fi
rm -rf "$dir"
