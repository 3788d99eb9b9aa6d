#!/usr/bin/env bash
# The test command (README, "Tests"). Installs and starts what the tests need, then runs every test:
#   - Debian's chromium for the browser tests (apt-get; needs root, or sudo), and axe-core from npm for their accessibility checks,
#   - a local PostgreSQL 15 with a test role for the PostgreSQL tests (started with pg_ctlcluster),
#   - dotnet test over Ecommerce.sln.
# Ends with one line: "N passed, N failed[, N skipped]".
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Browser for Playwright (it cannot download its own here).
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing chromium..."
  apt_install chromium
fi

# axe-core for the accessibility browser tests (npm; loaded into the pages under test).
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing npm..."
  apt_install npm
fi
if [ ! -f Ecommerce.Tests/node_modules/axe-core/axe.min.js ]; then
  (cd Ecommerce.Tests && npm ci --no-audit --no-fund --silent)
fi

# PostgreSQL for the PostgreSQL tests.
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "Installing PostgreSQL..."
  apt_install postgresql
fi
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  as_root pg_createcluster 15 main >/dev/null
  cluster="15 main"
fi
as_root pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h localhost && break
  sleep 1
done
as_root su postgres -c "psql -q -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ecommerce_test') THEN
    CREATE ROLE ecommerce_test LOGIN PASSWORD 'ecommerce_test' CREATEDB;
  END IF; END \\\$\\\$;\"" >/dev/null

results=TestResults
rm -rf "$results"
set +e
dotnet test Ecommerce.sln --results-directory "$results" --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=normal" "$@"
status=$?
set -e

trx="$results/tests.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$(get passed); failed=$(get failed); total=$(get total); executed=$(get executed)
  skipped=$((total - executed))
  # Name each failed test with the first lines of its message, so the end of the output says what failed.
  awk '
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); print "FAILED " name; want = 1 }
    want && /<Message>/ { inmsg = 1; lines = 0 }
    inmsg { sub(/.*<Message>/, ""); done = sub(/<\/Message>.*/, ""); if (lines++ < 12) print "    " $0; if (done) { inmsg = 0; want = 0 } }
  ' "$trx" | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g'
  if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
else
  echo "0 passed, 1 failed"
  [ "$status" -ne 0 ] || status=1
fi
exit $status
