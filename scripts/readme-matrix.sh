#!/usr/bin/env bash
# readme-matrix.sh: write what each backend supports on this machine, as
# "hazmat info" prints it, into README.md between its BEGIN and END
# "hazmat info matrix" markers.
#
# Usage: scripts/readme-matrix.sh
#
# Builds hazmat (with cgo) and runs "hazmat -backend openssl info" (default
# providers, then FIPS mode with the provider fips-env.sh prepares) and
# "hazmat -backend go info" (GODEBUG=fips140=off, then fips140=on and
# fips140=only). The default-mode tables are shown; the FIPS-mode ones are
# folded. HAZMAT_OPENSSL_NO_LEGACY is cleared so that the legacy provider
# loads as it does by default.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
cd "$top"

bin=$(mktemp -d)/hazmat
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/hazmat

unset HAZMAT_OPENSSL_NO_LEGACY HAZMAT_BACKEND
block() { # block TITLE COMMAND... : a titled code block of the command's output
	local title=$1
	shift
	printf '%s\n\n```\n' "$title"
	"$@"
	printf '```\n\n'
}
folded() { # folded SUMMARY COMMAND...
	local summary=$1
	shift
	printf '<details><summary>%s</summary>\n\n```\n' "$summary"
	"$@"
	printf '```\n\n</details>\n\n'
}

out=$(mktemp)
{
	block "\`hazmat -backend openssl info\`:" env GODEBUG=fips140=off "$bin" -backend openssl info
	block "\`hazmat -backend go info\`:" env GODEBUG=fips140=off "$bin" -backend go info
	folded "FIPS mode: <code>hazmat -backend openssl -fips info</code> (OpenSSL's FIPS provider)" \
		"$here/fips-env.sh" env GODEBUG=fips140=off "$bin" -backend openssl -fips info
	folded "FIPS mode: <code>GODEBUG=fips140=on hazmat -backend go info</code>" \
		env GODEBUG=fips140=on "$bin" -backend go info
	folded "FIPS mode, enforced: <code>GODEBUG=fips140=only hazmat -backend go info</code>" \
		env GODEBUG=fips140=only "$bin" -backend go info
} >"$out"

begin='<!-- BEGIN hazmat info matrix'
end='<!-- END hazmat info matrix -->'
grep -q "^$begin" README.md && grep -q "^$end" README.md || {
	echo "readme-matrix.sh: README.md has no hazmat info matrix markers" >&2
	exit 1
}
awk -v begin="$begin" -v end="$end" -v gen="$out" '
	index($0, begin) == 1 { print; while ((getline line < gen) > 0) print line; skip = 1; next }
	index($0, end) == 1 { skip = 0 }
	!skip { print }
' README.md >README.md.new
mv README.md.new README.md
rm -f "$out"
echo "readme-matrix.sh: README.md updated" >&2
