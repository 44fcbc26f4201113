//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"math"
	"sync/atomic"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// gcmRandomIVLen is the length of the IVs the provider generates: 96 bits,
// the length NIST SP 800-38D 8.2.2 asks of a random IV.
const gcmRandomIVLen = 12

// gcmRandomIVLimit is the number of messages one key may seal with random
// 96-bit IVs: 2^32 (NIST SP 800-38D 8.3), which keeps the chance of two
// equal IVs below 2^-32.
const gcmRandomIVLimit = 1 << 32

// randomNonceAEAD is AES-GCM whose IVs the provider generates: every Seal
// sets a pooled context up afresh with the key and no IV, so that the
// provider draws one from its own DRBG (with FIPS mode on, the FIPS
// provider's), and puts it in front of the ciphertext. Open reads it from
// there and runs the one-shot AEAD. It implements
// [backends.RandomNonceAEADContext] and is safe for concurrent use.
type randomNonceAEAD struct {
	a     *aead
	seals atomic.Uint64 // messages sealed (or attempted) under the key
}

var (
	_ backends.RandomNonceAEADContext = (*randomNonceAEAD)(nil)
	_ backends.RandomNonceAEADBackend = (*Backend)(nil)
)

// RandomNonceAEADSupported reports whether the pair runs with
// provider-generated nonces right now: it is AES with GCM, and a provider
// under the current default properties serves it.
func (b *Backend) RandomNonceAEADSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	if guard.IsNil(cipher) {
		return false
	}
	n, err := b.randomNonceName(cipher, mode)
	if err != nil {
		return false
	}
	_, err = oneShotEntry(current(), n)
	return err == nil
}

// CreateRandomNonceAEADCtx returns AES-GCM keyed with cipher's key
// (copied) whose 12-byte IVs the provider generates, with tags of tagSize
// bytes (16 recommended; 4 to 16, as for [Backend.CreateAEADCtx]). A pair
// other than AES with GCM, or one the providers do not serve, returns an
// [*backends.UnsupportedAlgorithmError]. The result is safe for concurrent
// use; its Seal refuses, with an error wrapping
// [backends.ErrMessageLimit], to seal more than 2^32 messages.
func (b *Backend) CreateRandomNonceAEADCtx(cipher backends.CipherAlgorithm, mode backends.Mode, tagSize int) (backends.RandomNonceAEADContext, error) {
	if guard.IsNil(cipher) {
		return nil, fmt.Errorf("openssl: nil cipher: %w", backends.ErrInvalidArgument)
	}
	n, err := b.randomNonceName(cipher, mode)
	if err != nil {
		return nil, err
	}
	a, err := newAEAD(n, cipher.Key(), tagSize)
	if err != nil {
		return nil, err
	}
	return &randomNonceAEAD{a: a}, nil
}

// randomNonceName resolves the pair, which must be a GCM cipher.
func (b *Backend) randomNonceName(cipher backends.CipherAlgorithm, mode backends.Mode) (aeadName, error) {
	n, err := b.aeadName(current(), cipher, mode)
	if err != nil {
		return aeadName{}, err
	}
	e := fetchCipher(current(), n.evp)
	if e.err == nil && (e.mode != C.EVP_CIPH_GCM_MODE || e.ivLen != gcmRandomIVLen) {
		return aeadName{}, n.unsupported(backends.ReasonUnsupportedCipher,
			fmt.Errorf("openssl: %s: the provider generates nonces for GCM only", n.evp))
	}
	return n, nil
}

// NonceSize returns 12, the length of the IV in front of a sealed message.
func (r *randomNonceAEAD) NonceSize() int { return gcmRandomIVLen }

// Overhead returns the tag length.
func (r *randomNonceAEAD) Overhead() int { return r.a.tagLen }

