package gocrypto_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"testing"

	"github.com/go-hazmat/hazmat/gocrypto"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	hzhmac "github.com/go-hazmat/hazmat/primitives/hmac"
)

func BenchmarkTmpNewHMACGo(b *testing.B) {
	key := make([]byte, 32)
	msg := make([]byte, 64)
	out := make([]byte, 0, 32)
	be := gocrypto.DefaultBackend()
	b.Run("hazmat-go", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			h, err := hzhmac.NewWithBackend(key, hashes.SHA256{}, be)
			if err != nil {
				b.Fatal(err)
			}
			h.Write(msg)
			out = h.Sum(out[:0])
		}
	})
	b.Run("go", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			h := hmac.New(sha256.New, key)
			h.Write(msg)
			out = h.Sum(out[:0])
		}
	})
}
