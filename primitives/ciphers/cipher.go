package ciphers

import (
	"fmt"
	"reflect"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
)

// Cipher is a symmetric cipher: an algorithm with a mode (nil for the
// stream ciphers ARC4 and ChaCha20) and the backend that runs them.
//
// The zero value (and a nil *Cipher) is not usable; use [NewCipher].
// Encryptor and Decryptor then return an error wrapping
// [backends.ErrInvalidArgument], and Algorithm and Mode return nil.
type Cipher struct {
	alg     backends.CipherAlgorithm
	mode    backends.Mode
	backend backends.CipherBackend
}

// NewCipher pairs alg with mode on the default backend. It checks
// the mode against the algorithm (IV length, block size, key size) and
// returns errors wrapping the sentinels of package backends; whether the
// backend offers the pair is checked by Encryptor and Decryptor.
func NewCipher(alg backends.CipherAlgorithm, mode backends.Mode) (*Cipher, error) {
	return NewCipherWithBackend(alg, mode, defaultbackend.Get())
}

// NewCipherWithBackend is [NewCipher] with a chosen backend. A backend
// that returns a nil context gives Encryptor and Decryptor an error
// wrapping [backends.ErrInvalidArgument]; so does a count beyond buf from
// its UpdateInto.
func NewCipherWithBackend(alg backends.CipherAlgorithm, mode backends.Mode, b backends.CipherBackend) (*Cipher, error) {
	if err := validate(alg, mode); err != nil {
		return nil, err
	}
	if guard.IsNil(b) {
		return nil, fmt.Errorf("ciphers: nil backend: %w", backends.ErrInvalidArgument)
	}
	return &Cipher{alg: alg, mode: mode, backend: b}, nil
}

func validate(alg backends.CipherAlgorithm, mode backends.Mode) error {
	if guard.IsNil(alg) {
		return fmt.Errorf("ciphers: nil algorithm: %w", backends.ErrInvalidArgument)
	}
	if guard.IsNil(mode) {
		if _, ok := alg.(backends.BlockCipherAlgorithm); ok {
			return fmt.Errorf("ciphers: %s is a block cipher and needs a mode: %w", alg.Name(), backends.ErrInvalidArgument)
		}
		return checkKeyed(alg)
	}
	if err := mode.ValidateForAlgorithm(alg); err != nil {
		return guard.Wrap("ciphers", err)
	}
	return nil
}

// checkKeyed refuses a stream cipher descriptor that holds no key, or not
// the key its KeySize reports, such as a zero algorithms.ARC4 (the modes
// make the same check of block ciphers).
func checkKeyed(alg backends.CipherAlgorithm) error {
	n, bits := len(alg.Key()), alg.KeySize()
	if n != 0 && n*8 == bits {
		return nil
	}
	hint := "build it with its constructor"
	t := reflect.TypeOf(alg)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() == algorithmsPkg {
		hint = "use algorithms.New" + t.Name()
	}
	if n == 0 {
		return fmt.Errorf("ciphers: %s has no key, as a zero value has none; %s: %w", alg.Name(), hint, backends.ErrInvalidKeySize)
	}
	return fmt.Errorf("ciphers: %s reports a %d-bit key but holds %d bytes; %s: %w",
		alg.Name(), bits, n, hint, backends.ErrInvalidKeySize)
}

// algorithmsPkg is the import path of package algorithms.
var algorithmsPkg = reflect.TypeOf(algorithms.AES{}).PkgPath()

// Supported reports whether the default backend can run alg in mode now.
func Supported(alg backends.CipherAlgorithm, mode backends.Mode) bool {
	if validate(alg, mode) != nil {
		return false
	}
	return defaultbackend.Get().CipherSupported(alg, mode)
}

// Algorithm returns the cipher's algorithm.
func (c *Cipher) Algorithm() backends.CipherAlgorithm {
	if c == nil {
		return nil
	}
	return c.alg
}

// Mode returns the cipher's mode, nil for a stream cipher.
func (c *Cipher) Mode() backends.Mode {
	if c == nil {
		return nil
	}
	return c.mode
}

// errNoCipher is the error of a Cipher that NewCipher did not make.
var errNoCipher = fmt.Errorf("ciphers: Cipher used without ciphers.NewCipher: %w", backends.ErrInvalidArgument)

// made reports whether c was made by NewCipher or NewCipherWithBackend.
func (c *Cipher) made() bool { return c != nil && c.backend != nil && c.alg != nil }

// Encryptor returns a new encrypting context. With GCM, the mode must not
// carry a tag ([backends.ErrInvalidArgument]).
func (c *Cipher) Encryptor() (*Context, error) {
	if !c.made() {
		return nil, errNoCipher
	}
	if m, ok := c.mode.(backends.ModeWithAuthenticationTag); ok && m.Tag() != nil {
		return nil, fmt.Errorf("ciphers: a tag is for decryption; encrypting %s takes none: %w", c.mode.Name(), backends.ErrInvalidArgument)
	}
	ctx, err := c.backend.CreateSymmetricEncryptionCtx(c.alg, c.mode)
	if err == nil && guard.IsNil(ctx) {
		err = errNilCtx(c.alg)
	}
	if err != nil {
		return nil, wrap(err)
	}
	return newContext(ctx, true).withMode(c.mode), nil
}

// Decryptor returns a new decrypting context. With GCM, give the tag in the
// mode, or build the mode without one and end with FinalizeWithTag.
func (c *Cipher) Decryptor() (*Context, error) {
	if !c.made() {
		return nil, errNoCipher
	}
	ctx, err := c.backend.CreateSymmetricDecryptionCtx(c.alg, c.mode)
	if err == nil && guard.IsNil(ctx) {
		err = errNilCtx(c.alg)
	}
	if err != nil {
		return nil, wrap(err)
	}
	return newContext(ctx, false), nil
}

