package aead

import (
	"crypto/cipher"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// randomNonceSize and randomNonceTag are the lengths of the nonce the
// module generates and of the tag of [AESGCMRandomNonce].
const (
	randomNonceSize = 12
	randomNonceTag  = 16
)

// AESGCMRandomNonce is AES-GCM (NIST SP 800-38D) whose 96-bit nonces are
// generated inside the cryptographic module, by its own random bit
// generator (SP 800-38D 8.2.2): the construction FIPS 140-3 approves for
// AES-GCM encryption (Implementation Guidance C.H). The caller never
// chooses a nonce. A sealed message is nonce‖ciphertext‖tag, 28 bytes
// longer than its plaintext, as Go's [cipher.NewGCMWithRandomNonce]
// writes it: each can open what the other seals under the same key.
//
// As a [cipher.AEAD] it has NonceSize 0 and Overhead 28: Seal and Open
// take an empty nonce. It is safe for concurrent use by multiple
// goroutines.
//
// # Message limit
//
// With random 96-bit nonces one key may seal at most 2^32 messages (NIST
// SP 800-38D 8.3), so that two equal nonces stay less likely than 2^-32.
// Each AESGCMRandomNonce counts its seals and refuses the next one past
// 2^32 (Encrypt returns an error wrapping [backends.ErrMessageLimit],
// Seal panics). The count is per value: values made from the same key do
// not share it, so make one per key, and rotate keys well before the
// limit.
//
// The zero value (and a nil *AESGCMRandomNonce) is not usable; use
// [NewAESGCMWithRandomNonce]. Its methods with an error result return one
// wrapping [backends.ErrInvalidArgument], Seal panics saying so, and
// NonceSize and Overhead return 0.
type AESGCMRandomNonce struct {
	a backends.RandomNonceAEADContext
}

var _ cipher.AEAD = (*AESGCMRandomNonce)(nil)

// NewAESGCMWithRandomNonce returns AES-GCM with key (16, 24 or 32 bytes;
// copied) and module-generated nonces, on the default backend.
//
// It returns an error wrapping [backends.ErrInvalidKeySize] for a key of
// another length, and an [*backends.UnsupportedAlgorithmError] when the
// backend cannot generate nonces for AES-GCM.
func NewAESGCMWithRandomNonce(key []byte) (*AESGCMRandomNonce, error) {
	return NewAESGCMWithRandomNonceWithBackend(key, defaultbackend.Get())
}

// NewAESGCMWithRandomNonceWithBackend is [NewAESGCMWithRandomNonce] with a
// chosen backend. A backend that does not implement
// [backends.RandomNonceAEADBackend] gives an
// [*backends.UnsupportedAlgorithmError].
func NewAESGCMWithRandomNonceWithBackend(key []byte, b backends.AEADBackend) (*AESGCMRandomNonce, error) {
	if guard.IsNil(b) {
		return nil, fmt.Errorf("aead: nil backend: %w", backends.ErrInvalidArgument)
	}
	alg, err := aesKey("AES-GCM", key)
	if err != nil {
		return nil, err
	}
	rb, ok := b.(backends.RandomNonceAEADBackend)
	if !ok {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: "AES", Mode: "GCM", Reason: backends.ReasonUnsupportedCipher,
			Err: fmt.Errorf("aead: the backend %T does not generate nonces", b)}
	}
	a, err := rb.CreateRandomNonceAEADCtx(alg, (*modes.GCM)(nil), randomNonceTag)
	if err != nil {
		return nil, guard.Wrap("aead", err)
	}
	if a.NonceSize() != randomNonceSize || a.Overhead() != randomNonceTag {
		return nil, fmt.Errorf("aead: the backend's AES-GCM has %d-byte nonces and %d-byte tags, want %d and %d: %w",
			a.NonceSize(), a.Overhead(), randomNonceSize, randomNonceTag, backends.ErrInvalidArgument)
	}
	return &AESGCMRandomNonce{a: a}, nil
}

func (x *AESGCMRandomNonce) ctx() backends.RandomNonceAEADContext {
	if x == nil {
		return nil
	}
	return x.a
}

