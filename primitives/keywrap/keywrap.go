package keywrap

import (
	"errors"
	"fmt"
	"math"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// ErrInvalidUnwrap is returned, bare, by the unwrap functions when the
// wrapped key fails its integrity check or has a length no wrap produces.
// It is [backends.ErrInvalidUnwrap].
var ErrInvalidUnwrap = backends.ErrInvalidUnwrap

// maxKey is the longest key one call wraps: RFC 5649 counts the key's
// length in 32 bits, and OpenSSL takes lengths as an int.
const maxKey = math.MaxInt32 - 16

// Wrap returns key wrapped under kek with KW (RFC 3394). key must be a
// multiple of 8 bytes, at least 16 (else an error wrapping
// [backends.ErrInvalidDataLength]); kek 16, 24 or 32 bytes (else one
// wrapping [backends.ErrInvalidKeySize]).
func Wrap(kek, key []byte) ([]byte, error) { return WithMode(backends.KW).Wrap(kek, key) }

// Unwrap returns the key wrapped with KW in wrapped, or [ErrInvalidUnwrap].
func Unwrap(kek, wrapped []byte) ([]byte, error) {
	return WithMode(backends.KW).Unwrap(kek, wrapped)
}

// WrapPad returns key (1 byte or more) wrapped under kek with KWP
// (RFC 5649).
func WrapPad(kek, key []byte) ([]byte, error) { return WithMode(backends.KWP).Wrap(kek, key) }

// UnwrapPad returns the key wrapped with KWP in wrapped, or
// [ErrInvalidUnwrap].
func UnwrapPad(kek, wrapped []byte) ([]byte, error) {
	return WithMode(backends.KWP).Unwrap(kek, wrapped)
}

// Supported reports whether the default backend wraps with mode and a KEK
// of kekSize bytes right now.
func Supported(mode backends.KeyWrapMode, kekSize int) bool {
	return defaultBackend().KeyWrapSupported(mode, kekSize)
}

// Wrapper wraps and unwraps with one mode and backend. Its zero value is
// not usable: use [WithMode] or [WithBackend].
type Wrapper struct {
	mode backends.KeyWrapMode
	b    backends.KeyWrapBackend
}

// WithMode returns a Wrapper for mode (backends.KW, KWP, KWInverse or
// KWPInverse) with the default backend.
func WithMode(mode backends.KeyWrapMode) Wrapper { return Wrapper{mode, defaultBackend()} }

// WithBackend returns a Wrapper for mode with backend b. Output of a
// length the mode never gives (a wrap of n bytes is n rounded up to 8,
// plus 8) is an error wrapping [backends.ErrInvalidArgument], nothing
// released; b's errors without a package prefix get "keywrap: ".
func WithBackend(mode backends.KeyWrapMode, b backends.KeyWrapBackend) Wrapper {
	return Wrapper{mode, b}
}

func (w Wrapper) check(kek []byte) error {
	if guard.IsNil(w.b) {
		return fmt.Errorf("keywrap: Wrapper without a backend: use keywrap.WithMode: %w", backends.ErrInvalidArgument)
	}
	switch w.mode {
	case backends.KW, backends.KWP, backends.KWInverse, backends.KWPInverse:
	default:
		return fmt.Errorf("keywrap: unknown mode %v: %w", w.mode, backends.ErrInvalidArgument)
	}
	switch len(kek) {
	case 16, 24, 32:
		return nil
	}
	return fmt.Errorf("keywrap: key-encryption key of %d bytes; AES takes 16, 24 or 32: %w", len(kek), backends.ErrInvalidKeySize)
}

// Wrap returns key wrapped under kek.
func (w Wrapper) Wrap(kek, key []byte) ([]byte, error) {
	if err := w.check(kek); err != nil {
		return nil, err
	}
	n := len(key)
	if w.mode.Padded() {
		if n < 1 || n > maxKey {
			return nil, fmt.Errorf("keywrap: %v wraps keys of 1 to %d bytes, not %d: %w", w.mode, maxKey, n, backends.ErrInvalidDataLength)
		}
	} else if n < 16 || n%8 != 0 || n > maxKey {
		return nil, fmt.Errorf("keywrap: %v wraps keys of a multiple of 8 bytes, at least 16, not %d (KWP takes any length): %w", w.mode, n, backends.ErrInvalidDataLength)
	}
	out, err := w.b.WrapKey(w.mode, kek, key)
	if err != nil {
		return nil, guard.Wrap("keywrap", err)
	}
	if want := (n+7)/8*8 + 8; len(out) != want {
		return nil, fmt.Errorf("keywrap: backend wrapped %d bytes into %d, want %d: %w", n, len(out), want, backends.ErrInvalidArgument)
	}
	return out, nil
}

// Unwrap returns the key wrapped in wrapped, or the bare
// [ErrInvalidUnwrap] and no output when wrapped fails its integrity check
// or has a length no wrap of this mode produces (KW: a multiple of 8, at
// least 24; KWP: a multiple of 8, at least 16).
func (w Wrapper) Unwrap(kek, wrapped []byte) ([]byte, error) {
	if err := w.check(kek); err != nil {
		return nil, err
	}
	n := len(wrapped)
	minLen := 24
	if w.mode.Padded() {
		minLen = 16
	}
	if n < minLen || n%8 != 0 || n > maxKey+16 {
		return nil, ErrInvalidUnwrap
	}
	out, err := w.b.UnwrapKey(w.mode, kek, wrapped)
	if err != nil {
		if errors.Is(err, ErrInvalidUnwrap) {
			return nil, ErrInvalidUnwrap
		}
		return nil, guard.Wrap("keywrap", err)
	}
	// KW takes 8 bytes off; KWP 8 and its padding of 0 to 7.
	if m := len(out); m > n-8 || m < n-8 && (!w.mode.Padded() || m <= n-16) {
		clear(out)
		return nil, fmt.Errorf("keywrap: backend unwrapped %d bytes into %d, which %v never gives: %w", n, m, w.mode, backends.ErrInvalidArgument)
	}
	return out, nil
}
