package reliability_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
	"github.com/go-hazmat/hazmat/primitives/padding"
)

// notXOF claims to be a fixed-size digest but names an extendable-output
// function.
type notXOF struct{}

func (notXOF) Name() string    { return "shake128" }
func (notXOF) DigestSize() int { return 32 }
func (notXOF) BlockSize() int  { return 168 }

// finalized returns a SHA-256 Hash after Finalize.
func finalized(t *testing.T) *hashes.Hash {
	h, err := hashes.New(hashes.SHA256{})
	require.NoError(t, err)
	require.NoError(t, h.Update(make([]byte, 300)))
	_, err = h.Finalize()
	require.NoError(t, err)
	return h
}

// verified returns an HMAC-SHA-256 after a successful Verify.
func verified(t *testing.T) *hmac.HMAC {
	key := make([]byte, 32)
	mac, err := hmac.Sum(key, hashes.SHA256{}, []byte("data"))
	require.NoError(t, err)
	h, err := hmac.New(key, hashes.SHA256{})
	require.NoError(t, err)
	require.NoError(t, h.Update([]byte("data")))
	require.NoError(t, h.Verify(mac))
	return h
}

func shake(t *testing.T) *hashes.Hash {
	h, err := hashes.New(hashes.SHAKE128{Size: 32})
	require.NoError(t, err)
	return h
}

// buffer returns a slice of 4 bytes with 60 bytes of spare capacity, all
// holding a pattern, and a check that none of them changed.
func buffer(t *testing.T) ([]byte, func(got []byte)) {
	all := bytes.Repeat([]byte{0x5a}, 64)
	b := all[:4]
	return b, func(got []byte) {
		t.Helper()
		assert.Equal(t, hx(bytes.Repeat([]byte{0x5a}, 64)), hx(all), "caller's buffer written")
		if got != nil {
			assert.Len(t, got, 4, "returned dst was extended")
		}
	}
}

