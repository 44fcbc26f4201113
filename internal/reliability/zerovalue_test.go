package reliability_test

import (
	"crypto/cipher"
	"hash"
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

// zeroCase is one method called on a zero value or a nil pointer of an
// exported type. The rule: a method with an error result returns one
// wrapping want; a method without one either works (want nil, no panic,
// and run checks the result) or panics with the message panics, which
// names the constructor to use.
type zeroCase struct {
	name   string
	want   error
	panics string
	run    func(t *testing.T) error
}

// aeadValue is what the three AEAD types of package aead offer.
type aeadValue interface {
	cipher.AEAD
	Encrypt(nonce, data, aad []byte) ([]byte, error)
	Decrypt(nonce, data, aad []byte) ([]byte, error)
}

func aeadZeroCases() []zeroCase {
	var cases []zeroCase
	for _, v := range []struct {
		name, ctor string
		zero, nil  aeadValue
	}{
		{"AESGCM", "NewAESGCM", &aead.AESGCM{}, (*aead.AESGCM)(nil)},
		{"ChaCha20Poly1305", "NewChaCha20Poly1305", &aead.ChaCha20Poly1305{}, (*aead.ChaCha20Poly1305)(nil)},
		{"AESCCM", "NewAESCCM", &aead.AESCCM{}, (*aead.AESCCM)(nil)},
	} {
		msg := "aead: " + v.name + " used without aead." + v.ctor
		for _, form := range []struct {
			name string
			a    aeadValue
		}{{"aead." + v.name + "{}", v.zero}, {"(*aead." + v.name + ")(nil)", v.nil}} {
			a := form.a
			nonce := make([]byte, 12)
			cases = append(cases,
				zeroCase{name: form.name + ".Encrypt", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
					out, err := a.Encrypt(nonce, []byte("pay 100 to alice"), nil)
					assert.Nil(t, out)
					if err != nil {
						assert.Contains(t, err.Error(), "aead."+v.ctor)
					}
					return err
				}},
				zeroCase{name: form.name + ".Decrypt", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
					out, err := a.Decrypt(nonce, make([]byte, 32), nil)
					assert.Nil(t, out)
					return err
				}},
				zeroCase{name: form.name + ".Open", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
					dst, check := buffer(t)
					out, err := a.Open(dst, nonce, make([]byte, 32), nil)
					check(nil)
					assert.Nil(t, out)
					return err
				}},
				zeroCase{name: form.name + ".Seal", panics: msg, run: func(*testing.T) error {
					a.Seal(nil, nonce, []byte("pay 100 to alice"), nil)
					return nil
				}},
				zeroCase{name: form.name + ".NonceSize", run: func(t *testing.T) error {
					assert.Zero(t, a.NonceSize())
					return nil
				}},
				zeroCase{name: form.name + ".Overhead", run: func(t *testing.T) error {
					assert.Zero(t, a.Overhead())
					return nil
				}},
			)
		}
	}
	return append(cases, randomNonceZeroCases()...)
}

// randomNonceZeroCases are the rows of aead.AESGCMRandomNonce, whose
// Encrypt and Decrypt take no nonce.
func randomNonceZeroCases() []zeroCase {
	var cases []zeroCase
	msg := "aead: AESGCMRandomNonce used without aead.NewAESGCMWithRandomNonce"
	for _, form := range []struct {
		name string
		a    *aead.AESGCMRandomNonce
	}{{"aead.AESGCMRandomNonce{}", &aead.AESGCMRandomNonce{}}, {"(*aead.AESGCMRandomNonce)(nil)", nil}} {
		a := form.a
		cases = append(cases,
			zeroCase{name: form.name + ".Encrypt", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				out, err := a.Encrypt([]byte("pay 100 to alice"), nil)
				assert.Nil(t, out)
				if err != nil {
					assert.Contains(t, err.Error(), "aead.NewAESGCMWithRandomNonce")
				}
				return err
			}},
			zeroCase{name: form.name + ".Decrypt", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				out, err := a.Decrypt(make([]byte, 44), nil)
				assert.Nil(t, out)
				return err
			}},
			zeroCase{name: form.name + ".Open", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				dst, check := buffer(t)
				out, err := a.Open(dst, nil, make([]byte, 44), nil)
				check(nil)
				assert.Nil(t, out)
				return err
			}},
			zeroCase{name: form.name + ".Seal", panics: msg, run: func(*testing.T) error {
				a.Seal(nil, nil, []byte("pay 100 to alice"), nil)
				return nil
			}},
			zeroCase{name: form.name + ".NonceSize", run: func(t *testing.T) error {
				assert.Zero(t, a.NonceSize())
				return nil
			}},
			zeroCase{name: form.name + ".Overhead", run: func(t *testing.T) error {
				assert.Zero(t, a.Overhead())
				return nil
			}},
		)
	}
	return cases
}

