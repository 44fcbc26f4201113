/* C helpers of package openssl. Every helper is named go_* and does, in one
 * cgo crossing, what would otherwise take several; every helper that can
 * fail reads (and clears) this thread's OpenSSL error queue before it
 * returns, because the queue is per OS thread and a goroutine may move to
 * another thread between two cgo calls. */
#ifndef HAZMAT_SHIMS_H
#define HAZMAT_SHIMS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/proverr.h>
#include <openssl/opensslv.h>

#if OPENSSL_VERSION_MAJOR < 3
#error "hazmat needs OpenSSL 3.0 or newer"
#endif

/* The error queue of the failing thread, copied out of OpenSSL. Allocated
 * only when a call fails, as one block that holds the struct and then the
 * text of every entry; the Go side frees it with go_errq_free. It keeps the
 * first GO_ERRQ_MAX entries (OpenSSL's queue holds 16) and up to
 * GO_ERRQ_DATA_MAX - 1 bytes of each entry's text (OpenSSL's reasons are a
 * few hundred bytes at most: a file name and dlerror's message), so a
 * queue costs at most about 64 KiB. */
#define GO_ERRQ_MAX 16
#define GO_ERRQ_DATA_MAX 4096
typedef struct go_errq {
	int n;
	unsigned long code[GO_ERRQ_MAX];
	const char *data[GO_ERRQ_MAX]; /* NUL-terminated, "" when none */
} go_errq;

/* GO_ERR_BEGIN() opens every helper that can fail: an entry that another
 * library (or an earlier call that did not read its errors) left on this
 * thread's queue is dropped, so that go_errq_take reports only what the
 * failing call added. OpenSSL 3.0 has no way to read the entries above a
 * mark (ERR_count_to_mark came in 3.2); dropping stale entries costs one
 * ERR_peek_error on a queue that is almost always empty, about 10 to 20 ns.
 * The helpers called once per chunk of a stream (go_digest_update,
 * go_mac_update, go_cipher_update) skip it: they fail only when a provider
 * is in an error state or memory runs out, and a failure there may then
 * carry entries another library left on the thread's queue. The helpers
 * called once per message of a digest, an HMAC or an AEAD
 * (go_digest_oneshot, go_digest_sum, go_digest_flush_update and their
 * go_mac_ peers, go_aead_seal, go_aead_open, go_aead_seal_randiv,
 * go_keywrap, go_rand_bytes)
 * skip it too,
 * and keep the guarantee another way: being idempotent, on failure they
 * clear the queue and run again, and report the second run's errors
 * (GO_RUN_TWICE in shims.c). */
#define GO_ERR_BEGIN() go_err_begin()
void go_err_begin(void);

/* Copies and clears this thread's queue: in C, as only the failing call's
 * thread holds it. */
go_errq *go_errq_take(void);
/* Frees a queue copy; in C, which allocated it. */
void go_errq_free(go_errq *q);

/* The result of most helpers: ok is 1 on success; outl the bytes written;
 * errq the error queue when ok != 1 (may be NULL if the queue was empty). */
typedef struct go_result {
	int ok;
	int outl;
	go_errq *errq;
} go_result;

/* Test hook: pushes an error with text data onto this thread's queue, as
 * another library that leaves its errors unread does. */
void go_test_push_error(const char *data);
/* Test hook: runs GO_ERR_BEGIN() n times on an empty queue, for the
 * benchmark of its cost; returns the CPU time of the calling thread that
 * the loop took, in nanoseconds (time the thread waited for a CPU on a busy
 * machine does not count). */
long long go_test_err_begin(int n);

/* ---- library ---- */
/* OPENSSL_init_crypto with the configuration: in C to read the queue in
 * the same call. */
