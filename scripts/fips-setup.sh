#!/usr/bin/env bash
# fips-setup.sh: prepare OpenSSL's FIPS provider for this project's tests,
# without installing anything system-wide.
#
# Usage: eval "$(scripts/fips-setup.sh [-q] [--refresh])"
#
# Prints two shell lines on stdout, 'export OPENSSL_CONF=...' and
# 'export OPENSSL_MODULES=...', that make every OpenSSL 3 program of the
# process (the openssl command, cgo code linked to libcrypto) run with only the
# 'fips' and 'base' providers and with 'fips=yes' in the default properties.
#
# The provider module fips.so is, in this order: $HAZMAT_FIPS_MODULE; the
# system's (the openssl-provider-fips package, or any fips.so in OpenSSL's
# MODULESDIR); one downloaded before into the cache; else Debian's
# openssl-provider-fips package, downloaded (not installed) with apt-get from the
# system's apt sources when they have it, else from Debian's $HAZMAT_FIPS_SUITE
# (default trixie) through a private apt configuration that uses the mirror of
# this machine's own apt sources, and unpacked into the cache.
#
# Everything lives in ${HAZMAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hazmat}/fips.
# The work is redone only when the module or the OpenSSL version changed.
#
# Options:
#   -q, --quiet   no status messages (errors are still reported)
#   --refresh     download the package again even when the cache has one
#
# Environment:
#   HAZMAT_CACHE, XDG_CACHE_HOME  where the cache lives
#   HAZMAT_FIPS_MODULE            use this fips.so
#   HAZMAT_FIPS_SUITE             Debian suite to take the package from (trixie)
#   HAZMAT_DEBIAN_MIRROR          Debian archive URL, when the apt sources have none
#   HAZMAT_DEBIAN_SECURITY_MIRROR Debian security archive URL (optional)
#   HAZMAT_DEBIAN_KEYRING         keyring for the suite's signature
#   HAZMAT_APT_PRIVATE=1          skip the system's apt lists, use the private ones
#   HAZMAT_OPENSSL                the openssl command (default: openssl)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HZ_PROG=fips-setup
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$here/lib/common.sh"

hz_quiet_refresh_args "$@"

openssl_bin=${HAZMAT_OPENSSL:-openssl}
command -v "$openssl_bin" >/dev/null 2>&1 ||
	hz_die "no openssl command; $(hz_root_advice 'apt-get install -y --no-install-recommends openssl')"

# ossl ARGS...: the openssl command outside any FIPS configuration of the caller.
ossl() {
	env -u OPENSSL_CONF -u OPENSSL_MODULES "$openssl_bin" "$@"
}

# fips_ossl ARGS...: the openssl command under the configuration written here.
fips_ossl() {
	OPENSSL_CONF="$conf" OPENSSL_MODULES="$modules" "$openssl_bin" "$@"
}

openssl_version=$(ossl version)
case $openssl_version in
"OpenSSL 3."* | "OpenSSL "[4-9].*) ;;
*) hz_die "OpenSSL 3.0 or newer is needed for the FIPS provider; found: $openssl_version" ;;
esac

cache=$(hz_cache_root)/fips
mkdir -p "$cache"
conf=$cache/openssl-fips.cnf
modules=$cache/modules

# One run at a time per cache.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache/.lock"
	flock 9
fi

# sq STRING: STRING quoted for any POSIX shell.
sq() {
	printf "'%s'" "${1//\'/\'\\\'\'}"
}

print_env() {
	printf 'export OPENSSL_CONF=%s\n' "$(sq "$conf")"
	printf 'export OPENSSL_MODULES=%s\n' "$(sq "$modules")"
}

system_module() {
	local dir c
	dir=$(ossl version -m | sed -n 's/^MODULESDIR: "\(.*\)"$/\1/p')
	for c in ${dir:+"$dir/fips.so"} \
		/usr/lib64/ossl-modules/fips.so \
		/usr/local/lib64/ossl-modules/fips.so \
		/usr/local/lib/ossl-modules/fips.so \
		/usr/lib/ossl-modules/fips.so; do
		if [ -f "$c" ]; then
			printf '%s' "$c"
			return 0
		fi
	done
}

cached_module() {
	[ -d "$cache/pkg/root" ] || return 0
	find "$cache/pkg/root" -path '*/ossl-modules/fips.so' -type f 2>/dev/null | head -n 1
}

