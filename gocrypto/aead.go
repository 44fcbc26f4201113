package gocrypto

import (
	"bytes"
	"crypto/cipher"
	"fmt"
	"sync/atomic"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

var (
	_ backends.AEADContext            = (*goAEAD)(nil)
	_ backends.RandomNonceAEADContext = (*randomNonceAEAD)(nil)
)

// aeadCipher resolves the pair with the adapter registry to GCM or
// ChaCha20-Poly1305, without the FIPS check, and checks the key length.
func (b *Backend) aeadCipher(alg backends.CipherAlgorithm, mode backends.Mode) (*goCipher, error) {
	g, err := b.lookupName(alg, mode)
	if err != nil {
		return nil, err
	}
	if g.kind != kindGCM && g.kind != kindChaChaPoly {
		an, mname := names(alg, mode)
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: an, Mode: mname, Reason: backends.ReasonUnsupportedCipher,
			Err: fmt.Errorf("gocrypto: %s is not an AEAD", g.name)}
	}
	if len(alg.Key()) != g.keyLen {
		return nil, fmt.Errorf("gocrypto: %s takes a %d-byte key, got %d: %w", g.name, g.keyLen, len(alg.Key()), backends.ErrInvalidKeySize)
	}
	return g, nil
}

// AEADSupported reports whether the pair runs as a one-shot AEAD: AES with
// GCM, or ChaCha20-Poly1305 with a nil mode (AES-CCM is not in Go's
// crypto). With Go's FIPS 140-3 module on, ChaCha20-Poly1305 is refused,
// and under GODEBUG=fips140=only AES-GCM too, since Go refuses GCM with
// caller nonces there ([Backend.CreateRandomNonceAEADCtx] serves it). It is
// safe for concurrent use.
func (b *Backend) AEADSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	g, err := b.aeadCipher(cipher, mode)
	if err != nil {
		return false
	}
	an, mname := names(cipher, mode)
	return checkFIPS(g, an, mname) == nil
}

// CreateAEADCtx returns a one-shot AEAD for the pair (see
// [Backend.AEADSupported]) keyed with cipher's key (copied), with tags of
// tagSize bytes, or an [*backends.UnsupportedAlgorithmError]. The result
// is safe for concurrent use.
//
// tagSize must be one Go takes, else the error wraps
// [backends.ErrInvalidTagSize]: 16 for ChaCha20-Poly1305; 12 to 16 for GCM.
// A GCM tag of 4 to 11 bytes, which OpenSSL takes and Go's
// cipher.NewGCMWithTagSize does not, is also an
// [*backends.UnsupportedAlgorithmError] ("not in Go's crypto"). So is a Seal
// or Open with a GCM nonce other than 12 bytes and a tag shorter than 16,
// a combination Go has no constructor for; its error also wraps
// [backends.ErrInvalidIVSize]. A GCM seal with a tag shorter than 16 bytes
// makes one allocation and one copy of the message more than with 16 (see
// goAEAD.sealTruncated: Go's GCM would write past the end of the output).
func (b *Backend) CreateAEADCtx(cipher backends.CipherAlgorithm, mode backends.Mode, tagSize int) (backends.AEADContext, error) {
	g, err := b.aeadCipher(cipher, mode)
	if err != nil {
		return nil, err
	}
	an, mname := names(cipher, mode)
	if err := checkFIPS(g, an, mname); err != nil {
		return nil, err
	}
	a := &goAEAD{name: g.name, kind: g.kind, tagLen: tagSize, key: bytes.Clone(cipher.Key())}
	if g.kind == kindGCM {
		if a.blk, err = g.newBlock(a.key); err != nil {
			return nil, fmt.Errorf("gocrypto: %s refused the key: %v: %w", g.name, err, backends.ErrInvalidKeySize)
		}
	}
	if a.std, err = newGoAEAD(g.name, g.kind, a.blk, a.key, gcmStandardNonceSize, tagSize, backends.ErrInvalidIVSize); err != nil {
		return nil, err
	}
	if err := a.keepWholeTag(); err != nil {
		return nil, err
	}
	return a, nil
}

