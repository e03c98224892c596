#!/usr/bin/env bash
# HybridGateway launcher: a local PostgreSQL, the control plane, a data plane and a demo upstream.
#   ./gateway.sh up      install what is missing, build, start everything, print what to try
#   ./gateway.sh down    stop everything 'up' started
#   ./gateway.sh status  show what is running
#   ./gateway.sh purge   'down', then delete every local file 'up' made (database, token, cache, logs)
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
SILO_PORT="${HGW_SILO_PORT:-11111}"
ADMIN_GRPC_PORT="${HGW_ADMIN_GRPC_PORT:-8011}"
# Where PostgreSQL's files go when the postgres user cannot reach the repository (a 0700 home).
PG_OUTSIDE_ROOT="${HGW_PG_OUTSIDE_ROOT:-/var/lib/hybridgateway}"

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# fail WHAT LOGFILE: say what failed, show the log's last lines and how to retry, then stop.
fail() {
  log "error: $1"
  if [ -n "${2:-}" ] && [ -f "$2" ]; then
    log "--- last lines of $2 ---"
    tail -n 30 "$2" >&2 || true
    log "---"
  fi
  log "fix the cause above, then retry with: ./gateway.sh up   (or start over: ./gateway.sh down && ./gateway.sh up)"
  exit 1
}

# ---------- small helpers ----------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port below the kernel's ephemeral range: one inside it can be taken meanwhile as the source
# port of some outgoing connection, which no check here would see.
free_port() {
  local p low
  low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  [ "${low:-0}" -ge 12000 ] 2>/dev/null || low=32768
  for _ in $(seq 1 200); do
    p=$(( 10000 + RANDOM % (low - 10000) ))
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

wait_for_port() { # port seconds [pid]: false if the time runs out or pid dies first
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    port_in_use "$1" && return 0
    [ -n "${3:-}" ] && ! pid_alive "$3" && return 1
    sleep 0.1
  done
  return 1
}

# A zombie (killed, not yet reaped by its parent) counts as gone.
pid_alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != "Z" ]
}

sha_of() { printf '%s' "$1" | sha256sum | cut -c1-16; }

# ---------- our processes ----------
# Each process 'up' starts has a pid file; a pid counts as ours only while that pid runs our
# program from this repository, so a pid reused after a restart or a crash is never taken for it.
app_dll() { echo "$ROOT/src/$1/bin/$CONFIGURATION/net10.0/$1.dll"; }

project_of() {
  case "$1" in
    control-plane) echo HybridGateway.ControlPlane ;;
    data-plane) echo HybridGateway.DataPlane ;;
    demo-upstream) echo HybridGateway.DemoUpstream ;;
    *) die "unknown process $1" ;;
  esac
}

running_pid() { # name -> pid, or nothing (and a stale pid file is removed)
  local file="$RUN/$1.pid" pid dll
  [ -f "$file" ] || return 0
  pid="$(cat "$file" 2>/dev/null || true)"
  dll="$(app_dll "$(project_of "$1")")"
  if pid_alive "$pid" && [ -r "/proc/$pid/cmdline" ] && tr '\0' '\n' <"/proc/$pid/cmdline" | grep -Fxq -- "$dll"; then
    echo "$pid"
  else
    rm -f "$file"
  fi
}

stop_process() { # name
  local pid
  pid="$(running_pid "$1")"
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.1; done
    pid_alive "$pid" && kill -9 "$pid" 2>/dev/null || true
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$RUN/$1.pid"
}

start_process() { # name logfile [VAR=value...] -- args...: runs 'dotnet <dll> args' with those variables
  local name="$1" logfile="$2" pid
  shift 2
  pid="$(running_pid "$name")"
  if [ -n "$pid" ]; then log "$name already running (pid $pid)"; return 0; fi
  local vars=()
  while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  env "${vars[@]}" nohup dotnet "$(app_dll "$(project_of "$name")")" "$@" >"$logfile" 2>&1 </dev/null &
  echo $! > "$RUN/$name.pid"
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

ensure_postgres_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
}

