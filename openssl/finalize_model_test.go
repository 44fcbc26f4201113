//go:build cgo

package openssl_test

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"errors"
	"hash"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// modelCtx is a context of the model tests: a backend context, or a
// hashes.Hash or hmac.HMAC seen through the same methods.
type modelCtx interface {
	Update([]byte) error
	Sum([]byte) ([]byte, error)
	Finalize() ([]byte, error)
	Reset() error
	Copy() (modelCtx, error)
}

// backendCtx is a digest, HMAC or MAC context of the OpenSSL backend.
type backendCtx struct{ finalizer }

func (c backendCtx) Copy() (modelCtx, error) {
	var (
		cp  any
		err error
	)
	switch x := c.finalizer.(type) {
	case interface {
		Copy() (backends.HashContext, error)
	}:
		cp, err = x.Copy()
	case interface {
		Copy() (backends.HMACContext, error)
	}:
		cp, err = x.Copy()
	case interface {
		Copy() (backends.MACContext, error)
	}:
		cp, err = x.Copy()
	default:
		return nil, errors.New("openssl: context has no Copy")
	}
	if err != nil {
		return nil, err
	}
	f, ok := cp.(finalizer)
	if !ok {
		return nil, errors.New("openssl: copy has no Sum or Reset")
	}
	return backendCtx{f}, nil
}

// hashPrim is a hashes.Hash: its Sum after Finalize gives the digest
// finalised, where a backend context refuses.
type hashPrim struct{ h *hashes.Hash }

func (p hashPrim) Update(b []byte) error        { return p.h.Update(b) }
func (p hashPrim) Sum(b []byte) ([]byte, error) { return p.h.Sum(b), nil }
func (p hashPrim) Finalize() ([]byte, error)    { return p.h.Finalize() }
func (p hashPrim) Reset() error                 { p.h.Reset(); return nil }
func (p hashPrim) Copy() (modelCtx, error)      { c, err := p.h.Copy(); return hashPrim{c}, err }

// hmacPrim is an hmac.HMAC, whose Sum after Finalize gives the MAC
// finalised too.
type hmacPrim struct{ h *hmac.HMAC }

func (p hmacPrim) Update(b []byte) error        { return p.h.Update(b) }
func (p hmacPrim) Sum(b []byte) ([]byte, error) { return p.h.Sum(b), nil }
func (p hmacPrim) Finalize() ([]byte, error)    { return p.h.Finalize() }
func (p hmacPrim) Reset() error                 { p.h.Reset(); return nil }
func (p hmacPrim) Copy() (modelCtx, error)      { c, err := p.h.Copy(); return hmacPrim{c}, err }

// modelCase is an algorithm of the model test: how to make a context, and
// the reference answer for a message (Go's crypto, or the backend's
// one-shot for the MACs Go lacks).
type modelCase struct {
	name string
	make func() (modelCtx, error)
	ref  func(msg []byte) []byte
	// xof, for SHAKE, is the reference for n bytes of output: SumXOF is
	// then one of the operations.
	xof func(msg []byte, n int) []byte
	// prim: the context is a primitive, whose Sum after Finalize returns
	// the output finalised.
	prim bool
}

func goDigest(h func() hash.Hash) func([]byte) []byte {
	return func(msg []byte) []byte {
		d := h()
		d.Write(msg)
		return d.Sum(nil)
	}
}

