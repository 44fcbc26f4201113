package gocrypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"fmt"
	"reflect"
	"strings"

	//lint:ignore SA1019 Blowfish is offered for compatibility, as OpenSSL offers it, and refused in FIPS mode
	"golang.org/x/crypto/blowfish"
	//lint:ignore SA1019 CAST5 is offered for compatibility, as OpenSSL offers it, and refused in FIPS mode
	"golang.org/x/crypto/cast5"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/guard"
)

var _ backends.CipherBackend = (*Backend)(nil)

// kind is how a context runs a cipher over Go's implementation.
type kind int

const (
	kindECB        kind = iota + 1 // cipher.Block, block by block
	kindCBC                        // cipher.NewCBCEncrypter/Decrypter
	kindCTR                        // cipher.NewCTR
	kindOFB                        // cipher.NewOFB
	kindCFB                        // cipher.NewCFBEncrypter/Decrypter (full-block feedback)
	kindGCM                        // cipher.NewGCM..., one-shot
	kindXTS                        // golang.org/x/crypto/xts
	kindRC4                        // crypto/rc4
	kindChaCha20                   // golang.org/x/crypto/chacha20
	kindChaChaPoly                 // golang.org/x/crypto/chacha20poly1305, one-shot
)

// approval is what Go's FIPS 140-3 module says of a cipher.
type approval int

const (
	// approved: served in every setting.
	approved approval = iota
	// approvedOn: served under fips140=on, refused under fips140=only
	// (AES-GCM with caller nonces, which Go then refuses).
	approvedOn
	// notApproved: refused whenever FIPS mode is on; the module has no
	// such algorithm, or Go runs it outside the module.
	notApproved
)

// goCipher is a cipher name the backend can run: what the adapters return,
// with how to run it.
type goCipher struct {
	name   string
	kind   kind
	keyLen int // bytes; 0 for a variable-length key checked by newBlock
	// newBlock makes Go's block cipher for a key; nil for stream ciphers.
	newBlock func(key []byte) (cipher.Block, error)
	fips     approval
}

// goCiphers are the names of the default adapters that Go can run, keyed
// by name. A name missing here is not in Go's crypto: Camellia, SEED, IDEA,
// SM4, CFB8, CCM, and the 64-bit block ciphers in CTR and GCM, which
// OpenSSL does not name either.
var goCiphers = func() map[string]*goCipher {
	m := make(map[string]*goCipher)
	add := func(c *goCipher) { m[c.name] = c }
	aesModes := []struct {
		mode string
		k    kind
		fips approval
	}{
		// ECB is the module's approved AES block function applied to each
		// block (NIST SP 800-38A 6.1); CBC and CTR are the module's own.
		{"ecb", kindECB, approved},
		{"cbc", kindCBC, approved},
		{"ctr", kindCTR, approved},
		// OFB and CFB run in crypto/cipher, outside the module; Go marks
		// them deprecated and refuses them under fips140=only.
		{"ofb", kindOFB, notApproved},
		{"cfb", kindCFB, notApproved},
		// GCM with caller nonces: Go allows it under fips140=on and
		// refuses it under fips140=only.
		{"gcm", kindGCM, approvedOn},
	}
	for _, bits := range []int{128, 192, 256} {
		for _, am := range aesModes {
			add(&goCipher{name: fmt.Sprintf("aes-%d-%s", bits, am.mode), kind: am.k, keyLen: bits / 8, newBlock: aes.NewCipher, fips: am.fips})
		}
	}
	// XTS is in golang.org/x/crypto, not in Go's module.
	add(&goCipher{name: "aes-128-xts", kind: kindXTS, keyLen: 32, newBlock: aes.NewCipher, fips: notApproved})
	add(&goCipher{name: "aes-256-xts", kind: kindXTS, keyLen: 64, newBlock: aes.NewCipher, fips: notApproved})
	for _, c := range []struct {
		prefix   string
		keyLen   int
		newBlock func([]byte) (cipher.Block, error)
	}{
		{"des-ede3", 24, des.NewTripleDESCipher},
		{"bf", 0, func(k []byte) (cipher.Block, error) { return blowfish.NewCipher(k) }},
		{"cast5", 0, newCAST5},
	} {
		for _, bm := range []struct {
			mode string
			k    kind
		}{{"ecb", kindECB}, {"cbc", kindCBC}, {"ofb", kindOFB}, {"cfb", kindCFB}} {
			add(&goCipher{name: c.prefix + "-" + bm.mode, kind: bm.k, keyLen: c.keyLen, newBlock: c.newBlock, fips: notApproved})
		}
	}
	add(&goCipher{name: "rc4", kind: kindRC4, fips: notApproved})
	add(&goCipher{name: "chacha20", kind: kindChaCha20, keyLen: 32, fips: notApproved})
	add(&goCipher{name: "chacha20-poly1305", kind: kindChaChaPoly, keyLen: 32, fips: notApproved})
	return m
}()

