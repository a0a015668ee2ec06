#!/usr/bin/env bash
# Scan page throughput and p99 latency with wrk (Debian package `wrk`), against two baselines of the
# same app in the same run: a bare "hello" endpoint (same host and middleware, nothing else) and the
# home page (same Blazor static rendering, no database); and the partner API's tag status with a key
# (the same read as the scan page, plus the key check and the key's rate-limit count). Starts a Release build of the site on its
# own embedded database in a throwaway folder, prints a batch of 10,000 tags with the factory CLI, measures
# (one tag again and again, and 10,000 tags at random with scan-spread.lua),
# and stops the site. Usage: tools/Club.Bench/scan-wrk.sh [seconds] [connections...]  (default 20 s, 32 and 128)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
shift || true
connection_counts=("${@:-32}")
[ $# -eq 0 ] && connection_counts=(32 128)
port=5097
work=$(mktemp -d /tmp/club-scan-wrk.XXXXXX)
chmod 755 "$work"   # when run as root, the embedded PostgreSQL runs as 'postgres' and must reach its folder

dotnet build src/Club.Web -c Release -v q -nologo >/dev/null
dotnet build tools/Club.Factory -c Release -v q -nologo >/dev/null
# The content root is the build output, as for a deployed site: from the repository root the site would
# miss its appsettings.json and log every request at Information level (that cost half the throughput).
site_dir="$PWD/src/Club.Web/bin/Release/net10.0"
Club__AppData="$work/app" ASPNETCORE_ENVIRONMENT=Production Club__Bench__HelloEndpoint=true \
    dotnet "$site_dir/Club.Web.dll" --contentRoot "$site_dir" --urls "http://127.0.0.1:$port" >"$work/site.log" 2>&1 &
site=$!
trap 'kill $site 2>/dev/null; wait $site 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/site.log"; exit 1; }

tools/Club.Factory/bin/Release/net10.0/club-factory --app-data "$work/app" batch create \
    --sku AQ-SEA-R01 --count 10000 --out "$work/print" --base-url "http://127.0.0.1:$port" >/dev/null
serial=$(sed -n 2p "$work"/print/*.csv | cut -d, -f1)
# A demo partner's key, made by the site's own command against the running site's database; its limit
# is the highest a key may have, so the run measures the limiter's count but is never refused.
api_key=$(Club__AppData="$work/app" ASPNETCORE_ENVIRONMENT=Production dotnet "$site_dir/Club.Web.dll" create-api-key \
    --contentRoot "$site_dir" --partner "Лазурит" --name bench --scopes ReadTags --per-minute 1000000 | tail -n 1)
api_header="Authorization: Bearer $api_key"
# Real scans are spread over many tags: the second scan run picks one of 10,000 serials per request.
tail -n +2 "$work"/print/*.csv | cut -d, -f1 >"$work/serials"
export SCAN_SERIALS="$work/serials"
spread="$PWD/tools/Club.Bench/scan-spread.lua"

run() {
    local out rps p99
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${@:2}")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    printf '%-40s %5s conn  %10s req/s  p99 %8s\n' "$1" "$connections" "$rps" "$p99"
}
# Warm-up: the JIT's tiers settle only after many thousands of calls (measured: a 3 s warm-up left
# a fifth of the CPU to the tiered compiler during the first run).
for url in /bench/hello / "/T/$serial" /T/ZZZZZZZZZZZZZ; do wrk -t2 -c32 -d5s "http://127.0.0.1:$port$url" >/dev/null; done
wrk -t2 -c32 -d5s -H "$api_header" "http://127.0.0.1:$port/api/v1/tags/$serial" >/dev/null
wrk -t2 -c32 -d5s -s "$spread" "http://127.0.0.1:$port" >/dev/null
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), ${seconds}s each; scan page $(curl -s "http://127.0.0.1:$port/T/$serial" | wc -c) bytes"
for connections in "${connection_counts[@]}"; do
    run "hello endpoint (raw baseline)" "http://127.0.0.1:$port/bench/hello"
    run "home page (Blazor SSR, no database)" "http://127.0.0.1:$port/"
    run "scan: genuine, not registered" "http://127.0.0.1:$port/T/$serial"
    run "scan: genuine, 10,000 distinct tags" -s "$spread" "http://127.0.0.1:$port"
    run "scan: not genuine" "http://127.0.0.1:$port/T/ZZZZZZZZZZZZZ"
    run "api: tag status (key)" -H "$api_header" "http://127.0.0.1:$port/api/v1/tags/$serial"
done
sleep 1   # let the scan log write its last batch
echo "api answers: $(curl -s -o /dev/null -w '%{http_code}' -H "$api_header" "http://127.0.0.1:$port/api/v1/tags/$serial") ($(curl -s -H "$api_header" "http://127.0.0.1:$port/api/v1/tags/$serial" | wc -c) bytes)"
echo "checks shown for the measured tag: $(curl -s "http://127.0.0.1:$port/T/$serial" | grep -o 'Проверок этой бирки: [0-9]*')"
