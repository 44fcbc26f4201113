//go:build cgo

package reliability_test

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha3"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"math/rand/v2"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/blake2s"
	"golang.org/x/crypto/chacha20"
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// job is one algorithm to run on inputs drawn from rng. It returns its
// output, to be compared between goroutines, or an error describing a
// mismatch (with Go's crypto, or in a round trip).
type job struct {
	name  string
	goRef bool // checked against Go's crypto, not only across goroutines
	run   func(rng *rand.Rand) ([]byte, error)
}

func randBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// goHashFor returns Go's implementation of alg, or nil.
func goHashFor(alg hashes.Algorithm) func() hash.Hash {
	for _, g := range goHashes {
		if g.alg.Name() == alg.Name() {
			return g.new
		}
	}
	switch alg.(type) {
	case hashes.BLAKE2b:
		return func() hash.Hash { h, _ := blake2b.New512(nil); return h }
	case hashes.BLAKE2s:
		return func() hash.Hash { h, _ := blake2s.New256(nil); return h }
	case hashes.SHAKE128:
		return func() hash.Hash { return xofHash{sha3.NewSHAKE128(), alg.DigestSize()} }
	case hashes.SHAKE256:
		return func() hash.Hash { return xofHash{sha3.NewSHAKE256(), alg.DigestSize()} }
	}
	return nil
}

// xofHash gives a SHAKE the hash.Hash Sum of a fixed output length. Sum
// reads from the SHAKE: it may be called once.
type xofHash struct {
	*sha3.SHAKE
	size int
}

func (x xofHash) Sum(b []byte) []byte {
	out := make([]byte, x.size)
	x.Read(out)
	return append(b, out...)
}

func (x xofHash) Size() int { return x.size }

func mismatch(what string, want, got []byte) error {
	if bytes.Equal(want, got) {
		return nil
	}
	return fmt.Errorf("%s: want %x, got %x", what, want, got)
}

// hashJobs is a job per hash b supports (the others must be refused).
func hashJobs(t *testing.T, b *openssl.Backend) []job {
	var jobs []job
	for _, alg := range hashes.All() {
		if !b.HashSupported(alg) {
			requireHashRefused(t, alg, b)
			continue
		}
		ref := goHashFor(alg)
		jobs = append(jobs, job{name: "hash " + alg.Name(), goRef: ref != nil, run: func(rng *rand.Rand) ([]byte, error) {
			msg := randBytes(rng, rng.IntN(700))
			got, err := hashes.AppendSumWithBackend(nil, alg, msg, b)
			if err != nil {
				return nil, err
			}
			h, err := hashes.NewWithBackend(alg, b)
			if err != nil {
				return nil, err
			}
			split := rng.IntN(len(msg) + 1)
			h.Write(msg[:split])
			h.Write(msg[split:])
			streamed, err := h.Finalize()
			if err != nil {
				return nil, err
			}
			if err := mismatch("streamed", got, streamed); err != nil {
				return nil, err
			}
			if ref != nil {
				if err := mismatch("Go", goSum(ref, msg), got); err != nil {
					return nil, err
				}
			}
			return got, nil
		}})
	}
	return jobs
}

// hmacJobs is a job per fixed-size hash that b's HMAC supports.
func hmacJobs(t *testing.T, b *openssl.Backend) []job {
	var jobs []job
	for _, alg := range hashes.All() {
		if _, xof := alg.(backends.ExtendableOutputAlgorithm); xof {
			continue
		}
		if !b.HMACSupported(alg) {
			requireHMACRefused(t, alg, b)
			continue
		}
		ref := goHashFor(alg)
		jobs = append(jobs, job{name: "HMAC " + alg.Name(), goRef: ref != nil, run: func(rng *rand.Rand) ([]byte, error) {
			key := randBytes(rng, 14+rng.IntN(3*alg.BlockSize()))
			msg := randBytes(rng, rng.IntN(700))
			got, err := hmac.SumWithBackend(key, alg, msg, b)
			if err != nil {
				return nil, err
			}
			h, err := hmac.NewWithBackend(key, alg, b)
			if err != nil {
				return nil, err
			}
			h.Write(msg)
			if err := h.Verify(got); err != nil {
				return nil, err
			}
			if ref != nil {
				if err := mismatch("Go", goHMAC(ref, key, msg), got); err != nil {
					return nil, err
				}
			}
			return got, nil
		}})
	}
	return jobs
}

