#!/usr/bin/env bash
# Requests per second of the public site under wrk, on loopback, side by side with a
# baseline route that renders nothing (the stylesheet), for the sample database and a
# synthetic one. Usage: bench/web.sh [STATEMENT_PAGES] (default 62500 generated pages,
# about 100,000 statements). Needs wrk (Debian package) and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-62500}
BIN=target/release/stances
cargo build --release -q
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
# Requests that miss the server's response cache: a counter the handler ignores makes every
# URL new.
cat >"$WORK/fresh.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", wrk.path .. "&fresh=" .. n)
end
LUA

run() { # name db port
    local name=$1 db=$2 port=$3
    "$BIN" --db "$db" serve --addr 127.0.0.1:$port >"$WORK/$name.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
    local id
    id=$(curl -s "http://127.0.0.1:$port/api/v1/statements?per_page=1" | sed -E 's/.*"id":([0-9]+).*/\1/')
    echo "## $name ($(curl -s "http://127.0.0.1:$port/api/v1/statements?per_page=1" | sed -E 's/^\{"total":([0-9]+).*/\1/') statements), RSS $(( $(ps -o rss= -p $pid) / 1024 )) MB"
    printf "%-36s %12s %12s %14s\n" route "req/s (c=64)" "p50 (c=64)" "latency (c=1)"
    for route in /static/style.css /topics/ukraine-war "/statements/$id" "/search?q=ceasefire" "/search?q=ceasefire&uncached" "/search?q=%22immediate+ceasefire%22&country=France&uncached" "/matrix?sort=name" "/matrix?sort=name&uncached"; do
        local url="http://127.0.0.1:$port$route"
        local many one script=()
        case "$route" in *uncached*) script=(-s "$WORK/fresh.lua") ;; esac
        many=$(wrk -t2 -c64 -d8s --latency "${script[@]}" "$url")
        one=$(wrk -t1 -c1 -d4s --latency "${script[@]}" "$url")
        printf "%-36s %12s %12s %14s\n" "$route" \
            "$(echo "$many" | awk '/Requests\/sec/ {print $2}')" \
            "$(echo "$many" | awk '$1=="50%" {print $2}')" \
            "$(echo "$one" | awk '$1=="50%" {print $2}')"
    done
    echo "RSS after: $(( $(ps -o rss= -p $pid) / 1024 )) MB"
    kill $pid; wait $pid 2>/dev/null || true
}

"$BIN" --db "$WORK/samples.db" ingest data/samples >/dev/null
run samples "$WORK/samples.db" 18301

"$BIN" bench generate "$WORK/pages" --pages "$PAGES" >/dev/null
"$BIN" --db "$WORK/synthetic.db" ingest "$WORK/pages" >/dev/null 2>&1
run synthetic "$WORK/synthetic.db" 18302
