//go:build cgo

package openssl

// #include "shims.h"
import "C"

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"strings"

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
	if b == nil {
		return errNoBackend
	}
	return b.ciphers.Register("openssl", errNoBackend, cipherType, modeType, adapter)
}

// CreateSymmetricEncryptionCtx returns an encrypting context for the pair;
// for an authenticated mode it is a [backends.AEADEncryptionContext]. The descriptors must have
// been validated (mode.ValidateForAlgorithm), as the primitives do. A pair
// that the provider only decrypts gives an [*backends.UnsupportedAlgorithmError]
// whose reason, in FIPS mode, is the FIPS refusal.
func (b *Backend) CreateSymmetricEncryptionCtx(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherContext, error) {
	return b.createCipherCtx(cipher, mode, true)
}

// CreateSymmetricDecryptionCtx returns a decrypting context for the pair;
// for an authenticated mode it is a [backends.AEADDecryptionContext].
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
	if err := checkFIPSTripleDES(cipher); err != nil {
		return nil, err
	}
	if encrypt && e.encryptErr != nil {
		reason := backends.ReasonUnsupportedCipher
		if FIPS() {
			reason = backends.ReasonFIPSRefused
		}
		return nil, unsupported(cipher, mode, reason, e.encryptErr)
	}
	// The descriptors have checked key and IV lengths (their errors are the
	// ones users see); these re-checks protect C memory from a descriptor
	// of another package, as EVP reads keyLen and ivLen bytes.
	key, iv := cipher.Key(), ivOf(cipher, mode)
	if err := checkKeyIV(e, key, iv); err != nil {
		return nil, err
	}
	var q *C.go_errq
	ctx := C.go_cipher_ctx_new(&q)
	if ctx == nil {
		return nil, newError("EVP_CIPHER_CTX_new", q)
	}
	c := &cipherCtx{
		b:         b,
		cipher:    cipher,
		mode:      mode,
		keyIV:     append(append(make([]byte, 0, len(key)+len(iv)), key...), iv...),
		keyLen:    len(key),
		e:         e,
		ctx:       ctx,
		encrypt:   encrypt,
		name:      e.name,
		shape:     e.shape,
		blockSize: e.blockSize,
		xts:       e.mode == C.EVP_CIPH_XTS_MODE,
		ecb:       e.mode == C.EVP_CIPH_ECB_MODE,
	}
	c.cleanup = runtime.AddCleanup(c, func(ctx *C.EVP_CIPHER_CTX) { C.go_cipher_ctx_free(ctx) }, ctx)
	if c.xts {
		c.blockSize = 16 // the data unit is at least one AES block
	}
	r := C.go_cipher_init(ctx, e.cipher, base(key), C.int(len(key)), base(iv), C.int(len(iv)), boolInt(encrypt))
	runtime.KeepAlive(c)
	if err := check("EVP_CipherInit_ex2", r); err != nil {
		c.free()
		if kerr := keyRefused(e, key, err); kerr != err {
			return nil, kerr
		}
		if ierr := nonceRefused(e.name, len(iv), err); ierr != err {
			return nil, ierr
		}
		if FIPS() {
			return nil, fmt.Errorf("openssl: %s refused in FIPS mode: %w", e.name, err)
		}
		return nil, err
	}
	if !e.aead {
		return c, nil
	}
	a, err := newAEADCtx(c, e, mode)
	if err != nil {
		c.free()
		return nil, err
	}
	return a, nil
}

// checkKeyIV checks the lengths of what go_cipher_init reads: OpenSSL
// reads as many key and IV bytes as the cipher takes, so they must be
// exactly that long, except where the length is set from them (a
// variable-length key, an AEAD's nonce).
func checkKeyIV(e *cipherEntry, key, iv []byte) error {
	if !e.variableKey && len(key) != e.keyLen {
		return fmt.Errorf("openssl: %s takes a %d-byte key, got %d: %w", e.name, e.keyLen, len(key), backends.ErrInvalidKeySize)
	}
	if e.ivLen > 0 && len(iv) == 0 {
		return fmt.Errorf("openssl: %s needs an IV of %d bytes: %w", e.name, e.ivLen, backends.ErrInvalidIVSize)
	}
	if !e.aead && len(iv) != e.ivLen {
		return fmt.Errorf("openssl: %s takes a %d-byte IV, got %d: %w", e.name, e.ivLen, len(iv), backends.ErrInvalidIVSize)
	}
	return nil
}

