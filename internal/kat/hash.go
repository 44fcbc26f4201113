package kat

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/hmac"
)

// cavpHashName matches the CAVP hash file names: the algorithm, then the
// test.
var cavpHashName = regexp.MustCompile(`^(SHA1|SHA224|SHA256|SHA384|SHA512|SHA512_224|SHA512_256|SHA3_224|SHA3_256|SHA3_384|SHA3_512|SHAKE128|SHAKE256)(ShortMsg|LongMsg|VariableOut|Monte)$`)

// HashAlgorithm finds the hash algorithm of a hash file from its path:
// from a CAVP name (SHA512_256ShortMsg.rsp), from the file's stem
// (blake2b.txt, the project's testdata/hashes/sha256.txt) or from its
// folder (MD5/, SM3/, ripemd160/).
func HashAlgorithm(path string) (hashes.Algorithm, bool) {
	return hashAlg(pathParts(path))
}

func hashAlg(parts []string) (hashes.Algorithm, bool) {
	base := parts[len(parts)-1]
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	if m := cavpHashName.FindStringSubmatch(stem); m != nil {
		return hashes.ByName(strings.ReplaceAll(strings.ToLower(m[1]), "_", "-"))
	}
	if alg, ok := hashes.ByName(stem); ok {
		return alg, true
	}
	if len(parts) >= 2 {
		return hashes.ByName(parts[len(parts)-2])
	}
	return nil, false
}

// withSize gives an extendable-output algorithm the output length n.
func withSize(alg hashes.Algorithm, n int) hashes.Algorithm {
	switch alg.(type) {
	case hashes.SHAKE128:
		return hashes.SHAKE128{Size: n}
	case hashes.SHAKE256:
		return hashes.SHAKE256{Size: n}
	}
	return alg
}

// newHash returns a streaming hash on the runner's backend.
func (r *runner) newHash(alg hashes.Algorithm) (*hashes.Hash, error) {
	if r.b == nil {
		return hashes.New(alg)
	}
	return hashes.NewWithBackend(alg, r.b)
}

// sum is the digest of msg in one call: [hashes.Sum] on the default
// backend, a fresh context on another one.
func (r *runner) sum(alg hashes.Algorithm, msg []byte) ([]byte, error) {
	if r.b == nil {
		return hashes.Sum(alg, msg)
	}
	h, err := r.newHash(alg)
	if err != nil {
		return nil, err
	}
	if err := h.Update(msg); err != nil {
		return nil, err
	}
	return h.Finalize()
}

func (r *runner) hashFile(parts []string) {
	vs, err := vectors.LoadHash(r.path)
	if err != nil {
		r.loadFailed(err)
		return
	}
	alg, ok := hashAlg(parts)
	if !ok {
		r.res.skip("cannot tell the hash algorithm from the file's name or folder", len(vs))
		return
	}
	for _, v := range vs {
		r.res.record(v.Name, r.checkHash(alg, v))
	}
}

// checkHash computes v's digest in one call and by streaming in two
// pieces.
func (r *runner) checkHash(alg hashes.Algorithm, v vectors.HashVector) error {
	if v.OutputLen > 0 {
		alg = withSize(alg, v.OutputLen)
	}
	got, err := r.sum(alg, v.Msg)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, v.MD) {
		return differ(alg.Name()+" Sum", got, v.MD)
	}
	h, err := r.newHash(alg)
	if err != nil {
		return err
	}
	half := len(v.Msg) / 2
	if err := h.Update(v.Msg[:half]); err != nil {
		return err
	}
	if err := h.Update(v.Msg[half:]); err != nil {
		return err
	}
	if got, err = h.Finalize(); err != nil {
		return err
	}
	if !bytes.Equal(got, v.MD) {
		return differ(alg.Name()+" streamed in two pieces", got, v.MD)
	}
	return nil
}

