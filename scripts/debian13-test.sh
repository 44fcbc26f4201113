#!/usr/bin/env bash
# debian13-test.sh: run what docker/Dockerfile runs, without Docker: the whole
# test suite, default provider then FIPS mode, on Debian 13 with its own
# OpenSSL 3.5 and its openssl-provider-fips, in a chroot.
#
# Usage: scripts/debian13-test.sh [--rebuild] [--shell | -- COMMAND...]
#
# Needs root (chroot, mounts in a private mount namespace) on a Debian or
# Ubuntu machine; installs mmdebstrap with apt-get when it is missing. Steps:
#   1. a Debian 13 (trixie) minbase root filesystem with the packages the image
#      installs, built by mmdebstrap from the Debian mirror of this machine's
#      apt sources into the cache; later runs reuse it (--rebuild makes it anew);
#   2. the Go toolchain of the image: Go $HAZMAT_DEBIAN13_GO (default go1.25.14,
#      as golang:1.25-trixie), obtained by the host's go command from the Go
#      module proxy, copied to /usr/local/go, with GOTOOLCHAIN=local as in the
#      image;
#   3. the checkout (tracked and untracked files, not ignored ones) in /src/hazmat,
#      and ../shared/vectors beside it when the host has it (else the tests
#      fetch the collection inside, as the image does);
#   4. inside, with /proc and /dev mounted: `make test`, `make test-fips` and
#      `make test-nocgo`.
#      scripts/fips-setup.sh there finds Debian 13's fips.so and configures it
#      with OpenSSL 3.5's own `openssl fipsinstall` and its defaults.
# The Go build and module caches stay in the root filesystem, so a second run
# builds little. Prints the versions and the time of each phase.
#
# --shell opens a shell in the root filesystem, set up as for the tests,
# instead of running them; after --, COMMAND runs there instead (in the
# checkout, e.g. `-- make test-fips`).
#
# Environment:
#   HAZMAT_CACHE, XDG_CACHE_HOME  where the cache lives (root filesystem in debian13/)
#   HAZMAT_DEBIAN_MIRROR          Debian archive URL, when the apt sources have none
#   HAZMAT_DEBIAN_SECURITY_MIRROR Debian security archive URL (optional)
#   HAZMAT_DEBIAN13_GO            the Go toolchain to use inside (go1.25.14)
#   FUZZTIME, CI                  passed to the tests
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
HZ_PROG=debian13-test
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$here/lib/common.sh"

suite=trixie
# The packages of docker/Dockerfile's apt-get line and the golang image's own
# (git, ca-certificates), plus make for `make test`.
packages=gcc,libc6-dev,make,pkg-config,libssl-dev,openssl,openssl-provider-fips,git,ca-certificates
gover=${HAZMAT_DEBIAN13_GO:-go1.25.14}

rebuild=0
shell=0
command=()
while [ $# -gt 0 ]; do
	case $1 in
	--rebuild) rebuild=1 ;;
	--shell) shell=1 ;;
	--)
		shift
		command=("$@")
		break
		;;
	-h | --help)
		sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
		exit 0
		;;
	*) hz_die "unknown argument: $1 (see --help)" ;;
	esac
	shift
done

hz_is_root || hz_die "needs root (chroot and mounts); run: sudo $0"
command -v go >/dev/null 2>&1 || hz_die "no go command on PATH (it fetches the Go toolchain for the chroot)"
command -v unshare >/dev/null 2>&1 || hz_die "no unshare command (package util-linux)"

t_all=$SECONDS
t_phase=$SECONDS
# phase NAME: report the time of the phase that ends and start the next one.
phase() {
	hz_log "$(printf '%-40s %4ds' "$1" $((SECONDS - t_phase)))"
	t_phase=$SECONDS
}

cache=$(hz_cache_root)/debian13
root=$cache/rootfs
mkdir -p "$cache"

# One run at a time per cache.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache/.lock"
	flock 9
fi

# --- 1. the root filesystem ----------------------------------------------------
mirror=$(hz_debian_mirror)
[ -n "$mirror" ] || hz_no_mirror_advice
security=$(hz_debian_security_mirror)
stamp="format=1
suite=$suite
packages=$packages
mirror=$mirror
security=$security"

if [ "$rebuild" -eq 1 ] || [ ! -f "$cache/rootfs.ok" ] || [ "$(cat "$cache/rootfs.ok")" != "$stamp" ]; then
	if ! command -v mmdebstrap >/dev/null 2>&1; then
		command -v apt-get >/dev/null 2>&1 || hz_die "no mmdebstrap and no apt-get to install it"
		hz_log "installing mmdebstrap"
		export DEBIAN_FRONTEND=noninteractive
		{ apt-get -q update && apt-get -q install -y --no-install-recommends mmdebstrap; } \
			>"$cache/apt.log" 2>&1 || {
			hz_show_log "$cache/apt.log"
			hz_die "could not install mmdebstrap"
		}
	fi
	rm -f "$cache/rootfs.ok"
	# --one-file-system: never follow a mount that a killed run may have left.
	rm -rf --one-file-system "$root" "$root.new"
	sources=("deb $mirror $suite main" "deb $mirror $suite-updates main")
	[ -z "$security" ] || sources+=("deb $security $suite-security main")
	hz_log "building a Debian $suite root filesystem from $mirror"
	mmdebstrap --mode=root --variant=minbase --include="$packages" \
		"$suite" "$root.new" "${sources[@]}" >"$cache/mmdebstrap.log" 2>&1 || {
		hz_show_log "$cache/mmdebstrap.log"
		hz_die "mmdebstrap failed"
	}
	mv "$root.new" "$root"
	printf '%s\n' "$stamp" >"$cache/rootfs.ok"
	phase "root filesystem built"