// cipherAliases maps OpenSSL's other names of the ciphers Go runs (as
// "openssl list -cipher-algorithms" shows them, in lower case) to the names
// of goCiphers.
var cipherAliases = map[string]string{
	"aes128":        "aes-128-cbc",
	"aes192":        "aes-192-cbc",
	"aes256":        "aes-256-cbc",
	"id-aes128-gcm": "aes-128-gcm",
	"id-aes192-gcm": "aes-192-gcm",
	"id-aes256-gcm": "aes-256-gcm",
	"des-ede3":      "des-ede3-ecb",
	"des3":          "des-ede3-cbc",
	"bf":            "bf-cbc",
	"blowfish":      "bf-cbc",
	"cast":          "cast5-cbc",
	"cast-cbc":      "cast5-cbc",
}

// canonicalName returns the name of goCiphers for a cipher name an adapter
// gives: OpenSSL finds a cipher by its name in any case and by its aliases
// ("AES-128-CBC", "aes128"), so a name means the same cipher to both
// backends.
func canonicalName(name string) string {
	name = strings.ToLower(name)
	if c, ok := cipherAliases[name]; ok {
		return c
	}
	return name
}

// errCAST5KeySize is the reason CAST5 with a key shorter than 128 bits is
// refused: OpenSSL takes 40 to 128 bits (RFC 2144), Go only 128.
var errCAST5KeySize = fmt.Errorf("gocrypto: Go's CAST5 takes 16-byte keys only: %w", errNotInGo)

func newCAST5(key []byte) (cipher.Block, error) {
	if len(key) != cast5.KeySize {
		return nil, errCAST5KeySize
	}
	return cast5.NewCipher(key)
}

// goLimit returns the error for parameters that OpenSSL takes and Go's
// implementation does not (a GCM tag shorter than 12 bytes, an XTS data
// unit of a partial block, ...): an [*backends.UnsupportedAlgorithmError]
// that says "not in Go's crypto", whose detail wraps the parameter
// sentinel too, so that errors.Is finds both.
func goLimit(name string, detail error) error {
	return &backends.UnsupportedAlgorithmError{Algorithm: name, Reason: backends.ReasonUnsupportedCipher, Err: fmt.Errorf("%w: %w", detail, errNotInGo)}
}

// names returns the algorithm and mode names errors give for the pair.
func names(c backends.CipherAlgorithm, m backends.Mode) (alg, mode string) {
	if !guard.IsNil(c) {
		alg = c.Name()
	}
	if !guard.IsNil(m) {
		mode = m.Name()
	} else if m != nil {
		mode = reflect.TypeOf(m).Elem().Name()
	}
	return alg, mode
}

// resolve names the pair with its adapter and returns what Go runs for
// it, or the refusal: no adapter (ReasonNoAdapter), a name Go does not
// have (not in Go's crypto), or one Go's module does not approve in the
// FIPS setting in force.
func (b *Backend) resolve(cipher backends.CipherAlgorithm, mode backends.Mode) (*goCipher, error) {
	g, err := b.lookupName(cipher, mode)
	if err != nil {
		return nil, err
	}
	alg, mname := names(cipher, mode)
	if err := checkFIPS(g, alg, mname); err != nil {
		return nil, err
	}
	return g, nil
}

// lookupName is resolve without the FIPS check.
func (b *Backend) lookupName(cipher backends.CipherAlgorithm, mode backends.Mode) (*goCipher, error) {
	if b == nil || !b.ciphers.made() {
		return nil, errNoBackend
	}
	if guard.IsNil(cipher) {
		return nil, fmt.Errorf("gocrypto: nil cipher: %w", backends.ErrInvalidArgument)
	}
	if len(cipher.Key()) == 0 {
		return nil, fmt.Errorf("gocrypto: %s has no key, as a zero value has none; build it with its constructor: %w",
			cipher.Name(), backends.ErrInvalidKeySize)
	}
	alg, mname := names(cipher, mode)
	a, ok := b.ciphers.lookup(cipher, mode)
	if !ok {
		return nil, &backends.UnsupportedAlgorithmError{Algorithm: alg, Mode: mname, Reason: backends.ReasonNoAdapter}
	}
	name, ok := a(cipher, mode)
	if !ok || name == "" {
		return nil, notInGo(alg, mname, backends.ReasonUnsupportedCipher)
	}
	g := goCiphers[canonicalName(name)]
	if g == nil {
		return nil, notInGo(alg, mname, backends.ReasonUnsupportedCipher)
	}
	return g, nil
}