// keepWholeTag gives a GCM AEAD whose tags are shorter than 16 bytes the
// same AEAD with 16-byte tags, which seals its messages (see
// sealTruncated).
func (a *goAEAD) keepWholeTag() error {
	if a.kind != kindGCM || a.tagLen == tagSize {
		return nil
	}
	var err error
	a.full, err = newGoAEAD(a.name, a.kind, a.blk, a.key, gcmStandardNonceSize, tagSize, backends.ErrInvalidIVSize)
	return err
}

// goAEAD is Go's AES-GCM or ChaCha20-Poly1305 behind
// [backends.AEADContext]. It is safe for concurrent use, as Go's AEADs are.
type goAEAD struct {
	name   string
	kind   kind
	tagLen int
	key    []byte       // ChaCha20-Poly1305's key
	blk    cipher.Block // GCM: the AES key schedule, for other nonce lengths
	std    cipher.AEAD  // with a 12-byte nonce
	full   cipher.AEAD  // GCM with a tag under 16 bytes: the same with 16-byte tags, which seals (see sealTruncated)
}

// Overhead returns the tag length.
func (a *goAEAD) Overhead() int { return a.tagLen }

// aead returns Go's AEAD for a nonce of n bytes.
func (a *goAEAD) aead(n int) (cipher.AEAD, error) {
	if a.std == nil {
		return nil, fmt.Errorf("gocrypto: AEAD used without Backend.CreateAEADCtx: %w", backends.ErrInvalidArgument)
	}
	if n == gcmStandardNonceSize {
		return a.std, nil
	}
	return newGoAEAD(a.name, a.kind, a.blk, a.key, n, a.tagLen, backends.ErrInvalidIVSize)
}

// Seal encrypts and authenticates plaintext and aad and appends
// ciphertext‖tag to dst. dst's spare capacity may hold the output, which
// must start exactly at plaintext or not overlap it, and must not overlap
// aad (an error wrapping [backends.ErrInvalidBufferOverlap]). A nonce Go
// cannot take returns an error wrapping [backends.ErrInvalidIVSize], a
// message longer than Go seals one wrapping
// [backends.ErrInvalidDataLength]; nothing is written then.
func (a *goAEAD) Seal(dst, nonce, plaintext, aad []byte) ([]byte, error) {
	g, err := a.aead(len(nonce))
	if err != nil {
		return dst, err
	}
	if uint64(len(plaintext)) > maxPlaintext(a.kind) {
		return dst, fmt.Errorf("gocrypto: %s message longer than %d bytes: %w", a.name, maxPlaintext(a.kind), backends.ErrInvalidDataLength)
	}
	out := spare(dst, len(plaintext)+a.tagLen)
	if guard.InexactOverlap(out, plaintext) || guard.AnyOverlap(out, aad) {
		return dst, fmt.Errorf("gocrypto: %w", backends.ErrInvalidBufferOverlap)
	}
	if a.full != nil && len(nonce) == gcmStandardNonceSize {
		return a.sealTruncated(dst, nonce, plaintext, aad), nil
	}
	return g.Seal(dst, nonce, plaintext, aad), nil
}

// sealTruncated seals a GCM message whose tag is shorter than 16 bytes.
// Go's AES-GCM assembly (amd64 and arm64) writes up to 16-tagLen zero bytes
// past the end of such a seal's output, past the end of the caller's slice
// (golang/go#80288): into dst's spare capacity, or into whatever memory
// follows it. So the message is sealed with the whole 16-byte tag into a
// buffer of the backend's own, and the output is its first
// len(plaintext)+tagLen bytes: a shorter GCM tag is the leading bytes of
// the whole one (NIST SP 800-38D, 5.2.1.2). It costs one allocation and
// one copy of the message; 16-byte tags take none of it.
func (a *goAEAD) sealTruncated(dst, nonce, plaintext, aad []byte) []byte {
	n := len(plaintext)
	sealed := a.full.Seal(make([]byte, 0, n+tagSize), nonce, plaintext, aad)
	ret, out := growDst(dst, n+a.tagLen)
	copy(out, sealed)
	clear(sealed)
	return ret
}

