package keywrap_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/keywrap"
)

// hostileWrapBackend is a custom KeyWrapBackend whose outputs are delta
// bytes longer (shorter, if negative) than a wrap or an unwrap gives, or
// that fails with err.
type hostileWrapBackend struct {
	delta int
	err   error
}

func (b hostileWrapBackend) KeyWrapSupported(backends.KeyWrapMode, int) bool { return true }

func (b hostileWrapBackend) WrapKey(_ backends.KeyWrapMode, _, key []byte) ([]byte, error) {
	return make([]byte, len(key)+8+b.delta), b.err
}

func (b hostileWrapBackend) UnwrapKey(_ backends.KeyWrapMode, _, wrapped []byte) ([]byte, error) {
	if b.err != nil {
		return nil, b.err
	}
	return make([]byte, len(wrapped)-8+b.delta), nil
}

// TestHostileKeyWrapBackend: a wrapped key or an unwrapped key of a length
// the mode never gives is an error wrapping ErrInvalidArgument, never
// handed over; a backend's error without a package prefix gets one.
func TestHostileKeyWrapBackend(t *testing.T) {
	kek := make([]byte, 16)
	for _, mode := range []backends.KeyWrapMode{backends.KW, backends.KWP} {
		for _, delta := range []int{-8, -1, 1} {
			t.Run(fmt.Sprintf("%v %+d", mode, delta), func(t *testing.T) {
				w := keywrap.WithBackend(mode, hostileWrapBackend{delta: delta})
				out, err := w.Wrap(kek, make([]byte, 16))
				assert.ErrorIs(t, err, backends.ErrInvalidArgument)
				assert.Nil(t, out)
				if mode == backends.KWP && delta == -1 {
					return // 15 bytes: a key KWP can wrap in 24
				}
				out, err = w.Unwrap(kek, make([]byte, 24))
				assert.ErrorIs(t, err, backends.ErrInvalidArgument)
				assert.Nil(t, out)
			})
		}
	}
	boom := errors.New("boom")
	w := keywrap.WithBackend(backends.KW, hostileWrapBackend{err: boom})
	_, err := w.Wrap(kek, make([]byte, 16))
	assert.ErrorIs(t, err, boom)
	assert.True(t, strings.HasPrefix(fmt.Sprint(err), "keywrap: "), "%v", err)
	_, err = w.Unwrap(kek, make([]byte, 24))
	assert.ErrorIs(t, err, boom)
	assert.True(t, strings.HasPrefix(fmt.Sprint(err), "keywrap: "), "%v", err)
}
