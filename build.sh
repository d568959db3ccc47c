#!/usr/bin/env bash
# The one entry point: ./build.sh run | run2 | test | publish   (see README.md)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
STATE="$ROOT/.falcon"

# Debian packages of the real servers that `run` starts and the integration tests start (nginx: the agent upgrade
# tests' download server; chromium: the console's browser tests, driven by Playwright; slapd and ldap-utils: the
# console's LDAP sign-in tests).
SERVER_PACKAGES=(redis-server mariadb-server victoria-metrics nginx chromium slapd ldap-utils)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

binary_of() {
  case "$1" in
    redis-server) echo redis-server ;;
    mariadb-server) echo mariadbd ;;
    victoria-metrics) echo victoria-metrics ;;
    ldap-utils) echo ldapsearch ;;
    *) echo "$1" ;;
  esac
}

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]; }

ensure_servers() {
  local missing=()
  for package in "${SERVER_PACKAGES[@]}"; do
    have "$(binary_of "$package")" || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && have apt-get; then
    say "installing ${missing[*]}"
    apt-get update -qq
    # Falcon starts its own servers on other ports, so the packages' system services are not started: a policy-rc.d
    # that refuses every start is put in place for the install (unless the machine already has one).
    local policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ -z "$policy" ] || rm -f "$policy"
  else
    echo "missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# NativeAOT links with the system toolchain: gcc (or clang) and zlib's headers.
