package ciphers

import (
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
	"github.com/go-hazmat/hazmat/openssl"
)

// Cipher is a symmetric cipher: an algorithm with a mode (nil for the
// stream ciphers ARC4 and ChaCha20) and the backend that runs them.
type Cipher struct {
	alg     backends.CipherAlgorithm
	mode    backends.Mode
	backend backends.CipherBackend
}

// NewCipher pairs alg with mode on the default OpenSSL backend. It checks
// the mode against the algorithm (IV length, block size, key size) and
// returns errors wrapping the sentinels of package backends; whether the
// backend offers the pair is checked by Encryptor and Decryptor.
func NewCipher(alg backends.CipherAlgorithm, mode backends.Mode) (*Cipher, error) {
	return NewCipherWithBackend(alg, mode, openssl.DefaultBackend())
}

// NewCipherWithBackend is [NewCipher] with a chosen backend.
func NewCipherWithBackend(alg backends.CipherAlgorithm, mode backends.Mode, b backends.CipherBackend) (*Cipher, error) {
	if err := validate(alg, mode); err != nil {
		return nil, err
	}
	if b == nil {
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
		return nil
	}
	if err := mode.ValidateForAlgorithm(alg); err != nil {
		return fmt.Errorf("ciphers: %w", err)
	}
	return nil
}

// Supported reports whether the default backend can run alg in mode now.
func Supported(alg backends.CipherAlgorithm, mode backends.Mode) bool {
	if validate(alg, mode) != nil {
		return false
	}
	return openssl.DefaultBackend().CipherSupported(alg, mode)
}

// Algorithm returns the cipher's algorithm.
func (c *Cipher) Algorithm() backends.CipherAlgorithm { return c.alg }

// Mode returns the cipher's mode, nil for a stream cipher.
func (c *Cipher) Mode() backends.Mode { return c.mode }

// Encryptor returns a new encrypting context. With GCM, the mode must not
// carry a tag ([backends.ErrInvalidArgument]).
func (c *Cipher) Encryptor() (*Context, error) {
	if m, ok := c.mode.(backends.ModeWithAuthenticationTag); ok && m.Tag() != nil {
		return nil, fmt.Errorf("ciphers: a tag is for decryption; encrypting %s takes none: %w", c.mode.Name(), backends.ErrInvalidArgument)
	}
	ctx, err := c.backend.CreateSymmetricEncryptionCtx(c.alg, c.mode)
	if err != nil {
		return nil, fmt.Errorf("ciphers: %w", err)
	}
	return newContext(ctx, true), nil
}

// Decryptor returns a new decrypting context. With GCM, give the tag in the
// mode, or build the mode without one and end with FinalizeWithTag.
func (c *Cipher) Decryptor() (*Context, error) {
	ctx, err := c.backend.CreateSymmetricDecryptionCtx(c.alg, c.mode)
	if err != nil {
		return nil, fmt.Errorf("ciphers: %w", err)
	}
	return newContext(ctx, false), nil
}

// Context encrypts or decrypts a stream of data, like pyca's
// CipherContext. It is not safe for concurrent use.
//
// When decrypting with GCM, Update returns plaintext before the tag is
// checked at Finalize: do not use it until Finalize has succeeded. For
// messages that fit in memory, package aead checks first.
type Context struct {
	ctx     backends.CipherContext
	encrypt bool
}

func newContext(ctx backends.CipherContext, encrypt bool) *Context {
	return &Context{ctx: ctx, encrypt: encrypt}
}

// Update processes data and returns the output produced so far (for ECB
// and CBC, the whole blocks completed).
func (c *Context) Update(data []byte) ([]byte, error) {
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
	n, err := c.ctx.UpdateInto(data, buf)
	if err != nil {
		return 0, wrap(err)
	}
	return n, nil
}

// Finalize ends the operation and returns any remaining output. For GCM
// encryption the tag is then available from Tag; GCM decryption checks the
// tag the mode carries ([backends.ErrInvalidTag] on mismatch). Later calls
// return an error wrapping [backends.ErrAlreadyFinalized].
func (c *Context) Finalize() ([]byte, error) {
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
	a, ok := c.ctx.(backends.AEADCipherContext)
	if !ok {
		return fmt.Errorf("ciphers: additional data needs an authenticated mode: %w", backends.ErrInvalidArgument)
	}
	return wrap(a.AuthenticateAdditionalData(data))
}

// Tag returns the tag after GCM encryption's Finalize (before it, an error
// wrapping [backends.ErrNotYetFinalized]).
func (c *Context) Tag() ([]byte, error) {
	a, ok := c.ctx.(backends.AEADEncryptionContext)
	if !ok || !c.encrypt {
		return nil, fmt.Errorf("ciphers: Tag needs an authenticated encryption context: %w", backends.ErrInvalidArgument)
	}
	t, err := a.Tag()
	if err != nil {
		return nil, wrap(err)
	}
	return t, nil
}

// FinalizeWithTag ends GCM decryption with a tag known only now. The mode
// must have been built without a tag.
func (c *Context) FinalizeWithTag(tag []byte) ([]byte, error) {
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

// wrap prefixes the package name, except on the opaque tag error.
func wrap(err error) error {
	if err == nil || err == backends.ErrInvalidTag {
		return err
	}
	return fmt.Errorf("ciphers: %w", err)
}