// hashValue is what Hash and HMAC share.
type hashValue interface {
	hash.Hash
	Update(data []byte) error
	Finalize() ([]byte, error)
	Clone() (hash.Cloner, error)
}

func hashZeroCases() []zeroCase {
	var cases []zeroCase
	for _, v := range []struct {
		name, msg string
		h         hashValue
		copy      func() (any, error)
		alg       func() backends.HashAlgorithm
		extra     func() error // Read for Hash, Verify for HMAC
	}{
		{"hashes.Hash{}", "hashes: Hash used without hashes.New", &hashes.Hash{},
			func() (any, error) { return (&hashes.Hash{}).Copy() },
			func() backends.HashAlgorithm { return (&hashes.Hash{}).Algorithm() },
			func() error { _, err := (&hashes.Hash{}).Read(make([]byte, 8)); return err }},
		{"(*hashes.Hash)(nil)", "hashes: Hash used without hashes.New", (*hashes.Hash)(nil),
			func() (any, error) { return (*hashes.Hash)(nil).Copy() },
			func() backends.HashAlgorithm { return (*hashes.Hash)(nil).Algorithm() },
			func() error { _, err := (*hashes.Hash)(nil).Read(make([]byte, 8)); return err }},
		{"hmac.HMAC{}", "hmac: HMAC used without hmac.New", &hmac.HMAC{},
			func() (any, error) { return (&hmac.HMAC{}).Copy() },
			func() backends.HashAlgorithm { return (&hmac.HMAC{}).Algorithm() },
			func() error { return (&hmac.HMAC{}).Verify(make([]byte, 32)) }},
		{"(*hmac.HMAC)(nil)", "hmac: HMAC used without hmac.New", (*hmac.HMAC)(nil),
			func() (any, error) { return (*hmac.HMAC)(nil).Copy() },
			func() backends.HashAlgorithm { return (*hmac.HMAC)(nil).Algorithm() },
			func() error { return (*hmac.HMAC)(nil).Verify(make([]byte, 32)) }},
	} {
		h := v.h
		cases = append(cases,
			zeroCase{name: v.name + ".Update", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				err := h.Update([]byte("abc"))
				if err != nil {
					assert.Contains(t, err.Error(), v.msg)
				}
				return err
			}},
			zeroCase{name: v.name + ".Write", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				n, err := h.Write([]byte("abc"))
				assert.Zero(t, n)
				return err
			}},
			zeroCase{name: v.name + ".Finalize", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				out, err := h.Finalize()
				assert.Nil(t, out)
				return err
			}},
			zeroCase{name: v.name + ".Copy", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				c, err := v.copy()
				assert.Nil(t, c)
				return err
			}},
			zeroCase{name: v.name + ".Clone", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				c, err := h.Clone()
				assert.Nil(t, c)
				return err
			}},
			zeroCase{name: v.name + ".Read or Verify", want: backends.ErrInvalidArgument, run: func(*testing.T) error {
				return v.extra()
			}},
			zeroCase{name: v.name + ".Sum", panics: v.msg, run: func(*testing.T) error {
				h.Sum(nil)
				return nil
			}},
			zeroCase{name: v.name + ".Reset", panics: v.msg, run: func(*testing.T) error {
				h.Reset()
				return nil
			}},
			zeroCase{name: v.name + ".Algorithm, Size, BlockSize", run: func(t *testing.T) error {
				assert.Nil(t, v.alg())
				assert.Zero(t, h.Size())
				assert.Zero(t, h.BlockSize())
				return nil
			}},
		)
	}
	return cases
}

