package openssl

// #include "shims.h"
import "C"

import (
	"fmt"
	"math"
	"reflect"
	"runtime"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

var _ backends.CipherBackend = (*Backend)(nil)

// CipherSupported reports whether the pair can be used right now: an
// adapter names an EVP cipher for it, and a provider under the current
// default properties serves that cipher (it is fetched and trial-run; the
// answer is cached per FIPS mode). mode is nil for stream ciphers. A pair
// that the provider decrypts but refuses to encrypt (3DES under a FIPS
// provider configured with tdes-encrypt-disabled) is reported unsupported;
// decryption contexts can still be created for it.
func (b *Backend) CipherSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	if guard.IsNil(cipher) {
		return false
	}
	e, err := b.resolve(cipher, mode)
	return err == nil && e.encryptErr == nil
}

// RegisterCipherAdapter registers adapter for a (cipher type, mode type)
// pair; modeType is nil for stream ciphers. The adapter returns the EVP
// cipher name, as OpenSSL spells it, for given descriptors. Registering a
// pair twice returns an error wrapping [backends.ErrDuplicateAdapter].
func (b *Backend) RegisterCipherAdapter(cipherType, modeType reflect.Type, adapter backends.CipherAdapter) error {
	return b.ciphers.register(cipherType, modeType, adapter)
}

// CreateSymmetricEncryptionCtx returns an encrypting context for the pair;
// for an authenticated mode it is an [*AEADCtx]. The descriptors must have
// been validated (mode.ValidateForAlgorithm), as the primitives do. A pair
// that the provider only decrypts gives an [*backends.UnsupportedAlgorithmError]
// whose reason, in FIPS mode, is the FIPS refusal.
func (b *Backend) CreateSymmetricEncryptionCtx(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherContext, error) {
	return b.createCipherCtx(cipher, mode, true)
}

// CreateSymmetricDecryptionCtx returns a decrypting context for the pair;
// for an authenticated mode it is an [*AEADCtx].
func (b *Backend) CreateSymmetricDecryptionCtx(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherContext, error) {
	return b.createCipherCtx(cipher, mode, false)
}

// ivOf returns the IV, nonce or tweak the pair carries, or nil.
func ivOf(cipher backends.CipherAlgorithm, mode backends.Mode) []byte {
	switch m := mode.(type) {
	case backends.ModeWithIV:
		return m.IV()
	case backends.ModeWithNonce:
		return m.Nonce()
	case backends.ModeWithTweak:
		return m.Tweak()
	}
	if c, ok := cipher.(backends.CipherAlgorithmWithNonce); ok && mode == nil {
		return c.Nonce()
	}
	return nil
}

func (b *Backend) createCipherCtx(cipher backends.CipherAlgorithm, mode backends.Mode, encrypt bool) (backends.CipherContext, error) {
	if guard.IsNil(cipher) {
		return nil, fmt.Errorf("openssl: nil cipher: %w", backends.ErrInvalidArgument)
	}
	e, err := b.resolve(cipher, mode)
	if err != nil {
		return nil, err
	}
	if encrypt && e.encryptErr != nil {
		reason := backends.ReasonUnsupportedCipher
		if FIPS() {
			reason = backends.ReasonFIPSRefused
		}
		return nil, unsupported(cipher, mode, reason, e.encryptErr)
	}
	key, iv := cipher.Key(), ivOf(cipher, mode)
	if !e.variableKey && len(key) != e.keyLen {
		return nil, fmt.Errorf("openssl: %s takes a %d-byte key, got %d: %w", e.name, e.keyLen, len(key), backends.ErrInvalidKeySize)
	}
	if e.ivLen > 0 && len(iv) == 0 {
		return nil, fmt.Errorf("openssl: %s needs an IV of %d bytes: %w", e.name, e.ivLen, backends.ErrInvalidIVSize)
	}
	if !e.aead && len(iv) != e.ivLen {
		return nil, fmt.Errorf("openssl: %s takes a %d-byte IV, got %d: %w", e.name, e.ivLen, len(iv), backends.ErrInvalidIVSize)
	}
	var q *C.go_errq
	ctx := C.go_cipher_ctx_new(&q)
	if ctx == nil {
		return nil, newError("EVP_CIPHER_CTX_new", q)
	}
	c := &CipherCtx{
		ctx:       ctx,
		encrypt:   encrypt,
		name:      e.name,
		blockSize: 1,
		xts:       e.mode == C.EVP_CIPH_XTS_MODE,
	}
	c.cleanup = runtime.AddCleanup(c, func(ctx *C.EVP_CIPHER_CTX) { C.go_cipher_ctx_free(ctx) }, ctx)
	if e.mode == C.EVP_CIPH_ECB_MODE || e.mode == C.EVP_CIPH_CBC_MODE {
		c.blockSize = e.blockSize
	}
	r := C.go_cipher_init(ctx, e.cipher, base(key), C.int(len(key)), base(iv), C.int(len(iv)), boolInt(encrypt))
	runtime.KeepAlive(c)
	if err := check("EVP_CipherInit_ex2", r); err != nil {
		c.free()
		if FIPS() {
			return nil, fmt.Errorf("openssl: %s refused in FIPS mode: %w", e.name, err)
		}
		return nil, err
	}
	if !e.aead {
		return c, nil
	}
	a := &AEADCtx{CipherCtx: c}
	if m, ok := mode.(backends.ModeWithAuthenticationTag); ok {
		a.tag = append([]byte(nil), m.Tag()...)
		a.minTag = m.MinTagLength()
	}
	return a, nil
}

