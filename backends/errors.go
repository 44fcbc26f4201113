package backends

import (
	"errors"
	"fmt"
)

// Sentinel errors of the contract. Backends and primitives wrap them with
// context; test for them with [errors.Is].
var (
	// ErrUnsupportedAlgorithm is returned when a backend cannot serve an
	// algorithm, a (cipher, mode) pair or a hash for HMAC: OpenSSL does not
	// know it, the providers loaded do not offer it, or FIPS mode refuses it.
	// The error is an [*UnsupportedAlgorithmError] that says which and why.
	ErrUnsupportedAlgorithm = errors.New("unsupported algorithm")

	// ErrAlreadyFinalized is returned by every method of a context that is
	// called after Finalize (or FinalizeWithTag) has run on it.
	ErrAlreadyFinalized = errors.New("context was already finalized")

	// ErrNotYetFinalized is returned when a result that exists only after
	// Finalize is asked for too early, such as the tag of an AEAD encryption
	// context before Finalize.
	ErrNotYetFinalized = errors.New("context was not yet finalized")

	// ErrInvalidTag is returned when an authentication tag does not match
	// the data. It never carries more detail, and no plaintext is released.
	ErrInvalidTag = errors.New("authentication tag is invalid")

	// ErrInvalidSignature is returned by HMAC verification when the MAC does
	// not match.
	ErrInvalidSignature = errors.New("signature did not match digest")

	// ErrDuplicateAdapter is returned by RegisterCipherAdapter when an
	// adapter is already registered for the (cipher, mode) pair.
	ErrDuplicateAdapter = errors.New("duplicate cipher adapter")

	// ErrInvalidKeySize is returned for a key whose length the algorithm
	// does not accept.
	ErrInvalidKeySize = errors.New("invalid key size")

	// ErrInvalidIVSize is returned for an IV, nonce or tweak whose length
	// the mode or algorithm does not accept.
	ErrInvalidIVSize = errors.New("invalid IV, nonce or tweak size")

	// ErrInvalidTagSize is returned for an authentication tag, or a minimum
	// tag length, outside what the mode accepts.
	ErrInvalidTagSize = errors.New("invalid tag size")

	// ErrInvalidDigestSize is returned for an output length an extendable
	// output function cannot produce (zero, negative or too large), or a
	// SHAKE used without one.
	ErrInvalidDigestSize = errors.New("invalid digest size")

	// ErrInvalidDataLength is returned when data has a length the mode
	// cannot process: a partial block in ECB or CBC (which take no padding),
	// XTS data shorter than one block, input too long for one call.
	ErrInvalidDataLength = errors.New("invalid data length")

	// ErrShortBuffer is returned by the Into and append-style methods when
	// the caller's output buffer cannot hold the result. Nothing is written.
	ErrShortBuffer = errors.New("output buffer too small")

	// ErrInvalidBufferOverlap is returned when an output buffer overlaps its
	// input in a way that would corrupt the result (the rule of
	// crypto/cipher: they may be the same slice, or not overlap at all).
	ErrInvalidBufferOverlap = errors.New("invalid buffer overlap")

	// ErrInvalidArgument is returned for a call that the contract does not
	// allow in the context's state or configuration: a tag handed to an
	// encryption context, additional data after the first Update, a
	// context type used outside its direction.
	ErrInvalidArgument = errors.New("invalid argument")

	// ErrModeChanged is returned by a streaming context (a hash, an HMAC,
	// a cipher context) whose state was computed by the implementation of
	// a FIPS mode that a backend has since switched away from (the OpenSSL
	// backend's SetFIPS): that state cannot move to the new mode's
	// implementation, and finishing it with the old one would compute
	// outside the mode in force. Reset the hash or HMAC, or create a new
	// context. A context with no such state (nothing processed yet, or an
	// ECB context between blocks) follows the new mode instead.
	ErrModeChanged = errors.New("FIPS mode changed during the operation")

	// ErrMessageLimit is returned by [RandomNonceAEADContext.Seal] once a
	// context has sealed as many messages as its nonce construction
	// allows under one key (2^32 for AES-GCM with random 96-bit nonces,
	// NIST SP 800-38D 8.3). Nothing is written; use a new key.
	ErrMessageLimit = errors.New("message limit per key reached")
)

// Reason says why an algorithm is unsupported, like pyca's _Reasons.
type Reason int

// Reasons for [UnsupportedAlgorithmError].
const (
	// ReasonUnsupportedCipher: the backend has no cipher for the pair.
	ReasonUnsupportedCipher Reason = iota + 1
	// ReasonUnsupportedHash: the backend has no such digest.
	ReasonUnsupportedHash
	// ReasonUnsupportedMAC: the backend has no such MAC (CMAC, KMAC, ...),
	// or no HMAC with the digest (which may exist, as SHAKE does).
	ReasonUnsupportedMAC
	// ReasonFIPSRefused: the algorithm exists, but FIPS mode is on and the
	// FIPS provider does not offer it.
	ReasonFIPSRefused
	// ReasonNoAdapter: no adapter is registered for the (cipher, mode)
	// pair, so the backend does not know how to name it.
	ReasonNoAdapter
	// ReasonUnboundedOutput: the backend cannot bound what the cipher
	// writes for a given input (a TLS record composite, an unknown mode),
	// so it refuses to run it rather than risk writing past a buffer.
	ReasonUnboundedOutput
	// ReasonNotStreamable: the cipher needs what a streaming context
	// cannot give it before the data (CCM's message length, SIV's tag);
	// a one-shot interface may still offer it.
	ReasonNotStreamable
	// ReasonUnsupportedKDF: the backend has no such key derivation
	// function (its hash or cipher may exist).
	ReasonUnsupportedKDF
)

// String returns a short description of r.
func (r Reason) String() string {
	switch r {
	case ReasonUnsupportedCipher:
		return "cipher not offered by the backend"
	case ReasonUnsupportedHash:
		return "hash not offered by the backend"
	case ReasonUnsupportedMAC:
		return "MAC not offered by the backend"
	case ReasonFIPSRefused:
		return "refused in FIPS mode"
	case ReasonNoAdapter:
		return "no adapter registered for this cipher and mode"
	case ReasonUnboundedOutput:
		return "output size not bounded by the backend"
	case ReasonNotStreamable:
		return "not usable in a streaming cipher context"
	case ReasonUnsupportedKDF:
		return "KDF not offered by the backend"
	}
	return fmt.Sprintf("Reason(%d)", int(r))
}

// UnsupportedAlgorithmError is the error behind [ErrUnsupportedAlgorithm]. It
// names the algorithm (and the mode, for ciphers) and says why.
type UnsupportedAlgorithmError struct {
	Algorithm string // e.g. "Blowfish", "md5"
	Mode      string // the mode's name for ciphers, "" otherwise
	Reason    Reason
	Err       error // an underlying backend error, if any
}

// Error describes the error. A nil *UnsupportedAlgorithmError says only
// "unsupported algorithm".
func (e *UnsupportedAlgorithmError) Error() string {
	if e == nil {
		return ErrUnsupportedAlgorithm.Error()
	}
	what := e.Algorithm
	if e.Mode != "" {
		what += " in " + e.Mode + " mode"
	}
	s := "unsupported algorithm: " + what + ": " + e.Reason.String()
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Is reports whether target is [ErrUnsupportedAlgorithm].
func (e *UnsupportedAlgorithmError) Is(target error) bool {
	return target == ErrUnsupportedAlgorithm
}

// Unwrap returns the underlying backend error, if any.
func (e *UnsupportedAlgorithmError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}