func cipherZeroCases() []zeroCase {
	var cases []zeroCase
	for _, v := range []struct {
		name string
		c    *ciphers.Cipher
	}{{"ciphers.Cipher{}", &ciphers.Cipher{}}, {"(*ciphers.Cipher)(nil)", nil}} {
		c := v.c
		cases = append(cases,
			zeroCase{name: v.name + ".Encryptor", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				ctx, err := c.Encryptor()
				assert.Nil(t, ctx)
				if err != nil {
					assert.Contains(t, err.Error(), "ciphers.NewCipher")
				}
				return err
			}},
			zeroCase{name: v.name + ".Decryptor", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				ctx, err := c.Decryptor()
				assert.Nil(t, ctx)
				return err
			}},
			zeroCase{name: v.name + ".Algorithm, Mode", run: func(t *testing.T) error {
				assert.Nil(t, c.Algorithm())
				assert.Nil(t, c.Mode())
				return nil
			}},
		)
	}
	for _, v := range []struct {
		name string
		c    *ciphers.Context
	}{{"ciphers.Context{}", &ciphers.Context{}}, {"(*ciphers.Context)(nil)", nil}} {
		c := v.c
		cases = append(cases,
			zeroCase{name: v.name + ".Update", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				out, err := c.Update(make([]byte, 16))
				assert.Nil(t, out)
				if err != nil {
					assert.Contains(t, err.Error(), "Cipher.Encryptor")
				}
				return err
			}},
			zeroCase{name: v.name + ".UpdateInto", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				buf, check := buffer(t)
				n, err := c.UpdateInto(make([]byte, 4), buf)
				check(nil)
				assert.Zero(t, n)
				return err
			}},
			zeroCase{name: v.name + ".Finalize", want: backends.ErrInvalidArgument, run: func(*testing.T) error {
				_, err := c.Finalize()
				return err
			}},
			zeroCase{name: v.name + ".AuthenticateAdditionalData", want: backends.ErrInvalidArgument, run: func(*testing.T) error {
				return c.AuthenticateAdditionalData([]byte("aad"))
			}},
			zeroCase{name: v.name + ".Tag", want: backends.ErrInvalidArgument, run: func(*testing.T) error {
				_, err := c.Tag()
				return err
			}},
			zeroCase{name: v.name + ".FinalizeWithTag", want: backends.ErrInvalidArgument, run: func(*testing.T) error {
				_, err := c.FinalizeWithTag(make([]byte, 16))
				return err
			}},
		)
	}
	return cases
}

