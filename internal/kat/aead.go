package kat

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/go-hazmat/hazmat/backends"
	"github.com/go-hazmat/hazmat/internal/names"
	"github.com/go-hazmat/hazmat/internal/vectors"
	"github.com/go-hazmat/hazmat/primitives/ciphers"
	"github.com/go-hazmat/hazmat/primitives/ciphers/aead"
	"github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"
	"github.com/go-hazmat/hazmat/primitives/ciphers/modes"
)

func (r *runner) gcmFile(parts []string) {
	vs, err := vectors.LoadGCM(r.path)
	if err != nil {
		r.loadFailed(err)
		return
	}
	name, ok := familyFor(parts)
	if !ok || names.Stream(name) {
		r.res.skip("cannot tell the cipher from the path", len(vs))
		return
	}
	newAlg, _ := names.Cipher(name)
	for _, v := range vs {
		r.res.record(v.Name, r.checkGCM(newAlg, v))
	}
}

// checkGCM encrypts a passing record and compares the ciphertext and the
// tag (truncated to the record's length); then decrypts it, which must give
// the plaintext, or for a FAIL record [backends.ErrInvalidTag].
func (r *runner) checkGCM(newAlg names.NewAlgorithm, v vectors.AEADVector) error {
	alg, err := newAlg(v.Key, nil)
	if err != nil {
		return err
	}
	if !v.Fail {
		mode, err := modes.NewGCM(v.IV, nil)
		if err != nil {
			return err
		}
		ctx, ct, finalErr, err := r.gcmPass(alg, mode, true, v.AAD, v.Plaintext)
		if err != nil {
			return err
		}
		if finalErr != nil {
			return fmt.Errorf("encrypt: %w", finalErr)
		}
		tag, err := ctx.Tag()
		if err != nil {
			return fmt.Errorf("encrypt: %w", err)
		}
		if !bytes.Equal(ct, v.Ciphertext) {
			return differ("encrypt: ciphertext", ct, v.Ciphertext)
		}
		if len(tag) < len(v.Tag) || !bytes.Equal(tag[:len(v.Tag)], v.Tag) {
			return differ("encrypt: tag", tag[:min(len(tag), len(v.Tag))], v.Tag)
		}
	}
	mode, err := modes.NewGCMWithMinTagLength(v.IV, v.Tag, min(4, len(v.Tag)))
	if err != nil {
		return err
	}
	_, pt, err, setupErr := r.gcmPass(alg, mode, false, v.AAD, v.Ciphertext)
	if setupErr != nil {
		return setupErr
	}
	switch {
	case v.Fail && errors.Is(err, backends.ErrInvalidTag):
		return nil
	case v.Fail && err == nil:
		return errors.New("decrypt: a FAIL record was accepted, want an invalid tag")
	case v.Fail:
		return fmt.Errorf("decrypt: a FAIL record gave %v, want an invalid tag", err)
	case err != nil:
		return fmt.Errorf("decrypt: %w", err)
	}
	if !bytes.Equal(pt, v.Plaintext) {
		return differ("decrypt", pt, v.Plaintext)
	}
	return nil
}

// gcmPass encrypts or decrypts in with alg and mode after authenticating
// aad, and returns the context (which holds the tag after an encryption)
// and the output. err is what failed before Finalize: the errors of
// making the cipher and its context as they are, those of
// AuthenticateAdditionalData and Update behind "encrypt: " or "decrypt: ".
// finalErr is Finalize's error, for the caller to judge.
func (r *runner) gcmPass(alg backends.CipherAlgorithm, mode backends.Mode, encrypt bool, aad, in []byte) (ctx *ciphers.Context, out []byte, finalErr, err error) {
	c, err := r.newCipher(alg, mode)
	if err != nil {
		return nil, nil, nil, err
	}
	ctx, err = c.Encryptor()
	if !encrypt {
		ctx, err = c.Decryptor()
	}
	if err != nil {
		return nil, nil, nil, err
	}
	if err := ctx.AuthenticateAdditionalData(aad); err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", direction(encrypt), err)
	}
	out, err = ctx.Update(in)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", direction(encrypt), err)
	}
	tail, finalErr := ctx.Finalize()
	return ctx, append(out, tail...), finalErr, nil
}