// modelCases returns the algorithms the mode in force serves, each as a
// backend context and, for SHA-256 and HMAC-SHA-256, as a primitive.
func modelCases(t *testing.T) []modelCase {
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{0xa7}, 32)
	var cases []modelCase
	digests := []struct {
		alg backends.HashAlgorithm
		ref func() hash.Hash
	}{
		{hashes.SHA1{}, sha1.New}, {hashes.SHA256{}, sha256.New}, {hashes.SHA512{}, sha512.New},
		{hashes.SHA3_256{}, func() hash.Hash { return sha3.New256() }},
	}
	for _, d := range digests {
		if !b.HashSupported(d.alg) {
			continue
		}
		cases = append(cases, modelCase{
			name: d.alg.Name(),
			make: func() (modelCtx, error) {
				h, err := b.CreateHashCtx(d.alg)
				if err != nil {
					return nil, err
				}
				return backendCtx{h.(finalizer)}, nil
			},
			ref: goDigest(d.ref),
		})
		if !b.HMACSupported(d.alg) {
			continue
		}
		cases = append(cases, modelCase{
			name: "HMAC-" + d.alg.Name(),
			make: func() (modelCtx, error) {
				h, err := b.CreateHMACCtx(key, d.alg)
				if err != nil {
					return nil, err
				}
				return backendCtx{h.(finalizer)}, nil
			},
			ref: func(msg []byte) []byte { return goHMAC(d.ref, key, msg) },
		})
	}
	for _, x := range []struct {
		alg  backends.HashAlgorithm
		size int
		sum  func([]byte, int) []byte
	}{
		{hashes.SHAKE128{Size: 32}, 32, sha3.SumSHAKE128},
		{hashes.SHAKE256{Size: 100}, 100, sha3.SumSHAKE256},
	} {
		if !b.HashSupported(x.alg) {
			continue
		}
		cases = append(cases, modelCase{
			name: x.alg.Name(),
			make: func() (modelCtx, error) {
				h, err := b.CreateHashCtx(x.alg)
				if err != nil {
					return nil, err
				}
				return backendCtx{h.(finalizer)}, nil
			},
			ref: func(msg []byte) []byte { return x.sum(msg, x.size) },
			xof: x.sum,
		})
	}
	kmac, err := macalg.NewKMAC128([]byte("model"), 40)
	require.NoError(t, err)
	gmac, err := macalg.NewGMAC(bytes.Repeat([]byte{0x3c}, 12))
	require.NoError(t, err)
	for _, m := range []backends.MACAlgorithm{macalg.CMAC{Cipher: macalg.AES}, kmac, gmac, macalg.Poly1305{}} {
		if !b.MACSupported(m) {
			continue
		}
		cases = append(cases, modelCase{
			name: m.Name(),
			make: func() (modelCtx, error) {
				c, err := b.CreateMACCtx(m, key)
				if err != nil {
					return nil, err
				}
				return backendCtx{c.(finalizer)}, nil
			},
			ref: func(msg []byte) []byte {
				out, err := b.ComputeMAC(m, key, msg, nil)
				require.NoError(t, err)
				return out
			},
		})
	}
	cases = append(cases, modelCase{
		name: "hashes.SHA-256",
		make: func() (modelCtx, error) {
			h, err := hashes.New(hashes.SHA256{})
			return hashPrim{h}, err
		},
		ref:  goDigest(sha256.New),
		prim: true,
	}, modelCase{
		name: "hmac.SHA-256",
		make: func() (modelCtx, error) {
			h, err := hmac.New(key, hashes.SHA256{})
			return hmacPrim{h}, err
		},
		ref:  func(msg []byte) []byte { return goHMAC(sha256.New, key, msg) },
		prim: true,
	})
	return cases
}

// modelSizes are the lengths a message is brought to or grows by: around
// every Go buffer of the contexts.
var modelSizes = []int{
	0, 1, 2,
	openssl.DigestBufSize - 1, openssl.DigestBufSize, openssl.DigestBufSize + 1,
	openssl.DigestMoreSize - 1, openssl.DigestMoreSize, openssl.DigestMoreSize + 1,
	openssl.MACBufSize - 1, openssl.MACBufSize, openssl.MACBufSize + 1,
}

// modelLive is a context of a model run and what the model says of it.
type modelLive struct {
	c     modelCtx
	msg   []byte // written since the last reset
	done  bool   // finalised since the last reset
	final []byte // the output of Finalize, while done
}

