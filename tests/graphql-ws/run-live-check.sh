#!/usr/bin/env bash
# Runs live.mjs (the npm graphql-ws client) against two freshly started hosts on one database: host A with its own
# PostgreSQL in a temporary folder (on a fixed free port), host B on the same database through a connection string;
# then, in headless Chromium against host A (which allows one frontend origin), tests/browser/cross-origin.mjs and
# graphql-ide-subscription.mjs (Banana Cake Pop runs a subscription). Both
# hosts are stopped and the folder removed afterwards. Needs the built src/Host (dotnet test builds it), Node.js with
# npm, and Debian's chromium (run-dashboard-check.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
(cd tests/graphql-ws && npm ci --no-audit --no-fund --loglevel=error)
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

dll=$(realpath "$(ls -t src/Host/bin/*/net10.0/MikroNet.Host.dll | head -1)")
work=$(mktemp -d /tmp/mikronet-live-XXXXXX)
chmod 755 "$work" # the local PostgreSQL runs as the postgres user when this runs as root
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
pg=$(free_port); a=$(free_port); b=$(free_port); front=$(free_port); other=$(free_port)
key=$(head -c 48 /dev/urandom | base64 -w0)
common=(--contentRoot "$(dirname "$dll")" --Storage:DataDirectory="$work/data" --Billing:Enabled=false --Auth:SigningKey="$key")

ASPNETCORE_ENVIRONMENT=Development dotnet "$dll" "${common[@]}" --urls "http://127.0.0.1:$a" \
  --LocalPostgres:DataDirectory="$work/postgres" --LocalPostgres:Port="$pg" --Cors:AllowedOrigins:0="http://127.0.0.1:$front" \
  >"$work/host-a.log" 2>&1 &
host_a=$!
host_b=
cleanup() {
  [ -n "$host_b" ] && kill "$host_b" 2>/dev/null && wait "$host_b" 2>/dev/null || true
  kill "$host_a" 2>/dev/null && wait "$host_a" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ready() {
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3"; return 1; }
    sleep 1
  done
  return 1
}
ready "$a" "$host_a" "$work/host-a.log"
ASPNETCORE_ENVIRONMENT=Development dotnet "$dll" "${common[@]}" --urls "http://127.0.0.1:$b" \
  --ConnectionStrings:Postgres="Host=127.0.0.1;Port=$pg;Username=postgres;Password=$(cat "$work/data/postgres.password");Database=mikronet" \
  >"$work/host-b.log" 2>&1 &
host_b=$!
ready "$b" "$host_b" "$work/host-b.log"
MIKRONET_URL="http://127.0.0.1:$a" MIKRONET_URL_B="http://127.0.0.1:$b" node tests/graphql-ws/live.mjs \
  || { tail -30 "$work/host-a.log" "$work/host-b.log"; exit 1; }

# The browser check uses the admin and a client live.mjs left behind.
token=$(curl -sf -XPOST "http://127.0.0.1:$a/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"live-check-pass-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
client=$(curl -sf "http://127.0.0.1:$a/client" -H "authorization: Bearer $token" | sed 's/.*"client_id":\([0-9]*\).*/\1/')
MIKRONET_URL="http://127.0.0.1:$a" MIKRONET_TOKEN="$token" CLIENT_ID="$client" FRONTEND_PORT="$front" OTHER_PORT="$other" \
  CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" node tests/browser/cross-origin.mjs || { tail -30 "$work/host-a.log"; exit 1; }
MIKRONET_URL="http://127.0.0.1:$a" MIKRONET_TOKEN="$token" CLIENT_ID="$client" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" \
  node tests/browser/graphql-ide-subscription.mjs || { tail -30 "$work/host-a.log"; exit 1; }
