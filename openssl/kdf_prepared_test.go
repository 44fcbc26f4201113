//go:build cgo

package openssl_test

import (
	"bytes"
	"crypto/hkdf"
	stdhmac "crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// counterKDF is the one-step KDF of ANS X9.63 (counter after the secret)
// and of NIST SP 800-56C (counter first), over the PRF newPRF makes.
func counterKDF(newPRF func() hash.Hash, counterFirst bool, secret, info []byte, n int) []byte {
	var out []byte
	for i := uint32(1); len(out) < n; i++ {
		h := newPRF()
		ctr := binary.BigEndian.AppendUint32(nil, i)
		if counterFirst {
			h.Write(ctr)
			h.Write(secret)
		} else {
			h.Write(secret)
			h.Write(ctr)
		}
		h.Write(info)
		out = h.Sum(out)
	}
	return out[:n]
}

// kdfDerivation is a derivation and the key Go's crypto computes for it.
type kdfDerivation struct {
	alg  backends.KDFAlgorithm
	want []byte
}

// preparedSecret is the secret of preparedDerivations.
var preparedSecret = bytes.Repeat([]byte{7}, 32)

// preparedDerivations are derivations of each KDF whose contexts the
// backend prepares, with salts and infos that are set, empty, and set
// again, and the keys Go's crypto computes for them, even where
// GODEBUG=fips140=only makes Go refuse them (HMAC with an empty salt as its
// key; see goref.Run).
func preparedDerivations(t *testing.T) (seq []kdfDerivation) {
	goref.Run(func() { seq = goDerivations(t) })
	return seq
}

func goDerivations(t *testing.T) []kdfDerivation {
	secret := preparedSecret
	salts := [][]byte{bytes.Repeat([]byte{1}, 16), nil, bytes.Repeat([]byte{2}, 40)}
	infos := [][]byte{[]byte("info one"), nil, []byte("another, longer info string")}
	sha256PRF := func() hash.Hash { return sha256.New() }
	var seq []kdfDerivation
	for round := 0; round < 2; round++ {
		for i := range 6 {
			salt, info := salts[i%3], infos[(i+round)%3]
			hk, err := hkdf.Key(sha256.New, secret, salt, string(info), 42)
			require.NoError(t, err)
			pbSalt := salts[2*(i%2)]
			pb, err := pbkdf2.Key(sha256.New, string(secret), pbSalt, 1000, 32)
			require.NoError(t, err)
			seq = append(seq,
				kdfDerivation{kdfalg.HKDF{Hash: hashes.SHA256{}, Salt: salt, Info: info}, hk},
				kdfDerivation{kdfalg.PBKDF2{Hash: hashes.SHA256{}, Salt: pbSalt, Iterations: 1000}, pb},
				kdfDerivation{kdfalg.X963{Hash: hashes.SHA256{}, SharedInfo: info}, counterKDF(sha256PRF, false, secret, info, 42)},
				kdfDerivation{kdfalg.ConcatHash{Hash: hashes.SHA256{}, OtherInfo: info}, counterKDF(sha256PRF, true, secret, info, 42)},
				kdfDerivation{kdfalg.ConcatHMAC{Hash: hashes.SHA256{}, Salt: salt, OtherInfo: info},
					counterKDF(func() hash.Hash { return stdhmac.New(sha256.New, salt) }, true, secret, info, 42)})
		}
	}
	return seq
}

// TestKDFPreparedContexts derives, one after the other on this goroutine
// (so on the contexts the backend keeps prepared per KDF and digest), with
// salts and infos that are set, empty, and set again, and checks each key
// against Go's crypto: a context that has derived once must not lend the
// next derivation its salt or info (OpenSSL 3.0's default provider keeps
// them when given empty ones, and its HKDF then reads freed memory).
func TestKDFPreparedContexts(t *testing.T) {
	b := openssl.DefaultBackend()
	for i, d := range preparedDerivations(t) {
		out := make([]byte, len(d.want))
		require.NoError(t, b.DeriveKey(d.alg, preparedSecret, out), "derivation %d, %s", i, d.alg.KDFName())
		assert.Equal(t, hex.EncodeToString(d.want), hex.EncodeToString(out), "derivation %d: %s", i, fmt.Sprintf("%+v", d.alg))
	}
}

// TestKDFPreparedContextsConcurrent runs the derivations of
// TestKDFPreparedContexts on several goroutines at once, each in its own
// order: a prepared context serves one derivation at a time.
func TestKDFPreparedContextsConcurrent(t *testing.T) {
	b := openssl.DefaultBackend()
	seq := preparedDerivations(t)
	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan string, workers*len(seq))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 4 * len(seq) {
				d := seq[(k*(2*w+1))%len(seq)]
				out := make([]byte, len(d.want))
				if err := b.DeriveKey(d.alg, preparedSecret, out); err != nil {
					errs <- fmt.Sprintf("worker %d: %s: %v", w, d.alg.KDFName(), err)
				} else if !bytes.Equal(out, d.want) {
					errs <- fmt.Sprintf("worker %d: %+v: wrong key %x", w, d.alg, out)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	var failures []string
	for e := range errs {
		failures = append(failures, e)
	}
	assert.Empty(t, failures)
}

// TestKDFContextsReused: derivations one after the other take the context
// the previous one left in the pool, rather than preparing one each (the
// pool may drop one now and then: at garbage collections, and a quarter of
// them under the race detector), and they do run on prepared contexts.
func TestKDFContextsReused(t *testing.T) {
	b := openssl.DefaultBackend()
	const n = 100
	for _, alg := range []backends.KDFAlgorithm{
		kdfalg.HKDF{Hash: hashes.SHA256{}, Salt: []byte("a salt of 16 byt"), Info: []byte("info")},
		kdfalg.PBKDF2{Hash: hashes.SHA256{}, Salt: []byte("a salt of 16 byt"), Iterations: 1000},
		kdfalg.X963{Hash: hashes.SHA256{}, SharedInfo: []byte("info")},
		kdfalg.ConcatHash{Hash: hashes.SHA256{}, OtherInfo: []byte("info")},
		kdfalg.ConcatHMAC{Hash: hashes.SHA256{}, Salt: []byte("salt"), OtherInfo: []byte("info")},
	} {
		// Two collections empty the pools (a sync.Pool keeps what it
		// held before the last one): the first derivation prepares a
		// context.
		runtime.GC()
		runtime.GC()
		before := openssl.KDFContextsPrepared()
		out := make([]byte, 32)
		for range n {
			require.NoError(t, b.DeriveKey(alg, preparedSecret, out), alg.KDFName())
		}
		made := openssl.KDFContextsPrepared() - before
		assert.GreaterOrEqual(t, made, int64(1), "%s: no derivation ran on a prepared context", alg.KDFName())
		assert.LessOrEqual(t, made, int64(n/2), "%s: contexts prepared for %d derivations", alg.KDFName(), n)
	}
}
