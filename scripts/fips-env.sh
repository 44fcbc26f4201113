#!/usr/bin/env bash
# fips-env.sh: run a command in OpenSSL FIPS mode.
#
# Usage: scripts/fips-env.sh COMMAND [ARGS...]
#   e.g. scripts/fips-env.sh go test ./...
#
# Prepares the FIPS provider with fips-setup.sh (quietly; see there for the
# cache and the environment it reads), then runs COMMAND with OPENSSL_CONF and
# OPENSSL_MODULES set so that only the 'fips' and 'base' providers are active.
#
# It also adds -count=1 to GOFLAGS: go test's result cache does not see
# variables that only C code reads, so without it 'go test' after a run in the
# default mode would report cached results instead of running in FIPS mode.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ $# -eq 0 ]; then
	echo "usage: ${0##*/} COMMAND [ARGS...]" >&2
	exit 2
fi
env_lines=$("$here/fips-setup.sh" -q)
eval "$env_lines"
case " ${GOFLAGS:-} " in
*" -count="*) ;;
*) export GOFLAGS="${GOFLAGS:+$GOFLAGS }-count=1" ;;
esac
exec "$@"
