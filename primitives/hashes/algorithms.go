package hashes

import (
	"strings"

	"github.com/go-hazmat/hazmat/backends"
)

// Algorithm is a hash algorithm: any [backends.HashAlgorithm].
type Algorithm = backends.HashAlgorithm

// The fixed-output algorithms. Each is a value type; use it as SHA256{}.
type (
	// SHA1 is SHA-1 (FIPS 180-4). Broken for collision resistance.
	SHA1 struct{}
	// SHA224 is SHA-224 (FIPS 180-4).
	SHA224 struct{}
	// SHA256 is SHA-256 (FIPS 180-4).
	SHA256 struct{}
	// SHA384 is SHA-384 (FIPS 180-4).
	SHA384 struct{}
	// SHA512 is SHA-512 (FIPS 180-4).
	SHA512 struct{}
	// SHA512_224 is SHA-512/224 (FIPS 180-4).
	SHA512_224 struct{}
	// SHA512_256 is SHA-512/256 (FIPS 180-4).
	SHA512_256 struct{}
	// SHA3_224 is SHA3-224 (FIPS 202).
	SHA3_224 struct{}
	// SHA3_256 is SHA3-256 (FIPS 202).
	SHA3_256 struct{}
	// SHA3_384 is SHA3-384 (FIPS 202).
	SHA3_384 struct{}
	// SHA3_512 is SHA3-512 (FIPS 202).
	SHA3_512 struct{}
	// BLAKE2b is BLAKE2b-512 (RFC 7693), unkeyed.
	BLAKE2b struct{}
	// BLAKE2s is BLAKE2s-256 (RFC 7693), unkeyed.
	BLAKE2s struct{}
	// MD5 is MD5 (RFC 1321). Broken: use only for compatibility.
	MD5 struct{}
	// RIPEMD160 is RIPEMD-160.
	RIPEMD160 struct{}
	// SM3 is SM3 (GB/T 32905-2016).
	SM3 struct{}
)

// Name, DigestSize and BlockSize of each algorithm (the names are OpenSSL's).
func (SHA1) Name() string          { return "sha1" }
func (SHA1) DigestSize() int       { return 20 }
func (SHA1) BlockSize() int        { return 64 }
func (SHA224) Name() string        { return "sha224" }
func (SHA224) DigestSize() int     { return 28 }
func (SHA224) BlockSize() int      { return 64 }
func (SHA256) Name() string        { return "sha256" }
func (SHA256) DigestSize() int     { return 32 }
func (SHA256) BlockSize() int      { return 64 }
func (SHA384) Name() string        { return "sha384" }
func (SHA384) DigestSize() int     { return 48 }
func (SHA384) BlockSize() int      { return 128 }
func (SHA512) Name() string        { return "sha512" }
func (SHA512) DigestSize() int     { return 64 }
func (SHA512) BlockSize() int      { return 128 }
func (SHA512_224) Name() string    { return "sha512-224" }
func (SHA512_224) DigestSize() int { return 28 }
func (SHA512_224) BlockSize() int  { return 128 }
func (SHA512_256) Name() string    { return "sha512-256" }
func (SHA512_256) DigestSize() int { return 32 }
func (SHA512_256) BlockSize() int  { return 128 }
func (SHA3_224) Name() string      { return "sha3-224" }
func (SHA3_224) DigestSize() int   { return 28 }
func (SHA3_224) BlockSize() int    { return 144 }
func (SHA3_256) Name() string      { return "sha3-256" }
func (SHA3_256) DigestSize() int   { return 32 }
func (SHA3_256) BlockSize() int    { return 136 }
func (SHA3_384) Name() string      { return "sha3-384" }
func (SHA3_384) DigestSize() int   { return 48 }
func (SHA3_384) BlockSize() int    { return 104 }
func (SHA3_512) Name() string      { return "sha3-512" }
func (SHA3_512) DigestSize() int   { return 64 }
func (SHA3_512) BlockSize() int    { return 72 }
func (BLAKE2b) Name() string       { return "blake2b512" }
func (BLAKE2b) DigestSize() int    { return 64 }
func (BLAKE2b) BlockSize() int     { return 128 }
func (BLAKE2s) Name() string       { return "blake2s256" }
func (BLAKE2s) DigestSize() int    { return 32 }
func (BLAKE2s) BlockSize() int     { return 64 }
func (MD5) Name() string           { return "md5" }
func (MD5) DigestSize() int        { return 16 }
func (MD5) BlockSize() int         { return 64 }
func (RIPEMD160) Name() string     { return "ripemd160" }
func (RIPEMD160) DigestSize() int  { return 20 }
func (RIPEMD160) BlockSize() int   { return 64 }
func (SM3) Name() string           { return "sm3" }
func (SM3) DigestSize() int        { return 32 }
func (SM3) BlockSize() int         { return 64 }

