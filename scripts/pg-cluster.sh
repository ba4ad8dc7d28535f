# Sourced by scripts/test.sh: a throwaway PostgreSQL cluster from Debian's packages, in a temp dir,
# owned by the unprivileged `postgres` user (initdb refuses root), listening on loopback only.
# pg_cluster_start sets PG_URL and PG_CTL_CMD (a command prefix that runs pg_ctl on this cluster, used by
# the outage test to stop and restart the database); pg_cluster_stop removes everything. fsync is off (tests
# need no durability) unless PG_CLUSTER_FSYNC=on (the benchmark's durable writes).
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

pg_cluster_start() {
  [[ -x $pg_bin/initdb ]] || { echo "pg-cluster: PostgreSQL server binaries not found" >&2; return 1; }
  local runas=()
  if [[ $(id -u) -eq 0 ]]; then runas=(runuser -u postgres --); fi
  PG_DIR=$(mktemp -d /tmp/jospar-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$PG_DIR"
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${runas[@]}" "$pg_bin/initdb" -D "$PG_DIR/data" -U jospar --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; return 1; }
  PG_CTL_CMD="${runas[*]} $pg_bin/pg_ctl -D $PG_DIR/data -l $PG_DIR/server.log -w -o \"-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=${PG_CLUSTER_FSYNC:-off}\""
  eval "$PG_CTL_CMD start" >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  "${runas[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U jospar jospar_test
  PG_URL="postgresql://jospar@127.0.0.1:$PG_PORT/jospar_test"
  export PG_URL PG_CTL_CMD PG_DIR
  echo "pg-cluster: PostgreSQL running on 127.0.0.1:$PG_PORT"
}

pg_cluster_stop() {
  [[ -n ${PG_DIR:-} && -d $PG_DIR ]] || return 0
  eval "$PG_CTL_CMD stop -m fast" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
