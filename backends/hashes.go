package backends

// HashAlgorithm is what a backend needs to know of a message digest.
type HashAlgorithm interface {
	// Name is the digest's name as OpenSSL spells it, lower case, e.g.
	// "sha256", "sha3-256", "sha512-224", "blake2b512", "shake128".
	Name() string
	// DigestSize is the output length in bytes (for an extendable-output
	// function, the length the caller chose).
	DigestSize() int
	// BlockSize is the internal block size in bytes.
	BlockSize() int
}

// ExtendableOutputAlgorithm marks an extendable-output function such as
// SHAKE128, whose DigestSize is chosen by the caller.
type ExtendableOutputAlgorithm interface {
	HashAlgorithm
	ExtendableOutput()
}

// HashContext computes a digest. It is not safe for concurrent use.
type HashContext interface {
	// Algorithm returns the algorithm the context computes.
	Algorithm() HashAlgorithm
	// Update adds data.
	Update(data []byte) error
	// Copy returns an independent context in the same state.
	Copy() (HashContext, error)
	// Finalize returns the digest. Every later call returns
	// [ErrAlreadyFinalized].
	Finalize() ([]byte, error)
}

// HashBackend computes message digests.
type HashBackend interface {
	// HashSupported reports whether the backend can compute alg right now.
	HashSupported(alg HashAlgorithm) bool
	// CreateHashCtx returns a new context for alg, or an
	// [*UnsupportedAlgorithmError].
	CreateHashCtx(alg HashAlgorithm) (HashContext, error)
}

// HMACContext computes an HMAC. It is not safe for concurrent use.
type HMACContext interface {
	Algorithm() HashAlgorithm
	Update(data []byte) error
	Copy() (HMACContext, error)
	// Finalize returns the MAC. Every later call returns
	// [ErrAlreadyFinalized].
	Finalize() ([]byte, error)
}

// HMACBackend computes HMACs.
type HMACBackend interface {
	// HMACSupported reports whether the backend can compute an HMAC with
	// alg right now. A digest the backend supports is not always usable
	// for HMAC (an extendable-output function never is).
	HMACSupported(alg HashAlgorithm) bool
	// CreateHMACCtx returns a new context keyed with key (copied; nil and
	// empty keys are valid), or an [*UnsupportedAlgorithmError].
	CreateHMACCtx(key []byte, alg HashAlgorithm) (HMACContext, error)
}

// Backend is a backend that serves ciphers, hashes and HMAC.
type Backend interface {
	CipherBackend
	HashBackend
	HMACBackend
}

// Summer is optionally implemented by hash and HMAC contexts that can
// append the current digest to dst without changing their state, faster
// than Copy followed by Finalize.
type Summer interface {
	Sum(dst []byte) ([]byte, error)
}

// Resetter is optionally implemented by hash and HMAC contexts that can go
// back to their initial state (keeping the HMAC key), even after Finalize.
type Resetter interface {
	Reset() error
}

// Digester is optionally implemented by a [HashBackend] that computes the
// digest of one buffer in a single step; it appends the digest to dst.
//
// The primitives find it (and the other optional interfaces of this
// package) by type assertion and prefer it to the generic path. A backend
// that embeds another backend to override CreateHashCtx or CreateHMACCtx
// inherits the embedded one's Digest and MAC too: override those as well,
// or one-shot calls (hashes.Sum, hmac.Sum) bypass the override.
type Digester interface {
	Digest(alg HashAlgorithm, data, dst []byte) ([]byte, error)
}

// MACer is optionally implemented by an [HMACBackend] that computes the
// HMAC of one buffer in a single step; it appends the MAC to dst.
type MACer interface {
	MAC(key []byte, alg HashAlgorithm, data, dst []byte) ([]byte, error)
}

// XOFSummer is optionally implemented by hash contexts of extendable-output
// functions: SumXOF appends n bytes of output for the data written so far
// to dst, leaving the state unchanged.
type XOFSummer interface {
	SumXOF(dst []byte, n int) ([]byte, error)
}
