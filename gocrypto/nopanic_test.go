package gocrypto

import (
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// oddCipher is a descriptor that names any cipher of the table and
// carries any key and nonce, checked by nothing: what a descriptor of
// another package may hand the backend.
type oddCipher struct {
	name       string
	key, nonce []byte
}

func (c *oddCipher) Name() string  { return "odd" }
func (c *oddCipher) KeySize() int  { return len(c.key) * 8 }
func (c *oddCipher) Key() []byte   { return c.key }
func (c *oddCipher) Nonce() []byte { return c.nonce }

// oddMode is a mode descriptor with any IV and tag, checked by nothing.
type oddMode struct {
	iv, tag []byte
	minTag  int
}

func (m *oddMode) Name() string                                        { return "odd" }
func (m *oddMode) ValidateForAlgorithm(backends.CipherAlgorithm) error { return nil }
func (m *oddMode) IV() []byte                                          { return m.iv }
func (m *oddMode) Tag() []byte                                         { return m.tag }
func (m *oddMode) MinTagLength() int                                   { return m.minTag }

// TestConformanceNoPanic runs every cipher name the backend knows, through
// streaming contexts and the AEADs, with keys, IVs, nonces and tags of
// lengths right and wrong and data of odd lengths, in each GODEBUG fips140
// setting: Go's constructors and its fips140=only checks panic on what
// they refuse, and no such panic may cross the backend's API.
func TestConformanceNoPanic(t *testing.T) {
	b := NewBackend()
	byName := func(c backends.CipherAlgorithm, _ backends.Mode) (string, bool) { return c.(*oddCipher).name, true }
	ct := reflect.TypeFor[*oddCipher]()
	require.NoError(t, b.RegisterCipherAdapter(ct, reflect.TypeFor[*oddMode](), byName))
	require.NoError(t, b.RegisterCipherAdapter(ct, nil, byName))
	names := make([]string, 0, len(goCiphers))
	for n := range goCiphers {
		names = append(names, n)
	}
	slices.Sort(names)
	keyLens := []int{0, 1, 5, 8, 15, 16, 24, 31, 32, 33, 56, 64, 65, 257}
	ivLens := []int{0, 1, 8, 11, 12, 13, 15, 16, 17, 129}
	dataLens := []int{0, 1, 15, 16, 17, 33, 64}
	tagLens := []int{0, 4, 11, 12, 16, 17}
	served := 0
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			for _, kl := range keyLens {
				for _, il := range ivLens {
					c := &oddCipher{name: name, key: make([]byte, kl), nonce: make([]byte, il)}
					for i := range c.key {
						c.key[i] = byte(i) // the two XTS halves differ
					}
					for _, m := range []backends.Mode{nil, &oddMode{iv: make([]byte, il)}, &oddMode{iv: make([]byte, il), tag: make([]byte, 12), minTag: 4}} {
						assert.NotPanics(t, func() {
							if runAll(t, b, c, m, dataLens) {
								served++
							}
						}, "%s with a %d-byte key and a %d-byte IV", name, kl, il)
					}
					for _, tl := range tagLens {
						assert.NotPanics(t, func() { runAEADs(b, c, tl, il) }, "%s AEAD with a %d-byte key, %d-byte tag, %d-byte nonce", name, kl, tl, il)
					}
				}
			}
		})
	}
	t.Logf("FIPS %v, enforced %v: %d contexts ran", FIPS(), Enforced(), served)
	assert.NotZero(t, served, "no context ran at all")
}

// runAll creates both contexts for the pair and runs data through them,
// reporting whether one was created.
func runAll(t *testing.T, b *Backend, c backends.CipherAlgorithm, m backends.Mode, dataLens []int) bool {
	ok := false
	for _, enc := range []bool{true, false} {
		ctx, err := b.createCipherCtx(c, m, enc)
		if err != nil {
			assert.Nil(t, ctx)
			continue
		}
		ok = true
		for _, n := range dataLens {
			_, _ = ctx.Update(make([]byte, n))
			buf := make([]byte, n+16)
			_, _ = ctx.UpdateInto(make([]byte, n), buf)
			_, _ = ctx.UpdateInto(buf[:n], buf[:n])
		}
		if a, isAEAD := ctx.(backends.AEADDecryptionContext); isAEAD {
			_, _ = a.FinalizeWithTag(make([]byte, 12))
		}
		_, _ = ctx.Finalize()
		_, _ = ctx.Update([]byte{1})
	}
	return ok
}

// runAEADs creates the one-shot and random-nonce AEADs for the cipher and
// seals and opens with them.
func runAEADs(b *Backend, c backends.CipherAlgorithm, tagLen, nonceLen int) {
	for _, m := range []backends.Mode{nil, (*modes.GCM)(nil), &oddMode{}} {
		if a, err := b.CreateAEADCtx(c, m, tagLen); err == nil {
			nonce := make([]byte, nonceLen)
			sealed, _ := a.Seal(nil, nonce, make([]byte, 20), nil)
			_, _ = a.Open(nil, nonce, sealed, nil)
			_, _ = a.Open(nil, nonce, make([]byte, tagLen), nil)
		}
		if r, err := b.CreateRandomNonceAEADCtx(c, m, tagLen); err == nil {
			sealed, _ := r.Seal(nil, make([]byte, 20), nil)
			_, _ = r.Open(nil, sealed, nil)
		}
	}
}
