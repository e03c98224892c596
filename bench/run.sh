#!/usr/bin/env bash
# HybridGateway benchmarks: ratios against nginx and a minimal YARP proxy measured in the same run.
#   bench/run.sh [all|proxy|balancing|rate-limit-keys|config-scale|fanout|quick|profile]    (./gateway.sh bench [scenario] calls this)
# Load (wrk) runs on CPU 0, every server on CPU 1; everything listens on 127.0.0.1; every process
# started here is stopped by its PID. Results: printed, and written to bench/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
RUN="$ROOT/.data/bench"
RESULTS="$BENCH/results"
SCENARIO="${1:-all}"
DURATION="${HGW_BENCH_DURATION:-10}"
WARMUP="${HGW_BENCH_WARMUP:-30}"
ROUNDS="${HGW_BENCH_ROUNDS:-3}"
CONNECTIONS="${HGW_BENCH_CONNECTIONS:-32 128}"
if [ "$SCENARIO" = "quick" ]; then DURATION=3; WARMUP=5; ROUNDS=1; CONNECTIONS="32"; SCENARIO=all; fi
LOAD_CPU=0
SERVER_CPU=$(( $(nproc) > 1 ? 1 : 0 ))
TOKEN="bench-admin-token-$(date +%s)-0123456789"
CLK_TCK="$(getconf CLK_TCK)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$RESULTS/$STAMP-$SCENARIO.md"
PIDS=()

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Below the kernel's ephemeral range, where no outgoing connection takes the port meanwhile.
free_port() {
  local p low; low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  [ "${low:-0}" -ge 12000 ] 2>/dev/null || low=32768
  for _ in $(seq 1 200); do p=$(( 10000 + RANDOM % (low - 10000) )); port_in_use "$p" || { echo "$p"; return; }; done; die "no free port"
}
wait_port() { for _ in $(seq 1 600); do port_in_use "$1" && return 0; sleep 0.1; done; die "nothing listens on $1"; }

cleanup() {
  local pid
  [ -f "$RUN/started.pids" ] && mapfile -t -O "${#PIDS[@]}" PIDS < "$RUN/started.pids"
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  sleep 0.5
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; done
  rm -f "$RUN/started.pids"
  "$ROOT/gateway.sh" pg-stop "$RUN/pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v taskset >/dev/null || missing+=(util-linux)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]} from the distribution's packages..."
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# start_bg NAME CMD...: on the server CPU, in the background. taskset execs the command, so $! is
# the server's own PID: the one measured, and the one stopped.
start_bg() {
  local name="$1"; shift
  taskset -c "$SERVER_CPU" "$@" >"$RUN/$name.log" 2>&1 &
  PIDS+=("$!")
  echo "$!" > "$RUN/$name.pid"
  # Scenarios run in pipelines (subshells): what they start is recorded here for cleanup too.
  echo "$!" >> "$RUN/started.pids"
}

# CPU time (ticks) of a process and its children (nginx workers).
cpu_ticks() {
  local total=0 p
  for p in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null); do
    [ -r "/proc/$p/stat" ] || continue
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat") ))
  done
  echo "$total"
}

to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

# measure LABEL URL PID CONNECTIONS SECONDS [HEADER] -> "rps p50 p99 cpu_us_per_request errors"
measure() {
  local url="$2" pid="$3" conns="$4" seconds="$5" header="${6:-}" before after output rps p50 p99 requests errors cpu
  local extra=()
  [ -n "$header" ] && extra=(-H "$header")
  before=$(cpu_ticks "$pid")
  output=$(taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"${seconds}s" --latency "${extra[@]}" "$url" 2>&1)
  after=$(cpu_ticks "$pid")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$output")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$output")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$output")")
  requests=$(awk '/requests in/ {print $1}' <<<"$output")
  errors=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/[^0-9 ]/, " "); n += $1 + $2 + $3 + $4} END {print n + 0}' <<<"$output")
  cpu=$(awk -v t=$(( after - before )) -v hz="$CLK_TCK" -v n="${requests:-0}" 'BEGIN { if (n > 0) printf "%.1f", t * 1000000 / hz / n; else print "-" }')
  echo "${rps:-0} ${p50:-0} ${p99:-0} $cpu ${errors:-0}"
}

