package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// AEAD seals and opens whole messages with an authenticated cipher (GCM,
// CCM, ChaCha20-Poly1305), each in one C call. It is safe for concurrent
// use: it keeps a pool of contexts that already hold the key schedule and
// takes one per operation, so no context is ever shared between
// goroutines.
type AEAD struct {
	e      *cipherEntry
	key    []byte // a copy, to key new pooled contexts (and every CCM operation)
	tagLen int
	ccm    bool
	seal   sync.Pool // *aeadCtx keyed for encryption
	open   sync.Pool // *aeadCtx keyed for decryption
}

type aeadCtx struct {
	ctx   *C.EVP_CIPHER_CTX
	ivLen int // the IV length the context is set up for
}

// NewAEAD returns an AEAD for the EVP cipher name ("aes-128-gcm",
// "aes-256-ccm", "chacha20-poly1305", ...) with key (copied) and tags of
// tagLen bytes. An unavailable cipher, or an AEAD other than GCM, CCM and
// ChaCha20-Poly1305, returns an [*backends.UnsupportedAlgorithmError]
// naming algName.
func (b *Backend) NewAEAD(algName, name string, key []byte, tagLen int) (*AEAD, error) {
	e := fetchCipher(name)
	if e.err != nil {
		reason := backends.ReasonUnsupportedCipher
		if FIPS() && e.legacyKnown {
			reason = backends.ReasonFIPSRefused
		}
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: algName, Reason: reason, Err: e.err}
	}
	if !e.aead {
		return nil, fmt.Errorf("openssl: %s is not an AEAD cipher: %w", name, backends.ErrInvalidArgument)
	}
	// The one-shot helpers expect all output from the data update and none
	// from the final call: true of GCM, CCM and ChaCha20-Poly1305, not of
	// OCB (whose final call writes the last partial block) or SIV, nor of
	// the TLS composites.
	if e.mode != C.EVP_CIPH_GCM_MODE && e.mode != C.EVP_CIPH_CCM_MODE &&
		(e.mode != C.EVP_CIPH_STREAM_CIPHER || e.shape != shapeStream) {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: algName, Reason: backends.ReasonUnsupportedCipher,
			Err: fmt.Errorf("openssl: %s: one-shot AEADs run GCM, CCM and ChaCha20-Poly1305 only", name)}
	}
	if !e.variableKey && len(key) != e.keyLen {
		return nil, fmt.Errorf("openssl: %s takes a %d-byte key, got %d: %w", name, e.keyLen, len(key), backends.ErrInvalidKeySize)
	}
	a := &AEAD{e: e, tagLen: tagLen, ccm: e.mode == C.EVP_CIPH_CCM_MODE}
	a.key = append([]byte(nil), key...)
	a.seal.New = func() any { return a.newCtx(true) }
	a.open.New = func() any { return a.newCtx(false) }
	// Key one context now so that a refused key (FIPS rules, say) shows
	// here rather than at the first Seal.
	c, err := a.get(&a.seal)
	if err != nil {
		return nil, err
	}
	a.seal.Put(c)
	return a, nil
}

// newCtx returns a keyed context, or an error value for get to report.
func (a *AEAD) newCtx(enc bool) any {
	var q *C.go_errq
	ctx := C.go_cipher_ctx_new(&q)
	if ctx == nil {
		return newError("EVP_CIPHER_CTX_new", q)
	}
	c := &aeadCtx{ctx: ctx, ivLen: a.e.ivLen}
	runtime.AddCleanup(c, func(ctx *C.EVP_CIPHER_CTX) { C.go_cipher_ctx_free(ctx) }, ctx)
	if a.ccm {
		return c // keyed per operation
	}
	r := C.go_aead_key(ctx, a.e.cipher, base(a.key), C.int(len(a.key)), boolInt(enc))
	runtime.KeepAlive(c)
	if err := check("EVP_CipherInit_ex2", r); err != nil {
		if FIPS() {
			return fmt.Errorf("openssl: %s key refused in FIPS mode: %w", a.e.name, err)
		}
		return err
	}
	return c
}

