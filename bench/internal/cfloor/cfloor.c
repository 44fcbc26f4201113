#include "cfloor.h"

#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/params.h>
#include <openssl/rand.h>

EVP_CIPHER_CTX *cfloor_cipher_new(const char *name, const uint8_t *key,
                                  const uint8_t *iv, int enc) {
  EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, name, NULL);
  if (c == NULL)
    return NULL;
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  if (ctx == NULL || !EVP_CipherInit_ex2(ctx, c, key, iv, enc, NULL) ||
      !EVP_CIPHER_CTX_set_padding(ctx, 0)) {
    EVP_CIPHER_CTX_free(ctx);
    ctx = NULL;
  }
  EVP_CIPHER_free(c); /* the context keeps its own reference */
  return ctx;
}

void cfloor_cipher_free(EVP_CIPHER_CTX *ctx) { EVP_CIPHER_CTX_free(ctx); }

int cfloor_gcm_seal(EVP_CIPHER_CTX *ctx, const uint8_t *iv, const uint8_t *in,
                    size_t n, uint8_t *out, size_t iters) {
  int len, fin;
  for (size_t i = 0; i < iters; i++) {
    if (!EVP_EncryptInit_ex2(ctx, NULL, NULL, iv, NULL) ||
        !EVP_EncryptUpdate(ctx, out, &len, in, (int)n) ||
        !EVP_EncryptFinal_ex(ctx, out + len, &fin) ||
        !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, out + n))
      return 0;
  }
  return 1;
}

int cfloor_gcm_open(EVP_CIPHER_CTX *ctx, const uint8_t *iv, const uint8_t *in,
                    size_t n, const uint8_t *tag, uint8_t *out, size_t iters) {
  int len, fin;
  for (size_t i = 0; i < iters; i++) {
    if (!EVP_DecryptInit_ex2(ctx, NULL, NULL, iv, NULL) ||
        !EVP_DecryptUpdate(ctx, out, &len, in, (int)n) ||
        !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, (void *)tag) ||
        EVP_DecryptFinal_ex(ctx, out + len, &fin) <= 0)
      return 0;
  }
  return 1;
}

int cfloor_update(EVP_CIPHER_CTX *ctx, const uint8_t *in, size_t n,
                  uint8_t *out, size_t iters) {
  int len;
  for (size_t i = 0; i < iters; i++) {
    if (!EVP_EncryptUpdate(ctx, out, &len, in, (int)n))
      return 0;
  }
  return 1;
}

EVP_MD *cfloor_md_fetch(const char *name) {
  return EVP_MD_fetch(NULL, name, NULL);
}

void cfloor_md_free(EVP_MD *md) { EVP_MD_free(md); }

EVP_MD_CTX *cfloor_md_ctx_new(void) { return EVP_MD_CTX_new(); }

void cfloor_md_ctx_free(EVP_MD_CTX *ctx) { EVP_MD_CTX_free(ctx); }

int cfloor_digest(const EVP_MD *md, const uint8_t *in, size_t n, uint8_t *out,
                  size_t iters) {
  for (size_t i = 0; i < iters; i++) {
    if (!EVP_Digest(in, n, out, NULL, md, NULL))
      return 0;
  }
  return 1;
}

int cfloor_digest_reuse(EVP_MD_CTX *ctx, const EVP_MD *md, const uint8_t *in,
                        size_t n, uint8_t *out, size_t iters) {
  for (size_t i = 0; i < iters; i++) {
    if (!EVP_DigestInit_ex2(ctx, md, NULL) || !EVP_DigestUpdate(ctx, in, n) ||
        !EVP_DigestFinal_ex(ctx, out, NULL))
      return 0;
  }
  return 1;
}

int cfloor_digest_fresh(const EVP_MD *md, const uint8_t *in, size_t n,
                        uint8_t *out, size_t iters) {
  for (size_t i = 0; i < iters; i++) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = ctx != NULL && EVP_DigestInit_ex2(ctx, md, NULL) &&
             EVP_DigestUpdate(ctx, in, n) && EVP_DigestFinal_ex(ctx, out, NULL);
    EVP_MD_CTX_free(ctx);
    if (!ok)
      return 0;
  }
  return 1;
}

EVP_MAC_CTX *cfloor_hmac_new(const char *digest, const uint8_t *key,
                             size_t keylen) {
  EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
  if (mac == NULL)
    return NULL;
  EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
  EVP_MAC_free(mac); /* the context keeps its own reference */
  if (ctx == NULL)
    return NULL;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest,
                                       0),
      OSSL_PARAM_construct_end(),
  };
  if (!EVP_MAC_init(ctx, key, keylen, params)) {
    EVP_MAC_CTX_free(ctx);
    return NULL;
  }
  return ctx;
}

