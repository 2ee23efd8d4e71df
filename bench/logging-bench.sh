#!/usr/bin/env bash
# Request-log cost benchmark (issue 6): req/s through `understudy-gateway
# serve` with the request log off (metrics and events in memory only) and on
# (--log-db: every request's summary and attempt trail written to SQLite by
# the writer thread), same config, one worker, the gateway pinned to core 0
# and wrk plus the upstream on core 1, as in proxy-bench.sh. Prints both
# runs, each pair's ratio and the CPU the hypervisor stole during it, the
# median ratio over the pairs it did not disturb, and the machine's load
# average (the target is a cost of at most 10%: ratio >= 0.90).
#
# Usage: bench/logging-bench.sh [seconds-per-run] [pairs]   (default 10 s, 5 pairs)
# UNDERSTUDY_LOG_MAX_ROWS=N caps the log at N rows (serve --log-max-rows): with
# a small N the log-on runs measure a log at its cap, where every write is
# matched by a delete.
# Needs: UNDERSTUDY_WITH_BENCH=1 packaging/deps/install-debian.sh
# UNDERSTUDY_GATEWAY=/path/to/understudy-gateway skips the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
pairs=${2:-5}
work=$(mktemp -d /tmp/understudy-logbench.XXXXXX)
source bench/lib.sh
if [[ -n "${UNDERSTUDY_GATEWAY:-}" ]]; then
  gw=$UNDERSTUDY_GATEWAY
else
  build_gateway
fi

UP=18181 SSE=18182 GW=18190
answer='{"id":"chatcmpl-bench","object":"chat.completion","created":0,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"A retry repeats the same call against the same target; a fallback moves on to another target when retrying cannot help."},"finish_reason":"stop"}],"usage":{"prompt_tokens":42,"completion_tokens":27,"total_tokens":69}}'
nginx_static "$work/up" $UP 200 "$answer"
sed -e "s/@UP@/$UP/g" -e "s/@SSE@/$SSE/g" -e "s/@GW@/$GW/g" bench/proxy-config.json.in >"$work/gateway.json"
wait_ports $UP

# serve_run NAME [extra serve arguments...]: starts the gateway, measures, stops it.
serve_run() {
  local name=$1; shift
  taskset -c 0 "$gw" serve --config "$work/gateway.json" --workers 1 --admin-listen off "$@" \
    2>"$work/$name.log" &
  local pid=$!
  pids+=("$pid")
  wait_ports $GW
  sleep 1
  local before; before=$(head -1 /proc/stat)
  run_wrk "$name" "http://127.0.0.1:$GW/v1/chat/completions" "$pid" | tee "$work/$name.out"
  steal_percent "$before" "$(head -1 /proc/stat)" >"$work/$name.steal"
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
}

# steal_percent BEFORE AFTER: the share of CPU time the hypervisor took
# from this VM between two "cpu" lines of /proc/stat (user nice system idle
# iowait irq softirq steal).
steal_percent() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    split(a, x); split(b, y); total = 0
    for (i = 2; i <= 9; i++) total += y[i] - x[i]
    printf "%.1f", (total > 0 ? 100 * (y[9] - x[9]) / total : 0) }'
}

rps_of() { awk 'NR == 1 {print $2}' "$work/$1.out"; }
cpu_of() { awk 'NR == 1 {print $5}' "$work/$1.out"; }

# Back-to-back runs on this kind of VM differ by up to 5% with nothing
# changed, so one pair cannot tell a 5% cost from a 10% one: the runs
# alternate off/on, each pair gives a ratio, and the median ratio is the
# result. Every log-on run appends to the same log file.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
print_header
ratios=()
for pair in $(seq "$pairs"); do
  serve_run "log-off-$pair"
  serve_run "log-on-$pair" --log-db "$work/requests.understudy" \
    ${UNDERSTUDY_LOG_MAX_ROWS:+--log-max-rows "$UNDERSTUDY_LOG_MAX_ROWS"}
  ratios+=("$(awk -v off="$(rps_of "log-off-$pair")" -v on="$(rps_of "log-on-$pair")" \
    -v coff="$(cpu_of "log-off-$pair")" -v con="$(cpu_of "log-on-$pair")" \
    -v soff="$(cat "$work/log-off-$pair.steal")" -v son="$(cat "$work/log-on-$pair.steal")" \
    'BEGIN {printf "%.4f %.2f %.1f", on / off, con - coff, (soff > son ? soff : son)}')")
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

logged=$(sqlite3 "$work/requests.understudy" 'SELECT count(*) FROM requests' 2>/dev/null || echo "?")
dropped=$(cat "$work"/log-on-*.log | grep -c '"log_drop"\|fell behind' || true)
echo
echo "requests in the log: $logged (drop warnings: $dropped)"
# In run order (the log grows from pair to pair), then the median. On a VM
# the hypervisor may take CPU time from the guest ("steal" in /proc/stat);
# a run that lost more than 2% of the machine to it measured the neighbours,
# not the gateway, so the median leaves such pairs out when at least three
# pairs are clean (and says so).
printf '%s\n' "${ratios[@]}" | awk '
  { printf "pair %d ratio %.3f (cost %.1f%%), gateway CPU +%.1f us/request, steal %.1f%%%s\n", NR, $1, (1 - $1) * 100, $2, $3, ($3 > 2 ? " (left out)" : "") }'
printf '%s\n' "${ratios[@]}" | awk '
  { all[NR] = $1; if ($3 <= 2) clean[++n] = $1 }
  END {
    if (n >= 3) { for (i = 1; i <= n; i++) r[i] = clean[i]; count = n; note = "" }
    else { for (i = 1; i <= NR; i++) r[i] = all[i]; count = NR; note = " (fewer than 3 pairs without steal: all pairs)" }
    # insertion sort
    for (i = 2; i <= count; i++) { v = r[i]; for (j = i - 1; j >= 1 && r[j] > v; j--) r[j + 1] = r[j]; r[j + 1] = v }
    m = r[int((count + 1) / 2)]
    if (count % 2 == 0) m = (r[count / 2] + r[count / 2 + 1]) / 2
    printf "median ratio %.3f over %d pairs%s: logging costs %.1f%% of req/s (target <= 10%%)\n", m, count, note, (1 - m) * 100
  }'