// cipherSpec makes an algorithm from a key of keyLen bytes.
type cipherSpec struct {
	name   string
	keyLen int
	block  int // bytes; 0 for a stream cipher
	make   func(key []byte, rng *rand.Rand) (backends.CipherAlgorithm, error)
	goRef  func(key []byte) (cipher.Block, error)
}

func keyed[T backends.CipherAlgorithm](f func([]byte) (T, error)) func([]byte, *rand.Rand) (backends.CipherAlgorithm, error) {
	return func(key []byte, _ *rand.Rand) (backends.CipherAlgorithm, error) { return f(key) }
}

func cipherSpecs() []cipherSpec {
	var specs []cipherSpec
	for _, n := range []int{16, 24, 32, 64} {
		specs = append(specs, cipherSpec{fmt.Sprintf("AES-%d", n*8), n, 16, keyed(algorithms.NewAES), aes.NewCipher})
	}
	for _, n := range []int{16, 24, 32} {
		specs = append(specs, cipherSpec{fmt.Sprintf("Camellia-%d", n*8), n, 16, keyed(algorithms.NewCamellia), nil})
	}
	return append(specs,
		cipherSpec{"TripleDES", 24, 8, keyed(algorithms.NewTripleDES), des.NewTripleDESCipher},
		cipherSpec{"Blowfish", 16, 8, keyed(algorithms.NewBlowfish), nil},
		cipherSpec{"CAST5", 16, 8, keyed(algorithms.NewCAST5), nil},
		cipherSpec{"SEED", 16, 16, keyed(algorithms.NewSEED), nil},
		cipherSpec{"IDEA", 16, 8, keyed(algorithms.NewIDEA), nil},
		cipherSpec{"SM4", 16, 16, keyed(algorithms.NewSM4), nil},
		cipherSpec{"ARC4", 16, 0, keyed(algorithms.NewARC4), nil},
		cipherSpec{"ChaCha20", 32, 0, func(key []byte, rng *rand.Rand) (backends.CipherAlgorithm, error) {
			return algorithms.NewChaCha20(key, randBytes(rng, 16))
		}, nil},
	)
}

// modeSpec makes a mode for a block of bs bytes from random parameters.
type modeSpec struct {
	name string
	make func(bs int, rng *rand.Rand) (backends.Mode, error)
}

func modeSpecs() []modeSpec {
	return []modeSpec{
		{"ECB", func(int, *rand.Rand) (backends.Mode, error) { return modes.NewECB(), nil }},
		{"CBC", func(bs int, rng *rand.Rand) (backends.Mode, error) { return modes.NewCBC(randBytes(rng, bs)) }},
		{"CTR", func(bs int, rng *rand.Rand) (backends.Mode, error) { return modes.NewCTR(randBytes(rng, bs)) }},
		{"OFB", func(bs int, rng *rand.Rand) (backends.Mode, error) { return modes.NewOFB(randBytes(rng, bs)) }},
		{"CFB", func(bs int, rng *rand.Rand) (backends.Mode, error) { return modes.NewCFB(randBytes(rng, bs)) }},
		{"CFB8", func(bs int, rng *rand.Rand) (backends.Mode, error) { return modes.NewCFB8(randBytes(rng, bs)) }},
		{"GCM", func(_ int, rng *rand.Rand) (backends.Mode, error) { return modes.NewGCM(randBytes(rng, 12), nil) }},
		{"XTS", func(_ int, rng *rand.Rand) (backends.Mode, error) { return modes.NewXTS(randBytes(rng, 16)) }},
		{"none", func(int, *rand.Rand) (backends.Mode, error) { return nil, nil }},
	}
}

