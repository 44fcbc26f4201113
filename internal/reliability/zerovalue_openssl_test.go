package reliability_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// opensslZeroCases covers the exported types of package openssl, whose
// values the backend makes: a zero value or a nil pointer returns an error
// naming the constructor, or panics with it where there is no error result.
func opensslZeroCases() []zeroCase {
	const (
		noCipherCtx = "CreateSymmetricEncryptionCtx"
		noDigest    = "openssl: digest context used without Backend.CreateHashCtx or DigestCtx.Init"
		noMAC       = "openssl: HMAC context used without Backend.CreateHMACCtx"
		noAEAD      = "openssl: AEAD used without Backend.NewAEAD"
		noBackend   = "NewBackend"
	)
	inval := backends.ErrInvalidArgument
	named := func(t *testing.T, err error, ctor string) error {
		if err != nil {
			assert.Contains(t, err.Error(), ctor)
		}
		return err
	}
	var cases []zeroCase

	for _, v := range []struct {
		form string
		c    *openssl.CipherCtx
		a    *openssl.AEADCtx
	}{
		{"{}", &openssl.CipherCtx{}, &openssl.AEADCtx{}},
		{"(nil)", nil, nil},
	} {
		c, a := v.c, v.a
		cases = append(cases,
			zeroCase{name: "openssl.CipherCtx" + v.form + ".Update", want: inval, run: func(t *testing.T) error {
				out, err := c.Update([]byte("pay 100 to alice"))
				assert.Nil(t, out)
				return named(t, err, noCipherCtx)
			}},
			zeroCase{name: "openssl.CipherCtx" + v.form + ".UpdateInto", want: inval, run: func(t *testing.T) error {
				dst, check := buffer(t)
				n, err := c.UpdateInto([]byte("pay 100 to alice"), dst[:16])
				check(nil)
				assert.Zero(t, n)
				return named(t, err, noCipherCtx)
			}},
			zeroCase{name: "openssl.CipherCtx" + v.form + ".Finalize", want: inval, run: func(t *testing.T) error {
				_, err := c.Finalize()
				return named(t, err, noCipherCtx)
			}},
			zeroCase{name: "openssl.AEADCtx" + v.form + ".AuthenticateAdditionalData", want: inval, run: func(t *testing.T) error {
				return named(t, a.AuthenticateAdditionalData([]byte("header")), noCipherCtx)
			}},
			zeroCase{name: "openssl.AEADCtx" + v.form + ".Update", want: inval, run: func(t *testing.T) error {
				_, err := a.Update([]byte("pay 100 to alice"))
				return named(t, err, noCipherCtx)
			}},
			zeroCase{name: "openssl.AEADCtx" + v.form + ".UpdateInto", want: inval, run: func(t *testing.T) error {
				dst, check := buffer(t)
				_, err := a.UpdateInto([]byte("pay 100 to alice"), dst[:16])
				check(nil)
				return named(t, err, noCipherCtx)
			}},
			zeroCase{name: "openssl.AEADCtx" + v.form + ".Finalize", want: inval, run: func(t *testing.T) error {
				_, err := a.Finalize()
				return named(t, err, noCipherCtx)
			}},
			zeroCase{name: "openssl.AEADCtx" + v.form + ".FinalizeWithTag", want: inval, run: func(t *testing.T) error {
				_, err := a.FinalizeWithTag(make([]byte, 16))
				return named(t, err, noCipherCtx)
			}},
			zeroCase{name: "openssl.AEADCtx" + v.form + ".Tag", want: inval, run: func(t *testing.T) error {
				_, err := a.Tag()
				return named(t, err, noCipherCtx)
			}},
		)
	}

	for _, v := range []struct {
		form string
		d    *openssl.DigestCtx
		m    *openssl.MACCtx
	}{
		{"{}", &openssl.DigestCtx{}, &openssl.MACCtx{}},
		{"(nil)", nil, nil},
	} {
		d, m := v.d, v.m
		cases = append(cases,
			zeroCase{name: "openssl.DigestCtx" + v.form + ".Update", want: inval, run: func(t *testing.T) error {
				return named(t, d.Update([]byte("abc")), noDigest)
			}},
			zeroCase{name: "openssl.DigestCtx" + v.form + ".Sum", want: inval, run: func(t *testing.T) error {
				out, err := d.Sum([]byte("dst"))
				assert.Equal(t, "dst", string(out))
				return err
			}},
			zeroCase{name: "openssl.DigestCtx" + v.form + ".SumXOF", want: inval, run: func(t *testing.T) error {
				_, err := d.SumXOF(nil, 16)
				return err
			}},
			zeroCase{name: "openssl.DigestCtx" + v.form + ".Finalize", want: inval, run: func(t *testing.T) error {
				_, err := d.Finalize()
				return err
			}},
			zeroCase{name: "openssl.DigestCtx" + v.form + ".Copy", want: inval, run: func(t *testing.T) error {
				c, err := d.Copy()
				assert.True(t, c == nil, "Copy returned %#v, not an untyped nil", c)
				return err
			}},
			zeroCase{name: "openssl.DigestCtx" + v.form + ".Reset", want: inval, run: func(*testing.T) error { return d.Reset() }},
			zeroCase{name: "openssl.DigestCtx" + v.form + ".Size", panics: noDigest, run: func(*testing.T) error { d.Size(); return nil }},
			zeroCase{name: "openssl.DigestCtx" + v.form + ".BlockSize", panics: noDigest, run: func(*testing.T) error { d.BlockSize(); return nil }},
			zeroCase{name: "openssl.DigestCtx" + v.form + ".Algorithm", panics: noDigest, run: func(*testing.T) error { d.Algorithm(); return nil }},
			zeroCase{name: "openssl.MACCtx" + v.form + ".Update", want: inval, run: func(t *testing.T) error {
				return named(t, m.Update([]byte("abc")), noMAC)
			}},
			zeroCase{name: "openssl.MACCtx" + v.form + ".Sum", want: inval, run: func(t *testing.T) error {
				out, err := m.Sum([]byte("dst"))
				assert.Equal(t, "dst", string(out))
				return err
			}},
			zeroCase{name: "openssl.MACCtx" + v.form + ".Finalize", want: inval, run: func(t *testing.T) error {
				_, err := m.Finalize()
				return err
			}},
			zeroCase{name: "openssl.MACCtx" + v.form + ".Copy", want: inval, run: func(t *testing.T) error {
				c, err := m.Copy()
				assert.True(t, c == nil, "Copy returned %#v, not an untyped nil", c)
				return err
			}},
			zeroCase{name: "openssl.MACCtx" + v.form + ".Reset", want: inval, run: func(*testing.T) error { return m.Reset() }},
			zeroCase{name: "openssl.MACCtx" + v.form + ".Size", panics: noMAC, run: func(*testing.T) error { m.Size(); return nil }},
			zeroCase{name: "openssl.MACCtx" + v.form + ".BlockSize", panics: noMAC, run: func(*testing.T) error { m.BlockSize(); return nil }},
			zeroCase{name: "openssl.MACCtx" + v.form + ".Algorithm", panics: noMAC, run: func(*testing.T) error { m.Algorithm(); return nil }},
		)
	}
	cases = append(cases,
		zeroCase{name: "(*openssl.DigestCtx)(nil).Init", want: inval, run: func(*testing.T) error {
			return (*openssl.DigestCtx)(nil).Init(hashes.SHA256{})
		}},
		zeroCase{name: "openssl.DigestCtx{}.Init", run: func(t *testing.T) error {
			// The zero DigestCtx is meant to be set up in place.
			var d openssl.DigestCtx
			if err := d.Init(hashes.SHA256{}); err != nil {
				return err
			}
			assert.Equal(t, 32, d.Size())
			return nil
		}},
	)

	for _, v := range []struct {
		form string
		a    *openssl.AEAD
	}{{"{}", &openssl.AEAD{}}, {"(nil)", nil}} {
		a := v.a
		cases = append(cases,
			zeroCase{name: "openssl.AEAD" + v.form + ".Seal", want: inval, run: func(t *testing.T) error {
				dst, check := buffer(t)
				out, err := a.Seal(dst, make([]byte, 12), []byte("pay 100 to alice"), nil)
				check(out)
				return named(t, err, "NewAEAD")
			}},
			zeroCase{name: "openssl.AEAD" + v.form + ".Open", want: inval, run: func(t *testing.T) error {
				dst, check := buffer(t)
				out, err := a.Open(dst, make([]byte, 12), make([]byte, 32), nil)
				check(out)
				return named(t, err, "NewAEAD")
			}},
		)
	}
	cases = append(cases,
		zeroCase{name: "openssl.AEAD{}.Overhead", run: func(t *testing.T) error {
			assert.Zero(t, (&openssl.AEAD{}).Overhead())
			return nil
		}},
		zeroCase{name: "(*openssl.AEAD)(nil).Overhead", panics: noAEAD, run: func(*testing.T) error {
			(*openssl.AEAD)(nil).Overhead()
			return nil
		}},
	)

	aes, _ := algorithms.NewAES(make([]byte, 16))
	cbc, _ := modes.NewCBC(make([]byte, 16))
	for _, v := range []struct {
		form string
		b    *openssl.Backend
	}{{"{}", &openssl.Backend{}}, {"(nil)", nil}} {
		b := v.b
		cases = append(cases,
			zeroCase{name: "openssl.Backend" + v.form + ".CipherSupported", run: func(t *testing.T) error {
				assert.False(t, b.CipherSupported(aes, cbc))
				return nil
			}},
			zeroCase{name: "openssl.Backend" + v.form + ".CreateSymmetricEncryptionCtx", want: inval, run: func(t *testing.T) error {
				ctx, err := b.CreateSymmetricEncryptionCtx(aes, cbc)
				assert.Nil(t, ctx)
				return named(t, err, noBackend)
			}},
			zeroCase{name: "openssl.Backend" + v.form + ".CreateSymmetricDecryptionCtx", want: inval, run: func(t *testing.T) error {
				ctx, err := b.CreateSymmetricDecryptionCtx(aes, cbc)
				assert.Nil(t, ctx)
				return named(t, err, noBackend)
			}},
			zeroCase{name: "openssl.Backend" + v.form + ".RegisterCipherAdapter", want: inval, run: func(t *testing.T) error {
				err := b.RegisterCipherAdapter(reflect.TypeOf(aes), reflect.TypeOf(cbc),
					func(backends.CipherAlgorithm, backends.Mode) (string, bool) { return "aes-128-cbc", true })
				return named(t, err, noBackend)
			}},
			zeroCase{name: "openssl.Backend" + v.form + ".HashSupported", run: func(t *testing.T) error {
				// The hash methods need no adapters: they work.
				assert.True(t, b.HashSupported(hashes.SHA256{}))
				return nil
			}},
		)
	}
	cases = append(cases,
		zeroCase{name: "openssl.Error{}.Error", run: func(t *testing.T) error {
			assert.Equal(t, "openssl: failed", (&openssl.Error{}).Error())
			return nil
		}},
		zeroCase{name: "(*openssl.Error)(nil).Error", run: func(t *testing.T) error {
			assert.Equal(t, "openssl: <nil>", (*openssl.Error)(nil).Error())
			return nil
		}},
	)
	return cases
}