else
	phase "root filesystem reused"
fi

# --- 2. Go -------------------------------------------------------------------------
goroot=$(GOTOOLCHAIN=$gover go env GOROOT) ||
	hz_die "could not obtain the Go toolchain $gover from the Go module proxy"
[ -x "$goroot/bin/go" ] || hz_die "no go command in $goroot"
if [ "$(head -n 1 "$root/usr/local/go/VERSION" 2>/dev/null)" != "$gover" ]; then
	rm -rf --one-file-system "$root/usr/local/go"
	cp -a "$goroot" "$root/usr/local/go"
	chmod -R u+w "$root/usr/local/go"
fi
phase "Go $gover in place"

# --- 3. the checkout and the vectors ------------------------------------------------
rm -rf --one-file-system "$root/src"
mkdir -p "$root/src/hazmat"
(
	cd "$top"
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		# Files that git knows or would add, as they are in the work tree.
		git ls-files -z -c -o --exclude-standard |
			while IFS= read -r -d '' f; do
				[ -e "$f" ] && printf '%s\0' "$f"
			done | tar --null -T - -cf -
	else
		tar --exclude=./.cache --exclude=./bin -cf - .
	fi
) | tar -xf - -C "$root/src/hazmat"
if [ -d "$top/../shared/vectors" ]; then
	mkdir -p "$root/src/shared"
	cp -a "$top/../shared/vectors" "$root/src/shared/vectors"
fi
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# The machine's own certificate authorities (the local ones that
# update-ca-certificates adds to Debian's), so that the Go module proxy is
# trusted inside as it is outside.
localca=/usr/local/share/ca-certificates
if [ -d "$localca" ] && ! diff -r "$localca" "$root$localca" >/dev/null 2>&1; then
	rm -rf --one-file-system "${root:?}$localca"
	cp -a "$localca" "$root$localca"
	chroot "$root" update-ca-certificates >"$cache/ca.log" 2>&1 || {
		hz_show_log "$cache/ca.log"
		hz_die "update-ca-certificates failed in the root filesystem"
	}
fi
phase "checkout copied"

# --- 4. the tests, inside ---------------------------------------------------------
# Run in a private mount namespace: the mounts vanish with it, whatever happens.
# Inside, a trap unmounts them too before the chroot's processes are gone.
# shellcheck disable=SC2016 # expanded by the inner shell
inner='
set -euo pipefail
root=$1
shift
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"  # with /dev/pts, for the tests that need a terminal
trap '\''umount -R "$root/dev"; umount "$root/proc" 2>/dev/null || true'\'' EXIT
chroot "$root" "$@"
'
envs=(
	HOME=/root
	PATH=/usr/local/go/bin:/root/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	LANG=C.UTF-8
	GOTOOLCHAIN=local
	GOFLAGS=-modcacherw
	"GOPROXY=$(go env GOPROXY)"
	"GOSUMDB=$(go env GOSUMDB)"
	"CI=${CI:-}"
)
[ -z "${FUZZTIME:-}" ] || envs+=("FUZZTIME=$FUZZTIME")
[ -z "${TERM:-}" ] || envs+=("TERM=$TERM")

# in_root CMD...: run CMD in /src/hazmat inside the root filesystem.
in_root() {
	unshare --mount --propagation private bash -c "$inner" inner "$root" \
		/usr/bin/env -i "${envs[@]}" bash -c 'cd /src/hazmat && exec "$@"' in_root "$@"
}

if [ "$shell" -eq 1 ]; then
	in_root bash -i
	exit
fi
if [ ${#command[@]} -gt 0 ]; then
	in_root "${command[@]}"
	exit
fi

# shellcheck disable=SC2016 # expanded inside
in_root bash -c 'openssl version; go version; printf "coreutils %s\n" "$(sha256sum --version | head -n 1 | awk "{ print \$NF }")"' |
	sed "s/^/$HZ_PROG: /" >&2
in_root make test
phase "make test (default provider)"
in_root bash -c 'scripts/fips-env.sh openssl list -providers' | sed -n '/^  fips$/,/status/p' |
	sed "s/^/$HZ_PROG: /" >&2
in_root make test-fips
phase "make test-fips (FIPS mode)"
in_root make test-nocgo
phase "make test-nocgo (Go backend, Go 1.25's FIPS 140-3 module)"
hz_log "$(printf '%-40s %4ds' "all done" $((SECONDS - t_all)))"
