package kat

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/hashes"
	"github.com/go-hazmat/hazmat/primitives/kdf"
	"github.com/go-hazmat/hazmat/primitives/kdf/kdfalg"
)

// Reasons for KDF records that do not run.
const (
	ReasonKBKDFLocation = "KBKDF counter location that OpenSSL's KBKDF cannot express"
	ReasonKBKDFWidth    = "KBKDF counter width that this provider's KBKDF lacks (OpenSSL 3.1 and later have it)"
	ReasonKDFFile       = "KDF file of a layout hazmat does not know"
	ReasonNoKDFs        = "the backend has no KDFs"
)

// kdfFile runs a KDF vector file: the RFC 5869 HKDF, RFC 6070 PBKDF2,
// CAVP X9.63, CAVP SP 800-108 (counter and feedback mode), RFC 7914
// scrypt and SP 800-56C single-step files, told apart by name. The
// derivations run on the runner's backend (which must be a
// [backends.KDFBackend], or the records are skipped), or on the default
// backend.
func (r *runner) kdfFile() {
	recs, err := vectors.ParseFile(r.path)
	if err != nil {
		r.res.fileError(err)
		return
	}
	base := strings.ToLower(filepath.Base(r.path))
	var check func(d deriver, r *vectors.Record) error
	switch {
	case strings.Contains(base, "hkdf"):
		recs = joinRecords(recs)
		check = checkHKDF
	case strings.Contains(base, "pbkdf2"):
		check = checkPBKDF2
	case strings.HasPrefix(base, "ansx963"):
		check = checkX963
	case strings.Contains(base, "kbkdf"):
		check = checkKBKDF
	case strings.HasPrefix(base, "scrypt"):
		check = checkScrypt
	case strings.HasPrefix(base, "sskdf"):
		check = checkSSKDF
	default:
		r.skipFile(ReasonKDFFile)
		return
	}
	d := deriver{}
	if r.b != nil {
		kb, ok := r.b.(backends.KDFBackend)
		if !ok {
			r.res.skip(ReasonNoKDFs, len(recs))
			return
		}
		d.b = kb
	}
	for i := range recs {
		rec := &recs[i]
		r.res.record(rec.Name(), check(d, rec))
	}
}

// joinRecords merges the pieces of records that the RFC 5869 files
// split with blank lines: a record with a COUNT starts a new one.
func joinRecords(recs []vectors.Record) []vectors.Record {
	var out []vectors.Record
	for _, r := range recs {
		if r.Has("COUNT") || len(out) == 0 {
			f := make(map[string]string, len(r.Fields))
			for k, v := range r.Fields {
				f[k] = v
			}
			r.Fields = f
			out = append(out, r)
			continue
		}
		for k, v := range r.Fields {
			out[len(out)-1].Fields[k] = v
		}
	}
	return out
}

// deriver runs derivations on a backend, or on the default one when b is
// nil.
type deriver struct{ b backends.KDFBackend }

// derive runs alg through a KDF object and compares with want. A refusal
// by a FIPS rule is a skip that names the rule.
func (d deriver) derive(alg backends.KDFAlgorithm, secret, want []byte) error {
	var k *kdf.KDF
	var err error
	if d.b != nil {
		k, err = kdf.NewWithBackend(alg, len(want), d.b)
	} else {
		k, err = kdf.New(alg, len(want))
	}
	if err == nil {
		var got []byte
		got, err = k.Derive(secret)
		if err == nil {
			if !bytes.Equal(got, want) {
				return differ("derived key", got, want)
			}
			return nil
		}
	}
	var re *backends.KDFRuleError
	if errors.As(err, &re) {
		return skipError("refused in FIPS mode: " + re.Rule)
	}
	return err
}

func kdfHash(name string) (hashes.Algorithm, error) {
	alg, ok := hashes.ByName(strings.TrimPrefix(strings.ToLower(name), "hmac_"))
	if !ok {
		return nil, fmt.Errorf("unknown hash %q", name)
	}
	return alg, nil
}

func checkHKDF(d deriver, r *vectors.Record) error {
	h, err := kdfHash(r.Fields["hash"])
	if err != nil {
		return err
	}
	ikm, err := r.Hex("IKM")
	if err != nil {
		return err
	}
	salt, err := r.Hex("salt")
	if err != nil {
		return err
	}
	info, err := r.Hex("info")
	if err != nil {
		return err
	}
	okm, err := r.Hex("OKM")
	if err != nil {
		return err
	}
	if err := d.derive(kdfalg.HKDF{Hash: h, Salt: salt, Info: info}, ikm, okm); err != nil || !r.Has("PRK") {
		return err
	}
	prk, err := r.Hex("PRK")
	if err != nil {
		return err
	}
	if err := d.derive(kdfalg.HKDF{Hash: h, Salt: salt, Mode: kdfalg.ExtractOnly}, ikm, prk); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if err := d.derive(kdfalg.HKDF{Hash: h, Info: info, Mode: kdfalg.ExpandOnly}, prk, okm); err != nil {
		return fmt.Errorf("expand: %w", err)
	}
	return nil
}