int go_init(void);
/* Version text and number: plain calls (see "plain calls" below). */
const char *go_version_text(void);
unsigned long go_version_num(void);
/* EVP_default_properties_is_fips_enabled: a plain call. */
int go_fips_enabled(void);
/* Sets fips=yes or removes it, reading the queue in the same call. */
go_result go_set_fips(int on);
/* OSSL_PROVIDER_load, reading the queue in the same call. */
go_result go_load_provider(const char *name);
/* OSSL_PROVIDER_available: a plain call. */
int go_provider_available(const char *name);
/* 1 when a FIPS provider is loaded and serves SHA2-256 under fips=yes. One
 * call, so that the error queue a failed fetch leaves is cleared on the
 * thread that made it; entries that were there before are kept. */
int go_fips_capable(void);
/* Writes the names of the loaded providers, NUL-separated, into buf; returns
 * the length used, or the length needed when cap is too small. */
size_t go_provider_names(char *buf, size_t cap);
/* Reads a string parameter (e.g. "version", "buildinfo", "name") of a loaded
 * provider; returns 0 if the provider or the parameter is not there. */
int go_provider_param(const char *prov, const char *param, char *buf, size_t cap);
/* OSSL_PROVIDER_get_status of a loaded provider, found by name: two calls
 * in one crossing. */
int go_provider_status(const char *prov);

/* ---- fetching ----
 * Every fetch names its property query (propq) rather than relying on the
 * process-wide default properties, which SetFIPS changes while other
 * goroutines may be fetching. With prov non-NULL (FIPS mode), what was
 * fetched must come from the provider of that name, else it is dropped and
 * wrong_provider names the provider it came from. */
#define GO_PROV_NAME 64

/* The name of the provider that serves an algorithm object or a context
 * (kind: GO_OBJ_*), or NULL; the tests read it to prove where a computation
 * runs. */
#define GO_OBJ_MD 1
#define GO_OBJ_CIPHER 2
#define GO_OBJ_MAC 3
#define GO_OBJ_CIPHER_CTX 4
#define GO_OBJ_MAC_CTX 5
const char *go_provider_of(int kind, const void *obj);

/* ---- digests ---- */
typedef struct go_md_info {
	EVP_MD *md;
	int size;
	int block_size;
	int xof;
	int legacy_known; /* EVP_get_digestbyname knows the name */
	char wrong_provider[GO_PROV_NAME];
	go_errq *errq;
} go_md_info;

/* Fetches name under propq and trial-initialises a context with it, so that
 * a digest the provider lists but refuses to run is reported as missing. */
go_md_info go_md_fetch(const char *name, const char *propq, const char *prov);

/* A digest context. Sum copies it into the C thread's own context (see
 * go_digest_oneshot_tls) and finishes the copy there, so a state needs no
 * second context of its own. Opaque to Go, so that cgo has no pointer
 * fields to check on each call. */
typedef struct go_md_state go_md_state;

/* New, free and copy a state, each in one crossing. */
go_md_state *go_md_state_new(go_errq **errq);
void go_md_state_free(go_md_state *st);
go_result go_md_state_copy(go_md_state *dst, const go_md_state *src);
/* n new states into out, in one crossing (a slab's worth); on failure
 * none is kept, 0 is returned with *errq. */
int go_md_states_new(go_md_state **out, int n, go_errq **errq);
/* Frees n states, in one crossing. */
void go_md_states_free(go_md_state **sts, int n);

/* ctx := init(md); update(a); update(b) */
go_result go_digest_flush_update(go_md_state *st, const EVP_MD *md,
                                 const unsigned char *a, size_t alen,
                                 const unsigned char *b, size_t blen);
/* EVP_DigestUpdate, the result on the C stack. */
go_result go_digest_update(go_md_state *st, const unsigned char *p, size_t len);
/* out := digest of the context's state, which is left unchanged. */
go_result go_digest_sum(go_md_state *st, unsigned char *out, size_t outlen, int xof);
go_result go_digest_final_inplace(go_md_state *st, unsigned char *out, size_t outlen, int xof);
/* out := digest(md, p) computed on st's context, whose state is consumed:
 * for a state that holds nothing of value. */
