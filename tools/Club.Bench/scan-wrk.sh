#!/usr/bin/env bash
# Scan page throughput with wrk (Debian package `wrk`), against the home page as the raw baseline
# (same host, same Blazor static rendering, no database). Starts a Release build of the site on its
# own embedded database in a throwaway folder, prints a batch of tags with the factory CLI, measures,
# and stops the site. Usage: tools/Club.Bench/scan-wrk.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
connections=${2:-32}
port=5097
work=$(mktemp -d /tmp/club-scan-wrk.XXXXXX)
chmod 755 "$work"   # when run as root, the embedded PostgreSQL runs as 'postgres' and must reach its folder

dotnet build src/Club.Web -c Release -v q -nologo >/dev/null
dotnet build tools/Club.Factory -c Release -v q -nologo >/dev/null
Club__AppData="$work/app" ASPNETCORE_ENVIRONMENT=Production \
    dotnet src/Club.Web/bin/Release/net10.0/Club.Web.dll --urls "http://127.0.0.1:$port" >"$work/site.log" 2>&1 &
site=$!
trap 'kill $site 2>/dev/null; wait $site 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/site.log"; exit 1; }

tools/Club.Factory/bin/Release/net10.0/club-factory --app-data "$work/app" batch create \
    --sku AQ-SEA-R01 --count 100 --out "$work/print" --base-url "http://127.0.0.1:$port" >/dev/null
serial=$(sed -n 2p "$work"/print/*.csv | cut -d, -f1)
other=$(sed -n 3p "$work"/print/*.csv | cut -d, -f1)

run() {
    wrk -t2 -c"$connections" -d5s "$2" >/dev/null   # warm-up
    printf '%-44s %s\n' "$1" "$(wrk -t2 -c"$connections" -d"${seconds}s" "$2" | grep Requests/sec)"
}
echo "$(nproc) cores, $connections connections, ${seconds}s each; page size $(curl -s "http://127.0.0.1:$port/T/$serial" | wc -c) bytes"
run "home page (no database, baseline)" "http://127.0.0.1:$port/"
run "scan: genuine, not registered" "http://127.0.0.1:$port/T/$serial"
run "scan: not genuine" "http://127.0.0.1:$port/T/ZZZZZZZZZZZZZ"
echo "checks logged for the measured tag: $(curl -s "http://127.0.0.1:$port/T/$other" >/dev/null; curl -s "http://127.0.0.1:$port/T/$serial" | grep -o 'Проверок этой бирки: [0-9]*')"
