//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"math"
	"sync/atomic"

	"github.com/go-hazmat/hazmat/backends"
)

// AES key wrap with OpenSSL's own wrap ciphers (AES-{128,192,256}-WRAP,
// -WRAP-PAD, and the -INV variants), fetched through the cipher cache, one
// C call per wrap or unwrap. The length rules of RFC 3394 and RFC 5649 are
// checked here, before any C, and the output buffer is sized by them: KW
// writes exactly n+8 bytes wrapping and n-8 unwrapping; KWP writes the key
// rounded up to 8 bytes, plus 8, wrapping, and at most n-8 unwrapping.

var _ backends.KeyWrapBackend = (*Backend)(nil)

// maxWrapInput bounds what one call wraps: OpenSSL takes an int, and
// RFC 5649's length field is 32 bits.
const maxWrapInput = math.MaxInt32 - 16

func keyWrapCipherName(mode backends.KeyWrapMode, kekSize int) (string, error) {
	var i int
	switch kekSize {
	case 16, 24, 32:
		i = kekSize/8 - 2
	default:
		return "", fmt.Errorf("openssl: key-encryption key of %d bytes; AES takes 16, 24 or 32: %w", kekSize, backends.ErrInvalidKeySize)
	}
	names, ok := keyWrapNames[mode]
	if !ok {
		return "", fmt.Errorf("openssl: unknown key-wrap mode %v: %w", mode, backends.ErrInvalidArgument)
	}
	return names[i], nil
}

// keyWrapNames are the EVP names per mode, for 128-, 192- and 256-bit KEKs
// (a table, so that naming the cipher allocates nothing per call).
var keyWrapNames = map[backends.KeyWrapMode][3]string{
	backends.KW:         {"aes-128-wrap", "aes-192-wrap", "aes-256-wrap"},
	backends.KWP:        {"aes-128-wrap-pad", "aes-192-wrap-pad", "aes-256-wrap-pad"},
	backends.KWInverse:  {"aes-128-wrap-inv", "aes-192-wrap-inv", "aes-256-wrap-inv"},
	backends.KWPInverse: {"aes-128-wrap-pad-inv", "aes-192-wrap-pad-inv", "aes-256-wrap-pad-inv"},
}

// kwRecent holds the wrap ciphers found by keyWrapEntry, per FIPS mode,
// mode (KW to KWPInverse) and KEK size (16, 24, 32 bytes): a wrap then
// finds its cipher with one atomic load, not by a lookup of its name in
// the fetch cache (about 900 instructions, a third of what a 32-byte wrap
// costs above the C floor). Entries of the fetch cache live for the life
// of the process, so one kept here stays valid.
var kwRecent [2][5][3]atomic.Pointer[cipherEntry]

// keyWrapEntry returns the wrap cipher for mode and kekSize in the mode in
// force, or why there is none.
func keyWrapEntry(mode backends.KeyWrapMode, kekSize int) (*cipherEntry, error) {
	m := current()
	var slot *atomic.Pointer[cipherEntry]
	if mode >= backends.KW && int(mode) < len(kwRecent[0]) && (kekSize == 16 || kekSize == 24 || kekSize == 32) {
		slot = &kwRecent[boolIndex(m.fips)][mode][kekSize/8-2]
		if e := slot.Load(); e != nil && e.fm == m {
			return e, nil
		}
	}
	name, err := keyWrapCipherName(mode, kekSize)
	if err != nil {
		return nil, err
	}
	e := fetchCipher(m, name)
	if e.err != nil {
		reason := backends.ReasonUnsupportedCipher
		if m.fips && (e.legacyKnown || fetchCipher(modeDefault, name).err == nil) {
			reason = backends.ReasonFIPSRefused
		}
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: "AES-" + mode.String(), Reason: reason, Err: e.err}
	}
	want := shapeKW
	if mode.Padded() {
		want = shapeKWP
	}
	if e.shape != want {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: "AES-" + mode.String(), Reason: backends.ReasonUnboundedOutput,
			Err: fmt.Errorf("openssl: %s does not have the shape of %v", name, mode)}
	}
	if slot != nil {
		slot.Store(e)
	}
	return e, nil
}

