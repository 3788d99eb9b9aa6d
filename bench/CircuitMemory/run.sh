#!/usr/bin/env bash
# Memory per console circuit (README, "Speed"): starts the built app (Release, Production, SQLite, demo catalogue) on a
# fresh data folder, then bench/CircuitMemory opens N merchant product grids in Debian's chromium and reads the
# server's memory before and after.   bash bench/CircuitMemory/run.sh [circuits, default 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
circuits=${1:-200}
port=${PORT:-5095}
base="http://127.0.0.1:$port"
data=$(mktemp -d /tmp/circuit-bench-XXXXXX)
command -v chromium >/dev/null || { echo "needs Debian's chromium (apt-get install chromium)"; exit 1; }
dotnet build -c Release --nologo -v q Ecommerce.Web >/dev/null
dotnet build -c Release --nologo -v q bench/CircuitMemory >/dev/null
ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 dotnet Ecommerce.Web/bin/Release/net10.0/Ecommerce.Web.dll \
  --urls="$base" --DataFolder="$data" --Demo:Enabled=true --Admin:Email=admin@demo.local --Admin:Password=Demo123! \
  --RateLimits:LoginPerMinute=0 --Security:RequireAdminTwoFactor=false --Logging:LogLevel:Default=Warning >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf -o /dev/null "$base/health/ready"; do
  kill -0 $app 2>/dev/null || { echo "the app stopped"; tail -20 "$data/app.log"; exit 1; }
  sleep 0.5
done
dotnet run -c Release --no-build --project bench/CircuitMemory -- "$base" "$circuits"
