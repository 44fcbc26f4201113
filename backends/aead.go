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
