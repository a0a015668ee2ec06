#!/usr/bin/env bash
# First, second and third start of the built site in embedded mode on one throwaway data folder: seconds from
# launching the process to the first healthy answer. The second and third starts are the "start with data"
# of issue 23 (target: under 5 s on a quiet machine). Usage: tools/Club.Bench/startup.sh [Release|Debug] [environment]
set -euo pipefail
cd "$(dirname "$0")/../.."
configuration=${1:-Release}
environment=${2:-Development}
port=5198
work=$(mktemp -d /tmp/club-startup.XXXXXX)
chmod 755 "$work"   # when run as root, the embedded PostgreSQL runs as 'postgres' and must reach its folder
trap 'rm -rf "$work"' EXIT
dotnet build src/Club.Web -c "$configuration" -v q -nologo >/dev/null
site_dir="$PWD/src/Club.Web/bin/$configuration/net10.0"
echo "2 cores, load $(cut -d' ' -f1-3 /proc/loadavg), $configuration build, $environment"
for run in first second third; do
  started=$(date +%s.%N)
  Club__AppData="$work/app" ASPNETCORE_ENVIRONMENT="$environment" Club__PublicBaseUrl=http://127.0.0.1:$port \
      dotnet "$site_dir/Club.Web.dll" --contentRoot "$site_dir" --urls "http://127.0.0.1:$port" >"$work/$run.log" 2>&1 &
  site=$!
  for _ in $(seq 1200); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.05; done
  echo "$run start: $(echo "$(date +%s.%N) - $started" | bc | xargs printf '%.2f') s"
  kill -TERM $site; wait $site || true
done