// goCrypt encrypts msg as Go's crypto does for the pair, or returns nil
// when Go has no such pair. GCM returns ciphertext‖tag. It is computed
// even where GODEBUG=fips140=only makes Go refuse it (see goref.Run).
func goCrypt(spec cipherSpec, mode string, alg backends.CipherAlgorithm, m backends.Mode, aad, msg []byte) (out []byte) {
	goref.Run(func() { out = goCryptEnforced(spec, mode, alg, m, aad, msg) })
	return out
}

func goCryptEnforced(spec cipherSpec, mode string, alg backends.CipherAlgorithm, m backends.Mode, aad, msg []byte) []byte {
	out := make([]byte, len(msg))
	switch {
	case spec.name == "ARC4":
		c, err := rc4.NewCipher(alg.Key())
		if err != nil {
			return nil
		}
		c.XORKeyStream(out, msg)
		return out
	case spec.name == "ChaCha20":
		n := alg.(backends.CipherAlgorithmWithNonce).Nonce()
		c, err := chacha20.NewUnauthenticatedCipher(alg.Key(), n[4:])
		if err != nil {
			return nil
		}
		c.SetCounter(binary.LittleEndian.Uint32(n[:4]))
		c.XORKeyStream(out, msg)
		return out
	case spec.goRef == nil:
		return nil
	}
	b, err := spec.goRef(alg.Key())
	if err != nil {
		return nil
	}
	var iv []byte
	if mi, ok := m.(backends.ModeWithIV); ok {
		iv = mi.IV()
	} else if mn, ok := m.(backends.ModeWithNonce); ok {
		iv = mn.Nonce()
	}
	switch mode {
	case "ECB":
		bs := b.BlockSize()
		for i := 0; i < len(msg); i += bs {
			b.Encrypt(out[i:i+bs], msg[i:i+bs])
		}
	case "CBC":
		cipher.NewCBCEncrypter(b, iv).CryptBlocks(out, msg)
	case "CTR":
		cipher.NewCTR(b, iv).XORKeyStream(out, msg)
	case "OFB":
		//lint:ignore SA1019 OFB is what is being compared
		cipher.NewOFB(b, iv).XORKeyStream(out, msg)
	case "CFB":
		//lint:ignore SA1019 CFB is what is being compared
		cipher.NewCFBEncrypter(b, iv).XORKeyStream(out, msg)
	case "GCM":
		g, err := cipher.NewGCM(b)
		if err != nil {
			return nil
		}
		return g.Seal(nil, iv, msg, aad)
	default:
		return nil
	}
	return out
}