// CipherCtx is a cipher context over EVP_CIPHER_CTX, encrypting or
// decrypting. It implements [backends.CipherContext]. It takes no padding:
// ECB and CBC input must add up to whole blocks. It is not safe for
// concurrent use.
type CipherCtx struct {
	ctx       *C.EVP_CIPHER_CTX
	cleanup   runtime.Cleanup
	name      string
	encrypt   bool
	blockSize int // ECB, CBC: the block size; 1 for modes that stream
	buffered  int // bytes OpenSSL holds, short of a whole block
	xts       bool
	started   bool // Update has been called with data
	done      bool
}

var _ backends.CipherContext = (*CipherCtx)(nil)

// outLen is how many bytes an Update of n bytes writes.
func (c *CipherCtx) outLen(n int) int {
	if c.blockSize == 1 {
		return n
	}
	return (c.buffered + n) / c.blockSize * c.blockSize
}

// Update processes data and returns the output it produced.
func (c *CipherCtx) Update(data []byte) ([]byte, error) {
	if err := c.checkUpdate(data); err != nil {
		return nil, err
	}
	out := make([]byte, c.outLen(len(data)))
	n, err := c.update(out, data)
	if err != nil {
		return nil, err
	}
	return out[:n], nil
}

// UpdateInto processes data and writes the output into buf, returning the
// number of bytes written. buf must hold the output: len(data) bytes for
// modes that stream, and for ECB and CBC the whole blocks that the data
// completes; else it returns [backends.ErrShortBuffer] and writes nothing.
// buf and data may be the same slice (in place) while no partial block is
// pending, and must not otherwise overlap ([backends.ErrInvalidBufferOverlap]).
func (c *CipherCtx) UpdateInto(data, buf []byte) (int, error) {
	if err := c.checkUpdate(data); err != nil {
		return 0, err
	}
	need := c.outLen(len(data))
	if len(buf) < need {
		return 0, fmt.Errorf("openssl: %s update of %d bytes needs a %d-byte buffer, got %d: %w",
			c.name, len(data), need, len(buf), backends.ErrShortBuffer)
	}
	if guard.InexactOverlap(buf[:need], data) || (c.buffered != 0 && guard.AnyOverlap(buf[:need], data)) {
		return 0, fmt.Errorf("openssl: %w", backends.ErrInvalidBufferOverlap)
	}
	return c.update(buf, data)
}

func (c *CipherCtx) checkUpdate(data []byte) error {
	if c.done {
		return backends.ErrAlreadyFinalized
	}
	if c.xts && len(data) > 0 {
		if c.started {
			return fmt.Errorf("openssl: XTS encrypts one data unit per context, in a single Update: %w", backends.ErrInvalidArgument)
		}
		if len(data) < 16 {
			return fmt.Errorf("openssl: XTS needs at least 16 bytes of data, got %d: %w", len(data), backends.ErrInvalidDataLength)
		}
	}
	return nil
}

// update runs EVP_CipherUpdate over data in chunks that fit an int.
func (c *CipherCtx) update(out, data []byte) (int, error) {
	written := 0
	for len(data) > 0 {
		chunk := data
		if len(chunk) > math.MaxInt32-64 {
			if c.xts {
				return written, fmt.Errorf("openssl: XTS data unit too long: %w", backends.ErrInvalidDataLength)
			}
			chunk = chunk[:(math.MaxInt32-64)/16*16]
		}
		r := C.go_cipher_update(c.ctx, base(out[written:]), base(chunk), C.int(len(chunk)))
		runtime.KeepAlive(c)
		if err := check("EVP_CipherUpdate", r); err != nil {
			return written, err
		}
		c.started = true
		written += int(r.outl)
		if c.blockSize > 1 {
			c.buffered = (c.buffered + len(chunk)) % c.blockSize
		}
		data = data[len(chunk):]
	}
	return written, nil
}

// Finalize ends the operation. ECB and CBC return an error wrapping
// [backends.ErrInvalidDataLength] when the input was not whole blocks. The
// C context is freed; later calls return [backends.ErrAlreadyFinalized].
func (c *CipherCtx) Finalize() ([]byte, error) {
	if c.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if c.buffered != 0 {
		c.finish()
		return nil, fmt.Errorf("openssl: %s input is not a whole number of %d-byte blocks (use primitives/padding): %w",
			c.name, c.blockSize, backends.ErrInvalidDataLength)
	}
	var out [32]byte
	r := C.go_cipher_final(c.ctx, base(out[:]), 0, boolInt(c.encrypt), nil, 0)
	runtime.KeepAlive(c)
	c.finish()
	if err := check("EVP_CipherFinal_ex", r); err != nil {
		return nil, err
	}
	return append([]byte{}, out[:r.outl]...), nil
}

