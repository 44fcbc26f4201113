package modes

import (
	"fmt"
	"reflect"

	"github.com/go-hazmat/hazmat/backends"
)

// errNilMode is the error of ValidateForAlgorithm called on a nil mode.
func errNilMode(mode string) error {
	return fmt.Errorf("modes: %s mode is nil: %w", mode, backends.ErrInvalidArgument)
}

// unsupported is the error of a mode paired with an algorithm it cannot run
// with, such as a stream cipher.
func unsupported(mode string, alg backends.CipherAlgorithm) error {
	return &backends.UnsupportedAlgorithmError{
		Algorithm: alg.Name(),
		Mode:      mode,
		Reason:    backends.ReasonUnsupportedCipher,
	}
}

// blockCipher checks what every mode needs of alg: it is not nil, it is a
// block cipher with a whole number of bytes per block, and its key is
// consistent with its KeySize (which a value built by its constructor always
// is). It returns alg as a block cipher.
func blockCipher(mode string, alg backends.CipherAlgorithm) (backends.BlockCipherAlgorithm, error) {
	if alg == nil {
		return nil, fmt.Errorf("modes: %s: algorithm is nil: %w", mode, backends.ErrInvalidArgument)
	}
	b, ok := alg.(backends.BlockCipherAlgorithm)
	if !ok {
		return nil, unsupported(mode, alg)
	}
	if bs := b.BlockSize(); bs <= 0 || bs%8 != 0 {
		return nil, unsupported(mode, alg)
	}
	if err := checkKeyConsistent(mode, alg); err != nil {
		return nil, err
	}
	return b, nil
}

// checkKeyConsistent refuses an algorithm whose key disagrees with its
// KeySize, such as a zero value or a nil pointer, which has no key at all.
func checkKeyConsistent(mode string, alg backends.CipherAlgorithm) error {
	n, bits := len(alg.Key()), alg.KeySize()
	if n == 0 {
		return fmt.Errorf("modes: %s: %s has no key, as a zero value has none; %s: %w",
			mode, alg.Name(), constructorHint(alg), backends.ErrInvalidKeySize)
	}
	if n*8 != bits {
		return fmt.Errorf("modes: %s: %s reports a %d-bit key but holds %d bytes; %s: %w",
			mode, alg.Name(), bits, n, constructorHint(alg), backends.ErrInvalidKeySize)
	}
	return nil
}

// algorithmsPkg is the import path of the package of the descriptors whose
// constructors constructorHint names.
const algorithmsPkg = "github.com/go-hazmat/hazmat/primitives/ciphers/algorithms"

// constructorHint says how to build alg properly: "use algorithms.NewAES"
// for a descriptor of package algorithms.
func constructorHint(alg backends.CipherAlgorithm) string {
	t := reflect.TypeOf(alg)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() == algorithmsPkg {
		return "use algorithms.New" + t.Name()
	}
	return "build it with its constructor"
}

// checkNotXTSKey refuses a 512-bit AES key, which only XTS takes.
func checkNotXTSKey(mode string, alg backends.CipherAlgorithm) error {
	if alg.Name() == "AES" && alg.KeySize() > 256 {
		return fmt.Errorf("modes: %s: AES key of %d bits, want 128, 192 or 256 bits (512-bit AES keys are for XTS only): %w",
			mode, alg.KeySize(), backends.ErrInvalidKeySize)
	}
	return nil
}

// checkNotEmpty refuses an empty IV or nonce at construction; what is "IV"
// or "nonce".
func checkNotEmpty(mode, what string, iv []byte) error {
	if len(iv) == 0 {
		return fmt.Errorf("modes: %s %s is empty, want one block (16 bytes for AES): %w",
			mode, what, backends.ErrInvalidIVSize)
	}
	return nil
}

// validateBlockMode is ValidateForAlgorithm of the modes that take an IV or
// nonce of one block: alg must be a block cipher, not 512-bit AES, and iv
// must be one block long.
func validateBlockMode(mode, what string, iv []byte, alg backends.CipherAlgorithm) error {
	b, err := blockCipher(mode, alg)
	if err != nil {
		return err
	}
	if err := checkNotXTSKey(mode, alg); err != nil {
		return err
	}
	if want := b.BlockSize() / 8; len(iv) != want {
		return fmt.Errorf("modes: %s %s of %d bytes (%d bits), want %d bytes (%d bits), the block size of %s: %w",
			mode, what, len(iv), len(iv)*8, want, want*8, alg.Name(), backends.ErrInvalidIVSize)
	}
	return nil
}