go_result go_digest_oneshot(go_md_state *st, const EVP_MD *md,
                            const unsigned char *p, size_t len,
                            unsigned char *out, size_t outlen, int xof);

/* out := digest(md, p) computed on this OS thread's own EVP_MD_CTX, made
 * on first use and freed when the thread exits: a one-shot digest then
 * borrows no context from Go (a sync.Pool Get and Put, about 25 ns). A C
 * call runs on one thread from start to end and the helper calls nothing
 * that could re-enter it, so the context is never used twice at once. */
go_result go_digest_oneshot_tls(const EVP_MD *md, const unsigned char *p, size_t len,
                                unsigned char *out, size_t outlen, int xof);

/* ---- HMAC over EVP_MAC ---- */
typedef struct go_mac_info {
	EVP_MAC *mac;
	char wrong_provider[GO_PROV_NAME];
	go_errq *errq;
} go_mac_info;
/* EVP_MAC_fetch with the provider check and the queue, in one crossing. */
go_mac_info go_mac_fetch(const char *name, const char *propq, const char *prov);
/* Returns a new HMAC context keyed with key for digest, fetched under propq,
 * or NULL with *errq. */
EVP_MAC_CTX *go_hmac_new(EVP_MAC *mac, const char *digest, const char *propq,
                         const unsigned char *key, size_t keylen, go_errq **errq);
/* EVP_MAC_CTX_dup, reading the queue in the same call. */
EVP_MAC_CTX *go_mac_dup(EVP_MAC_CTX *ctx, go_errq **errq);
/* ctx := reinit (same key); update(a); update(b) */
go_result go_mac_flush_update(EVP_MAC_CTX *ctx,
                              const unsigned char *a, size_t alen,
                              const unsigned char *b, size_t blen);
/* EVP_MAC_update, the result on the C stack. */
go_result go_mac_update(EVP_MAC_CTX *ctx, const unsigned char *p, size_t len);
/* out := MAC of the context's state, which is left unchanged. */
go_result go_mac_sum(EVP_MAC_CTX *ctx, unsigned char *out, size_t outlen);
go_result go_mac_final_inplace(EVP_MAC_CTX *ctx, unsigned char *out, size_t outlen);
/* out := HMAC(key of ctx, p); the context's state is consumed. */
go_result go_mac_oneshot(EVP_MAC_CTX *ctx, const unsigned char *p, size_t len,
                         unsigned char *out, size_t outlen);

/* How many HMAC contexts a thread keeps (go_hmac_oneshot_tls). */
#define GO_TLS_HMACS 8

/* The call of go_hmac_oneshot_tls that failed, in outl of its result. */
enum {
	GO_HMAC_STEP_INIT = 1,
	GO_HMAC_STEP_UPDATE = 2,
	GO_HMAC_STEP_FINAL = 3,
	/* Nothing done: the thread has no context for the digest yet, and
	 * making one fetches it, which the call was not allowed to do. */
	GO_HMAC_STEP_NEED_FETCH = 4
};

/* out := HMAC(key, p) with digest under propq, on one of this thread's
 * HMAC contexts (made on first use, at most GO_TLS_HMACS per thread),
 * which is keyed for this call only: before returning, it is keyed again
 * with a public all-zero 32-byte key, so that no context kept by a thread
 * holds a caller's key. On failure, outl is the GO_HMAC_STEP_* that failed
 * (GO_HMAC_STEP_INIT: keying, where a provider refuses a key). The first
 * use on a thread makes the context, which fetches the digest: only when
 * may_fetch is set, and the caller then holds fetchMu's read side; else
 * the call does nothing and fails with GO_HMAC_STEP_NEED_FETCH. */
go_result go_hmac_oneshot_tls(EVP_MAC *mac, const char *digest, const char *propq,
                              const unsigned char *key, size_t keylen,
                              const unsigned char *p, size_t len,
                              unsigned char *out, size_t outlen, int may_fetch);

/* For the tests: makes the next n HMACs of this thread on its own HMAC
 * contexts (go_hmac_oneshot_tls) find the resting key refused, as when
 * memory runs short. */