func paddingZeroCases() []zeroCase {
	type scheme interface {
		BlockSize() int
		Pad(dst, data []byte) []byte
		Unpad(data []byte) ([]byte, error)
		Padder() *padding.Padder
		Unpadder() *padding.Unpadder
	}
	var cases []zeroCase
	for _, v := range []struct {
		name string
		s    scheme
		pad  string // the padding of "abc" to 16 bytes, in hex
	}{
		{"padding.PKCS7{}", &padding.PKCS7{}, "6162630d0d0d0d0d0d0d0d0d0d0d0d0d"},
		{"(*padding.PKCS7)(nil)", (*padding.PKCS7)(nil), "6162630d0d0d0d0d0d0d0d0d0d0d0d0d"},
		{"padding.ANSIX923{}", &padding.ANSIX923{}, "6162630000000000000000000000000d"},
		{"(*padding.ANSIX923)(nil)", (*padding.ANSIX923)(nil), "6162630000000000000000000000000d"},
	} {
		s := v.s
		cases = append(cases, zeroCase{name: v.name + " pads to 128-bit blocks", run: func(t *testing.T) error {
			assert.Equal(t, 128, s.BlockSize())
			padded := s.Pad(nil, []byte("abc"))
			assert.Equal(t, v.pad, hx(padded))
			got, err := s.Unpad(padded)
			require.NoError(t, err)
			assert.Equal(t, "abc", string(got))
			p := s.Padder()
			_, err = p.Update([]byte("abc"))
			require.NoError(t, err)
			last, err := p.Finalize()
			require.NoError(t, err)
			assert.Equal(t, v.pad, hx(last))
			u := s.Unpadder()
			_, err = u.Update(padded)
			require.NoError(t, err)
			got, err = u.Finalize()
			assert.Equal(t, "abc", string(got))
			return err
		}})
	}
	for _, v := range []struct {
		name string
		p    *padding.Padder
		u    *padding.Unpadder
	}{{"{}", &padding.Padder{}, &padding.Unpadder{}}, {"nil", nil, nil}} {
		p, u := v.p, v.u
		cases = append(cases,
			zeroCase{name: "padding.Padder " + v.name + ".Update", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				out, err := p.Update([]byte("abc"))
				assert.Nil(t, out)
				return err
			}},
			zeroCase{name: "padding.Padder " + v.name + ".Finalize", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				out, err := p.Finalize()
				assert.Nil(t, out)
				return err
			}},
			zeroCase{name: "padding.Unpadder " + v.name + ".Update", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				out, err := u.Update([]byte("abc"))
				assert.Nil(t, out)
				return err
			}},
			zeroCase{name: "padding.Unpadder " + v.name + ".Finalize", want: backends.ErrInvalidArgument, run: func(t *testing.T) error {
				out, err := u.Finalize()
				assert.Nil(t, out)
				return err
			}},
		)
	}
	return cases
}

// zeroDescriptor is a cipher descriptor of package algorithms, as a zero
// value or as a nil pointer, with the mode (nil for stream ciphers) to try
// it with.
type zeroDescriptor struct {
	name  string // the type's name
	alg   backends.CipherAlgorithm
	isNil bool
	mode  backends.Mode
}

func zeroDescriptors() []zeroDescriptor {
	ecb := modes.NewECB()
	return []zeroDescriptor{
		{"AES", &algorithms.AES{}, false, ecb}, {"AES", (*algorithms.AES)(nil), true, ecb},
		{"Camellia", &algorithms.Camellia{}, false, ecb}, {"Camellia", (*algorithms.Camellia)(nil), true, ecb},
		{"TripleDES", &algorithms.TripleDES{}, false, ecb}, {"TripleDES", (*algorithms.TripleDES)(nil), true, ecb},
		{"Blowfish", &algorithms.Blowfish{}, false, ecb}, {"Blowfish", (*algorithms.Blowfish)(nil), true, ecb},
		{"CAST5", &algorithms.CAST5{}, false, ecb}, {"CAST5", (*algorithms.CAST5)(nil), true, ecb},
		{"SEED", &algorithms.SEED{}, false, ecb}, {"SEED", (*algorithms.SEED)(nil), true, ecb},
		{"IDEA", &algorithms.IDEA{}, false, ecb}, {"IDEA", (*algorithms.IDEA)(nil), true, ecb},
		{"SM4", &algorithms.SM4{}, false, ecb}, {"SM4", (*algorithms.SM4)(nil), true, ecb},
		{"ARC4", &algorithms.ARC4{}, false, nil}, {"ARC4", (*algorithms.ARC4)(nil), true, nil},
		{"ChaCha20", &algorithms.ChaCha20{}, false, nil}, {"ChaCha20", (*algorithms.ChaCha20)(nil), true, nil},
		{"ChaCha20Poly1305", &algorithms.ChaCha20Poly1305{}, false, nil}, {"ChaCha20Poly1305", (*algorithms.ChaCha20Poly1305)(nil), true, nil},
	}
}

