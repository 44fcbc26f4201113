#!/usr/bin/env bash
# test.sh: set up and run hazmat's whole test suite.
#
# Usage: scripts/test.sh [--fips | --asan]
#
# Installs what the build needs (deps.sh), finds the test vectors (fetching
# Debian's cryptography vectors into the cache when neither HAZMAT_VECTORS
# nor ../shared/vectors/nist is there), checks formatting, vet and
# staticcheck, then runs every test with the race detector and cgocheck2.
# With --fips the tests run in FIPS mode with OpenSSL's FIPS provider
# (fips-setup.sh obtains and configures it in the cache) and the tests
# assert the FIPS expectations. With --asan they run under Go's address
# sanitizer (cgo code included). The default run also runs every fuzz
# target for FUZZTIME (default 3s) each.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
cd "$top"

# The packages with allocation tests (AllocsPerRun).
alloc_pkgs="./primitives/hashes ./primitives/hmac ./primitives/padding ./primitives/ciphers ./primitives/ciphers/aead"

mode=default
case "${1:-}" in
--fips) mode=fips ;;
--asan) mode=asan ;;
"") ;;
*) echo "usage: scripts/test.sh [--fips | --asan]" >&2; exit 2 ;;
esac

"$here/deps.sh"
gopath=$(go env GOPATH)
export PATH="$PATH:$gopath/bin"

# staticcheck_bin: the path of a staticcheck that fits the go command, built
# once into the cache. A staticcheck release analyses code up to the Go version
# it was made for and needs that Go to build: v0.8.2 needs Go 1.26, and v0.7.0
# is the newest that builds with Go 1.25, the oldest that go.mod allows. (With
# GOTOOLCHAIN=local, as in the golang images, the go command cannot switch to
# a newer toolchain to build a tool.)
staticcheck_bin() {
	local want dir
	case $(go env GOVERSION) in
	go1.25 | go1.25.* | go1.25[a-z]*) want=v0.7.0 ;;
	*) want=v0.8.2 ;;
	esac
	dir=${HAZMAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hazmat}/tools/staticcheck@$want
	if [ ! -x "$dir/staticcheck" ]; then
		GOBIN=$dir go install "honnef.co/go/tools/cmd/staticcheck@$want"
	fi
	printf '%s' "$dir/staticcheck"
}

if [ -z "${HAZMAT_VECTORS:-}" ] && [ ! -d "$top/../shared/vectors/nist" ]; then
	HAZMAT_VECTORS=$("$here/vectors-fetch.sh")
	export HAZMAT_VECTORS
fi

if [ "$mode" = default ]; then
	echo "== gofmt, go vet, staticcheck" >&2
	# shellcheck disable=SC2046 # one argument per file name
	bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
	if [ -n "$bad" ]; then
		printf 'gofmt would change:\n%s\n' "$bad" >&2
		exit 1
	fi
	go vet ./...
	staticcheck=$(staticcheck_bin)
	"$staticcheck" ./...
	echo "== go test -race (default provider)" >&2
	GOEXPERIMENT=cgocheck2 go test -race -count=1 ./...
	# The race detector changes allocation counts (sync.Pool drops items at
	# random), so the allocation tests run once more without it.
	echo "== allocation tests without -race" >&2
	# shellcheck disable=SC2086 # a list of packages
	go test -count=1 -run 'Alloc' $alloc_pkgs
	"$here/fuzz.sh" "${FUZZTIME:-3s}"
elif [ "$mode" = asan ]; then
	echo "== go test -asan" >&2
	go test -asan -count=1 ./...
else
	echo "== go test -race (FIPS mode)" >&2
	GOEXPERIMENT=cgocheck2 "$here/fips-env.sh" go test -race -count=1 ./...
	echo "== allocation tests without -race (FIPS mode)" >&2
	# shellcheck disable=SC2086 # a list of packages
	"$here/fips-env.sh" go test -count=1 -run 'Alloc' $alloc_pkgs
fi
