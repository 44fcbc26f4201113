package backends

import "errors"

// KDFAlgorithm describes one key derivation function together with every
// parameter of a derivation except the secret and the output length: the
// hash or MAC it runs on, salt, info, iteration counts, modes. The
// descriptors of package primitives/kdf/kdfalg implement it; a backend
// switches on their types.
type KDFAlgorithm interface {
	// KDFName is the function's name as OpenSSL spells it: "HKDF",
	// "PBKDF2", "KBKDF", "X963KDF", "SSKDF" or "SCRYPT".
	KDFName() string
	// ValidateDerive checks the parameters against a secret of secretLen
	// bytes and an output of length bytes, and returns an error wrapping
	// one of the parameter sentinels ([ErrInvalidArgument],
	// [ErrInvalidKeySize], [ErrInvalidDigestSize]) when the standard
	// forbids them. Backends call it before any other work, so every
	// backend refuses the same inputs with the same errors.
	ValidateDerive(secretLen, length int) error
}

// KDFBackend derives keys.
type KDFBackend interface {
	// KDFSupported reports whether the backend can run alg, with its hash
	// or cipher, right now.
	KDFSupported(alg KDFAlgorithm) bool
	// DeriveKey fills out with len(out) bytes derived from secret with
	// alg. The secret is only read. On error nothing is written to out.
	// Errors: those of alg.ValidateDerive; an [*UnsupportedAlgorithmError]
	// for a KDF, hash or cipher the backend does not serve (its Reason is
	// [ReasonFIPSRefused] when FIPS mode refuses it); a [*KDFRuleError]
	// when the FIPS module's own checks refuse the parameters.
	DeriveKey(alg KDFAlgorithm, secret, out []byte) error
}

// KDFRuleError is returned when a FIPS module refuses the parameters of a
// derivation by one of its own rules (NIST SP 800-132's minimum salt,
// iteration count and key length for PBKDF2; SP 800-131A's minimum key
// length; the hashes SP 800-135 allows for X9.63). It unwraps to
// [ErrFIPSRule], to the parameter sentinel that fits the rule
// ([ErrInvalidArgument] or [ErrInvalidKeySize]) and to the backend's own
// error.
type KDFRuleError struct {
	KDF    string // "PBKDF2", ...
	Rule   string // e.g. "the salt must be at least 16 bytes (128 bits, NIST SP 800-132)"
	Detail string // the module's own reason, e.g. "invalid salt length"
	Kind   error  // the parameter sentinel
	Err    error  // the backend's error, not repeated in Error
}

// ErrFIPSRule is wrapped by every [*KDFRuleError]: the FIPS module refused
// the parameters of an algorithm it otherwise serves.
var ErrFIPSRule = errors.New("refused by a FIPS rule")

// Error describes the error, naming FIPS and the rule.
func (e *KDFRuleError) Error() string {
	if e == nil {
		return ErrFIPSRule.Error()
	}
	s := e.KDF + " refused in FIPS mode: " + e.Rule
	if e.Detail != "" {
		s += " (module: " + e.Detail + ")"
	}
	return s
}

// Unwrap returns the sentinels and the backend's error.
func (e *KDFRuleError) Unwrap() []error {
	if e == nil {
		return nil
	}
	out := []error{ErrFIPSRule}
	if e.Kind != nil {
		out = append(out, e.Kind)
	}
	if e.Err != nil {
		out = append(out, e.Err)
	}
	return out
}

// ErrInvalidKey is returned by the Verify method of a KDF when the key
// derived from the key material does not match the expected key, pyca's
// InvalidKey.
var ErrInvalidKey = errors.New("derived key does not match")
