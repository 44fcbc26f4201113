package backends

import (
	"errors"
	"strconv"
)

// ErrInvalidUnwrap is returned when a wrapped key fails its integrity check
// on unwrapping (NIST SP 800-38F, RFC 3394, RFC 5649), or has a length no
// wrap produces. It never carries more detail, and no key material is
// released.
var ErrInvalidUnwrap = errors.New("key unwrap failed")

// KeyWrapMode is a key-wrap algorithm of NIST SP 800-38F with AES.
type KeyWrapMode int

// Key-wrap modes.
const (
	// KW is AES key wrap (RFC 3394, SP 800-38F KW): the key is a multiple
	// of 8 bytes, at least 16; the wrapped key is 8 bytes longer.
	KW KeyWrapMode = iota + 1
	// KWP is AES key wrap with padding (RFC 5649, SP 800-38F KWP): a key
	// of 1 byte or more; the wrapped key is the key rounded up to 8 bytes,
	// plus 8.
	KWP
	// KWInverse is KW with the AES inverse cipher as its wrapping
	// function (SP 800-38F, section 5.1); rarely needed.
	KWInverse
	// KWPInverse is KWP with the AES inverse cipher.
	KWPInverse
)

// String returns the mode's name: "KW", "KWP", "KW-INV", "KWP-INV".
func (m KeyWrapMode) String() string {
	switch m {
	case KW:
		return "KW"
	case KWP:
		return "KWP"
	case KWInverse:
		return "KW-INV"
	case KWPInverse:
		return "KWP-INV"
	}
	return "KeyWrapMode(" + strconv.Itoa(int(m)) + ")"
}

// Padded reports whether m is KWP or KWPInverse.
func (m KeyWrapMode) Padded() bool { return m == KWP || m == KWPInverse }

// KeyWrapBackend wraps and unwraps keys with AES (key-encryption keys of
// 16, 24 or 32 bytes).
type KeyWrapBackend interface {
	// KeyWrapSupported reports whether the backend can wrap with mode and
	// a key-encryption key of kekSize bytes right now.
	KeyWrapSupported(mode KeyWrapMode, kekSize int) bool
	// WrapKey returns key wrapped under kek. Lengths the mode does not
	// accept give an error wrapping [ErrInvalidDataLength]; a kek of
	// another length, one wrapping [ErrInvalidKeySize].
	WrapKey(mode KeyWrapMode, kek, key []byte) ([]byte, error)
	// UnwrapKey returns the key wrapped in wrapped, or [ErrInvalidUnwrap]
	// (bare) and no output when the integrity check fails.
	UnwrapKey(mode KeyWrapMode, kek, wrapped []byte) ([]byte, error)
}