// Seal has the provider generate a 12-byte IV and appends IV‖ciphertext‖tag
// to dst. In place (dst[len(dst):] starting at plaintext[0]) it first moves
// the plaintext 12 bytes on, to make room for the IV; should the seal then
// fail in OpenSSL, that region is zeroed and the plaintext is gone from it.
// A seal that fails in OpenSSL counts toward the 2^32 limit too.
func (r *randomNonceAEAD) Seal(dst, plaintext, aad []byte) ([]byte, error) {
	out, _, err := r.seal(dst, plaintext, aad)
	return out, err
}

// seal is Seal, also returning what the provider said of its
// "iv-generated" indicator after the seal: 1, or -1 for a provider that
// does not say (OpenSSL 3.0's default provider); 0 fails the seal.
func (r *randomNonceAEAD) seal(dst, plaintext, aad []byte) ([]byte, int, error) {
	a := r.a
	if len(plaintext) > math.MaxInt32-a.tagLen-gcmRandomIVLen || len(aad) > math.MaxInt32 {
		return dst, -1, fmt.Errorf("openssl: message too long for one call: %w", backends.ErrInvalidDataLength)
	}
	ret, out := grow(dst, gcmRandomIVLen+len(plaintext)+a.tagLen)
	inPlace := len(plaintext) > 0 && &out[0] == &plaintext[0]
	if !inPlace && guard.AnyOverlap(out, plaintext) {
		return dst, -1, fmt.Errorf("openssl: %w", backends.ErrInvalidBufferOverlap)
	}
	st, err := a.state()
	if err != nil {
		return dst, -1, err
	}
	if r.seals.Add(1) > gcmRandomIVLimit {
		r.seals.Add(^uint64(0))
		return dst, -1, fmt.Errorf("openssl: %s has sealed 2^32 messages with random IVs under this key: %w", a.n.evp, backends.ErrMessageLimit)
	}
	c, err := st.get(&st.seal)
	if err != nil {
		return dst, -1, err
	}
	if inPlace {
		copy(out[gcmRandomIVLen:], plaintext)
		plaintext = out[gcmRandomIVLen : gcmRandomIVLen+len(plaintext)]
	}
	var ivgen C.int
	res := C.go_aead_seal_randiv(c.ctx, st.e.cipher, base(a.key), base(aad), C.int(len(aad)),
		base(plaintext), C.int(len(plaintext)), base(out), gcmRandomIVLen, C.int(a.tagLen), &ivgen)
	if res.ok == 1 {
		c.ivLen = gcmRandomIVLen
		st.seal.Put(c)
		return ret, int(ivgen), nil
	}
	if res.errq == nil && ivgen == 0 {
		return dst, 0, fmt.Errorf("openssl: %s: the provider did not generate the IV", a.n.evp)
	}
	return dst, int(ivgen), check("EVP_EncryptFinal_ex", res)
}

// Open reads the IV from the front of sealed and authenticates and
// decrypts the rest with aad, appending the plaintext to dst. A mismatch,
// or sealed shorter than an IV and a tag, returns [backends.ErrInvalidTag]
// with dst unchanged and what it used of dst's spare capacity zeroed.
func (r *randomNonceAEAD) Open(dst, sealed, aad []byte) ([]byte, error) {
	a := r.a
	if len(sealed) < gcmRandomIVLen+a.tagLen {
		return dst, backends.ErrInvalidTag
	}
	var iv [gcmRandomIVLen]byte
	copy(iv[:], sealed)
	ct := sealed[gcmRandomIVLen:]
	_, out := grow(dst, len(ct)-a.tagLen)
	if len(out) > 0 && &out[0] == &sealed[0] {
		// In place: move ciphertext‖tag to the front, where the
		// plaintext goes, as the one-shot Open takes it.
		copy(sealed, ct)
		ct = sealed[:len(ct)]
	} else if guard.AnyOverlap(out, sealed) {
		return dst, fmt.Errorf("openssl: %w", backends.ErrInvalidBufferOverlap)
	}
	return a.Open(dst, iv[:], ct, aad)
}