func checkPBKDF2(d deriver, r *vectors.Record) error {
	iter, err := r.Int("ITERATIONS")
	if err != nil {
		return err
	}
	want, err := r.Hex("DERIVED_KEY")
	if err != nil {
		return err
	}
	// PASSWORD and SALT are text; RFC 6070 writes NUL bytes as \0.
	unescape := func(s string) []byte { return []byte(strings.ReplaceAll(s, `\0`, "\x00")) }
	alg := kdfalg.PBKDF2{Hash: hashes.SHA1{}, Salt: unescape(r.Fields["salt"]), Iterations: iter}
	return d.derive(alg, unescape(r.Fields["password"]), want)
}

func checkX963(d deriver, r *vectors.Record) error {
	var h hashes.Algorithm
	for k := range r.Section {
		if strings.HasPrefix(k, "sha-") {
			alg, err := kdfHash(k)
			if err != nil {
				return err
			}
			h = alg
		}
	}
	if h == nil {
		return errors.New("no [SHA-n] section")
	}
	z, err := r.Hex("Z")
	if err != nil {
		return err
	}
	info, err := r.Hex("SharedInfo")
	if err != nil {
		return err
	}
	want, err := r.Hex("key_data")
	if err != nil {
		return err
	}
	return d.derive(kdfalg.X963{Hash: h, SharedInfo: info}, z, want)
}

func checkKBKDF(d deriver, r *vectors.Record) error {
	var a kdfalg.KBKDF
	prf := strings.ToUpper(r.Section["prf"])
	switch {
	case strings.HasPrefix(prf, "HMAC_"):
		h, err := kdfHash(prf)
		if err != nil {
			return err
		}
		a.Hash = h
	case strings.HasPrefix(prf, "CMAC_AES"):
		a.Cipher = kdfalg.CMACAES
	case strings.HasPrefix(prf, "CMAC_TDES"):
		a.Cipher = kdfalg.CMACTripleDES
	default:
		return fmt.Errorf("unknown PRF %q", prf)
	}
	var bits int
	if _, err := fmt.Sscanf(strings.ToUpper(r.Section["rlen"]), "%d_BITS", &bits); err != nil {
		return fmt.Errorf("section [RLEN=%s]: %v", r.Section["rlen"], err)
	}
	a.RLen = bits / 8
	var err error
	if r.Has("IV") {
		a.Mode = kdfalg.FeedbackMode
		if a.IV, err = r.Hex("IV"); err != nil {
			return err
		}
	}
	loc := strings.ToUpper(r.Section["ctrlocation"])
	switch {
	case loc == "BEFORE_FIXED" && a.Mode == kdfalg.CounterMode, loc == "AFTER_ITER" && a.Mode == kdfalg.FeedbackMode:
		a.Location = kdfalg.BeforeFixed
	default:
		return skipError(ReasonKBKDFLocation + " (" + strings.ToLower(loc) + ")")
	}
	if a.Fixed, err = r.Hex("FixedInputData"); err != nil {
		return err
	}
	key, err := r.Hex("KI")
	if err != nil {
		return err
	}
	want, err := r.Hex("KO")
	if err != nil {
		return err
	}
	err = d.derive(a, key, want)
	if bits != 32 && errors.Is(err, backends.ErrUnsupportedAlgorithm) && strings.Contains(err.Error(), "counter") {
		return skipError(ReasonKBKDFWidth)
	}
	return err
}

func checkScrypt(d deriver, r *vectors.Record) error {
	n, err := r.Uint64("N")
	if err != nil {
		return err
	}
	rr, err := r.Int("r")
	if err != nil {
		return err
	}
	p, err := r.Int("p")
	if err != nil {
		return err
	}
	want, err := r.Hex("DERIVED_KEY")
	if err != nil {
		return err
	}
	alg := kdfalg.Scrypt{Salt: []byte(r.Fields["salt"]), N: n, R: rr, P: p}
	return d.derive(alg, []byte(r.Fields["password"]), want)
}

func checkSSKDF(d deriver, r *vectors.Record) error {
	h, err := kdfHash(r.Fields["hash"])
	if err != nil {
		return err
	}
	secret, err := r.Hex("SECRET")
	if err != nil {
		return err
	}
	info, err := r.Hex("INFO")
	if err != nil {
		return err
	}
	want, err := r.Hex("EXPECT")
	if err != nil {
		return err
	}
	switch r.Fields["variant"] {
	case "DIGEST":
		return d.derive(kdfalg.ConcatHash{Hash: h, OtherInfo: info}, secret, want)
	case "HMAC":
		var salt []byte
		if r.Has("SALT") {
			if salt, err = r.Hex("SALT"); err != nil {
				return err
			}
		}
		return d.derive(kdfalg.ConcatHMAC{Hash: h, Salt: salt, OtherInfo: info}, secret, want)
	}
	return fmt.Errorf("unknown VARIANT %q", r.Fields["variant"])
}