void go_test_hmac_rest_failures(int n);

/* For the tests: out := HMAC under the key this thread's HMAC context for
 * (mac, digest, propq) holds now, of p; returns the number of this
 * thread's HMAC contexts, or -1 when none is for (mac, digest, propq) or
 * the MAC fails. */
int go_hmac_tls_peek(EVP_MAC *mac, const char *digest, const char *propq,
                     const unsigned char *p, size_t len, unsigned char *out, size_t outlen);

/* ---- symmetric ciphers ---- */
typedef struct go_cipher_info {
	EVP_CIPHER *cipher;
	int key_len;
	int iv_len;
	int block_size;
	int mode; /* EVP_CIPH_*_MODE */
	int variable_key;
	int aead;
	int legacy_known; /* EVP_get_cipherbyname knows the name */
	int encrypt_refused; /* the cipher decrypts but does not encrypt; errq says why */
	char wrong_provider[GO_PROV_NAME];
	go_errq *errq;
} go_cipher_info;

/* Fetches name under propq and trial-encrypts one block with a key of the
 * cipher's default length, so that a cipher the provider lists but refuses
 * to run is reported as missing. A cipher that the provider refuses to
 * encrypt with but decrypts with is kept, with encrypt_refused set. */
go_cipher_info go_cipher_fetch(const char *name, const char *propq, const char *prov);

/* EVP_CIPHER_CTX_new, reading the queue in the same call, and its free. */
EVP_CIPHER_CTX *go_cipher_ctx_new(go_errq **errq);
void go_cipher_ctx_free(EVP_CIPHER_CTX *ctx);

/* Sets up ctx for cipher with key and iv (iv may be NULL), enc 1 or 0:
 * key length for variable-length ciphers, IV length for AEAD ciphers, and
 * no padding. */
go_result go_cipher_init(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                         const unsigned char *key, int keylen,
                         const unsigned char *iv, int ivlen, int enc);
/* EVP_CipherUpdate; a NULL out (an empty Go buffer: the caller's bound is
 * 0) stands for a buffer that receives nothing, never for AAD. */
go_result go_cipher_update(EVP_CIPHER_CTX *ctx, unsigned char *out,
                           const unsigned char *in, int inl);
/* Adds AAD to an AEAD context. */
go_result go_cipher_aad(EVP_CIPHER_CTX *ctx, const unsigned char *aad, int aadlen);
/* Finishes; for AEAD decryption tag (taglen bytes) is checked; for AEAD
 * encryption the tag is written to tag. */
go_result go_cipher_final(EVP_CIPHER_CTX *ctx, unsigned char *out, int aead, int enc,
                          unsigned char *tag, int taglen);

/* One AEAD seal on a keyed context: IV, AAD, data, final and tag in one
 * call. out receives inl bytes and then taglen bytes of tag. set_ivlen says
 * that ivlen differs from the context's current IV length (Go keeps track,
 * as asking OpenSSL 3 costs a parameter query per call). */
go_result go_aead_seal(EVP_CIPHER_CTX *ctx, const unsigned char *iv, int ivlen, int set_ivlen,
                       const unsigned char *aad, int aadlen,
                       const unsigned char *in, int inl,
                       unsigned char *out, int taglen);
/* One AEAD open on a keyed context; in is ciphertext||tag. On a tag
 * mismatch ok is 0, errq is NULL, and out is zeroed. */
go_result go_aead_open(EVP_CIPHER_CTX *ctx, const unsigned char *iv, int ivlen, int set_ivlen,
                       const unsigned char *aad, int aadlen,
                       const unsigned char *in, int inl,
                       unsigned char *out, int taglen);

/* A context keyed once for GCM or ChaCha20-Poly1305, reused by
 * go_aead_seal/go_aead_open with a new IV per operation. */
go_result go_aead_key(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                      const unsigned char *key, int keylen, int enc);

