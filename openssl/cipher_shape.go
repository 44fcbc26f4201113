//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"strings"
	"unsafe"

	"github.com/go-hazmat/hazmat/backends"
)

// outShape says how many bytes one EVP_CipherUpdate of a cipher may write,
// so that no C call writes past a Go buffer. Every cipher a context runs has
// one; a cipher whose output hazmat cannot bound has none and is refused.
type outShape uint8

const (
	// shapeStream: exactly the input length (stream ciphers, CFB, OFB,
	// CTR, GCM, ChaCha20-Poly1305).
	shapeStream outShape = iota + 1
	// shapeBlocks: the whole blocks of the bytes held back plus the input
	// (ECB, CBC without padding, OCB); the rest stays buffered in OpenSSL.
	shapeBlocks
	// shapeOneShot: the input length, in a single Update of at least one
	// block (XTS, CBC with ciphertext stealing).
	shapeOneShot
	// shapeKW: AES key wrap (RFC 3394, NIST SP 800-38F KW), a single
	// Update: input+8 bytes encrypting, input-8 decrypting.
	shapeKW
	// shapeKWP: AES key wrap with padding (RFC 5649, KWP), a single
	// Update: the input rounded up to 8 bytes, +8, encrypting; at most
	// input-8 decrypting.
	shapeKWP
	// shapeDES3Wrap: the CMS Triple-DES key wrap (RFC 3217), a single
	// Update: input+16 bytes encrypting, input-16 decrypting.
	shapeDES3Wrap
)

// cipherShape is what go_cipher_shape_of reads of an EVP_CIPHER.
type cipherShape struct {
	mode      int
	flags     uint64
	blockSize int
	ivLen     int
	macKey    bool // takes a MAC key: a cipher-and-MAC TLS composite (aes-128-cbc-hmac-sha1)
	aeadTag   bool // takes a tag: an AEAD (rc4-hmac-md5, flagged AEAD, takes none)
	des3Wrap  bool
}

// EVP modes and flags, as Go constants for classify.
const (
	evpStream = C.EVP_CIPH_STREAM_CIPHER
	evpECB    = C.EVP_CIPH_ECB_MODE
	evpCBC    = C.EVP_CIPH_CBC_MODE
	evpCFB    = C.EVP_CIPH_CFB_MODE
	evpOFB    = C.EVP_CIPH_OFB_MODE
	evpCTR    = C.EVP_CIPH_CTR_MODE
	evpGCM    = C.EVP_CIPH_GCM_MODE
	evpCCM    = C.EVP_CIPH_CCM_MODE
	evpXTS    = C.EVP_CIPH_XTS_MODE
	evpWrap   = C.EVP_CIPH_WRAP_MODE
	evpOCB    = C.EVP_CIPH_OCB_MODE
	evpSIV    = C.EVP_CIPH_SIV_MODE

	evpFlagCTS        = C.EVP_CIPH_FLAG_CTS
	evpFlagAEAD       = C.EVP_CIPH_FLAG_AEAD_CIPHER
	evpFlagLengthBits = C.EVP_CIPH_FLAG_LENGTH_BITS
	evpFlagPipeline   = C.EVP_CIPH_FLAG_PIPELINE
	evpFlagMultiBlock = C.EVP_CIPH_FLAG_TLS1_1_MULTIBLOCK
	evpFlagWithMAC    = C.EVP_CIPH_FLAG_CIPHER_WITH_MAC
	// EVP_CIPH_FLAG_ENC_THEN_MAC, of OpenSSL 3.5's encrypt-then-MAC TLS
	// composites; older headers do not define it.
	evpFlagEncThenMAC = 0x10000000

	evpMaxBlock = C.EVP_MAX_BLOCK_LENGTH
)

// classify decides the output shape of a cipher from its properties, or
// says why hazmat refuses to run it in a cipher context. Anything it does
// not recognise is refused: a new mode or flag must be looked at (and its
// bound written here) before a context may run it.
func classify(s cipherShape) (outShape, backends.Reason, string) {
	shape, why := classifyShape(s)
	switch {
	case shape != 0:
		return shape, 0, ""
	case s.mode == evpCCM || s.mode == evpSIV:
		return 0, backends.ReasonNotStreamable, why
	}
	return 0, backends.ReasonUnboundedOutput, why
}