# ---------- the servers ----------
start_origin() {
  mkdir -p "$RUN/www"
  printf 'hello world\n' > "$RUN/www/12b"
  head -c 1024 /dev/zero | tr '\0' 'a' > "$RUN/www/1k"
  head -c 65536 /dev/zero | tr '\0' 'b' > "$RUN/www/64k"
  ORIGIN_PORT=$(free_port)
  # Nine more ports: with ORIGIN_PORT, the ten targets of the balancing scenarios.
  TARGET_PORTS="$ORIGIN_PORT"
  local extra="" p
  for _ in $(seq 1 9); do p=$(free_port); TARGET_PORTS="$TARGET_PORTS $p"; extra="$extra        listen 127.0.0.1:$p reuseport backlog=4096;\n"; done
  sed -e "s|@RUN@|$RUN|g" -e "s|@PORT@|$ORIGIN_PORT|g" -e "s|@WWW@|$RUN/www|g" -e "s|@EXTRA_LISTEN@|$extra|" "$BENCH/nginx/origin.conf.template" > "$RUN/origin.conf"
  start_bg origin "$NGINX" -c "$RUN/origin.conf" -p "$RUN"
  wait_port "$ORIGIN_PORT"
}

start_nginx_proxy() {
  NGINX_PORT=$(free_port)
  sed -e "s|@RUN@|$RUN|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@ORIGIN@|$ORIGIN_PORT|g" "$BENCH/nginx/proxy.conf.template" > "$RUN/nginx-proxy.conf"
  start_bg nginx-proxy "$NGINX" -c "$RUN/nginx-proxy.conf" -p "$RUN"
  wait_port "$NGINX_PORT"
}

start_yarp() {
  YARP_PORT=$(free_port)
  start_bg minimal-yarp dotnet "$BENCH/MinimalYarp/bin/Release/net10.0/MinimalYarp.dll" "127.0.0.1:$YARP_PORT" "http://127.0.0.1:$ORIGIN_PORT"
  wait_port "$YARP_PORT"
}

start_gateway() {
  mkdir -p "$RUN/pg"
  "$ROOT/gateway.sh" pg-start "$RUN/pg" "$(free_port)" >/dev/null
  ADMIN_PORT=$(free_port); CLUSTER_PORT=$(free_port); DP_PORT=$(free_port); STATUS_PORT=$(free_port)
  HGW_ControlPlane__ConnectionString="$(sed 's/Database=postgres/Database=hgwbench/' "$RUN/pg/connection")" \
  HGW_ControlPlane__AdminListen="127.0.0.1:$ADMIN_PORT" HGW_ControlPlane__AdminGrpcListen="127.0.0.1:$(free_port)" HGW_ControlPlane__ClusterListen="127.0.0.1:$CLUSTER_PORT" \
  HGW_ControlPlane__BootstrapAdminToken="$TOKEN" HGW_ControlPlane__AllowInsecureCluster=true \
  HGW_ControlPlane__Counters__SiloListen="127.0.0.1:$(free_port)" \
    start_bg control-plane dotnet "$ROOT/src/HybridGateway.ControlPlane/bin/Release/net10.0/HybridGateway.ControlPlane.dll"
  CP_PID=$(cat "$RUN/control-plane.pid")
  wait_port "$ADMIN_PORT"
  rm -rf "$RUN/dp-cache"
  start_data_plane "$RUN/access.log"
}

# start_data_plane ACCESS_LOG [VAR=value...]: the data plane as ./gateway.sh up starts it (access
# log to a file); ACCESS_LOG=off only for the scenario that measures what the access log costs, and
# the OTEL_* variables only for the tracing scenarios.
start_data_plane() {
  local access_log="$1" kv; shift
  for kv in "$@"; do export "${kv?}"; done
  HGW_DataPlane__ControlPlane="http://127.0.0.1:$CLUSTER_PORT" HGW_DataPlane__NodeId=bench-dp HGW_DataPlane__CacheDirectory="$RUN/dp-cache" \
  HGW_DataPlane__ProxyListen="127.0.0.1:$DP_PORT" HGW_DataPlane__ProxySslListen="127.0.0.1:$(free_port)" HGW_DataPlane__StatusListen="127.0.0.1:$STATUS_PORT" \
  HGW_DataPlane__AccessLog="$access_log" \
    start_bg data-plane dotnet "$ROOT/src/HybridGateway.DataPlane/bin/Release/net10.0/HybridGateway.DataPlane.dll"
  for kv in "$@"; do unset "${kv%%=*}"; done
  DP_PID=$(cat "$RUN/data-plane.pid")
  wait_port "$STATUS_PORT"
  wait_port "$DP_PORT"
}

restart_data_plane() { # ACCESS_LOG [VAR=value...]
  kill "$DP_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$DP_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$DP_PID" 2>/dev/null || true
  start_data_plane "$@"
  for _ in $(seq 1 300); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$STATUS_PORT/status/ready")" = 200 ] && return 0; sleep 0.1; done
  die "the restarted data plane did not become ready"
}

