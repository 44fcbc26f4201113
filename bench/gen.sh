#!/usr/bin/env bash
# gen.sh: write BENCHMARKS.md from the results of `make bench`.
#
# Usage: bench/gen.sh [results.txt] > BENCHMARKS.md
#
# Reads bench/results.txt by default. The ratio tables and the first list
# of targets use the clock CLOCK names (wall, the default, or cpu: see
# bench/cmd/benchcheck); a second list of targets always uses CPU time. The
# machine line is this machine's: run it where the benchmarks ran.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
results=${1:-$here/results.txt}
[ -s "$results" ] || { echo "gen.sh: no results in $results (run make bench)" >&2; exit 2; }

export PATH="$PATH:$(go env GOPATH)/bin"
command -v benchstat >/dev/null || { echo "gen.sh: benchstat missing (make bench installs it)" >&2; exit 2; }

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -n1)
cores=$(nproc)
ossl=$(openssl version | sed 's/ (Library.*//')
gover=$(go env GOVERSION)
runs=$(grep -c '^BenchmarkAESGCMSeal/hazmat/64' "$results" || true)
clock=${CLOCK:-wall}
commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$here" && go build -o "$tmp/benchcheck" ./cmd/benchcheck)

cat <<EOF
# Benchmarks

hazmat side by side with its peers on the operations services spend
their time in. Each benchmark runs one operation through four
implementations:

- **hazmat**: this library, through its public API (\`aead.NewAESGCM\`,
  \`ciphers.NewCipher\` and its \`Context\`, \`ciphers.NewStreamEncrypter\`,
  \`hashes\`, \`hmac\`);
- **go**: Go's crypto packages (assembly AES-GCM, SHA-NI where the CPU has it);
- **gofips**: github.com/golang-fips/openssl/v2 v2.0.3, another Go binding of
  OpenSSL, the one behind several FIPS builds of Go;
- **c**: the same EVP calls in a C loop, one cgo call for the whole benchmark
  (package \`bench/internal/cfloor\`): the floor for anything built on OpenSSL.

Tests in package bench check that every implementation computes what Go's
crypto computes, at every size, so every number below is of correct code.

## Machine

$cpu, $cores cores; $ossl; $gover; $runs runs of each benchmark,
at commit $commit.

## Operations

| Benchmark | What one operation is |
|---|---|
| AESGCMSeal | AES-128-GCM seal, 12-byte nonce, no AAD, into a reused buffer |
| AESGCMOpen | AES-128-GCM open of the same, tag checked |
| AESCBCEncrypt | AES-256-CBC, no padding, on a context reused across operations |
| AESCTR | AES-128-CTR as a \`cipher.Stream\` (\`XORKeyStream\`) |
| SHA256, SHA512 | one-shot digest of the message |
| SHA256Hasher | a reused \`hash.Hash\`: Reset, Write, Sum into a reused buffer |
| HMACSHA256 | a reused HMAC (32-byte key): Reset, Write, Sum |
| NewSHA256 | a new hasher per message: create, one Write, Sum |

Sizes are 64 B, 1 KiB, 16 KiB and 1 MiB. At 64 bytes the fixed cost of an
operation dominates (the cgo crossing, context set-up, Go-side checks); at
16 KiB and 1 MiB the cipher or digest itself does.

## Reproduce

\`\`\`sh
make bench          # about 7 minutes on 2 cores: bench/results.txt, then benchstat
bench/gen.sh > BENCHMARKS.md
make bench-check    # the targets below, PASS or FAIL, exit status 1 on a failure
\`\`\`

Run on an otherwise idle machine: the benchmarks take one core each, and the
64-byte numbers move with any other load. \`BENCHTIME=1s make bench\` gives
steadier numbers in about three times as long. The ± of the benchstat
tables below says how steady a run was: with intervals of more than a few
percent, the 60 ns and 97% targets cannot be judged from it.

## Targets

- at 16 KiB and 1 MiB, every hazmat operation reaches at least 97% of the
  throughput of the C floor;
- at 64 bytes, every hazmat operation costs at most the C floor's time plus
  60 ns, and at most half of gofips' time for AESGCMSeal, AESGCMOpen, SHA256,
  SHA256Hasher and HMACSHA256;
- no hazmat operation allocates, except NewSHA256 (at most once).

\`bench/cmd/benchcheck\` checks them on the median of the runs. Each
benchmark also reports cpu-ns/op, the CPU time of the benchmark's thread
per operation, and \`benchcheck -time cpu\` checks the targets on it: on a
machine shared with other work it is the steadier measure, as wall-clock
time also counts the time the benchmark waited for a CPU.

## Ratios

EOF

"$tmp/benchcheck" -markdown -time "$clock" "$results"
if [ "$clock" != cpu ]; then
	printf '\n### Targets on CPU time\n\n```\n'
	"$tmp/benchcheck" -time cpu "$results" || true
	echo '```'
fi

cat <<EOF

## All results (benchstat)

Time per operation (sec/op), CPU time per operation (cpu-sec/op) and
allocations per operation: medians with 95% confidence intervals.

\`\`\`
EOF
(cd "$(dirname "$results")" && benchstat -filter '.unit:(sec/op OR cpu-ns/op OR allocs/op)' "$(basename "$results")")
echo '```'
