//go:build cgo

package openssl

import "testing"

type sha256Alg struct{}

func (sha256Alg) Name() string    { return "sha256" }
func (sha256Alg) DigestSize() int { return 32 }
func (sha256Alg) BlockSize() int  { return 64 }

// BenchmarkModeCheck measures what every operation of a context pays to
// learn that the FIPS mode has not changed since its algorithm was fetched.
func BenchmarkModeCheck(b *testing.B) {
	d, err := newDigestCtx(sha256Alg{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := d.ready(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCgoCrossing measures one call into C that does almost nothing
// (OpenSSL_version_num): the fixed cost every operation pays at least
// once.
func BenchmarkCgoCrossing(b *testing.B) {
	for b.Loop() {
		VersionNumber()
	}
}