admin() { curl -s -H "Kong-Admin-Token: $TOKEN" "$@"; }

# push_config FILE: import a declarative file through the Admin API and wait until the data plane serves it
push_config() {
  local version
  for _ in $(seq 1 300); do [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Kong-Admin-Token: $TOKEN" "http://127.0.0.1:$ADMIN_PORT/status")" = 200 ] && break; sleep 0.2; done
  version=$(admin -H 'Content-Type: application/yaml' --data-binary "@$1" "http://127.0.0.1:$ADMIN_PORT/config" | grep -o '"version":[0-9]*' | head -n 1 | cut -d: -f2)
  [ -n "$version" ] || die "the control plane refused $1"
  for _ in $(seq 1 600); do
    curl -s "http://127.0.0.1:$STATUS_PORT/status" | grep -q "\"version\":$version," && return 0
    sleep 0.1
  done
  die "the data plane did not reach version $version"
}

one_route_config() {
  cat > "$RUN/one-route.yaml" <<YAML
_format_version: "3.0"
services:
- name: origin
  url: http://127.0.0.1:$ORIGIN_PORT
  routes:
  - name: all
    paths: [/]
    strip_path: false
YAML
}

# The one route behind key-auth, with one consumer whose key the load sends (hide_credentials on,
# so the plugin also rewrites the upstream request).
key_auth_config() {
  one_route_config
  cat >> "$RUN/one-route.yaml" <<YAML
consumers:
- username: bench
  keyauth_credentials:
  - key: $BENCH_KEY
plugins:
- name: key-auth
  config:
    hide_credentials: true
YAML
  mv "$RUN/one-route.yaml" "$RUN/key-auth.yaml"
}
BENCH_KEY="bench-key-$(date +%s)-0123456789abcdef"

# The one route with cluster rate limiting far above the load: every request spends a leased token,
# none is refused, and leases are asked for in the background.
rate_limit_config() {
  one_route_config
  cat >> "$RUN/one-route.yaml" <<YAML
plugins:
- name: rate-limiting
  config:
    second: 100000000
    policy: cluster
    limit_by: ip
YAML
  mv "$RUN/one-route.yaml" "$RUN/rate-limit.yaml"
}

# The one route with the prometheus plugin, every metric family on.
prometheus_config() {
  one_route_config
  cat >> "$RUN/one-route.yaml" <<YAML
plugins:
- name: prometheus
  config: { status_code_metrics: true, latency_metrics: true, bandwidth_metrics: true, per_consumer: true }
YAML
  mv "$RUN/one-route.yaml" "$RUN/prometheus.yaml"
}

# key-auth, rate-limiting (cluster, far above the load) and prometheus together: Kong publishes
# 0.74x for key-auth and rate-limiting alone.
three_plugins_config() {
  key_auth_config
  cat >> "$RUN/key-auth.yaml" <<YAML
- name: rate-limiting
  config: { second: 100000000, policy: cluster, limit_by: consumer }
- name: prometheus
  config: { status_code_metrics: true, latency_metrics: true, bandwidth_metrics: true, per_consumer: true }
YAML
  mv "$RUN/key-auth.yaml" "$RUN/three-plugins.yaml"
}

# 100,000 keys, one counter each, for the control plane's memory with that many live counters.
rate_limit_keys_config() {
  one_route_config
  cat >> "$RUN/one-route.yaml" <<YAML
plugins:
- name: rate-limiting
  config:
    minute: 1000
    policy: cluster
    limit_by: header
    header_name: x-tenant
YAML
  mv "$RUN/one-route.yaml" "$RUN/rate-limit-keys.yaml"
  cat > "$RUN/tenants.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/12b", { ["x-tenant"] = "tenant-" .. (counter % 100000) })
end
LUA
}

# One route to an upstream of ten targets (the origin's ten ports) under ALGORITHM; with HEALTH_TARGETS,
# a second upstream of that many targets with active checks every second (most ports closed: the
# probes' cost is what is measured, whatever they find).
balancing_config() { # ALGORITHM [HEALTH_TARGETS]
  local algorithm="$1" health="${2:-0}" port i
  {
    echo '_format_version: "3.0"'
    echo 'upstreams:'
    echo '- name: ten.pool'
    echo "  algorithm: $algorithm"
    [ "$algorithm" = consistent-hashing ] && { echo '  hash_on: header'; echo '  hash_on_header: x-user'; }
    echo '  targets:'
    for port in $TARGET_PORTS; do echo "  - target: 127.0.0.1:$port"; done
    if [ "$health" -gt 0 ]; then
      echo '- name: checked.pool'
      echo '  healthchecks: {active: {timeout: 1, healthy: {interval: 1, successes: 2}, unhealthy: {interval: 1, tcp_failures: 2, http_failures: 2, timeouts: 2}}}'
      echo '  targets:'
      for i in $(seq 1 "$health"); do echo "  - target: 127.0.0.1:$(( 40000 + i ))"; done
    fi
    echo 'services:'
    echo '- name: balanced'
    echo '  host: ten.pool'
    echo '  routes:'
    echo '  - name: all'
    echo '    paths: [/]'
    echo '    strip_path: false'
  } > "$RUN/balancing.yaml"
}

