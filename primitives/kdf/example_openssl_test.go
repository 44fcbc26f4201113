//go:build cgo

package kdf_test

import (
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// The first record of the CAVP SP 800-108 counter-mode file with an
// HMAC-SHA256 PRF, a 32-bit counter before the fixed input.
func ExampleNewKBKDF() {
	key, _ := hex.DecodeString("dd1d91b7d90b2bd3138533ce92b272fbf8a369316aefe242e659cc0ae238afe0")
	fixed, _ := hex.DecodeString("01322b96b30acd197979444e468e1c5c6859bf1b1cf951b7e725303e237e46b864a145fab25e517b08f8683d0315bb2911d80a0e8aba17f3b413faac")
	k, err := kdf.NewKBKDF(kdfalg.KBKDF{Hash: hashes.SHA256{}, Fixed: fixed}, 16)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		// The default backend does not serve it (the Go backend: not in
		// Go's crypto); the OpenSSL backend does.
		k, err = kdf.NewWithBackend(kdfalg.KBKDF{Hash: hashes.SHA256{}, Fixed: fixed}, 16, openssl.DefaultBackend())
	}
	if err != nil {
		panic(err)
	}
	out, err := k.Derive(key)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", out)
	// Output:
	// 10621342bfb0fd40046c0e29f2cfdbf0
}

// The first SHA-256 record of the CAVP ANS X9.63 file.
func ExampleNewX963() {
	z, _ := hex.DecodeString("96c05619d56c328ab95fe84b18264b08725b85e33fd34f08")
	k, err := kdf.NewX963(hashes.SHA256{}, 16, nil)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		// The default backend does not serve it (the Go backend: not in
		// Go's crypto); the OpenSSL backend does.
		k, err = kdf.NewWithBackend(kdfalg.X963{Hash: hashes.SHA256{}}, 16, openssl.DefaultBackend())
	}
	if err != nil {
		panic(err)
	}
	out, err := k.Derive(z)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", out)
	// Output:
	// 443024c3dae66b95e6f5670601558f71
}

// A record of testdata/kdf/sskdf.txt (NIST CAVS, SHA-256).
func ExampleNewConcatKDFHash() {
	z, _ := hex.DecodeString("a4801c1ca39cc74b7df5c127593e3482f4c4e4e945753076")
	other, _ := hex.DecodeString("4341565369649a34a5c3879740e3907add7ba1b2c3d4e5658aaff1cc4bd0aa8e7a215ad1f61873ce67cd7b83225010")
	k, err := kdf.NewConcatKDFHash(hashes.SHA256{}, 10, other)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		// The default backend does not serve it (the Go backend: not in
		// Go's crypto); the OpenSSL backend does.
		k, err = kdf.NewWithBackend(kdfalg.ConcatHash{Hash: hashes.SHA256{}, OtherInfo: other}, 10, openssl.DefaultBackend())
	}
	if err != nil {
		panic(err)
	}
	out, err := k.Derive(z)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", out)
	// Output:
	// 13229b870d7e49795f34
}

// A record of testdata/kdf/sskdf.txt (singlestep-kdf, HMAC-SHA256 with a
// salt).
func ExampleNewConcatKDFHMAC() {
	z, _ := hex.DecodeString("616e6f74686572206f6e65")
	other, _ := hex.DecodeString("9014bf55dc1e03babb5ca1c1323a1e5b")
	salt, _ := hex.DecodeString("ebf4c1e001f26879afc76c7a45ac9541")
	k, err := kdf.NewConcatKDFHMAC(hashes.SHA256{}, 34, salt, other)
	if errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		// The default backend does not serve it (the Go backend: not in
		// Go's crypto); the OpenSSL backend does.
		k, err = kdf.NewWithBackend(kdfalg.ConcatHMAC{Hash: hashes.SHA256{}, Salt: salt, OtherInfo: other}, 34, openssl.DefaultBackend())
	}
	if err != nil {
		panic(err)
	}
	out, err := k.Derive(z)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", out)
	// Output:
	// 8a6484427e5231642a83e7a01fd410040dda5bf3b3d34ec626a8603ac1a5e2e38f02
}