// SHAKE128 is the extendable-output function SHAKE128 (FIPS 202). Size is
// the output length in bytes that Finalize and Sum produce; it must be
// positive. As a [hash.XOF], up to 1 GiB of output can be read.
type SHAKE128 struct{ Size int }

// SHAKE256 is the extendable-output function SHAKE256 (FIPS 202). Size is
// the output length in bytes, as for [SHAKE128].
type SHAKE256 struct{ Size int }

func (SHAKE128) Name() string      { return "shake128" }
func (s SHAKE128) DigestSize() int { return s.Size }
func (SHAKE128) BlockSize() int    { return 168 }
func (SHAKE128) ExtendableOutput() {}
func (SHAKE256) Name() string      { return "shake256" }
func (s SHAKE256) DigestSize() int { return s.Size }
func (SHAKE256) BlockSize() int    { return 136 }
func (SHAKE256) ExtendableOutput() {}

var (
	_ backends.ExtendableOutputAlgorithm = SHAKE128{}
	_ backends.ExtendableOutputAlgorithm = SHAKE256{}
)

// All lists every fixed-output algorithm of this package, and SHAKE128 and
// SHAKE256 with their usual output lengths (32 and 64 bytes).
func All() []Algorithm {
	return []Algorithm{
		SHA1{}, SHA224{}, SHA256{}, SHA384{}, SHA512{}, SHA512_224{}, SHA512_256{},
		SHA3_224{}, SHA3_256{}, SHA3_384{}, SHA3_512{},
		SHAKE128{Size: 32}, SHAKE256{Size: 64},
		BLAKE2b{}, BLAKE2s{}, MD5{}, RIPEMD160{}, SM3{},
	}
}

// ByName returns the algorithm that OpenSSL calls name, matched without
// regard to case and accepting OpenSSL's aliases ("sha256", "SHA2-256",
// "sha-256", "sha512-256", "sha512/256", "blake2b512", ...). SHAKE gets its
// usual output length (32 bytes for SHAKE128, 64 for SHAKE256). ok is false
// for a name this package does not know.
func ByName(name string) (alg Algorithm, ok bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "sha1", "sha-1":
		return SHA1{}, true
	case "sha224", "sha-224", "sha2-224":
		return SHA224{}, true
	case "sha256", "sha-256", "sha2-256":
		return SHA256{}, true
	case "sha384", "sha-384", "sha2-384":
		return SHA384{}, true
	case "sha512", "sha-512", "sha2-512":
		return SHA512{}, true
	case "sha512-224", "sha512/224", "sha-512/224", "sha2-512/224":
		return SHA512_224{}, true
	case "sha512-256", "sha512/256", "sha-512/256", "sha2-512/256":
		return SHA512_256{}, true
	case "sha3-224":
		return SHA3_224{}, true
	case "sha3-256":
		return SHA3_256{}, true
	case "sha3-384":
		return SHA3_384{}, true
	case "sha3-512":
		return SHA3_512{}, true
	case "shake128", "shake-128":
		return SHAKE128{Size: 32}, true
	case "shake256", "shake-256":
		return SHAKE256{Size: 64}, true
	case "blake2b512", "blake2b-512", "blake2b":
		return BLAKE2b{}, true
	case "blake2s256", "blake2s-256", "blake2s":
		return BLAKE2s{}, true
	case "md5":
		return MD5{}, true
	case "ripemd160", "ripemd-160", "ripemd", "rmd160":
		return RIPEMD160{}, true
	case "sm3":
		return SM3{}, true
	}
	return nil, false
}
