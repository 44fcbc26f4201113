package kat

// The CMAC, key-wrap and Poly1305 folders of the collection, and the
// project's own GMAC and KMAC known answers (testdata/mac).

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/keywrap"
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

// Reasons for skipping records of these folders.
const (
	ReasonCMACName  = "cannot tell the CMAC cipher from the file's name"
	ReasonTKW       = "TKW (SP 800-38F TDEA key wrap): OpenSSL has no such cipher; its des3-wrap is RFC 3217"
	ReasonKWName    = "cannot tell the key-wrap mode from the file's name"
	ReasonNoMACs    = "the backend computes no MACs beyond HMAC"
	ReasonNoKeyWrap = "the backend has no key wrap"
	ReasonNoAEADs   = "the backend has no one-shot AEADs"
	ReasonMACFormat = "record of no MAC format hazmat knows"
)

// cmacFile runs a CMAC file (nist-800-38b-aes128.txt, ...-3des.txt).
func (r *runner) cmacFile() {
	base := strings.ToLower(filepath.Base(r.path))
	var alg macalg.CMAC
	switch {
	case strings.Contains(base, "aes"):
		alg = macalg.CMAC{Cipher: macalg.AES}
	case strings.Contains(base, "3des") || strings.Contains(base, "tdes"):
		alg = macalg.CMAC{Cipher: macalg.TripleDES}
	default:
		r.skipFile(ReasonCMACName)
		return
	}
	recs, err := vectors.ParseFile(r.path)
	if err != nil {
		r.res.fileError(err)
		return
	}
	for _, rec := range recs {
		r.res.record(rec.Name(), r.checkMAC(&rec, alg, func(rec *vectors.Record) ([]byte, error) {
			if alg.Cipher == macalg.TripleDES {
				var key []byte
				for _, k := range []string{"KEY1", "KEY2", "KEY3"} {
					b, err := rec.Hex(k)
					if err != nil {
						return nil, err
					}
					key = append(key, b...)
				}
				return key, nil
			}
			return rec.Hex("KEY")
		}, "MESSAGE", "OUTPUT"))
	}
}

// poly1305File runs poly1305/rfc7539.txt.
func (r *runner) poly1305File() {
	recs, err := vectors.ParseFile(r.path)
	if err != nil {
		r.res.fileError(err)
		return
	}
	for _, rec := range recs {
		r.res.record(rec.Name(), r.checkMAC(&rec, macalg.Poly1305{}, func(rec *vectors.Record) ([]byte, error) { return rec.Hex("KEY") }, "MSG", "TAG"))
	}
}

// ownMACFile runs the project's testdata/mac files: GMAC (KEY, IV,
// MESSAGE, TAG) and KMAC (ALG, KEY, CUSTOM, MESSAGE, OUTPUTLEN, OUTPUT).
func (r *runner) ownMACFile() {
	recs, err := vectors.ParseFile(r.path)
	if err != nil {
		r.res.fileError(err)
		return
	}
	for _, rec := range recs {
		r.res.record(rec.Name(), r.checkOwnMAC(&rec))
	}
}

func (r *runner) checkOwnMAC(rec *vectors.Record) error {
	var alg backends.MACAlgorithm
	var err error
	switch {
	case rec.Has("IV"):
		iv, herr := rec.Hex("IV")
		if herr != nil {
			return herr
		}
		alg, err = macalg.NewGMAC(iv)
	case rec.Has("ALG"):
		custom, herr := rec.Hex("CUSTOM")
		if herr != nil {
			return herr
		}
		n, ierr := rec.Int("OUTPUTLEN")
		if ierr != nil {
			return ierr
		}
		switch strings.ToUpper(rec.Fields["alg"]) {
		case "KMAC128":
			alg, err = macalg.NewKMAC128(custom, n)
		case "KMAC256":
			alg, err = macalg.NewKMAC256(custom, n)
		default:
			return fmt.Errorf("unknown ALG %q", rec.Fields["alg"])
		}
	default:
		return skipError(ReasonMACFormat)
	}
	if err != nil {
		return err
	}
	tagField := "TAG"
	if rec.Has("OUTPUT") {
		tagField = "OUTPUT"
	}
	return r.checkMAC(rec, alg, func(rec *vectors.Record) ([]byte, error) { return rec.Hex("KEY") }, "MESSAGE", tagField)
}

