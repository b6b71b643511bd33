#!/usr/bin/env bash
# The packed-libs example (examples/packed-libs/README.md): builds the libs,
# packs each one, installs the tarballs into a scratch app outside the
# workspace (so nothing resolves through the workspace's node_modules), then
# type-checks and runs the consumer: train, save, load, forecast through the
# libs' public API. Uses DATABASE_URL when set, else an embedded server in the
# scratch folder (stopped at the end). KEEP=1 keeps the scratch folder;
# --no-build uses the libs as they are built (CI builds them in its own step).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
# onnxruntime-node's postinstall would download CUDA binaries from outside the npm registry.
export ONNXRUNTIME_NODE_INSTALL=skip
started=$(date +%s)
note() { printf '[packed-libs t+%ss] %s\n' "$(($(date +%s) - started))" "$1"; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/tsforecast-packed-libs-XXXXXX")
# As root, the embedded server runs as 'postgres', which must be able to reach its folder.
chmod 755 "$scratch"
if [ "${KEEP:-0}" = 1 ]; then
  note "scratch folder: $scratch (kept)"
else
  trap 'rm -rf "$scratch"' EXIT
fi

if [ "${1:-}" = --no-build ]; then
  note "using the libs as built (--no-build)"
else
  note "build the libs (Nx cache)"
  npx nx run-many -t build --projects='tag:layer:*' --parallel=2 --outputStyle=static
fi

note "pack every lib"
mkdir -p "$scratch/tarballs" "$scratch/app"
npm pack --workspaces --pack-destination "$scratch/tarballs" --silent >/dev/null
ls "$scratch/tarballs"

note "install the tarballs into a scratch app"
cp -r examples/packed-libs/package.json examples/packed-libs/tsconfig.json examples/packed-libs/src "$scratch/app/"
# Dependencies on the tarballs, the workspace's locked versions for the rest.
npx tsx tools/examples/prepare-scratch-app.ts "$scratch/app" "$scratch/tarballs"
# Only the local tarballs may satisfy @tsforecast/*: the scope's registry is unreachable.
printf '@tsforecast:registry=http://127.0.0.1:9/\nonnxruntime-node-install=skip\n' >"$scratch/app/.npmrc"
(cd "$scratch/app" && npm install --prefer-offline --no-audit --no-fund --loglevel=error)

note "type-check against the installed declarations and compile"
(cd "$scratch/app" && ./node_modules/.bin/tsc -p tsconfig.json)

note "train, save, load and forecast"
(cd "$scratch/app" && node dist/forecast.js "$root/apps/cli/assets/air_passengers.csv" "$scratch/work")
note "done"
