#!/usr/bin/env bash
# Storefront throughput (README, "Speed"): the built app (Release, Production settings, SQLite) with the demo
# catalogue plus generated products (100,000 by default), then wrk at 32 connections, 2 threads against the home page,
# a search, a category, a product page, a shop page, and a static file served by Kestrel (the ceiling). Each page is
# measured twice: shared (no cookie: the output-cached copy) and personal (a cart_token cookie, as every shopper with a
# cart or a recently viewed product sends: rendered for that visitor). Also prints the time from start to the first
# page served and the memory at rest (RSS, and the GC heap after a full collection).
#
#   bash bench/StorefrontBench/run.sh [seconds per page, default 20] [data folder, default /tmp/storefront-bench] [products, default 100000]
#
# The data folder is kept: the first run seeds the catalogue (about a minute), later runs reuse it.
# Every figure is printed with the 1-minute load average at that moment: this machine is shared.
# Admin two-factor is turned off for this local run only: the memory figures come from the admin-only endpoint.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
data=${2:-/tmp/storefront-bench}
products=${3:-100000}
port=${PORT:-5093}
base="http://127.0.0.1:$port"
admin_email=bench-admin@bench.local
admin_password=Bench-Admin-123!

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
load() { cut -d' ' -f1 /proc/loadavg; }

dotnet build -c Release --nologo -v q Ecommerce.Web >/dev/null
mkdir -p "$data"
log="$data/app.log"
started_ns=$(date +%s%N)
ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 dotnet Ecommerce.Web/bin/Release/net10.0/Ecommerce.Web.dll \
  --urls="$base" --DataFolder="$data" --Demo:Enabled=true --Demo:BulkProducts=$products \
  --Admin:Email="$admin_email" --Admin:Password="$admin_password" \
  --RateLimits:LoginPerMinute=0 --Security:RequireAdminTwoFactor=false --Logging:LogLevel:Default=Warning >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT

until curl -sf -o /dev/null "$base/"; do
  kill -0 $app 2>/dev/null || { echo "the app stopped; see $log"; tail -20 "$log"; exit 1; }
  sleep 0.05
done
first_page_ms=$(( ($(date +%s%N) - started_ns) / 1000000 ))
until curl -sf -o /dev/null "$base/health/ready"; do sleep 0.5; done
ready_ms=$(( ($(date +%s%N) - started_ns) / 1000000 ))
echo "start → first page served: ${first_page_ms} ms; → ready (search index current): ${ready_ms} ms (load $(load))"

token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" \
  "$base/api/v1/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
memory() { curl -sf -H "Authorization: Bearer $token" "$base/api/v1/admin/diagnostics/memory"; }
sleep 5
echo "memory at rest (after start, 5 s idle): $(memory) (load $(load))"

product=$(curl -sf "$base/api/v1/search?q=jacket&page_size=1" | sed -E 's/.*"url":"([^"]+)".*/\1/')
declare -A pages=(
  [1-home]="/"
  [2-search]="/search?q=jacket"
  [3-product]="$product"
  [4-shop]="/s/northwind-outfitters"
  [5-category]="/c/fashion"
  [6-static-file]="/favicon.svg"
)
# A shopper's cart cookie (any well-formed token: a guest's cart is created on first use).
cart_cookie="cart_token=$(cat /proc/sys/kernel/random/uuid | tr -d -)"
echo
echo "| page | path | visitor | requests/s | p50 | p99 | ratio to the static file | load (1 min) |"
echo "|---|---|---|---|---|---|---|---|"
declare -A rps
run() { # name, visitor, extra wrk arguments...
  local name=$1 visitor=$2; shift 2
  local path=${pages[$name]}
  curl -sf -o /dev/null "$@" "$base$path"  # warm: the first render fills the cache
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$@" "$base$path")
  r=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  rps[$name]=${rps[$name]:-$r}
  ratio=$(awk -v a="$r" -v b="${rps[6-static-file]}" 'BEGIN { printf "%.2f", a / b }')
  echo "| ${name#*-} | \`$path\` | $visitor | $r | $p50 | $p99 | $ratio | $(load) |${non2xx:+ non-2xx: $non2xx}"
}
run 6-static-file "any"
for name in 1-home 2-search 5-category 3-product 4-shop; do
  run "$name" "shared (no cookie)"
  run "$name" "personal (cart cookie)" -H "Cookie: $cart_cookie"
done
echo
echo "memory after the runs: $(memory) (load $(load))"
echo "machine: $(nproc) cores; $(free -g | awk '/Mem:/ {print $2" GiB RAM"}'); $(uptime | sed 's/.*load/load/')"
