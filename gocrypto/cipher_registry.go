package gocrypto

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

type adapterKey struct {
	cipher, mode reflect.Type // mode is nil for stream ciphers
}

// cipherRegistry maps (cipher type, mode type) to the adapter that names
// the cipher, as the OpenSSL backend's registry does, and with the same
// names (OpenSSL's EVP names, such as "aes-128-cbc"): a name means the same
// cipher to both backends.
type cipherRegistry struct {
	mu sync.RWMutex
	m  map[adapterKey]backends.CipherAdapter
}

// errNoBackend is the error of the cipher methods of a zero Backend or a
// nil *Backend, which have no adapters.
var errNoBackend = fmt.Errorf("gocrypto: Backend used without NewBackend or DefaultBackend: %w", backends.ErrInvalidArgument)

// typeOf returns v's dynamic type, or nil for a nil interface.
func typeOf(v any) reflect.Type {
	if v == nil {
		return nil
	}
	return reflect.TypeOf(v)
}

func (r *cipherRegistry) register(cipherType, modeType reflect.Type, a backends.CipherAdapter) error {
	if cipherType == nil || a == nil {
		return fmt.Errorf("gocrypto: RegisterCipherAdapter needs a cipher type and an adapter: %w", backends.ErrInvalidArgument)
	}
	k := adapterKey{cipherType, modeType}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		return errNoBackend
	}
	if _, dup := r.m[k]; dup {
		return fmt.Errorf("gocrypto: adapter for (%v, %v) already registered: %w", cipherType, modeType, backends.ErrDuplicateAdapter)
	}
	r.m[k] = a
	return nil
}

// made reports whether init has run: a zero Backend's registry has not.
func (r *cipherRegistry) made() bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.m != nil
}

func (r *cipherRegistry) lookup(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherAdapter, bool) {
	k := adapterKey{typeOf(cipher), typeOf(mode)}
	r.mu.RLock()
	a, ok := r.m[k]
	r.mu.RUnlock()
	return a, ok
}

// nameAdapter names the cipher from a pattern: {keybits} is replaced with
// the key size in bits and {mode} with the mode's lower-case name.
func nameAdapter(pattern string) backends.CipherAdapter {
	return func(c backends.CipherAlgorithm, m backends.Mode) (string, bool) {
		s := strings.ReplaceAll(pattern, "{keybits}", strconv.Itoa(c.KeySize()))
		if m != nil {
			s = strings.ReplaceAll(s, "{mode}", strings.ToLower(m.Name()))
		}
		return s, true
	}
}

// xtsAdapter names AES-XTS by the size of one of its two keys.
func xtsAdapter(c backends.CipherAlgorithm, _ backends.Mode) (string, bool) {
	switch c.KeySize() {
	case 256:
		return "aes-128-xts", true
	case 512:
		return "aes-256-xts", true
	}
	return "", false
}

// blockModes is every block mode type with a default adapter.
var blockModes = []backends.Mode{
	(*modes.ECB)(nil), (*modes.CBC)(nil), (*modes.CTR)(nil), (*modes.OFB)(nil),
	(*modes.CFB)(nil), (*modes.CFB8)(nil), (*modes.GCM)(nil),
}

// init registers the default adapters, the OpenSSL backend's table: for
// each block cipher its name pattern for every mode, AES-XTS and AES-CCM,
// ARC4, ChaCha20 and ChaCha20-Poly1305. Whether Go runs the name it gives
// is for CipherSupported to say (Camellia, SEED, IDEA, SM4, CFB8 and CCM:
// never).
func (r *cipherRegistry) init() {
	r.m = make(map[adapterKey]backends.CipherAdapter)
	for _, c := range []struct {
		cipher  backends.CipherAlgorithm
		pattern string
	}{
		{(*algorithms.AES)(nil), "aes-{keybits}-{mode}"},
		{(*algorithms.Camellia)(nil), "camellia-{keybits}-{mode}"},
		{(*algorithms.TripleDES)(nil), "des-ede3-{mode}"},
		{(*algorithms.Blowfish)(nil), "bf-{mode}"},
		{(*algorithms.CAST5)(nil), "cast5-{mode}"},
		{(*algorithms.SEED)(nil), "seed-{mode}"},
		{(*algorithms.IDEA)(nil), "idea-{mode}"},
		{(*algorithms.SM4)(nil), "sm4-{mode}"},
	} {
		for _, m := range blockModes {
			mustRegister(r, typeOf(c.cipher), typeOf(m), nameAdapter(c.pattern))
		}
	}
	mustRegister(r, typeOf((*algorithms.AES)(nil)), typeOf((*modes.XTS)(nil)), xtsAdapter)
	mustRegister(r, typeOf((*algorithms.AES)(nil)), typeOf((*modes.CCM)(nil)), nameAdapter("aes-{keybits}-{mode}"))
	mustRegister(r, typeOf((*algorithms.ChaCha20Poly1305)(nil)), nil, nameAdapter("chacha20-poly1305"))
	mustRegister(r, typeOf((*algorithms.ARC4)(nil)), nil, nameAdapter("rc4"))
	mustRegister(r, typeOf((*algorithms.ChaCha20)(nil)), nil, nameAdapter("chacha20"))
}

func mustRegister(r *cipherRegistry, c, m reflect.Type, a backends.CipherAdapter) {
	if err := r.register(c, m, a); err != nil {
		panic(err) // the default table has no duplicates
	}
}
