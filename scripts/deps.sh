#!/usr/bin/env bash
# deps.sh: make sure the build prerequisites are present.
#
# Usage: scripts/deps.sh
#
# Needs: gcc with the C library headers, pkg-config, OpenSSL 3's libcrypto
# headers (pkg-config module 'libcrypto'), the openssl command, and Go on PATH.
# As root on Debian or Ubuntu the missing packages are installed with apt-get
# (package lists refreshed only when apt does not know a package). Otherwise it
# prints the command to run and exits 1. Go is never installed: when it is
# missing the script says how. Prints nothing when everything is present.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HZ_PROG=deps
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$here/lib/common.sh"

# dpkg_installed PKG: true when dpkg reports PKG installed.
dpkg_installed() {
	command -v dpkg-query >/dev/null 2>&1 &&
		dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# c_headers_ok: gcc compiles a file that includes the C library's headers.
c_headers_ok() {
	printf '#include <stdlib.h>\n#include <string.h>\nint main(void) { return 0; }\n' |
		gcc -x c -o /dev/null - >/dev/null 2>&1
}

missing_packages() {
	local -a pkgs=()
	command -v pkg-config >/dev/null 2>&1 || pkgs+=(pkg-config)
	if command -v pkg-config >/dev/null 2>&1; then
		pkg-config --exists libcrypto || pkgs+=(libssl-dev)
	elif ! dpkg_installed libssl-dev; then
		pkgs+=(libssl-dev)
	fi
	command -v gcc >/dev/null 2>&1 || pkgs+=(gcc)
	if command -v gcc >/dev/null 2>&1; then
		c_headers_ok || pkgs+=(libc6-dev)
	elif ! dpkg_installed libc6-dev; then
		pkgs+=(libc6-dev)
	fi
	command -v openssl >/dev/null 2>&1 || pkgs+=(openssl)
	if [ ${#pkgs[@]} -gt 0 ]; then
		printf '%s\n' "${pkgs[@]}"
	fi
}

mapfile -t missing < <(missing_packages)

if [ ${#missing[@]} -gt 0 ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		hz_die "missing: ${missing[*]} (this is no Debian/Ubuntu system: install gcc, pkg-config and the OpenSSL 3 development files with its package manager)"
	fi
	if ! hz_is_root; then
		hz_die "missing packages: ${missing[*]}; $(hz_root_advice 'apt-get update' "apt-get install -y --no-install-recommends ${missing[*]}")"
	fi
	export DEBIAN_FRONTEND=noninteractive
	log=$(mktemp)
	trap 'rm -f "$log"' EXIT
	need_update=0
	for p in "${missing[@]}"; do
		hz_system_candidate "$p" || need_update=1
	done
	if [ "$need_update" -eq 1 ]; then
		hz_log "apt-get update"
		apt-get -q update >"$log" 2>&1 || {
			hz_show_log "$log"
			hz_die "apt-get update failed"
		}
	fi
	hz_log "installing ${missing[*]}"
	apt-get -q install -y --no-install-recommends "${missing[@]}" >"$log" 2>&1 || {
		hz_show_log "$log"
		hz_die "apt-get install ${missing[*]} failed"
	}
	mapfile -t still < <(missing_packages)
	[ ${#still[@]} -eq 0 ] || hz_die "still missing after apt-get install: ${still[*]}"
fi

# Go cannot be installed from here: say how.
if ! command -v go >/dev/null 2>&1; then
	if [ -x /usr/local/go/bin/go ]; then
		hz_die "go is in /usr/local/go/bin but not on PATH; run: export PATH=\"\$PATH:/usr/local/go/bin\""
	fi
	hz_die "no go command; install Go 1.25 or newer (https://go.dev/doc/install: unpack the release archive into /usr/local/go), then: export PATH=\"\$PATH:/usr/local/go/bin\""
fi
gov=$(go env GOVERSION 2>/dev/null || true)
case $gov in
go1.[0-9] | go1.[0-9].* | go1.[0-9][a-z]* | go1.1[0-9] | go1.1[0-9][.a-z]* | go1.2[0-4] | go1.2[0-4][.a-z]*)
	hz_log "note: $gov is older than go.mod's go 1.25; the go command will switch to a newer toolchain if GOTOOLCHAIN allows it"
	;;
esac