// Context encrypts or decrypts a stream of data, like pyca's
// CipherContext. It is not safe for concurrent use.
//
// When decrypting with GCM, the OpenSSL backend's Update returns
// plaintext before the tag is checked at Finalize: do not use it until
// Finalize has succeeded. A backend whose GCM is one-shot (the Go
// backend's, over crypto/cipher) holds all data back instead: Update and
// UpdateInto return nothing, and Finalize returns the whole output, for
// decryption only once the tag matches. For messages that fit in memory,
// package aead checks first with every backend.
//
// The zero value (and a nil *Context) is not usable; get one from
// [Cipher.Encryptor] or [Cipher.Decryptor]. Its methods return an error
// wrapping [backends.ErrInvalidArgument].
type Context struct {
	ctx     backends.CipherContext
	encrypt bool
	minTag  int // the shortest tag the mode allows, for the backend's Tag
}

// errNoContext is the error of a Context that no Cipher made.
var errNoContext = fmt.Errorf("ciphers: Context used without Cipher.Encryptor or Cipher.Decryptor: %w", backends.ErrInvalidArgument)

func newContext(ctx backends.CipherContext, encrypt bool) *Context {
	return &Context{ctx: ctx, encrypt: encrypt}
}

// withMode notes what c checks of the backend's output for mode.
func (c *Context) withMode(mode backends.Mode) *Context {
	if m, ok := mode.(backends.ModeWithAuthenticationTag); ok && !guard.IsNil(m) {
		c.minTag = m.MinTagLength()
	}
	return c
}

// Update processes data and returns the output produced so far (for ECB
// and CBC, the whole blocks completed).
func (c *Context) Update(data []byte) ([]byte, error) {
	if c == nil || c.ctx == nil {
		return nil, errNoContext
	}
	out, err := c.ctx.Update(data)
	if err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

// UpdateInto is Update writing into buf, without allocating; it returns
// the number of bytes written. A buf too short returns an error wrapping
// [backends.ErrShortBuffer] and nothing is written. buf may be data
// itself (in place) but must not otherwise overlap it.
func (c *Context) UpdateInto(data, buf []byte) (int, error) {
	if c == nil || c.ctx == nil {
		return 0, errNoContext
	}
	n, err := c.ctx.UpdateInto(data, buf)
	if err != nil {
		return 0, wrap(err)
	}
	if n < 0 || n > len(buf) {
		return 0, fmt.Errorf("ciphers: backend reported %d bytes written to a buffer of %d: %w", n, len(buf), backends.ErrInvalidArgument)
	}
	return n, nil
}

// Finalize ends the operation and returns any remaining output. For GCM
// encryption the tag is then available from Tag; GCM decryption checks the
// tag the mode carries ([backends.ErrInvalidTag] on mismatch). Later calls
// return an error wrapping [backends.ErrAlreadyFinalized].
func (c *Context) Finalize() ([]byte, error) {
	if c == nil || c.ctx == nil {
		return nil, errNoContext
	}
	out, err := c.ctx.Finalize()
	if err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

// AuthenticateAdditionalData adds data that GCM authenticates without
// encrypting; only before the first Update. Other modes return an error
// wrapping [backends.ErrInvalidArgument].
func (c *Context) AuthenticateAdditionalData(data []byte) error {
	if c == nil || c.ctx == nil {
		return errNoContext
	}
	a, ok := c.ctx.(backends.AEADCipherContext)
	if !ok {
		return fmt.Errorf("ciphers: additional data needs an authenticated mode: %w", backends.ErrInvalidArgument)
	}
	return wrap(a.AuthenticateAdditionalData(data))
}

// Tag returns the tag after GCM encryption's Finalize (before it, an error
// wrapping [backends.ErrNotYetFinalized]).
func (c *Context) Tag() ([]byte, error) {
	if c == nil || c.ctx == nil {
		return nil, errNoContext
	}
	a, ok := c.ctx.(backends.AEADEncryptionContext)
	if !ok || !c.encrypt {
		return nil, fmt.Errorf("ciphers: Tag needs an authenticated encryption context: %w", backends.ErrInvalidArgument)
	}
	t, err := a.Tag()
	if err != nil {
		return nil, wrap(err)
	}
	if len(t) < c.minTag || len(t) == 0 {
		return nil, fmt.Errorf("ciphers: backend returned a tag of %d bytes; the mode's shortest is %d: %w", len(t), max(c.minTag, 1), backends.ErrInvalidArgument)
	}
	return t, nil
}

// FinalizeWithTag ends GCM decryption with a tag known only now. The mode
// must have been built without a tag.
func (c *Context) FinalizeWithTag(tag []byte) ([]byte, error) {
	if c == nil || c.ctx == nil {
		return nil, errNoContext
	}
	a, ok := c.ctx.(backends.AEADDecryptionContext)
	if !ok || c.encrypt {
		return nil, fmt.Errorf("ciphers: FinalizeWithTag needs an authenticated decryption context: %w", backends.ErrInvalidArgument)
	}
	out, err := a.FinalizeWithTag(tag)
	if err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

// wrap prefixes the package name, except on the opaque tag error and on an
// error whose layer named itself (one error, one prefix).
// errNilCtx is the error of a backend that returned a nil context, and no
// error, for alg.
func errNilCtx(alg backends.CipherAlgorithm) error {
	return fmt.Errorf("ciphers: backend returned a nil %s context: %w", alg.Name(), backends.ErrInvalidArgument)
}

func wrap(err error) error {
	if err == backends.ErrInvalidTag {
		return err
	}
	return guard.Wrap("ciphers", err)
}
