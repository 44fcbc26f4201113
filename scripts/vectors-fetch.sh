#!/usr/bin/env bash
# vectors-fetch.sh: fetch the full test-vector collection into the cache.
#
# Usage: scripts/vectors-fetch.sh [-q] [--refresh]
#
# Downloads (does not install) Debian's python3-cryptography-vectors package
# with apt-get, unpacks it, and links its cryptography_vectors/ folder (NIST
# CAVP and RFC vectors: ciphers/, hashes/, HMAC/, ...) to
#   ${HAZMAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hazmat}/vectors/cryptography_vectors
# whose path it prints on stdout; tests read it through HAZMAT_VECTORS.
# The package comes from the system's apt sources when they know it, else from
# this machine's own Debian release through a private apt configuration in the
# cache (the mirror is read from the system's apt sources). A second run only
# prints the path; --refresh downloads again.
#
# Environment: HAZMAT_CACHE, XDG_CACHE_HOME, HAZMAT_VECTORS_SUITE (the Debian
# suite to use with the private configuration; default: this release),
# HAZMAT_DEBIAN_MIRROR, HAZMAT_APT_PRIVATE=1 (skip the system's apt lists).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HZ_PROG=vectors-fetch
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$here/lib/common.sh"

pkg=python3-cryptography-vectors
hz_quiet_refresh_args "$@"

cache=$(hz_cache_root)/vectors
link=$cache/cryptography_vectors
mkdir -p "$cache"

if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache/.lock"
	flock 9
fi

if [ "$refresh" -eq 0 ] && [ -f "$cache/stamp" ] && [ -d "$link/hashes" ]; then
	printf '%s\n' "$link"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
	hz_die "apt-get and dpkg-deb are needed to fetch $pkg; on other systems set HAZMAT_VECTORS to a copy of pyca/cryptography's cryptography_vectors folder"
fi

dl=$cache/dl
mkdir -p "$dl"
if [ "${HAZMAT_APT_PRIVATE:-0}" != 1 ] && hz_system_candidate "$pkg"; then
	HZ_PAPT_DIR=
	hz_log "downloading $pkg (from this machine's apt sources)"
else
	suite=${HAZMAT_VECTORS_SUITE:-$(hz_os_field VERSION_CODENAME)}
	[ -n "$suite" ] || hz_die "cannot tell this system's Debian release; set HAZMAT_VECTORS_SUITE (e.g. trixie)"
	mirror=$(hz_debian_mirror)
	[ -n "$mirror" ] || hz_no_mirror_advice
	keyring=${HAZMAT_DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
	[ -r "$keyring" ] ||
		hz_die "no keyring $keyring; $(hz_root_advice 'apt-get install -y debian-archive-keyring')"
	hz_log "downloading $pkg from Debian $suite ($mirror)"
	hz_papt_init "$cache/apt" "$keyring" "$mirror $suite"
	hz_papt_update || {
		hz_show_log "$cache/apt/update.log"
		hz_die "could not read Debian $suite's package lists from $mirror"
	}
fi
deb=$(hz_download_deb "$pkg" "$dl")
[ -n "$deb" ] || hz_die "apt-get download left no $pkg package"

rm -rf "$cache/root.new"
dpkg-deb -x "$deb" "$cache/root.new"
src=$(find "$cache/root.new" -type d -name cryptography_vectors -path '*-packages/cryptography_vectors' | head -n 1)
if [ -z "$src" ] || [ ! -d "$src/hashes" ]; then
	rm -rf "$cache/root.new"
	hz_die "$pkg holds no cryptography_vectors/ folder"
fi
rm -f "$cache/stamp"
rm -rf "$cache/root"
mv "$cache/root.new" "$cache/root"
ln -sfn "root/${src#"$cache/root.new/"}" "$link"
rm -f "$deb"
printf '%s\n' "${deb##*/}" >"$cache/stamp"
hz_log "vectors of ${deb##*/} in $link"
printf '%s\n' "$link"