// KeyWrapSupported reports whether mode with a key-encryption key of
// kekSize bytes works right now.
func (b *Backend) KeyWrapSupported(mode backends.KeyWrapMode, kekSize int) bool {
	_, err := keyWrapEntry(mode, kekSize)
	return err == nil
}

// wrapLen checks the length of a key to wrap and returns the wrapped
// length.
func wrapLen(mode backends.KeyWrapMode, n int) (int, error) {
	if mode.Padded() {
		if n < 1 || n > maxWrapInput {
			return 0, fmt.Errorf("openssl: %v wraps keys of 1 to %d bytes, not %d: %w", mode, maxWrapInput, n, backends.ErrInvalidDataLength)
		}
		return (n+7)/8*8 + 8, nil
	}
	if n < 16 || n%8 != 0 || n > maxWrapInput {
		return 0, fmt.Errorf("openssl: %v wraps keys of a multiple of 8 bytes, at least 16, not %d: %w", mode, n, backends.ErrInvalidDataLength)
	}
	return n + 8, nil
}

// WrapKey returns key wrapped under kek with mode (OpenSSL's default ICV:
// RFC 3394's A6A6A6A6A6A6A6A6, RFC 5649's A65959A6). In FIPS mode the FIPS
// provider's checks (such as its key-length rules) come back as errors.
func (b *Backend) WrapKey(mode backends.KeyWrapMode, kek, key []byte) ([]byte, error) {
	e, err := keyWrapEntry(mode, len(kek))
	if err != nil {
		return nil, err
	}
	n, err := wrapLen(mode, len(key))
	if err != nil {
		return nil, err
	}
	out := make([]byte, n)
	r := C.go_keywrap(e.cipher, base(kek), C.int(len(kek)), 1, base(key), C.int(len(key)), base(out), C.int(len(out)))
	if r.ok != 1 {
		err := error(newError("EVP_CipherUpdate("+e.name+")", r.errq))
		if e.fm.fips {
			err = withReasons("openssl: "+e.name+" refused by the FIPS provider", err)
		}
		return nil, err
	}
	if int(r.outl) != n {
		clear(out)
		return nil, fmt.Errorf("openssl: %s wrote %d bytes, not %d", e.name, int(r.outl), n)
	}
	return out, nil
}

// UnwrapKey returns the key wrapped in wrapped. A wrapped key of a length
// no wrap produces, or one that fails the integrity check, returns the
// bare [backends.ErrInvalidUnwrap] and no output.
func (b *Backend) UnwrapKey(mode backends.KeyWrapMode, kek, wrapped []byte) ([]byte, error) {
	e, err := keyWrapEntry(mode, len(kek))
	if err != nil {
		return nil, err
	}
	n := len(wrapped)
	if n%8 != 0 || n > maxWrapInput+16 || (mode.Padded() && n < 16) || (!mode.Padded() && n < 24) {
		return nil, backends.ErrInvalidUnwrap
	}
	out := make([]byte, n) // OpenSSL writes at most n-8
	r := C.go_keywrap(e.cipher, base(kek), C.int(len(kek)), 0, base(wrapped), C.int(n), base(out), C.int(len(out)))
	if r.ok != 1 {
		if r.outl == -1 {
			return nil, backends.ErrInvalidUnwrap
		}
		return nil, newError("EVP_CipherInit_ex2("+e.name+")", r.errq)
	}
	k := int(r.outl)
	if k < 1 || k > n-8 || (!mode.Padded() && k != n-8) {
		clear(out)
		return nil, backends.ErrInvalidUnwrap
	}
	res := append([]byte(nil), out[:k]...)
	clear(out)
	return res, nil
}