// spare returns the n bytes past dst's length where an append of n bytes
// writes, or nil when they do not fit its capacity (the append then
// allocates, and overlaps nothing).
func spare(dst []byte, n int) []byte {
	if cap(dst)-len(dst) < n {
		return nil
	}
	return dst[len(dst) : len(dst)+n]
}

// Open authenticates ciphertext‖tag and aad and appends the plaintext to
// dst. A mismatch, or ciphertext shorter than a tag, returns the bare
// [backends.ErrInvalidTag] with dst unchanged and what it used of dst's
// spare capacity zeroed. Overlaps and nonces are refused as for Seal.
func (a *goAEAD) Open(dst, nonce, ciphertext, aad []byte) ([]byte, error) {
	g, err := a.aead(len(nonce))
	if err != nil {
		return dst, err
	}
	if len(ciphertext) < a.tagLen {
		return dst, backends.ErrInvalidTag
	}
	out := spare(dst, len(ciphertext)-a.tagLen)
	if guard.InexactOverlap(out, ciphertext) || guard.AnyOverlap(out, aad) {
		return dst, fmt.Errorf("gocrypto: %w", backends.ErrInvalidBufferOverlap)
	}
	if uint64(len(ciphertext)-a.tagLen) > maxPlaintext(a.kind) {
		return dst, backends.ErrInvalidTag
	}
	ret, err := g.Open(dst, nonce, ciphertext, aad)
	if err != nil {
		return dst, backends.ErrInvalidTag
	}
	return ret, nil
}

// gcmRandomNonceSize is the length of the nonces Go's module generates: 96
// bits, the length NIST SP 800-38D 8.2.2 asks of a random IV.
const gcmRandomNonceSize = 12

// gcmRandomNonceLimit is the number of messages one key may seal with
// random 96-bit nonces: 2^32 (NIST SP 800-38D 8.3).
const gcmRandomNonceLimit = 1 << 32

// RandomNonceAEADSupported reports whether the pair runs with nonces that
// Go's module generates: AES with GCM (cipher.NewGCMWithRandomNonce),
// which Go's FIPS 140-3 module approves in every setting. It is safe for
// concurrent use.
func (b *Backend) RandomNonceAEADSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	g, err := b.aeadCipher(cipher, mode)
	return err == nil && g.kind == kindGCM
}

// CreateRandomNonceAEADCtx returns AES-GCM keyed with cipher's key
// (copied) whose 12-byte nonces Go's module generates
// (cipher.NewGCMWithRandomNonce), or an
// [*backends.UnsupportedAlgorithmError] for any other pair. tagSize must
// be 16, the only tag Go's random-nonce GCM makes (an error wrapping
// [backends.ErrInvalidTagSize] otherwise). The result is safe for
// concurrent use; its Seal refuses, with an error wrapping
// [backends.ErrMessageLimit], to seal more than 2^32 messages.
func (b *Backend) CreateRandomNonceAEADCtx(alg backends.CipherAlgorithm, mode backends.Mode, tagSize int) (backends.RandomNonceAEADContext, error) {
	g, err := b.aeadCipher(alg, mode)
	if err != nil {
		return nil, err
	}
	if g.kind != kindGCM {
		an, mname := names(alg, mode)
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: an, Mode: mname, Reason: backends.ReasonUnsupportedCipher,
			Err: fmt.Errorf("gocrypto: %s: Go generates nonces for AES-GCM only", g.name)}
	}
	if tagSize != gcmTagSizeRandom {
		return nil, fmt.Errorf("gocrypto: %s with random nonces makes %d-byte tags only, got %d: %w",
			g.name, gcmTagSizeRandom, tagSize, backends.ErrInvalidTagSize)
	}
	blk, err := g.newBlock(alg.Key())
	if err != nil {
		return nil, fmt.Errorf("gocrypto: %s refused the key: %v: %w", g.name, err, backends.ErrInvalidKeySize)
	}
	a, err := cipher.NewGCMWithRandomNonce(blk)
	if err != nil {
		return nil, fmt.Errorf("gocrypto: %s: %w", g.name, err)
	}
	return &randomNonceAEAD{name: g.name, a: a}, nil
}

// gcmTagSizeRandom is the tag length of cipher.NewGCMWithRandomNonce.
const gcmTagSizeRandom = 16