// checkFIPS refuses g when Go's module does not approve it in the setting
// in force.
func checkFIPS(g *goCipher, alg, mode string) error {
	switch {
	case !FIPS():
		return nil
	case g.fips == notApproved:
		return fipsRefused(alg, mode)
	case g.fips == approvedOn && Enforced():
		return fipsOnlyRefused(alg, mode)
	}
	return nil
}

// CipherSupported reports whether the pair can be used: an adapter names a
// cipher that Go implements, Go's FIPS 140-3 module approves it when FIPS
// mode is on, and Go can run it with the descriptors' parameters. mode is
// nil for stream ciphers. It is safe for concurrent use.
//
// Go runs AES in ECB, CBC, CTR, OFB, CFB (full-block feedback), GCM and XTS
// (golang.org/x/crypto/xts); TripleDES, Blowfish and CAST5
// (golang.org/x/crypto) in ECB, CBC, OFB and CFB; ARC4; ChaCha20. Not in
// Go's crypto, whatever the setting: Camellia, SEED, IDEA, SM4, CFB8 and
// CCM (the one-shot AEADs have no CCM either); CAST5 with keys shorter than
// 128 bits (Go's CAST5 takes 128-bit keys only); AES-XTS with a tweak
// that is not a little-endian sector number (its last 8 bytes must be zero,
// as x/crypto/xts builds the tweak from a uint64); and a GCM mode carrying
// a tag of 4 to 11 bytes, or one shorter than 16 bytes with a nonce other
// than 12 bytes (Go's GCM cannot check them).
//
// With Go's FIPS 140-3 module on (GODEBUG=fips140=on or only), only AES in
// ECB, CBC, CTR and GCM is served: CBC, CTR and GCM are the module's own
// modes, and ECB is the module's approved AES block function applied to
// each block (NIST SP 800-38A 6.1). OFB and CFB (which Go runs outside the
// module and marks deprecated), XTS (not in the module), TripleDES,
// Blowfish, CAST5, ARC4 and ChaCha20 are refused with
// [backends.ReasonFIPSRefused]. Under fips140=only GCM is refused too,
// since Go refuses GCM with caller nonces there: use
// [Backend.CreateRandomNonceAEADCtx].
func (b *Backend) CipherSupported(cipher backends.CipherAlgorithm, mode backends.Mode) bool {
	g, err := b.resolve(cipher, mode)
	if err != nil {
		return false
	}
	return g.runs(cipher, mode) == nil
}

// runs returns nil when Go runs g with the descriptors' parameters, and the
// refusal otherwise.
func (g *goCipher) runs(cipher backends.CipherAlgorithm, mode backends.Mode) error {
	alg, mname := names(cipher, mode)
	if g.name == "cast5-ecb" || g.name == "cast5-cbc" || g.name == "cast5-ofb" || g.name == "cast5-cfb" {
		if len(cipher.Key()) != cast5.KeySize {
			return &backends.UnsupportedAlgorithmError{Algorithm: alg, Mode: mname, Reason: backends.ReasonUnsupportedCipher, Err: errCAST5KeySize}
		}
	}
	if g.kind == kindXTS {
		if t := ivOf(cipher, mode); len(t) == xtsTweakSize && !sectorTweak(t) {
			return &backends.UnsupportedAlgorithmError{Algorithm: alg, Mode: mname, Reason: backends.ReasonUnsupportedCipher, Err: errXTSTweak}
		}
	}
	if m, ok := mode.(backends.ModeWithAuthenticationTag); ok && g.kind == kindGCM && !guard.IsNil(mode) {
		// A tag OpenSSL checks and Go's GCM cannot (see newGoAEAD).
		n, ivLen := len(m.Tag()), len(ivOf(cipher, mode))
		if n >= gcmMinTagSizeAny && n < tagSize && (n < gcmMinTagSize || ivLen != gcmStandardNonceSize) {
			return &backends.UnsupportedAlgorithmError{Algorithm: alg, Mode: mname, Reason: backends.ReasonUnsupportedCipher,
				Err: fmt.Errorf("gocrypto: %s tag of %d bytes with a %d-byte nonce (Go's GCM checks tags of 12 to 16 bytes with a 12-byte nonce, 16 bytes otherwise): %w: %w",
					g.name, n, ivLen, backends.ErrInvalidTagSize, errNotInGo)}
		}
	}
	return nil
}