// aeadFile runs the AES-CCM and ChaCha20-Poly1305 files (the project's
// testdata/ciphers) through package aead, on the runner's backend.
func (r *runner) aeadFile() {
	vs, err := vectors.LoadAEAD(r.path)
	if err != nil {
		r.loadFailed(err)
		return
	}
	var ab backends.AEADBackend
	if r.b != nil {
		var ok bool
		if ab, ok = r.b.(backends.AEADBackend); !ok {
			r.res.skip(ReasonNoAEADs, len(vs))
			return
		}
	}
	lower := strings.ToLower(filepath.Base(r.path))
	var newAEAD func(key []byte, tagLen int) (oneShotAEAD, error)
	switch {
	case strings.Contains(lower, "ccm") && ab == nil:
		newAEAD = func(key []byte, tagLen int) (oneShotAEAD, error) { return aead.NewAESCCM(key, tagLen) }
	case strings.Contains(lower, "ccm"):
		newAEAD = func(key []byte, tagLen int) (oneShotAEAD, error) { return aead.NewAESCCMWithBackend(key, tagLen, ab) }
	case strings.Contains(lower, "poly1305") && ab == nil:
		newAEAD = func(key []byte, _ int) (oneShotAEAD, error) { return aead.NewChaCha20Poly1305(key) }
	case strings.Contains(lower, "poly1305"):
		newAEAD = func(key []byte, _ int) (oneShotAEAD, error) { return aead.NewChaCha20Poly1305WithBackend(key, ab) }
	default:
		r.res.skip("cannot tell the AEAD from the file's name", len(vs))
		return
	}
	for _, v := range vs {
		r.res.record(v.Name, checkAEAD(newAEAD, v))
	}
}

// oneShotAEAD is the part of package aead's types that checkAEAD uses.
type oneShotAEAD interface {
	Encrypt(nonce, data, aad []byte) ([]byte, error)
	Decrypt(nonce, data, aad []byte) ([]byte, error)
}

func checkAEAD(newAEAD func([]byte, int) (oneShotAEAD, error), v vectors.AEADVector) error {
	a, err := newAEAD(v.Key, len(v.Tag))
	if err != nil {
		return err
	}
	sealed := append(bytes.Clone(v.Ciphertext), v.Tag...)
	if !v.Fail {
		got, err := a.Encrypt(v.IV, v.Plaintext, v.AAD)
		if err != nil {
			return fmt.Errorf("encrypt: %w", err)
		}
		if !bytes.Equal(got, sealed) {
			return differ("encrypt", got, sealed)
		}
	}
	pt, err := a.Decrypt(v.IV, sealed, v.AAD)
	switch {
	case v.Fail && errors.Is(err, backends.ErrInvalidTag):
		return nil
	case v.Fail:
		return fmt.Errorf("decrypt: a FAIL record gave %v, want an invalid tag", err)
	case err != nil:
		return fmt.Errorf("decrypt: %w", err)
	case !bytes.Equal(pt, v.Plaintext):
		return differ("decrypt", pt, v.Plaintext)
	}
	return nil
}

func (r *runner) xtsFile() {
	vs, err := vectors.LoadXTS(r.path)
	if err != nil {
		r.loadFailed(err)
		return
	}
	for _, v := range vs {
		r.res.record(v.Name, r.checkXTS(v))
	}
}

// checkXTS runs one AES-XTS data unit in the record's direction; units
// that are not whole bytes are skipped.
func (r *runner) checkXTS(v vectors.XTSVector) error {
	if v.DataUnitLen%8 != 0 {
		return skipError(ReasonXTSBits)
	}
	alg, err := algorithms.NewAES(v.Key)
	if err != nil {
		return err
	}
	mode, err := modes.NewXTS(v.Tweak)
	if err != nil {
		return err
	}
	c, err := r.newCipher(alg, mode)
	if err != nil {
		return err
	}
	return crypt(c, v.Encrypt, 0, v.Plaintext, v.Ciphertext)
}
