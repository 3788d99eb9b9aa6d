#!/usr/bin/env bash
# Lighthouse SEO and accessibility (README, "Benchmarks"): the Release build (Production settings, SQLite) on a fresh
# demo data folder, then Lighthouse (npm `lighthouse`, Debian's chromium, headless) on the home page, a search, a
# category and a product page, with the desktop and the mobile settings; prints a table of the scores and, for any
# score below 100, the audits that failed.
#
#   bash bench/Lighthouse/run.sh [folder for the JSON reports, default: a new temporary folder]
#
# Lighthouse is installed once with npm into $LIGHTHOUSE_HOME (default ~/.cache/ecommerce-lighthouse), not the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=13.5.0
home=${LIGHTHOUSE_HOME:-$HOME/.cache/ecommerce-lighthouse}
reports=${1:-$(mktemp -d /tmp/lighthouse-XXXXXX)}
port=${PORT:-5095}
base="http://127.0.0.1:$port"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
mkdir -p "$reports"

lighthouse="$home/node_modules/.bin/lighthouse"
if [ ! -x "$lighthouse" ] || [ "$("$lighthouse" --version)" != "$version" ]; then
  echo "Installing lighthouse $version into $home..."
  mkdir -p "$home" && npm install --prefix "$home" --no-audit --no-fund --silent "lighthouse@$version"
fi

dotnet build -c Release --nologo -v q Ecommerce.Web >/dev/null
data=$(mktemp -d /tmp/lighthouse-data-XXXXXX)
log="$reports/app.log"
ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 dotnet Ecommerce.Web/bin/Release/net10.0/Ecommerce.Web.dll \
  --urls="$base" --DataFolder="$data" --Demo:Enabled=true --Logging:LogLevel:Default=Warning >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf -o /dev/null "$base/health/ready"; do
  kill -0 $app 2>/dev/null || { echo "the app stopped; see $log"; tail -20 "$log"; exit 1; }
  sleep 0.5
done

product=$(curl -sf "$base/api/v1/search?q=jacket&page_size=1" | sed -E 's/.*"url":"([^"]+)".*/\1/')
pages=("home=/" "search=/search?q=jacket" "category=/c/fashion" "product=$product")

printf '| page | form factor | SEO | accessibility |\n|---|---|---|---|\n' >"$reports/table.md"
for entry in "${pages[@]}"; do
  name=${entry%%=*}; path=${entry#*=}
  for form in desktop mobile; do
    preset=(); [ "$form" = desktop ] && preset=(--preset=desktop)
    out="$reports/$name-$form.json"
    "$lighthouse" "$base$path" "${preset[@]}" --only-categories=seo,accessibility --output=json --output-path="$out" \
      --quiet --chrome-flags="--headless --no-sandbox --disable-gpu" >/dev/null 2>"$reports/$name-$form.log" \
      || { echo "lighthouse failed on $path ($form); see $reports/$name-$form.log"; continue; }
    node -e '
      const r = require(process.argv[1]);
      const score = c => Math.round(r.categories[c].score * 100);
      console.log(`| ${process.argv[2]} \`${process.argv[3]}\` | ${process.argv[4]} | ${score("seo")} | ${score("accessibility")} |`);
    ' "$out" "$name" "$path" "$form" >>"$reports/table.md"
    node -e '
      const r = require(process.argv[1]);
      for (const c of ["seo", "accessibility"])
        for (const ref of r.categories[c].auditRefs)
          if (ref.weight > 0 && r.audits[ref.id].score !== null && r.audits[ref.id].score < 1)
            console.error(`  ${process.argv[2]} (${process.argv[3]}), ${c}: ${ref.id}: ${r.audits[ref.id].title}`);
    ' "$out" "$name" "$form" 2>>"$reports/failed.txt"
  done
done
cat "$reports/table.md"
if [ -s "$reports/failed.txt" ]; then echo; echo "Failed audits:"; cat "$reports/failed.txt"; fi
echo; echo "Reports: $reports (load average $(cut -d' ' -f1 /proc/loadavg))"
