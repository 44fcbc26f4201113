package guard_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/internal/guard"
)

func TestOverlap(t *testing.T) {
	b := make([]byte, 32)
	assert.False(t, guard.AnyOverlap(b[:16], b[16:]))
	assert.True(t, guard.AnyOverlap(b[:17], b[16:]))
	assert.False(t, guard.InexactOverlap(b[:16], b[:16]), "in place")
	assert.True(t, guard.InexactOverlap(b[1:17], b[:16]))
	assert.False(t, guard.InexactOverlap(nil, b))
	assert.False(t, guard.AnyOverlap(b[:0], b))
}

type thing struct{}

func TestIsNil(t *testing.T) {
	var p *thing
	assert.True(t, guard.IsNil(nil))
	assert.True(t, guard.IsNil(p))
	assert.False(t, guard.IsNil(&thing{}))
	assert.False(t, guard.IsNil(thing{}))
}

func TestWrap(t *testing.T) {
	base := errors.New("invalid argument")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{base, "ciphers: invalid argument"},
		{fmt.Errorf("openssl: aes-128-cbc input is not whole blocks: %w", base), "openssl: aes-128-cbc input is not whole blocks: invalid argument"},
		{fmt.Errorf("modes: GCM IV of 0 bytes: %w", base), "modes: GCM IV of 0 bytes: invalid argument"},
		{errors.New("unsupported algorithm: MD5: refused in FIPS mode"), "ciphers: unsupported algorithm: MD5: refused in FIPS mode"},
		{errors.New("Capital: not a package"), "ciphers: Capital: not a package"},
		{errors.New("3des: digits first"), "ciphers: 3des: digits first"},
		{errors.New(": empty"), "ciphers: : empty"},
		{errors.New("nocolon"), "ciphers: nocolon"},
	} {
		got := guard.Wrap("ciphers", tc.err)
		if tc.err == nil {
			assert.NoError(t, got)
			continue
		}
		assert.Equal(t, tc.want, got.Error())
		assert.ErrorIs(t, got, tc.err)
	}
}
