#!/usr/bin/env bash
# Runs crosscheck.js against a freshly started emulator: with the plain and the legacy MD5 login, and once more with
# the emulator set to UTF-8, where node-routeros's windows-1252 bytes 0xFF and 0xFE are invalid UTF-8 (issue case E1).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
port="${ROS_PORT:-18728}"

cd "$here"
npm install --no-audit --no-fund --silent
dotnet build "$repo/tests/RouterOsEmulator" -v q -nologo >/dev/null

run() {
  dotnet "$repo/tests/RouterOsEmulator/bin/Debug/net10.0/RouterOsEmulator.dll" \
    --port "$port" --user admin --password secret --no-empty "$@" &
  local emulator=$!
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  local status=0
  ROS_PORT="$port" ROS_PASSWORD=secret node crosscheck.js || status=$?
  kill "$emulator"
  wait "$emulator" 2>/dev/null || true
  return "$status"
}

run --encoding windows-1252
run --encoding windows-1252 --legacy-login
run --encoding utf-8
