// Package bench compares hazmat with its peers, side by side, on the
// operations services spend their time in: AES-GCM, AES-CBC, AES-CTR,
// SHA-256, SHA-512 and HMAC-SHA256, at 64 bytes, 1 KiB, 16 KiB and 1 MiB.
//
// It holds benchmarks only. Each Benchmark<Op> runs the same operation
// through four implementations, as sub-benchmarks <impl>/<size>:
//
//   - hazmat: this library, through its public API;
//   - go: Go's own crypto packages;
//   - gofips: github.com/golang-fips/openssl/v2, another OpenSSL binding;
//   - c: the same EVP calls in a C loop, one cgo call for the whole run
//     (package bench/internal/cfloor): the floor for anything built on
//     OpenSSL.
//
// bench is a module of its own (its go.mod points at the library in ../
// with a replace directive), so that the peers it measures never enter the
// module graph of a program that imports hazmat.
//
// Tests check that every implementation computes what Go's does, so that
// each benchmark measures correct code. Run them with
//
//	make bench        # benchstat tables, bench/results.txt
//	make bench-check  # the performance targets, PASS or FAIL
//
// and see BENCHMARKS.md for the targets and the latest results;
// bench/cmd/benchcheck checks the targets and prints the ratio tables.
package bench
