package bench

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	openssl "github.com/golang-fips/openssl/v2"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/bench/internal/cfloor"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	hzhmac "github.com/go-hazmat/hazmat/primitives/hmac"
)

// sizes are the message lengths of every benchmark, smallest first: the
// fixed cost of a call into C shows at 64 bytes, not at 1 MiB.
var sizes = []int{64, 1024, 16384, 1048576}

// run is one implementation of an operation, prepared for one message
// length. Exactly one of once and many is set.
type run struct {
	once func()          // performs the operation once
	many func(iters int) // performs it iters times in one call (the C floor)
	out  func() []byte   // the result of the last operation
}

// peer is one implementation of an operation.
type peer struct {
	name    string
	prepare func(tb testing.TB, n int) run
}

// op is an operation with its implementations, in the order the
// benchmarks run them: hazmat, go, gofips, c.
type op struct {
	name  string
	peers []peer
}

// ops lists every operation, for the tests; each has its Benchmark<name>.
var ops = []op{
	{"AESGCMSeal", gcmSealPeers},
	{"AESGCMOpen", gcmOpenPeers},
	{"AESCBCEncrypt", cbcPeers},
	{"AESCTR", ctrPeers},
	{"SHA256", sha256Peers},
	{"SHA512", sha512Peers},
	{"SHA256Hasher", hasherPeers},
	{"HMACSHA256", hmacPeers},
	{"NewSHA256", newSHA256Peers},
}

