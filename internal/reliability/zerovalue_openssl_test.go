//go:build cgo

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

// opensslZeroCases covers the exported types of package openssl (its
// contexts are not exported: the backend returns them as interfaces of
// package backends): a zero value or a nil pointer returns an error naming
// the constructor, or panics with it where there is no error result.
func opensslZeroCases() []zeroCase {
	const (
		noBackend = "NewBackend"
	)
	inval := backends.ErrInvalidArgument
	named := func(t *testing.T, err error, ctor string) error {
		if err != nil {
			assert.Contains(t, err.Error(), ctor)
		}
		return err
	}
	var cases []zeroCase

	aes, _ := algorithms.NewAES(make([]byte, 16))
	cbc, _ := modes.NewCBC(make([]byte, 16))
	gcm := &modes.GCM{}
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
			zeroCase{name: "openssl.Backend" + v.form + ".AEADSupported", run: func(t *testing.T) error {
				assert.False(t, b.AEADSupported(aes, gcm))
				return nil
			}},
			zeroCase{name: "openssl.Backend" + v.form + ".CreateAEADCtx", want: inval, run: func(t *testing.T) error {
				ctx, err := b.CreateAEADCtx(aes, gcm, 16)
				assert.Nil(t, ctx)
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
