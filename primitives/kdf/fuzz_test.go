package kdf_test

import (
	"bytes"
	stdhkdf "crypto/hkdf"
	stdpbkdf2 "crypto/pbkdf2"
	"crypto/sha256"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/defaultbackend"
	"github.com/go-hazmat/hazmat/internal/goref"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

var fuzzHashes = []backends.HashAlgorithm{
	hashes.SHA1{}, hashes.SHA256{}, hashes.SHA512{}, hashes.SHA3_256{}, hashes.MD5{}, hashes.SHAKE128{Size: 32}, nil,
}

// fuzzAlg builds a descriptor from the fuzzer's choices: any kind, any
// hash (some refused), any mode, widths and lengths, valid or not.
func fuzzAlg(kind, hsel, mode, width uint8, iter int16, salt, info []byte) backends.KDFAlgorithm {
	h := fuzzHashes[int(hsel)%len(fuzzHashes)]
	switch kind % 7 {
	case 0:
		return kdfalg.HKDF{Hash: h, Salt: salt, Info: info, Mode: kdfalg.HKDFMode(int(mode%4) - 0)}
	case 1:
		return kdfalg.PBKDF2{Hash: h, Salt: salt, Iterations: int(iter % 16)}
	case 2:
		k := kdfalg.KBKDF{Hash: h, Mode: kdfalg.KBKDFMode(mode % 3), RLen: int(width % 6), LLen: int(width/6) % 6,
			Location: kdfalg.CounterLocation(mode / 3 % 4), Label: salt, Context: info,
			OmitSeparator: width&64 != 0, OmitL: width&128 != 0}
		if mode&32 != 0 {
			k.Hash, k.Cipher = nil, kdfalg.CMACCipher(1+mode/64%3)
		}
		if mode&16 != 0 {
			k.IV = info
		}
		return k
	case 3:
		return kdfalg.X963{Hash: h, SharedInfo: info}
	case 4:
		return kdfalg.ConcatHash{Hash: h, OtherInfo: info}
	case 5:
		return kdfalg.ConcatHMAC{Hash: h, Salt: salt, OtherInfo: info}
	}
	return kdfalg.Scrypt{Salt: salt, N: uint64(iter) % 1100, R: int(width % 5), P: int(mode % 3)}
}

// FuzzKDFParameters: any parameters give either a key of the length asked
// for, the same on a second run, or an error that wraps a sentinel of
// package backends and leaves the output as it was; never a panic. HKDF
// and PBKDF2 with SHA-256 are compared with Go's.
func FuzzKDFParameters(f *testing.F) {
	f.Add(uint8(0), uint8(1), uint8(0), uint8(4), int16(1), []byte("salt"), []byte("info"), []byte("secret"), uint16(32))
	f.Add(uint8(1), uint8(1), uint8(0), uint8(0), int16(2), bytes.Repeat([]byte("s"), 16), []byte{}, []byte("password"), uint16(20))
	f.Add(uint8(2), uint8(2), uint8(33), uint8(1), int16(0), []byte("label"), []byte("context"), bytes.Repeat([]byte{1}, 16), uint16(40))
	f.Add(uint8(2), uint8(1), uint8(1), uint8(4), int16(0), []byte{}, bytes.Repeat([]byte{2}, 32), bytes.Repeat([]byte{1}, 32), uint16(100))
	f.Add(uint8(6), uint8(0), uint8(1), uint8(1), int16(16), []byte("NaCl"), []byte{}, []byte("password"), uint16(64))
	b := defaultbackend.Get()
	f.Fuzz(func(t *testing.T, kind, hsel, mode, width uint8, iter int16, salt, info, secret []byte, n uint16) {
		alg := fuzzAlg(kind, hsel, mode, width, iter, salt, info)
		length := int(n % 2048)
		out := bytes.Repeat([]byte{0x5A}, length)
		var err error
		require.NotPanics(t, func() { err = b.DeriveKey(alg, secret, out) })
		if err != nil {
			assert.Equal(t, bytes.Repeat([]byte{0x5A}, length), out, "nothing written on failure")
			sentinels := []error{backends.ErrInvalidArgument, backends.ErrInvalidKeySize, backends.ErrInvalidIVSize,
				backends.ErrInvalidDigestSize, backends.ErrUnsupportedAlgorithm, backends.ErrFIPSRule}
			found := false
			for _, s := range sentinels {
				found = found || errors.Is(err, s)
			}
			assert.True(t, found, "error wraps no sentinel: %v", err)
			return
		}
		again := make([]byte, length)
		require.NoError(t, b.DeriveKey(alg, secret, again))
		assert.Equal(t, out, again)
		switch a := alg.(type) {
		case kdfalg.HKDF:
			if a.Hash == (hashes.SHA256{}) && a.Mode == kdfalg.ExtractAndExpand {
				var want []byte
				goref.Run(func() { want, err = stdhkdf.Key(sha256.New, secret, salt, string(info), length) })
				require.NoError(t, err)
				assert.Equal(t, want, out)
			}
		case kdfalg.PBKDF2:
			if a.Hash == (hashes.SHA256{}) {
				var want []byte
				goref.Run(func() { want, err = stdpbkdf2.Key(sha256.New, string(secret), salt, a.Iterations, length) })
				require.NoError(t, err)
				assert.Equal(t, want, out)
			}
		}
	})
}
