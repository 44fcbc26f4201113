package backends

// AEADContext seals and opens whole messages with an authenticated cipher,
// each in one step, as Go's [crypto/cipher.AEAD] does. Unlike the
// streaming [AEADEncryptionContext], it releases no plaintext before the
// tag is checked. A backend's AEADContext is safe for concurrent use.
type AEADContext interface {
	// Overhead returns the tag length in bytes.
	Overhead() int
	// Seal encrypts and authenticates plaintext and aad, appending
	// ciphertext‖tag to dst. dst's spare capacity may hold the output, but
	// must not overlap plaintext other than exactly (an error wrapping
	// [ErrInvalidBufferOverlap]). The caller has checked the nonce's
	// length against the mode.
	Seal(dst, nonce, plaintext, aad []byte) ([]byte, error)
	// Open authenticates ciphertext‖tag and aad and appends the plaintext
	// to dst. A mismatch returns the bare [ErrInvalidTag], leaves dst
	// unchanged and zeroes what it used of dst's spare capacity.
	Open(dst, nonce, ciphertext, aad []byte) ([]byte, error)
}

// AEADBackend creates one-shot AEADs. The construction is named like a
// cipher context's, by a (cipher, mode) pair of descriptors that the
// backend's adapter registry resolves: AES with GCM or CCM, or an AEAD
// algorithm with a nil mode (ChaCha20-Poly1305). The mode only selects the
// construction: its per-message fields (IV, tag) are not read, and a nil
// pointer of the mode's type, such as (*modes.GCM)(nil), serves.
type AEADBackend interface {
	// AEADSupported reports whether the backend can run the pair as a
	// one-shot AEAD right now, probed as [CipherBackend.CipherSupported]
	// probes a cipher.
	AEADSupported(cipher CipherAlgorithm, mode Mode) bool
	// CreateAEADCtx returns a one-shot AEAD keyed with cipher's key
	// (copied) that produces and checks tags of tagSize bytes, or an
	// [*UnsupportedAlgorithmError]. The caller has validated the
	// descriptors and the tag size.
	CreateAEADCtx(cipher CipherAlgorithm, mode Mode, tagSize int) (AEADContext, error)
}

// RandomNonceAEADContext seals and opens whole messages with an AEAD whose
// nonce the backend generates inside its cryptographic module, never taken
// from the caller: the way FIPS 140-3 (Implementation Guidance C.H)
// approves AES-GCM encryption. Its output is nonce‖ciphertext‖tag, as Go's
// [crypto/cipher.NewGCMWithRandomNonce] writes it. A backend's
// RandomNonceAEADContext is safe for concurrent use.
type RandomNonceAEADContext interface {
	// NonceSize returns the length of the generated nonce that Seal puts
	// in front of the ciphertext (12 for AES-GCM).
	NonceSize() int
	// Overhead returns the tag length in bytes; a sealed message is
	// NonceSize()+Overhead() bytes longer than its plaintext.
	Overhead() int
	// Seal generates a fresh nonce in the module, encrypts and
	// authenticates plaintext and aad, and appends nonce‖ciphertext‖tag to
	// dst. dst's spare capacity may hold the output; it may start exactly
	// at plaintext[0] (in place), else must not overlap plaintext (an error
	// wrapping [ErrInvalidBufferOverlap]). Past the message limit per key
	// it returns an error wrapping [ErrMessageLimit] and writes nothing.
	Seal(dst, plaintext, aad []byte) ([]byte, error)
	// Open reads the nonce from the front of sealed, authenticates the
	// rest and aad and appends the plaintext to dst. A mismatch, or sealed
	// too short to hold a nonce and a tag, returns the bare
	// [ErrInvalidTag], leaves dst unchanged and zeroes what it used of
	// dst's spare capacity. In place (dst[len(dst):] starting at
	// sealed[0]), the ciphertext is first moved to the front of sealed.
	Open(dst, sealed, aad []byte) ([]byte, error)
}

// RandomNonceAEADBackend is an optional interface of an [AEADBackend]
// whose module can generate AEAD nonces itself (AES-GCM with random
// 96-bit IVs, NIST SP 800-38D 8.2.2). Primitives discover it by type
// assertion; a backend without it cannot offer such AEADs.
type RandomNonceAEADBackend interface {
	// RandomNonceAEADSupported reports whether the backend can run the
	// pair with module-generated nonces right now.
	RandomNonceAEADSupported(cipher CipherAlgorithm, mode Mode) bool
	// CreateRandomNonceAEADCtx returns an AEAD keyed with cipher's key
	// (copied) that generates its nonces and produces and checks tags of
	// tagSize bytes, or an [*UnsupportedAlgorithmError]. The mode only
	// selects the construction, as for [AEADBackend.CreateAEADCtx]. The
	// caller has validated the descriptors and the tag size.
	CreateRandomNonceAEADCtx(cipher CipherAlgorithm, mode Mode, tagSize int) (RandomNonceAEADContext, error)
}