# Each algorithm against round-robin over ten targets, and round-robin with 1,000 health-checked
# targets on the node (issue 11's benchmark).
balancing_scenarios() {
  local raw="$RUN/raw-balancing.txt" conns round algorithm
  : > "$raw"
  for algorithm in round-robin least-connections consistent-hashing latency; do
    balancing_config "$algorithm"
    push_config "$RUN/balancing.yaml"
    warm_up "http://127.0.0.1:$DP_PORT/12b"
    for conns in $CONNECTIONS; do
      for round in $(seq 1 "$ROUNDS"); do
        log "balancing, $algorithm over 10 targets, 12 B, $conns connections, round $round..."
        run_round "balance-$algorithm" 12b "$conns" "$round" "/" "x-user: bench-user-1" | tee -a "$raw" >&2
      done
    done
  done
  balancing_config round-robin 1000
  push_config "$RUN/balancing.yaml"
  warm_up "http://127.0.0.1:$DP_PORT/12b"
  for conns in $CONNECTIONS; do
    for round in $(seq 1 "$ROUNDS"); do
      log "balancing, round-robin over 10 targets with 1,000 health-checked targets on the node, 12 B, $conns connections, round $round..."
      run_round "balance-health-1000" 12b "$conns" "$round" "/" "x-user: bench-user-1" | tee -a "$raw" >&2
    done
  done
  echo
  echo "## Balancing ($(date -u +%Y-%m-%d), ${DURATION}s per measurement, ${ROUNDS} rounds)"
  echo
  print_table "$raw"
  echo
  awk '
    $2 == "12b" && ($5 == "dp" || $5 == "yarp") { s[$1 SUBSEP $3 SUBSEP $5] += $6; c[$1 SUBSEP $3 SUBSEP $5]++ }
    function r(scenario, conns, target) { k = scenario SUBSEP conns SUBSEP target; return s[k] / c[k] }
    END {
      for (k in s) {
        split(k, p, SUBSEP)
        if (p[1] == "balance-round-robin" || p[3] != "dp") continue
        base = r("balance-round-robin", p[2], "dp"); baseY = base / r("balance-round-robin", p[2], "yarp")
        other = r(p[1], p[2], "dp"); otherY = other / r(p[1], p[2], "yarp")
        target = (p[1] == "balance-least-connections" || p[1] == "balance-consistent-hashing") ? " (target 0.95×)" : ""
        printf "%s vs balance-round-robin (10 targets, 12 B, %s connections): %.2f× the RPS%s; against YARP in the same rounds %.2f× vs %.2f× (%.2f×)\n\n", p[1], p[2], other / base, target, otherY, baseY, otherY / baseY
      }
    }' "$raw"
}

many_routes_config() {
  {
    printf '_format_version: "3.0"\nservices:\n'
    for i in $(seq 0 9999); do
      printf -- '- name: svc-%d\n  url: http://127.0.0.1:%d\n  routes:\n  - name: route-%d\n    paths: [/route-%d]\n' "$i" "$ORIGIN_PORT" "$i" "$i"
    done
  } > "$RUN/many-routes.yaml"
}

warm_up() { # url
  taskset -c "$LOAD_CPU" wrk -t1 -c64 -d"${WARMUP}s" "$1" >/dev/null 2>&1 || true
}

# ---------- scenarios ----------
TABLE_HEADER="| scenario | body | conns | target | RPS | p50 ms | p99 ms | ×nginx | ×YARP | p99 ×YARP | CPU µs/req | errors |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"

