#!/usr/bin/env bash
# Builds the console (Vite, into console/dist) when it is missing or older than its sources or the
# lock file; silent otherwise. `npm start` and `npm test` run it, so the API always serves a console
# made from the checked-out code.
set -euo pipefail
cd "$(dirname "$0")/.."
page=console/dist/index.html
if [ -f "$page" ] && [ -z "$(find console/src console/index.html console/vite.config.mts package-lock.json -newer "$page" -print -quit)" ]; then
  exit 0
fi
start=$SECONDS
npm run -s console:build
echo "build-console: console/dist built in $((SECONDS - start))s"