// runModel runs steps random operations (Update in one call or in many
// small ones, Sum, SumXOF, Finalize, Reset, Copy) on a context and its
// copies, and checks every answer against the model: tc.ref of the bytes
// written since the last reset, and ErrAlreadyFinalized after Finalize.
// It returns how many Finalize calls ended a message longer than every Go
// buffer, which is in C.
func runModel(t *testing.T, tc modelCase, r *rand.Rand, steps int) (inC int) {
	c0, err := tc.make()
	require.NoError(t, err)
	live := []*modelLive{{c: c0}}
	fill := func(n int) []byte {
		p := make([]byte, n)
		for i := range p {
			p[i] = byte(r.Uint32())
		}
		return p
	}
	for step := range steps {
		l := live[r.IntN(len(live))]
		op := r.IntN(12)
		if len(l.msg) > 3*openssl.MACBufSize {
			op = 6 + r.IntN(2) // Finalize or Reset
		}
		switch op {
		case 0, 1, 2, 3, 4: // Update: to a buffer's size, or by one
			var n int
			if target := modelSizes[r.IntN(len(modelSizes))]; op < 2 && target > len(l.msg) {
				n = target - len(l.msg)
			} else if op == 4 {
				n = r.IntN(2*openssl.MACBufSize + 3)
			} else {
				n = modelSizes[r.IntN(len(modelSizes))]
			}
			p := fill(n)
			var err error
			if n > 0 && r.IntN(3) == 0 {
				// Many small writes, which cross the buffer one by one.
				for q := p; len(q) > 0 && err == nil; {
					k := min(len(q), 1+r.IntN(97))
					err = l.c.Update(q[:k])
					q = q[k:]
				}
			} else {
				err = l.c.Update(p)
			}
			if l.done {
				assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "step %d: Update after Finalize", step)
				continue
			}
			require.NoError(t, err, "step %d: Update of %d bytes", step, n)
			l.msg = append(l.msg, p...)
		case 5: // Sum
			prefix := []byte("dst")
			got, err := l.c.Sum(prefix)
			switch {
			case l.done && tc.prim:
				require.NoError(t, err)
				assert.Equal(t, append([]byte("dst"), l.final...), got, "step %d: Sum after Finalize", step)
			case l.done:
				assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "step %d: Sum after Finalize", step)
			default:
				require.NoError(t, err, "step %d: Sum", step)
				assert.Equal(t, append([]byte("dst"), tc.ref(l.msg)...), got, "step %d: Sum of %d bytes", step, len(l.msg))
			}
		case 6, 7: // Finalize
			got, err := l.c.Finalize()
			if l.done {
				assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "step %d: a second Finalize", step)
				assert.Nil(t, got)
				continue
			}
			require.NoError(t, err, "step %d: Finalize", step)
			assert.Equal(t, tc.ref(l.msg), got, "step %d: Finalize of %d bytes", step, len(l.msg))
			if len(l.msg) > max(openssl.DigestMoreSize, openssl.MACBufSize) {
				inC++
			}
			l.done, l.final, l.msg = true, got, nil
		case 8, 9: // Reset
			require.NoError(t, l.c.Reset(), "step %d: Reset", step)
			l.done, l.final, l.msg = false, nil, nil
		case 10: // Copy
			cp, err := l.c.Copy()
			if l.done {
				assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "step %d: Copy after Finalize", step)
				continue
			}
			require.NoError(t, err, "step %d: Copy", step)
			c := &modelLive{c: cp, msg: append([]byte(nil), l.msg...)}
			if len(live) < 4 {
				live = append(live, c)
			} else {
				live[r.IntN(len(live))] = c
			}
		case 11: // SumXOF, for SHAKE
			if tc.xof == nil {
				continue
			}
			xs, ok := l.c.(backendCtx).finalizer.(backends.XOFSummer)
			require.True(t, ok, "%s has SumXOF", tc.name)
			n := 1 + r.IntN(300)
			got, err := xs.SumXOF(nil, n)
			if l.done {
				assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "step %d: SumXOF after Finalize", step)
				continue
			}
			require.NoError(t, err, "step %d: SumXOF", step)
			assert.Equal(t, tc.xof(l.msg, n), got, "step %d: SumXOF(%d) of %d bytes", step, n, len(l.msg))
		}
		if t.Failed() {
			return inC
		}
	}
	// Every context still open ends with Finalize.
	for i, l := range live {
		got, err := l.c.Finalize()
		if l.done {
			assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "context %d", i)
			continue
		}
		require.NoError(t, err, "context %d", i)
		assert.Equal(t, tc.ref(l.msg), got, "context %d: Finalize of %d bytes", i, len(l.msg))
	}
	return inC
}

// TestFinalizeModel runs random sequences of Update (to and across every
// Go buffer's size, in one write or many small ones), Sum, SumXOF,
// Finalize, Reset and Copy on digest, HMAC and MAC contexts of the
// backend, and on hashes.Hash and hmac.HMAC, and checks every answer
// against Go's crypto or the backend's one-shot MAC. The algorithms run in
// parallel, so that contexts finalised in place on one goroutine give
// their C states back to the pool while hashers on others borrow them.
func TestFinalizeModel(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	steps := 1500
	if testing.Short() {
		steps = 300
	}
	for i, tc := range modelCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			inC := runModel(t, tc, rand.New(rand.NewPCG(seed, uint64(i))), steps)
			assert.Positive(t, inC, "Finalize of a message in C")
			t.Logf("%d of the Finalize calls ended a message in C", inC)
		})
	}
}