# run_round SCENARIO BODY CONNS ROUND DP_PATH [DP_HEADER]: the four targets, in alternating order, one line each
run_round() {
  local scenario="$1" body="$2" conns="$3" round="$4" dp_path="$5" dp_header="${6:-}" order targets t
  targets="direct nginx yarp dp"
  [ $(( round % 2 )) -eq 0 ] && targets="dp yarp nginx direct"
  for t in $targets; do
    case "$t" in
      direct) echo "$scenario $body $conns $round direct $(measure direct "http://127.0.0.1:$ORIGIN_PORT/$body" "$(cat "$RUN/origin.pid")" "$conns" "$DURATION")" ;;
      nginx) echo "$scenario $body $conns $round nginx $(measure nginx "http://127.0.0.1:$NGINX_PORT/$body" "$(cat "$RUN/nginx-proxy.pid")" "$conns" "$DURATION")" ;;
      yarp) echo "$scenario $body $conns $round yarp $(measure yarp "http://127.0.0.1:$YARP_PORT/$body" "$(cat "$RUN/minimal-yarp.pid")" "$conns" "$DURATION")" ;;
      dp) echo "$scenario $body $conns $round dp $(measure dp "http://127.0.0.1:$DP_PORT$dp_path$body" "$DP_PID" "$conns" "$DURATION" "$dp_header")" ;;
    esac
  done
}

proxy_scenarios() {
  local raw="$RUN/raw.txt" conns round body
  : > "$raw"
  one_route_config
  push_config "$RUN/one-route.yaml"
  log "warming up (${WARMUP}s each)..."
  warm_up "http://127.0.0.1:$NGINX_PORT/12b"
  warm_up "http://127.0.0.1:$YARP_PORT/12b"
  warm_up "http://127.0.0.1:$DP_PORT/12b"
  for conns in $CONNECTIONS; do
    for round in $(seq 1 "$ROUNDS"); do
      log "0 plugins, 1 route, 12 B, $conns connections, round $round..."
      run_round "1-route" 12b "$conns" "$round" "/" | tee -a "$raw" >&2
    done
  done
  # What the access log costs: the same route with the log off, against the shipped default above.
  restart_data_plane off
  warm_up "http://127.0.0.1:$DP_PORT/12b"
  for conns in $CONNECTIONS; do
    for round in $(seq 1 "$ROUNDS"); do
      log "access log off, 1 route, 12 B, $conns connections, round $round..."
      run_round "access-log-off" 12b "$conns" "$round" "/" | tee -a "$raw" >&2
    done
  done
  # What tracing costs: the shipped data plane exporting spans (and metrics) over OTLP/HTTP to a
  # sink, with 1% of the traces sampled and with every one.
  local rate
  for rate in 0.01 1; do
    restart_data_plane "$RUN/access.log" "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$ORIGIN_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
      OTEL_TRACES_SAMPLER=parentbased_traceidratio "OTEL_TRACES_SAMPLER_ARG=$rate"
    warm_up "http://127.0.0.1:$DP_PORT/12b"
    for conns in $CONNECTIONS; do
      for round in $(seq 1 "$ROUNDS"); do
        log "tracing, sampled $rate, 1 route, 12 B, $conns connections, round $round..."
        run_round "tracing-$rate" 12b "$conns" "$round" "/" | tee -a "$raw" >&2
      done
    done
  done
  restart_data_plane "$RUN/access.log"
  key_auth_config
  push_config "$RUN/key-auth.yaml"
  warm_up "http://127.0.0.1:$DP_PORT/12b" # unauthenticated: exercises the 401 path too
  for conns in $CONNECTIONS; do
    for round in $(seq 1 "$ROUNDS"); do
      log "key-auth, 1 route, 12 B, $conns connections, round $round..."
      run_round "key-auth" 12b "$conns" "$round" "/" "apikey: $BENCH_KEY" | tee -a "$raw" >&2
    done
  done
  rate_limit_config
  push_config "$RUN/rate-limit.yaml"
  warm_up "http://127.0.0.1:$DP_PORT/12b"
  for conns in $CONNECTIONS; do
    for round in $(seq 1 "$ROUNDS"); do
      log "rate-limiting (cluster), 1 route, 12 B, $conns connections, round $round..."
      run_round "rate-limiting" 12b "$conns" "$round" "/" | tee -a "$raw" >&2
    done
  done
  prometheus_config
  push_config "$RUN/prometheus.yaml"
  warm_up "http://127.0.0.1:$DP_PORT/12b"
  for conns in $CONNECTIONS; do
    for round in $(seq 1 "$ROUNDS"); do
      log "prometheus, 1 route, 12 B, $conns connections, round $round..."
      run_round "prometheus" 12b "$conns" "$round" "/" | tee -a "$raw" >&2
    done
  done
  three_plugins_config
  push_config "$RUN/three-plugins.yaml"
  warm_up "http://127.0.0.1:$DP_PORT/12b"
  for conns in $CONNECTIONS; do
    for round in $(seq 1 "$ROUNDS"); do
      log "key-auth + rate-limiting + prometheus, 1 route, 12 B, $conns connections, round $round..."
      run_round "three-plugins" 12b "$conns" "$round" "/" "apikey: $BENCH_KEY" | tee -a "$raw" >&2
    done
  done
  log "pushing 10,000 services and routes..."
  many_routes_config
  push_config "$RUN/many-routes.yaml"
  warm_up "http://127.0.0.1:$DP_PORT/route-5000/12b"
  for body in 12b 1k 64k; do
    for conns in $CONNECTIONS; do
      for round in $(seq 1 "$ROUNDS"); do
        log "10,000 routes, $body, $conns connections, round $round..."
        run_round "10k-routes" "$body" "$conns" "$round" "/route-5000/" | tee -a "$raw" >&2
      done
    done
  done
  summarize "$raw"
}

