#!/usr/bin/env bash
# A throw-away PostgreSQL server for the store tests: a temporary data directory, trust auth,
# listening only on 127.0.0.1 at a free port. Debian's postgresql package provides the binaries
# (/usr/lib/postgresql/*/bin). The server never runs as root: as root it runs as the `postgres`
# user that package creates (via runuser).
#   bash scripts/pg-test-server.sh start DIR   starts it; prints the URL (postgres://…/mentorbase_test)
#   bash scripts/pg-test-server.sh stop DIR    stops it and removes DIR
set -euo pipefail

cmd="${1:-}"
dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bindir/pg_ctl" ] || { echo "pg-test-server: PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 3; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "pg-test-server: no postgres user" >&2; exit 3; }
      chown postgres "$dir"
      # The postgres user must be able to reach the directory.
      chmod 0755 "$(dirname "$dir")" 2>/dev/null || true
    fi
    chmod 0700 "$dir"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 3; }
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off} -c max_connections=40" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 3; }
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres mentorbase_test
    echo "$port" >"$dir/port"
    echo "postgres://postgres@127.0.0.1:$port/mentorbase_test"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