func (c *CipherCtx) finish() {
	c.done = true
	c.free()
}

func (c *CipherCtx) free() {
	if c.ctx != nil {
		c.cleanup.Stop()
		C.go_cipher_ctx_free(c.ctx)
		c.ctx = nil
	}
}

// AEADCtx is a cipher context of an authenticated mode (GCM). It
// implements [backends.AEADEncryptionContext] when encrypting and
// [backends.AEADDecryptionContext] when decrypting.
//
// Decryption streams: Update returns plaintext before the tag is checked
// at Finalize. Do not act on it until Finalize succeeds; for messages
// that fit in memory, use the one-shot AEADs of primitives/ciphers/aead.
type AEADCtx struct {
	*CipherCtx
	tag    []byte // decryption: the expected tag; encryption: the tag after Finalize
	minTag int
}

var (
	_ backends.AEADEncryptionContext = (*AEADCtx)(nil)
	_ backends.AEADDecryptionContext = (*AEADCtx)(nil)
)

// gcmTagSize is the length of the tag GCM encryption produces.
const gcmTagSize = 16

// AuthenticateAdditionalData adds data that is authenticated but not
// encrypted. It must come before the first Update with data
// ([backends.ErrInvalidArgument] otherwise).
func (a *AEADCtx) AuthenticateAdditionalData(data []byte) error {
	if a.done {
		return backends.ErrAlreadyFinalized
	}
	if a.started {
		return fmt.Errorf("openssl: additional data must come before the first Update: %w", backends.ErrInvalidArgument)
	}
	for len(data) > 0 {
		chunk := data[:min(len(data), math.MaxInt32-64)]
		r := C.go_cipher_aad(a.ctx, base(chunk), C.int(len(chunk)))
		runtime.KeepAlive(a)
		if err := check("EVP_CipherUpdate(AAD)", r); err != nil {
			return err
		}
		data = data[len(chunk):]
	}
	return nil
}

// Finalize ends the operation. Encrypting, it computes the tag (see Tag).
// Decrypting, it checks the tag given in the mode, returning
// [backends.ErrInvalidTag] on mismatch; a mode built without a tag needs
// FinalizeWithTag instead ([backends.ErrInvalidArgument]).
func (a *AEADCtx) Finalize() ([]byte, error) {
	if a.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if !a.encrypt {
		if a.tag == nil {
			return nil, fmt.Errorf("openssl: decryption needs a tag: give it to the mode or use FinalizeWithTag: %w", backends.ErrInvalidArgument)
		}
		return a.finalizeTag(a.tag)
	}
	tag := make([]byte, gcmTagSize)
	var out [32]byte
	r := C.go_cipher_final(a.ctx, base(out[:]), 1, 1, base(tag), C.int(len(tag)))
	runtime.KeepAlive(a)
	a.finish()
	if err := check("EVP_EncryptFinal_ex", r); err != nil {
		return nil, err
	}
	a.tag = tag
	return append([]byte{}, out[:r.outl]...), nil
}

// FinalizeWithTag ends decryption, checking tag (at least the mode's
// minimum tag length and at most 16 bytes, else [backends.ErrInvalidTagSize]).
// A mismatch returns [backends.ErrInvalidTag].
func (a *AEADCtx) FinalizeWithTag(tag []byte) ([]byte, error) {
	if a.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if a.encrypt {
		return nil, fmt.Errorf("openssl: FinalizeWithTag on an encryption context: %w", backends.ErrInvalidArgument)
	}
	if a.tag != nil {
		return nil, fmt.Errorf("openssl: the mode already carries a tag; use Finalize: %w", backends.ErrInvalidArgument)
	}
	minTag := max(a.minTag, 4)
	if len(tag) < minTag || len(tag) > gcmTagSize {
		return nil, fmt.Errorf("openssl: tag of %d bytes, want %d to %d: %w", len(tag), minTag, gcmTagSize, backends.ErrInvalidTagSize)
	}
	return a.finalizeTag(tag)
}

func (a *AEADCtx) finalizeTag(tag []byte) ([]byte, error) {
	t := append([]byte(nil), tag...) // OpenSSL reads it during the call only
	var out [32]byte
	r := C.go_cipher_final(a.ctx, base(out[:]), 1, 0, base(t), C.int(len(t)))
	runtime.KeepAlive(a)
	a.finish()
	if r.ok != 1 {
		if r.errq == nil {
			return nil, backends.ErrInvalidTag
		}
		return nil, check("EVP_DecryptFinal_ex", r)
	}
	return append([]byte{}, out[:r.outl]...), nil
}

// Tag returns the tag computed by encryption. Before Finalize it returns
// [backends.ErrNotYetFinalized]; on a decryption context,
// [backends.ErrInvalidArgument].
func (a *AEADCtx) Tag() ([]byte, error) {
	if !a.encrypt {
		return nil, fmt.Errorf("openssl: Tag on a decryption context: %w", backends.ErrInvalidArgument)
	}
	if !a.done || a.tag == nil {
		return nil, backends.ErrNotYetFinalized
	}
	return append([]byte(nil), a.tag...), nil
}