download_module() {
	local pkgdir=$cache/pkg suite mirror sec keyring rc deb codename
	local -a entries
	mkdir -p "$pkgdir"
	if [ "${HAZMAT_APT_PRIVATE:-0}" != 1 ] && hz_system_candidate openssl-provider-fips; then
		HZ_PAPT_DIR=
		hz_log "downloading openssl-provider-fips (from this machine's apt sources)"
	else
		suite=${HAZMAT_FIPS_SUITE:-trixie}
		mirror=$(hz_debian_mirror)
		[ -n "$mirror" ] || hz_no_mirror_advice
		entries=("$mirror $suite")
		sec=$(hz_debian_security_mirror)
		[ -z "$sec" ] || entries+=("$sec $suite-security")
		keyring=${HAZMAT_DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
		[ -r "$keyring" ] ||
			hz_die "no keyring $keyring; $(hz_root_advice 'apt-get install -y debian-archive-keyring')"
		hz_log "downloading openssl-provider-fips from Debian $suite ($mirror)"
		hz_papt_init "$cache/apt" "$keyring" "${entries[@]}"
		rc=0
		hz_papt_update || rc=$?
		if [ "$rc" -eq 2 ]; then
			# The keyring does not know the suite's key (an older keyring
			# package): take the current debian-archive-keyring of this
			# machine's own release, which the system keyring verifies.
			codename=$(hz_os_field VERSION_CODENAME)
			keyring=$cache/keyring/root/usr/share/keyrings/debian-archive-keyring.gpg
			if [ ! -s "$keyring" ]; then
				hz_log "$suite's signing key is not in the system keyring; taking debian-archive-keyring of ${codename:-this release}"
				keyring=$(hz_fetch_keyring "$cache/keyring")
			fi
			hz_papt_init "$cache/apt" "$keyring" "${entries[@]}"
			rc=0
			hz_papt_update || rc=$?
		fi
		if [ "$rc" -ne 0 ]; then
			hz_show_log "$cache/apt/update.log"
			hz_die "could not read Debian $suite's package lists from $mirror"
		fi
	fi
	deb=$(hz_download_deb openssl-provider-fips "$pkgdir")
	[ -n "$deb" ] || hz_die "apt-get download left no openssl-provider-fips package"
	rm -rf "$pkgdir/root"
	dpkg-deb -x "$deb" "$pkgdir/root"
	cached_module
}

# --- find the module ---------------------------------------------------------
module=
if [ -n "${HAZMAT_FIPS_MODULE:-}" ]; then
	[ -f "$HAZMAT_FIPS_MODULE" ] || hz_die "HAZMAT_FIPS_MODULE=$HAZMAT_FIPS_MODULE is not a file"
	module=$HAZMAT_FIPS_MODULE
fi
[ -n "$module" ] || module=$(system_module)
if [ -z "$module" ] && [ "$refresh" -eq 0 ]; then
	module=$(cached_module)
fi
if [ -z "$module" ]; then
	if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
		hz_die "no fips.so found and no apt-get/dpkg-deb to download Debian's openssl-provider-fips; install OpenSSL's FIPS provider and set HAZMAT_FIPS_MODULE to its fips.so"
	fi
	module=$(download_module)
	[ -n "$module" ] || hz_die "the openssl-provider-fips package holds no fips.so"
fi
module=$(readlink -f "$module")

# --- nothing to do when the module and OpenSSL did not change -----------------
stamp="format=1
module=$module
sha256=$(sha256sum "$module" | awk '{ print $1 }')
openssl=$openssl_version
conf=$conf"
if [ -f "$cache/stamp" ] && [ "$(cat "$cache/stamp")" = "$stamp" ] &&
	[ -s "$conf" ] && [ -s "$cache/fipsmodule.cnf" ] && [ -e "$modules/fips.so" ] &&
	[ "$(readlink -f "$modules/fips.so")" = "$module" ]; then
	print_env
	exit 0
fi
rm -f "$cache/stamp"

# --- configure ---------------------------------------------------------------
mkdir -p "$modules"
ln -sfn "$module" "$modules/fips.so"

log=$cache/fipsinstall.log
if ! ossl fipsinstall -module "$modules/fips.so" -out "$cache/fipsmodule.cnf.new" >"$log" 2>&1; then
	hz_show_log "$log"
	hz_die "the FIPS provider $module does not install into $openssl_version"
fi
mv -f "$cache/fipsmodule.cnf.new" "$cache/fipsmodule.cnf"

# A self-contained configuration: the system's openssl.cnf is not included, so
# that nothing activates the default or legacy provider behind our back.
cat >"$conf.new" <<EOF
# OpenSSL configuration for FIPS mode, written by scripts/fips-setup.sh.
# Only the 'fips' and 'base' providers are active; every fetch asks fips=yes.
config_diagnostics = 1
openssl_conf = openssl_init

.include $cache/fipsmodule.cnf

[openssl_init]
providers = provider_sect
alg_section = algorithm_sect

[provider_sect]
fips = fips_sect
base = base_sect

[base_sect]
activate = 1

[algorithm_sect]
default_properties = fips=yes
EOF
mv -f "$conf.new" "$conf"

# --- check that the module loads and enforces FIPS -----------------------------
providers=$(fips_ossl list -providers 2>"$log") || {
	hz_show_log "$log"
	hz_die "OpenSSL does not load the FIPS configuration $conf"
}
fips_status=$(printf '%s\n' "$providers" | awk '
	/^  [^ ]/ { p = $1 } p == "fips" && $1 == "status:" { print $2 }')
fips_name=$(printf '%s\n' "$providers" | awk '
	/^  [^ ]/ { p = $1 } p == "fips" && $1 == "name:" { sub(/^ *name: */, ""); print }')
fips_version=$(printf '%s\n' "$providers" | awk '
	/^  [^ ]/ { p = $1 } p == "fips" && $1 == "version:" { print $2 }')
case $fips_name in
*FIPS*) ;;
*) hz_die "$module is no FIPS provider (it calls itself '${fips_name:-?}')" ;;
esac
[ "$fips_status" = active ] || {
	printf '%s\n' "$providers" >&2
	hz_die "the fips provider is not active under $conf"
}
if printf '%s\n' "$providers" | grep -qE '^  (default|legacy)$'; then
	hz_die "a non-FIPS provider is loaded under $conf"
fi
fips_ossl dgst -sha256 </dev/null >/dev/null 2>"$log" || {
	hz_show_log "$log"
	hz_die "SHA-256 does not work under $conf"
}
if fips_ossl dgst -md5 </dev/null >/dev/null 2>&1; then
	hz_die "MD5 still works under $conf: FIPS mode is not in force"
fi

printf '%s\n' "$stamp" >"$cache/stamp"
hz_log "FIPS provider ${fips_version:-?} ready in $(printf '%s' "$openssl_version" | awk '{ print $1, $2 }') ($module)"
print_env