func errRandomNonceNoNew() error {
	return fmt.Errorf("aead: AESGCMRandomNonce used without aead.NewAESGCMWithRandomNonce: %w", backends.ErrInvalidArgument)
}

// Encrypt encrypts and authenticates data, and authenticates aad (which
// may be nil), under a nonce the module generates, and returns
// nonce‖ciphertext‖tag in a new slice. Past the message limit it returns
// an error wrapping [backends.ErrMessageLimit].
func (x *AESGCMRandomNonce) Encrypt(data, aad []byte) ([]byte, error) {
	a := x.ctx()
	if a == nil {
		return nil, errRandomNonceNoNew()
	}
	out, err := a.Seal(make([]byte, 0, len(data)+randomNonceSize+randomNonceTag), data, aad)
	if err != nil {
		return nil, guard.Wrap("aead", err)
	}
	return out, nil
}

// Decrypt reads the nonce from the front of data (nonce‖ciphertext‖tag),
// authenticates the rest and aad, and returns the plaintext. A mismatch,
// or data shorter than 28 bytes, returns [backends.ErrInvalidTag] and no
// plaintext.
func (x *AESGCMRandomNonce) Decrypt(data, aad []byte) ([]byte, error) {
	a := x.ctx()
	if a == nil {
		return nil, errRandomNonceNoNew()
	}
	if len(data) < randomNonceSize+randomNonceTag {
		return nil, backends.ErrInvalidTag
	}
	out, err := a.Open(make([]byte, 0, len(data)-randomNonceSize-randomNonceTag), data, aad)
	if err != nil {
		if err == backends.ErrInvalidTag {
			return nil, err
		}
		return nil, guard.Wrap("aead", err)
	}
	return out, nil
}

// NonceSize returns 0: Seal and Open take no nonce.
func (x *AESGCMRandomNonce) NonceSize() int { return 0 }

// Overhead returns 28, the nonce and tag lengths together (0 for a value
// that NewAESGCMWithRandomNonce did not make).
func (x *AESGCMRandomNonce) Overhead() int {
	if x.ctx() == nil {
		return 0
	}
	return randomNonceSize + randomNonceTag
}

// Seal implements [cipher.AEAD]: it appends nonce‖ciphertext‖tag to dst,
// under a nonce the module generates. To seal in place, use
// plaintext[:0] as dst, with capacity for 28 more bytes. Like Go's AEADs
// it panics if nonce is not empty, if dst overlaps plaintext other than
// in place, and, as [cipher.NewGCMWithRandomNonce] cannot, past the
// message limit (use Encrypt to get an error instead).
func (x *AESGCMRandomNonce) Seal(dst, nonce, plaintext, additionalData []byte) []byte {
	a := x.ctx()
	if a == nil {
		panic("aead: AESGCMRandomNonce used without aead.NewAESGCMWithRandomNonce")
	}
	if len(nonce) != 0 {
		panic("aead: AESGCMRandomNonce generates its nonces: pass an empty nonce to Seal")
	}
	out, err := a.Seal(dst, plaintext, additionalData)
	if err != nil {
		panic(guard.Wrap("aead", err).Error())
	}
	return out
}

// Open implements [cipher.AEAD]: it reads the nonce from the front of
// ciphertext (nonce‖ciphertext‖tag), authenticates the rest and appends
// the plaintext to dst. nonce must be empty (else an error wrapping
// [backends.ErrInvalidIVSize]). On failure it returns an error wrapping
// [backends.ErrInvalidTag] and writes nothing to dst (what it may have
// used of dst's spare capacity is zeroed). To open in place, use
// ciphertext[:0] as dst: the ciphertext is first moved to the front.
func (x *AESGCMRandomNonce) Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	a := x.ctx()
	if a == nil {
		return nil, errRandomNonceNoNew()
	}
	if len(nonce) != 0 {
		return nil, fmt.Errorf("aead: AESGCMRandomNonce nonce of %d bytes, want none (it is read from the ciphertext): %w",
			len(nonce), backends.ErrInvalidIVSize)
	}
	out, err := a.Open(dst, ciphertext, additionalData)
	if err != nil {
		if err == backends.ErrInvalidTag {
			return nil, err
		}
		return nil, guard.Wrap("aead", err)
	}
	return out, nil
}