# print_table RAW: the measurements averaged over rounds, one row per scenario, body, connections and target.
print_table() {
  echo "$TABLE_HEADER"
  awk '
    { key = $1 " " $2 " " $3; t = $5; k = key " " t
      rps[k] += $6; p50[k] += $7; p99[k] += $8; if ($9 != "-") { cpu[k] += $9; cpun[k]++ } err[k] += $10; n[k]++
      if (!(key in seen)) { seen[key] = 1; order[++keys] = key } }
    END {
      split("direct nginx yarp dp", targets, " ")
      for (i = 1; i <= keys; i++) {
        key = order[i]; split(key, parts, " ")
        ng = rps[key " nginx"] / n[key " nginx"]; ya = rps[key " yarp"] / n[key " yarp"]; yp99 = p99[key " yarp"] / n[key " yarp"]
        for (j = 1; j <= 4; j++) {
          k = key " " targets[j]; if (!(k in n)) continue
          r = rps[k] / n[k]; q = p99[k] / n[k]
          printf "| %s | %s | %s | %s | %.0f | %.3f | %.3f | %.2f | %.2f | %.2f | %s | %d |\n", parts[1], parts[2], parts[3], targets[j], r, p50[k] / n[k], q, r / ng, r / ya, q / yp99, (cpun[k] ? sprintf("%.1f", cpu[k] / cpun[k]) : "-"), err[k]
        }
      }
    }' "$1"
}

# Averages over rounds; ratios from the same rounds.
summarize() {
  echo "## Proxy throughput ($(date -u +%Y-%m-%d), ${DURATION}s per measurement, ${ROUNDS} rounds, wrk on CPU $LOAD_CPU, servers on CPU $SERVER_CPU)"
  echo
  print_table "$1"
  echo
  # Scenario against scenario: the data plane's RPS, and (since the machine drifts between the
  # scenarios' rounds) its RPS relative to minimal YARP's in the same rounds.
  awk '
    $2 == "12b" && ($5 == "dp" || $5 == "yarp") { s[$1 SUBSEP $3 SUBSEP $5] += $6; c[$1 SUBSEP $3 SUBSEP $5]++ }
    function r(scenario, conns, target) { k = scenario SUBSEP conns SUBSEP target; return s[k] / c[k] }
    END {
      for (k in s) {
        split(k, p, SUBSEP)
        if (p[1] != "1-route" || p[3] != "dp") continue
        base = r("1-route", p[2], "dp"); baseY = base / r("1-route", p[2], "yarp")
        if (("10k-routes" SUBSEP p[2] SUBSEP "dp") in s) {
          other = r("10k-routes", p[2], "dp")
          printf "10,000 routes vs 1 route (12 B, %s connections): %.2f× the RPS; against YARP in the same rounds %.2f× vs %.2f× (%.2f×)\n\n", p[2], other / base, other / r("10k-routes", p[2], "yarp"), baseY, (other / r("10k-routes", p[2], "yarp")) / baseY
        }
        if (("access-log-off" SUBSEP p[2] SUBSEP "dp") in s) {
          quiet = r("access-log-off", p[2], "dp")
          printf "shipped defaults (access log on) vs access log off (1 route, 12 B, %s connections): %.2f× the RPS (target 0.95×); against YARP in the same rounds %.2f× vs %.2f× (%.2f×)\n\n", p[2], base / quiet, baseY, quiet / r("access-log-off", p[2], "yarp"), baseY / (quiet / r("access-log-off", p[2], "yarp"))
        }
        if (("tracing-0.01" SUBSEP p[2] SUBSEP "dp") in s) {
          t = r("tracing-0.01", p[2], "dp")
          printf "tracing, 1%% sampled vs shipped defaults (1 route, 12 B, %s connections): %.2f× the RPS (target 0.95×); against YARP in the same rounds %.2f× vs %.2f× (%.2f×)\n\n", p[2], t / base, t / r("tracing-0.01", p[2], "yarp"), baseY, (t / r("tracing-0.01", p[2], "yarp")) / baseY
        }
        if (("tracing-1" SUBSEP p[2] SUBSEP "dp") in s) {
          t = r("tracing-1", p[2], "dp")
          printf "tracing, every request sampled vs shipped defaults (1 route, 12 B, %s connections): %.2f× the RPS (reported); against YARP in the same rounds %.2f× vs %.2f× (%.2f×)\n\n", p[2], t / base, t / r("tracing-1", p[2], "yarp"), baseY, (t / r("tracing-1", p[2], "yarp")) / baseY
        }
        if (("prometheus" SUBSEP p[2] SUBSEP "dp") in s) {
          m = r("prometheus", p[2], "dp")
          printf "prometheus vs 0 plugins (1 route, 12 B, %s connections): %.2f× the RPS (target 0.90×); against YARP in the same rounds %.2f× vs %.2f× (%.2f×)\n\n", p[2], m / base, m / r("prometheus", p[2], "yarp"), baseY, (m / r("prometheus", p[2], "yarp")) / baseY
        }
        if (("three-plugins" SUBSEP p[2] SUBSEP "dp") in s) {
          m = r("three-plugins", p[2], "dp")
          printf "key-auth + rate-limiting + prometheus vs 0 plugins (1 route, 12 B, %s connections): %.2f× the RPS (target 0.85×); against YARP in the same rounds %.2f× vs %.2f× (%.2f×)\n\n", p[2], m / base, m / r("three-plugins", p[2], "yarp"), baseY, (m / r("three-plugins", p[2], "yarp")) / baseY
        }
        if (("rate-limiting" SUBSEP p[2] SUBSEP "dp") in s) {
          limited = r("rate-limiting", p[2], "dp")
          printf "rate-limiting (cluster) vs 0 plugins (1 route, 12 B, %s connections): %.2f× the RPS (target 0.90×); against YARP in the same rounds %.2f× vs %.2f× (%.2f×)\n\n", p[2], limited / base, limited / r("rate-limiting", p[2], "yarp"), baseY, (limited / r("rate-limiting", p[2], "yarp")) / baseY
        }
        if (("key-auth" SUBSEP p[2] SUBSEP "dp") in s) {
          keyed = r("key-auth", p[2], "dp")
          printf "key-auth vs 0 plugins (1 route, 12 B, %s connections): %.2f× the RPS; against YARP in the same rounds %.2f× vs %.2f× (%.2f×)\n\n", p[2], keyed / base, keyed / r("key-auth", p[2], "yarp"), baseY, (keyed / r("key-auth", p[2], "yarp")) / baseY
        }
      }
    }' "$1"
}