// macSum is the MAC of msg: [mac.Sum] on the default backend, the
// backend's MACs on another one.
func (r *runner) macSum(alg backends.MACAlgorithm, key, msg []byte) ([]byte, error) {
	if r.b == nil {
		return mac.Sum(alg, key, msg)
	}
	mb, ok := r.b.(backends.MACBackend)
	if !ok {
		return nil, skipError(ReasonNoMACs)
	}
	return mac.SumWithBackend(alg, key, msg, mb)
}

func (r *runner) checkMAC(rec *vectors.Record, alg backends.MACAlgorithm, key func(*vectors.Record) ([]byte, error), msgField, tagField string) error {
	k, err := key(rec)
	if err != nil {
		return err
	}
	msg, err := rec.Hex(msgField)
	if err != nil {
		return err
	}
	want, err := rec.Hex(tagField)
	if err != nil {
		return err
	}
	got, err := r.macSum(alg, k, msg)
	if err != nil {
		if c, ok := alg.(macalg.CMAC); ok && c.Cipher == macalg.TripleDES && errors.Is(err, backends.ErrInvalidKeySize) {
			// FIPS mode refuses the two-key TDES of some records.
			return skipError(ReasonTDESKey)
		}
		return err
	}
	if !bytes.Equal(got, want) {
		return differ(alg.Name(), got, want)
	}
	return nil
}

// keyWrapFile runs SP 800-38F's KW and KWP files (AE: wrap; AD: unwrap,
// FAIL records must fail) and kwp_botan.txt; TKW is skipped.
func (r *runner) keyWrapFile() {
	base := filepath.Base(r.path)
	recs, err := vectors.ParseFile(r.path)
	if err != nil {
		r.res.fileError(err)
		return
	}
	if strings.HasPrefix(base, "TKW") {
		r.res.skip(ReasonTKW, len(recs))
		return
	}
	if strings.Contains(strings.ToLower(base), "botan") {
		for _, rec := range recs {
			r.res.record(rec.Name(), r.checkWrap(&rec, backends.KWP, true, "Key", "Input", "Output"))
		}
		return
	}
	var mode backends.KeyWrapMode
	inv := strings.HasSuffix(base, "_inv.txt")
	switch {
	case strings.HasPrefix(base, "KWP_") && inv:
		mode = backends.KWPInverse
	case strings.HasPrefix(base, "KWP_"):
		mode = backends.KWP
	case strings.HasPrefix(base, "KW_") && inv:
		mode = backends.KWInverse
	case strings.HasPrefix(base, "KW_"):
		mode = backends.KW
	default:
		r.res.skip(ReasonKWName, len(recs))
		return
	}
	wrap := strings.Contains(base, "_AE_")
	for _, rec := range recs {
		r.res.record(rec.Name(), r.checkWrap(&rec, mode, wrap, "K", "P", "C"))
	}
}

// checkWrap checks one record: wrap P to C, or unwrap C to P (or to the
// failure a FAIL record expects).
func (r *runner) checkWrap(rec *vectors.Record, mode backends.KeyWrapMode, wrap bool, kf, pf, cf string) error {
	w := keywrap.WithMode(mode)
	if r.b != nil {
		kb, ok := r.b.(backends.KeyWrapBackend)
		if !ok {
			return skipError(ReasonNoKeyWrap)
		}
		w = keywrap.WithBackend(mode, kb)
	}
	k, err := rec.Hex(kf)
	if err != nil {
		return err
	}
	c, err := rec.Hex(cf)
	if err != nil {
		return err
	}
	if wrap {
		p, err := rec.Hex(pf)
		if err != nil {
			return err
		}
		got, err := w.Wrap(k, p)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, c) {
			return differ("AES-"+mode.String(), got, c)
		}
		return nil
	}
	got, err := w.Unwrap(k, c)
	if rec.Fail && errors.Is(err, backends.ErrUnsupportedAlgorithm) {
		// A backend without this key wrap cannot tell a FAIL record from
		// a good one: the record is skipped, like the others.
		return err
	}
	if rec.Fail {
		if err != keywrap.ErrInvalidUnwrap || got != nil {
			return fmt.Errorf("AES-%v: a FAIL record unwrapped (error %v)", mode, err)
		}
		return nil
	}
	if err != nil {
		return err
	}
	p, err := rec.Hex(pf)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, p) {
		return differ("AES-"+mode.String(), got, p)
	}
	return nil
}
