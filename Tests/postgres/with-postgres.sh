#!/usr/bin/env bash
# Runs a command with a private PostgreSQL server for the tests that read an SSD from one:
# installs the server if the machine has none (Debian's package), starts a throwaway cluster
# on a free port in a temporary folder, exports STATRETURN_TEST_POSTGRES (its URL) for the
# command, and stops and removes the cluster when the command ends, however it ends.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing the PostgreSQL server for the tests"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends postgresql postgresql-client
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

dir=$(mktemp -d /tmp/statreturn-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The server refuses to run as root: it runs as the postgres user the package made.
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as_pg=(runuser -u postgres --); fi

stop() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U statreturn --auth=trust --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log"; exit 2; }
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || { cat "$dir/server.log"; exit 2; }

export STATRETURN_TEST_POSTGRES="postgresql://statreturn@127.0.0.1:$port/postgres?sslmode=disable"
"$@"
