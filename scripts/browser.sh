#!/usr/bin/env bash
# Makes sure the browser tests (internal/e2e) can run on this machine:
# Debian's chromium, and axe-core (the npm package, pinned by
# internal/e2e/package-lock.json) in internal/e2e/node_modules. Installs
# them when missing: chromium from Debian's packages, axe-core with npm ci
# (Node.js and npm from Debian's packages when absent).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'browser: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
apt_install() {
	if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_chromium() {
	if ! command -v chromium >/dev/null; then
		log "installing chromium"
		apt_install chromium
	fi
	log "chromium ready: $(chromium --version 2>/dev/null | head -n 1)"
}

ensure_axe() {
	if [ ! -f internal/e2e/node_modules/axe-core/axe.min.js ]; then
		command -v npm >/dev/null || { log "installing npm"; apt_install nodejs npm; }
		log "installing axe-core"
		(cd internal/e2e && npm ci --no-audit --no-fund --silent)
	fi
	log "axe-core ready: $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' internal/e2e/node_modules/axe-core/package.json | head -n 1)"
}

ensure_chromium
ensure_axe
