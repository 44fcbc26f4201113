package gocrypto

import (
	"bytes"
	"crypto/cipher"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

// Tag lengths, in bytes.
const (
	// tagSize is the full tag of GCM and ChaCha20-Poly1305, and the one
	// encryption contexts produce.
	tagSize = 16
	// gcmMinTagSize is the shortest GCM tag Go takes
	// (cipher.NewGCMWithTagSize); OpenSSL goes down to 4.
	gcmMinTagSize = 12
	// gcmMinTagSizeAny is the shortest GCM tag of NIST SP 800-38D
	// 5.2.1.2 (32 bits), which OpenSSL takes: shorter ones are invalid
	// everywhere, those from here to gcmMinTagSize not in Go's crypto.
	gcmMinTagSizeAny = 4
	// gcmStandardNonceSize is the only nonce length with which Go takes a
	// GCM tag shorter than 16 bytes: it has no constructor for both.
	gcmStandardNonceSize = 12
)

// Longest messages, in bytes, that Go seals without panicking: 2^32-2
// blocks for GCM (NIST SP 800-38D 5.2.1.1), 2^32-1 blocks of 64 bytes for
// ChaCha20-Poly1305 (RFC 8439 2.8), as golang.org/x/crypto counts them.
const (
	gcmMaxPlaintext        = ((1 << 32) - 2) * 16
	chachaPolyMaxPlaintext = (1 << 38) - 64
)

// maxPlaintext returns the longest message kind k seals.
func maxPlaintext(k kind) uint64 {
	if k == kindChaChaPoly {
		return chachaPolyMaxPlaintext
	}
	return gcmMaxPlaintext
}

// newGoAEAD returns Go's AEAD for kind k with the given nonce and tag
// lengths. A tag length no AEAD takes gives an error wrapping
// [backends.ErrInvalidTagSize]; one that OpenSSL takes and Go does not (a
// GCM tag of 4 to 11 bytes), or a combination Go has no constructor for (a
// GCM tag shorter than 16 bytes with a nonce other than 12 bytes), gives
// an [*backends.UnsupportedAlgorithmError] ("not in Go's crypto") that
// also wraps [backends.ErrInvalidTagSize] or sentinel.
func newGoAEAD(name string, k kind, blk cipher.Block, key []byte, nonceLen, tagLen int, sentinel error) (cipher.AEAD, error) {
	if k == kindChaChaPoly {
		if tagLen != tagSize {
			return nil, fmt.Errorf("gocrypto: %s tag of %d bytes, want %d bytes: %w", name, tagLen, tagSize, backends.ErrInvalidTagSize)
		}
		if nonceLen != chacha20poly1305.NonceSize {
			return nil, fmt.Errorf("gocrypto: %s takes a %d-byte nonce, got %d: %w", name, chacha20poly1305.NonceSize, nonceLen, backends.ErrInvalidIVSize)
		}
		a, err := chacha20poly1305.New(key)
		if err != nil {
			return nil, fmt.Errorf("gocrypto: %s: %v: %w", name, err, backends.ErrInvalidKeySize)
		}
		return a, nil
	}
	if err := modes.CheckGCMIVSize(nonceLen); err != nil {
		return nil, err
	}
	if tagLen < gcmMinTagSizeAny || tagLen > tagSize {
		return nil, fmt.Errorf("gocrypto: %s tag of %d bytes, want %d to %d bytes: %w",
			name, tagLen, gcmMinTagSizeAny, tagSize, backends.ErrInvalidTagSize)
	}
	if tagLen < gcmMinTagSize {
		return nil, goLimit(name, fmt.Errorf("gocrypto: %s tag of %d bytes, want %d to %d bytes (Go's GCM takes no shorter tag): %w",
			name, tagLen, gcmMinTagSize, tagSize, backends.ErrInvalidTagSize))
	}
	var a cipher.AEAD
	var err error
	switch {
	case nonceLen == gcmStandardNonceSize && tagLen == tagSize:
		a, err = cipher.NewGCM(blk)
	case nonceLen == gcmStandardNonceSize:
		a, err = cipher.NewGCMWithTagSize(blk, tagLen)
	case tagLen == tagSize:
		a, err = cipher.NewGCMWithNonceSize(blk, nonceLen)
	default:
		return nil, goLimit(name, fmt.Errorf("gocrypto: %s with a %d-byte nonce takes 16-byte tags only, got %d (Go's GCM takes a shorter tag with a 12-byte nonce only): %w",
			name, nonceLen, tagLen, sentinel))
	}
	if err != nil {
		return nil, fmt.Errorf("gocrypto: %s: %w", name, err)
	}
	return a, nil
}

// aeadStreamCtx is a cipher context of GCM or ChaCha20-Poly1305. Go's
// implementations are one-shot, so it holds the data back: Update and
// UpdateInto release nothing, and Finalize (or FinalizeWithTag) returns
// the whole output, decryption only once the tag is checked. It
// implements [backends.AEADEncryptionContext] when encrypting and
// [backends.AEADDecryptionContext] when decrypting, and is not safe for
// concurrent use.
type aeadStreamCtx struct {
	name    string
	kind    kind
	encrypt bool
	blk     cipher.Block // GCM
	key     []byte       // ChaCha20-Poly1305: a copy, cleared at Finalize
	iv      []byte
	aad     []byte
	data    []byte
	tag     []byte // decryption: the expected tag, or nil; encryption: the tag after Finalize
	minTag  int    // the shortest tag decryption accepts
	started bool   // data has come through Update
	done    bool
}

var (
	_ backends.AEADEncryptionContext = (*aeadStreamCtx)(nil)
	_ backends.AEADDecryptionContext = (*aeadStreamCtx)(nil)
)

func newAEADStreamCtx(c *cipherCtx, g *goCipher, key, iv []byte, mode backends.Mode) (*aeadStreamCtx, error) {
	a := &aeadStreamCtx{name: g.name, kind: g.kind, encrypt: c.encrypt, iv: bytes.Clone(iv), minTag: tagSize}
	if g.kind == kindGCM {
		blk, err := g.newBlock(key)
		if err != nil {
			return nil, fmt.Errorf("gocrypto: %s refused a %d-byte key: %v: %w", g.name, len(key), err, backends.ErrInvalidKeySize)
		}
		a.blk = blk
	} else {
		a.key = bytes.Clone(key)
	}
	// The nonce must suit Go's AEAD; 16-byte tags always do.
	if _, err := newGoAEAD(a.name, a.kind, a.blk, a.key, len(iv), tagSize, backends.ErrInvalidIVSize); err != nil {
		return nil, err
	}
	m, ok := mode.(backends.ModeWithAuthenticationTag)
	if !ok {
		return a, nil
	}
	if n := m.MinTagLength(); n > 0 && a.kind == kindGCM {
		a.minTag = max(n, 4)
	}
	if t := m.Tag(); t != nil {
		if a.encrypt {
			return nil, fmt.Errorf("gocrypto: a tag is for decryption; encrypting with %s takes none: %w", g.name, backends.ErrInvalidArgument)
		}
		if err := a.checkTag(len(t)); err != nil {
			return nil, err
		}
		a.tag = bytes.Clone(t)
	}
	return a, nil
}

// checkTag returns an error wrapping [backends.ErrInvalidTagSize] unless
// decryption takes a tag of n bytes: the mode's minimum to 16, and what
// Go's AEAD takes (see newGoAEAD).
func (a *aeadStreamCtx) checkTag(n int) error {
	if n < a.minTag || n > tagSize {
		return fmt.Errorf("gocrypto: %s tag of %d bytes, want %d to %d bytes: %w", a.name, n, a.minTag, tagSize, backends.ErrInvalidTagSize)
	}
	_, err := newGoAEAD(a.name, a.kind, a.blk, a.key, len(a.iv), n, backends.ErrInvalidTagSize)
	return err
}

func (a *aeadStreamCtx) ready() error {
	if a.done {
		return backends.ErrAlreadyFinalized
	}
	if a.iv == nil {
		return errNoCipherCtx
	}
	return nil
}

// AuthenticateAdditionalData adds data that is authenticated but not
// encrypted. It must come before the first Update with data
// ([backends.ErrInvalidArgument] otherwise).
func (a *aeadStreamCtx) AuthenticateAdditionalData(data []byte) error {
	if err := a.ready(); err != nil {
		return err
	}
	if a.started {
		return fmt.Errorf("gocrypto: additional data must come before the first Update: %w", backends.ErrInvalidArgument)
	}
	a.aad = append(a.aad, data...)
	return nil
}

// Update takes data and returns no output: everything comes at Finalize.
func (a *aeadStreamCtx) Update(data []byte) ([]byte, error) {
	if _, err := a.UpdateInto(data, nil); err != nil {
		return nil, err
	}
	return []byte{}, nil
}

// UpdateInto takes data and writes nothing to buf, which needs no room:
// everything comes at Finalize. A message longer than Go's AEAD seals
// (2^36-32 bytes for GCM) gets an error wrapping
// [backends.ErrInvalidDataLength].
func (a *aeadStreamCtx) UpdateInto(data, _ []byte) (int, error) {
	if err := a.ready(); err != nil {
		return 0, err
	}
	if uint64(len(a.data))+uint64(len(data)) > maxPlaintext(a.kind) {
		return 0, fmt.Errorf("gocrypto: %s message longer than %d bytes: %w", a.name, maxPlaintext(a.kind), backends.ErrInvalidDataLength)
	}
	if len(data) > 0 {
		a.started = true
		a.data = append(a.data, data...)
	}
	return 0, nil
}

// finish ends the context and clears what it held.
func (a *aeadStreamCtx) finish() {
	a.done = true
	clear(a.data)
	clear(a.key)
	a.data, a.aad, a.blk = nil, nil, nil
}

// Finalize ends the operation and returns the whole output. Encrypting, it
// computes the 16-byte tag (see Tag). Decrypting, it checks the tag given
// in the mode and returns the plaintext only when it matches, else the bare
// [backends.ErrInvalidTag]; a mode built without a tag needs
// FinalizeWithTag instead ([backends.ErrInvalidArgument]).
func (a *aeadStreamCtx) Finalize() ([]byte, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if !a.encrypt {
		if a.tag == nil {
			return nil, fmt.Errorf("gocrypto: decryption needs a tag: give it to the mode or use FinalizeWithTag: %w", backends.ErrInvalidArgument)
		}
		return a.open(a.tag)
	}
	defer a.finish()
	g, err := newGoAEAD(a.name, a.kind, a.blk, a.key, len(a.iv), tagSize, backends.ErrInvalidIVSize)
	if err != nil {
		return nil, err
	}
	sealed := g.Seal(nil, a.iv, a.data, a.aad)
	n := len(a.data)
	a.tag = sealed[n:]
	return sealed[:n:n], nil
}

// FinalizeWithTag ends decryption, checking tag, and returns the plaintext
// only when it matches, else the bare [backends.ErrInvalidTag]. Its length
// must be 16 bytes, or for GCM down to the mode's MinTagLength but no
// shorter than 12 bytes, Go's minimum (and 16 with a nonce other than 12
// bytes), else the error wraps [backends.ErrInvalidTagSize].
func (a *aeadStreamCtx) FinalizeWithTag(tag []byte) ([]byte, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if a.encrypt {
		return nil, fmt.Errorf("gocrypto: FinalizeWithTag on an encryption context: %w", backends.ErrInvalidArgument)
	}
	if a.tag != nil {
		return nil, fmt.Errorf("gocrypto: the mode already carries a tag; use Finalize: %w", backends.ErrInvalidArgument)
	}
	if err := a.checkTag(len(tag)); err != nil {
		return nil, err
	}
	return a.open(tag)
}

func (a *aeadStreamCtx) open(tag []byte) ([]byte, error) {
	defer a.finish()
	g, err := newGoAEAD(a.name, a.kind, a.blk, a.key, len(a.iv), len(tag), backends.ErrInvalidTagSize)
	if err != nil {
		return nil, err
	}
	in := make([]byte, 0, len(a.data)+len(tag))
	in = append(append(in, a.data...), tag...)
	out, err := g.Open(in[:0], a.iv, in, a.aad)
	if err != nil {
		clear(in)
		return nil, backends.ErrInvalidTag
	}
	return out, nil
}

// Tag returns the tag computed by encryption. Before Finalize it returns
// [backends.ErrNotYetFinalized]; on a decryption context,
// [backends.ErrInvalidArgument].
func (a *aeadStreamCtx) Tag() ([]byte, error) {
	if !a.encrypt {
		return nil, fmt.Errorf("gocrypto: Tag on a decryption context: %w", backends.ErrInvalidArgument)
	}
	if !a.done || a.tag == nil {
		return nil, backends.ErrNotYetFinalized
	}
	return bytes.Clone(a.tag), nil
}
