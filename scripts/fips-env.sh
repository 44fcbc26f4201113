#!/usr/bin/env bash
# fips-env.sh: run a command in OpenSSL FIPS mode.
#
# Usage: scripts/fips-env.sh COMMAND [ARGS...]
#   e.g. scripts/fips-env.sh go test ./...
#
# Prepares the FIPS provider with fips-setup.sh (quietly; see there for the
# cache and the environment it reads), then runs COMMAND with OPENSSL_CONF and
# OPENSSL_MODULES set so that only the 'fips' and 'base' providers are active.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ $# -eq 0 ]; then
	echo "usage: ${0##*/} COMMAND [ARGS...]" >&2
	exit 2
fi
env_lines=$("$here/fips-setup.sh" -q)
eval "$env_lines"
exec "$@"
