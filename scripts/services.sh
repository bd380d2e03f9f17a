#!/usr/bin/env bash
# Installs (only where missing) and starts the PostgreSQL and Redis servers that the tests use,
# on loopback, then waits until both answer. Idempotent: a second run only checks and prints.
#
#   PostgreSQL  Host=127.0.0.1;Port=5432;Username=microtask;Password=microtask;Database=microtask_test
#   Redis       127.0.0.1:6379
#
# Runs as root (CI, developer machines). PostgreSQL itself runs as the `postgres` user; systemd
# is not assumed, servers are started directly. Exports nothing: scripts/test.sh sets
# MICROTASK_TEST_POSTGRES and MICROTASK_TEST_REDIS.
set -euo pipefail

PG_PORT=5432
PG_CLUSTER=main
PG_ROLE=microtask
PG_PASSWORD=microtask
PG_DB=microtask_test
PG_MIN_CONNECTIONS=300
REDIS_PORT=6379
REDIS_DIR=/tmp/microtask-test-redis
WAIT_SECONDS="${MICROTASK_SERVICES_WAIT_SECONDS:-60}"

PG_CONN="Host=127.0.0.1;Port=${PG_PORT};Username=${PG_ROLE};Password=${PG_PASSWORD};Database=${PG_DB}"
REDIS_CONN="127.0.0.1:${REDIS_PORT}"

log() { echo "services: $*" >&2; }
die() { echo "services: ERROR: $*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  die "run as root (it installs packages and starts PostgreSQL as the postgres user)"
fi

# ---------------------------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------------------------
APT_UPDATED=0
apt_update_once() {
  [ "$APT_UPDATED" -eq 1 ] && return 0
  local i
  for i in 1 2 3; do
    if apt-get -o DPkg::Lock::Timeout=300 update -q >&2; then
      APT_UPDATED=1
      return 0
    fi
    log "apt-get update failed (try $i of 3), retrying"
    sleep $((i * 5))
  done
  die "apt-get update failed three times"
}

apt_install() {
  apt_update_once
  log "installing: $*"
  local i
  for i in 1 2 3; do
    if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
         --no-install-recommends "$@" >&2; then
      return 0
    fi
    log "apt-get install $* failed (try $i of 3), retrying"
    sleep $((i * 5))
  done
  die "apt-get install $* failed three times"
}

pg_version() {
  # Highest PostgreSQL server version installed under /usr/lib/postgresql (Debian 12: 15).
  local v
  v="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null \
        | awk -F/ '{print $5}' | sort -V | tail -n 1)"
  echo "${v}"
}

ensure_packages() {
  local missing=()
  if [ -z "$(pg_version)" ] || ! command -v pg_lsclusters >/dev/null 2>&1 \
     || ! command -v pg_isready >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
    missing+=(postgresql)
  fi
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    missing+=(redis-server)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
  [ -n "$(pg_version)" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql after install"
  command -v redis-server >/dev/null 2>&1 || die "redis-server not found after install"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
pg_psql() {
  # psql as the postgres superuser over the local socket (peer auth); cd / so that postgres
  # never complains about the caller's working directory.
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@")
}

pg_ready() {
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 2 >/dev/null 2>&1
}

pg_logfile() {
  echo "/var/log/postgresql/postgresql-${PGV}-${PG_CLUSTER}.log"
}

pg_fail() {
  local lf
  lf="$(pg_logfile)"
  if [ -f "$lf" ]; then
    echo "---- last lines of $lf ----" >&2
    tail -n 40 "$lf" >&2 || true
    echo "----" >&2
  fi
  pg_lsclusters >&2 || true
  die "$*"
}

pg_wait_ready() {
  local waited=0
  until pg_ready; do
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then
      pg_fail "PostgreSQL did not answer on 127.0.0.1:${PG_PORT} within ${WAIT_SECONDS}s"
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

pg_ensure_cluster() {
  if pg_lsclusters -h 2>/dev/null | awk -v v="$PGV" -v c="$PG_CLUSTER" '$1==v && $2==c {f=1} END {exit !f}'; then
    return 0
  fi
  log "creating PostgreSQL ${PGV} cluster '${PG_CLUSTER}' on port ${PG_PORT}"
  pg_createcluster --port "$PG_PORT" --locale C.UTF-8 --encoding UTF8 "$PGV" "$PG_CLUSTER" >&2 \
    || pg_fail "pg_createcluster ${PGV} ${PG_CLUSTER} failed"
}

pg_ensure_port() {
  local port
  port="$(pg_lsclusters -h | awk -v v="$PGV" -v c="$PG_CLUSTER" '$1==v && $2==c {print $3}')"
  if [ "$port" != "$PG_PORT" ]; then
    log "cluster ${PGV}/${PG_CLUSTER} is configured for port ${port}; switching it to ${PG_PORT}"
    pg_conftool "$PGV" "$PG_CLUSTER" set port "$PG_PORT" >&2
    if pg_ctlcluster "$PGV" "$PG_CLUSTER" status >/dev/null 2>&1; then
      pg_ctlcluster "$PGV" "$PG_CLUSTER" restart >&2 || pg_fail "restart of ${PGV}/${PG_CLUSTER} failed"
    fi
  fi
}

# After a machine's processes were killed, postmaster.pid (and the socket lock) stay behind. If
# their PID now belongs to some other process, PostgreSQL refuses to start and pg_ctl thinks the
# server runs. Remove such lock files when their PID is not a live postgres process.
pg_clear_stale_locks() {
  local datadir f pid comm
  datadir="$(pg_lsclusters -h | awk -v v="$PGV" -v c="$PG_CLUSTER" '$1==v && $2==c {print $6}')"
  for f in "${datadir}/postmaster.pid" "/var/run/postgresql/.s.PGSQL.${PG_PORT}.lock"; do
    [ -f "$f" ] || continue
    pid="$(head -n 1 "$f" 2>/dev/null | tr -dc '0-9')"
    comm=""
    if [ -n "$pid" ] && [ -r "/proc/${pid}/comm" ]; then
      comm="$(cat "/proc/${pid}/comm" 2>/dev/null || true)"
    fi
    case "$comm" in
      postgres|postmaster) ;;
      *)
        log "removing stale lock file $f (PID ${pid:-?} is not a running postgres)"
        rm -f "$f"
        ;;
    esac
  done
}

pg_start() {
  install -d -o postgres -g postgres -m 2775 /var/run/postgresql
  pg_clear_stale_locks
  if pg_ctlcluster "$PGV" "$PG_CLUSTER" status >/dev/null 2>&1; then
    # Running (for example listening elsewhere or still starting): just wait for it below.
    return 0
  fi
  log "starting PostgreSQL ${PGV}/${PG_CLUSTER}"
  pg_ctlcluster "$PGV" "$PG_CLUSTER" start >&2 || pg_fail "pg_ctlcluster ${PGV} ${PG_CLUSTER} start failed"
}

pg_restart() {
  log "restarting PostgreSQL ${PGV}/${PG_CLUSTER} to apply: $*"
  pg_ctlcluster "$PGV" "$PG_CLUSTER" restart >&2 || pg_fail "pg_ctlcluster ${PGV} ${PG_CLUSTER} restart failed"
  pg_wait_ready
}

pg_tune() {
  local need_restart=() max_conn listen sync
  max_conn="$(pg_psql -tA -c 'SHOW max_connections')"
  if [ "$max_conn" -lt "$PG_MIN_CONNECTIONS" ]; then
    pg_psql -c "ALTER SYSTEM SET max_connections = ${PG_MIN_CONNECTIONS}"
    need_restart+=("max_connections=${PG_MIN_CONNECTIONS}")
  fi
  listen="$(pg_psql -tA -c 'SHOW listen_addresses')"
  case ",${listen// /}," in
    *,localhost,*|*,127.0.0.1,*|*,\*,*|*,0.0.0.0,*) ;;
    *)
      pg_psql -c "ALTER SYSTEM SET listen_addresses = '127.0.0.1'"
      need_restart+=("listen_addresses=127.0.0.1")
      ;;
  esac
  # Test data is disposable: do not wait for the WAL flush on commit (fsync stays on, so a
  # crash can lose the last commits but never corrupts the cluster). Applied by a reload.
  sync="$(pg_psql -tA -c 'SHOW synchronous_commit')"
  if [ "$sync" != "off" ]; then
    pg_psql -c "ALTER SYSTEM SET synchronous_commit = off" -c "SELECT pg_reload_conf()" >/dev/null
  fi
  if [ "${#need_restart[@]}" -gt 0 ]; then
    pg_restart "${need_restart[@]}"
  fi
}

