# Shared helpers of the benchmark scripts (sourced, not run).
# Proxies under test run on core 0; load generators and upstreams on core 1.

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

build_gateway() {
  UNDERSTUDY_WITH_BENCH=1 packaging/deps/install-debian.sh >/dev/null
  cmake --preset release >/dev/null
  cmake --build --preset release --target understudy-gateway >/dev/null
  gw=$PWD/build/release/app/understudy-gateway
}

wait_ports() {
  for port in "$@"; do
    for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
  done
}

# nginx serving a fixed answer: nginx_static DIR PORT STATUS BODY
nginx_static() {
  local dir=$1 port=$2 status=$3 body=$4
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir; proxy_temp_path $dir; fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$port; location / { default_type application/json; return $status '$body'; } }
}
CONF
  taskset -c 1 nginx -c "$dir/nginx.conf" -g 'daemon off;' &
  pids+=($!)
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

print_header() { printf '%-22s %10s %9s %9s %12s %10s\n' target req/s p50 p99 cpu-us/req peak-rss; }

# run_wrk NAME URL [PID-to-measure]
run_wrk() {
  local name=$1 url=$2 pid=${3:-} duration=${duration:-10}
  taskset -c 1 wrk -t1 -c32 -d2s -s bench/post.lua "$url" >/dev/null # warm up pools
  local before=0; [[ -n "$pid" ]] && before=$(cpu_ticks "$pid")
  local out; out=$(taskset -c 1 wrk -t1 -c32 -d"${duration}s" --latency -s bench/post.lua "$url")
  local reqs rps p50 p99 cpu="-" rss="-"
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  if [[ -n "$pid" ]]; then
    local after; after=$(cpu_ticks "$pid")
    cpu=$(awk -v t=$((after - before)) -v n="$reqs" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
    rss="$(($(hwm_kb "$pid") / 1024)) MB"
  fi
  printf '%-22s %10s %9s %9s %12s %10s\n' "$name" "$rps" "$p50" "$p99" "$cpu" "$rss"
  if grep -q "Non-2xx" <<<"$out"; then echo "  warning: $(grep Non-2xx <<<"$out")"; fi
}
