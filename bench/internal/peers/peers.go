// Package peers holds the implementations that package bench and
// cmd/benchcheck measure: each benchmarked operation through hazmat (on
// its OpenSSL backend, and as hazmat-go on its Go backend), Go's crypto,
// golang-fips/openssl and the C floor (package cfloor), prepared for one
// message length.
//
// It is not a test package, so that a program (cmd/benchcheck) can run
// the same code as the benchmarks; it does not import testing, and takes
// the little it needs of a test through [TB].
package peers

import (
	"crypto/cipher"
	"sync"

	openssl "github.com/golang-fips/openssl/v2"
)

// Sizes are the message lengths of every operation, smallest first: the
// fixed cost of a call into C shows at 64 bytes, not at 1 MiB.
var Sizes = []int{64, 1024, 16384, 1048576}

// TB is what preparing an implementation needs of a test or a benchmark:
// *testing.T and *testing.B satisfy it. Fatal must not return (testing's
// calls runtime.Goexit; cmd/benchcheck's panics and recovers).
type TB interface {
	Helper()
	Fatal(args ...any)
	Cleanup(func())
}

// check stops tb with err, if any.
func check(tb TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// Run is one implementation of an operation, prepared for one message
// length. Exactly one of Once and Many is set. None is safe for
// concurrent use; a failure inside Once or Many calls the TB's Fatal.
type Run struct {
	Once func()          // performs the operation once
	Many func(iters int) // performs it iters times in one call (the C floor)
	Out  func() []byte   // the result of the last operation
}

// Times performs the operation iters times, through Many or a loop over
// Once.
func (r Run) Times(iters int) {
	if r.Many != nil {
		r.Many(iters)
		return
	}
	for range iters {
		r.Once()
	}
}

// CCall names the C floor called from Go once per operation: the c
// peer's own C function, asked for one operation per call, in a Go loop
// (see [PerCall]). It is the least any Go caller of that C code pays,
// one crossing into C per operation and whatever the crossing costs the
// C code after it, and so the floor of a Go API that performs one
// operation per call. It is a reference, not a peer of its own.
const CCall = "c-call"

// PerCall returns, for a Run r of the C floor (whose Many performs its
// operations in one call into C), the Run that calls r.Many(1) once per
// operation.
func PerCall(r Run) Run {
	return Run{Once: func() { r.Many(1) }, Out: r.Out}
}

// Peer is one implementation of an operation. Prepare sets it up for
// messages of n bytes; what it holds in C is freed by tb's cleanups.
type Peer struct {
	Name    string
	Prepare func(tb TB, n int) Run
}

// Op is an operation with its implementations, in the order the
// benchmarks run them: hazmat, hazmat-go, go, gofips, c (an operation Go's
// crypto or golang-fips/openssl lacks has no such peer; one Go's crypto
// lacks has no hazmat-go peer either, as the Go backend has nothing to
// run it with).
type Op struct {
	Name  string
	Peers []Peer
	// Sizes are the sizes the operation is measured at, smallest first;
	// nil stands for [Sizes]. A size is a length in bytes (of the message,
	// the derived key, the wrapped key or the random bytes), or, when
	// PerIteration is set, a count of iterations.
	Sizes []int
	// PerIteration says that a size counts iterations of the operation's
	// inner loop (PBKDF2's), not bytes.
	PerIteration bool
}

// SizesOf returns the sizes o is measured at.
func (o Op) SizesOf() []int {
	if o.Sizes == nil {
		return Sizes
	}
	return o.Sizes
}

// Peer returns o's implementation called name, and whether there is one.
func (o Op) Peer(name string) (Peer, bool) {
	for _, p := range o.Peers {
		if p.Name == name {
			return p, true
		}
	}
	return Peer{}, false
}

// Ops lists every operation, in the order of the reports.
var Ops = []Op{
	{"AESGCMSeal", gcmSealPeers, nil, false},
	{"AESGCMOpen", gcmOpenPeers, nil, false},
	{"AESCBCEncrypt", cbcPeers, nil, false},
	{"AESCTR", ctrPeers, nil, false},
	{"SHA256", sha256Peers, nil, false},
	{"SHA512", sha512Peers, nil, false},
	{"SHA256Hasher", hasherPeers, nil, false},
	{"HMACSHA256", hmacPeers, nil, false},
	{"NewSHA256", newSHA256Peers, nil, false},
	{"NewHMACSHA256", newHMACPeers, nil, false},
	{"HKDFSHA256", hkdfPeers, []int{32}, false},
	{"PBKDF2SHA256", pbkdf2Peers, []int{1000}, true},
	{"CMACAES128", cmacPeers, []int{64, 16384}, false},
	{"AESKeyWrap", keyWrapPeers, []int{32}, false},
	{"RandBytes", randPeers, []int{32, 1048576}, false},
}

// Named returns the operation called name, and whether there is one.
func Named(name string) (Op, bool) {
	for _, o := range Ops {
		if o.Name == name {
			return o, true
		}
	}
	return Op{}, false
}

var gofipsInit = sync.OnceValue(func() error { return openssl.Init("libcrypto.so.3") })

// gofips loads OpenSSL for golang-fips/openssl, once.
func gofips(tb TB) {
	tb.Helper()
	check(tb, gofipsInit())
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