/* One AES-GCM seal whose IV the provider generates with its own DRBG (NIST
 * SP 800-38D 8.2.2; FIPS 140-3 IG C.H): the context is set up afresh with
 * cipher and key and no IV, so the provider draws a 12-byte IV at the first
 * update; it is read back after the tag. out receives ivlen bytes of IV,
 * inl of ciphertext and taglen of tag. *ivgen is what the provider says of
 * its "iv-generated" indicator: 1 or 0, or -1 when it does not say (OpenSSL
 * 3.0's default provider). A provider that says 0 fails the seal with ok 0
 * and a NULL errq. On any failure out is zeroed. In C so that the IV exists
 * only in the provider until the seal is done, and the seal is one call.
 * It does not check the error queue first (see GO_ERR_BEGIN): after a
 * failure it runs again on a cleared queue, except after a seal in place
 * that failed once it had begun to overwrite its input (shims.c). */
go_result go_aead_seal_randiv(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                              const unsigned char *key,
                              const unsigned char *aad, int aadlen,
                              const unsigned char *in, int inl,
                              unsigned char *out, int ivlen, int taglen, int *ivgen);

/* CCM cannot keep its key schedule across nonce lengths: each operation
 * sets it up on a scratch context, all in one call. */
go_result go_ccm_seal(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                      const unsigned char *key, int keylen,
                      const unsigned char *nonce, int noncelen,
                      const unsigned char *aad, int aadlen,
                      const unsigned char *in, int inl,
                      unsigned char *out, int taglen);
/* The CCM open: key, nonce, tag, length, AAD, data in one crossing. */
go_result go_ccm_open(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                      const unsigned char *key, int keylen,
                      const unsigned char *nonce, int noncelen,
                      const unsigned char *aad, int aadlen,
                      const unsigned char *in, int inl,
                      unsigned char *out, int taglen);

/* What bounds the output of a cipher: its mode, flags, block and IV
 * lengths, and two facts the flags do not tell. */
typedef struct go_cipher_shape {
	int mode;               /* EVP_CIPH_*_MODE */
	unsigned long flags;    /* EVP_CIPHER_get_flags */
	int block_size;
	int iv_len;
	int mac_key;            /* settable "mackey": a cipher-and-MAC TLS composite */
	int aead_tag;           /* settable "tag": an AEAD whose tag EVP can set */
	int des3_wrap;          /* the CMS Triple-DES key wrap of RFC 3217 */
} go_cipher_shape;

/* In C because the settable-parameter list and EVP_CIPHER_is_a would take
 * Go several crossings and OSSL_PARAM walking. */
go_cipher_shape go_cipher_shape_of(const EVP_CIPHER *c);

/* Writes every name of every cipher the loaded providers offer under the
 * current default properties, NUL-separated, into buf; returns the length
 * used, or the length needed when cap is too small. In C because it is two
 * nested OpenSSL callbacks. */
size_t go_cipher_names(char *buf, size_t cap);

/* Runs cipher name over in (inl bytes) in one go, with key, iv and enc as
 * go_cipher_init takes them, writing update and final output into out,
 * which must have room for inl + 64 bytes. The reference the bounds tests
 * compare with; in C so that no Go bound is involved. */
go_result go_cipher_reference(const EVP_CIPHER *cipher,
                              const unsigned char *key, int keylen,
                              const unsigned char *iv, int ivlen, int enc,
                              const unsigned char *in, int inl,
                              unsigned char *out);

/* Bytes the C allocator holds in use (glibc's mallinfo2), or -1 where it
 * cannot tell: the leak tests read it. */
long long go_malloc_inuse(void);

/* ---- plain calls ----
 * Single OpenSSL calls that need no crossing of their own: they are here
 * so that every call into OpenSSL goes through a go_* helper, the one place
 * to read for what the package asks of OpenSSL. None can fail. */

