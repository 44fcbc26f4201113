package peers

import (
	"bytes"
	"crypto/cipher"
	"encoding/hex"
	"fmt"
	"hash"
	"slices"
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

// randomOps are the operations whose results differ from run to run;
// TestRandomResults checks them.
var randomOps = []string{"RandBytes"}

// references compute the expected result of the operations that have no
// peer in Go's crypto, from Go's AES.
var references = map[string]func(t *testing.T, n int) []byte{
	"CMACAES128": func(t *testing.T, n int) []byte { return goCMAC(t, cmacKey, message(n)) },
	"AESKeyWrap": func(t *testing.T, n int) []byte { return goKeyWrap(t, kek128, message(n)) },
}

// TestSameResults checks that every implementation of every operation
// computes what Go's crypto computes (or, where it has no such operation,
// a reference written here on Go's AES), at every benchmarked size.
func TestSameResults(t *testing.T) {
	for _, o := range Ops {
		if slices.Contains(randomOps, o.Name) {
			continue
		}
		peerNamed(t, o, "hazmat")
		peerNamed(t, o, "c")
		for _, n := range o.SizesOf() {
			var want []byte
			if ref, ok := references[o.Name]; ok {
				_, hasGo := o.Peer("go")
				require.False(t, hasGo, "%s has a go peer and a reference", o.Name)
				want = ref(t, n)
			} else {
				want = result(peerNamed(t, o, "go").Prepare(t, n))
			}
			require.NotEmpty(t, want)
			for _, p := range o.Peers {
				t.Run(o.Name+"/"+p.Name+"/"+strconv.Itoa(n), func(t *testing.T) {
					r := p.Prepare(t, n)
					require.True(t, (r.Once == nil) != (r.Many == nil), "exactly one of once and many")
					assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(result(r)))
				})
			}
			t.Run(o.Name+"/"+CCall+"/"+strconv.Itoa(n), func(t *testing.T) {
				r := peerNamed(t, o, "c").Prepare(t, n)
				require.NotNil(t, r.Many, "the C floor performs its operations in one call")
				pc := PerCall(r)
				require.True(t, pc.Many == nil && pc.Once != nil)
				assert.Equal(t, hex.EncodeToString(want), hex.EncodeToString(result(pc)))
			})
		}
	}
}

// TestRandomResults checks the random-bytes implementations: every one
// fills the whole buffer, with bytes that change from one call to the
// next.
func TestRandomResults(t *testing.T) {
	for _, name := range randomOps {
		o := opNamed(t, name)
		require.Len(t, o.Peers, 5, name)
		for _, n := range o.SizesOf() {
			for _, p := range o.Peers {
				t.Run(o.Name+"/"+p.Name+"/"+strconv.Itoa(n), func(t *testing.T) {
					r := p.Prepare(t, n)
					r.Times(1)
					first := append([]byte(nil), r.Out()...)
					r.Times(1)
					second := r.Out()
					require.Len(t, first, n)
					require.Len(t, second, n)
					assert.NotEqual(t, first, second, "two draws gave the same bytes")
					assert.NotEqual(t, make([]byte, n), second, "all zero")
					assert.NotEqual(t, bytes.Repeat(second[:1], n), second, "one byte repeated")
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

// TestHazmatGoBesideGo checks that every operation Go's crypto has is
// also measured through hazmat on the Go backend, right after hazmat on
// OpenSSL, and that no other operation is.
func TestHazmatGoBesideGo(t *testing.T) {
	for _, o := range Ops {
		_, hasGo := o.Peer("go")
		_, hasHazmatGo := o.Peer(HazmatGo)
		assert.Equal(t, hasGo, hasHazmatGo, "%s: a go peer and a %s peer go together", o.Name, HazmatGo)
		if hasHazmatGo {
			assert.Equal(t, []string{"hazmat", HazmatGo}, []string{o.Peers[0].Name, o.Peers[1].Name}, o.Name)
		}
	}
}