// cipherJobs is a job per (cipher, mode) pair that validates and that b
// supports (valid pairs it does not support must be refused).
func cipherJobs(t *testing.T, b *openssl.Backend) []job {
	var jobs []job
	probe := rand.New(rand.NewPCG(1, 2))
	for _, spec := range cipherSpecs() {
		for _, ms := range modeSpecs() {
			key := randBytes(probe, spec.keyLen)
			alg, err := spec.make(key, probe)
			require.NoError(t, err, spec.name)
			bs := max(spec.block, 1)
			m, err := ms.make(bs, probe)
			require.NoError(t, err)
			if _, err := ciphers.NewCipherWithBackend(alg, m, b); err != nil {
				continue // not a pair (the support matrix tests these refusals)
			}
			if !b.CipherSupported(alg, m) {
				requireCipherRefused(t, alg, m, b)
				continue
			}
			name := spec.name + " " + ms.name
			hasRef := goCrypt(spec, ms.name, alg, m, nil, make([]byte, 2*bs)) != nil
			jobs = append(jobs, job{name: name, goRef: hasRef, run: func(rng *rand.Rand) ([]byte, error) {
				alg, err := spec.make(randBytes(rng, spec.keyLen), rng)
				if err != nil {
					return nil, err
				}
				m, err := ms.make(bs, rng)
				if err != nil {
					return nil, err
				}
				n := rng.IntN(600)
				switch ms.name {
				case "ECB", "CBC":
					n = n / bs * bs
				case "XTS":
					n += 16
				}
				msg := randBytes(rng, n)
				var aad []byte
				if ms.name == "GCM" {
					aad = randBytes(rng, rng.IntN(40))
				}
				ct, err := cryptOnce(b, alg, m, true, aad, msg)
				if err != nil {
					return nil, fmt.Errorf("encrypt: %w", err)
				}
				if want := goCrypt(spec, ms.name, alg, m, aad, msg); want != nil {
					if err := mismatch("Go", want, ct); err != nil {
						return nil, err
					}
				}
				if ms.name == "GCM" {
					m, err = modes.NewGCM(m.(*modes.GCM).IV(), ct[len(ct)-16:])
					if err != nil {
						return nil, err
					}
					ct = ct[:len(ct)-16]
				}
				pt, err := cryptOnce(b, alg, m, false, aad, ct)
				if err != nil {
					return nil, fmt.Errorf("decrypt: %w", err)
				}
				return ct, mismatch("round trip", msg, pt)
			}})
		}
	}
	return jobs
}

// cryptOnce runs msg through a fresh context; GCM encryption appends the tag.
func cryptOnce(b *openssl.Backend, alg backends.CipherAlgorithm, m backends.Mode, encrypt bool, aad, msg []byte) ([]byte, error) {
	c, err := ciphers.NewCipherWithBackend(alg, m, b)
	if err != nil {
		return nil, err
	}
	var ctx *ciphers.Context
	if encrypt {
		ctx, err = c.Encryptor()
	} else {
		ctx, err = c.Decryptor()
	}
	if err != nil {
		return nil, err
	}
	if aad != nil {
		if err := ctx.AuthenticateAdditionalData(aad); err != nil {
			return nil, err
		}
	}
	out, err := ctx.Update(msg)
	if err != nil {
		return nil, err
	}
	fin, err := ctx.Finalize()
	if err != nil {
		return nil, err
	}
	out = append(out, fin...)
	if encrypt && aad != nil {
		tag, err := ctx.Tag()
		if err != nil {
			return nil, err
		}
		out = append(out, tag...)
	}
	return out, nil
}

// aeadJobs is a job per one-shot AEAD of b (unsupported ones must be
// refused, and only in FIPS mode).
func aeadJobs(t *testing.T, b *openssl.Backend) []job {
	type sealer interface {
		Encrypt(nonce, data, aad []byte) ([]byte, error)
		Decrypt(nonce, data, aad []byte) ([]byte, error)
	}
	specs := []struct {
		name     string
		keyLen   int
		nonceLen int
		make     func(key []byte) (sealer, error)
		ref      func(key []byte) (cipher.AEAD, error)
	}{
		{"AESGCM", 32, 12, func(k []byte) (sealer, error) { return aead.NewAESGCMWithBackend(k, b) }, func(k []byte) (cipher.AEAD, error) { return goGCM(k, 12) }},
		{"ChaCha20Poly1305", 32, 12, func(k []byte) (sealer, error) { return aead.NewChaCha20Poly1305WithBackend(k, b) }, chacha20poly1305.New},
		{"AESCCM", 16, 13, func(k []byte) (sealer, error) { return aead.NewAESCCMWithBackend(k, 12, b) }, nil},
	}
	var jobs []job
	for _, s := range specs {
		if _, err := s.make(make([]byte, s.keyLen)); err != nil {
			require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, s.name)
			require.True(t, openssl.FIPS(), "%s refused outside FIPS mode: %v", s.name, err)
			continue
		}
		jobs = append(jobs, job{name: s.name, goRef: s.ref != nil, run: func(rng *rand.Rand) ([]byte, error) {
			key, nonce := randBytes(rng, s.keyLen), randBytes(rng, s.nonceLen)
			pt, aad := randBytes(rng, rng.IntN(600)), randBytes(rng, rng.IntN(40))
			a, err := s.make(key)
			if err != nil {
				return nil, err
			}
			ct, err := a.Encrypt(nonce, pt, aad)
			if err != nil {
				return nil, err
			}
			if s.ref != nil {
				var r cipher.AEAD
				goref.Run(func() { r, err = s.ref(key) }) // Go's, even where fips140=only refuses it
				if err != nil {
					return nil, err
				}
				if err := mismatch("Go", r.Seal(nil, nonce, pt, aad), ct); err != nil {
					return nil, err
				}
			}
			back, err := a.Decrypt(nonce, ct, aad)
			if err != nil {
				return nil, err
			}
			return ct, mismatch("round trip", pt, back)
		}})
	}
	return jobs
}

