package backends

// MACAlgorithm describes a message authentication code other than HMAC:
// CMAC (NIST SP 800-38B), GMAC (NIST SP 800-38D), KMAC128 and KMAC256
// (NIST SP 800-185) and Poly1305 (RFC 8439). A descriptor validates its own
// parameters and the key before a backend runs any code for it, so that
// every backend gives the same errors.
type MACAlgorithm interface {
	// Name is the algorithm's name for messages, e.g. "CMAC-AES",
	// "GMAC", "KMAC128", "Poly1305".
	Name() string
	// Size is the length of the MAC in bytes.
	Size() int
	// KeySizes lists the key lengths in bytes that Params accepts, for a
	// backend's support probe; an algorithm that takes a range of lengths
	// lists a few of them, the shortest first.
	KeySizes() []int
	// Params checks key against the algorithm and returns what a backend
	// needs to compute the MAC with it, or an error wrapping
	// [ErrInvalidKeySize] (or [ErrInvalidIVSize], [ErrInvalidDigestSize]
	// for a parameter of the descriptor).
	Params(key []byte) (MACParams, error)
}

// MACParams is what a backend needs to compute a MAC, named as OpenSSL's
// EVP_MAC names it.
type MACParams struct {
	// MAC is the EVP_MAC name: "CMAC", "GMAC", "KMAC-128", "KMAC-256",
	// "POLY1305".
	MAC string
	// Cipher is the cipher of CMAC and GMAC, as OpenSSL names it
	// ("aes-128-cbc", "des-ede3-cbc", "aes-256-gcm"), or "".
	Cipher string
	// IV is GMAC's IV, or nil.
	IV []byte
	// Custom is KMAC's customization string, or nil.
	Custom []byte
	// Size is the output length to set (KMAC), or 0 for the algorithm's
	// only length.
	Size int
	// OneTime is set for algorithms whose key (GMAC: key and IV) must
	// authenticate a single message: Poly1305 and GMAC.
	OneTime bool
}

// MACContext computes a MAC of [MACAlgorithm]. It is not safe for
// concurrent use.
type MACContext interface {
	// Algorithm returns the algorithm the context computes.
	Algorithm() MACAlgorithm
	// Update adds data.
	Update(data []byte) error
	// Copy returns an independent context in the same state.
	Copy() (MACContext, error)
	// Finalize returns the MAC. Every later call returns
	// [ErrAlreadyFinalized].
	Finalize() ([]byte, error)
}

// MACBackend computes the MACs of [MACAlgorithm] (pyca's CMACBackend,
// grown to the other MACs).
type MACBackend interface {
	// MACSupported reports whether the backend can compute alg right now,
	// with each of alg's KeySizes.
	MACSupported(alg MACAlgorithm) bool
	// CreateMACCtx returns a new context for alg keyed with key (copied),
	// an error wrapping [ErrInvalidKeySize] for a key alg refuses, or an
	// [*UnsupportedAlgorithmError].
	CreateMACCtx(alg MACAlgorithm, key []byte) (MACContext, error)
}

// OneShotMACer is optionally implemented by a [MACBackend] that computes
// the MAC of one buffer in a single step; it appends the MAC to dst and
// returns dst unchanged on error.
type OneShotMACer interface {
	ComputeMAC(alg MACAlgorithm, key, data, dst []byte) ([]byte, error)
}
