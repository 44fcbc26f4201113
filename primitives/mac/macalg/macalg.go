// Package macalg holds the descriptors of the MACs beyond HMAC: CMAC
// (NIST SP 800-38B) over AES or TripleDES, GMAC (NIST SP 800-38D, GCM with
// no plaintext), KMAC128 and KMAC256 (NIST SP 800-185) and Poly1305
// (RFC 8439). Each descriptor validates its own parameters and the key
// before any backend code runs. It imports only package backends, so that
// backends can use the descriptors without importing the primitives.
//
// Descriptors are plain values, safe for concurrent use; the slices they
// hold are copied by their constructors.
package macalg

import (
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
)

// CMACCipher is the block cipher of a [CMAC].
type CMACCipher int

// Ciphers of CMAC.
const (
	// AES, with a key of 16, 24 or 32 bytes.
	AES CMACCipher = iota + 1
	// TripleDES (TDEA), with a key of 24 bytes (three keys) or, outside
	// FIPS mode, 16 bytes (two keys). NIST withdrew TDEA for new MACs;
	// FIPS providers may refuse it.
	TripleDES
)

// CMAC is CMAC (NIST SP 800-38B, RFC 4493 for AES) over a block cipher.
// Its MAC is one cipher block: 16 bytes for AES, 8 for TripleDES.
type CMAC struct {
	Cipher CMACCipher
}

var (
	_ backends.MACAlgorithm = CMAC{}
	_ backends.MACAlgorithm = GMAC{}
	_ backends.MACAlgorithm = KMAC{}
	_ backends.MACAlgorithm = Poly1305{}
)

// Name returns "CMAC-AES" or "CMAC-TDES".
func (c CMAC) Name() string {
	switch c.Cipher {
	case AES:
		return "CMAC-AES"
	case TripleDES:
		return "CMAC-TDES"
	}
	return "CMAC"
}

// Size returns the cipher's block size.
func (c CMAC) Size() int {
	if c.Cipher == TripleDES {
		return 8
	}
	return 16
}

// KeySizes returns 16, 24, 32 for AES and 24 for TripleDES (Params also
// takes 16 bytes, two-key TripleDES, which FIPS providers refuse).
func (c CMAC) KeySizes() []int {
	if c.Cipher == TripleDES {
		return []int{24}
	}
	return []int{16, 24, 32}
}

// Params checks the key and names the cipher.
func (c CMAC) Params(key []byte) (backends.MACParams, error) {
	p := backends.MACParams{MAC: "CMAC"}
	switch c.Cipher {
	case AES:
		switch len(key) {
		case 16:
			p.Cipher = "aes-128-cbc"
			return p, nil
		case 24:
			p.Cipher = "aes-192-cbc"
			return p, nil
		case 32:
			p.Cipher = "aes-256-cbc"
			return p, nil
		}
		return p, fmt.Errorf("macalg: CMAC-AES key of %d bytes; AES takes 16, 24 or 32: %w", len(key), backends.ErrInvalidKeySize)
	case TripleDES:
		switch len(key) {
		case 24:
			p.Cipher = "des-ede3-cbc"
			return p, nil
		case 16:
			p.Cipher = "des-ede-cbc"
			return p, nil
		}
		return p, fmt.Errorf("macalg: CMAC-TDES key of %d bytes; TripleDES takes 24 (or 16, two keys): %w", len(key), backends.ErrInvalidKeySize)
	}
	return p, fmt.Errorf("macalg: CMAC with an unknown cipher (%d): use macalg.AES or macalg.TripleDES: %w", int(c.Cipher), backends.ErrInvalidArgument)
}

// GMAC is GMAC (NIST SP 800-38D): GCM with AES over no plaintext, the
// message as additional data. Its MAC is 16 bytes. A (key, IV) pair must
// authenticate one message only: GMAC with a repeated IV gives away the
// authentication key. Build it with [NewGMAC].
type GMAC struct {
	iv []byte
}

// NewGMAC returns GMAC with iv (copied). NIST recommends 12 bytes; OpenSSL
// accepts 1 to 128 here (SP 800-38D allows 1 to 2^64-1 bits); FIPS
// providers may require 12 bytes or more.
func NewGMAC(iv []byte) (GMAC, error) {
	if len(iv) < 1 || len(iv) > 128 {
		return GMAC{}, fmt.Errorf("macalg: GMAC IV of %d bytes; it takes 1 to 128 (12 recommended): %w", len(iv), backends.ErrInvalidIVSize)
	}
	return GMAC{iv: append([]byte(nil), iv...)}, nil
}

// Name returns "GMAC".
func (GMAC) Name() string { return "GMAC" }

// Size returns 16.
func (GMAC) Size() int { return 16 }

// KeySizes returns 16, 24, 32.
func (GMAC) KeySizes() []int { return []int{16, 24, 32} }

// IV returns a copy of the IV.
func (g GMAC) IV() []byte { return append([]byte(nil), g.iv...) }

