#!/usr/bin/env bash
# run.sh: set up, build the hazmat command, and run it.
#
# Usage: scripts/run.sh [HAZMAT ARGS...]     (default: info)
#
# Installs what the build needs (deps.sh), builds ./bin/hazmat and runs it
# with the given arguments, "info" when there are none.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
cd "$top"

"$here/deps.sh"
go build -o bin/hazmat ./cmd/hazmat
if [ $# -eq 0 ]; then
	set -- info
fi
exec bin/hazmat "$@"
