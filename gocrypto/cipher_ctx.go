package gocrypto

import (
	"bytes"
	"crypto/cipher"
	"crypto/rc4"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20"
	"golang.org/x/crypto/xts"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

// xtsTweakSize is the length of an XTS tweak, as OpenSSL takes it.
const xtsTweakSize = 16

// xtsMaxDataUnit is the longest XTS data unit, in bytes: 2^20 blocks
// (IEEE 1619-2018 5.1, NIST SP 800-38E), which OpenSSL enforces too.
const xtsMaxDataUnit = 1 << 20 * 16

// errXTSTweak is the reason an XTS tweak is refused: golang.org/x/crypto/xts
// takes a sector number, which it writes as the first 8 bytes of the tweak
// in little-endian order, the other 8 bytes zero (IEEE 1619's data unit
// number); it has no way to take another 16-byte tweak.
var errXTSTweak = fmt.Errorf("gocrypto: Go's XTS takes a tweak that is a 64-bit little-endian sector number (its last 8 bytes zero): %w", errNotInGo)

// sectorTweak reports whether t is a little-endian 64-bit sector number.
func sectorTweak(t []byte) bool {
	return binary.LittleEndian.Uint64(t[8:]) == 0
}

// chachaCounterLimit is the number of 64-byte blocks golang.org/x/crypto's
// ChaCha20 can produce from a starting counter of 0: its counter is 32 bits
// and it stops (panics) rather than wrap. OpenSSL carries into the nonce
// instead; this backend refuses the data that would need it.
const chachaCounterLimit = 1 << 32

func (b *Backend) createCipherCtx(alg backends.CipherAlgorithm, mode backends.Mode, encrypt bool) (backends.CipherContext, error) {
	g, err := b.resolve(alg, mode)
	if err != nil {
		return nil, err
	}
	if err := g.runs(alg, mode); err != nil {
		return nil, err
	}
	key, iv := alg.Key(), ivOf(alg, mode)
	if g.keyLen != 0 && len(key) != g.keyLen {
		return nil, fmt.Errorf("gocrypto: %s takes a %d-byte key, got %d: %w", g.name, g.keyLen, len(key), backends.ErrInvalidKeySize)
	}
	c := &cipherCtx{name: g.name, encrypt: encrypt}
	switch g.kind {
	case kindRC4:
		s, err := rc4.NewCipher(key)
		if err != nil {
			return nil, fmt.Errorf("gocrypto: rc4 refused a %d-byte key: %w", len(key), backends.ErrInvalidKeySize)
		}
		c.stream = s
		return c, nil
	case kindChaCha20:
		if len(iv) != 16 {
			return nil, fmt.Errorf("gocrypto: chacha20 takes a 16-byte nonce (4-byte counter, 12-byte nonce), got %d: %w", len(iv), backends.ErrInvalidIVSize)
		}
		s, err := chacha20.NewUnauthenticatedCipher(key, iv[4:])
		if err != nil {
			return nil, fmt.Errorf("gocrypto: chacha20: %v: %w", err, backends.ErrInvalidKeySize)
		}
		counter := binary.LittleEndian.Uint32(iv[:4])
		s.SetCounter(counter)
		c.stream = s
		c.limit = (chachaCounterLimit - uint64(counter)) * 64
		c.limited = true
		return c, nil
	case kindChaChaPoly:
		return newAEADStreamCtx(c, g, key, iv, mode)
	case kindXTS: // two AES keys, each half of key
		if len(iv) != xtsTweakSize {
			return nil, fmt.Errorf("gocrypto: %s takes a %d-byte tweak, got %d: %w", g.name, xtsTweakSize, len(iv), backends.ErrInvalidIVSize)
		}
		if bytes.Equal(key[:len(key)/2], key[len(key)/2:]) {
			// IEEE 1619-2018 5.1 asks for distinct keys, and OpenSSL refuses equal ones.
			return nil, fmt.Errorf("gocrypto: %s takes two different AES keys, got equal halves: %w", g.name, backends.ErrInvalidKeySize)
		}
		x, err := xts.NewCipher(g.newBlock, key)
		if err != nil {
			return nil, fmt.Errorf("gocrypto: %s refused the key: %v: %w", g.name, err, backends.ErrInvalidKeySize)
		}
		c.xts, c.sector = x, binary.LittleEndian.Uint64(iv[:8])
		return c, nil
	}
	blk, err := g.newBlock(key)
	if err != nil {
		if errors.Is(err, errNotInGo) {
			an, mname := names(alg, mode)
			return nil, &backends.UnsupportedAlgorithmError{Algorithm: an, Mode: mname, Reason: backends.ReasonUnsupportedCipher, Err: err}
		}
		return nil, fmt.Errorf("gocrypto: %s refused a %d-byte key: %v: %w", g.name, len(key), err, backends.ErrInvalidKeySize)
	}
	bs := blk.BlockSize()
	switch g.kind {
	case kindGCM:
		return newAEADStreamCtx(c, g, key, iv, mode)
	case kindECB:
		if len(iv) != 0 {
			return nil, fmt.Errorf("gocrypto: %s takes no IV, got %d bytes: %w", g.name, len(iv), backends.ErrInvalidIVSize)
		}
		c.block, c.bs = blk, bs
		return c, nil
	}
	if len(iv) != bs {
		return nil, fmt.Errorf("gocrypto: %s takes a %d-byte IV, got %d: %w", g.name, bs, len(iv), backends.ErrInvalidIVSize)
	}
	switch g.kind {
	case kindCBC:
		c.bs = bs
		if encrypt {
			c.mode = cipher.NewCBCEncrypter(blk, iv)
		} else {
			c.mode = cipher.NewCBCDecrypter(blk, iv)
		}
	case kindCTR:
		c.stream = cipher.NewCTR(blk, iv)
	case kindOFB:
		//lint:ignore SA1019 OFB is offered for compatibility, as OpenSSL offers it, and refused in FIPS mode
		c.stream = cipher.NewOFB(blk, iv)
	case kindCFB:
		if encrypt {
			//lint:ignore SA1019 CFB is offered for compatibility, as OpenSSL offers it, and refused in FIPS mode
			c.stream = cipher.NewCFBEncrypter(blk, iv)
		} else {
			//lint:ignore SA1019 CFB is offered for compatibility, as OpenSSL offers it, and refused in FIPS mode
			c.stream = cipher.NewCFBDecrypter(blk, iv)
		}
	default:
		return nil, fmt.Errorf("gocrypto: %s: no context for it: %w", g.name, backends.ErrInvalidArgument)
	}
	return c, nil
}

// cipherCtx is a streaming context over one of Go's implementations:
// exactly one of block (ECB), mode (CBC), stream (CTR, OFB, CFB, ARC4,
// ChaCha20) and xts is set. It implements [backends.CipherContext]; it is
// not safe for concurrent use.
type cipherCtx struct {
	name    string
	encrypt bool
	block   cipher.Block     // ECB
	mode    cipher.BlockMode // CBC
	stream  cipher.Stream
	xts     *xts.Cipher
	sector  uint64 // XTS: the tweak's sector number
	bs      int    // ECB and CBC: the block size
	// pending holds the bytes of a partial block (ECB, CBC) until the
	// next Update completes it.
	pending [16]byte
	npend   int
	// limited and limit bound a ChaCha20 stream: the bytes left before
	// the 32-bit block counter would wrap.
	limited bool
	limit   uint64
	started bool // XTS: its one data unit has been processed
	done    bool
}

var _ backends.CipherContext = (*cipherCtx)(nil)

// errNoCipherCtx is the error of a cipher context the backend did not make.
var errNoCipherCtx = fmt.Errorf("gocrypto: cipher context used without Backend.CreateSymmetricEncryptionCtx or CreateSymmetricDecryptionCtx: %w",
	backends.ErrInvalidArgument)

// outLen is what an Update of n bytes writes.
func (c *cipherCtx) outLen(n int) int {
	if c.bs != 0 {
		return (c.npend + n) / c.bs * c.bs
	}
	return n
}

// check returns the error of an Update of data, if any, before anything
// is written.
func (c *cipherCtx) check(data []byte) error {
	if c.done {
		return backends.ErrAlreadyFinalized
	}
	if c.block == nil && c.mode == nil && c.stream == nil && c.xts == nil {
		return errNoCipherCtx
	}
	n := len(data)
	if c.limited && uint64(n) > c.limit {
		return goLimit(c.name, fmt.Errorf("gocrypto: chacha20: %d more bytes would take the 32-bit block counter past 2^32 (Go's ChaCha20 does not carry into the nonce, as OpenSSL does): %w",
			n, backends.ErrInvalidDataLength))
	}
	if c.xts != nil && n > 0 {
		if c.started {
			return fmt.Errorf("gocrypto: XTS encrypts one data unit per context, in a single Update: %w", backends.ErrInvalidArgument)
		}
		if n < 16 {
			return fmt.Errorf("gocrypto: XTS needs at least 16 bytes of data, got %d: %w", n, backends.ErrInvalidDataLength)
		}
		if n > xtsMaxDataUnit {
			return fmt.Errorf("gocrypto: XTS data unit of %d bytes is longer than 2^20 blocks (IEEE 1619-2018 5.1, NIST SP 800-38E): %w",
				n, backends.ErrInvalidDataLength)
		}
		if n%16 != 0 {
			return goLimit(c.name, fmt.Errorf("gocrypto: Go's XTS takes a data unit of whole 16-byte blocks (no ciphertext stealing), got %d bytes: %w",
				n, backends.ErrInvalidDataLength))
		}
	}
	return nil
}

// Update processes data and returns the output it produced: for ECB and
// CBC the whole blocks that the bytes held back earlier and data make up,
// else as many bytes as data.
func (c *cipherCtx) Update(data []byte) ([]byte, error) {
	if err := c.check(data); err != nil {
		return nil, err
	}
	out := make([]byte, c.outLen(len(data)))
	c.update(out, data)
	return out, nil
}

// UpdateInto processes data and writes the output into buf, returning the
// number of bytes written: for ECB and CBC the whole blocks that the bytes
// held back from earlier calls plus data make up; for the other modes and
// stream ciphers len(data). A shorter buf returns [backends.ErrShortBuffer]
// and nothing is written. buf and data may be the same slice (in place)
// while no partial block is pending, and must not otherwise overlap
// ([backends.ErrInvalidBufferOverlap]). XTS takes its data unit (whole
// 16-byte blocks, at least one) in a single call.
func (c *cipherCtx) UpdateInto(data, buf []byte) (int, error) {
	if err := c.check(data); err != nil {
		return 0, err
	}
	need := c.outLen(len(data))
	if len(buf) < need {
		return 0, fmt.Errorf("gocrypto: %s update of %d bytes needs a %d-byte buffer, got %d: %w",
			c.name, len(data), need, len(buf), backends.ErrShortBuffer)
	}
	if guard.InexactOverlap(buf[:need], data) || (c.npend != 0 && guard.AnyOverlap(buf[:need], data)) {
		return 0, fmt.Errorf("gocrypto: %w", backends.ErrInvalidBufferOverlap)
	}
	c.update(buf[:need], data)
	return need, nil
}

// update writes the output of data into out, which holds exactly outLen.
func (c *cipherCtx) update(out, data []byte) {
	switch {
	case len(data) == 0:
	case c.stream != nil:
		c.stream.XORKeyStream(out, data)
		if c.limited {
			c.limit -= uint64(len(data))
		}
	case c.xts != nil:
		c.started = true
		if c.encrypt {
			c.xts.Encrypt(out, data, c.sector)
		} else {
			c.xts.Decrypt(out, data, c.sector)
		}
	default:
		if c.npend > 0 {
			k := copy(c.pending[c.npend:c.bs], data)
			data = data[k:]
			if c.npend += k; c.npend < c.bs {
				return
			}
			c.blocks(out[:c.bs], c.pending[:c.bs])
			out = out[c.bs:]
			c.npend = 0
		}
		whole := len(data) / c.bs * c.bs
		c.blocks(out[:whole], data[:whole])
		c.npend = copy(c.pending[:], data[whole:])
	}
}

// blocks runs ECB or CBC over whole blocks.
func (c *cipherCtx) blocks(out, in []byte) {
	if c.mode != nil {
		c.mode.CryptBlocks(out, in)
		return
	}
	for i := 0; i < len(in); i += c.bs {
		if c.encrypt {
			c.block.Encrypt(out[i:i+c.bs], in[i:i+c.bs])
		} else {
			c.block.Decrypt(out[i:i+c.bs], in[i:i+c.bs])
		}
	}
}

// Finalize ends the operation and returns no further output. ECB and CBC
// return an error wrapping [backends.ErrInvalidDataLength] when the input
// was not whole blocks. Later calls return [backends.ErrAlreadyFinalized].
func (c *cipherCtx) Finalize() ([]byte, error) {
	if err := c.check(nil); err != nil {
		return nil, err
	}
	c.done = true
	c.block, c.mode, c.stream, c.xts = nil, nil, nil, nil
	if c.npend != 0 {
		clear(c.pending[:])
		return nil, fmt.Errorf("gocrypto: %s input is not a whole number of %d-byte blocks (use primitives/padding): %w",
			c.name, c.bs, backends.ErrInvalidDataLength)
	}
	return []byte{}, nil
}
