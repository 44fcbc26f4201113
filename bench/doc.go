// Package bench compares hazmat with its peers, side by side, on the
// operations services spend their time in: AES-GCM, AES-CBC, AES-CTR,
// SHA-256, SHA-512 and HMAC-SHA256, at 64 bytes, 1 KiB, 16 KiB and 1 MiB;
// HKDF-SHA256, PBKDF2-HMAC-SHA256, CMAC-AES-128, AES key wrap and random
// bytes, each at sizes of its own.
//
// It holds benchmarks only. Each Benchmark<Op> runs the same operation
// through up to five implementations (Go's crypto and golang-fips/openssl
// have no CMAC or key wrap, so neither has hazmat-go), as sub-benchmarks
// <impl>/<size>:
//
//   - hazmat: this library, through its public API;
//   - hazmat-go: the same API on the Go backend (package gocrypto, through
//     the WithBackend constructors): what hazmat's layer costs over Go's
//     own crypto;
//   - go: Go's own crypto packages;
//   - gofips: github.com/golang-fips/openssl/v2, another OpenSSL binding;
//   - c: the same EVP calls in a C loop, one cgo call for a whole run
//     (package bench/internal/cfloor): the floor for anything built on
//     OpenSSL.
//
// bench is a module of its own (its go.mod points at the library in ../
// with a replace directive), so that the peers it measures never enter the
// module graph of a program that imports hazmat.
//
// The implementations live in package bench/internal/peers, so that
// bench/cmd/benchcheck runs the very code the benchmarks run; its tests
// check that every implementation computes what Go's does (or a reference
// on Go's AES, for CMAC and key wrap), so that each measurement is of
// correct code. Run
//
//	make bench        # the benchmarks, six passes, then benchstat
//	make bench-check  # the performance targets in paired rounds
//
// make bench-check runs bench/cmd/benchcheck, which measures the
// implementations in paired, interleaved rounds in one process and
// judges each target on the median of its per-round values and their
// interquartile range: PASS, FAIL, or UNJUDGEABLE when the spread does
// not allow a verdict. bench/gen.sh writes BENCHMARKS.md, its chart and
// README.md's table from one such run; see BENCHMARKS.md for the targets
// and the latest results.
package bench
