#!/usr/bin/env bash
# One transfer benchmark run (BENCHMARKS.md "transfer"): a fresh VictoriaMetrics on 127.0.0.1:18428, `falcon run
# --role transfer` on 18433/18060 with the given extra settings, a 3 s warm-up, then a measured
# `falcon bench transfer` run; prints accepted points/s (from the bench), written points/s (transfer's own
# falcon_transfer_tsdb_written_total from the measured run's start until its queue is empty) and CPU per point.
# Usage: bench/transfer_run.sh <falcon binary> [--set key=value ...]
set -euo pipefail
falcon=$1; shift
work=$(mktemp -d /tmp/falcon-bench.XXXXXX)
cleanup() { kill "${tpid:-}" "${vpid:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
victoria-metrics -httpListenAddr=127.0.0.1:18428 -storageDataPath="$work/vm" -search.latencyOffset=0s -loggerLevel=ERROR >"$work/vm.log" 2>&1 &
vpid=$!
"$falcon" run --role transfer --set transfer.rpcListen=127.0.0.1:18433 --set transfer.httpListen=127.0.0.1:18060 \
  --set tsdb.writeUrl=http://127.0.0.1:18428/api/v1/write --set transfer.queue.path="$work/queue" \
  --set logging.logLevel.Default=Warning "$@" >"$work/transfer.log" 2>&1 &
tpid=$!
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:18060/health >/dev/null && curl -sf http://127.0.0.1:18428/health >/dev/null && break; sleep 0.2; done
metric() { curl -sf http://127.0.0.1:18060/metrics | awk -v m="$1" '$1 ~ "^"m"({|$)" {s+=$2} END {printf "%d", s}'; }
"$falcon" bench transfer --target 127.0.0.1:18433 --batch 200 --series 100000 --connections 20 --max --duration 3 >/dev/null
while [ "$(metric falcon_transfer_tsdb_queue_depth)" != 0 ]; do sleep 0.1; done
before=$(metric falcon_transfer_tsdb_written_total)
start=$(date +%s.%N)
"$falcon" bench transfer --target 127.0.0.1:18433 --batch 200 --series 100000 --connections 20 --max --duration 10 --server-pid "$tpid" | tee "$work/bench.txt"
while [ "$(metric falcon_transfer_tsdb_queue_depth)" != 0 ]; do sleep 0.05; done
end=$(date +%s.%N)
after=$(metric falcon_transfer_tsdb_written_total)
echo "written: $((after - before)) points in $(echo "$end - $start" | bc) s = $(echo "($after - $before) / ($end - $start)" | bc) points/s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep -iE "error|fail" "$work/transfer.log" | head -3 || true
