package bench

import (
	"crypto/cipher"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"testing"

	openssl "github.com/golang-fips/openssl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repeats is how many times TestSameResults runs each operation: more
// than once, so that reused state (a CBC chain, a CTR counter, a Reset
// hash, a re-keyed HMAC) is exercised as the benchmarks exercise it.
const repeats = 3

// result runs r repeats times and returns a copy of its last result.
func result(r run) []byte {
	if r.many != nil {
		r.many(repeats)
	} else {
		for range repeats {
			r.once()
		}
	}
	return append([]byte(nil), r.out()...)
}

// peerNamed returns the peer of o called name.
func peerNamed(t *testing.T, o op, name string) peer {
	t.Helper()
	for _, p := range o.peers {
		if p.name == name {
			return p
		}
	}
	require.FailNow(t, "no peer", "%s has no %s peer", o.name, name)
	return peer{}
}

// TestSameResults checks that every implementation of every operation
// computes what Go's crypto computes, at every benchmarked size.
func TestSameResults(t *testing.T) {
	for _, o := range ops {
		require.Len(t, o.peers, 4, o.name)
		ref := peerNamed(t, o, "go")
		for _, n := range sizes {
			want := result(ref.prepare(t, n))
			require.NotEmpty(t, want)
			for _, p := range o.peers {
				t.Run(o.name+"/"+p.name+"/"+strconv.Itoa(n), func(t *testing.T) {
					r := p.prepare(t, n)
					require.True(t, (r.once == nil) != (r.many == nil), "exactly one of once and many")
					assert.Equal(t, want, result(r))
				})
			}
		}
	}
}

// TestReferenceResults checks Go's own results, the reference of
// TestSameResults, against what they must be.
func TestReferenceResults(t *testing.T) {
	for _, n := range sizes {
		msg := message(n)
		open := result(peerNamed(t, ops[1], "go").prepare(t, n))
		assert.Equal(t, msg, open, "AESGCMOpen of %d bytes", n)
		seal := result(peerNamed(t, ops[0], "go").prepare(t, n))
		assert.Len(t, seal, n+16)
		assert.Equal(t, sealed(t, n), seal, "AESGCMSeal of %d bytes", n)
		for _, name := range []string{"SHA256", "SHA256Hasher", "NewSHA256"} {
			o := opNamed(t, name)
			assert.Len(t, result(peerNamed(t, o, "go").prepare(t, n)), 32, name)
		}
	}
	assert.Equal(t, "AESGCMSeal", ops[0].name)
	assert.Equal(t, "AESGCMOpen", ops[1].name)
}

// opNamed returns the operation called name.
func opNamed(t *testing.T, name string) op {
	t.Helper()
	for _, o := range ops {
		if o.name == name {
			return o
		}
	}
	require.FailNow(t, "no op", name)
	return op{}
}

// TestInputsDiffer guards against benchmarks on degenerate inputs.
func TestInputsDiffer(t *testing.T) {
	assert.NotEqual(t, message(64), make([]byte, 64))
	assert.NotEqual(t, key128, key256[:16])
	assert.Equal(t, message(64), message(1024)[:64], "messages are prefixes of each other")
}

// TestGofipsUsesOpenSSL checks that the gofips peers run golang-fips's
// own OpenSSL types, not Go's crypto behind a fallback.
func TestGofipsUsesOpenSSL(t *testing.T) {
	gofips(t)
	block, err := openssl.NewAESCipher(key128)
	require.NoError(t, err)
	values := map[string]any{
		"GCM":    gofipsGCM(t),
		"CBC":    block.(cbcEncAble).NewCBCEncrypter(iv),
		"CTR":    block.(ctrAble).NewCTR(iv),
		"SHA256": openssl.NewSHA256(),
		"HMAC":   openssl.NewHMAC(openssl.NewSHA256, hmacKey),
	}
	for name, v := range values {
		assert.True(t, strings.HasPrefix(fmt.Sprintf("%T", v), "*openssl."), "%s is %T", name, v)
	}
	_, isAEAD := values["GCM"].(cipher.AEAD)
	_, isHash := values["HMAC"].(hash.Hash)
	assert.True(t, isAEAD && isHash)
}
