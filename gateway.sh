#!/usr/bin/env bash
# HybridGateway launcher: a local PostgreSQL, the control plane, a data plane and a demo upstream.
#   ./gateway.sh up      install what is missing, build, start everything, print what to try
#   ./gateway.sh down    stop everything 'up' started
#   ./gateway.sh status  show what is running
#   ./gateway.sh test    run every test (starts its own PostgreSQL), end with "N passed, N failed, N skipped"
#   ./gateway.sh bench   benchmarks against nginx and minimal YARP (see docs/performance.md)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="$ROOT/.data"
RUN="$DATA/run"
CONFIGURATION="${HGW_CONFIGURATION:-Release}"
ADMIN_PORT="${HGW_ADMIN_PORT:-8001}"
CLUSTER_PORT="${HGW_CLUSTER_PORT:-8005}"
PROXY_PORT="${HGW_PROXY_PORT:-8000}"
PROXY_SSL_PORT="${HGW_PROXY_SSL_PORT:-8443}"
STATUS_PORT="${HGW_STATUS_PORT:-8100}"
DEMO_PORT="${HGW_DEMO_PORT:-9080}"

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------- small helpers ----------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

wait_for_port() { # port seconds
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do port_in_use "$1" && return 0; sleep 0.1; done
  return 1
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

stop_pid_file() { # file name
  local file="$1" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if pid_alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.1; done
    pid_alive "$pid" && kill -9 "$pid" 2>/dev/null || true
    log "stopped $2 (pid $pid)"
  fi
  rm -f "$file"
}

# ---------- PostgreSQL ----------
pg_bindir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  return 1
}

ensure_postgres_installed() {
  pg_bindir >/dev/null && return 0
  log "PostgreSQL not found: installing the distribution's package..."
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  pg_bindir >/dev/null || die "PostgreSQL installation failed"
}

