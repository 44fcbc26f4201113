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
	"./primitives/keywrap FuzzUnwrap"
	"./internal/vectors FuzzParse"
)
# go test -fuzz can give up with "context deadline exceeded" and no
# failing input when a worker answers its coordinator too late, as on a
# loaded machine: that is no finding, and the target runs once more. A
# finding (a "Failing input written to" line) always fails the run.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	for try in 1 2; do
		echo "== fuzz $pkg $name for $time" >&2
		if go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$time" 2>&1 | tee "$log"; then
			break
		fi
		if [ "$try" = 1 ] && grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
			echo "== fuzz $pkg $name: the fuzzing engine timed out without a finding; once more" >&2
			continue
		fi
		exit 1
	done
done
