package aead_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
)

// hostileAEADBackend is a custom AEADBackend whose contexts break the
// contract as its fields say.
type hostileAEADBackend struct {
	typedNil bool // CreateAEADCtx returns a nil *hostileAEAD, nil
	overhead int  // what Overhead reports
	short    int  // Seal and Open return this many bytes fewer than they should
	scribble bool // a failed Open leaves plaintext in dst's spare capacity
}

func (b *hostileAEADBackend) AEADSupported(backends.CipherAlgorithm, backends.Mode) bool { return true }

func (b *hostileAEADBackend) CreateAEADCtx(backends.CipherAlgorithm, backends.Mode, int) (backends.AEADContext, error) {
	if b.typedNil {
		return (*hostileAEAD)(nil), nil
	}
	return &hostileAEAD{b}, nil
}

type hostileAEAD struct{ b *hostileAEADBackend }

func (a *hostileAEAD) Overhead() int { return a.b.overhead }

// Seal "encrypts" with the identity and a zero tag of 16 bytes.
func (a *hostileAEAD) Seal(dst, _, plaintext, _ []byte) ([]byte, error) {
	out := append(dst, plaintext...)
	out = append(out, make([]byte, 16)...)
	return out[:len(out)-a.b.short], nil
}

func (a *hostileAEAD) Open(dst, _, ciphertext, _ []byte) ([]byte, error) {
	if len(ciphertext) < 16 {
		return nil, backends.ErrInvalidTag
	}
	pt := ciphertext[:len(ciphertext)-16]
	if a.b.scribble {
		copy(dst[len(dst):cap(dst)], pt)
		return nil, backends.ErrInvalidTag
	}
	out := append(dst, pt...)
	return out[:len(out)-a.b.short], nil
}

// TestHostileAEADBackend: an AEAD over a backend that returns no context,
// reports a tag length other than the one asked for, returns outputs of
// the wrong length or leaves plaintext behind on a failed Open gives
// errors (Seal, with no error result, a panic saying so), never a
// nil-pointer panic, a wrong-length output or released plaintext.
func TestHostileAEADBackend(t *testing.T) {
	key := make([]byte, 32)
	for _, tc := range []struct {
		name  string
		nonce []byte
		ctor  func(b backends.AEADBackend) (aeadLike, error)
	}{
		{"AESGCM", make([]byte, 12), func(b backends.AEADBackend) (aeadLike, error) { return aead.NewAESGCMWithBackend(key, b) }},
		{"ChaCha20Poly1305", make([]byte, 12), func(b backends.AEADBackend) (aeadLike, error) {
			return aead.NewChaCha20Poly1305WithBackend(key, b)
		}},
		{"AESCCM", make([]byte, 13), func(b backends.AEADBackend) (aeadLike, error) { return aead.NewAESCCMWithBackend(key, 16, b) }},
	} {
		name, ctor, nonce := tc.name, tc.ctor, tc.nonce
		t.Run(name, func(t *testing.T) {
			for _, b := range []*hostileAEADBackend{{typedNil: true, overhead: 16}, {overhead: 0}, {overhead: 8}} {
				var err error
				assert.NotPanics(t, func() { _, err = ctor(b) })
				assert.ErrorIs(t, err, backends.ErrInvalidArgument, "%+v", *b)
			}

			a, err := ctor(&hostileAEADBackend{overhead: 16, short: 1})
			require.NoError(t, err)
			_, err = a.Encrypt(nonce, []byte("plaintext"), nil)
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			assert.Panics(t, func() { a.Seal(nil, nonce, []byte("plaintext"), nil) })
			ct := make([]byte, 32)
			_, err = a.Decrypt(nonce, ct, nil)
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
			_, err = a.Open(nil, nonce, ct, nil)
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)

			a, err = ctor(&hostileAEADBackend{overhead: 16, scribble: true})
			require.NoError(t, err)
			ct = append([]byte("secret plaintext"), make([]byte, 16)...)
			dst := make([]byte, 2, 64)
			_, err = a.Open(dst, nonce, ct, nil)
			assert.ErrorIs(t, err, backends.ErrInvalidTag)
			assert.Equal(t, make([]byte, 62), dst[2:64], "plaintext left in dst's spare capacity")
		})
	}
}

// aeadLike is what the three AEAD types have in common.
type aeadLike interface {
	Encrypt(nonce, data, aad []byte) ([]byte, error)
	Decrypt(nonce, data, aad []byte) ([]byte, error)
	Seal(dst, nonce, plaintext, aad []byte) []byte
	Open(dst, nonce, ciphertext, aad []byte) ([]byte, error)
}

// TestOpenOverlapKeepsCiphertext: an Open refused for an inexact overlap
// of dst and ciphertext leaves the ciphertext as it was.
func TestOpenOverlapKeepsCiphertext(t *testing.T) {
	g, err := aead.NewAESGCM(make([]byte, 16))
	if gcmRefused(t, err) {
		return // TestAESGCMRandomNonceMisuse checks the overlaps of what is served
	}
	nonce := make([]byte, 12)
	buf := make([]byte, 64)
	ct := g.Seal(buf[:0], nonce, []byte("a secret of 21 bytes."), nil)
	want := append([]byte(nil), ct...)
	_, err = g.Open(ct[1:1], nonce, ct, nil)
	assert.ErrorIs(t, err, backends.ErrInvalidBufferOverlap)
	assert.Equal(t, want, ct)
}
