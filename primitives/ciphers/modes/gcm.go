package modes

import (
	"bytes"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

var (
	_ backends.ModeWithIV                = (*GCM)(nil)
	_ backends.ModeWithAuthenticationTag = (*GCM)(nil)
)

// GCM limits, in bytes.
const (
	gcmMinIVSize        = 1   // 8 bits, the shortest IV of NIST's GCM test vectors
	gcmMaxIVSize        = 128 // 1024 bits, the longest
	gcmStandardIVSize   = 12  // 96 bits, the length SP 800-38D recommends
	gcmMinTagSize       = 4   // 32 bits, the shortest tag SP 800-38D allows
	gcmTagSize          = 16  // 128 bits, the full tag
	gcmDefaultMinTagLen = gcmTagSize
)

// GCM is the Galois/Counter Mode of [NIST SP 800-38D], an authenticated
// mode: it encrypts like [CTR] and computes a tag over the ciphertext and any
// additional data, which decryption checks. It needs a cipher with a 128-bit
// block, such as AES, and takes data of any length and no padding.
//
// The IV must never repeat under one key. A repeated IV reveals the XOR of
// the two plaintexts and lets an attacker recover the authentication key and
// forge messages. Use 12-byte (96-bit) IVs, which SP 800-38D recommends:
// either a counter that the application guarantees never repeats, or random
// IVs for at most 2³² messages per key. Other lengths are hashed into the
// initial counter block and weaken the collision bound.
//
// A tag shorter than 16 bytes makes forgery easier; SP 800-38D, Appendix C,
// limits how much data a key may protect with 4- and 8-byte tags. One
// message may hold at most 2³⁹−256 bits (about 64 GiB) of plaintext.
//
// [NIST SP 800-38D]: https://doi.org/10.6028/NIST.SP.800-38D
type GCM struct {
	iv           []byte
	tag          []byte
	minTagLength int
}

// NewGCM returns a GCM descriptor with initialization vector iv and
// authentication tag tag, accepting tags of 16 bytes only (as
// [NewGCMWithMinTagLength] with a minTagLength of 16).
//
// iv must be 1 to 128 bytes long; use 12. tag must be nil when encrypting,
// and when decrypting with FinalizeWithTag (the tag is known only at the
// end); otherwise it is the tag to check. The errors are those of
// [NewGCMWithMinTagLength].
//
// The IV and tag are copied.
func NewGCM(iv, tag []byte) (*GCM, error) {
	return NewGCMWithMinTagLength(iv, tag, gcmDefaultMinTagLen)
}

// NewGCMWithMinTagLength returns a GCM descriptor with initialization
// vector iv and authentication tag tag, whose decryption accepts tags of
// minTagLength to 16 bytes.
//
// iv must be 1 to 128 bytes (8 to 1024 bits) long, else the error wraps
// [backends.ErrInvalidIVSize]; use 12 bytes. minTagLength must be 4 to 16,
// else the error wraps [backends.ErrInvalidTagSize]. tag must be nil when
// encrypting, and when decrypting with FinalizeWithTag; otherwise it is the
// tag to check, minTagLength to 16 bytes long, else the error wraps
// [backends.ErrInvalidTagSize]. A non-nil empty tag is an error, not a
// missing one.
//
// Lower minTagLength only for protocols that truncate their tags: an
// attacker may then forge a message with a short tag by guessing it.
//
// The IV and tag are copied.
func NewGCMWithMinTagLength(iv, tag []byte, minTagLength int) (*GCM, error) {
	m := &GCM{iv: bytes.Clone(iv), tag: bytes.Clone(tag), minTagLength: minTagLength}
	if err := m.check(); err != nil {
		return nil, err
	}
	return m, nil
}

// check checks the parameters that need no algorithm.
func (m *GCM) check() error {
	if err := CheckGCMIVSize(len(m.iv)); err != nil {
		return err
	}
	if m.minTagLength < gcmMinTagSize || m.minTagLength > gcmTagSize {
		return fmt.Errorf("modes: GCM minimum tag length of %d bytes, want %d to %d bytes: %w",
			m.minTagLength, gcmMinTagSize, gcmTagSize, backends.ErrInvalidTagSize)
	}
	if m.tag != nil {
		if n := len(m.tag); n < m.minTagLength || n > gcmTagSize {
			return fmt.Errorf("modes: GCM tag of %d bytes, want %d to %d bytes (or nil when encrypting or decrypting with FinalizeWithTag): %w",
				n, m.minTagLength, gcmTagSize, backends.ErrInvalidTagSize)
		}
	}
	return nil
}

// Name returns "GCM".
func (*GCM) Name() string { return "GCM" }

// IV returns the initialization vector. The slice is the descriptor's own:
// it must not be modified.
func (m *GCM) IV() []byte {
	if m == nil {
		return nil
	}
	return m.iv
}

// Tag returns the tag to check when decrypting, or nil when the descriptor
// was built without one. The slice is the descriptor's own: it must not be
// modified.
func (m *GCM) Tag() []byte {
	if m == nil {
		return nil
	}
	return m.tag
}

// MinTagLength returns the length in bytes of the shortest tag that
// decryption accepts: 16 unless set with [NewGCMWithMinTagLength].
func (m *GCM) MinTagLength() int {
	if m == nil {
		return 0
	}
	return m.minTagLength
}

// ValidateForAlgorithm checks that alg is a block cipher with a 128-bit
// block (else an [*backends.UnsupportedAlgorithmError]) and not AES with a
// 512-bit key, which only XTS takes (else [backends.ErrInvalidKeySize]). It
// also checks the descriptor's own parameters again, so that a zero GCM
// value is refused.
func (m *GCM) ValidateForAlgorithm(alg backends.CipherAlgorithm) error {
	if m == nil {
		return errNilMode("GCM")
	}
	b, err := blockCipher("GCM", alg)
	if err != nil {
		return err
	}
	if b.BlockSize() != 128 {
		return unsupported("GCM", alg)
	}
	if err := checkNotXTSKey("GCM", alg); err != nil {
		return err
	}
	return m.check()
}

// CheckGCMIVSize is the one GCM IV (nonce) rule of this module, applied by
// [NewGCM] and by every GCM path of package aead: an IV of 1 to 128 bytes
// (8 to 1024 bits, the range of NIST's GCM test vectors; [NIST SP
// 800-38D] allows any positive length and recommends 12 bytes, which is
// also the only length computed without GHASH). Any other length returns
// an error wrapping [backends.ErrInvalidIVSize].
//
// [NIST SP 800-38D]: https://doi.org/10.6028/NIST.SP.800-38D
func CheckGCMIVSize(n int) error {
	if n < gcmMinIVSize || n > gcmMaxIVSize {
		return fmt.Errorf("modes: GCM IV of %d bytes, want %d to %d bytes (%d recommended): %w",
			n, gcmMinIVSize, gcmMaxIVSize, gcmStandardIVSize, backends.ErrInvalidIVSize)
	}
	return nil
}
