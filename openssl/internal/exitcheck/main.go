//go:build cgo

// Command exitcheck is run by package openssl's tests. It uses OpenSSL
// through package openssl, then ends through libc's exit, as a build with
// the race detector does at os.Exit and as a C library may. A handler that
// C registered with atexit before package openssl loaded OpenSSL runs after
// every handler registered later, and hashes with OpenSSL: if OpenSSL had
// torn itself down in a handler of its own, the hash fails or crashes, and
// the process ends with a status other than 0 (3 for a failed hash).
package main

/*
#cgo pkg-config: libcrypto
#cgo CFLAGS: -O2 -Wall -DOPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static volatile int armed;

static void late_check(void) {
	static const unsigned char want[4] = {0xba, 0x78, 0x16, 0xbf}; // SHA-256("abc")
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_MD *md;

	if (!armed)
		return;
	md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
	if (md == NULL || EVP_Digest("abc", 3, out, &n, md, NULL) != 1 || n != 32 ||
	    out[0] != want[0] || out[1] != want[1] || out[2] != want[2] || out[3] != want[3]) {
		fputs("exitcheck: OpenSSL no longer works in exit's last handler\n", stderr);
		fflush(stderr);
		_exit(3);
	}
	EVP_MD_free(md);
	fputs("exitcheck: OpenSSL still works in exit's last handler\n", stdout);
	fflush(stdout);
}

__attribute__((constructor)) static void register_late_check(void) { atexit(late_check); }

static void arm_and_exit(void) {
	armed = 1;
	exit(0);
}
*/
import "C"

import (
	"fmt"
	"os"

	"github.com/go-hazmat/hazmat/openssl"
)

// sha256 names SHA-256 to the backend.
type sha256 struct{}

func (sha256) Name() string    { return "sha256" }
func (sha256) DigestSize() int { return 32 }
func (sha256) BlockSize() int  { return 64 }

func main() {
	// Use the library first, as a program would, so that OpenSSL is loaded
	// (package openssl's init) and has fetched an algorithm; the hasher is
	// left unfinished, as a dropped hash.Hash is.
	b := openssl.DefaultBackend()
	h, err := b.CreateHashCtx(sha256{})
	if err == nil {
		err = h.Update([]byte("abc"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "exitcheck:", err)
		os.Exit(2)
	}
	C.arm_and_exit()
}