pg_ensure_role_and_db() {
  pg_psql <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${PG_ROLE}') THEN
    CREATE ROLE ${PG_ROLE} LOGIN CREATEDB SUPERUSER PASSWORD '${PG_PASSWORD}';
  ELSE
    ALTER ROLE ${PG_ROLE} LOGIN CREATEDB SUPERUSER PASSWORD '${PG_PASSWORD}';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE ${PG_DB} OWNER ${PG_ROLE} ENCODING ''UTF8'' LC_COLLATE ''C'' LC_CTYPE ''C'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${PG_DB}')
\gexec
SQL
}

pg_check_login() {
  # The tests connect over TCP with the password: check exactly that.
  local out
  if ! out="$(PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -tA -h 127.0.0.1 -p "$PG_PORT" \
                -U "$PG_ROLE" -d "$PG_DB" -c 'SELECT 1' 2>&1)" || [ "$out" != "1" ]; then
    pg_fail "cannot log in as ${PG_ROLE} to ${PG_DB} on 127.0.0.1:${PG_PORT}: ${out}"
  fi
}

ensure_postgres() {
  PGV="$(pg_version)"
  pg_ensure_cluster
  pg_ensure_port
  if ! pg_ready; then
    pg_start
  fi
  pg_wait_ready
  pg_tune
  pg_ensure_role_and_db
  pg_check_login
  echo "postgres ready (PostgreSQL ${PGV}): ${PG_CONN}"
}

# ---------------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------------
redis_ready() {
  [ "$(timeout 5 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || true)" = "PONG" ]
}

ensure_redis() {
  if ! redis_ready; then
    log "starting redis-server on 127.0.0.1:${REDIS_PORT}"
    mkdir -p "$REDIS_DIR"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
      --dir "$REDIS_DIR" --logfile "${REDIS_DIR}/redis.log" --pidfile "${REDIS_DIR}/redis.pid" >&2 \
      || die "redis-server failed to start (see ${REDIS_DIR}/redis.log)"
  fi
  local waited=0
  until redis_ready; do
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then
      if [ -f "${REDIS_DIR}/redis.log" ]; then
        echo "---- last lines of ${REDIS_DIR}/redis.log ----" >&2
        tail -n 40 "${REDIS_DIR}/redis.log" >&2 || true
        echo "----" >&2
      fi
      die "Redis did not answer PONG on 127.0.0.1:${REDIS_PORT} within ${WAIT_SECONDS}s"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "redis ready: ${REDIS_CONN}"
}

ensure_packages
ensure_postgres
ensure_redis
