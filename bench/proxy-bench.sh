#!/usr/bin/env bash
# Data-plane benchmark (issue 3): direct to a fast upstream, through
# `understudy-gateway serve`, and through nginx (proxy_pass + upstream
# keepalive) side by side. The proxy under test is pinned to core 0; wrk,
# curl and the upstreams run on core 1. 32 connections, ~300-byte JSON POST,
# ~400-byte JSON answer; plus an SSE stream's time to first byte.
#
# Usage: bench/proxy-bench.sh [seconds-per-run]   (default 10)
# Needs: UNDERSTUDY_WITH_BENCH=1 packaging/deps/install-debian.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
duration=${1:-10}
work=$(mktemp -d /tmp/understudy-bench.XXXXXX)
source bench/lib.sh
build_gateway

UP=18081 SSE=18082 GW=18090 NGX=18091
answer='{"id":"chatcmpl-bench","object":"chat.completion","created":0,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"A retry repeats the same call against the same target; a fallback moves on to another target when retrying cannot help."},"finish_reason":"stop"}],"usage":{"prompt_tokens":42,"completion_tokens":27,"total_tokens":69}}'

nginx_static "$work/up" $UP 200 "$answer"
mkdir -p "$work/ngx"
cat >"$work/ngx/nginx.conf" <<CONF
worker_processes 1;
pid $work/ngx/nginx.pid;
error_log $work/ngx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/ngx; proxy_temp_path $work/ngx; fastcgi_temp_path $work/ngx;
  uwsgi_temp_path $work/ngx; scgi_temp_path $work/ngx;
  keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$UP; keepalive 64; }
  upstream sse { server 127.0.0.1:$SSE; keepalive 16; }
  server {
    listen 127.0.0.1:$NGX;
    location /sse { proxy_pass http://sse; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
sed -e "s/@UP@/$UP/g" -e "s/@SSE@/$SSE/g" -e "s/@GW@/$GW/g" bench/proxy-config.json.in >"$work/gateway.json"

taskset -c 1 python3 bench/sse_upstream.py $SSE 20 5 & pids+=($!)
taskset -c 0 nginx -c "$work/ngx/nginx.conf" -g 'daemon off;' & pids+=($!); ngx_pid=$!
taskset -c 0 "$gw" serve --config "$work/gateway.json" --workers 1 --admin-listen off 2>"$work/gateway.log" & pids+=($!); gw_pid=$!

wait_ports $UP $SSE $GW $NGX
sleep 1
# nginx's master does no request work; measure its worker.
ngx_worker=$(pgrep -P "$ngx_pid" | head -n1)

gw_idle_rss=$(rss_kb "$gw_pid")

print_header
run_wrk direct "http://127.0.0.1:$UP/v1/chat/completions"
run_wrk understudy "http://127.0.0.1:$GW/v1/chat/completions" "$gw_pid"
run_wrk nginx "http://127.0.0.1:$NGX/v1/chat/completions" "$ngx_worker"

ttfb() { # url -> "p50 p99" in ms over 200 sequential streamed requests
  for _ in $(seq 200); do
    taskset -c 1 curl -s -o /dev/null -N -X POST -H 'Content-Type: application/json' \
      -d '{"model":"bench-model","stream":true,"messages":[{"role":"user","content":"hi"}]}' \
      -w '%{time_starttransfer}\n' "$1"
  done | sort -n | awk '{v[NR]=$1} END {printf "%.2f %.2f", v[int(NR*0.5)]*1000, v[int(NR*0.99)]*1000}'
}
echo
printf '%-10s %14s %14s\n' sse-ttfb p50-ms p99-ms
for target in "direct http://127.0.0.1:$SSE/sse" "understudy http://127.0.0.1:$GW/sse" "nginx http://127.0.0.1:$NGX/sse"; do
  read -r name url <<<"$target"
  read -r p50 p99 <<<"$(ttfb "$url")"
  printf '%-10s %14s %14s\n' "$name" "$p50" "$p99"
done
echo
echo "understudy-gateway idle RSS: $((gw_idle_rss / 1024)) MB (target < 40 MB)"
