//go:build cgo

package openssl_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
)

// BenchmarkHelperCall measures short calls into C helpers that can fail,
// where a fixed cost per call (such as checking the thread's error queue
// on entry) shows most: a 64-byte streamed digest update, a 16-byte
// one-shot digest and a 64-byte AES-GCM seal.
func BenchmarkHelperCall(b *testing.B) {
	be := openssl.DefaultBackend()
	b.Run("digest-update-64", func(b *testing.B) {
		ctx, err := be.CreateHashCtx(hashes.SHA256{})
		require.NoError(b, err)
		require.NoError(b, ctx.Update(make([]byte, openssl.DigestBufSize+1)))
		p := make([]byte, 64)
		b.ReportAllocs()
		for b.Loop() {
			if err := ctx.Update(p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("digest-oneshot-16", func(b *testing.B) {
		p, out := make([]byte, 16), make([]byte, 0, 32)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := be.Digest(hashes.SHA256{}, p, out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("gcm-seal-64", func(b *testing.B) {
		a, err := be.NewAEAD("AES", "aes-128-gcm", make([]byte, 16), 16)
		require.NoError(b, err)
		nonce, p, out := make([]byte, 12), make([]byte, 64), make([]byte, 0, 80)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := a.Seal(out, nonce, p, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkErrBegin measures the check of the thread's error queue that
// opens every C helper that can fail, 1000 times per C call so that the
// crossing does not count. The metric cpu-ns/check is its cost in CPU time
// of the thread, which a busy machine inflates less than wall time.
func BenchmarkErrBegin(b *testing.B) {
	const n = 1000
	var cpu time.Duration
	for b.Loop() {
		cpu += openssl.ErrBegin(n)
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*n), "cpu-ns/check")
}