# The control plane's memory with 100,000 live rate-limit keys (one counter grain each).
rate_limit_keys() {
  rate_limit_keys_config
  push_config "$RUN/rate-limit-keys.yaml"
  local before after grains
  before=$(admin "http://127.0.0.1:$ADMIN_PORT/status")
  log "100,000 keys through one data plane..."
  taskset -c "$LOAD_CPU" wrk -t1 -c64 -d"${HGW_BENCH_KEYS_SECONDS:-40}s" -s "$RUN/tenants.lua" "http://127.0.0.1:$DP_PORT/" >"$RUN/keys-wrk.txt" 2>&1 || true
  after=$(admin "http://127.0.0.1:$ADMIN_PORT/status")
  grains=$(printf '%s' "$after" | grep -o '"counter_grains_by_silo":{[^}]*}' | grep -o ':[0-9]*}' | tr -dc '0-9')
  echo "## Rate-limit counters: control-plane memory with many live keys"
  echo
  echo "| | counter grains | RSS MiB | GC heap MiB |"
  echo "| --- | --- | --- | --- |"
  printf '| before | 0 | %s | %s |\n' "$(json_mib "$before" resident_bytes)" "$(json_mib "$before" gc_heap_bytes)"
  printf '| after %s requests over 100,000 keys | %s | %s | %s |\n' "$(awk '/requests in/ {print $1}' "$RUN/keys-wrk.txt")" "${grains:-?}" "$(json_mib "$after" resident_bytes)" "$(json_mib "$after" gc_heap_bytes)"
  echo
}

json_mib() { printf '%s' "$1" | grep -o "\"$2\":[0-9]*" | cut -d: -f2 | awk '{printf "%.0f", $1 / 1048576}'; }

config_scale() {
  echo "$(dotnet "$BENCH/ConfigScale/bin/Release/net10.0/ConfigScale.dll")"
  echo
}

