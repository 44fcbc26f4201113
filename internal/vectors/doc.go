// Package vectors reads the known-answer test-vector files that hazmat's
// tests and the `hazmat vectors` command run: NIST CAVP response files
// (.rsp) and RFC and author vectors rewritten in the same `NAME = value`
// layout, as collected in the cryptography_vectors package of
// pyca/cryptography.
//
// # Locating the collection
//
// [Root] finds the folder that holds ciphers/, hashes/ and HMAC/: the
// HAZMAT_VECTORS environment variable, else ../shared/vectors/nist beside
// the module, else the cache folder that `make vectors` fills. Tests call
// [Path], which skips the test (saying which folders it tried) when no
// collection is present. These helpers take a [TB], the part of
// testing.TB they use, so that the package does not import testing and the
// hazmat binary, which shares the loaders, does not link it. The files are read in place and never copied into
// the repository.
//
// The project's own known-answer files, in the same layout, live in the
// module's testdata/ folder, which [TestdataDir] finds; they always run.
//
// # Parsing
//
// [Parse] and [ParseFile] turn a file into generic [Record] values: the
// record's `NAME = value` fields and the parameters of the bracket sections
// in force, both keyed by lower-case name. The typed loaders ([LoadHash],
// [LoadHashMonte], [LoadHMAC], [LoadCipher], [LoadGCM], [LoadAEAD],
// [LoadXTS]) build on it, decode the hex, check lengths against the section
// parameters, and return errors that name the file and line. [Kind] picks
// the loader that fits a file from its folder and name. Package
// internal/kat runs the records against the primitives.
//
// # Monte Carlo tests
//
// [MonteSHA2], [MonteSHA3] and [MonteSHAKE] run the SHAVS and SHA3VS Monte
// Carlo chaining around a caller's digest function, so that every
// implementation is checked by the same loop.
//
// # Errors
//
// Malformed data gives an error wrapping [ErrMalformed]; a file in a layout
// the loaders deliberately do not serve (the TDES interleaved and pipelined
// modes) gives one wrapping [ErrUnsupportedFormat]; a missing collection
// gives one wrapping [ErrNoVectors]. No input makes the package panic.
package vectors