// TestConcurrentBackend runs every supported algorithm (hashes, HMACs,
// cipher and mode pairs, AEADs) from 32 goroutines at once on one
// backend, OpenSSL's (whichever backend is the default), each goroutine in
// its own order. Inputs are random
// but the same for every goroutine at a given (job, iteration): outputs
// are checked against Go's crypto where Go has the algorithm, and against
// the other goroutines' outputs for all of them.
func TestConcurrentBackend(t *testing.T) {
	b := openssl.DefaultBackend()
	var jobs []job
	jobs = append(jobs, hashJobs(t, b)...)
	jobs = append(jobs, hmacJobs(t, b)...)
	jobs = append(jobs, cipherJobs(t, b)...)
	jobs = append(jobs, aeadJobs(t, b)...)
	withRef := 0
	for _, j := range jobs {
		if j.goRef {
			withRef++
		}
	}
	t.Logf("%d jobs, %d of them checked against Go's crypto (FIPS mode %v)", len(jobs), withRef, openssl.FIPS())
	if openssl.FIPS() {
		require.Greater(t, len(jobs), 30)
	} else {
		require.Greater(t, len(jobs), 80)
	}

	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	const goroutines, iterations = 32, 5
	var results sync.Map // "job/iteration" -> hex output
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			order := rand.New(rand.NewPCG(seed, uint64(g))).Perm(len(jobs))
			for it := range iterations {
				for _, ji := range order {
					j := jobs[ji]
					out, err := j.run(rand.New(rand.NewPCG(seed+uint64(ji), uint64(it))))
					if !assert.NoError(t, err, "goroutine %d, %s, iteration %d", g, j.name, it) {
						continue
					}
					k := strconv.Itoa(ji) + "/" + strconv.Itoa(it)
					if prev, loaded := results.LoadOrStore(k, hx(out)); loaded {
						assert.Equal(t, prev, hx(out), "goroutine %d, %s, iteration %d: goroutines disagree", g, j.name, it)
					}
				}
			}
		})
	}
	wg.Wait()
}

// bogusCipher is a stream cipher whose adapter names an EVP cipher that
// does not exist, uniquely per call.
type bogusCipher struct{ name string }

func (*bogusCipher) Name() string { return "Bogus" }
func (*bogusCipher) KeySize() int { return 128 }
func (*bogusCipher) Key() []byte  { return make([]byte, 16) }

var registerBogus sync.Once

var bogusRE = regexp.MustCompile(`no-such-(digest|cipher)-(\d+)-(\d+)`)

// requireOwnReasons asserts that err is an OpenSSL error whose reasons
// name the bogus algorithm want, and no other.
func requireOwnReasons(err error, want string) error {
	var oe *openssl.Error
	if !errors.As(err, &oe) {
		return fmt.Errorf("no *openssl.Error in %v", err)
	}
	text := strings.Join(oe.Reasons, "; ")
	found := bogusRE.FindAllString(text, -1)
	if len(found) == 0 {
		return fmt.Errorf("reasons %q do not name %s", text, want)
	}
	for _, f := range found {
		if f != want {
			return fmt.Errorf("reasons %q name %s, another goroutine's algorithm (want %s)", text, f, want)
		}
	}
	return nil
}