# postgres refuses to run as root: run it as the 'postgres' user, created if missing.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_start DIR PORT : initdb on first use, start on 127.0.0.1:PORT, write connection string to DIR/connection
pg_start() {
  local dir="$1" port="$2" bin
  ensure_postgres_installed
  bin="$(pg_bindir)"
  mkdir -p "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir/data"
    ( umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$dir/password" )
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$dir" && chmod 700 "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/password" -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  if [ -f "$dir/data/postmaster.pid" ] && pid_alive "$(head -n 1 "$dir/data/postmaster.pid")"; then
    port="$(cat "$dir/port")"
  else
    rm -f "$dir/data/postmaster.pid"
    echo "$port" > "$dir/port"
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$dir"
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=${HGW_PG_FSYNC:-on}" start >/dev/null \
      || { tail -n 20 "$dir/postgres.log" >&2; die "PostgreSQL did not start"; }
  fi
  ( umask 077; echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$(cat "$dir/password");Database=postgres" > "$dir/connection" )
}

pg_stop() {
  local dir="$1" bin
  [ -f "$dir/data/postmaster.pid" ] || return 0
  bin="$(pg_bindir)" || return 0
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  log "stopped PostgreSQL ($dir)"
}

# ---------- build ----------
require_dotnet() { command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (dotnet not on PATH)"; }

build() {
  require_dotnet
  log "building ($CONFIGURATION)..."
  dotnet build "$ROOT/HybridGateway.sln" -c "$CONFIGURATION" -nologo -clp:ErrorsOnly -v:q >"$DATA/build.log" 2>&1 \
    || { tail -n 40 "$DATA/build.log" >&2; die "build failed (see .data/build.log)"; }
}

app_dll() { echo "$ROOT/src/$1/bin/$CONFIGURATION/net10.0/$1.dll"; }

start_process() { # name logfile command...
  local name="$1" logfile="$2"; shift 2
  if [ -f "$RUN/$name.pid" ] && pid_alive "$(cat "$RUN/$name.pid")"; then
    log "$name already running (pid $(cat "$RUN/$name.pid"))"; return 0
  fi
  nohup "$@" >"$logfile" 2>&1 &
  echo $! > "$RUN/$name.pid"
}

# ---------- commands ----------
cmd_up() {
  mkdir -p "$DATA" "$RUN"
  local port
  for port in "$ADMIN_PORT" "$CLUSTER_PORT" "$PROXY_PORT" "$PROXY_SSL_PORT" "$STATUS_PORT" "$DEMO_PORT"; do
    if port_in_use "$port" && ! [ -f "$RUN/control-plane.pid" ]; then
      die "port $port is already in use; set HGW_ADMIN_PORT, HGW_CLUSTER_PORT, HGW_PROXY_PORT, HGW_PROXY_SSL_PORT, HGW_STATUS_PORT or HGW_DEMO_PORT"
    fi
  done
  pg_start "$DATA/pg" "$(cat "$DATA/pg/port" 2>/dev/null || free_port)"
  build
  local token="${HGW_ADMIN_TOKEN:-}"
  if [ -z "$token" ]; then
    [ -f "$DATA/admin-token" ] || ( umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40 > "$DATA/admin-token" )
    token="$(cat "$DATA/admin-token")"
  fi

  HGW_ControlPlane__ConnectionString="$(sed 's/Database=postgres/Database=hybridgateway/' "$DATA/pg/connection")" \
  HGW_ControlPlane__AdminListen="127.0.0.1:$ADMIN_PORT" \
  HGW_ControlPlane__ClusterListen="127.0.0.1:$CLUSTER_PORT" \
  HGW_ControlPlane__BootstrapAdminToken="$token" \
  HGW_ControlPlane__AllowInsecureCluster=true \
    start_process control-plane "$RUN/control-plane.log" dotnet "$(app_dll HybridGateway.ControlPlane)"
  wait_for_port "$ADMIN_PORT" 90 || { tail -n 30 "$RUN/control-plane.log" >&2; die "control plane did not start (see .data/run/control-plane.log)"; }
  local i
  for i in $(seq 1 150); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Kong-Admin-Token: $token" "http://127.0.0.1:$ADMIN_PORT/status")" = "200" ] && break
    sleep 0.2
  done

  HGW_DEMO_LISTEN="127.0.0.1:$DEMO_PORT" \
    start_process demo-upstream "$RUN/demo-upstream.log" dotnet "$(app_dll HybridGateway.DemoUpstream)"

  HGW_DataPlane__ControlPlane="http://127.0.0.1:$CLUSTER_PORT" \
  HGW_DataPlane__NodeId="local-dp" \
  HGW_DataPlane__CacheDirectory="$DATA/dp" \
  HGW_DataPlane__ProxyListen="127.0.0.1:$PROXY_PORT" \
  HGW_DataPlane__ProxySslListen="127.0.0.1:$PROXY_SSL_PORT" \
  HGW_DataPlane__StatusListen="127.0.0.1:$STATUS_PORT" \
  HGW_DataPlane__Labels__region="local" \
    start_process data-plane "$RUN/data-plane.log" dotnet "$(app_dll HybridGateway.DataPlane)"
  wait_for_port "$STATUS_PORT" 60 || { tail -n 30 "$RUN/data-plane.log" >&2; die "data plane did not start (see .data/run/data-plane.log)"; }

  # An empty control plane gets the example config, so that the first curl works.
  local version
  version="$(curl -s -H "Kong-Admin-Token: $token" "http://127.0.0.1:$ADMIN_PORT/status" | grep -o '"version":[0-9]*' | head -n 1 | cut -d: -f2)"
  if [ "${version:-0}" = "0" ]; then
    curl -s -o /dev/null -H "Kong-Admin-Token: $token" -H 'Content-Type: application/yaml' -H 'X-Change-Reason: example config from ./gateway.sh up' \
      --data-binary "@$ROOT/deploy/examples/demo.yaml" "http://127.0.0.1:$ADMIN_PORT/config"
  fi
  for i in $(seq 1 150); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$STATUS_PORT/status/ready")" = "200" ] && break
    sleep 0.2
  done

  cat <<TXT

HybridGateway is up.
  Proxy (data plane)   http://127.0.0.1:$PROXY_PORT     https://127.0.0.1:$PROXY_SSL_PORT     status: http://127.0.0.1:$STATUS_PORT/status
  Admin API            http://127.0.0.1:$ADMIN_PORT     token in .data/admin-token (or \$HGW_ADMIN_TOKEN)
  Cluster gRPC         127.0.0.1:$CLUSTER_PORT          (h2c on loopback; use mTLS elsewhere)
  Demo upstream        http://127.0.0.1:$DEMO_PORT
  PostgreSQL           $(sed 's/Password=[^;]*/Password=***/' "$DATA/pg/connection")
  Logs                 .data/run/*.log

Try:
  curl -s http://127.0.0.1:$PROXY_PORT/demo/hello
  export TOKEN=$token
  curl -s -H "Kong-Admin-Token: \$TOKEN" -X POST http://127.0.0.1:$ADMIN_PORT/services/demo/routes -d name=api -d 'paths[]=/api'
  curl -s http://127.0.0.1:$PROXY_PORT/api/orders
  curl -s -H "Kong-Admin-Token: \$TOKEN" http://127.0.0.1:$ADMIN_PORT/clustering/data-planes
  curl -s -H "Kong-Admin-Token: \$TOKEN" http://127.0.0.1:$ADMIN_PORT/config/history

Stop with: ./gateway.sh down
TXT
}

cmd_down() {
  stop_pid_file "$RUN/data-plane.pid" "data plane"
  stop_pid_file "$RUN/demo-upstream.pid" "demo upstream"
  stop_pid_file "$RUN/control-plane.pid" "control plane"
  pg_stop "$DATA/pg"
}

cmd_status() {
  local f
  for f in "$RUN"/*.pid; do
    [ -f "$f" ] || continue
    if pid_alive "$(cat "$f")"; then echo "$(basename "$f" .pid): running (pid $(cat "$f"))"; else echo "$(basename "$f" .pid): stopped"; fi
  done
  [ -f "$DATA/pg/data/postmaster.pid" ] && echo "postgresql: running (port $(cat "$DATA/pg/port"))" || echo "postgresql: stopped"
}

cmd_test() {
  require_dotnet
  local dir="$DATA/test-pg" results="$DATA/test-results" rc=0
  mkdir -p "$DATA"
  rm -rf "$results"; mkdir -p "$results"
  HGW_PG_FSYNC=off pg_start "$dir" "$(free_port)"
  trap 'pg_stop "'"$dir"'" 2>/dev/null' EXIT
  export HGW_TEST_PG="$(cat "$dir/connection")"
  export HGW_REPO_ROOT="$ROOT"
  if command -v npm >/dev/null 2>&1; then
    log "installing the Node.js sync client's packages..."
    (cd "$ROOT/tests/node-sync-client" && npm ci --no-audit --no-fund --silent >/dev/null 2>&1) \
      || log "warning: npm ci failed in tests/node-sync-client; the Node.js client test will fail"
  else
    log "warning: npm not found; the Node.js client test will fail"
  fi
  log "building..."
  dotnet build "$ROOT/HybridGateway.sln" -c Debug -nologo -clp:ErrorsOnly -v:q >"$DATA/test-build.log" 2>&1 \
    || { tail -n 40 "$DATA/test-build.log" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  local project
  for project in "$ROOT"/tests/*/*.csproj; do
    log "testing $(basename "$project" .csproj)..."
    dotnet test "$project" --no-build -c Debug -nologo "$@" 2>&1 | tee -a "$results/output.log" | grep -E "^(Passed|Failed)!|^\s+Failed |Error Message" -A2 || true
    [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  done
  local passed failed skipped
  passed=$(grep -Eo "Passed: +[0-9]+" "$results/output.log" | awk '{s+=$2} END {print s+0}')
  failed=$(grep -Eo "Failed: +[0-9]+" "$results/output.log" | awk '{s+=$2} END {print s+0}')
  skipped=$(grep -Eo "Skipped: +[0-9]+" "$results/output.log" | awk '{s+=$2} END {print s+0}')
  [ "$failed" -gt 0 ] && rc=1
  [ "$passed" -eq 0 ] && rc=1
  trap - EXIT
  pg_stop "$dir" 2>/dev/null
  if [ -s "$results/report.txt" ]; then
    echo "--- measured by the tests ---"
    cat "$results/report.txt"
  fi
  echo "$passed passed, $failed failed, $skipped skipped"
  exit $rc
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; exec "$ROOT/bench/run.sh" "$@" ;;
  pg-start) mkdir -p "$DATA"; pg_start "${2:-$DATA/pg}" "${3:-$(free_port)}"; cat "${2:-$DATA/pg}/connection" ;;
  pg-stop) pg_stop "${2:-$DATA/pg}" ;;
  *) echo "usage: $0 {up|down|status|test|bench [all|proxy|config-scale|fanout|quick]}" >&2; exit 2 ;;
esac
