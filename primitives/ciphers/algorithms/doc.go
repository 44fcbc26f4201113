// Package algorithms holds the symmetric cipher descriptors of hazmat: AES,
// Camellia, TripleDES, Blowfish, CAST5, SEED, IDEA, SM4, ARC4 and ChaCha20.
//
// A descriptor is a plain value that names a cipher and carries its key (and,
// for ChaCha20, its nonce). It does no cryptography itself: the
// primitives/ciphers package pairs it with a mode from
// primitives/ciphers/modes and hands both to a backend, which reads them
// through the interfaces of package backends ([backends.CipherAlgorithm],
// [backends.BlockCipherAlgorithm], [backends.CipherAlgorithmWithNonce]).
//
// Most users want primitives/ciphers (or its AEAD helpers) and build a
// descriptor only to pass it there.
//
// # Validation
//
// Every constructor checks the key length (and the nonce length) before it
// returns, so no backend ever sees a descriptor with a key size the algorithm
// does not define. A wrong length gives an error that wraps
// [backends.ErrInvalidKeySize] (or [backends.ErrInvalidIVSize] for a
// ChaCha20 nonce) and says what was given and what is accepted. Whether a
// backend can serve the algorithm, for instance with OpenSSL's FIPS provider
// as the only one loaded, is a separate question that the backend answers.
//
// # Ownership
//
// Constructors copy the caller's key and nonce, so the caller may reuse or
// clear its slices afterwards. Key and Nonce return the descriptor's own
// slice without copying; callers must not modify it. A descriptor is
// immutable once built and safe for concurrent use.
//
// The zero values of the types are not valid descriptors: always use the
// constructors. The accessors of a nil pointer return zero values rather than
// panic, and the mode checks of primitives/ciphers/modes reject such a value.
//
// # Choosing an algorithm
//
// AES is the only block cipher here that FIPS 140 approves for new
// encryption. Camellia, SEED and SM4 are sound 128-bit block ciphers that
// some national standards or protocols require. TripleDES, Blowfish, CAST5
// and IDEA have 64-bit blocks, so a key must not encrypt more than a few
// gigabytes (the Sweet32 attacks); they exist to read old data. ARC4 is
// broken and is here only for compatibility. ChaCha20 without Poly1305 is
// unauthenticated: prefer an AEAD.
package algorithms