func descriptorZeroCases() []zeroCase {
	var cases []zeroCase
	for _, v := range zeroDescriptors() {
		alg, mode := v.alg, v.mode
		form := "algorithms." + v.name + "{}"
		hint := "use algorithms.New" + v.name
		if v.isNil {
			form = "(*algorithms." + v.name + ")(nil)"
			hint = "" // ciphers refuses a nil descriptor as such
		}
		cases = append(cases,
			zeroCase{name: form + " accessors", run: func(t *testing.T) error {
				assert.Equal(t, v.name, alg.Name())
				assert.Zero(t, alg.KeySize())
				assert.Nil(t, alg.Key())
				if n, ok := alg.(backends.CipherAlgorithmWithNonce); ok {
					assert.Nil(t, n.Nonce())
				}
				return nil
			}},
			zeroCase{name: form + " NewCipher", want: wantFor(hint), run: func(t *testing.T) error {
				c, err := ciphers.NewCipher(alg, mode)
				assert.Nil(t, c)
				if err != nil && hint != "" {
					assert.Contains(t, err.Error(), hint)
				}
				return err
			}},
			zeroCase{name: form + " not Supported", run: func(t *testing.T) error {
				assert.False(t, ciphers.Supported(alg, mode), "ciphers.Supported")
				assert.False(t, defaultbackend.Get().CipherSupported(alg, mode), "Backend.CipherSupported")
				return nil
			}},
			zeroCase{name: form + " Backend.CreateSymmetricEncryptionCtx", want: wantFor(hint), run: func(t *testing.T) error {
				ctx, err := defaultbackend.Get().CreateSymmetricEncryptionCtx(alg, mode)
				assert.Nil(t, ctx)
				return err
			}},
		)
	}
	return cases
}

// wantFor is the sentinel for a descriptor: a zero value holds no key, a
// nil pointer is no descriptor at all.
func wantFor(hint string) error {
	if hint == "" {
		return backends.ErrInvalidArgument
	}
	return backends.ErrInvalidKeySize
}

