#!/usr/bin/env bash
# Makes sure the real servers the tests use are running on this machine:
# PostgreSQL on 127.0.0.1:5432 (trust auth, database "test") and Redis on
# 127.0.0.1:6379, and the tools tests call (xmllint). Installs them from
# Debian's packages when they are missing.
set -euo pipefail

log() { printf 'services: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
apt_install() {
	if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
	for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 0.5; done
	return 1
}

ensure_postgres() {
	if ! port_open 5432; then
		if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
			log "installing PostgreSQL"
			apt_install postgresql
		fi
		ver=$(ls /etc/postgresql | sort -V | tail -n 1)
		conf=/etc/postgresql/$ver/main
		# Trust on loopback: the test server holds nothing but test data.
		if ! grep -q '^host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"; then
			as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$conf/pg_hba.conf"
		fi
		log "starting PostgreSQL $ver"
		as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
		wait_port 5432 || { log "PostgreSQL did not start"; exit 1; }
	fi
	psql_() { psql -h 127.0.0.1 -U postgres -d postgres -tAc "$1"; }
	psql_ "SELECT 1 FROM pg_roles WHERE rolname='root'" | grep -q 1 || psql_ "CREATE ROLE root SUPERUSER LOGIN"
	psql_ "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 || psql_ "CREATE DATABASE test OWNER root"
	log "PostgreSQL ready on 127.0.0.1:5432"
}

ensure_redis() {
	if ! port_open 6379; then
		command -v redis-server >/dev/null || { log "installing Redis"; apt_install redis-server; }
		log "starting Redis"
		mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
		redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
			--dir /var/lib/redis --logfile /var/log/redis/ci.log
		wait_port 6379 || { log "Redis did not start"; exit 1; }
	fi
	log "Redis ready on 127.0.0.1:6379"
}

# Tools the tests run: xmllint validates the OAI-PMH and sitemap output
# against their XML schemas.
ensure_tools() {
	command -v xmllint >/dev/null || { log "installing xmllint"; apt_install libxml2-utils; }
	log "xmllint ready"
}

ensure_postgres
ensure_redis
ensure_tools
