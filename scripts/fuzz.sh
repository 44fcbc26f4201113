#!/usr/bin/env bash
# fuzz.sh: run every fuzz target of the project for a while each.
#
# Usage: scripts/fuzz.sh [DURATION]     (default 30s; go test's -fuzztime)
#
# A finding fails the run and leaves its reproducer in the package's
# testdata/fuzz folder, where the ordinary test run replays it from then on.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
time=${1:-30s}
targets=(
	"./internal/reliability FuzzHash"
	"./internal/reliability FuzzHMAC"
	"./internal/reliability FuzzAESModes"
	"./internal/reliability FuzzGCMOpenMutated"
	"./internal/reliability FuzzUnpad"
	"./internal/reliability FuzzContextSequence"
	"./primitives/padding FuzzUnpad"
	"./primitives/kdf FuzzKDFParameters"
	"./internal/vectors FuzzParse"
)
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	echo "== fuzz $pkg $name for $time" >&2
	go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$time"
done