// TestFinalizeInPlaceStateReuse: a digest finalised in place gives its C
// state back to the pool finalised; hashers made next on the same
// goroutine (which the pool most likely serves that state), of the same
// or another digest, fixed-size or SHAKE, feed it, copy into it and
// finalise it, and all of them give Go's answer.
func TestFinalizeInPlaceStateReuse(t *testing.T) {
	b := openssl.DefaultBackend()
	algs := []struct {
		alg backends.HashAlgorithm
		ref func([]byte) []byte
	}{
		{hashes.SHA256{}, goDigest(sha256.New)},
		{hashes.SHA512{}, goDigest(sha512.New)},
		{hashes.SHA3_256{}, goDigest(func() hash.Hash { return sha3.New256() })},
		{hashes.SHAKE128{Size: 48}, func(m []byte) []byte { return sha3.SumSHAKE128(m, 48) }},
		{hashes.SHA1{}, goDigest(sha1.New)},
	}
	msg := make([]byte, 2*openssl.DigestMoreSize+5)
	for i := range msg {
		msg[i] = byte(i*31 + 7)
	}
	served := 0
	for _, a := range algs {
		if !b.HashSupported(a.alg) {
			continue
		}
		served++
		for _, next := range algs {
			if !b.HashSupported(next.alg) {
				continue
			}
			for _, n := range []int{openssl.DigestBufSize + 1, openssl.DigestMoreSize + 1, len(msg)} {
				first, err := b.CreateHashCtx(a.alg)
				require.NoError(t, err)
				require.NoError(t, first.Update(msg[:n]))
				got, err := first.Finalize()
				require.NoError(t, err)
				require.Equal(t, a.ref(msg[:n]), got, "%s of %d bytes", a.alg.Name(), n)

				// The state comes back to a new hasher, then to a copy.
				h, err := b.CreateHashCtx(next.alg)
				require.NoError(t, err)
				require.NoError(t, h.Update(msg[:n-1]))
				cp, err := h.Copy()
				require.NoError(t, err)
				require.NoError(t, h.Update(msg[n-1:n]))
				got, err = h.Finalize()
				require.NoError(t, err)
				assert.Equal(t, next.ref(msg[:n]), got, "%s after %s: Finalize of %d bytes", next.alg.Name(), a.alg.Name(), n)
				got, err = cp.Finalize()
				require.NoError(t, err)
				assert.Equal(t, next.ref(msg[:n-1]), got, "%s after %s: the copy of %d bytes", next.alg.Name(), a.alg.Name(), n-1)

				// A reused hasher keeps up to DigestMoreSize bytes in Go,
				// then feeds a state from the pool.
				require.NoError(t, h.(backends.Resetter).Reset())
				require.NoError(t, h.Update(msg[:n]))
				got, err = h.Finalize()
				require.NoError(t, err)
				assert.Equal(t, next.ref(msg[:n]), got, "%s after %s: Reset, Finalize of %d bytes", next.alg.Name(), a.alg.Name(), n)
			}
		}
	}
	require.NotZero(t, served)
}

