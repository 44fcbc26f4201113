// Command hazmat is the command-line face of the hazmat library: it shows
// what a backend offers on a machine (OpenSSL, through its EVP layer, or
// Go's own crypto and its FIPS 140-3 module), in FIPS mode or not, computes
// and checks digests and HMACs of files, and encrypts and decrypts streams.
//
// Usage:
//
//	hazmat [-backend go|openssl] [-fips] COMMAND [ARGS...]
//
// The global flag -backend chooses the backend every command runs on: go
// (Go's crypto) or openssl. Its default is the library's default backend:
// the environment variable HAZMAT_BACKEND when set (a value the build
// cannot serve stops the program as it starts, with a line naming it and
// exit status 2), else openssl in a build with cgo and go in a
// build with CGO_ENABLED=0, which has no OpenSSL. No command falls back to
// the other backend when an algorithm is missing.
//
// The global flag -fips switches OpenSSL's FIPS mode on before the command
// runs; every command also takes it among its own flags (hazmat info -fips).
// Go's FIPS module cannot be switched on by a running program (it is
// GODEBUG=fips140=on or fips140=only, read when it starts): with -backend
// go, -fips only checks that it is on, and fails saying how to turn it on.
// hazmat fails when no FIPS provider can be loaded, with the library's error
// and a line saying what to do (install openssl-provider-fips, or set
// OPENSSL_MODULES and OPENSSL_CONF, or run the project's fips-setup.sh).
// "hazmat help" lists the commands, and "hazmat help COMMAND" or "hazmat
// COMMAND -h" shows a command's flags. Flags come before file names.
//
// # Commands
//
//	hazmat info
//
// Prints the backend in use; for OpenSSL its version, whether FIPS mode is
// on (with the FIPS provider's version when one is loaded) and the loaded
// providers with their versions and status; for Go's module its name and
// version, its FIPS mode (off, on or only) and the Go version. Then, from
// the backend's own answers, for every hash algorithm whether hashing and HMAC
// with it work on this machine in the current mode, and the same for the
// ciphers: a matrix of block ciphers (one row per cipher and key size) by
// modes (ECB, CBC, CTR, OFB, CFB, CFB8, GCM, XTS), each cell "yes", "no" or
// "-" where the mode does not take the cipher (GCM with a 64-bit block, XTS
// with anything but AES-128 and AES-256), then ARC4, ChaCha20 and the AEADs
// AES-GCM, AES-CCM and ChaCha20-Poly1305.
//
//	hazmat hash -a ALG [-xoflen N] [FILE...]
//	hazmat hash -a ALG -c [FILE...]
//
// Prints the digest of each FILE exactly as sha256sum does, one line each
// (two spaces between the hex digest and the name):
//
//	<hex>  <name>
//
// reading standard input when no FILE is given or for "-". File
// names holding a backslash, newline or carriage return are escaped as
// sha256sum escapes them. Files are streamed, in constant memory. ALG is the
// digest as OpenSSL names it, in any case: sha256, sha3-256, sha512-256,
// blake2b512, md5, shake128, ... SHAKE128 and SHAKE256 print 32 and 64 bytes
// unless -xoflen N sets the length ("openssl dgst" with OpenSSL 3.0's default
// provider prints 16 and 32 bytes; newer providers require -xoflen).
//
// With -c, each FILE (standard input when none is given, or for "-") is a
// checksum file that sha256sum would read, with lines of these forms (comments
// start with "#"):
//
//	<hex>  <name>
//	<hex> *<name>
//	SHA256 (<name>) = <hex>
//
// hazmat checks the files it lists and prints "NAME: OK", "NAME: FAILED" or
// "NAME: FAILED open or read" for each, then sha256sum's warnings on standard
// error ("hazmat: WARNING: 1 computed checksum did NOT match"). Improperly
// formatted lines are counted in a warning but do not fail the check. -c
// takes sha256sum's options, with its exit statuses: --quiet, --status and
// --warn (the last given wins), --ignore-missing and --strict.
//
// On an input over 256 MiB, hash, hmac, enc and dec show progress on
// standard error when it is a terminal, and nothing otherwise;
// HAZMAT_PROGRESS=always or =never in the environment overrides that.
//
//	hazmat hmac -a ALG -K KEY [-c] [FILE...]
//
// Like hash, with the HMAC under the key KEY in place of the digest. KEY is
// hex (-K "" is the empty key), or env:NAME for the hex in the environment
// variable NAME, or file:PATH for the hex in the file PATH, so that the key
// need not show in the process list. No message shows a key.
//
//	hazmat enc -NAME -K KEY [-iv HEX] [-nopad] [-pad-key] [-in FILE] [-out FILE]
//	hazmat dec -NAME -K KEY [-iv HEX] [-nopad] [-pad-key] [-in FILE] [-out FILE]
//
// Encrypts (enc) or decrypts (dec) standard input, or -in FILE, to standard
// output, or -out FILE, with a raw key: the output is byte for byte what
// "openssl enc -e" or "openssl enc -d" writes with the same -K and -iv (no
// salt, no header; hazmat takes no password). NAME is the cipher as OpenSSL
// names it, in any case, given as a flag (-aes-256-cbc) or with -cipher NAME:
//
//	aes-{128,192,256}-{ecb,cbc,ctr,ofb,cfb,cfb8}      aes128 aes192 aes256
//	camellia-{128,192,256}-{ecb,cbc,ctr,ofb,cfb,cfb8} camellia128 ...
//	des-ede3-{ecb,cbc,ofb,cfb,cfb8}                   des-ede3 des3
//	bf-{ecb,cbc,ofb,cfb}                              bf blowfish
//	cast5-{ecb,cbc,ofb,cfb}                           cast cast-cbc
//	seed-{ecb,cbc,ofb,cfb}  idea-{ecb,cbc,ofb,cfb}    seed idea
//	sm4-{ecb,cbc,ctr,ofb,cfb}                         sm4
//	rc4  rc4-40  chacha20
//
// A name without a mode is CBC, except des-ede3 (ECB). The key and IV must
// have the lengths the cipher takes (32 bytes with a 16-byte IV for
// ChaCha20; 5 bytes for rc4-40), or hazmat fails naming the length
// expected; Blowfish (4 to 56 bytes), CAST5 (5 to 16) and RC4 (5 to 256)
// take a key of any length they allow, used as given. -pad-key gives
// OpenSSL's behaviour instead: a short -K or -iv is padded with zero bytes
// and a long one cut to OpenSSL's default length, with a warning. -K takes
// env:NAME and file:PATH as hmac does. -out FILE is written to a temporary
// file renamed to FILE on success, so that a failure leaves no FILE (and an
// existing one untouched), where OpenSSL leaves a partial one. ECB and CBC
// add and check PKCS #7 padding unless -nopad is given;
// "hazmat dec" says "bad decrypt" when the padding or the length is wrong.
// AEAD ciphers (GCM, CCM, ChaCha20-Poly1305) and XTS are refused, as
// "openssl enc" refuses them. Streams are processed in constant memory.
// "hazmat enc -d" is "hazmat dec".
//
//	hazmat mac [-macopt NAME:VALUE]... [-in FILE] [-out FILE] [-binary] ALG
//
// Prints the MAC of the input as "openssl mac" does, byte for byte: upper-case
// hex and a newline, or with -binary the raw MAC. ALG is CMAC, GMAC, KMAC128,
// KMAC256, POLY1305 or HMAC; -macopt takes openssl's parameter names (key,
// hexkey, cipher, iv, hexiv, digest, custom, hexcustom, size), and hexkey
// also takes env:NAME and file:PATH. In FIPS mode Poly1305 is refused.
//
//	hazmat rand [-hex | -base64] [-out FILE] N
//
// Writes N random bytes from OpenSSL's DRBG (the FIPS provider's in FIPS
// mode) in the formats of "openssl rand": raw, one line of hex, or base64
// in 64-character lines.
//
//	hazmat wrap -K KEK [-pad] [-in FILE] [-out FILE]
//	hazmat unwrap -K KEK [-pad] [-in FILE] [-out FILE]
//
// Wraps and unwraps a key with AES key wrap (RFC 3394), or with -pad AES key
// wrap with padding (RFC 5649), under a KEK of 16, 24 or 32 bytes: the
// bytes of "openssl enc [-d] -id-aesNNN-wrap -iv A6A6A6A6A6A6A6A6" (-pad:
// "-id-aesNNN-wrap-pad -iv A65959A6"), whose -iv openssl needs and hazmat
// does not. An unwrap that fails its integrity check writes nothing.
//
//	hazmat kdf -keylen N [-kdfopt NAME:VALUE]... [-binary] [-out FILE] KDF
//
// Derives a key of N bytes with KDF (HKDF, PBKDF2, KBKDF, X963KDF, SSKDF or
// SCRYPT) and prints it as "openssl kdf" does, upper-case hex bytes joined
// by colons (-binary: the raw bytes); the options and the output are those
// of "openssl kdf", byte for byte. Parameters come as -kdfopt NAME:VALUE,
// or hexNAME:HEX (digest, key, salt, info, pass, iter, mode, mac, cipher,
// seed, use-l, use-separator, r, n, p, maxmem_bytes; "hazmat help kdf"
// lists which KDF takes which). The secrets in hex (hexkey, hexsecret,
// hexpass) also take env:NAME and file:PATH. With -fips, SCRYPT is refused
// and the FIPS provider's rules (PBKDF2: a 16-byte salt, 1000 iterations, a
// 14-byte key) are reported naming FIPS and the rule.
//
//	hazmat vectors [-v] FILE...
//
// Runs known-answer test files through hazmat on the chosen backend:
// NIST CAVP response files and the RFC vectors of the collection described
// in the repository's test documentation (a FILE that is a folder is
// walked). The algorithm and mode come from the folders and the file name
// (ciphers/AES/CFB/CFB8MMT128.rsp is AES in CFB8 mode,
// ciphers/3DES/CBC/TCBCMMT2.rsp TDES in CBC mode,
// ciphers/Camellia/camellia-cbc.txt Camellia in CBC mode): AES, 3DES,
// Camellia, Blowfish, CAST5, SEED, IDEA, SM4, ARC4 and ChaCha20; AES-GCM
// and SM4-GCM, whose FAIL records must be rejected as an invalid tag;
// AES-XTS; the SHA-1, SHA-2, SHA-3 and SHAKE files with their Monte Carlo
// tests, MD5, RIPEMD-160, BLAKE2 and SM3; HMAC; CMAC; SP 800-38F's KW and
// KWP files (AD files' FAIL records must fail to unwrap) and the Botan KWP
// file; Poly1305. It prints one line per file
// tests, MD5, RIPEMD-160, BLAKE2 and SM3; HMAC; the KDFs (RFC 5869 HKDF,
// RFC 6070 PBKDF2, CAVP X9.63 and SP 800-108 KBKDF, RFC 7914 scrypt, and the
// project's SP 800-56C single-step and KBKDF feedback-mode files), with the
// KBKDF records OpenSSL cannot express and those a FIPS rule refuses
// skipped by reason. It prints one line per file
// and a total:
//
//	PATH: N passed, N failed, N skipped (why)
//	total: N passed, N failed, N skipped
//
// Records that cannot run here are skipped with the reason: algorithms that
// this OpenSSL or FIPS mode does not offer ("unsupported here: md5: refused
// in FIPS mode"), CFB1 and XTS records that are not whole bytes. Files of
// kinds hazmat does not run (KDFs, SP 800-38F's TDEA key wrap TKW, the Monte
// Carlo .txt duplicates, prose) are skipped whole, saying why. -v lists each failing
// record and what differed. A file that cannot be read or parsed counts as
// one failure, and any failure makes the exit status 1.
//
//	hazmat bench [-time D] [-count N]
//
// Measures hazmat against Go's own crypto on this machine: AES-128-GCM seal
// and open, AES-256-CBC encryption, AES-128-CTR, one-shot SHA-256 and
// SHA-512, a reused SHA-256 hasher, HMAC-SHA256 of one message and a new
// SHA-256 hasher per message, each at 64 bytes and 16 KiB, in N rounds
// (default 5) of about D per implementation (default 50ms), hazmat and Go
// alternating. Progress goes to standard error; the table goes to standard
// output, with columns OP, SIZE, HAZMAT MB/s, GO MB/s, RATIO (the median of
// the rounds' time with hazmat over time with Go: below 1.00x hazmat is
// faster) and SPREAD (half the range of the rounds' ratios). A spread above
// ±10% ends the run with a warning that the machine is too noisy to judge.
// It takes 15 to 30 seconds. All cases use approved algorithms, so bench
// also runs in FIPS mode.
//
//	hazmat version
//
// Prints hazmat's module version (with the VCS revision of a build from a
// checkout), the Go version, the OpenSSL version (with -backend go, the
// name and version of Go's FIPS 140-3 module instead) and the backend with
// its FIPS mode.
//
// # Exit status
//
// 0 on success; 1 when the work failed: an unknown or unsupported algorithm
// (in FIPS mode, "hazmat hash -a md5" fails with "hazmat: md5: refused in
// FIPS mode"), a key that is not hex, a file that cannot be read (hazmat
// goes on with the other files first), a checksum that does not match, a
// bad decrypt, a key or IV of the wrong length, -fips with -backend go when
// Go's module is not in FIPS mode; 2 for a wrong command line (enc and dec
// without -K, or without -iv for a cipher that takes one; a -backend this
// build does not have),
// reported in two lines: what is wrong, then the usage line and "see
// hazmat help COMMAND". Other errors are one line on standard error,
// starting with "hazmat: ".
package main
