//go:build cgo

package openssl_test

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// hmacDigests are the digests HMAC is served with that Go implements too.
var hmacDigests = []struct {
	alg hashes.Algorithm
	ref func() hash.Hash
}{
	{hashes.SHA1{}, sha1.New}, {hashes.SHA224{}, sha256.New224}, {hashes.SHA256{}, sha256.New},
	{hashes.SHA384{}, sha512.New384}, {hashes.SHA512{}, sha512.New},
	{hashes.SHA512_224{}, sha512.New512_224}, {hashes.SHA512_256{}, sha512.New512_256},
	{hashes.SHA3_224{}, func() hash.Hash { return sha3.New224() }},
	{hashes.SHA3_256{}, func() hash.Hash { return sha3.New256() }},
	{hashes.SHA3_384{}, func() hash.Hash { return sha3.New384() }},
	{hashes.SHA3_512{}, func() hash.Hash { return sha3.New512() }},
	{hashes.MD5{}, md5.New},
}

// hmacUnderTest is an HMAC context and what was written to it since its
// last reset.
type hmacUnderTest struct {
	ctx  backends.HMACContext
	msg  []byte
	done bool
}

// TestHMACOperationsMatchGo runs random sequences of Update (splits of 0
// to 1,500 bytes, so that messages cross the Go buffer), Sum, Copy, Reset
// and Finalize on HMAC contexts and their copies, for every digest served
// and keys of 0 to 300 bytes (nil and empty, around the block sizes and
// FIPS's 14 bytes), with goroutines changing OS threads in between, and
// checks every MAC against Go's crypto/hmac over the bytes written since
// the last reset, and the one-shot MAC of the first context's message.
func TestHMACOperationsMatchGo(t *testing.T) {
	b := openssl.DefaultBackend()
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))
	bytesOf := func(n int) []byte {
		p := make([]byte, n)
		for i := range p {
			p[i] = byte(r.Uint32())
		}
		return p
	}
	keyLens := []int{-1, 0, 1, 13, 14, 20, 31, 32, 63, 64, 65, 127, 128, 129, 143, 144, 200, 300}
	served := 0
	for _, d := range hmacDigests {
		if !b.HMACSupported(d.alg) {
			continue
		}
		served++
		t.Run(d.alg.Name(), func(t *testing.T) {
			for _, kl := range keyLens {
				var key []byte // nil for -1
				if kl >= 0 {
					key = bytesOf(kl)
				}
				want := func(msg []byte) string { return hex.EncodeToString(goHMAC(d.ref, key, msg)) }
				ctx, err := b.CreateHMACCtx(key, d.alg)
				require.NoError(t, err, "key of %d bytes", kl)
				all := []*hmacUnderTest{{ctx: ctx}}
				for step := range 40 {
					if r.IntN(4) == 0 {
						runtime.Gosched()
					}
					if r.IntN(8) == 0 {
						// The goroutine likely moves to another thread after this.
						runtime.LockOSThread()
						runtime.UnlockOSThread()
					}
					u := all[r.IntN(len(all))]
					where := []any{"key of %d bytes, step %d, %d bytes written", kl, step, len(u.msg)}
					switch op := r.IntN(10); {
					case op < 4:
						n := r.IntN(1500)
						if r.IntN(3) == 0 {
							n = r.IntN(20)
						}
						p := bytesOf(n)
						err := u.ctx.Update(p)
						if u.done {
							assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, where...)
							continue
						}
						require.NoError(t, err, where...)
						u.msg = append(u.msg, p...)
					case op < 6:
						got, err := u.ctx.(backends.Summer).Sum([]byte("prefix"))
						if u.done {
							assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, where...)
							continue
						}
						require.NoError(t, err, where...)
						assert.Equal(t, "prefix", string(got[:6]), where...)
						assert.Equal(t, want(u.msg), hex.EncodeToString(got[6:]), where...)
					case op < 7:
						c, err := u.ctx.Copy()
						if u.done {
							assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, where...)
							continue
						}
						require.NoError(t, err, where...)
						all = append(all, &hmacUnderTest{ctx: c, msg: append([]byte{}, u.msg...)})
					case op < 8:
						require.NoError(t, u.ctx.(backends.Resetter).Reset(), where...)
						u.msg, u.done = nil, false
					default:
						got, err := u.ctx.Finalize()
						if u.done {
							assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, where...)
							continue
						}
						require.NoError(t, err, where...)
						assert.Equal(t, want(u.msg), hex.EncodeToString(got), where...)
						u.done = true
					}
				}
				got, err := b.MAC(key, d.alg, all[0].msg, nil)
				require.NoError(t, err)
				assert.Equal(t, want(all[0].msg), hex.EncodeToString(got), "one-shot, key of %d bytes", kl)
			}
		})
	}
	assert.GreaterOrEqual(t, served, 7, "SHA-1, SHA-2 at least")
}
