// Package cipherreg is the cipher adapter registry that every backend
// keeps: a map from (cipher type, mode type) to the [backends.CipherAdapter]
// that names the cipher, with the default adapters that give OpenSSL's EVP
// names ("aes-128-cbc", "des-ede3-cfb", "chacha20", ...). A name means the
// same cipher to every backend; whether a backend runs it is for its
// CipherSupported to say.
package cipherreg

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

type key struct {
	cipher, mode reflect.Type // mode is nil for stream ciphers
}

// Registry maps (cipher type, mode type) to adapters. Its zero value has
// no map: [Registry.Made] is false and [Registry.Register] returns the
// error given to [Registry.Init]'s caller as errNoBackend. It is safe for
// concurrent use.
type Registry struct {
	mu sync.RWMutex
	m  map[key]backends.CipherAdapter
}

// TypeOf returns v's dynamic type, or nil for a nil interface.
func TypeOf(v any) reflect.Type {
	if v == nil {
		return nil
	}
	return reflect.TypeOf(v)
}

// Register adds a for the pair of types. prefix starts the error messages
// ("openssl", "gocrypto"); errNoBackend is returned by a registry that
// [Registry.Init] has not made (a zero Backend's).
func (r *Registry) Register(prefix string, errNoBackend error, cipherType, modeType reflect.Type, a backends.CipherAdapter) error {
	if cipherType == nil || a == nil {
		return fmt.Errorf("%s: RegisterCipherAdapter needs a cipher type and an adapter: %w", prefix, backends.ErrInvalidArgument)
	}
	k := key{cipherType, modeType}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		return errNoBackend
	}
	if _, dup := r.m[k]; dup {
		return fmt.Errorf("%s: adapter for (%v, %v) already registered: %w", prefix, cipherType, modeType, backends.ErrDuplicateAdapter)
	}
	r.m[k] = a
	return nil
}

// Made reports whether Init has run: a zero Backend's registry has not.
func (r *Registry) Made() bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.m != nil
}

// Lookup returns the adapter registered for the types of cipher and mode.
func (r *Registry) Lookup(cipher backends.CipherAlgorithm, mode backends.Mode) (backends.CipherAdapter, bool) {
	k := key{TypeOf(cipher), TypeOf(mode)}
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

// Init makes the map and registers the default adapters: for each block
// cipher, its EVP name pattern for every mode, AES-XTS and AES-CCM, ARC4,
// ChaCha20 and ChaCha20-Poly1305. CCM and ChaCha20-Poly1305 are for the
// one-shot AEADs.
func (r *Registry) Init() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.m = make(map[key]backends.CipherAdapter)
	add := func(c, m any, a backends.CipherAdapter) {
		r.m[key{TypeOf(c), TypeOf(m)}] = a
	}
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
			add(c.cipher, m, nameAdapter(c.pattern))
		}
	}
	add((*algorithms.AES)(nil), (*modes.XTS)(nil), xtsAdapter)
	add((*algorithms.AES)(nil), (*modes.CCM)(nil), nameAdapter("aes-{keybits}-{mode}"))
	add((*algorithms.ChaCha20Poly1305)(nil), nil, nameAdapter("chacha20-poly1305"))
	add((*algorithms.ARC4)(nil), nil, nameAdapter("rc4"))
	add((*algorithms.ChaCha20)(nil), nil, nameAdapter("chacha20"))
}