/* Frees what a fetch or a context holds; NULL is a no-op. */
void go_md_free(EVP_MD *md);
void go_cipher_free(EVP_CIPHER *cipher);
void go_mac_free(EVP_MAC *mac);
void go_mac_ctx_free(EVP_MAC_CTX *ctx);

/* The library and reason text of an error code, NULL when OpenSSL has none,
 * and the reason number. */
const char *go_err_lib_text(unsigned long code);
const char *go_err_reason_text(unsigned long code);
int go_err_reason(unsigned long code);

/* The folder OpenSSL was built to load providers from. */
const char *go_modules_dir(void);

/* ---- MACs ----
 * CMAC, GMAC, KMAC and Poly1305 over EVP_MAC. In C so that a context is
 * made, parameterised and keyed in one crossing, and a MAC of a buffer is
 * one call. */

/* Returns a new context of mac keyed with key: cipher (CMAC, GMAC; may be
 * NULL) fetched under propq, GMAC's iv, KMAC's custom string (may be NULL)
 * and output size (0: the default). *outsize receives the MAC length the
 * context will write, which the caller compares with its buffer, as
 * CMAC's final checks no output size. NULL with *errq on failure. */
EVP_MAC_CTX *go_xmac_new(EVP_MAC *mac, const char *cipher, const char *propq,
                         const unsigned char *iv, size_t ivlen,
                         const unsigned char *custom, size_t customlen, size_t size,
                         const unsigned char *key, size_t keylen,
                         size_t *outsize, go_errq **errq);
/* out := MAC of in, on a context made, used and freed within the call;
 * outlen must be the MAC length (checked: ok 0 otherwise). */
go_result go_xmac_oneshot(EVP_MAC *mac, const char *cipher, const char *propq,
                          const unsigned char *iv, size_t ivlen,
                          const unsigned char *custom, size_t customlen, size_t size,
                          const unsigned char *key, size_t keylen,
                          const unsigned char *in, size_t inlen,
                          unsigned char *out, size_t outlen);

/* ---- key wrap ----
 * One call per wrap or unwrap with the AES-*-WRAP[-PAD][-INV] ciphers: a
 * context is made, keyed with OpenSSL's default ICV, run and freed. out
 * must have room for the wrap's exact bound (Go computes it). On an
 * unwrap that fails its check, ok is 0, outl is -1, the queue is cleared
 * and out is cleansed. */
go_result go_keywrap(const EVP_CIPHER *cipher, const unsigned char *key, int keylen, int enc,
                     const unsigned char *in, int inl, unsigned char *out, int outcap);

/* ---- random ----
 * Random bytes from the calling thread's public (priv 0) or private
 * (priv 1) DRBG, the ones RAND_bytes_ex and RAND_priv_bytes_ex draw from.
 * With prov non-NULL the DRBG must be served by the provider of that name,
 * else nothing is drawn and wrong_provider names the one that serves it.
 * In C because the DRBG is per OS thread: the check and the draw must run
 * on the same thread.
 *
 * The first draw on a thread makes its DRBG, a fetch, which the caller
 * must keep apart from a switch of FIPS mode (fetchMu in Go). A call with
 * locked 0 therefore draws only on a thread whose DRBG of that kind this
 * function has already found, and otherwise returns ok GO_RAND_LOCK
 * without doing anything; the caller then takes its lock and calls again
 * with locked 1. Later draws on the thread take no lock. */
#include <openssl/rand.h>
enum { GO_RAND_LOCK = 2 };
typedef struct go_rand_result {
	int ok;
	char wrong_provider[GO_PROV_NAME];
	go_errq *errq;
} go_rand_result;
go_rand_result go_rand_bytes(unsigned char *buf, size_t n, int priv, const char *prov, int locked);
/* The provider of the primary DRBG and of this thread's public or private
 * DRBG, for the tests; "" when there is none. */
void go_rand_providers(char primary[GO_PROV_NAME], char pub[GO_PROV_NAME], char priv[GO_PROV_NAME]);
/* ---- KDFs ---- */
#include <openssl/kdf.h>

