#!/usr/bin/env bash
# The Node dependencies, exactly as package-lock.json pins them, installed when node_modules is
# missing or older than the lock file (npm ci stamps node_modules/.package-lock.json); silent
# otherwise. `npm start` and `npm test` run it first, so a fresh clone needs no other command.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "install-node-modules: npm ci (node_modules missing or older than package-lock.json)"
  npm ci --no-audit --no-fund
fi