// hashMonteFile runs a Monte Carlo file; each of its checkpoints counts as
// one record.
func (r *runner) hashMonteFile(parts []string) {
	m, err := vectors.LoadHashMonte(r.path)
	if err != nil {
		r.loadFailed(err)
		return
	}
	alg, ok := hashAlg(parts)
	if !ok {
		r.res.skip("cannot tell the hash algorithm from the file's name or folder", len(m.Checkpoints))
		return
	}
	var firstErr error
	sum := func(alg hashes.Algorithm, msg []byte) []byte {
		d, err := r.sum(alg, msg)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return d
	}
	var got [][]byte
	switch {
	case m.OutputLens != nil:
		got = vectors.MonteSHAKE(m, func(msg []byte, n int) []byte { return sum(withSize(alg, n), msg) })
	case strings.HasPrefix(alg.Name(), "sha3-"):
		got = vectors.MonteSHA3(m.Seed, func(msg []byte) []byte { return sum(alg, msg) })
	default:
		got = vectors.MonteSHA2(m.Seed, func(msg []byte) []byte { return sum(alg, msg) })
	}
	base := parts[len(parts)-1]
	for i, want := range m.Checkpoints {
		name := fmt.Sprintf("%s checkpoint %d", base, i)
		switch {
		case firstErr != nil:
			r.res.record(name, firstErr)
		case i >= len(got):
			r.res.record(name, fmt.Errorf("the Monte Carlo loop gave only %d checkpoints", len(got)))
		case !bytes.Equal(got[i], want):
			r.res.record(name, differ(alg.Name()+" Monte Carlo", got[i], want))
		default:
			r.res.pass(name)
		}
	}
}

// minFIPSHMACKey is the shortest HMAC key FIPS modules may insist on:
// 112 bits (NIST SP 800-131A).
const minFIPSHMACKey = 14

// HMACAlgorithm finds an HMAC file's hash from its path: the last
// dash-separated word of its stem (rfc-4231-sha256.txt), or the whole
// stem (testdata/hmac/md5.txt).
func HMACAlgorithm(path string) (hashes.Algorithm, bool) {
	base := filepath.Base(path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	if alg, ok := hashes.ByName(stem); ok {
		return alg, true
	}
	return hashes.ByName(stem[strings.LastIndexByte(stem, '-')+1:])
}

func (r *runner) hmacFile() {
	vs, err := vectors.LoadHMAC(r.path)
	if err != nil {
		r.loadFailed(err)
		return
	}
	alg, ok := HMACAlgorithm(r.path)
	if !ok {
		r.res.skip("cannot tell the hash algorithm from the file's name", len(vs))
		return
	}
	for _, v := range vs {
		r.res.record(v.Name, r.checkHMAC(alg, v))
	}
}

// hmacSum is HMAC(key, msg) in one call: [hmac.Sum] on the default
// backend, a fresh context on another one.
func (r *runner) hmacSum(key []byte, alg hashes.Algorithm, msg []byte) ([]byte, error) {
	if r.b == nil {
		return hmac.Sum(key, alg, msg)
	}
	h, err := hmac.NewWithBackend(key, alg, r.b)
	if err != nil {
		return nil, err
	}
	if err := h.Update(msg); err != nil {
		return nil, err
	}
	return h.Finalize()
}

func (r *runner) checkHMAC(alg hashes.Algorithm, v vectors.HMACVector) error {
	got, err := r.hmacSum(v.Key, alg, v.Msg)
	if err != nil {
		if len(v.Key) < minFIPSHMACKey && errors.Is(err, backends.ErrInvalidKeySize) {
			// FIPS modules may refuse HMAC keys shorter than 112 bits
			// (Go's under GODEBUG=fips140=only does).
			return skipError(ReasonHMACKey)
		}
		return err
	}
	if v.Truncate > 0 && len(got) >= v.Truncate {
		got = got[:v.Truncate]
	}
	if !bytes.Equal(got, v.MD) {
		return differ("HMAC-"+alg.Name(), got, v.MD)
	}
	return nil
}