// Params checks the key and the IV (a zero GMAC has none).
func (g GMAC) Params(key []byte) (backends.MACParams, error) {
	if len(g.iv) == 0 {
		return backends.MACParams{}, fmt.Errorf("macalg: GMAC has no IV, as a zero value has none; build it with macalg.NewGMAC: %w", backends.ErrInvalidIVSize)
	}
	switch len(key) {
	case 16, 24, 32:
	default:
		return backends.MACParams{}, fmt.Errorf("macalg: GMAC key of %d bytes; AES takes 16, 24 or 32: %w", len(key), backends.ErrInvalidKeySize)
	}
	return backends.MACParams{MAC: "GMAC", Cipher: fmt.Sprintf("aes-%d-gcm", len(key)*8), IV: g.iv, OneTime: true}, nil
}

// KMAC is KMAC128 or KMAC256 (NIST SP 800-185, section 4) with a
// customization string and an output length of the caller's choice. Build
// it with [NewKMAC128] or [NewKMAC256].
type KMAC struct {
	bits   int // 128 or 256
	custom []byte
	size   int
}

// KMAC limits: OpenSSL takes keys of 4 to 512 bytes and customization
// strings of up to 512 bytes; outputs are bounded here at 1 MiB.
const (
	kmacMinKey    = 4
	kmacMaxKey    = 512
	kmacMaxCustom = 512
	kmacMaxSize   = 1 << 20
)

// NewKMAC128 returns KMAC128 with customization string custom (copied; may
// be empty) and an output of size bytes (1 to 1 MiB; 32 is the usual).
func NewKMAC128(custom []byte, size int) (KMAC, error) { return newKMAC(128, custom, size) }

// NewKMAC256 returns KMAC256 with customization string custom (copied; may
// be empty) and an output of size bytes (1 to 1 MiB; 64 is the usual).
func NewKMAC256(custom []byte, size int) (KMAC, error) { return newKMAC(256, custom, size) }

func newKMAC(bits int, custom []byte, size int) (KMAC, error) {
	if len(custom) > kmacMaxCustom {
		return KMAC{}, fmt.Errorf("macalg: KMAC%d customization string of %d bytes; at most %d: %w", bits, len(custom), kmacMaxCustom, backends.ErrInvalidArgument)
	}
	if size < 1 || size > kmacMaxSize {
		return KMAC{}, fmt.Errorf("macalg: KMAC%d output of %d bytes; it takes 1 to %d: %w", bits, size, kmacMaxSize, backends.ErrInvalidDigestSize)
	}
	return KMAC{bits: bits, custom: append([]byte(nil), custom...), size: size}, nil
}

// Name returns "KMAC128" or "KMAC256".
func (k KMAC) Name() string {
	if k.bits == 0 {
		return "KMAC"
	}
	return fmt.Sprintf("KMAC%d", k.bits)
}

// Size returns the output length chosen.
func (k KMAC) Size() int { return k.size }

// KeySizes returns 16 and 32 (KMAC takes keys of 4 to 512 bytes).
func (k KMAC) KeySizes() []int { return []int{16, 32} }

// Customization returns a copy of the customization string.
func (k KMAC) Customization() []byte { return append([]byte(nil), k.custom...) }

// Params checks the key (4 to 512 bytes, OpenSSL's limits).
func (k KMAC) Params(key []byte) (backends.MACParams, error) {
	if k.bits == 0 {
		return backends.MACParams{}, fmt.Errorf("macalg: zero KMAC; build it with macalg.NewKMAC128 or NewKMAC256: %w", backends.ErrInvalidArgument)
	}
	if len(key) < kmacMinKey || len(key) > kmacMaxKey {
		return backends.MACParams{}, fmt.Errorf("macalg: KMAC%d key of %d bytes; it takes %d to %d: %w", k.bits, len(key), kmacMinKey, kmacMaxKey, backends.ErrInvalidKeySize)
	}
	return backends.MACParams{MAC: fmt.Sprintf("KMAC-%d", k.bits), Custom: k.custom, Size: k.size}, nil
}

// Poly1305 is the one-time authenticator of RFC 8439, section 2.5: a
// 32-byte key (r ‖ s) authenticates a single message, with a 16-byte tag.
// FIPS 140 does not approve it, and FIPS mode refuses it.
type Poly1305 struct{}

// Name returns "Poly1305".
func (Poly1305) Name() string { return "Poly1305" }

// Size returns 16.
func (Poly1305) Size() int { return 16 }

// KeySizes returns 32.
func (Poly1305) KeySizes() []int { return []int{32} }

// Params checks that the key is 32 bytes.
func (Poly1305) Params(key []byte) (backends.MACParams, error) {
	if len(key) != 32 {
		return backends.MACParams{}, fmt.Errorf("macalg: Poly1305 key of %d bytes; it takes 32: %w", len(key), backends.ErrInvalidKeySize)
	}
	return backends.MACParams{MAC: "POLY1305", OneTime: true}, nil
}