func (a *AEAD) get(p *sync.Pool) (*aeadCtx, error) {
	switch v := p.Get().(type) {
	case *aeadCtx:
		return v, nil
	case error:
		return nil, v
	}
	return nil, fmt.Errorf("openssl: no cipher context")
}

// Overhead returns the tag length.
func (a *AEAD) Overhead() int { return a.tagLen }

// Seal encrypts and authenticates plaintext and aad, appending
// ciphertext‖tag to dst. dst's spare capacity may hold the output; it must
// not overlap plaintext except exactly (in place, dst[len(dst):] starting
// at plaintext[0]).
func (a *AEAD) Seal(dst, nonce, plaintext, aad []byte) ([]byte, error) {
	if len(plaintext) > math.MaxInt32-a.tagLen || len(aad) > math.MaxInt32 {
		return dst, fmt.Errorf("openssl: message too long for one call: %w", backends.ErrInvalidDataLength)
	}
	ret, out := grow(dst, len(plaintext)+a.tagLen)
	if guard.InexactOverlap(out, plaintext) {
		return dst, fmt.Errorf("openssl: %w", backends.ErrInvalidBufferOverlap)
	}
	c, err := a.get(&a.seal)
	if err != nil {
		return dst, err
	}
	var r C.go_result
	if a.ccm {
		r = C.go_ccm_seal(c.ctx, a.e.cipher, base(a.key), C.int(len(a.key)), base(nonce), C.int(len(nonce)),
			base(aad), C.int(len(aad)), base(plaintext), C.int(len(plaintext)), base(out), C.int(a.tagLen))
	} else {
		r = C.go_aead_seal(c.ctx, base(nonce), C.int(len(nonce)), boolInt(len(nonce) != c.ivLen), base(aad), C.int(len(aad)),
			base(plaintext), C.int(len(plaintext)), base(out), C.int(a.tagLen))
	}
	if r.ok == 1 {
		c.ivLen = len(nonce)
		a.seal.Put(c)
	}
	if err := check("EVP_EncryptFinal_ex", r); err != nil {
		return dst, err
	}
	return ret, nil
}

// Open authenticates and decrypts ciphertext‖tag with aad, appending the
// plaintext to dst. On a mismatch it returns [backends.ErrInvalidTag], and
// whatever of dst's spare capacity it used is zeroed: no unauthenticated
// plaintext is released.
func (a *AEAD) Open(dst, nonce, ciphertext, aad []byte) ([]byte, error) {
	if len(ciphertext) < a.tagLen {
		return dst, backends.ErrInvalidTag
	}
	if len(ciphertext) > math.MaxInt32 || len(aad) > math.MaxInt32 {
		return dst, fmt.Errorf("openssl: message too long for one call: %w", backends.ErrInvalidDataLength)
	}
	ptLen := len(ciphertext) - a.tagLen
	ret, out := grow(dst, ptLen)
	if guard.InexactOverlap(out, ciphertext) {
		return dst, fmt.Errorf("openssl: %w", backends.ErrInvalidBufferOverlap)
	}
	c, err := a.get(&a.open)
	if err != nil {
		return dst, err
	}
	var r C.go_result
	if a.ccm {
		r = C.go_ccm_open(c.ctx, a.e.cipher, base(a.key), C.int(len(a.key)), base(nonce), C.int(len(nonce)),
			base(aad), C.int(len(aad)), base(ciphertext), C.int(len(ciphertext)), base(out), C.int(a.tagLen))
	} else {
		r = C.go_aead_open(c.ctx, base(nonce), C.int(len(nonce)), boolInt(len(nonce) != c.ivLen), base(aad), C.int(len(aad)),
			base(ciphertext), C.int(len(ciphertext)), base(out), C.int(a.tagLen))
	}
	if r.ok == 1 || r.errq == nil {
		// Success, or a tag mismatch after a complete setup.
		c.ivLen = len(nonce)
		a.open.Put(c)
	}
	if r.ok != 1 {
		clear(out)
		if r.errq == nil {
			return dst, backends.ErrInvalidTag
		}
		return dst, check("EVP_DecryptFinal_ex", r)
	}
	return ret, nil
}