// randomNonceAEAD is Go's AES-GCM with module-generated nonces behind
// [backends.RandomNonceAEADContext]. It is safe for concurrent use.
type randomNonceAEAD struct {
	name  string
	a     cipher.AEAD
	seals atomic.Uint64 // messages sealed (or attempted) under the key
}

// NonceSize returns 12, the length of the nonce in front of a sealed
// message.
func (r *randomNonceAEAD) NonceSize() int { return gcmRandomNonceSize }

// Overhead returns the tag length, 16.
func (r *randomNonceAEAD) Overhead() int { return gcmTagSizeRandom }

func (r *randomNonceAEAD) ready() error {
	if r.a == nil {
		return fmt.Errorf("gocrypto: AEAD used without Backend.CreateRandomNonceAEADCtx: %w", backends.ErrInvalidArgument)
	}
	return nil
}

// Seal has Go's module generate a 12-byte nonce and appends
// nonce‖ciphertext‖tag to dst. dst's spare capacity may start exactly at
// plaintext (in place) or must not overlap it, and must not overlap aad
// (an error wrapping [backends.ErrInvalidBufferOverlap]). Past 2^32
// messages it returns an error wrapping [backends.ErrMessageLimit] and
// writes nothing.
func (r *randomNonceAEAD) Seal(dst, plaintext, aad []byte) ([]byte, error) {
	if err := r.ready(); err != nil {
		return dst, err
	}
	if uint64(len(plaintext)) > gcmMaxPlaintext {
		return dst, fmt.Errorf("gocrypto: %s message longer than %d bytes: %w", r.name, uint64(gcmMaxPlaintext), backends.ErrInvalidDataLength)
	}
	out := spare(dst, gcmRandomNonceSize+len(plaintext)+gcmTagSizeRandom)
	inPlace := len(out) > 0 && len(plaintext) > 0 && &out[0] == &plaintext[0]
	if (!inPlace && guard.AnyOverlap(out, plaintext)) || guard.AnyOverlap(out, aad) {
		return dst, fmt.Errorf("gocrypto: %w", backends.ErrInvalidBufferOverlap)
	}
	if r.seals.Add(1) > gcmRandomNonceLimit {
		r.seals.Add(^uint64(0))
		return dst, fmt.Errorf("gocrypto: %s has sealed 2^32 messages with random nonces under this key: %w", r.name, backends.ErrMessageLimit)
	}
	return r.a.Seal(dst, nil, plaintext, aad), nil
}

// Open reads the nonce from the front of sealed, authenticates the rest and
// aad and appends the plaintext to dst. A mismatch, or sealed shorter than
// a nonce and a tag, returns the bare [backends.ErrInvalidTag] with dst
// unchanged and what it used of dst's spare capacity zeroed. dst's spare
// capacity may start exactly at sealed (in place) or must not overlap it.
func (r *randomNonceAEAD) Open(dst, sealed, aad []byte) ([]byte, error) {
	if err := r.ready(); err != nil {
		return dst, err
	}
	if len(sealed) < gcmRandomNonceSize+gcmTagSizeRandom {
		return dst, backends.ErrInvalidTag
	}
	out := spare(dst, len(sealed)-gcmRandomNonceSize-gcmTagSizeRandom)
	if guard.InexactOverlap(out, sealed) || guard.AnyOverlap(out, aad) {
		return dst, fmt.Errorf("gocrypto: %w", backends.ErrInvalidBufferOverlap)
	}
	if len(out) > 0 && &out[0] == &sealed[0] {
		// In place. Go's Open moves the ciphertext and tag to the front
		// of its output, so it needs the output's capacity to reach the
		// end of sealed, which dst's need not (it may end with the
		// plaintext): give Go sealed itself, whose memory dst's spare
		// capacity starts with.
		if _, err := r.a.Open(sealed[:0], nil, sealed, aad); err != nil {
			return dst, backends.ErrInvalidTag
		}
		return dst[:len(dst)+len(out)], nil
	}
	ret, err := r.a.Open(dst, nil, sealed, aad)
	if err != nil {
		return dst, backends.ErrInvalidTag
	}
	return ret, nil
}