// keyRefused returns the error for a cipher that failed to take key: one
// wrapping [backends.ErrInvalidKeySize] when the cipher lists its key
// length as settable and key is not of its default length (ChaCha20,
// ChaCha20-Poly1305, XTS and OCB list it, yet take one length only) or
// when OpenSSL found the two halves of an XTS key equal, and err
// otherwise.
func keyRefused(e *cipherEntry, key []byte, err error) error {
	var oe *Error
	isErr := errors.As(err, &oe)
	if (!e.variableKey || len(key) == e.keyLen) && !(isErr && oe.hasProvReason(C.PROV_R_XTS_DUPLICATED_KEYS)) {
		return err
	}
	why := ""
	if isErr && len(oe.Reasons) > 0 {
		why = " (" + strings.Join(oe.Reasons, "; ") + ")"
	}
	return fmt.Errorf("openssl: %s refused a %d-byte key%s: %w", e.name, len(key), why, backends.ErrInvalidKeySize)
}

// newAEADCtx sets the tag rules of an authenticated cipher's context: the
// cipher's own (see tagRuleOf), with the minimum a mode opts in to, or the
// cipher's default minimum when the adapter has no mode or the mode says
// nothing of tags. A tag given in the mode is checked here; an encryption
// context refuses one.
func newAEADCtx(c *cipherCtx, e *cipherEntry, mode backends.Mode) (*streamAEADCtx, error) {
	rule := tagRuleOf(e)
	a := &streamAEADCtx{cipherCtx: c, rule: rule, minTag: rule.dflt}
	if m, ok := mode.(backends.ModeWithAuthenticationTag); ok {
		if n := m.MinTagLength(); n > 0 {
			a.minTag = max(n, rule.min)
		}
		if t := m.Tag(); t != nil {
			if c.encrypt {
				return nil, fmt.Errorf("openssl: a tag is for decryption; encrypting with %s takes none: %w",
					e.name, backends.ErrInvalidArgument)
			}
			if err := rule.check(e.name, len(t), a.minTag); err != nil {
				return nil, err
			}
			a.tag = append([]byte(nil), t...)
		}
	}
	return a, nil
}

// cipherCtx is a cipher context over EVP_CIPHER_CTX, encrypting or
// decrypting. It implements [backends.CipherContext]. It takes no padding:
// ECB and CBC input must add up to whole blocks. It is not safe for
// concurrent use.
//
// A context runs only ciphers whose output it can bound exactly (see
// UpdateInto); the backend refuses the others when the context is created.
type cipherCtx struct {
	// b, cipher and mode made the context; with them it is keyed again
	// when it follows a switch of FIPS mode.
	b      *Backend
	cipher backends.CipherAlgorithm
	mode   backends.Mode
	// keyIV is a copy of the key and then the IV the context was made
	// with (keyLen bytes of key), which it is keyed with again; cleared
	// when the context is finalized.
	keyIV     []byte
	keyLen    int
	e         *cipherEntry // the EVP cipher ctx is keyed with
	ctx       *C.EVP_CIPHER_CTX
	cleanup   runtime.Cleanup
	name      string
	encrypt   bool
	shape     outShape
	blockSize int // the cipher's block size; XTS: 16, its shortest data unit
	buffered  int // shapeBlocks: bytes OpenSSL holds, short of a whole block
	xts       bool
	ecb       bool
	started   bool // Update has been called with data
	used      bool // data or additional data has reached ctx
	done      bool
}

var _ backends.CipherContext = (*cipherCtx)(nil)

// oneShot reports whether the cipher takes the whole message in a single
// Update.
func (c *cipherCtx) oneShot() bool {
	return c.shape != shapeStream && c.shape != shapeBlocks
}

// outLen is the most an Update of n bytes (n valid for the shape, see
// checkUpdate) may write.
func (c *cipherCtx) outLen(n int) int {
	if n == 0 {
		return 0
	}
	switch c.shape {
	case shapeBlocks:
		return (c.buffered + n) / c.blockSize * c.blockSize
	case shapeKW:
		if c.encrypt {
			return n + 8
		}
		return n - 8
	case shapeKWP:
		if c.encrypt {
			return (n+7)/8*8 + 8
		}
		return n - 8
	case shapeDES3Wrap:
		if c.encrypt {
			return n + 16
		}
		return n - 16
	}
	return n
}

