#!/usr/bin/env bash
# test.sh: set up and run hazmat's whole test suite.
#
# Usage: scripts/test.sh [-q] [--fips | --asan | --nocgo]
#
# Installs what the build needs (deps.sh), finds the test vectors (fetching
# Debian's cryptography vectors into the cache when neither HAZMAT_VECTORS
# nor ../shared/vectors/nist is there), checks formatting, vet and
# staticcheck, then runs every test with the race detector and cgocheck2,
# and every test once more with the Go backend as the default
# (HAZMAT_BACKEND=go).
# With --fips the tests run in FIPS mode with OpenSSL's FIPS provider
# (fips-setup.sh obtains and configures it in the cache) and the tests
# assert the FIPS expectations. With --asan they run under Go's address
# sanitizer (cgo code included). The default run also runs every fuzz
# target for FUZZTIME (default 3s) each. The module in bench/ (the
# side-by-side benchmarks, a module of its own) is vetted and tested too.
# With --nocgo the module is built, vetted, checked with staticcheck and
# tested with CGO_ENABLED=0, where the Go backend (package gocrypto) is
# the default and package openssl a stub; then gocrypto and the primitives
# are tested again with Go's FIPS 140-3 module enforcing
# (GODEBUG=fips140=only). That mode needs no C compiler nor
# OpenSSL.
#
# Each phase prints its time when it ends, and the run ends with one
# summary line: the phases passed and the total time, or the phase that
# failed. In FIPS mode the FIPS provider loaded (name, version, path) is
# printed first. -q hides the output of the phases that pass (a failing
# phase still shows its output); the phase lines, the provider line and
# the summary are always printed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
cd "$top"

# The packages with allocation tests (AllocsPerRun).
alloc_pkgs="./primitives/hashes ./primitives/hmac ./primitives/padding ./primitives/ciphers ./primitives/ciphers/aead ./primitives/rand ./primitives/kdf ./primitives/kdf/internal/hashid"

mode=default
quiet=
while [ $# -gt 0 ]; do
	case "$1" in
	--fips) mode=fips ;;
	--asan) mode=asan ;;
	--nocgo) mode=nocgo ;;
	-q | --quiet) quiet=1 ;;
	*) echo "usage: scripts/test.sh [-q] [--fips | --asan | --nocgo]" >&2; exit 2 ;;
	esac
	shift
done

# Phases: each is timed; the EXIT trap prints the summary line.
run_start=$SECONDS
phase_name=
phase_start=0
phases_passed=0
log=$(mktemp)
summary() {
	local code=$?
	local total=$((SECONDS - run_start))
	if [ -n "$phase_name" ]; then
		if [ -n "$quiet" ]; then
			exec 1>&3 2>&4
			cat "$log" >&2
		fi
		echo "test.sh: FAILED in phase \"$phase_name\" after ${total}s ($phases_passed phases passed, $mode mode)" >&2
	elif [ "$code" -eq 0 ]; then
		echo "test.sh: all $phases_passed phases passed in ${total}s ($mode mode)" >&2
	else
		echo "test.sh: FAILED after ${total}s ($phases_passed phases passed, $mode mode)" >&2
	fi
	rm -f "$log"
}
trap summary EXIT

# begin NAME [WHAT] starts a phase, saying what it does; with -q its output
# goes to the log, shown only when it fails.
begin() {
	phase_name=$1
	phase_start=$SECONDS
	echo "== $phase_name${2:+: $2}" >&2
	if [ -n "$quiet" ]; then
		: >"$log"
		exec 3>&1 4>&2 >"$log" 2>&1
	fi
}

# end ends the phase begun last, printing its time.
end() {
	if [ -n "$quiet" ]; then
		exec 1>&3 2>&4 3>&- 4>&-
	fi
	echo "== $phase_name: passed in $((SECONDS - phase_start))s" >&2
	phases_passed=$((phases_passed + 1))
	phase_name=
}

if [ "$mode" != nocgo ]; then
	begin "build prerequisites"
	"$here/deps.sh"
	end
fi
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
	begin "test vectors"
	HAZMAT_VECTORS=$("$here/vectors-fetch.sh")
	export HAZMAT_VECTORS
	end
fi

