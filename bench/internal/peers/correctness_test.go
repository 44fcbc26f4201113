package peers

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
func result(r Run) []byte {
	r.Times(repeats)
	return append([]byte(nil), r.Out()...)
}

// peerNamed returns the peer of o called name.
func peerNamed(t *testing.T, o Op, name string) Peer {
	t.Helper()
	p, ok := o.Peer(name)
	require.True(t, ok, "%s has no %s peer", o.Name, name)
	return p
}

// TestSameResults checks that every implementation of every operation
// computes what Go's crypto computes, at every benchmarked size.
func TestSameResults(t *testing.T) {
	for _, o := range Ops {
		require.Len(t, o.Peers, 4, o.Name)
		ref := peerNamed(t, o, "go")
		for _, n := range Sizes {
			want := result(ref.Prepare(t, n))
			require.NotEmpty(t, want)
			for _, p := range o.Peers {
				t.Run(o.Name+"/"+p.Name+"/"+strconv.Itoa(n), func(t *testing.T) {
					r := p.Prepare(t, n)
					require.True(t, (r.Once == nil) != (r.Many == nil), "exactly one of once and many")
					assert.Equal(t, want, result(r))
				})
			}
		}
	}
}

// TestReferenceResults checks Go's own results, the reference of
// TestSameResults, against what they must be.
func TestReferenceResults(t *testing.T) {
	for _, n := range Sizes {
		msg := message(n)
		open := result(peerNamed(t, Ops[1], "go").Prepare(t, n))
		assert.Equal(t, msg, open, "AESGCMOpen of %d bytes", n)
		seal := result(peerNamed(t, Ops[0], "go").Prepare(t, n))
		assert.Len(t, seal, n+16)
		assert.Equal(t, sealed(t, n), seal, "AESGCMSeal of %d bytes", n)
		for _, name := range []string{"SHA256", "SHA256Hasher", "NewSHA256"} {
			o := opNamed(t, name)
			assert.Len(t, result(peerNamed(t, o, "go").Prepare(t, n)), 32, name)
		}
	}
	assert.Equal(t, "AESGCMSeal", Ops[0].Name)
	assert.Equal(t, "AESGCMOpen", Ops[1].Name)
}

// opNamed returns the operation called name.
func opNamed(t *testing.T, name string) Op {
	t.Helper()
	o, ok := Named(name)
	require.True(t, ok, "no op %s", name)
	return o
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
