package kdf_test

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// namedHash is a caller's own descriptor naming a digest no provider has.
type namedHash struct{ name string }

func (h namedHash) Name() string                { return h.name }
func (h namedHash) DigestSize() int             { return 32 }
func (h namedHash) BlockSize() int              { return 64 }
func (h namedHash) KDFName() string             { return "NOSUCHKDF" }
func (namedHash) ValidateDerive(int, int) error { return nil }

func TestDeriveMisuse(t *testing.T) {
	sha := hashes.SHA256{}
	key16, key32 := bytes.Repeat([]byte{7}, 16), bytes.Repeat([]byte{7}, 32)
	cases := []struct {
		name   string
		alg    backends.KDFAlgorithm
		secret []byte
		n      int
		want   error
	}{
		{"HKDF zero length", kdfalg.HKDF{Hash: sha}, key32, 0, backends.ErrInvalidArgument},
		{"HKDF negative length", kdfalg.HKDF{Hash: sha}, key32, -1, backends.ErrInvalidArgument},
		{"HKDF beyond 255 blocks", kdfalg.HKDF{Hash: sha}, key32, 255*32 + 1, backends.ErrInvalidArgument},
		{"HKDF extract-only wrong length", kdfalg.HKDF{Hash: sha, Mode: kdfalg.ExtractOnly}, key32, 16, backends.ErrInvalidArgument},
		{"HKDF unknown mode", kdfalg.HKDF{Hash: sha, Mode: 9}, key32, 16, backends.ErrInvalidArgument},
		{"HKDF nil hash", kdfalg.HKDF{}, key32, 16, backends.ErrInvalidArgument},
		{"HKDF typed nil hash", kdfalg.HKDF{Hash: (*hashes.SHAKE128)(nil)}, key32, 16, backends.ErrInvalidArgument},
		{"HKDF over SHAKE", kdfalg.HKDF{Hash: hashes.SHAKE128{Size: 32}}, key32, 16, backends.ErrInvalidArgument},
		{"HKDF unknown hash", kdfalg.HKDF{Hash: namedHash{"nosuchhash"}}, key32, 16, backends.ErrUnsupportedAlgorithm},
		{"PBKDF2 zero iterations", kdfalg.PBKDF2{Hash: sha, Salt: key16, Iterations: 0}, key16, 16, backends.ErrInvalidArgument},
		{"PBKDF2 negative iterations", kdfalg.PBKDF2{Hash: sha, Salt: key16, Iterations: -5}, key16, 16, backends.ErrInvalidArgument},
		{"PBKDF2 zero length", kdfalg.PBKDF2{Hash: sha, Salt: key16, Iterations: 1000}, key16, 0, backends.ErrInvalidArgument},
		{"PBKDF2 over 1 GiB", kdfalg.PBKDF2{Hash: sha, Salt: key16, Iterations: 1000}, key16, kdfalg.MaxLength + 1, backends.ErrInvalidArgument},
		{"X9.63 empty secret", kdfalg.X963{Hash: sha}, nil, 16, backends.ErrInvalidKeySize},
		{"Concat empty secret", kdfalg.ConcatHash{Hash: sha}, []byte{}, 16, backends.ErrInvalidKeySize},
		{"Concat HMAC empty secret", kdfalg.ConcatHMAC{Hash: sha}, nil, 16, backends.ErrInvalidKeySize},
		{"KBKDF empty key", kdfalg.KBKDF{Hash: sha}, nil, 16, backends.ErrInvalidKeySize},
		{"KBKDF CMAC-AES 20-byte key", kdfalg.KBKDF{Cipher: kdfalg.CMACAES}, make([]byte, 20), 16, backends.ErrInvalidKeySize},
		{"KBKDF CMAC with a hash", kdfalg.KBKDF{Cipher: kdfalg.CMACAES, Hash: sha}, key16, 16, backends.ErrInvalidArgument},
		{"KBKDF counter width 5", kdfalg.KBKDF{Hash: sha, RLen: 5}, key32, 16, backends.ErrInvalidArgument},
		{"KBKDF IV in counter mode", kdfalg.KBKDF{Hash: sha, IV: key16}, key32, 16, backends.ErrInvalidArgument},
		{"KBKDF feedback IV of 8 bytes", kdfalg.KBKDF{Hash: sha, Mode: kdfalg.FeedbackMode, IV: key16[:8]}, key32, 16, backends.ErrInvalidIVSize},
		{"KBKDF fixed and label", kdfalg.KBKDF{Hash: sha, Fixed: key16, Label: key16}, key32, 16, backends.ErrInvalidArgument},
		{"KBKDF beyond 255 blocks of an 8-bit counter", kdfalg.KBKDF{Hash: sha, RLen: 1}, key32, 255*32 + 1, backends.ErrInvalidArgument},
		{"KBKDF 2-byte L", kdfalg.KBKDF{Hash: sha, LLen: 2}, key32, 16, backends.ErrUnsupportedAlgorithm},
		{"KBKDF counter after the fixed input", kdfalg.KBKDF{Hash: sha, Location: kdfalg.AfterFixed}, key32, 16, backends.ErrUnsupportedAlgorithm},
		{"KBKDF counter in the middle", kdfalg.KBKDF{Hash: sha, Location: kdfalg.MiddleFixed}, key32, 16, backends.ErrUnsupportedAlgorithm},
		{"scrypt N not a power of two", kdfalg.Scrypt{N: 1000, R: 8, P: 1}, key16, 16, backends.ErrInvalidArgument},
		{"scrypt N 1", kdfalg.Scrypt{N: 1, R: 8, P: 1}, key16, 16, backends.ErrInvalidArgument},
		{"scrypt r 0", kdfalg.Scrypt{N: 16, R: 0, P: 1}, key16, 16, backends.ErrInvalidArgument},
		{"scrypt r*p too large", kdfalg.Scrypt{N: 16, R: 1 << 15, P: 1 << 15}, key16, 16, backends.ErrInvalidArgument},
		{"unknown descriptor", namedHash{"x"}, key16, 16, backends.ErrUnsupportedAlgorithm},
		{"nil descriptor", nil, key16, 16, backends.ErrInvalidArgument},
	}
	if !defaultbackend.FIPS() {
		cases = append(cases, struct {
			name   string
			alg    backends.KDFAlgorithm
			secret []byte
			n      int
			want   error
		}{"scrypt over its memory limit", kdfalg.Scrypt{N: 1 << 14, R: 8, P: 1, MaxMem: 1 << 20}, key16, 16, backends.ErrInvalidArgument})
	}
	b := defaultbackend.Get()
	for _, c := range cases {
		// The Go backend does not offer these KDFs at all: a refusal as
		// unsupported may come before the descriptor's own check.
		lacks := goLacksKDF(c.alg)
		requireWant := func(t *testing.T, err error, msg string) {
			t.Helper()
			if lacks && errors.Is(err, backends.ErrUnsupportedAlgorithm) {
				return
			}
			require.ErrorIs(t, err, c.want, msg)
		}
		t.Run(c.name, func(t *testing.T) {
			n := max(c.n, 0)
			if n > 1<<20 {
				n = 1 << 20
			}
			out := bytes.Repeat([]byte{0xAA}, n)
			var err error
			assert.NotPanics(t, func() {
				if c.n > 1<<20 {
					err = b.DeriveKey(c.alg, c.secret, make([]byte, c.n))
					return
				}
				err = b.DeriveKey(c.alg, c.secret, out)
			})
			requireWant(t, err, "through the backend")
			assert.Regexp(t, `^(openssl|gocrypto|kdfalg|unsupported algorithm): `, err.Error())
			assert.LessOrEqual(t, strings.Count(err.Error(), "openssl: "), 1, "one prefix: %v", err)
			assert.Equal(t, bytes.Repeat([]byte{0xAA}, n), out, "nothing written on failure")
			if c.alg != nil && c.n >= 0 && c.n <= 1<<20 {
				assert.False(t, c.want == backends.ErrUnsupportedAlgorithm && b.KDFSupported(c.alg) && errors.Is(err, backends.ErrUnsupportedAlgorithm) && c.alg.ValidateDerive(len(c.secret), c.n) == nil,
					"KDFSupported must not say yes to what DeriveKey refuses as unsupported")
			}
			k, err := kdf.New(c.alg, c.n)
			if err == nil {
				_, err = k.Derive(c.secret)
			}
			requireWant(t, err, "through package kdf")
		})
	}
}

