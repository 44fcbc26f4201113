package reliability_test

import (
	"crypto/aes"
	"crypto/cipher"
	stdhmac "crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

func TestMain(m *testing.M) {
	fmt.Fprintln(os.Stderr, defaultbackend.Describe())
	if err := openssl.Init(); err != nil && defaultbackend.Name() == defaultbackend.OpenSSL {
		fmt.Fprintf(os.Stderr, "OpenSSL initialisation failed: %v\n", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// goHash pairs a hazmat hash with Go's implementation of it.
type goHash struct {
	alg hashes.Algorithm
	new func() hash.Hash
}

// goHashes lists every fixed-output hash that Go's standard library has.
var goHashes = []goHash{
	{hashes.SHA1{}, sha1.New},
	{hashes.SHA224{}, sha256.New224},
	{hashes.SHA256{}, sha256.New},
	{hashes.SHA384{}, sha512.New384},
	{hashes.SHA512{}, sha512.New},
	{hashes.SHA512_224{}, sha512.New512_224},
	{hashes.SHA512_256{}, sha512.New512_256},
	{hashes.SHA3_224{}, func() hash.Hash { return sha3.New224() }},
	{hashes.SHA3_256{}, func() hash.Hash { return sha3.New256() }},
	{hashes.SHA3_384{}, func() hash.Hash { return sha3.New384() }},
	{hashes.SHA3_512{}, func() hash.Hash { return sha3.New512() }},
	{hashes.MD5{}, md5.New},
}

// goSum returns Go's digest of the concatenated parts, computed even
// where GODEBUG=fips140=only makes Go refuse it (see goref.Run).
func goSum(newHash func() hash.Hash, parts ...[]byte) (out []byte) {
	goref.Run(func() {
		h := newHash()
		for _, p := range parts {
			h.Write(p)
		}
		out = h.Sum(nil)
	})
	return out
}

// goHMAC returns Go's HMAC of the concatenated parts, computed even where
// GODEBUG=fips140=only makes Go refuse it (short keys, SHA-1, MD5).
func goHMAC(newHash func() hash.Hash, key []byte, parts ...[]byte) (out []byte) {
	goref.Run(func() {
		h := stdhmac.New(newHash, key)
		for _, p := range parts {
			h.Write(p)
		}
		out = h.Sum(nil)
	})
	return out
}

// goGCM returns Go's AES-GCM with nonces of nonceSize bytes, which
// GODEBUG=fips140=only refuses but for a reference (see goref.Run).
func goGCM(key []byte, nonceSize int) (g cipher.AEAD, err error) {
	goref.Run(func() {
		var b cipher.Block
		if b, err = aes.NewCipher(key); err == nil {
			g, err = cipher.NewGCMWithNonceSize(b, nonceSize)
		}
	})
	return g, err
}

// sentinels is every sentinel error of the contract, plus padding's.
var sentinels = []error{
	backends.ErrUnsupportedAlgorithm, backends.ErrAlreadyFinalized, backends.ErrNotYetFinalized,
	backends.ErrInvalidTag, backends.ErrInvalidSignature, backends.ErrDuplicateAdapter,
	backends.ErrInvalidKeySize, backends.ErrInvalidIVSize, backends.ErrInvalidTagSize,
	backends.ErrInvalidDigestSize, backends.ErrInvalidDataLength, backends.ErrShortBuffer,
	backends.ErrInvalidBufferOverlap, backends.ErrInvalidArgument,
}

// requireKnownError asserts that err wraps one of the contract's sentinels
// or is an OpenSSL error: no error leaves hazmat unclassified.
func requireKnownError(t testing.TB, err error, msgAndArgs ...any) {
	t.Helper()
	require.Error(t, err, msgAndArgs...)
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	var oe *openssl.Error
	require.True(t, errors.As(err, &oe), "error %q wraps no sentinel of package backends and no *openssl.Error %v", err, fmt.Sprint(msgAndArgs...))
}

// requireHashRefused asserts that a hash b does not support is refused
// with ErrUnsupportedAlgorithm by both New and Sum on b.
func requireHashRefused(t testing.TB, alg hashes.Algorithm, b backends.HashBackend) {
	t.Helper()
	_, err := hashes.NewWithBackend(alg, b)
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, alg.Name())
	_, err = hashes.AppendSumWithBackend(nil, alg, []byte("abc"), b)
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, alg.Name())
}

// requireCipherRefused asserts that a valid pair b does not support is
// refused with ErrUnsupportedAlgorithm in both directions on b.
func requireCipherRefused(t testing.TB, alg backends.CipherAlgorithm, mode backends.Mode, b backends.CipherBackend) {
	t.Helper()
	c, err := ciphers.NewCipherWithBackend(alg, mode, b)
	require.NoError(t, err)
	_, err = c.Encryptor()
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
	_, err = c.Decryptor()
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
}

// TestRequireKnownError checks the helper the other tests rely on: it must
// accept wrapped sentinels and OpenSSL errors and nothing else.
func TestRequireKnownError(t *testing.T) {
	requireKnownError(t, fmt.Errorf("x: %w", backends.ErrInvalidTag))
	requireKnownError(t, fmt.Errorf("x: %w", &openssl.Error{Func: "EVP_Foo"}))
	requireKnownError(t, &backends.UnsupportedAlgorithmError{Algorithm: "x"})
	ft := &fakeTB{}
	func() {
		defer func() { _ = recover() }() // require stops the fake with FailNow
		requireKnownError(ft, errors.New("stray"))
	}()
	assert.True(t, ft.failed, "an unclassified error must fail")
}

// fakeTB records failures instead of failing the test.
type fakeTB struct {
	testing.TB
	failed bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Errorf(string, ...any) { f.failed = true }
func (f *fakeTB) FailNow()              { f.failed = true; panic("FailNow") }
func (f *fakeTB) Name() string          { return "fake" }