// Update processes data and returns the output it produced.
func (c *cipherCtx) Update(data []byte) ([]byte, error) {
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
// number of bytes written. buf must have room for what the cipher may
// write, which for n = len(data) bytes is:
//
//   - n for stream ciphers and modes that stream (CTR, OFB, CFB, GCM,
//     ChaCha20-Poly1305), for XTS, and for CBC with ciphertext stealing
//     (the "-cts" ciphers);
//   - for ECB, CBC and OCB, the whole blocks that the bytes held back from
//     earlier calls plus data make up (OCB returns the rest at Finalize);
//   - for AES key wrap (the "-wrap" ciphers, RFC 3394), n+8 encrypting and
//     n-8 decrypting; for AES key wrap with padding ("-wrap-pad", RFC 5649),
//     n rounded up to a multiple of 8, plus 8, encrypting, and n-8
//     decrypting (the result may be shorter: the padding is removed); for
//     the CMS Triple-DES key wrap ("des3-wrap", RFC 3217), n+16 encrypting
//     and n-16 decrypting.
//
// A shorter buf returns [backends.ErrShortBuffer] and nothing is written.
// XTS, the ciphertext-stealing and the key-wrap ciphers take the whole
// message in a single UpdateInto or Update: a second one with data returns
// [backends.ErrInvalidArgument], and a length the cipher cannot take
// (shorter than a block, not a multiple of 8 for key wrap)
// [backends.ErrInvalidDataLength]. buf and data may be the same slice (in
// place) while no partial block is pending, and must not otherwise overlap
// ([backends.ErrInvalidBufferOverlap]).
func (c *cipherCtx) UpdateInto(data, buf []byte) (int, error) {
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
	return c.update(buf[:need], data)
}

// errNoCipherCtx is the error of a cipher context the backend did not make.
var errNoCipherCtx = fmt.Errorf("openssl: cipher context used without Backend.CreateSymmetricEncryptionCtx or CreateSymmetricDecryptionCtx: %w",
	backends.ErrInvalidArgument)

// ready returns nil when the context belongs to the FIPS mode in force
// (one atomic load), and otherwise follows the switch (see follow).
func (c *cipherCtx) ready() error {
	if c.e == nil {
		return errNoCipherCtx
	}
	if c.e.fm == current() {
		return nil
	}
	return c.follow()
}

// follow moves the context to the mode in force: the pair must be served
// there (else the *backends.UnsupportedAlgorithmError says why), and the C
// context must hold no state of the old mode's implementation beyond the
// key (else [backends.ErrModeChanged]): nothing processed yet, or ECB
// between blocks. The context is then keyed again with the new mode's
// cipher.
func (c *cipherCtx) follow() error {
	e, err := c.b.resolve(c.cipher, c.mode)
	if err != nil {
		return err
	}
	if e.name != c.name || e.shape != c.shape {
		return fmt.Errorf("openssl: the adapter names %s for a context made with %s: %w", e.name, c.name, backends.ErrInvalidArgument)
	}
	if c.used && !(c.ecb && c.buffered == 0) {
		return errModeChanged(c.name)
	}
	// The key and IV the context was made with, not what the descriptors
	// hold now: a caller may have changed them since.
	key, iv := c.keyIV[:c.keyLen], c.keyIV[c.keyLen:]
	if err := checkKeyIV(e, key, iv); err != nil {
		return err
	}
	r := C.go_cipher_init(c.ctx, e.cipher, base(key), C.int(len(key)), base(iv), C.int(len(iv)), boolInt(c.encrypt))
	runtime.KeepAlive(c)
	if err := check("EVP_CipherInit_ex2", r); err != nil {
		return keyRefused(e, key, err)
	}
	c.e = e
	return nil
}

func (c *cipherCtx) checkUpdate(data []byte) error {
	if c.done {
		return backends.ErrAlreadyFinalized
	}
	if err := c.ready(); err != nil {
		return err
	}
	n := len(data)
	if n == 0 || !c.oneShot() {
		return nil
	}
	if c.xts {
		if c.started {
			return fmt.Errorf("openssl: XTS encrypts one data unit per context, in a single Update: %w", backends.ErrInvalidArgument)
		}
		if n < 16 {
			return fmt.Errorf("openssl: XTS needs at least 16 bytes of data, got %d: %w", n, backends.ErrInvalidDataLength)
		}
		return nil
	}
	if c.started {
		return fmt.Errorf("openssl: %s takes the whole message in a single Update: %w", c.name, backends.ErrInvalidArgument)
	}
	if n > math.MaxInt32-64 {
		return fmt.Errorf("openssl: %s message of %d bytes is too long for one call: %w", c.name, n, backends.ErrInvalidDataLength)
	}
	min, mult := c.blockSize, 1 // ciphertext stealing: at least one block
	switch c.shape {
	case shapeKW:
		min, mult = 16, 8 // two 64-bit blocks of key data (RFC 3394, 2)
		if !c.encrypt {
			min = 24
		}
	case shapeKWP:
		min = 1 // RFC 5649 wraps 1 to 2^32 bytes
		if !c.encrypt {
			min, mult = 16, 8
		}
	case shapeDES3Wrap:
		min, mult = 8, 8
		if !c.encrypt {
			min = 24
		}
	}
	if n < min || n%mult != 0 {
		what := fmt.Sprintf("at least %d bytes", min)
		if mult > 1 {
			what += fmt.Sprintf(" in multiples of %d", mult)
		}
		return fmt.Errorf("openssl: %s takes %s, got %d: %w", c.name, what, n, backends.ErrInvalidDataLength)
	}
	return nil
}

// unwraps reports whether the context decrypts with a key wrap.
func (c *cipherCtx) unwraps() bool {
	return !c.encrypt && (c.shape == shapeKW || c.shape == shapeKWP || c.shape == shapeDES3Wrap)
}

// update runs EVP_CipherUpdate over data, into out (sized by outLen).
//
// A key unwrap runs in a scratch buffer of len(data) bytes and only a
// successful result is copied to out: OpenSSL's RFC 5649 unwrap clears
// the whole input length of its output when the check fails, 8 bytes past
// the bound, and the CMS Triple-DES unwrap moves the data along its output
// when out and data are the same buffer.
func (c *cipherCtx) update(out, data []byte) (int, error) {
	if !c.unwraps() || len(data) == 0 {
		return c.updateChunks(out, data)
	}
	scratch := make([]byte, len(data))
	defer clear(scratch)
	n, err := c.updateChunks(scratch, data)
	if err != nil {
		return 0, err
	}
	if n > len(out) {
		// Unreachable while outLen is right; the tests hold it to that.
		return 0, fmt.Errorf("openssl: %s unwrapped %d bytes where %d were expected: %w",
			c.name, n, len(out), backends.ErrShortBuffer)
	}
	return copy(out, scratch[:n]), nil
}

// updateChunks runs EVP_CipherUpdate over data in chunks that fit an int.
func (c *cipherCtx) updateChunks(out, data []byte) (int, error) {
	written := 0
	for len(data) > 0 {
		chunk := data
		if len(chunk) > math.MaxInt32-64 {
			if c.xts {
				return written, fmt.Errorf("openssl: XTS data unit too long: %w", backends.ErrInvalidDataLength)
			}
			chunk = chunk[:(math.MaxInt32-64)/16*16]
		}
		room := out[written:]
		if len(room) < c.outLen(len(chunk)) {
			// Unreachable: callers size out with outLen.
			return written, fmt.Errorf("openssl: %s: output buffer of %d bytes for %d of input: %w",
				c.name, len(room), len(chunk), backends.ErrShortBuffer)
		}
		r := C.go_cipher_update(c.ctx, base(room), base(chunk), C.int(len(chunk)))
		runtime.KeepAlive(c)
		if err := check("EVP_CipherUpdate", r); err != nil {
			return written, err
		}
		c.started, c.used = true, true
		if int(r.outl) > len(room) {
			// Unreachable while outLen is right; the tests hold it to that.
			c.finish()
			return written, fmt.Errorf("openssl: %s wrote %d bytes where %d were expected: %w",
				c.name, r.outl, len(room), backends.ErrShortBuffer)
		}
		written += int(r.outl)
		if c.shape == shapeBlocks {
			c.buffered = (c.buffered + len(chunk)) % c.blockSize
		}
		data = data[len(chunk):]
	}
	return written, nil
}

// Finalize ends the operation. ECB and CBC return an error wrapping
// [backends.ErrInvalidDataLength] when the input was not whole blocks. The
// C context is freed; later calls return [backends.ErrAlreadyFinalized].
func (c *cipherCtx) Finalize() ([]byte, error) {
	if c.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if err := c.ready(); err != nil {
		c.finish()
		return nil, err
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

func (c *cipherCtx) finish() {
	c.done = true
	clear(c.keyIV)
	c.free()
}

func (c *cipherCtx) free() {
	if c.ctx != nil {
		c.cleanup.Stop()
		C.go_cipher_ctx_free(c.ctx)
		c.ctx = nil
	}
}

// streamAEADCtx is a cipher context of an authenticated cipher (GCM,
// ChaCha20-Poly1305; CCM is left to [Backend.CreateAEADCtx]). It
// implements [backends.AEADEncryptionContext] when encrypting and
// [backends.AEADDecryptionContext] when decrypting.
//
// Decryption streams: Update returns plaintext before the tag is checked
// at Finalize. Do not act on it until Finalize succeeds; for messages
// that fit in memory, use the one-shot AEADs of primitives/ciphers/aead.
type streamAEADCtx struct {
	*cipherCtx
	tag    []byte  // decryption: the expected tag; encryption: the tag after Finalize
	rule   tagRule // the tag lengths the cipher allows
	minTag int     // the shortest tag decryption accepts
}

var (
	_ backends.AEADEncryptionContext = (*streamAEADCtx)(nil)
	_ backends.AEADDecryptionContext = (*streamAEADCtx)(nil)
)

// gcmTagSize is the length of the tag GCM encryption produces.
const gcmTagSize = 16

// AuthenticateAdditionalData adds data that is authenticated but not
// encrypted. It must come before the first Update with data
// ([backends.ErrInvalidArgument] otherwise).
func (a *streamAEADCtx) AuthenticateAdditionalData(data []byte) error {
	if a.done {
		return backends.ErrAlreadyFinalized
	}
	if a.started {
		return fmt.Errorf("openssl: additional data must come before the first Update: %w", backends.ErrInvalidArgument)
	}
	if err := a.ready(); err != nil {
		return err
	}
	for len(data) > 0 {
		chunk := data[:min(len(data), math.MaxInt32-64)]
		r := C.go_cipher_aad(a.ctx, base(chunk), C.int(len(chunk)))
		runtime.KeepAlive(a)
		if err := check("EVP_CipherUpdate(AAD)", r); err != nil {
			return err
		}
		a.used = true
		data = data[len(chunk):]
	}
	return nil
}

// Finalize ends the operation. Encrypting, it computes the tag (see Tag).
// Decrypting, it checks the tag given in the mode, returning
// [backends.ErrInvalidTag] on mismatch; a mode built without a tag needs
// FinalizeWithTag instead ([backends.ErrInvalidArgument]).
func (a *streamAEADCtx) Finalize() ([]byte, error) {
	if a.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if err := a.ready(); err != nil {
		a.finish()
		return nil, err
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

// FinalizeWithTag ends decryption, checking tag. Its length must be one the
// cipher allows and at least the minimum the mode opts in to, else the
// error wraps [backends.ErrInvalidTagSize]: 16 bytes for ChaCha20-Poly1305;
// for GCM 16, or down to the mode's MinTagLength (at least 4). A mismatch
// returns [backends.ErrInvalidTag].
func (a *streamAEADCtx) FinalizeWithTag(tag []byte) ([]byte, error) {
	if a.done {
		return nil, backends.ErrAlreadyFinalized
	}
	if a.encrypt {
		return nil, fmt.Errorf("openssl: FinalizeWithTag on an encryption context: %w", backends.ErrInvalidArgument)
	}
	if a.tag != nil {
		return nil, fmt.Errorf("openssl: the mode already carries a tag; use Finalize: %w", backends.ErrInvalidArgument)
	}
	if err := a.rule.check(a.name, len(tag), a.minTag); err != nil {
		return nil, err
	}
	return a.finalizeTag(tag)
}

func (a *streamAEADCtx) finalizeTag(tag []byte) ([]byte, error) {
	if err := a.ready(); err != nil {
		a.finish()
		return nil, err
	}
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
func (a *streamAEADCtx) Tag() ([]byte, error) {
	if !a.encrypt {
		return nil, fmt.Errorf("openssl: Tag on a decryption context: %w", backends.ErrInvalidArgument)
	}
	if !a.done || a.tag == nil {
		return nil, backends.ErrNotYetFinalized
	}
	return append([]byte(nil), a.tag...), nil
}
