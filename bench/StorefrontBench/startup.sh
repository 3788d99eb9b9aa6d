#!/usr/bin/env bash
# Start-up (README, "Speed"): the time from `dotnet run --project Ecommerce.Web` on a built clone to the first page
# served, on a fresh data folder (migrations, demo catalogue and accounts made on start) and again on the same folder;
# then the process's memory at rest: RSS from /proc, and the GC heap after a full collection (admin-only endpoint).
#
#   bash bench/StorefrontBench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-5094}
base="http://127.0.0.1:$port"
data=$(mktemp -d /tmp/startup-bench-XXXXXX)
load() { cut -d' ' -f1 /proc/loadavg; }
dotnet build --nologo -v q Ecommerce.Web >/dev/null   # "a built clone"

run_once() {
  local label=$1 started app ms
  started=$(date +%s%N)
  dotnet run --project Ecommerce.Web --no-launch-profile -- --urls="$base" --DataFolder="$data" \
    --environment=Development --Logging:LogLevel:Default=Warning >"$data/app-$label.log" 2>&1 &
  app=$!
  until curl -sf -o /dev/null "$base/"; do
    kill -0 $app 2>/dev/null || { echo "the app stopped; see $data/app-$label.log"; exit 1; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - started) / 1000000 ))
  echo "$label: dotnet run → first page served in $ms ms (load $(load))"
  if [ "$label" = "second start" ]; then
    sleep 10
    local pid token
    pid=$(pgrep -n -P $app || echo $app)   # the app is `dotnet run`'s child
    token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"admin@demo.local","password":"Demo123!"}' \
      "$base/api/v1/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
    echo "at rest (10 s after the first page): RSS $(awk '/VmRSS/ {print $2" "$3}' /proc/$pid/status) (pid $pid); " \
      "$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/admin/diagnostics/memory") (load $(load))"
  fi
  local child
  child=$(pgrep -P $app || true)
  [ -z "$child" ] || kill $child
  kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
}
run_once "first start (fresh data folder)"
run_once "second start"
rm -rf "$data"