fanout() {
  export HGW_GCDUMP="${HGW_GCDUMP:-$(command -v dotnet-gcdump || echo "$HOME/.dotnet/tools/dotnet-gcdump")}"
  [ -x "$HGW_GCDUMP" ] || { log "installing dotnet-gcdump..."; dotnet tool install -g dotnet-gcdump >/dev/null; }
  echo "## Fan-out: one control plane, N simulated nodes in one process (config: 10,000 services and routes)"
  echo
  echo "| nodes | writes | write → ACK p50 | p99 | max | control-plane live heap per node (after full GC) | RSS per node |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  local n
  for n in 100 1000; do
    log "fan-out to $n nodes..."
    taskset -c "$LOAD_CPU" dotnet "$BENCH/FanOut/bin/Release/net10.0/FanOut.dll" "http://127.0.0.1:$CLUSTER_PORT" "http://127.0.0.1:$ADMIN_PORT" "$TOKEN" "$CP_PID" "$n" 5
  done
  echo
}

# Where the CPU goes in the data plane and in minimal YARP under the same load (dotnet-trace).
profile() {
  local tool target pid url trace
  tool="$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")"
  [ -x "$tool" ] || { log "installing dotnet-trace..."; dotnet tool install -g dotnet-trace >/dev/null; tool="$HOME/.dotnet/tools/dotnet-trace"; }
  one_route_config
  push_config "$RUN/one-route.yaml"
  echo "## Profiles (dotnet-trace, 1 route, 12 B, 32 connections)"
  echo
  for target in dp yarp; do
    if [ "$target" = dp ]; then pid=$DP_PID; url="http://127.0.0.1:$DP_PORT/12b"; else pid=$(cat "$RUN/minimal-yarp.pid"); url="http://127.0.0.1:$YARP_PORT/12b"; fi
    warm_up "$url"
    taskset -c "$LOAD_CPU" wrk -t1 -c32 -d30s "$url" >/dev/null 2>&1 &
    local load=$!
    sleep 5
    trace="$RUN/$target.nettrace"
    rm -f "$trace"
    "$tool" collect-linux -p "$pid" --profile cpu-sampling --duration 00:00:00:15 -o "$trace" >"$RUN/$target-trace.log" 2>&1 \
      || "$tool" collect -p "$pid" --profile dotnet-sampled-thread-time --duration 00:00:00:15 -o "$trace" >>"$RUN/$target-trace.log" 2>&1
    wait "$load" || true
    echo "### $target: top methods by inclusive time"
    echo '```'
    "$tool" report "$trace" topN -n 40 --inclusive 2>&1 | head -n 60
    echo '```'
    echo "### $target: top methods by exclusive time"
    echo '```'
    "$tool" report "$trace" topN -n 30 2>&1 | head -n 50
    echo '```'
    echo
  done
}

main() {
  ensure_tools
  mkdir -p "$RUN" "$RESULTS"
  rm -f "$RUN/started.pids"
  log "building (Release)..."
  local project
  : > "$RUN/build.log"
  for project in src/HybridGateway.ControlPlane src/HybridGateway.DataPlane bench/MinimalYarp bench/ConfigScale bench/FanOut; do
    dotnet build "$ROOT/$project" -c Release -nologo -clp:ErrorsOnly -v:q >>"$RUN/build.log" 2>&1 || { tail -n 30 "$RUN/build.log" >&2; die "build of $project failed"; }
  done
  {
    echo "# HybridGateway benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr); .NET $(dotnet --version); $("$NGINX" -v 2>&1 | sed 's/.*: //'); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    echo
  } > "$OUT"
  case "$SCENARIO" in
    all|proxy|fanout|profile)
      start_origin
      start_gateway
      ;;
  esac
  case "$SCENARIO" in
    profile)
      start_yarp
      profile | tee -a "$OUT"
      ;;
  esac
  case "$SCENARIO" in
    all|proxy)
      start_nginx_proxy
      start_yarp
      proxy_scenarios | tee -a "$OUT"
      ;;
  esac
  case "$SCENARIO" in
    balancing)
      start_origin
      start_gateway
      start_nginx_proxy
      start_yarp
      ;;
  esac
  case "$SCENARIO" in
    all|balancing) balancing_scenarios | tee -a "$OUT" ;;
  esac
  case "$SCENARIO" in
    all|rate-limit-keys)
      [ "$SCENARIO" = rate-limit-keys ] && { start_origin; start_gateway; }
      rate_limit_keys | tee -a "$OUT"
      ;;
  esac
  case "$SCENARIO" in
    all|config-scale) config_scale | tee -a "$OUT" ;;
  esac
  case "$SCENARIO" in
    all|fanout)
      many_routes_config
      push_config "$RUN/many-routes.yaml"
      fanout | tee -a "$OUT"
      ;;
  esac
  log "written to ${OUT#$ROOT/}"
}

# Run when executed; when sourced (for ad-hoc experiments), only define the functions.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main
fi
