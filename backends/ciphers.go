package backends

import "reflect"

// CipherAlgorithm is what a backend needs to know of a symmetric cipher.
// Implementations validate the key when they are built.
type CipherAlgorithm interface {
	// Name is the algorithm's name, e.g. "AES", "Camellia", "ChaCha20".
	Name() string
	// KeySize is the key's length in bits.
	KeySize() int
	// Key returns the key. Backends must not modify it.
	Key() []byte
}

// BlockCipherAlgorithm is a [CipherAlgorithm] with a block size.
type BlockCipherAlgorithm interface {
	CipherAlgorithm
	// BlockSize is the block size in bits.
	BlockSize() int
}

// CipherAlgorithmWithNonce is a stream cipher that takes its nonce itself
// rather than from a mode, such as ChaCha20.
type CipherAlgorithmWithNonce interface {
	CipherAlgorithm
	Nonce() []byte
}

// Mode is a block cipher mode of operation.
type Mode interface {
	// Name is the mode's name, e.g. "CBC", "GCM".
	Name() string
	// ValidateForAlgorithm checks the mode's parameters (IV length, ...)
	// against alg, and returns an error wrapping one of the parameter
	// sentinels (such as [ErrInvalidIVSize]) when they do not fit. The
	// primitives call it before any backend sees the pair.
	ValidateForAlgorithm(alg CipherAlgorithm) error
}

// ModeWithIV is a mode that takes an initialization vector.
type ModeWithIV interface {
	Mode
	IV() []byte
}

// ModeWithTweak is a mode that takes a tweak, such as XTS.
type ModeWithTweak interface {
	Mode
	Tweak() []byte
}

// ModeWithNonce is a mode that takes a nonce, such as CTR.
type ModeWithNonce interface {
	Mode
	Nonce() []byte
}

// ModeWithAuthenticationTag is an authenticated mode, such as GCM.
type ModeWithAuthenticationTag interface {
	Mode
	// Tag is the tag to check when decrypting, or nil: nil when
	// encrypting, and nil when decrypting with FinalizeWithTag.
	Tag() []byte
	// MinTagLength is the shortest tag, in bytes, that decryption accepts.
	MinTagLength() int
}

// CipherContext encrypts or decrypts a stream of data. It is not safe for
// concurrent use.
type CipherContext interface {
	// Update processes data and returns the output it produced, which may
	// be shorter than data when a block mode holds back a partial block.
	Update(data []byte) ([]byte, error)
	// UpdateInto is Update writing into buf; it returns the number of
	// bytes written. When buf is too short it returns [ErrShortBuffer]
	// and writes nothing.
	UpdateInto(data, buf []byte) (int, error)
	// Finalize ends the operation and returns any remaining output. Every
	// later call returns [ErrAlreadyFinalized].
	Finalize() ([]byte, error)
}

// AEADCipherContext is a [CipherContext] of an authenticated mode.
type AEADCipherContext interface {
	CipherContext
	// AuthenticateAdditionalData adds data that is authenticated but not
	// encrypted. It may be called only before the first Update.
	AuthenticateAdditionalData(data []byte) error
}

// AEADEncryptionContext is the encrypting side of an authenticated mode.
type AEADEncryptionContext interface {
	AEADCipherContext
	// Tag returns the authentication tag; before Finalize it returns
	// [ErrNotYetFinalized].
	Tag() ([]byte, error)
}

// AEADDecryptionContext is the decrypting side of an authenticated mode.
type AEADDecryptionContext interface {
	AEADCipherContext
	// FinalizeWithTag ends decryption, checking tag; on mismatch it
	// returns [ErrInvalidTag]. Use it when the mode was built without a
	// tag because the tag is known only at the end.
	FinalizeWithTag(tag []byte) ([]byte, error)
}

// CipherAdapter names, in the backend's own terms, the cipher that serves a
// (cipher, mode) pair: for OpenSSL, an EVP cipher name such as
// "aes-128-cbc". It returns ok == false when the pair's parameters (a key
// size, say) have no such cipher. mode is nil for stream ciphers.
type CipherAdapter func(cipher CipherAlgorithm, mode Mode) (name string, ok bool)

// CipherBackend encrypts and decrypts with symmetric ciphers.
type CipherBackend interface {
	// CipherSupported reports whether the backend can serve the pair right
	// now (under its current configuration, such as FIPS mode). mode is
	// nil for stream ciphers.
	CipherSupported(cipher CipherAlgorithm, mode Mode) bool

	// RegisterCipherAdapter teaches the backend a (cipher type, mode
	// type) pair. modeType is nil for stream ciphers. Registering a pair
	// twice returns an error wrapping [ErrDuplicateAdapter].
	RegisterCipherAdapter(cipherType, modeType reflect.Type, adapter CipherAdapter) error

	// CreateSymmetricEncryptionCtx returns an encrypting context; for an
	// authenticated mode it also implements [AEADEncryptionContext]. An
	// unsupported pair gives an [*UnsupportedAlgorithmError].
	CreateSymmetricEncryptionCtx(cipher CipherAlgorithm, mode Mode) (CipherContext, error)

	// CreateSymmetricDecryptionCtx returns a decrypting context; for an
	// authenticated mode it also implements [AEADDecryptionContext].
	CreateSymmetricDecryptionCtx(cipher CipherAlgorithm, mode Mode) (CipherContext, error)
}