func modeZeroCases() []zeroCase {
	aes128, err := algorithms.NewAES(make([]byte, 16))
	if err != nil {
		panic(err)
	}
	xtsKey := make([]byte, 32)
	xtsKey[16] = 1 // the two halves must differ
	aesXTS, err := algorithms.NewAES(xtsKey)
	if err != nil {
		panic(err)
	}
	var cases []zeroCase
	for _, v := range []struct {
		name string
		m    backends.Mode
		alg  backends.CipherAlgorithm
		want error // of ValidateForAlgorithm; nil: the zero value works
	}{
		{"modes.CBC{}", &modes.CBC{}, aes128, backends.ErrInvalidIVSize},
		{"(*modes.CBC)(nil)", (*modes.CBC)(nil), aes128, backends.ErrInvalidArgument},
		{"modes.CFB{}", &modes.CFB{}, aes128, backends.ErrInvalidIVSize},
		{"(*modes.CFB)(nil)", (*modes.CFB)(nil), aes128, backends.ErrInvalidArgument},
		{"modes.CFB8{}", &modes.CFB8{}, aes128, backends.ErrInvalidIVSize},
		{"(*modes.CFB8)(nil)", (*modes.CFB8)(nil), aes128, backends.ErrInvalidArgument},
		{"modes.OFB{}", &modes.OFB{}, aes128, backends.ErrInvalidIVSize},
		{"(*modes.OFB)(nil)", (*modes.OFB)(nil), aes128, backends.ErrInvalidArgument},
		{"modes.CTR{}", &modes.CTR{}, aes128, backends.ErrInvalidIVSize},
		{"(*modes.CTR)(nil)", (*modes.CTR)(nil), aes128, backends.ErrInvalidArgument},
		{"modes.GCM{}", &modes.GCM{}, aes128, backends.ErrInvalidIVSize},
		{"(*modes.GCM)(nil)", (*modes.GCM)(nil), aes128, backends.ErrInvalidArgument},
		{"modes.XTS{}", &modes.XTS{}, aesXTS, backends.ErrInvalidIVSize},
		{"(*modes.XTS)(nil)", (*modes.XTS)(nil), aesXTS, backends.ErrInvalidArgument},
		{"modes.CCM{}", &modes.CCM{}, aes128, nil},
		{"(*modes.CCM)(nil)", (*modes.CCM)(nil), aes128, backends.ErrInvalidArgument},
		{"modes.ECB{}", &modes.ECB{}, aes128, nil},
		{"(*modes.ECB)(nil)", (*modes.ECB)(nil), aes128, backends.ErrInvalidArgument},
	} {
		m, alg := v.m, v.alg
		cases = append(cases,
			zeroCase{name: v.name + " accessors", run: func(t *testing.T) error {
				assert.NotEmpty(t, m.Name())
				switch m := m.(type) {
				case backends.ModeWithIV:
					assert.Empty(t, m.IV())
				case backends.ModeWithNonce:
					assert.Empty(t, m.Nonce())
				case backends.ModeWithTweak:
					assert.Empty(t, m.Tweak())
				}
				if a, ok := m.(backends.ModeWithAuthenticationTag); ok {
					assert.Nil(t, a.Tag())
					assert.Zero(t, a.MinTagLength())
				}
				return nil
			}},
			zeroCase{name: v.name + ".ValidateForAlgorithm", want: v.want, run: func(*testing.T) error {
				return m.ValidateForAlgorithm(alg)
			}},
			zeroCase{name: v.name + " NewCipher", want: v.want, run: func(t *testing.T) error {
				c, err := ciphers.NewCipher(alg, m)
				if v.want != nil {
					assert.Nil(t, c)
					assert.False(t, ciphers.Supported(alg, m))
				}
				return err
			}},
		)
	}
	return cases
}

func backendsZeroCases() []zeroCase {
	return []zeroCase{
		{name: "backends.UnsupportedAlgorithmError{}", run: func(t *testing.T) error {
			e := &backends.UnsupportedAlgorithmError{}
			assert.Contains(t, e.Error(), "unsupported algorithm")
			assert.ErrorIs(t, e, backends.ErrUnsupportedAlgorithm)
			assert.NoError(t, e.Unwrap())
			return nil
		}},
		{name: "(*backends.UnsupportedAlgorithmError)(nil)", run: func(t *testing.T) error {
			var e *backends.UnsupportedAlgorithmError
			assert.Equal(t, "unsupported algorithm", e.Error())
			assert.True(t, e.Is(backends.ErrUnsupportedAlgorithm))
			assert.NoError(t, e.Unwrap())
			return nil
		}},
		{name: "backends.Reason(0)", run: func(t *testing.T) error {
			assert.Equal(t, "Reason(0)", backends.Reason(0).String())
			return nil
		}},
	}
}

// TestZeroValues calls every method of every exported type of the
// primitives and of backends on its zero value and, for pointer receivers,
// on a nil pointer. Methods with an error result return one wrapping a
// sentinel; methods without one work or panic with a message naming the
// constructor; nothing reaches C with a zero descriptor.
func TestZeroValues(t *testing.T) {
	var cases []zeroCase
	for _, part := range [][]zeroCase{
		aeadZeroCases(), hashZeroCases(), cipherZeroCases(), paddingZeroCases(),
		descriptorZeroCases(), modeZeroCases(), backendsZeroCases(), opensslZeroCases(),
	} {
		cases = append(cases, part...)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.panics != "" {
				assert.PanicsWithValue(t, tc.panics, func() { _ = tc.run(t) })
				return
			}
			var err error
			assert.NotPanics(t, func() { err = tc.run(t) })
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tc.want)
		})
	}
}