// RegisterCipherAdapter registers adapter for a (cipher type, mode type)
// pair; modeType is nil for stream ciphers. The adapter returns the
// cipher's name as OpenSSL knows it: "aes-128-cbc", in any case, or one of
// OpenSSL's aliases such as "aes128" or "des3". A name Go does not run
// makes the pair unsupported. Registering a pair twice returns an
// error wrapping [backends.ErrDuplicateAdapter]; a zero Backend or a nil
// *Backend, one wrapping [backends.ErrInvalidArgument]. It is safe for
// concurrent use.
func (b *Backend) RegisterCipherAdapter(cipherType, modeType reflect.Type, adapter backends.CipherAdapter) error {
	if b == nil {
		return errNoBackend
	}
	return b.ciphers.register(cipherType, modeType, adapter)
}

// CreateSymmetricEncryptionCtx returns an encrypting context for the pair;
// for an authenticated mode it is a [backends.AEADEncryptionContext]. The
// descriptors must have been validated (mode.ValidateForAlgorithm), as the
// primitives do; the key, IV, nonce and tweak lengths are checked again
// here, so that Go's constructors never panic. An unsupported pair gives an
// [*backends.UnsupportedAlgorithmError]. See [Backend.CipherSupported].
//
// The context takes no padding (ECB and CBC input must add up to whole
// blocks) and is not safe for concurrent use. GCM and ChaCha20-Poly1305
// contexts hold all data back until Finalize, since Go's implementations
// are one-shot: the context keeps the whole message in memory, UpdateInto
// writes nothing and needs no room; encryption tags are 16 bytes, and
// decryption takes tags down to the mode's MinTagLength but no shorter
// than 12 bytes (Go's minimum; 16 with a nonce other than 12 bytes). XTS
// takes one data unit of whole 16-byte blocks in a single Update (Go's XTS
// has no ciphertext stealing), of at most 2^20 blocks (IEEE 1619-2018;
// longer units get an error wrapping [backends.ErrInvalidDataLength], as
// OpenSSL refuses them). ChaCha20's 16-byte nonce is OpenSSL's: a
// 4-byte little-endian block counter, then the 12-byte nonce of RFC 8439;
// Go's counter stops at 2^32 blocks, where OpenSSL carries into the nonce.
//
// What OpenSSL takes and Go does not (a GCM tag of 4 to 11 bytes, an XTS
// unit with a partial block, ChaCha20 data past the counter's end) is
// refused with an [*backends.UnsupportedAlgorithmError], "not in Go's
// crypto", that also wraps the parameter's sentinel
// ([backends.ErrInvalidTagSize], [backends.ErrInvalidDataLength]); nothing
// is written then.
func (b *Backend) CreateSymmetricEncryptionCtx(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherContext, error) {
	return b.createCipherCtx(cipher, mode, true)
}

// CreateSymmetricDecryptionCtx returns a decrypting context for the pair;
// for an authenticated mode it is a [backends.AEADDecryptionContext], which
// releases no plaintext before the tag is checked at Finalize or
// FinalizeWithTag. See [Backend.CreateSymmetricEncryptionCtx].
func (b *Backend) CreateSymmetricDecryptionCtx(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherContext, error) {
	return b.createCipherCtx(cipher, mode, false)
}

// ivOf returns the IV, nonce or tweak the pair carries, or nil.
func ivOf(cipher backends.CipherAlgorithm, mode backends.Mode) []byte {
	if guard.IsNil(mode) {
		if c, ok := cipher.(backends.CipherAlgorithmWithNonce); ok && mode == nil {
			return c.Nonce()
		}
		return nil
	}
	switch m := mode.(type) {
	case backends.ModeWithIV:
		return m.IV()
	case backends.ModeWithNonce:
		return m.Nonce()
	case backends.ModeWithTweak:
		return m.Tweak()
	}
	return nil
}