// TestMisuse is a table of bad uses of the hashes, hmac, padding and aead
// packages and of the backend itself (cipher contexts have their own
// tables in primitives/ciphers). Each must return an error wrapping the
// sentinel named, without panicking, and leave caller buffers untouched.
func TestMisuse(t *testing.T) {
	key32 := make([]byte, 32)
	aes128, err := algorithms.NewAES(make([]byte, 16))
	require.NoError(t, err)
	gcm, err := aead.NewAESGCM(make([]byte, 16))
	require.NoError(t, err)
	tests := []struct {
		name string
		want error
		run  func(t *testing.T) error
	}{
		{"hashes.New nil algorithm", backends.ErrInvalidArgument, func(t *testing.T) error {
			h, err := hashes.New(nil)
			assert.Nil(t, h)
			return err
		}},
		{"hashes.AppendSum nil algorithm", backends.ErrInvalidArgument, func(t *testing.T) error {
			dst, check := buffer(t)
			got, err := hashes.AppendSum(dst, nil, []byte("abc"))
			check(got)
			return err
		}},
		{"hashes.New SHAKE128 size 0", backends.ErrInvalidDigestSize, func(t *testing.T) error {
			_, err := hashes.New(hashes.SHAKE128{})
			return err
		}},
		{"hashes.New SHAKE256 negative size", backends.ErrInvalidDigestSize, func(t *testing.T) error {
			_, err := hashes.New(hashes.SHAKE256{Size: -1})
			return err
		}},
		{"hashes.AppendSum SHAKE128 size 0", backends.ErrInvalidDigestSize, func(t *testing.T) error {
			dst, check := buffer(t)
			got, err := hashes.AppendSum(dst, hashes.SHAKE128{Size: 0}, []byte("abc"))
			check(got)
			return err
		}},
		{"hashes.New SHAKE named as a fixed-size hash", backends.ErrInvalidDigestSize, func(t *testing.T) error {
			_, err := hashes.New(notXOF{})
			return err
		}},
		{"hashes.New unknown algorithm", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
			_, err := hashes.New(bogusHash{"no-such-digest"})
			return err
		}},
		{"Hash.Read on a fixed-size hash", backends.ErrInvalidArgument, func(t *testing.T) error {
			h, err := hashes.New(hashes.SHA256{})
			require.NoError(t, err)
			p, check := buffer(t)
			n, err := h.Read(p)
			assert.Zero(t, n)
			check(nil)
			return err
		}},
		{"Hash.Write after Read", backends.ErrAlreadyFinalized, func(t *testing.T) error {
			h := shake(t)
			_, err := h.Read(make([]byte, 10))
			require.NoError(t, err)
			n, err := h.Write([]byte("more"))
			assert.Zero(t, n)
			return err
		}},
		{"Hash.Update after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
			return finalized(t).Update([]byte("x"))
		}},
		{"Hash.Finalize after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
			d, err := finalized(t).Finalize()
			assert.Nil(t, d)
			return err
		}},
		{"Hash.Copy after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
			c, err := finalized(t).Copy()
			assert.Nil(t, c)
			return err
		}},
		{"Hash.Read after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
			h := shake(t)
			_, err := h.Finalize()
			require.NoError(t, err)
			p, check := buffer(t)
			_, err = h.Read(p)
			check(nil)
			return err
		}},
		{"hmac.New SHAKE128", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
			h, err := hmac.New(key32, hashes.SHAKE128{Size: 32})
			assert.Nil(t, h)
			return err
		}},
		{"hmac.Sum SHAKE256", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
			_, err := hmac.Sum(key32, hashes.SHAKE256{Size: 64}, []byte("x"))
			return err
		}},
		{"hmac.New nil algorithm", backends.ErrInvalidArgument, func(t *testing.T) error {
			_, err := hmac.New(key32, nil)
			return err
		}},
		{"hmac.Sum nil algorithm", backends.ErrInvalidArgument, func(t *testing.T) error {
			_, err := hmac.Sum(key32, nil, []byte("x"))
			return err
		}},
		{"hmac.New unknown algorithm", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
			_, err := hmac.New(key32, bogusHash{"no-such-digest"})
			return err
		}},
		{"HMAC.Verify twice", backends.ErrAlreadyFinalized, func(t *testing.T) error {
			return verified(t).Verify(make([]byte, 32))
		}},
		{"HMAC.Update after Verify", backends.ErrAlreadyFinalized, func(t *testing.T) error {
			return verified(t).Update([]byte("x"))
		}},
		{"HMAC.Copy after Verify", backends.ErrAlreadyFinalized, func(t *testing.T) error {
			_, err := verified(t).Copy()
			return err
		}},
		{"HMAC.Verify of a truncated MAC", backends.ErrInvalidSignature, func(t *testing.T) error {
			mac, err := hmac.Sum(key32, hashes.SHA256{}, nil)
			require.NoError(t, err)
			h, err := hmac.New(key32, hashes.SHA256{})
			require.NoError(t, err)
			return h.Verify(mac[:16])
		}},
		{"padding.NewPKCS7 0 bits", padding.ErrInvalidBlockSize, func(t *testing.T) error {
			_, err := padding.NewPKCS7(0)
			return err
		}},
		{"padding.NewPKCS7 12 bits", padding.ErrInvalidBlockSize, func(t *testing.T) error {
			_, err := padding.NewPKCS7(12)
			return err
		}},
		{"padding.NewPKCS7 2048 bits", padding.ErrInvalidBlockSize, func(t *testing.T) error {
			_, err := padding.NewPKCS7(2048)
			return err
		}},
		{"padding.NewANSIX923 -8 bits", padding.ErrInvalidBlockSize, func(t *testing.T) error {
			_, err := padding.NewANSIX923(-8)
			return err
		}},
		{"PKCS7.Unpad inconsistent padding", padding.ErrInvalidPadding, func(t *testing.T) error {
			p, err := padding.NewPKCS7(64)
			require.NoError(t, err)
			in := []byte("abcde\x03\x02\x03")
			out, err := p.Unpad(in)
			assert.Nil(t, out)
			assert.Equal(t, "abcde\x03\x02\x03", string(in))
			return err
		}},
		{"PKCS7.Unpad zero padding byte", padding.ErrInvalidPadding, func(t *testing.T) error {
			_, err := (&padding.PKCS7{}).Unpad(make([]byte, 16))
			return err
		}},
		{"ANSIX923.Unpad nonzero filler", padding.ErrInvalidPadding, func(t *testing.T) error {
			a, err := padding.NewANSIX923(64)
			require.NoError(t, err)
			_, err = a.Unpad([]byte("abcde\x00\x01\x03"))
			return err
		}},
		{"Unpadder.Finalize on a partial block", padding.ErrInvalidPadding, func(t *testing.T) error {
			u := (&padding.PKCS7{}).Unpadder()
			_, err := u.Update([]byte("short\x01"))
			require.NoError(t, err)
			_, err = u.Finalize()
			return err
		}},
		{"Padder.Update after Finalize", backends.ErrAlreadyFinalized, func(t *testing.T) error {
			p := (&padding.ANSIX923{}).Padder()
			_, err := p.Finalize()
			require.NoError(t, err)
			_, err = p.Update([]byte("x"))
			return err
		}},
		{"aead.NewAESGCM nil key", backends.ErrInvalidKeySize, func(t *testing.T) error {
			a, err := aead.NewAESGCM(nil)
			assert.Nil(t, a)
			return err
		}},
		{"aead.NewAESGCM empty key", backends.ErrInvalidKeySize, func(t *testing.T) error {
			_, err := aead.NewAESGCM([]byte{})
			return err
		}},
		{"aead.NewChaCha20Poly1305 nil key", backends.ErrInvalidKeySize, func(t *testing.T) error {
			_, err := aead.NewChaCha20Poly1305(nil)
			return err
		}},
		{"aead.NewAESCCM empty key", backends.ErrInvalidKeySize, func(t *testing.T) error {
			_, err := aead.NewAESCCM([]byte{}, 16)
			return err
		}},
		{"aead.NewAESCCM odd tag length", backends.ErrInvalidTagSize, func(t *testing.T) error {
			_, err := aead.NewAESCCM(make([]byte, 16), 5)
			return err
		}},
		{"AESGCM.Open nil ciphertext", backends.ErrInvalidTag, func(t *testing.T) error {
			dst, check := buffer(t)
			out, err := gcm.Open(dst, make([]byte, 12), nil, nil)
			assert.Nil(t, out)
			check(nil)
			return err
		}},
		{"AESGCM.Open ciphertext shorter than a tag", backends.ErrInvalidTag, func(t *testing.T) error {
			dst, check := buffer(t)
			_, err := gcm.Open(dst, make([]byte, 12), make([]byte, 15), nil)
			check(nil)
			return err
		}},
		{"AESGCM.Open wrong nonce length", backends.ErrInvalidIVSize, func(t *testing.T) error {
			dst, check := buffer(t)
			_, err := gcm.Open(dst, make([]byte, 8), make([]byte, 32), nil)
			check(nil)
			return err
		}},
		{"AESGCM.Decrypt nil ciphertext", backends.ErrInvalidTag, func(t *testing.T) error {
			out, err := gcm.Decrypt(make([]byte, 12), nil, nil)
			assert.Nil(t, out)
			return err
		}},
		{"AESGCM.Encrypt 129-byte nonce", backends.ErrInvalidIVSize, func(t *testing.T) error {
			_, err := gcm.Encrypt(make([]byte, 129), []byte("x"), nil)
			return err
		}},
		{"ciphers.NewCipher(nil, nil)", backends.ErrInvalidArgument, func(t *testing.T) error {
			c, err := ciphers.NewCipher(nil, nil)
			assert.Nil(t, c)
			return err
		}},
		{"ciphers.NewCipher block cipher without a mode", backends.ErrInvalidArgument, func(t *testing.T) error {
			_, err := ciphers.NewCipher(aes128, nil)
			return err
		}},
		{"ciphers.NewCipher typed nil algorithm", backends.ErrInvalidArgument, func(t *testing.T) error {
			_, err := ciphers.NewCipher((*algorithms.AES)(nil), nil)
			return err
		}},
		{"Backend.CreateSymmetricEncryptionCtx(nil, nil)", backends.ErrInvalidArgument, func(t *testing.T) error {
			c, err := defaultbackend.Get().CreateSymmetricEncryptionCtx(nil, nil)
			assert.Nil(t, c)
			return err
		}},
		{"Backend.CreateSymmetricDecryptionCtx(nil, nil)", backends.ErrInvalidArgument, func(t *testing.T) error {
			_, err := defaultbackend.Get().CreateSymmetricDecryptionCtx(nil, nil)
			return err
		}},
		{"Backend.CreateSymmetricEncryptionCtx typed nil AES", backends.ErrInvalidArgument, func(t *testing.T) error {
			_, err := defaultbackend.Get().CreateSymmetricEncryptionCtx((*algorithms.AES)(nil), nil)
			return err
		}},
		{"Backend.CreateHashCtx nil", backends.ErrInvalidArgument, func(t *testing.T) error {
			_, err := defaultbackend.Get().CreateHashCtx(nil)
			return err
		}},
		{"Backend.CreateHMACCtx nil", backends.ErrInvalidArgument, func(t *testing.T) error {
			_, err := defaultbackend.Get().CreateHMACCtx(key32, nil)
			return err
		}},
		{"Backend.Digest nil", backends.ErrInvalidArgument, func(t *testing.T) error {
			_, err := oneShots(t).Digest(nil, nil, nil)
			return err
		}},
		{"Backend.MAC nil", backends.ErrInvalidArgument, func(t *testing.T) error {
			_, err := oneShots(t).MAC(key32, nil, nil, nil)
			return err
		}},
		{"Backend.CreateHMACCtx SHAKE256", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
			_, err := defaultbackend.Get().CreateHMACCtx(key32, hashes.SHAKE256{Size: 64})
			return err
		}},
		{"Backend.Digest SHAKE128 size 0", backends.ErrInvalidDigestSize, func(t *testing.T) error {
			dst, check := buffer(t)
			got, err := oneShots(t).Digest(hashes.SHAKE128{}, []byte("x"), dst)
			check(got)
			return err
		}},
		{"Backend.CreateAEADCtx of a non-AEAD pair", backends.ErrUnsupportedAlgorithm, func(t *testing.T) error {
			aes, err := algorithms.NewAES(make([]byte, 16))
			require.NoError(t, err)
			_, err = defaultbackend.Get().CreateAEADCtx(aes, (*modes.CBC)(nil), 16)
			return err
		}},
	}
	require.GreaterOrEqual(t, len(tests), 20)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			assert.NotPanics(t, func() { err = tc.run(t) })
			requireKnownErrorOr(t, err, tc.want)
			assert.ErrorIs(t, err, tc.want)
		})
	}
}

// requireKnownErrorOr is requireKnownError, accepting also padding's own
// sentinel when it is the one expected.
func requireKnownErrorOr(t *testing.T, err, want error) {
	t.Helper()
	if want == padding.ErrInvalidBlockSize || want == padding.ErrInvalidPadding {
		require.Error(t, err)
		return
	}
	requireKnownError(t, err)
}

// oneShots returns the default backend's one-shot digest and HMAC, which
// both backends offer.
func oneShots(t *testing.T) interface {
	backends.Digester
	backends.MACer
} {
	b, ok := defaultbackend.Get().(interface {
		backends.Digester
		backends.MACer
	})
	require.True(t, ok, "the default backend has no one-shot digest and HMAC")
	return b
}

// bogusHash is a digest no backend has, named uniquely per call.
type bogusHash struct{ name string }

func (h bogusHash) Name() string  { return h.name }
func (bogusHash) DigestSize() int { return 32 }
func (bogusHash) BlockSize() int  { return 64 }