func classifyShape(s cipherShape) (outShape, string) {
	aead := s.flags&evpFlagAEAD != 0
	switch {
	case s.macKey || (aead && !s.aeadTag) ||
		s.flags&(evpFlagPipeline|evpFlagMultiBlock|evpFlagWithMAC|evpFlagEncThenMAC) != 0:
		return 0, "a TLS record composite (cipher and MAC), whose output is not bounded by its input"
	case s.flags&evpFlagLengthBits != 0:
		return 0, "counts its input in bits"
	case s.blockSize < 1 || s.blockSize > evpMaxBlock:
		return 0, fmt.Sprintf("block size %d out of range", s.blockSize)
	}
	switch s.mode {
	case evpStream, evpCFB, evpOFB, evpCTR, evpGCM:
		if s.blockSize != 1 {
			return 0, fmt.Sprintf("a stream mode with a block size of %d", s.blockSize)
		}
		if aead && s.mode != evpStream && s.mode != evpGCM {
			return 0, "an authenticated cipher in a mode that is not"
		}
		return shapeStream, ""
	case evpECB, evpCBC:
		switch {
		case aead:
			return 0, "an authenticated cipher in a mode that is not"
		case s.blockSize == 1:
			return 0, "a block mode with a block size of 1"
		case s.flags&evpFlagCTS != 0:
			if s.mode != evpCBC {
				return 0, "ciphertext stealing outside CBC"
			}
			return shapeOneShot, ""
		}
		return shapeBlocks, ""
	case evpOCB:
		if s.blockSize == 1 {
			return 0, "OCB with a block size of 1"
		}
		return shapeBlocks, ""
	case evpXTS:
		return shapeOneShot, ""
	case evpWrap:
		switch {
		case s.des3Wrap:
			return shapeDES3Wrap, ""
		case s.blockSize == 8 && s.ivLen == 8:
			return shapeKW, ""
		case s.blockSize == 8 && s.ivLen == 4:
			return shapeKWP, ""
		}
		return 0, fmt.Sprintf("a key wrap with a %d-byte IV, whose overhead is unknown", s.ivLen)
	case evpCCM:
		return 0, "CCM needs the message length before the data and, to decrypt, the tag: use the one-shot AEAD"
	case evpSIV:
		return 0, "SIV needs the whole message at once and, to decrypt, the tag before the data"
	}
	return 0, fmt.Sprintf("mode %#x, whose output size hazmat does not know", s.mode)
}

// setShape fills the entry's shape from the fetched cipher, or the reason
// hazmat refuses to run it.
func (e *cipherEntry) setShape() {
	cs := C.go_cipher_shape_of(e.cipher)
	e.shape, e.refusedReason, e.refused = classify(cipherShape{
		mode:      int(cs.mode),
		flags:     uint64(cs.flags),
		blockSize: int(cs.block_size),
		ivLen:     int(cs.iv_len),
		macKey:    cs.mac_key == 1,
		aeadTag:   cs.aead_tag == 1,
		des3Wrap:  cs.des3_wrap == 1,
	})
}

// providedCipherNames returns every name (aliases included) of every cipher
// the loaded providers offer under the current default properties. The
// bounds tests walk it.
func providedCipherNames() []string {
	buf := make([]byte, 1<<16)
	for {
		fetchMu.RLock()
		n := int(C.go_cipher_names((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))))
		fetchMu.RUnlock()
		if n <= len(buf) {
			return strings.Split(strings.TrimSuffix(string(buf[:n]), "\x00"), "\x00")
		}
		buf = make([]byte, n)
	}
}

// referenceCipher runs the EVP cipher name over in, in one call with ample
// room, as the bounds tests' reference.
func referenceCipher(name string, key, iv, in []byte, encrypt bool) ([]byte, error) {
	e := fetchCipher(current(), name)
	if e.err != nil {
		return nil, e.err
	}
	out := make([]byte, len(in)+64)
	r := C.go_cipher_reference(e.cipher, base(key), C.int(len(key)), base(iv), C.int(len(iv)), boolInt(encrypt),
		base(in), C.int(len(in)), base(out))
	if err := check("EVP_CipherUpdate", r); err != nil {
		return nil, err
	}
	return out[:r.outl], nil
}
