package main

// hazmat vectors for the CMAC, key-wrap and Poly1305 folders.

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/openssl"
	"github.com/go-hazmat/hazmat/primitives/keywrap"
	"github.com/go-hazmat/hazmat/primitives/mac"
	"github.com/go-hazmat/hazmat/primitives/mac/macalg"
)

const (
	vecReasonCMACName = "cannot tell the CMAC cipher from the file's name"
	vecReasonTKW      = "TKW (SP 800-38F TDEA key wrap): OpenSSL has no such cipher; its des3-wrap is RFC 3217"
	vecReasonKWName   = "cannot tell the key-wrap mode from the file's name"
)

// vecRunCMACFile runs a CMAC file (nist-800-38b-aes128.txt, ...-3des.txt).
func vecRunCMACFile(t *vecTally, path string) {
	base := strings.ToLower(filepath.Base(path))
	var alg macalg.CMAC
	switch {
	case strings.Contains(base, "aes"):
		alg = macalg.CMAC{Cipher: macalg.AES}
	case strings.Contains(base, "3des") || strings.Contains(base, "tdes"):
		alg = macalg.CMAC{Cipher: macalg.TripleDES}
	default:
		vecSkipFile(t, path, vecReasonCMACName)
		return
	}
	recs, err := vectors.ParseFile(path)
	if err != nil {
		t.fileError(err)
		return
	}
	for _, r := range recs {
		t.record(r.Name(), vecCheckMAC(&r, alg, func(r *vectors.Record) ([]byte, error) {
			if alg.Cipher == macalg.TripleDES {
				var key []byte
				for _, k := range []string{"KEY1", "KEY2", "KEY3"} {
					b, err := r.Hex(k)
					if err != nil {
						return nil, err
					}
					key = append(key, b...)
				}
				return key, nil
			}
			return r.Hex("KEY")
		}, "MESSAGE", "OUTPUT"))
	}
}

// vecRunPoly1305File runs poly1305/rfc7539.txt.
func vecRunPoly1305File(t *vecTally, path string) {
	recs, err := vectors.ParseFile(path)
	if err != nil {
		t.fileError(err)
		return
	}
	for _, r := range recs {
		t.record(r.Name(), vecCheckMAC(&r, macalg.Poly1305{}, func(r *vectors.Record) ([]byte, error) { return r.Hex("KEY") }, "MSG", "TAG"))
	}
}

func vecCheckMAC(r *vectors.Record, alg backends.MACAlgorithm, key func(*vectors.Record) ([]byte, error), msgField, tagField string) error {
	k, err := key(r)
	if err != nil {
		return err
	}
	msg, err := r.Hex(msgField)
	if err != nil {
		return err
	}
	want, err := r.Hex(tagField)
	if err != nil {
		return err
	}
	got, err := mac.Sum(alg, k, msg)
	if err != nil {
		if c, ok := alg.(macalg.CMAC); ok && c.Cipher == macalg.TripleDES && openssl.FIPS() && errors.Is(err, backends.ErrInvalidKeySize) {
			return vecSkip(vecReasonTDESKey)
		}
		return err
	}
	if !bytes.Equal(got, want) {
		return vecDiffer(alg.Name(), got, want)
	}
	return nil
}

// vecRunKeyWrapFile runs SP 800-38F's KW and KWP files (AE: wrap; AD:
// unwrap, FAIL records must fail) and kwp_botan.txt; TKW is skipped.
func vecRunKeyWrapFile(t *vecTally, path string) {
	base := filepath.Base(path)
	recs, err := vectors.ParseFile(path)
	if err != nil {
		t.fileError(err)
		return
	}
	if strings.HasPrefix(base, "TKW") {
		t.skip(vecReasonTKW, len(recs))
		return
	}
	if strings.Contains(strings.ToLower(base), "botan") {
		for _, r := range recs {
			t.record(r.Name(), vecCheckWrap(&r, backends.KWP, true, "Key", "Input", "Output"))
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
		t.skip(vecReasonKWName, len(recs))
		return
	}
	wrap := strings.Contains(base, "_AE_")
	for _, r := range recs {
		t.record(r.Name(), vecCheckWrap(&r, mode, wrap, "K", "P", "C"))
	}
}

// vecCheckWrap checks one record: wrap P to C, or unwrap C to P (or to
// the failure a FAIL record expects).
func vecCheckWrap(r *vectors.Record, mode backends.KeyWrapMode, wrap bool, kf, pf, cf string) error {
	k, err := r.Hex(kf)
	if err != nil {
		return err
	}
	c, err := r.Hex(cf)
	if err != nil {
		return err
	}
	w := keywrap.WithMode(mode)
	if wrap {
		p, err := r.Hex(pf)
		if err != nil {
			return err
		}
		got, err := w.Wrap(k, p)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, c) {
			return vecDiffer("AES-"+mode.String(), got, c)
		}
		return nil
	}
	got, err := w.Unwrap(k, c)
	if r.Fail {
		if err != keywrap.ErrInvalidUnwrap || got != nil {
			return fmt.Errorf("AES-%v: a FAIL record unwrapped (error %v)", mode, err)
		}
		return nil
	}
	if err != nil {
		return err
	}
	p, err := r.Hex(pf)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, p) {
		return vecDiffer("AES-"+mode.String(), got, p)
	}
	return nil
}

// vecRunOwnMACFile runs the project's testdata/mac files: GMAC (KEY, IV,
// MESSAGE, TAG) and KMAC (ALG, KEY, CUSTOM, MESSAGE, OUTPUTLEN, OUTPUT).
func vecRunOwnMACFile(t *vecTally, path string) {
	recs, err := vectors.ParseFile(path)
	if err != nil {
		t.fileError(err)
		return
	}
	for _, r := range recs {
		t.record(r.Name(), vecCheckOwnMAC(&r))
	}
}

func vecCheckOwnMAC(r *vectors.Record) error {
	var alg backends.MACAlgorithm
	var err error
	switch {
	case r.Has("IV"):
		iv, herr := r.Hex("IV")
		if herr != nil {
			return herr
		}
		alg, err = macalg.NewGMAC(iv)
	case r.Has("ALG"):
		custom, herr := r.Hex("CUSTOM")
		if herr != nil {
			return herr
		}
		n, ierr := r.Int("OUTPUTLEN")
		if ierr != nil {
			return ierr
		}
		switch strings.ToUpper(r.Fields["alg"]) {
		case "KMAC128":
			alg, err = macalg.NewKMAC128(custom, n)
		case "KMAC256":
			alg, err = macalg.NewKMAC256(custom, n)
		default:
			return fmt.Errorf("unknown ALG %q", r.Fields["alg"])
		}
	default:
		return vecSkip("record of no MAC format hazmat knows")
	}
	if err != nil {
		return err
	}
	tagField := "TAG"
	if r.Has("OUTPUT") {
		tagField = "OUTPUT"
	}
	return vecCheckMAC(r, alg, func(r *vectors.Record) ([]byte, error) { return r.Hex("KEY") }, "MESSAGE", tagField)
}
