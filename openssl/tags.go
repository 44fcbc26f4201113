//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

// tagRule is what an authenticated cipher accepts as a tag length, in
// bytes: min to max, only even lengths when even is set. dflt is the
// shortest tag a decryption accepts when the caller has not opted in to a
// shorter one (through [backends.ModeWithAuthenticationTag.MinTagLength],
// or the tagLen of [Backend.NewAEAD]).
type tagRule struct {
	min, max, dflt int
	even           bool
}

// Tag rules per algorithm. They are the one statement of them in this
// package: NewAEAD and streamAEADCtx both check against them.
var (
	// GCM, NIST SP 800-38D §5.2.1.2: tags of 128 bits, or 120, 112, 104,
	// 96, and for some applications 64 or 32 bits. Shorter than 16 bytes
	// only where the caller asks for it, as [modes.NewGCMWithMinTagLength]
	// does; its bounds are 4 to 16 bytes.
	gcmTagRule = tagRule{min: 4, max: 16, dflt: 16}
	// ChaCha20-Poly1305, RFC 8439 §2.8: the Poly1305 tag, 16 bytes, whole.
	chachaPolyTagRule = tagRule{min: 16, max: 16, dflt: 16}
	// CCM, NIST SP 800-38C §6.1 (RFC 3610 §2): 4, 6, 8, 10, 12, 14 or 16
	// bytes, fixed before the key is set, so the one-shot AEAD serves it
	// (streaming contexts refuse CCM by its shape, see cipher_shape.go).
	ccmTagRule = tagRule{min: 4, max: 16, dflt: 16, even: true}
	// Any other authenticated cipher (OCB, SIV, ...): the full 16 bytes.
	fullTagRule = tagRule{min: 16, max: 16, dflt: 16}
)

// tagRuleOf returns the tag rule of an authenticated cipher.
func tagRuleOf(e *cipherEntry) tagRule {
	switch {
	case e.mode == C.EVP_CIPH_GCM_MODE:
		return gcmTagRule
	case e.mode == C.EVP_CIPH_CCM_MODE:
		return ccmTagRule
	case e.name == "chacha20-poly1305":
		return chachaPolyTagRule
	}
	return fullTagRule
}

// check returns an error wrapping [backends.ErrInvalidTagSize] unless a tag
// of n bytes is allowed and at least minLen bytes long.
func (r tagRule) check(name string, n, minLen int) error {
	minLen = max(minLen, r.min)
	if n >= minLen && n <= r.max && (!r.even || n%2 == 0) {
		return nil
	}
	want := fmt.Sprintf("%d to %d bytes", minLen, r.max)
	switch {
	case minLen == r.max:
		want = fmt.Sprintf("%d bytes", r.max)
	case r.even:
		want = fmt.Sprintf("an even length of %d to %d bytes", minLen, r.max)
	}
	return fmt.Errorf("openssl: %s tag of %d bytes, want %s: %w", name, n, want, backends.ErrInvalidTagSize)
}
