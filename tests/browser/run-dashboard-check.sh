#!/usr/bin/env bash
# Runs dashboard.mjs against a freshly started host: the built MikroNet.Host on a free loopback port, with its own
# PostgreSQL in a temporary folder, stopped and removed afterwards. Installs Debian's chromium when it is missing
# and this runs as root (CI); otherwise it says what is missing and fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" != 0 ]; then echo "dashboard check: $CHROMIUM is missing (apt-get install chromium)" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

dll=$(realpath "$(ls -t src/Host/bin/*/net10.0/MikroNet.Host.dll | head -1)")
[ -f "$(dirname "$dll")/dashboard/chart.umd.min.js" ] || { echo "dashboard check: build src/Host with npm first" >&2; exit 1; }
work=$(mktemp -d /tmp/mikronet-dashboard-XXXXXX)
chmod 755 "$work" # the local PostgreSQL runs as the postgres user when this runs as root
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
url="http://127.0.0.1:$port"

ASPNETCORE_ENVIRONMENT=Development dotnet "$dll" --contentRoot "$(dirname "$dll")" --urls "$url" \
  --LocalPostgres:DataDirectory="$work/postgres" --Storage:DataDirectory="$work/data" --Billing:Enabled=false \
  >"$work/host.log" 2>&1 &
host=$!
cleanup() {
  kill "$host" 2>/dev/null && wait "$host" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -sf "$url/health/ready" >/dev/null && break
  kill -0 "$host" 2>/dev/null || { cat "$work/host.log"; exit 1; }
  sleep 1
done
MIKRONET_URL="$url" CHROMIUM="$CHROMIUM" node tests/browser/dashboard.mjs || { tail -50 "$work/host.log"; exit 1; }