# postgres refuses to run as root: as root it runs as the 'postgres' user; otherwise as the invoking user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    ensure_postgres_user
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_home DIR: where the server's own files (data, password, log) live for the server named by DIR.
# DIR itself (in the repository) always holds 'port', 'connection' and, when they live elsewhere, 'home'.
# As root, the files stay in DIR only if the postgres user can reach it; otherwise (a 0700 home, a
# mktemp -d folder) they go to $PG_OUTSIDE_ROOT/<hash of DIR>, which 'down' and 'purge' find again.
pg_home() {
  local dir="$1"
  if [ -f "$dir/home" ]; then cat "$dir/home"; return 0; fi
  if [ "$(id -u)" -ne 0 ]; then echo "$dir"; return 0; fi
  ensure_postgres_user
  if runuser -u postgres -- test -x "$(dirname "$dir")" 2>/dev/null; then echo "$dir"; return 0; fi
  echo "$PG_OUTSIDE_ROOT/pg-$(sha_of "$dir")"
}

pg_running() { # home -> true while its postmaster runs
  local pid
  [ -f "$1/data/postmaster.pid" ] || return 1
  pid="$(head -n 1 "$1/data/postmaster.pid" 2>/dev/null || true)"
  pid_alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "postgres" ]
}

# pg_start DIR PORT : initdb on first use, start on 127.0.0.1:PORT, write the connection string to DIR/connection
pg_start() {
  local dir="$1" port="$2" bin home
  ensure_postgres_installed
  bin="$(pg_bindir)"
  mkdir -p "$dir"
  home="$(pg_home "$dir")"
  if [ "$home" != "$dir" ]; then
    mkdir -p "$home"
    echo "$home" > "$dir/home"
  fi
  if [ ! -f "$home/data/PG_VERSION" ]; then
    rm -rf "$home/data"
    mkdir -p "$home/data"
    ( umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$home/password" )
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$home"; chmod 700 "$home"; fi
    as_pg "$bin/initdb" -D "$home/data" -U postgres --auth=scram-sha-256 --pwfile="$home/password" -E UTF8 >"$dir/initdb.log" 2>&1 \
      || fail "initdb failed (PostgreSQL files in $home)" "$dir/initdb.log"
    # Settings go in a file of ours rather than on pg_ctl's command line, which a shell parses
    # (a path with spaces would split there). No Unix socket: clients use TCP on 127.0.0.1.
    echo "include_if_exists = 'hybridgateway.conf'" | as_pg tee -a "$home/data/postgresql.conf" >/dev/null
  fi
  if pg_running "$home"; then
    port="$(cat "$dir/port")"
  else
    rm -f "$home/data/postmaster.pid"
    # A restart keeps the port it had (a running control plane reconnects to the same address),
    # unless something else has taken it meanwhile.
    if [ -f "$dir/port" ] && ! port_in_use "$(cat "$dir/port")"; then port="$(cat "$dir/port")"; fi
    echo "$port" > "$dir/port"
    printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = ''\nmax_connections = 300\nfsync = %s\n" \
      "$port" "${HGW_PG_FSYNC:-on}" | as_pg tee "$home/data/hybridgateway.conf" >/dev/null
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$home"
    # After a kill -9 the old server's children can hold its shared memory for a moment: retry.
    local attempt
    for attempt in 1 2 3 4 5; do
      as_pg "$bin/pg_ctl" -D "$home/data" -l "$home/postgres.log" -w -t 60 start >/dev/null 2>&1 && break
      [ "$attempt" -eq 5 ] && fail "PostgreSQL did not start (files in $home)" "$home/postgres.log"
      sleep 2
    done
  fi
  ( umask 077; echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$(cat "$home/password");Database=postgres" > "$dir/connection" )
}

pg_stop() {
  local dir="$1" bin home
  home="$(pg_home "$dir")"
  [ -f "$home/data/postmaster.pid" ] || return 0
  if ! pg_running "$home"; then rm -f "$home/data/postmaster.pid"; return 0; fi
  bin="$(pg_bindir)" || return 0
  as_pg "$bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1 || true
  log "stopped PostgreSQL ($home)"
}

pg_purge() { # DIR: stop it, then delete its files wherever they live
  local dir="$1" home
  [ -d "$dir" ] || return 0
  home="$(pg_home "$dir")"
  pg_stop "$dir"
  [ "$home" != "$dir" ] && rm -rf "$home"
  rm -rf "$dir"
}

# The tests scrape both planes with a real Prometheus (Debian's package).
ensure_prometheus_installed() {
  [ -x /usr/bin/prometheus ] && return 0
  log "Prometheus not found: installing the distribution's package (the tests scrape with it)..."
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq prometheus >/dev/null \
    || log "warning: installing prometheus failed; the Prometheus tests will fail"
}

# The deployment tests render deploy/kubernetes with kubectl (Debian's package kubernetes-client).
ensure_kubectl_installed() {
  command -v kubectl >/dev/null 2>&1 && return 0
  log "kubectl not found: installing the distribution's package kubernetes-client (the deployment tests render deploy/kubernetes with it)..."
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq kubernetes-client >/dev/null \
    || log "warning: installing kubernetes-client failed; the Kubernetes manifest tests will fail"
}

# ---------- build ----------
require_dotnet() { command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (dotnet not on PATH)"; }

build() { # the three programs 'up' runs, not the tests and benchmarks
  require_dotnet
  log "building ($CONFIGURATION)..."
  : >"$DATA/build.log"
  local project
  for project in HybridGateway.ControlPlane HybridGateway.DataPlane HybridGateway.DemoUpstream; do
    dotnet build "$ROOT/src/$project/$project.csproj" -c "$CONFIGURATION" -nologo -clp:ErrorsOnly -v:q >>"$DATA/build.log" 2>&1 \
      || fail "build of $project failed" "$DATA/build.log"
  done
}

# ---------- commands ----------
admin_token() {
  if [ -n "${HGW_ADMIN_TOKEN:-}" ]; then echo "$HGW_ADMIN_TOKEN"; return 0; fi
  [ -f "$DATA/admin-token" ] || ( umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40 > "$DATA/admin-token" )
  cat "$DATA/admin-token"
}

all_running() {
  [ -n "$(running_pid control-plane)" ] && [ -n "$(running_pid data-plane)" ] && [ -n "$(running_pid demo-upstream)" ] \
    && [ -f "$DATA/pg/port" ] && pg_running "$(pg_home "$DATA/pg")"
}

# require_free_port PORT NAME VARIABLE: a process about to start needs its port.
require_free_port() {
  port_in_use "$1" && fail "port $1 ($2) is already in use by another program; choose another with $3=<port>"
  return 0
}

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" 2>/dev/null || true; }

cmd_up() {
  mkdir -p "$DATA" "$RUN"
  local token
  token="$(admin_token)"
  if all_running; then
    log "HybridGateway is already running; nothing changed."
    print_summary "$token"
    return 0
  fi

  [ -n "$(running_pid control-plane)" ] || { require_free_port "$ADMIN_PORT" "Admin API" HGW_ADMIN_PORT; require_free_port "$CLUSTER_PORT" "cluster" HGW_CLUSTER_PORT; require_free_port "$SILO_PORT" "counters silo" HGW_SILO_PORT; require_free_port "$ADMIN_GRPC_PORT" "Admin gRPC" HGW_ADMIN_GRPC_PORT; }
  [ -n "$(running_pid data-plane)" ] || { require_free_port "$PROXY_PORT" "proxy" HGW_PROXY_PORT; require_free_port "$PROXY_SSL_PORT" "proxy TLS" HGW_PROXY_SSL_PORT; require_free_port "$STATUS_PORT" "data-plane status" HGW_STATUS_PORT; }
  [ -n "$(running_pid demo-upstream)" ] || require_free_port "$DEMO_PORT" "demo upstream" HGW_DEMO_PORT

  local pg_port
  pg_port="$(cat "$DATA/pg/port" 2>/dev/null || true)"
  if [ -z "$pg_port" ] || { port_in_use "$pg_port" && ! pg_running "$(pg_home "$DATA/pg")"; }; then pg_port="$(free_port)"; fi
  pg_start "$DATA/pg" "$pg_port"
  build

  local cp_pid
  start_process control-plane "$RUN/control-plane.log" \
    "HGW_ControlPlane__ConnectionString=$(sed 's/Database=postgres/Database=hybridgateway/' "$DATA/pg/connection")" \
    "HGW_ControlPlane__AdminListen=127.0.0.1:$ADMIN_PORT" \
    "HGW_ControlPlane__AdminGrpcListen=127.0.0.1:$ADMIN_GRPC_PORT" \
    "HGW_ControlPlane__ClusterListen=127.0.0.1:$CLUSTER_PORT" \
    "HGW_ControlPlane__BootstrapAdminToken=$token" \
    "HGW_ControlPlane__AllowInsecureCluster=true" \
    "HGW_ControlPlane__Counters__SiloListen=127.0.0.1:$SILO_PORT"
  cp_pid="$(cat "$RUN/control-plane.pid")"
  wait_for_port "$ADMIN_PORT" 90 "$cp_pid" || fail "the control plane did not open the Admin API on port $ADMIN_PORT" "$RUN/control-plane.log"
  local i ready=""
  for i in $(seq 1 300); do
    [ "$(http_status -H "Kong-Admin-Token: $token" "http://127.0.0.1:$ADMIN_PORT/status")" = "200" ] && { ready=1; break; }
    pid_alive "$cp_pid" || break
    sleep 0.2
  done
  [ -n "$ready" ] || fail "the control plane's /status did not answer 200" "$RUN/control-plane.log"

  start_process demo-upstream "$RUN/demo-upstream.log" "HGW_DEMO_LISTEN=127.0.0.1:$DEMO_PORT"
  wait_for_port "$DEMO_PORT" 60 "$(cat "$RUN/demo-upstream.pid")" || fail "the demo upstream did not listen on port $DEMO_PORT" "$RUN/demo-upstream.log"

  start_process data-plane "$RUN/data-plane.log" \
    "HGW_DataPlane__ControlPlane=http://127.0.0.1:$CLUSTER_PORT" \
    "HGW_DataPlane__NodeId=local-dp" \
    "HGW_DataPlane__CacheDirectory=$DATA/dp" \
    "HGW_DataPlane__ProxyListen=127.0.0.1:$PROXY_PORT" \
    "HGW_DataPlane__ProxySslListen=127.0.0.1:$PROXY_SSL_PORT" \
    "HGW_DataPlane__StatusListen=127.0.0.1:$STATUS_PORT" \
    "HGW_DataPlane__Labels__region=local" \
    "HGW_DataPlane__AccessLog=$RUN/access.log"
  wait_for_port "$STATUS_PORT" 60 "$(cat "$RUN/data-plane.pid")" || fail "the data plane did not open its status port $STATUS_PORT" "$RUN/data-plane.log"

  # An empty control plane gets the example config, pointed at the demo upstream's port, so that the first curl works.
  local version reply
  version="$(curl -s --max-time 5 -H "Kong-Admin-Token: $token" "http://127.0.0.1:$ADMIN_PORT/status" | grep -o '"version":[0-9]*' | head -n 1 | cut -d: -f2 || true)"
  if [ "${version:-0}" = "0" ]; then
    reply="$(sed "s#http://127.0.0.1:9080#http://127.0.0.1:$DEMO_PORT#" "$ROOT/deploy/examples/demo.yaml" \
      | curl -s --max-time 30 -w '\n%{http_code}' -H "Kong-Admin-Token: $token" -H 'Content-Type: application/yaml' \
          -H 'X-Change-Reason: example config from ./gateway.sh up' --data-binary @- "http://127.0.0.1:$ADMIN_PORT/config" || true)"
    case "$(tail -n 1 <<<"$reply")" in
      2??) ;;
      *) log "$reply"; fail "loading deploy/examples/demo.yaml into the control plane failed" "$RUN/control-plane.log" ;;
    esac
  fi
  ready=""
  for i in $(seq 1 300); do
    [ "$(http_status "http://127.0.0.1:$STATUS_PORT/status/ready")" = "200" ] && { ready=1; break; }
    pid_alive "$(cat "$RUN/data-plane.pid")" || break
    sleep 0.2
  done
  [ -n "$ready" ] || fail "the data plane did not become ready (/status/ready on port $STATUS_PORT)" "$RUN/data-plane.log"
  print_summary "$token"
}

print_summary() {
  local token="$1" pg_note=""
  [ -f "$DATA/pg/home" ] && pg_note="
  PostgreSQL files     $(cat "$DATA/pg/home")   (the postgres user cannot enter $DATA; './gateway.sh purge' deletes them)"
  cat <<TXT

HybridGateway is up.
  Proxy (data plane)   http://127.0.0.1:$PROXY_PORT     https://127.0.0.1:$PROXY_SSL_PORT     status: http://127.0.0.1:$STATUS_PORT/status
  Admin API            http://127.0.0.1:$ADMIN_PORT     token in .data/admin-token (or \$HGW_ADMIN_TOKEN)
  Admin gRPC           127.0.0.1:$ADMIN_GRPC_PORT          (h2c on loopback; same token as metadata "authorization: Bearer ...")
  Cluster gRPC         127.0.0.1:$CLUSTER_PORT          (h2c on loopback; use mTLS elsewhere)
  Demo upstream        http://127.0.0.1:$DEMO_PORT
  PostgreSQL           $(sed 's/Password=[^;]*/Password=***/' "$DATA/pg/connection")$pg_note
  Logs                 .data/run/*.log   (access log: .data/run/access.log, one JSON line per request)

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
  stop_process data-plane
  stop_process demo-upstream
  stop_process control-plane
  pg_stop "$DATA/pg"
}

cmd_purge() {
  cmd_down
  pg_purge "$DATA/pg"
  pg_purge "$DATA/test-pg"
  [ -d "$DATA/bench/pg" ] && pg_purge "$DATA/bench/pg"
  rm -rf "$DATA"
  log "deleted $DATA"
}

cmd_status() {
  local name pid
  for name in control-plane data-plane demo-upstream; do
    pid="$(running_pid "$name")"
    if [ -n "$pid" ]; then echo "$name: running (pid $pid)"; else echo "$name: stopped"; fi
  done
  if [ -f "$DATA/pg/port" ] && pg_running "$(pg_home "$DATA/pg")"; then
    echo "postgresql: running (pid $(head -n 1 "$(pg_home "$DATA/pg")/data/postmaster.pid"), port $(cat "$DATA/pg/port"), files in $(pg_home "$DATA/pg"))"
  else
    echo "postgresql: stopped"
  fi
}

cmd_test() {
  require_dotnet
  local dir="$DATA/test-pg" results="$DATA/test-results" rc=0
  mkdir -p "$DATA"
  rm -rf "$results"; mkdir -p "$results"
  TEST_PG_DIR="$dir"
  local pg_port
  pg_port="$(cat "$dir/port" 2>/dev/null || true)"
  { [ -n "$pg_port" ] && ! port_in_use "$pg_port"; } || pg_port="$(free_port)"
  HGW_PG_FSYNC=off pg_start "$dir" "$pg_port"
  trap 'pg_stop "$TEST_PG_DIR" 2>/dev/null' EXIT
  export HGW_TEST_PG="$(cat "$dir/connection")"
  export HGW_REPO_ROOT="$ROOT"
  ensure_prometheus_installed
  ensure_kubectl_installed
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
  purge) cmd_purge ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; exec "$ROOT/bench/run.sh" "$@" ;;
  pg-start) mkdir -p "$DATA"; pg_start "${2:-$DATA/pg}" "${3:-$(free_port)}"; cat "${2:-$DATA/pg}/connection" ;;
  pg-stop) pg_stop "${2:-$DATA/pg}" ;;
  *) echo "usage: $0 {up|down|status|purge|test|bench [all|proxy|config-scale|fanout|quick]}" >&2; exit 2 ;;
esac