typedef struct go_kdf_info {
	EVP_KDF *kdf;
	int settable_r; /* KBKDF: the counter width "r" is settable (OpenSSL 3.1 on) */
	char wrong_provider[GO_PROV_NAME];
	go_errq *errq;
} go_kdf_info;
go_kdf_info go_kdf_fetch(const char *name, const char *propq, const char *prov);
/* The name of the provider serving kdf, or NULL (go_provider_of for KDFs). */
const char *go_kdf_provider(const EVP_KDF *kdf);

/* Which KDF a go_kdf_spec is for. */
#define GO_KDF_HKDF 1
#define GO_KDF_PBKDF2 2
#define GO_KDF_KBKDF 3
#define GO_KDF_X963 4
#define GO_KDF_SSKDF 5
#define GO_KDF_SCRYPT 6

/* The scalar parameters of one derivation; strings are C memory that
 * outlives the call (the fetch cache's names), never Go memory. */
typedef struct go_kdf_spec {
	int kind;               /* GO_KDF_* */
	const char *digest;     /* NULL: none */
	const char *mac;        /* KBKDF, SSKDF: "HMAC" or "CMAC"; NULL: none */
	const char *cipher;     /* KBKDF with CMAC */
	const char *propq;      /* the properties the KDF fetches its digest, MAC or cipher with */
	int hkdf_mode;          /* EVP_KDF_HKDF_MODE_* */
	int feedback;           /* KBKDF: feedback mode, else counter */
	int use_l, use_sep;     /* KBKDF */
	int r_bits;             /* KBKDF: counter width; 0: leave OpenSSL's 32 */
	uint64_t iter;          /* PBKDF2 */
	uint64_t n;             /* scrypt */
	uint32_t r, p;          /* scrypt */
	uint64_t maxmem;        /* scrypt; 0: OpenSSL's default */
} go_kdf_spec;

/* A context of kdf prepared for the derivations of spec's kind: the
 * digest, MAC or cipher and the properties of spec are set, so the KDF has
 * fetched what they name. NULL if the KDF refuses them (its errors are
 * dropped: a derivation without a prepared context reports them). In C
 * because it sets parameters that point into spec. */
EVP_KDF_CTX *go_kdf_ctx_new(const EVP_KDF *kdf, go_kdf_spec spec);
void go_kdf_ctx_free(EVP_KDF_CTX *ctx);

/* The result of go_kdf_derive: ok is 1 on success; spent is 1 when the
 * prepared context must be freed, not used again; errq the error queue
 * when ok != 1. */
typedef struct go_kdf_result {
	int ok;
	int spent;
	go_errq *errq;
} go_kdf_result;

/* One derivation: its parameters and EVP_KDF_derive in one crossing, on
 * prepared (from go_kdf_ctx_new with the same kdf and spec's digest, MAC,
 * cipher and properties) or, when it is NULL, on a fresh context. kdf may
 * be NULL when prepared is given: prepared's KDF then serves a rerun. The
 * secret goes to "key" ("pass" for PBKDF2 and scrypt); salt to "salt"
 * (KBKDF: the label); info to "info" (KBKDF: the context; X9.63: the shared
 * info; SSKDF: the other info); seed to "seed" (KBKDF feedback IV). A NULL
 * buffer leaves its parameter unset; an empty one sets it empty: a
 * prepared context keeps the salt, info or seed of its last derivation
 * where this one sets none, so it serves derivations that set the same
 * ones. After a derivation a prepared context holds zero bytes in place
 * of the secret. The key is derived into memory of its own and copied to
 * out only on success, so a failure leaves out as it was. */
go_kdf_result go_kdf_derive(const EVP_KDF *kdf, EVP_KDF_CTX *prepared, go_kdf_spec spec,
                            const unsigned char *secret, size_t secretlen,
                            const unsigned char *salt, size_t saltlen,
                            const unsigned char *info, size_t infolen,
                            const unsigned char *seed, size_t seedlen,
                            unsigned char *out, size_t outlen);

#endif