# race_build compiles the packages, and the standard library, with the race
# detector and cgocheck2 into the build cache, so that the long compile of
# a cold cache is a phase of its own that says what it does rather than a
# silence at the start of the tests.
race_build() {
	begin "race build" "compiling every package and the standard library with the race detector (no output; minutes on a cold cache)"
	GOEXPERIMENT=cgocheck2 go build -race ./...
	end
}

# bench_module vets and tests the module in bench/.
bench_module() {
	begin "bench module: go test"
	(cd bench && go test -count=1 ./...)
	end
}

if [ "$mode" = fips ]; then
	# The provider the tests will load, from the same environment.
	provider=$("$here/fips-env.sh" sh -c 'openssl list -providers | awk "
		/^  fips\$/ { f = 1; next }
		/^  [^ ]/ { f = 0 }
		f && /name:/ { sub(/^ *name: */, \"\"); n = \$0 }
		f && /version:/ { v = \$2 }
		f && /status:/ { s = \$2 }
		END { if (n != \"\") print n \" \" v \" (\" s \")\" }
	"; printf "%s\n" "$OPENSSL_MODULES/fips.so"')
	name=$(printf '%s\n' "$provider" | sed -n 1p)
	path=$(printf '%s\n' "$provider" | sed -n 2p)
	if [ -z "$name" ]; then
		echo "test.sh: no FIPS provider loads from $path" >&2
		exit 1
	fi
	echo "FIPS provider: $name, $path" >&2
fi

if [ "$mode" = nocgo ]; then
	export CGO_ENABLED=0
	begin "build, go vet, staticcheck without cgo"
	go build ./...
	go build -o /dev/null ./cmd/hazmat
	go vet ./...
	staticcheck=$(staticcheck_bin)
	"$staticcheck" ./...
	end
	begin "go test without cgo (Go backend)"
	go test -count=1 ./...
	end
	# The packages whose tests know Go's fips140=only rules: all of
	# gocrypto's and the primitives'.
	only_pkgs="./gocrypto/... ./internal/defaultbackend ./primitives/..."
	begin "go test without cgo, GODEBUG=fips140=only (gocrypto and the primitives)"
	# shellcheck disable=SC2086 # a list of packages
	GODEBUG=fips140=only go test -count=1 $only_pkgs
	end
elif [ "$mode" = default ]; then
	begin "gofmt, go vet, staticcheck"
	# shellcheck disable=SC2046 # one argument per file name
	bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
	if [ -n "$bad" ]; then
		printf 'gofmt would change:\n%s\n' "$bad" >&2
		exit 1
	fi
	go vet ./...
	staticcheck=$(staticcheck_bin)
	"$staticcheck" ./...
	(cd bench && go vet ./... && "$staticcheck" ./...)
	end
	race_build
	begin "go test -race (default provider)"
	GOEXPERIMENT=cgocheck2 go test -race -count=1 ./...
	end
	# With cgo the primitives take the Go backend when HAZMAT_BACKEND=go:
	# every test must pass whichever backend is the default (those of
	# OpenSSL's specifics name the OpenSSL backend). Without -race, to keep
	# it short (about 3 minutes here).
	begin "go test with HAZMAT_BACKEND=go"
	HAZMAT_BACKEND=go go test -count=1 ./...
	end
	# The race detector changes allocation counts (sync.Pool drops items at
	# random), so the allocation tests run once more without it.
	begin "allocation tests without -race"
	# shellcheck disable=SC2086 # a list of packages
	go test -count=1 -run 'Alloc' $alloc_pkgs
	end
	bench_module
	begin "fuzz targets, ${FUZZTIME:-3s} each"
	"$here/fuzz.sh" "${FUZZTIME:-3s}"
	end
elif [ "$mode" = asan ]; then
	begin "go test -asan"
	go test -asan -count=1 ./...
	end
else
	race_build
	begin "go test -race (FIPS mode)"
	GOEXPERIMENT=cgocheck2 "$here/fips-env.sh" go test -race -count=1 ./...
	end
	begin "allocation tests without -race (FIPS mode)"
	# shellcheck disable=SC2086 # a list of packages
	"$here/fips-env.sh" go test -count=1 -run 'Alloc' $alloc_pkgs
	end
	begin "bench module (FIPS mode)"
	(cd bench && "$here/fips-env.sh" go test -count=1 ./...)
	end
fi
