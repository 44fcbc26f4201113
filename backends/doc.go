// Package backends is the contract between hazmat's primitives and the
// cryptographic implementations behind them.
//
// It follows the backend interfaces of pyca/cryptography's hazmat layer: a
// [CipherBackend] answers whether a (cipher, mode) pair is available and
// creates encryption and decryption contexts for it, a [HashBackend] does the
// same for message digests and an [HMACBackend] for HMAC. Later additions
// grew it as pyca's did: a [MACBackend] for CMAC, GMAC, KMAC and Poly1305, a
// [KeyWrapBackend] for AES key wrap and a [RandBackend] for random bytes;
// one-shot AEADs come from an [AEADBackend], and those whose nonces the
// module generates (AES-GCM as FIPS 140-3 approves it) from the optional
// [RandomNonceAEADBackend]. The package holds
// only interfaces, descriptor contracts and errors; it has no cgo and imports
// nothing of this module, so a backend can be written in pure Go.
//
// # Descriptors
//
// Algorithms and modes are plain values (see the primitives/ciphers/algorithms
// and primitives/ciphers/modes packages) that validate their own parameters
// when they are built. A backend reads them through the interfaces of this
// package ([CipherAlgorithm], [Mode], [ModeWithIV], ...) and never sees an
// invalid one from the primitives layer.
//
// # Errors
//
// Every condition a caller may branch on has a sentinel error usable with
// [errors.Is]: [ErrUnsupportedAlgorithm], [ErrAlreadyFinalized],
// [ErrNotYetFinalized], [ErrInvalidTag], [ErrInvalidSignature] and the
// parameter errors ([ErrInvalidKeySize], [ErrInvalidIVSize], ...). Errors
// that carry data, such as [*UnsupportedAlgorithmError], unwrap to their
// sentinel.
package backends