// TestErrorQueuePerGoroutine interleaves goroutines that make OpenSSL fail
// (digests and ciphers with names unique to the goroutine and iteration,
// AES-GCM openings with wrong tags) with goroutines whose calls succeed,
// half of each locked to their OS thread. OpenSSL's error queue is per
// thread and goroutines move between threads: every failure must carry
// only its own reasons, tag failures must be the bare ErrInvalidTag, and
// no stale entry may make a later call fail.
func TestErrorQueuePerGoroutine(t *testing.T) {
	b := openssl.DefaultBackend()
	registerBogus.Do(func() {
		err := b.RegisterCipherAdapter(reflect.TypeOf((*bogusCipher)(nil)), nil,
			func(c backends.CipherAlgorithm, _ backends.Mode) (string, bool) {
				return c.(*bogusCipher).name, true
			})
		require.NoError(t, err)
	})
	key := []byte("0123456789abcdef")
	gcm, err := aead.NewAESGCMWithBackend(key, b)
	require.NoError(t, err)
	ref, err := goGCM(key, 12)
	require.NoError(t, err)

	const goroutines, iterations = 16, 200
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			if g%4 < 2 { // half of the failing and half of the succeeding ones
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			fail := g%2 == 0
			for i := range iterations {
				nonce := make([]byte, 12)
				binary.BigEndian.PutUint64(nonce, uint64(g<<16|i))
				msg := []byte(fmt.Sprintf("goroutine %d, iteration %d", g, i))
				sealed := gcm.Seal(nil, nonce, msg, nil)
				if !fail {
					got, err := hashes.AppendSumWithBackend(nil, hashes.SHA256{}, msg, b)
					if assert.NoError(t, err) {
						want := sha256.Sum256(msg)
						assert.Equal(t, hx(want[:]), hx(got))
					}
					_, err = hmac.SumWithBackend(key, hashes.SHA256{}, msg, b)
					assert.NoError(t, err)
					assert.Equal(t, hx(ref.Seal(nil, nonce, msg, nil)), hx(sealed))
					pt, err := gcm.Open(nil, nonce, sealed, nil)
					assert.NoError(t, err)
					assert.Equal(t, string(msg), string(pt))
					continue
				}
				name := fmt.Sprintf("no-such-digest-%d-%d", g, i)
				_, err := hashes.NewWithBackend(bogusHash{name}, b)
				assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				assert.NoError(t, requireOwnReasons(err, name), "goroutine %d, iteration %d", g, i)

				name = fmt.Sprintf("no-such-cipher-%d-%d", g, i)
				_, err = b.CreateSymmetricEncryptionCtx(&bogusCipher{name}, nil)
				assert.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm)
				assert.NoError(t, requireOwnReasons(err, name), "goroutine %d, iteration %d", g, i)

				sealed[len(sealed)-1] ^= 1
				pt, err := gcm.Open(nil, nonce, sealed, nil)
				assert.Same(t, backends.ErrInvalidTag, err, "wrong tag: %v", err)
				assert.Nil(t, pt)
			}
		})
	}
	wg.Wait()
}

// requireHMACRefused asserts that an HMAC b does not support is refused
// with ErrUnsupportedAlgorithm by both New and Sum on b.
func requireHMACRefused(t testing.TB, alg hashes.Algorithm, b backends.HMACBackend) {
	t.Helper()
	key := make([]byte, 32)
	_, err := hmac.NewWithBackend(key, alg, b)
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, alg.Name())
	_, err = hmac.SumWithBackend(key, alg, []byte("abc"), b)
	require.ErrorIs(t, err, backends.ErrUnsupportedAlgorithm, alg.Name())
}
