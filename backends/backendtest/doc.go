// Package backendtest is the conformance suite of the [backends] contract:
// one call runs, against a backend, every check that the contract's
// documentation promises. The OpenSSL backend runs it in its default and
// its FIPS mode; every new backend is held to it.
//
// It is a test-support package, in the spirit of Go's
// crypto/internal/cryptotest: its functions take a [*testing.T] and are
// meant for _test.go files only.
//
// # Using it
//
// A backend runs the whole suite from one test:
//
//	package mybackend_test
//
//	import (
//		"testing"
//
//		"github.com/go-hazmat/hazmat/backends/backendtest"
//		"example.com/mybackend"
//	)
//
//	func TestConformance(t *testing.T) {
//		backendtest.TestBackend(t, mybackend.New())
//	}
//
// A backend that implements only part of the contract runs the part it
// has: [TestCipherBackend], [TestHashBackend] or [TestHMACBackend]. Run the
// test once in each configuration the backend has (for the OpenSSL backend,
// the default providers and FIPS mode) and under the race detector.
//
// # What it checks
//
// For every (cipher, mode) pair that the descriptor leaves
// (primitives/ciphers/algorithms and primitives/ciphers/modes) can build,
// and for every digest and HMAC that primitives/hashes names:
//
//   - the Supported answer is true exactly when the algorithm works, and a
//     refusal is an error wrapping [backends.ErrUnsupportedAlgorithm] that
//     is an [*backends.UnsupportedAlgorithmError] with a Reason. The suite
//     does not decide what a backend should support, only that it says so
//     truthfully;
//   - known answers: the module's own testdata/ files (read from the module
//     root, found above the working directory), and Go's crypto/... where
//     Go has the algorithm (AES and TripleDES modes, RC4, SHA-1, SHA-2,
//     SHA-3, SHAKE, MD5, HMAC) over message lengths 0 to 1040 written in
//     random parts;
//   - round trips of 0 to 8208 bytes through Update and UpdateInto, with
//     the caller's key, data and additional data left unmodified;
//   - every misuse sentinel: [backends.ErrAlreadyFinalized],
//     [backends.ErrNotYetFinalized], [backends.ErrInvalidTag],
//     [backends.ErrShortBuffer], [backends.ErrInvalidBufferOverlap],
//     [backends.ErrInvalidArgument], [backends.ErrDuplicateAdapter] and
//     [backends.ErrInvalidDataLength], each with errors.Is, and guard bytes
//     showing that a refused call wrote nothing and changed nothing;
//   - concurrency: one backend serving contexts to many goroutines at once,
//     with equal results (contexts themselves are single-goroutine);
//   - zero values: nil descriptors, zero descriptors of the leaves and a
//     missing mode give errors, never panics, and are never supported;
//   - the optional fast paths ([backends.Summer], [backends.Resetter],
//     [backends.Digester], [backends.MACer], [backends.XOFSummer]), when a
//     type assertion finds them, agree with the generic path.
//
// The suite asks no more than the contract: a backend may release output
// as data arrives (as OpenSSL does) or hold it back until Finalize (as a
// backend over a one-shot AEAD must for GCM); what it may not do is write
// past a buffer's length, write on a refused call, or release output after
// a failed tag check.
//
// [TestAEADBackend] checks the one-shot AEADs of [backends.AEADBackend]
// (AES-GCM, AES-CCM, ChaCha20-Poly1305) with caller-given nonces: round
// trips, Go's answers where Go has the AEAD, tampering, tag and nonce
// length sentinels, overlaps and concurrent use of one AEAD.
// [TestRandomNonceAEADBackend] checks the optional
// [backends.RandomNonceAEADBackend]: AES-GCM whose nonces the module
// generates, against Go's [crypto/cipher.NewGCMWithRandomNonce].
//
// # Reproducibility
//
// Keys, messages and split points come from a fixed seed that each test
// logs, so that a failure repeats. The suite registers an adapter for a
// pair of its own private types in the backend under test (to check
// [backends.ErrDuplicateAdapter]), so use a backend made for the test, not
// a process-wide one.
package backendtest
