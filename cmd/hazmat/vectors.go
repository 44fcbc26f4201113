package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/go-hazmat/hazmat/internal/kat"
)

const vectorsHelp = `
Run known-answer test files through hazmat on the backend -backend
chooses (OpenSSL, or Go's crypto): NIST CAVP
response files (.rsp) and the RFC and author vectors of the same collection
(.txt), laid out as in pyca/cryptography's cryptography_vectors package
(ciphers/AES/CBC/CBCMMT128.rsp, hashes/SHA2/SHA256ShortMsg.rsp,
HMAC/rfc-4231-sha256.txt, ...). A FILE that is a folder is walked.

The algorithm and mode come from the folders and the file name: block and
stream ciphers (AES, 3DES, Camellia, Blowfish, CAST5, SEED, IDEA, SM4, ARC4,
ChaCha20) in ECB, CBC, CFB, CFB8, OFB and CTR; AES-GCM and SM4-GCM (FAIL
records must be rejected as an invalid tag); AES-XTS; SHA-1, SHA-2, SHA-3,
SHAKE (Monte Carlo tests included), MD5, RIPEMD-160, BLAKE2 and SM3; HMAC;
the KDFs: RFC 5869 HKDF, RFC 6070 PBKDF2, CAVP X9.63 and SP 800-108 KBKDF
(counter and feedback mode), RFC 7914 scrypt, SP 800-56C single-step.

For each file hazmat prints

    PATH: N passed, N failed, N skipped (why)

and at the end a "total:" line. Records are skipped when they cannot run
here: an algorithm that this OpenSSL (or FIPS mode) does not offer
("unsupported here"), CFB1 and XTS records whose data are not whole bytes,
one- and two-key TDES in FIPS mode, KBKDF counter layouts OpenSSL cannot
express, KDF parameters a FIPS rule refuses (with the rule). A record that asks for far more work
than any real vector file (SHAKE Monte Carlo output lengths above 32768
bits, more than 4194304 ITERATIONS, an OFFSET above 1 MiB) fails without
running.
Files of kinds hazmat does not run (CMAC, key wrap, the Monte Carlo .txt
duplicates, prose) are skipped whole, with the reason; their records are
counted when they can be read, else the file counts as one. A file that
cannot be read or parsed counts as one failure. -v lists each failing
record and what differed. The exit status is 1 when anything failed.
`

// runVectors runs "hazmat vectors".
func runVectors(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := commandFlags("vectors", "[-v] FILE...", vectorsHelp, stderr)
	verbose := fs.Bool("v", false, "list each failing record and what differed")
	if code, ok := parseCommandFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no FILE given")
	}
	files := vecExpand(fs.Args())

	// Files run in parallel; their reports are printed in order.
	results := make([]chan *kat.Result, len(files))
	for i := range results {
		results[i] = make(chan *kat.Result, 1)
	}
	jobs := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		go func() {
			for i := range jobs {
				results[i] <- vecRunFile(files[i])
			}
		}()
	}
	go func() {
		for i := range files {
			jobs <- i
		}
		close(jobs)
	}()

	var passed, failed, skipped int
	for i, f := range files {
		res := <-results[i]
		if res.Err != nil {
			warn(stderr, "%s: %v", displayName(f.path), res.Err)
		}
		fmt.Fprintf(stdout, "%s: %s\n", displayName(f.path), res.Summary())
		if *verbose {
			for _, line := range res.Failures() {
				fmt.Fprintf(stdout, "  FAIL %s\n", line)
			}
		}
		p, fl, sk := res.Counts()
		passed += p
		failed += fl
		skipped += sk
	}
	fmt.Fprintf(stdout, "total: %d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 {
		return exitFailure
	}
	return exitOK
}

// vecFile is one file to run: its path as given or found by walking,
// or the error met while looking for it.
type vecFile struct {
	path string
	err  error
}

// vecExpand turns the command's arguments into files: a folder gives
// the regular files under it (and the links to regular files), in lexical
// order, leaving out names that start with a dot.
func vecExpand(args []string) []vecFile {
	var out []vecFile
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil || !fi.IsDir() {
			out = append(out, vecFile{path: arg, err: err})
			continue
		}
		// A trailing separator makes WalkDir follow a root that is a
		// symbolic link to a folder; the paths it gives are clean.
		root := arg
		if !os.IsPathSeparator(root[len(root)-1]) {
			root += string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, vecFile{path: p, err: err})
				if d != nil && d.IsDir() && p != root {
					return fs.SkipDir
				}
				return nil
			}
			if p == root {
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case d.Type().IsRegular():
				out = append(out, vecFile{path: p})
			case d.Type()&fs.ModeSymlink != 0:
				// Files behind links are run; folders behind links are
				// not walked (they could loop).
				if fi, err := os.Stat(p); err != nil {
					out = append(out, vecFile{path: p, err: err})
				} else if fi.Mode().IsRegular() {
					out = append(out, vecFile{path: p})
				}
			}
			return nil
		})
		if err != nil {
			out = append(out, vecFile{path: arg, err: err})
		}
	}
	return out
}

// vecRunFile runs one file through the vector runner.
func vecRunFile(f vecFile) *kat.Result {
	if f.err != nil {
		return kat.Failed(f.path, f.err)
	}
	return kat.Run(f.path, backend)
}

// vecHex is b in hex, cut after 32 bytes.
func vecHex(b []byte) string { return kat.ShortHex(b) }