void cfloor_hmac_free(EVP_MAC_CTX *ctx) { EVP_MAC_CTX_free(ctx); }

int cfloor_hmac(EVP_MAC_CTX *ctx, const uint8_t *in, size_t n, uint8_t *out,
                size_t outsize, size_t iters) {
  size_t outl;
  for (size_t i = 0; i < iters; i++) {
    if (!EVP_MAC_init(ctx, NULL, 0, NULL) || !EVP_MAC_update(ctx, in, n) ||
        !EVP_MAC_final(ctx, out, &outl, outsize))
      return 0;
  }
  return 1;
}

int cfloor_hmac_fresh(const EVP_MAC_CTX *ctx, const char *digest,
                      const uint8_t *key, size_t keylen, const uint8_t *in,
                      size_t n, uint8_t *out, size_t outsize, size_t iters) {
  EVP_MAC *mac = EVP_MAC_CTX_get0_mac((EVP_MAC_CTX *)ctx);
  size_t outl;
  for (size_t i = 0; i < iters; i++) {
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest,
                                         0),
        OSSL_PARAM_construct_end(),
    };
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(mac);
    int ok = c != NULL && EVP_MAC_init(c, key, keylen, params) &&
             EVP_MAC_update(c, in, n) && EVP_MAC_final(c, out, &outl, outsize);
    EVP_MAC_CTX_free(c);
    if (!ok)
      return 0;
  }
  return 1;
}

EVP_KDF *cfloor_kdf_fetch(const char *name) {
  return EVP_KDF_fetch(NULL, name, NULL);
}

void cfloor_kdf_free(EVP_KDF *kdf) { EVP_KDF_free(kdf); }

int cfloor_kdf_derive(EVP_KDF *kdf, const uint8_t *secret, size_t secretlen,
                      const uint8_t *salt, size_t saltlen, const uint8_t *info,
                      size_t infolen, uint64_t iter, uint8_t *out,
                      size_t outlen, size_t iters) {
  OSSL_PARAM params[6];
  int n = 0;
  params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
                                                 "SHA2-256", 0);
  if (iter > 0) {
    params[n++] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_ITER, &iter);
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
                                                    (void *)secret, secretlen);
  } else {
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
                                                    (void *)secret, secretlen);
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
                                                    (void *)info, infolen);
  }
  params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
                                                  (void *)salt, saltlen);
  params[n] = OSSL_PARAM_construct_end();
  for (size_t i = 0; i < iters; i++) {
    EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(kdf);
    int ok = ctx != NULL && EVP_KDF_derive(ctx, out, outlen, params) == 1;
    EVP_KDF_CTX_free(ctx);
    if (!ok)
      return 0;
  }
  return 1;
}

EVP_MAC_CTX *cfloor_cmac_new(const char *cipher, const uint8_t *key,
                             size_t keylen) {
  EVP_MAC *mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
  if (mac == NULL)
    return NULL;
  EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
  EVP_MAC_free(mac); /* the context keeps its own reference */
  if (ctx == NULL)
    return NULL;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, (char *)cipher,
                                       0),
      OSSL_PARAM_construct_end(),
  };
  if (!EVP_MAC_init(ctx, key, keylen, params)) {
    EVP_MAC_CTX_free(ctx);
    return NULL;
  }
  return ctx;
}

EVP_CIPHER *cfloor_cipher_fetch(const char *name) {
  return EVP_CIPHER_fetch(NULL, name, NULL);
}

void cfloor_cipher_free_alg(EVP_CIPHER *c) { EVP_CIPHER_free(c); }

int cfloor_wrap(const EVP_CIPHER *c, const uint8_t *kek, const uint8_t *in,
                size_t n, uint8_t *out, int *outlen, size_t iters) {
  for (size_t i = 0; i < iters; i++) {
    int len = 0, fin = 0;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int ok = ctx != NULL && EVP_CipherInit_ex2(ctx, c, kek, NULL, 1, NULL) &&
             EVP_CipherUpdate(ctx, out, &len, in, (int)n) &&
             EVP_CipherFinal_ex(ctx, out + len, &fin);
    EVP_CIPHER_CTX_free(ctx);
    if (!ok)
      return 0;
    *outlen = len + fin;
  }
  return 1;
}

int cfloor_rand(uint8_t *out, size_t n, size_t iters) {
  for (size_t i = 0; i < iters; i++) {
    if (RAND_bytes(out, (int)n) != 1)
      return 0;
  }
  return 1;
}

void cfloor_error(char *buf, size_t len) {
  unsigned long e = ERR_peek_error();
  if (e == 0)
    snprintf(buf, len, "no error queued");
  else
    ERR_error_string_n(e, buf, len);
  ERR_clear_error();
}
