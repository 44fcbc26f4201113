/* cfloor.h: raw EVP loops, the floor for anything built on OpenSSL. Every
 * cfloor_* run function performs its operation iters times in one call. */
#ifndef CFLOOR_H
#define CFLOOR_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <openssl/evp.h>
#include <openssl/kdf.h>

/* Symmetric ciphers: a context keyed once (padding off). */
EVP_CIPHER_CTX *cfloor_cipher_new(const char *name, const uint8_t *key,
                                  const uint8_t *iv, int enc);
void cfloor_cipher_free(EVP_CIPHER_CTX *ctx);
/* GCM: per iteration, a new IV on the keyed context, the data, the tag
 * (written after the ciphertext in out, which holds n+16 bytes). */
int cfloor_gcm_seal(EVP_CIPHER_CTX *ctx, const uint8_t *iv, const uint8_t *in,
                    size_t n, uint8_t *out, size_t iters);
/* GCM: per iteration, a new IV, the data, the expected tag, the check. */
int cfloor_gcm_open(EVP_CIPHER_CTX *ctx, const uint8_t *iv, const uint8_t *in,
                    size_t n, const uint8_t *tag, uint8_t *out, size_t iters);
/* CBC, CTR: EVP_EncryptUpdate over n bytes, the state carried on. */
int cfloor_update(EVP_CIPHER_CTX *ctx, const uint8_t *in, size_t n,
                  uint8_t *out, size_t iters);

/* Digests over a fetched EVP_MD. */
EVP_MD *cfloor_md_fetch(const char *name);
void cfloor_md_free(EVP_MD *md);
EVP_MD_CTX *cfloor_md_ctx_new(void);
void cfloor_md_ctx_free(EVP_MD_CTX *ctx);
/* EVP_Digest. */
int cfloor_digest(const EVP_MD *md, const uint8_t *in, size_t n, uint8_t *out,
                  size_t iters);
/* Init, Update, Final on a reused context. */
int cfloor_digest_reuse(EVP_MD_CTX *ctx, const EVP_MD *md, const uint8_t *in,
                        size_t n, uint8_t *out, size_t iters);
/* A new context per iteration: new, init, update, final, free. */
int cfloor_digest_fresh(const EVP_MD *md, const uint8_t *in, size_t n,
                        uint8_t *out, size_t iters);

/* HMAC over a keyed EVP_MAC_CTX. */
EVP_MAC_CTX *cfloor_hmac_new(const char *digest, const uint8_t *key,
                             size_t keylen);
void cfloor_hmac_free(EVP_MAC_CTX *ctx);
/* Init (same key), Update, Final; out holds outsize bytes. */
int cfloor_hmac(EVP_MAC_CTX *ctx, const uint8_t *in, size_t n, uint8_t *out,
                size_t outsize, size_t iters);

/* A new HMAC context per iteration, as a C caller with no context to reuse
 * makes one: new (of the MAC that ctx is of), init with the digest and the
 * key, update, final, free. */
int cfloor_hmac_fresh(const EVP_MAC_CTX *ctx, const char *digest,
                      const uint8_t *key, size_t keylen, const uint8_t *in,
                      size_t n, uint8_t *out, size_t outsize, size_t iters);

/* KDFs over a fetched EVP_KDF ("HKDF", "PBKDF2") with a SHA2-256 digest:
 * per iteration a new EVP_KDF_CTX, EVP_KDF_derive with the parameters, the
 * context freed. iter is PBKDF2's iteration count, 0 for HKDF (whose salt
 * and info are used; PBKDF2 uses the salt). */
EVP_KDF *cfloor_kdf_fetch(const char *name);
void cfloor_kdf_free(EVP_KDF *kdf);
int cfloor_kdf_derive(EVP_KDF *kdf, const uint8_t *secret, size_t secretlen,
                      const uint8_t *salt, size_t saltlen, const uint8_t *info,
                      size_t infolen, uint64_t iter, uint8_t *out,
                      size_t outlen, size_t iters);

/* CMAC over a keyed EVP_MAC_CTX (cipher such as "AES-128-CBC"). */
EVP_MAC_CTX *cfloor_cmac_new(const char *cipher, const uint8_t *key,
                             size_t keylen);
/* Init (same key), Update, Final: cfloor_hmac serves CMAC as well. */

/* Key wrap over a fetched EVP_CIPHER (such as "AES-128-WRAP"): per
 * iteration a new context keyed with kek, Update, Final, freed. out holds
 * n+8 bytes (n+15 with padding). */
EVP_CIPHER *cfloor_cipher_fetch(const char *name);
void cfloor_cipher_free_alg(EVP_CIPHER *c);
int cfloor_wrap(const EVP_CIPHER *c, const uint8_t *kek, const uint8_t *in,
                size_t n, uint8_t *out, int *outlen, size_t iters);

/* RAND_bytes into out, n bytes, iters times. */
int cfloor_rand(uint8_t *out, size_t n, size_t iters);

/* The oldest error of the queue, in buf; the queue is then cleared. */
void cfloor_error(char *buf, size_t len);

#endif