func TestUsableOnce(t *testing.T) {
	k, err := kdf.NewHKDF(hashes.SHA256{}, 32, []byte("salt"), []byte("info"))
	require.NoError(t, err)
	assert.Equal(t, 32, k.Length())
	first, err := k.Derive([]byte("a shared secret Z"))
	require.NoError(t, err)
	assert.Len(t, first, 32)
	_, err = k.Derive([]byte("a shared secret Z"))
	assert.ErrorIs(t, err, backends.ErrAlreadyFinalized)
	assert.ErrorIs(t, k.Verify([]byte("a shared secret Z"), first), backends.ErrAlreadyFinalized)

	v, err := kdf.NewHKDF(hashes.SHA256{}, 32, []byte("salt"), []byte("info"))
	require.NoError(t, err)
	assert.NoError(t, v.Verify([]byte("a shared secret Z"), first))
	assert.ErrorIs(t, v.Verify([]byte("a shared secret Z"), first), backends.ErrAlreadyFinalized)

	for name, mutate := range map[string]func([]byte) []byte{
		"one bit":   func(b []byte) []byte { c := bytes.Clone(b); c[5] ^= 1; return c },
		"truncated": func(b []byte) []byte { return b[:31] },
		"empty":     func([]byte) []byte { return nil },
	} {
		w, err := kdf.NewHKDF(hashes.SHA256{}, 32, []byte("salt"), []byte("info"))
		require.NoError(t, err)
		assert.ErrorIs(t, w.Verify([]byte("a shared secret Z"), mutate(first)), backends.ErrInvalidKey, name)
	}

	var zero kdf.KDF
	_, err = zero.Derive([]byte("x"))
	assert.ErrorIs(t, err, backends.ErrInvalidArgument)
	assert.Contains(t, err.Error(), "kdf.New")
	var nilKDF *kdf.KDF
	assert.ErrorIs(t, nilKDF.Verify([]byte("x"), nil), backends.ErrInvalidArgument)
	assert.NotPanics(t, func() {
		assert.Nil(t, nilKDF.Algorithm())
		assert.Zero(t, nilKDF.Length())
	})
}