// runPeers runs every peer at every size as sub-benchmarks <impl>/<size>,
// smallest size first and the peers of one size one after the other, so
// that a change of load on the machine hits them alike.
//
// Besides ns/op it reports cpu-ns/op, the CPU time of the benchmark's
// thread per operation: on a shared machine, time spent descheduled
// inflates ns/op but not cpu-ns/op.
func runPeers(b *testing.B, peers []peer) {
	for _, n := range sizes {
		for _, p := range peers {
			b.Run(p.name+"/"+strconv.Itoa(n), func(b *testing.B) {
				r := p.prepare(b, n)
				b.SetBytes(int64(n))
				b.ReportAllocs()
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				if r.many != nil {
					b.ResetTimer()
				}
				start := threadCPU(b)
				if r.many != nil {
					r.many(b.N)
				} else {
					for b.Loop() {
						r.once()
					}
				}
				b.ReportMetric(float64(threadCPU(b)-start)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// threadCPU returns the CPU time the calling thread has used.
func threadCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkAESGCMSeal(b *testing.B)    { runPeers(b, gcmSealPeers) }
func BenchmarkAESGCMOpen(b *testing.B)    { runPeers(b, gcmOpenPeers) }
func BenchmarkAESCBCEncrypt(b *testing.B) { runPeers(b, cbcPeers) }
func BenchmarkAESCTR(b *testing.B)        { runPeers(b, ctrPeers) }
func BenchmarkSHA256(b *testing.B)        { runPeers(b, sha256Peers) }
func BenchmarkSHA512(b *testing.B)        { runPeers(b, sha512Peers) }
func BenchmarkSHA256Hasher(b *testing.B)  { runPeers(b, hasherPeers) }
func BenchmarkHMACSHA256(b *testing.B)    { runPeers(b, hmacPeers) }
func BenchmarkNewSHA256(b *testing.B)     { runPeers(b, newSHA256Peers) }

// Fixed inputs: the same for every implementation.
var (
	key128  = seq(16, 1)
	key256  = seq(32, 2)
	hmacKey = seq(32, 3)
	nonce   = seq(12, 4)
	iv      = seq(16, 5)
)

// seq returns n pseudo-random bytes drawn from seed.
func seq(n int, seed byte) []byte {
	b := make([]byte, n)
	_, _ = rand.NewChaCha8([32]byte{seed}).Read(b)
	return b
}

// message returns the message of n bytes every benchmark uses.
func message(n int) []byte { return seq(n, 0) }

var gofipsInit = sync.OnceValue(func() error { return openssl.Init("libcrypto.so.3") })

// gofips loads OpenSSL for golang-fips/openssl, once.
func gofips(tb testing.TB) {
	tb.Helper()
	require.NoError(tb, gofipsInit(), "golang-fips/openssl: Init")
}

// The optional methods of golang-fips/openssl's AES block.
type (
	gcmAble interface {
		NewGCM(nonceSize, tagSize int) (cipher.AEAD, error)
	}
	cbcEncAble interface {
		NewCBCEncrypter(iv []byte) cipher.BlockMode
	}
	ctrAble interface {
		NewCTR(iv []byte) cipher.Stream
	}
)

func goGCM(tb testing.TB) cipher.AEAD {
	block, err := aes.NewCipher(key128)
	require.NoError(tb, err)
	g, err := cipher.NewGCM(block)
	require.NoError(tb, err)
	return g
}

func gofipsGCM(tb testing.TB) cipher.AEAD {
	gofips(tb)
	block, err := openssl.NewAESCipher(key128)
	require.NoError(tb, err)
	ga, ok := block.(gcmAble)
	require.True(tb, ok, "golang-fips/openssl's AES block has no NewGCM")
	g, err := ga.NewGCM(12, 16)
	require.NoError(tb, err)
	return g
}

func hazmatGCM(tb testing.TB) cipher.AEAD {
	g, err := aead.NewAESGCM(key128)
	require.NoError(tb, err)
	return g
}

// sealWith seals the message of n bytes with a into a reused buffer.
func sealWith(a cipher.AEAD, n int) run {
	pt, out := message(n), make([]byte, 0, n+16)
	return run{
		once: func() { out = a.Seal(out[:0], nonce, pt, nil) },
		out:  func() []byte { return out },
	}
}

var gcmSealPeers = []peer{
	{"hazmat", func(tb testing.TB, n int) run { return sealWith(hazmatGCM(tb), n) }},
	{"go", func(tb testing.TB, n int) run { return sealWith(goGCM(tb), n) }},
	{"gofips", func(tb testing.TB, n int) run { return sealWith(gofipsGCM(tb), n) }},
	{"c", func(tb testing.TB, n int) run {
		c, err := cfloor.NewCipher("AES-128-GCM", key128, nil, true)
		require.NoError(tb, err)
		tb.Cleanup(c.Close)
		pt, out := message(n), make([]byte, n+16)
		return run{
			many: func(iters int) {
				if err := c.GCMSeal(nonce, pt, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			out: func() []byte { return out },
		}
	}},
}

// sealed returns the message of n bytes sealed by Go's AES-GCM.
func sealed(tb testing.TB, n int) []byte {
	return goGCM(tb).Seal(nil, nonce, message(n), nil)
}

// openWith opens the sealed message of n bytes with a into a reused
// buffer.
func openWith(tb testing.TB, a cipher.AEAD, n int) run {
	ct, out := sealed(tb, n), make([]byte, 0, n)
	return run{
		once: func() {
			var err error
			if out, err = a.Open(out[:0], nonce, ct, nil); err != nil {
				tb.Fatal(err)
			}
		},
		out: func() []byte { return out },
	}
}

var gcmOpenPeers = []peer{
	{"hazmat", func(tb testing.TB, n int) run { return openWith(tb, hazmatGCM(tb), n) }},
	{"go", func(tb testing.TB, n int) run { return openWith(tb, goGCM(tb), n) }},
	{"gofips", func(tb testing.TB, n int) run { return openWith(tb, gofipsGCM(tb), n) }},
	{"c", func(tb testing.TB, n int) run {
		c, err := cfloor.NewCipher("AES-128-GCM", key128, nil, false)
		require.NoError(tb, err)
		tb.Cleanup(c.Close)
		ct, out := sealed(tb, n), make([]byte, n)
		return run{
			many: func(iters int) {
				if err := c.GCMOpen(nonce, ct, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			out: func() []byte { return out },
		}
	}},
}

// cryptBlocks encrypts the message of n bytes with m into a reused
// buffer.
func cryptBlocks(m cipher.BlockMode, n int) run {
	pt, out := message(n), make([]byte, n)
	return run{
		once: func() { m.CryptBlocks(out, pt) },
		out:  func() []byte { return out },
	}
}

// update runs the C floor's EVP_EncryptUpdate over the message of n
// bytes on a context of the cipher name.
func update(tb testing.TB, name string, key []byte, n int) run {
	c, err := cfloor.NewCipher(name, key, iv, true)
	require.NoError(tb, err)
	tb.Cleanup(c.Close)
	pt, out := message(n), make([]byte, n)
	return run{
		many: func(iters int) {
			if err := c.Update(pt, out, iters); err != nil {
				tb.Fatal(err)
			}
		},
		out: func() []byte { return out },
	}
}

var cbcPeers = []peer{
	{"hazmat", func(tb testing.TB, n int) run {
		alg, err := algorithms.NewAES(key256)
		require.NoError(tb, err)
		mode, err := modes.NewCBC(iv)
		require.NoError(tb, err)
		c, err := ciphers.NewCipher(alg, mode)
		require.NoError(tb, err)
		ctx, err := c.Encryptor()
		require.NoError(tb, err)
		pt, out := message(n), make([]byte, n)
		return run{
			once: func() {
				if _, err := ctx.UpdateInto(pt, out); err != nil {
					tb.Fatal(err)
				}
			},
			out: func() []byte { return out },
		}
	}},
	{"go", func(tb testing.TB, n int) run {
		block, err := aes.NewCipher(key256)
		require.NoError(tb, err)
		return cryptBlocks(cipher.NewCBCEncrypter(block, iv), n)
	}},
	{"gofips", func(tb testing.TB, n int) run {
		gofips(tb)
		block, err := openssl.NewAESCipher(key256)
		require.NoError(tb, err)
		cb, ok := block.(cbcEncAble)
		require.True(tb, ok, "golang-fips/openssl's AES block has no NewCBCEncrypter")
		return cryptBlocks(cb.NewCBCEncrypter(iv), n)
	}},
	{"c", func(tb testing.TB, n int) run { return update(tb, "AES-256-CBC", key256, n) }},
}

// xorKeyStream encrypts the message of n bytes with s into a reused
// buffer.
func xorKeyStream(s cipher.Stream, n int) run {
	pt, out := message(n), make([]byte, n)
	return run{
		once: func() { s.XORKeyStream(out, pt) },
		out:  func() []byte { return out },
	}
}

var ctrPeers = []peer{
	{"hazmat", func(tb testing.TB, n int) run {
		alg, err := algorithms.NewAES(key128)
		require.NoError(tb, err)
		mode, err := modes.NewCTR(iv)
		require.NoError(tb, err)
		s, err := ciphers.NewStreamEncrypter(alg, mode)
		require.NoError(tb, err)
		return xorKeyStream(s, n)
	}},
	{"go", func(tb testing.TB, n int) run {
		block, err := aes.NewCipher(key128)
		require.NoError(tb, err)
		return xorKeyStream(cipher.NewCTR(block, iv), n)
	}},
	{"gofips", func(tb testing.TB, n int) run {
		gofips(tb)
		block, err := openssl.NewAESCipher(key128)
		require.NoError(tb, err)
		ca, ok := block.(ctrAble)
		require.True(tb, ok, "golang-fips/openssl's AES block has no NewCTR")
		return xorKeyStream(ca.NewCTR(iv), n)
	}},
	{"c", func(tb testing.TB, n int) run { return update(tb, "AES-128-CTR", key128, n) }},
}

// oneShotC is the C floor's EVP_Digest of the message of n bytes.
func oneShotC(tb testing.TB, name string, size, n int) run {
	d, err := cfloor.NewDigest(name, size)
	require.NoError(tb, err)
	tb.Cleanup(d.Close)
	msg, out := message(n), make([]byte, size)
	return run{
		many: func(iters int) {
			if err := d.OneShot(msg, out, iters); err != nil {
				tb.Fatal(err)
			}
		},
		out: func() []byte { return out },
	}
}

// appendSum is hazmat's one-shot digest of the message of n bytes into a
// reused buffer.
func appendSum(tb testing.TB, alg hashes.Algorithm, n int) run {
	msg, out := message(n), make([]byte, 0, alg.DigestSize())
	return run{
		once: func() {
			var err error
			if out, err = hashes.AppendSum(out[:0], alg, msg); err != nil {
				tb.Fatal(err)
			}
		},
		out: func() []byte { return out },
	}
}

var sha256Peers = []peer{
	{"hazmat", func(tb testing.TB, n int) run { return appendSum(tb, hashes.SHA256{}, n) }},
	{"go", func(tb testing.TB, n int) run {
		msg := message(n)
		var sum [32]byte
		return run{
			once: func() { sum = sha256.Sum256(msg) },
			out:  func() []byte { return sum[:] },
		}
	}},
	{"gofips", func(tb testing.TB, n int) run {
		gofips(tb)
		msg := message(n)
		var sum [32]byte
		return run{
			once: func() { sum = openssl.SHA256(msg) },
			out:  func() []byte { return sum[:] },
		}
	}},
	{"c", func(tb testing.TB, n int) run { return oneShotC(tb, "SHA2-256", 32, n) }},
}

var sha512Peers = []peer{
	{"hazmat", func(tb testing.TB, n int) run { return appendSum(tb, hashes.SHA512{}, n) }},
	{"go", func(tb testing.TB, n int) run {
		msg := message(n)
		var sum [64]byte
		return run{
			once: func() { sum = sha512.Sum512(msg) },
			out:  func() []byte { return sum[:] },
		}
	}},
	{"gofips", func(tb testing.TB, n int) run {
		gofips(tb)
		msg := message(n)
		var sum [64]byte
		return run{
			once: func() { sum = openssl.SHA512(msg) },
			out:  func() []byte { return sum[:] },
		}
	}},
	{"c", func(tb testing.TB, n int) run { return oneShotC(tb, "SHA2-512", 64, n) }},
}

// reused resets h, writes the message of n bytes and sums into a reused
// buffer: a hash.Hash used for many messages.
func reused(tb testing.TB, h hash.Hash, n int) run {
	msg, out := message(n), make([]byte, 0, h.Size())
	return run{
		once: func() {
			h.Reset()
			if _, err := h.Write(msg); err != nil {
				tb.Fatal(err)
			}
			out = h.Sum(out[:0])
		},
		out: func() []byte { return out },
	}
}

func hazmatSHA256(tb testing.TB) hash.Hash {
	h, err := hashes.New(hashes.SHA256{})
	require.NoError(tb, err)
	return h
}

var hasherPeers = []peer{
	{"hazmat", func(tb testing.TB, n int) run { return reused(tb, hazmatSHA256(tb), n) }},
	{"go", func(tb testing.TB, n int) run { return reused(tb, sha256.New(), n) }},
	{"gofips", func(tb testing.TB, n int) run {
		gofips(tb)
		return reused(tb, openssl.NewSHA256(), n)
	}},
	{"c", func(tb testing.TB, n int) run {
		d, err := cfloor.NewDigest("SHA2-256", 32)
		require.NoError(tb, err)
		tb.Cleanup(d.Close)
		msg, out := message(n), make([]byte, 32)
		return run{
			many: func(iters int) {
				if err := d.Reused(msg, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			out: func() []byte { return out },
		}
	}},
}

var hmacPeers = []peer{
	{"hazmat", func(tb testing.TB, n int) run {
		h, err := hzhmac.New(hmacKey, hashes.SHA256{})
		require.NoError(tb, err)
		return reused(tb, h, n)
	}},
	{"go", func(tb testing.TB, n int) run { return reused(tb, hmac.New(sha256.New, hmacKey), n) }},
	{"gofips", func(tb testing.TB, n int) run {
		gofips(tb)
		h := openssl.NewHMAC(openssl.NewSHA256, hmacKey)
		require.NotNil(tb, h, "golang-fips/openssl: NewHMAC")
		return reused(tb, h, n)
	}},
	{"c", func(tb testing.TB, n int) run {
		h, err := cfloor.NewHMAC("SHA2-256", 32, hmacKey)
		require.NoError(tb, err)
		tb.Cleanup(h.Close)
		msg, out := message(n), make([]byte, 32)
		return run{
			many: func(iters int) {
				if err := h.Sum(msg, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			out: func() []byte { return out },
		}
	}},
}

// fresh creates a hasher with newHash, writes the message of n bytes and
// sums into a reused buffer: a hash.Hash per message.
func fresh(tb testing.TB, newHash func() (hash.Hash, error), n int) run {
	msg, out := message(n), make([]byte, 0, 32)
	return run{
		once: func() {
			h, err := newHash()
			if err != nil {
				tb.Fatal(err)
			}
			if _, err := h.Write(msg); err != nil {
				tb.Fatal(err)
			}
			out = h.Sum(out[:0])
		},
		out: func() []byte { return out },
	}
}

var newSHA256Peers = []peer{
	{"hazmat", func(tb testing.TB, n int) run {
		return fresh(tb, func() (hash.Hash, error) { return hashes.New(hashes.SHA256{}) }, n)
	}},
	{"go", func(tb testing.TB, n int) run {
		return fresh(tb, func() (hash.Hash, error) { return sha256.New(), nil }, n)
	}},
	{"gofips", func(tb testing.TB, n int) run {
		gofips(tb)
		return fresh(tb, func() (hash.Hash, error) { return openssl.NewSHA256(), nil }, n)
	}},
	{"c", func(tb testing.TB, n int) run {
		d, err := cfloor.NewDigest("SHA2-256", 32)
		require.NoError(tb, err)
		tb.Cleanup(d.Close)
		msg, out := message(n), make([]byte, 32)
		return run{
			many: func(iters int) {
				if err := d.Fresh(msg, out, iters); err != nil {
					tb.Fatal(err)
				}
			},
			out: func() []byte { return out },
		}
	}},
}
