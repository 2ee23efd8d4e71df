#!/usr/bin/env bash
# Fallback-path benchmark (issue 4): the primary answers 503, the secondary
# 200. Understudy (one step per target, no retry on the primary) against
# nginx (proxy_next_upstream http_503 with a backup server, max_fails=0 so
# nginx keeps trying the primary like a chain without a breaker). Then the
# same with Understudy's
# breaker enabled (it opens and requests go straight to the secondary), next
# to nginx with its default max_fails (its own passive "breaker").
# HAProxy: `balance first` sends every request to the primary first;
# `retry-on 503` with `option redispatch 1` retries once on another server
# (redispatch avoids the server that failed), which is the secondary. A
# `backup` server would not work: HAProxy only uses backups once the
# primary is marked down. Its breaker-like mode is passive health checking:
# `observe layer7 error-limit 10 on-error mark-down`.
#
# Usage: bench/fallback-bench.sh [seconds-per-run]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
work=$(mktemp -d /tmp/understudy-fallback-bench.XXXXXX)
source bench/lib.sh
build_gateway

P1=18281 P2=18282 GW=18290 GWB=18293 NGX=18291 NGXB=18294 HAP=18292 HAPB=18295
answer='{"id":"chatcmpl-bench","object":"chat.completion","model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"A retry repeats the call; a fallback moves on to another target when retrying cannot help."},"finish_reason":"stop"}]}'
nginx_static "$work/p1" $P1 503 '{"error":{"message":"overloaded","type":"server_error"}}'
nginx_static "$work/p2" $P2 200 "$answer"

for mode in off on; do
  port=$GW; [[ $mode == on ]] && port=$GWB
  breaker=false; [[ $mode == on ]] && breaker=true
  sed -e "s/@P1@/$P1/g" -e "s/@P2@/$P2/g" -e "s/@GW@/$port/g" -e "s/@BREAKER@/$breaker/g" \
    bench/fallback-config.json.in >"$work/gateway-$mode.json"
  taskset -c 0 "$gw" serve --config "$work/gateway-$mode.json" --workers 1 --admin-listen off 2>"$work/gateway-$mode.log" &
  pids+=($!)
  [[ $mode == off ]] && gw_pid=$! || gwb_pid=$!
done

mkdir -p "$work/ngx"
cat >"$work/ngx/nginx.conf" <<CONF
worker_processes 1;
pid $work/ngx/nginx.pid;
error_log $work/ngx/error.log crit;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/ngx; proxy_temp_path $work/ngx; fastcgi_temp_path $work/ngx;
  uwsgi_temp_path $work/ngx; scgi_temp_path $work/ngx;
  keepalive_requests 1000000;
  upstream always_primary { server 127.0.0.1:$P1 max_fails=0; server 127.0.0.1:$P2 backup; keepalive 64; }
  upstream passive { server 127.0.0.1:$P1; server 127.0.0.1:$P2 backup; keepalive 64; }
  server {
    listen 127.0.0.1:$NGX;
    location / { proxy_pass http://always_primary; proxy_http_version 1.1; proxy_set_header Connection "";
                 proxy_next_upstream error timeout http_503 non_idempotent; }
  }
  server {
    listen 127.0.0.1:$NGXB;
    location / { proxy_pass http://passive; proxy_http_version 1.1; proxy_set_header Connection "";
                 proxy_next_upstream error timeout http_503 non_idempotent; }
  }
}
CONF
taskset -c 0 nginx -c "$work/ngx/nginx.conf" -g 'daemon off;' & pids+=($!); ngx_pid=$!


mkdir -p "$work/hap"
cat >"$work/hap/haproxy.cfg" <<CONF
global
  maxconn 4096
  nbthread 1
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
  http-reuse always
  retries 1
  option redispatch 1
  retry-on 503
  balance first
frontend always_primary
  bind 127.0.0.1:$HAP
  default_backend always_primary
frontend passive
  bind 127.0.0.1:$HAPB
  default_backend passive
backend always_primary
  server p1 127.0.0.1:$P1
  server p2 127.0.0.1:$P2
backend passive
  server p1 127.0.0.1:$P1 check observe layer7 error-limit 10 on-error mark-down inter 30s
  server p2 127.0.0.1:$P2
CONF
taskset -c 0 haproxy -f "$work/hap/haproxy.cfg" -db >"$work/hap/haproxy.log" 2>&1 & pids+=($!); hap_pid=$!

wait_ports $P1 $P2 $GW $GWB $NGX $NGXB $HAP $HAPB
sleep 1
ngx_worker=$(pgrep -P "$ngx_pid" | head -n1)

print_header
run_wrk "direct secondary" "http://127.0.0.1:$P2/v1/chat/completions"
run_wrk "understudy fallback" "http://127.0.0.1:$GW/v1/chat/completions" "$gw_pid"
run_wrk "nginx backup" "http://127.0.0.1:$NGX/v1/chat/completions" "$ngx_worker"
run_wrk "haproxy retry-on" "http://127.0.0.1:$HAP/v1/chat/completions" "$hap_pid"
run_wrk "understudy breaker" "http://127.0.0.1:$GWB/v1/chat/completions" "$gwb_pid"
run_wrk "nginx max_fails" "http://127.0.0.1:$NGXB/v1/chat/completions" "$ngx_worker"
run_wrk "haproxy observe" "http://127.0.0.1:$HAPB/v1/chat/completions" "$hap_pid"