ensure_aot_tools() {
  local missing=()
  have gcc || have clang || missing+=(gcc)
  [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && have apt-get; then
    say "installing ${missing[*]} (NativeAOT linking)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "missing: ${missing[*]} (NativeAOT needs them). Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# The console's front end (console-web/) is built by an MSBuild step with npm: Node.js 20+ and npm.
ensure_node() {
  have node && have npm && return 0
  if [ "$(id -u)" -eq 0 ] && have apt-get; then
    say "installing nodejs and npm (the console's front end build)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  else
    echo "missing: node and npm (the console's front end is built with them). Install them with: sudo apt-get install -y nodejs npm" >&2
    exit 1
  fi
}

ensure_dotnet() {
  ensure_node
  have dotnet || { echo "the .NET SDK 10 is needed (dotnet on PATH); see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 1; }
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

cmd_test() {
  ensure_dotnet
  ensure_servers
  # The agent upgrade test publishes real NativeAOT binaries.
  ensure_aot_tools
  local results="$ROOT/TestResults"
  rm -rf "$results"
  say "building (warnings are errors)"
  if ! dotnet build Falcon.slnx -c Release -nologo -v q; then
    echo "0 passed, 1 failed"
    exit 1
  fi
  say "running every test (integration tests start their own servers on free loopback ports)"
  set +e
  # Benchmarks (category Benchmark, [Explicit]) are measurements for BENCHMARKS.md, not tests: left out here, so the
  # count below has nothing that did not run.
  dotnet test Falcon.slnx -c Release --no-build -nologo -v q --filter "TestCategory!=Benchmark" \
    --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 10m
  local status=$?
  set -e
  local trx="$results/results.trx"
  if [ ! -f "$trx" ]; then
    echo "0 passed, 1 failed"
    exit 1
  fi
  local counters passed failed total executed skipped
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$(attr total); executed=$(attr executed); passed=$(attr passed)
  # An inconclusive test did not show what it was meant to: it counts as failed.
  failed=$(( $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) + $(attr inconclusive) ))
  skipped=$(( total - executed ))
  if [ "$skipped" -gt 0 ]; then
    # Integration tests never skip: a test that did not run counts as a failure.
    echo "$passed passed, $((failed + skipped)) failed, $skipped skipped"
    exit 1
  fi
  echo "$passed passed, $failed failed"
  if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then
    exit 1
  fi
}

cmd_publish() {
  ensure_dotnet
  ensure_aot_tools
  local version_args=()
  if [ -n "${FALCON_VERSION:-}" ]; then
    [[ "$FALCON_VERSION" =~ ^[0-9]+(\.[0-9]+){1,3}$ ]] || { echo "FALCON_VERSION must look like 7.1 or 7.1.0, got '$FALCON_VERSION'" >&2; exit 2; }
    version_args=("-p:Version=$FALCON_VERSION")
  fi
  say "publishing NativeAOT linux-x64 into dist/"
  rm -rf "$ROOT/dist"
  dotnet publish Falcon/Falcon.csproj -c Release -r linux-x64 -p:PublishAot=true "${version_args[@]}" -nologo -v q -o "$ROOT/dist/.publish"
  mv "$ROOT/dist/.publish/falcon" "$ROOT/dist/falcon"
  rm -rf "$ROOT/dist/.publish"
  local version
  version=$("$ROOT/dist/falcon" version)
  # What an upgrade download server serves: bin_<version> and, for nginx gzip_static, bin_<version>.gz beside it.
  # The checksums are of the unpacked binary, which is what agents verify.
  (
    cd "$ROOT/dist"
    cp falcon "bin_$version"
    gzip -9 -n -k "bin_$version"
    md5sum falcon >falcon.md5 && sha256sum falcon >falcon.sha256
    md5sum "bin_$version" >"bin_$version.md5" && sha256sum "bin_$version" >"bin_$version.sha256"
  )
  # The signature is over the unpacked binary (what agents verify before running it), made by the binary just built:
  # .NET's own ECDSA, nothing else to install. The private key stays outside the repository (falcon release keygen).
  if [ -n "${FALCON_RELEASE_KEY:-}" ]; then
    [ -r "$FALCON_RELEASE_KEY" ] || { echo "FALCON_RELEASE_KEY=$FALCON_RELEASE_KEY is not a readable file" >&2; exit 2; }
    "$ROOT/dist/falcon" release sign --key "$FALCON_RELEASE_KEY" "$ROOT/dist/bin_$version" >/dev/null
    say "signed: dist/bin_$version.sig"
  else
    say "not signed: FALCON_RELEASE_KEY is not set, so no dist/bin_$version.sig; agents with agent.upgrade.publicKeys refuse this build (see docs/upgrades.md)"
  fi
  say "dist/falcon $version ($(du -h dist/falcon | cut -f1)); download dist/bin_$version.gz ($(du -h "dist/bin_$version.gz" | cut -f1)); checksums beside them"
}

# Ports of the local stack: servers on unusual ports so a system Redis or MySQL is never touched.
REDIS_PORT=${FALCON_RUN_REDIS_PORT:-16379}
MYSQL_PORT=${FALCON_RUN_MYSQL_PORT:-13306}
TSDB_PORT=${FALCON_RUN_TSDB_PORT:-18428}
PIDS=()

stop_started() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}

wait_for() { # name, command...
  local name=$1; shift
  for _ in $(seq 1 300); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "$name did not start; see $STATE/$name.log" >&2
  exit 1
}

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1"; }

start_servers() {
  local port
  for port in "$REDIS_PORT" "$MYSQL_PORT" "$TSDB_PORT" 6030 6031 8433 6060 6080 6081 9912 1988 8080 8081; do
    if port_open "$port"; then
      echo "port $port on 127.0.0.1 is already in use (an earlier ./build.sh run still going, or another server)." >&2
      echo "Stop it, or choose other ports: FALCON_RUN_REDIS_PORT, FALCON_RUN_MYSQL_PORT, FALCON_RUN_TSDB_PORT." >&2
      exit 1
    fi
  done
  mkdir -p "$STATE/redis" "$STATE/mariadb" "$STATE/victoria-metrics"
  say "starting redis-server on 127.0.0.1:$REDIS_PORT"
  # setsid: Ctrl-C reaches build.sh and falcon only; the servers stay up while falcon drains, then the EXIT trap stops them.
  setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$STATE/redis" --appendonly yes --daemonize no \
    >"$STATE/redis.log" 2>&1 &
  PIDS+=($!)
  if [ ! -d "$STATE/mariadb/data/mysql" ]; then
    say "creating the MariaDB data directory"
    mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$STATE/mariadb/data" \
      --auth-root-authentication-method=normal >"$STATE/mariadb-install.log" 2>&1
  fi
  say "starting mariadbd on 127.0.0.1:$MYSQL_PORT"
  setsid mariadbd --no-defaults --user="$(id -un)" --datadir="$STATE/mariadb/data" --port="$MYSQL_PORT" \
    --bind-address=127.0.0.1 --socket="$STATE/mariadb/mysqld.sock" --pid-file="$STATE/mariadb/mysqld.pid" \
    --log-error="$STATE/mariadb.log" --skip-log-bin &
  PIDS+=($!)
  say "starting victoria-metrics on 127.0.0.1:$TSDB_PORT"
  setsid victoria-metrics -httpListenAddr="127.0.0.1:$TSDB_PORT" -storageDataPath="$STATE/victoria-metrics" \
    -search.latencyOffset=0s >"$STATE/victoria-metrics.log" 2>&1 &
  PIDS+=($!)
  wait_for redis redis-cli -p "$REDIS_PORT" ping
  wait_for mariadb mariadb-admin --no-defaults --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -u root ping
  wait_for victoria-metrics port_open "$TSDB_PORT"
}

write_config() {
  local mysql="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=root;Password="
  cat >"$STATE/falcon.yaml" <<YAML
# Written by ./build.sh run for the local stack; every key is explained in falcon.yaml.example.
host:
  instance: local
redis:
  connection: "127.0.0.1:$REDIS_PORT"
mysql:
  portal: "$mysql;Database=falcon_portal"
  uic: "$mysql;Database=uic"
  alarms: "$mysql;Database=alarms"
tsdb:
  writeUrl: "http://127.0.0.1:$TSDB_PORT/api/v1/write"
  queryUrl: "http://127.0.0.1:$TSDB_PORT"
hbs:
  rpcListen: "127.0.0.1:6030"
  httpListen: "127.0.0.1:6031"
transfer:
  rpcListen: "127.0.0.1:8433"
  httpListen: "127.0.0.1:6060"
  queue:
    path: "$STATE/transfer-queue"
judge:
  rpcListen: "127.0.0.1:6080"
  httpListen: "127.0.0.1:6081"
alarm:
  httpListen: "127.0.0.1:9912"
agent:
  httpListen: "127.0.0.1:1988"
apiproxy:
  httpListen: "127.0.0.1:8080"
  # A made-up server token so curl can query at once: Apitoken: {"name":"me","sig":"local-token"}.
  token: "local-token"
console:
  httpListen: "127.0.0.1:8081"
  alarmUrl: "http://127.0.0.1:9912"
  hbsUrl: "http://127.0.0.1:6031"
YAML
}

# run2: a second datacenter "dc2" on this machine: its own Redis, VictoriaMetrics, hbs and transfer (the MariaDB is
# shared and stands in for the replica a real second datacenter reads). The first stack's apiproxy spans both.
TSDB2_PORT=${FALCON_RUN_TSDB2_PORT:-18429}
REDIS2_PORT=${FALCON_RUN_REDIS2_PORT:-16380}

start_dc2_servers() {
  local port
  for port in "$REDIS2_PORT" "$TSDB2_PORT" 6130 6131 8533 6160; do
    if port_open "$port"; then
      echo "port $port on 127.0.0.1 is already in use; stop it or set FALCON_RUN_REDIS2_PORT / FALCON_RUN_TSDB2_PORT." >&2
      exit 1
    fi
  done
  mkdir -p "$STATE/dc2/redis" "$STATE/dc2/victoria-metrics"
  say "starting dc2: redis-server on 127.0.0.1:$REDIS2_PORT, victoria-metrics on 127.0.0.1:$TSDB2_PORT"
  setsid redis-server --port "$REDIS2_PORT" --bind 127.0.0.1 --dir "$STATE/dc2/redis" --appendonly yes --daemonize no \
    >"$STATE/dc2/redis.log" 2>&1 &
  PIDS+=($!)
  setsid victoria-metrics -httpListenAddr="127.0.0.1:$TSDB2_PORT" -storageDataPath="$STATE/dc2/victoria-metrics" \
    -search.latencyOffset=0s >"$STATE/dc2/victoria-metrics.log" 2>&1 &
  PIDS+=($!)
  wait_for redis2 redis-cli -p "$REDIS2_PORT" ping
  wait_for victoria-metrics2 port_open "$TSDB2_PORT"
}

write_dc2_config() {
  local mysql="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=root;Password="
  cat >"$STATE/dc2/falcon.yaml" <<YAML
# Written by ./build.sh run2: datacenter dc2 of the two-datacenter demo (see docs/dual-datacenter.md).
host:
  instance: dc2
redis:
  connection: "127.0.0.1:$REDIS2_PORT"
mysql:
  portal: "$mysql;Database=falcon_portal"
  uic: "$mysql;Database=uic"
  alarms: "$mysql;Database=alarms"
tsdb:
  writeUrl: "http://127.0.0.1:$TSDB2_PORT/api/v1/write"
  queryUrl: "http://127.0.0.1:$TSDB2_PORT"
hbs:
  rpcListen: "127.0.0.1:6130"
  httpListen: "127.0.0.1:6131"
transfer:
  rpcListen: "127.0.0.1:8533"
  httpListen: "127.0.0.1:6160"
YAML
  # The first stack becomes dc1, and its apiproxy learns both datacenters.
  cat >>"$STATE/falcon.yaml" <<YAML
datacenters:
  - name: dc1
    hbs: ["127.0.0.1:6030"]
    queryUrl: "http://127.0.0.1:$TSDB_PORT"
  - name: dc2
    hbs: ["127.0.0.1:6130"]
    queryUrl: "http://127.0.0.1:$TSDB2_PORT"
YAML
}

cmd_run() {
  local two_datacenters=${1:-}
  ensure_dotnet
  ensure_servers
  say "building"
  dotnet build Falcon/Falcon.csproj -c Release -nologo -v q
  local falcon="$ROOT/Falcon/bin/Release/net10.0/falcon"
  trap stop_started EXIT
  trap 'exit 130' INT TERM
  start_servers
  write_config
  say "creating or updating the databases"
  "$falcon" db init --config "$STATE/falcon.yaml"
  if [ -n "$two_datacenters" ]; then
    start_dc2_servers
    write_dc2_config
    say "starting datacenter dc2 (hbs 127.0.0.1:6130, transfer 127.0.0.1:8533 and HTTP :6160); log .falcon/dc2/falcon.log"
    setsid "$falcon" run --role hbs,transfer --config "$STATE/dc2/falcon.yaml" >"$STATE/dc2/falcon.log" 2>&1 &
    PIDS+=($!)
  fi
  # A uic admin to sign in to the console with (console.passwordSalt is empty here: passwd = md5(password)).
  mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -u root uic \
    -e "INSERT IGNORE INTO user (name, passwd, cnname, role) VALUES ('admin', MD5('falcon'), 'local admin', 2)"
  cat >&2 <<TABLE

  Local Falcon stack (data under .falcon/, config .falcon/falcon.yaml)
    Redis            127.0.0.1:$REDIS_PORT
    MariaDB          127.0.0.1:$MYSQL_PORT   (root, no password: falcon_portal, uic, alarms)
    VictoriaMetrics  http://127.0.0.1:$TSDB_PORT   (PromQL UI at /vmui)
    hbs              JSON-RPC 127.0.0.1:6030 (agents, judges), HTTP http://127.0.0.1:6031 (/agents, /cache, ...)
    transfer         JSON-RPC 127.0.0.1:8433 (Transfer.Update), HTTP http://127.0.0.1:6060 (POST /api/push)
    judge            JSON-RPC 127.0.0.1:6080 (Judge.Send), HTTP http://127.0.0.1:6081; events on Redis event:p0..p6
    alarm            HTTP http://127.0.0.1:9912 (/api/alarms, /api/silences); set alarm.im/phone/sms/mail to send
    agent            HTTP http://127.0.0.1:1988 (POST /v1/push); this machine reports to the local hbs and transfer
    apiproxy         HTTP http://127.0.0.1:8080 (open-falcon /api/v1/graph/*, PromQL /api/v1/query); Apitoken sig local-token
    console          http://127.0.0.1:8081  (sign in with a uic user; see docs/console.md)
    Each role serves /health and /metrics on its HTTP port; see README.md for the role ports.
  Ctrl-C stops everything started here.

TABLE
  "$falcon" run --role all --config "$STATE/falcon.yaml"
}

case "${1:-}" in
  test) cmd_test ;;
  run) cmd_run ;;
  run2) cmd_run two ;;
  publish) cmd_publish ;;
  *)
    echo "usage: ./build.sh run | run2 | test | publish" >&2
    echo "  run      start Redis, MariaDB, VictoriaMetrics and every Falcon role on this machine" >&2
    echo "  run2     as run, plus a second datacenter dc2 (its own Redis, VictoriaMetrics, hbs, transfer) behind one apiproxy" >&2
    echo "  test     build with warnings as errors and run every test against real servers" >&2
    echo "  publish  NativeAOT single-file dist/falcon with .md5 and .sha256 (and .sig with FALCON_RELEASE_KEY=<key>)" >&2
    exit 2
    ;;
esac