// TestUsableOnceConcurrently: of many goroutines racing on one KDF, exactly
// one derives.
func TestUsableOnceConcurrently(t *testing.T) {
	k, err := kdf.NewHKDF(hashes.SHA256{}, 32, []byte("salt"), []byte("info"))
	require.NoError(t, err)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, finalized := 0, 0
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := k.Derive([]byte("shared secret Z"))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case errors.Is(err, backends.ErrAlreadyFinalized):
				finalized++
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 1, ok)
	assert.Equal(t, 15, finalized)
}

// TestSharedBackendConcurrently derives with the same descriptor from many
// goroutines; every result must be the same.
func TestSharedBackendConcurrently(t *testing.T) {
	alg := kdfalg.PBKDF2{Hash: hashes.SHA256{}, Salt: bytes.Repeat([]byte("s"), 16), Iterations: 1000}
	b := defaultbackend.Get()
	want := make([]byte, 32)
	require.NoError(t, b.DeriveKey(alg, []byte("password"), want))
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				out := make([]byte, 32)
				if err := b.DeriveKey(alg, []byte("password"), out); err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(out, want) {
					errs <- errors.New("different result")
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}

// TestNilDescriptorPointer: a nil pointer to a descriptor, or to a
// backend, is refused with an error, not a panic in the descriptor's value
// methods.
func TestNilDescriptorPointer(t *testing.T) {
	var nilBackend *openssl.Backend
	cases := []struct {
		name string
		alg  backends.KDFAlgorithm
		b    backends.KDFBackend
	}{
		{"nil *HKDF", (*kdfalg.HKDF)(nil), defaultbackend.Get()},
		{"nil *Scrypt", (*kdfalg.Scrypt)(nil), defaultbackend.Get()},
		{"nil *KBKDF", (*kdfalg.KBKDF)(nil), defaultbackend.Get()},
		{"nil *openssl.Backend", kdfalg.HKDF{Hash: hashes.SHA256{}}, nilBackend},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			assert.NotPanics(t, func() { _, err = kdf.NewWithBackend(c.alg, 32, c.b) })
			assert.ErrorIs(t, err, backends.ErrInvalidArgument)
		})
	}
}

// goLacksKDF reports whether the default backend is the Go backend and alg
// one of the KDFs Go's crypto does not have (X9.63, the single-step KDFs
// of SP 800-56C, KBKDF).
func goLacksKDF(alg backends.KDFAlgorithm) bool {
	if defaultbackend.Name() != defaultbackend.Go || guard.IsNil(alg) {
		return false
	}
	switch alg.KDFName() {
	case "X963KDF", "SSKDF", "KBKDF":
		return true
	}
	return false
}