// TestFinalizeFollowsFIPSSwitch: a context with data in C when FIPS mode
// changes refuses Finalize (and Update) with ErrModeChanged and is not
// spent by it: a second Finalize says the same, not ErrAlreadyFinalized,
// and back in the mode of its data Finalize gives the MAC or digest of
// that data. After Reset it works in the new mode, Finalize in place
// included, and so does a context finalised in place before the switch.
func TestFinalizeFollowsFIPSSwitch(t *testing.T) {
	needSwitch(t)
	b := openssl.DefaultBackend()
	key := bytes.Repeat([]byte{0x42}, 32)
	msg := bytes.Repeat([]byte("finalize across a switch "), 400) // 10,000 bytes
	cmac := macalg.CMAC{Cipher: macalg.AES}
	makers := []struct {
		name string
		make func() (finalizer, error)
		ref  func([]byte) []byte
		prov bool // ImplProvider names the context's provider
	}{
		{"SHA-256", func() (finalizer, error) {
			h, err := b.CreateHashCtx(hashes.SHA256{})
			if err != nil {
				return nil, err
			}
			return h.(finalizer), nil
		}, goDigest(sha256.New), true},
		{"HMAC-SHA-256", func() (finalizer, error) {
			h, err := b.CreateHMACCtx(key, hashes.SHA256{})
			if err != nil {
				return nil, err
			}
			return h.(finalizer), nil
		}, func(m []byte) []byte { return goHMAC(sha256.New, key, m) }, true},
		{"CMAC-AES-256", func() (finalizer, error) {
			c, err := b.CreateMACCtx(cmac, key)
			if err != nil {
				return nil, err
			}
			return c.(finalizer), nil
		}, func(m []byte) []byte {
			out, err := b.ComputeMAC(cmac, key, m, nil)
			require.NoError(t, err)
			return out
		}, false},
	}
	for _, mk := range makers {
		for _, from := range []bool{false, true} {
			name := mk.name + "/from-default"
			if from {
				name = mk.name + "/from-fips"
			}
			t.Run(name, func(t *testing.T) {
				require.NoError(t, openssl.SetFIPS(from))
				c, err := mk.make()
				require.NoError(t, err)
				spent, err := mk.make()
				require.NoError(t, err)
				for _, x := range []finalizer{c, spent} {
					require.NoError(t, x.Update(msg[:5000]))
					require.NoError(t, x.Update(msg[5000:]))
				}
				got, err := spent.Finalize()
				require.NoError(t, err)
				require.Equal(t, mk.ref(msg), got)

				require.NoError(t, openssl.SetFIPS(!from))
				for range 2 {
					got, err := c.Finalize()
					assert.ErrorIs(t, err, backends.ErrModeChanged, "Finalize after the switch")
					assert.Nil(t, got)
				}
				assert.ErrorIs(t, c.Update(msg[:3]), backends.ErrModeChanged, "Update after the switch")
				// Back in the mode of its data, the context finalises it.
				require.NoError(t, openssl.SetFIPS(from))
				got, err = c.Finalize()
				require.NoError(t, err)
				assert.Equal(t, mk.ref(msg), got, "Finalize back in the mode of the data")
				require.NoError(t, openssl.SetFIPS(!from))
				for _, x := range []finalizer{c, spent} {
					require.NoError(t, x.Reset())
					require.NoError(t, x.Update(msg[:7000]))
					require.NoError(t, x.Update(msg[7000:]))
					if mk.prov {
						assert.Equal(t, !from, openssl.ImplProvider(x) == "fips", "provider after the switch: %s", openssl.ImplProvider(x))
					}
					got, err := x.Finalize()
					require.NoError(t, err)
					assert.Equal(t, mk.ref(msg), got, "Finalize in the new mode")
				}
			})
		}
	}
}

// TestFinalizeAtBufferSizes: for every algorithm of the model and every
// message length around the Go buffers, written in one call or in writes
// of 1 to 7 bytes: a Copy taken before Finalize goes on after the original
// is finalised (in place when its data is in C), the original is spent,
// and after Reset the same message and then the empty one give the
// reference answer again.
func TestFinalizeAtBufferSizes(t *testing.T) {
	sizes := append([]int{2*openssl.MACBufSize + 1}, modelSizes...)
	msg := make([]byte, 2*openssl.MACBufSize+9)
	for i := range msg {
		msg[i] = byte(i*13 + 5)
	}
	for _, tc := range modelCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			for _, n := range sizes {
				for _, small := range []bool{false, true} {
					c, err := tc.make()
					require.NoError(t, err)
					writeIn(t, c, msg[:n], small)
					cp, err := c.Copy()
					require.NoError(t, err)
					got, err := c.Finalize()
					require.NoError(t, err)
					assert.Equal(t, tc.ref(msg[:n]), got, "Finalize of %d bytes (small writes: %v)", n, small)
					if !tc.prim {
						_, err = c.Sum(nil)
						assert.ErrorIs(t, err, backends.ErrAlreadyFinalized, "Sum after Finalize")
					}
					assert.ErrorIs(t, c.Update(msg[:1]), backends.ErrAlreadyFinalized, "Update after Finalize")

					writeIn(t, cp, msg[n:n+8], small)
					got, err = cp.Finalize()
					require.NoError(t, err)
					assert.Equal(t, tc.ref(msg[:n+8]), got, "the copy taken at %d bytes, 8 more, Finalize (small writes: %v)", n, small)

					require.NoError(t, c.Reset())
					writeIn(t, c, msg[:n], small)
					got, err = c.Finalize()
					require.NoError(t, err)
					assert.Equal(t, tc.ref(msg[:n]), got, "Reset, Finalize of %d bytes (small writes: %v)", n, small)
					require.NoError(t, c.Reset())
					got, err = c.Finalize()
					require.NoError(t, err)
					assert.Equal(t, tc.ref(nil), got, "Reset, Finalize of nothing after %d bytes", n)
				}
			}
		})
	}
}

// writeIn writes msg to c in one Update, or in writes of 1 to 7 bytes.
func writeIn(t *testing.T, c modelCtx, msg []byte, small bool) {
	t.Helper()
	if !small {
		require.NoError(t, c.Update(msg))
		return
	}
	for i := 0; len(msg) > 0; i++ {
		k := min(len(msg), 1+i%7)
		require.NoError(t, c.Update(msg[:k]))
		msg = msg[k:]
	}
}
