#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <pthread.h>
#if defined(__SANITIZE_ADDRESS__)
/* From the sanitizer runtime (sanitizer/allocator_interface.h, which not
 * every compiler installation ships). */
size_t __sanitizer_get_current_allocated_bytes(void);
#elif defined(__GLIBC__)
#include <malloc.h>
#endif
#include "shims.h"

struct go_md_state {
	EVP_MD_CTX *ctx;
};

static EVP_MD_CTX *go_tls_md_ctx(void);

void go_err_begin(void) {
	if (ERR_peek_error() != 0)
		ERR_clear_error();
}

go_errq *go_errq_take(void) {
	size_t off[GO_ERRQ_MAX], used = 0, len;
	const char *data = NULL;
	int flags = 0, i;
	unsigned long e;
	go_errq *q, *grown;
	char *text;

	if (ERR_peek_error() == 0)
		return NULL;
	q = calloc(1, sizeof(*q));
	while ((e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags)) != 0) {
		if (q == NULL || q->n >= GO_ERRQ_MAX)
			continue; /* keep draining: the queue must end up empty */
		len = 0;
		if (data != NULL && (flags & ERR_TXT_STRING))
			len = strnlen(data, GO_ERRQ_DATA_MAX - 1);
		/* One block: the struct, then each entry's text. */
		grown = realloc(q, sizeof(*q) + used + len + 1);
		if (grown == NULL)
			continue;
		q = grown;
		text = (char *)(q + 1) + used;
		memcpy(text, len > 0 ? data : "", len);
		text[len] = 0;
		q->code[q->n] = e;
		off[q->n] = used;
		used += len + 1;
		q->n++;
	}
	if (q == NULL)
		return NULL;
	for (i = 0; i < q->n; i++)
		q->data[i] = (char *)(q + 1) + off[i];
	return q;
}

void go_errq_free(go_errq *q) { free(q); }

void go_test_push_error(const char *data) { ERR_raise_data(ERR_LIB_USER, ERR_R_INTERNAL_ERROR, "%s", data); }

long long go_test_err_begin(int n) {
	struct timespec a, b;
	int i;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
	for (i = 0; i < n; i++)
		GO_ERR_BEGIN();
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
	return (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
}

static go_result go_fail(void) {
	go_result r = {0, 0, NULL};
	r.errq = go_errq_take();
	return r;
}

static go_result go_ok(int outl) {
	go_result r = {1, outl, NULL};
	return r;
}

/* ---- library ---- */

/* OPENSSL_INIT_NO_ATEXIT: OpenSSL must not free its library context, its
 * providers and their algorithms in an atexit handler. Go's os.Exit does not
 * run such handlers, but a build with the race detector (whose exit goes
 * through libc's exit), a C library calling exit, or a C main returning does,
 * while other threads of the program may still be in OpenSSL (a cleanup
 * freeing a context, a goroutine hashing): they would then use freed memory.
 * The process is ending; nothing of OpenSSL's needs freeing then. */
int go_init(void) {
	return OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG | OPENSSL_INIT_ADD_ALL_CIPHERS |
	                           OPENSSL_INIT_ADD_ALL_DIGESTS | OPENSSL_INIT_NO_ATEXIT, NULL);
}

const char *go_version_text(void) { return OpenSSL_version(OPENSSL_VERSION); }
unsigned long go_version_num(void) { return OpenSSL_version_num(); }
int go_fips_enabled(void) { return EVP_default_properties_is_fips_enabled(NULL); }

go_result go_set_fips(int on) {
	GO_ERR_BEGIN();
	if (EVP_default_properties_enable_fips(NULL, on) != 1)
		return go_fail();
	return go_ok(0);
}

go_result go_load_provider(const char *name) {
	GO_ERR_BEGIN();
	/* The provider stays loaded for the life of the process. */
	if (OSSL_PROVIDER_load(NULL, name) == NULL)
		return go_fail();
	return go_ok(0);
}

int go_provider_available(const char *name) { return OSSL_PROVIDER_available(NULL, name); }

int go_fips_capable(void) {
	EVP_MD *md;
	if (OSSL_PROVIDER_available(NULL, "fips") != 1)
		return 0;
	ERR_set_mark();
	md = EVP_MD_fetch(NULL, "SHA2-256", "fips=yes");
	ERR_pop_to_mark();
	if (md == NULL)
		return 0;
	EVP_MD_free(md);
	return 1;
}

typedef struct {
	char *buf;
	size_t cap, len;
} go_names;

static int go_collect_name(OSSL_PROVIDER *p, void *arg) {
	go_names *n = arg;
	const char *name = OSSL_PROVIDER_get0_name(p);
	size_t l = strlen(name) + 1;
	if (n->len + l <= n->cap)
		memcpy(n->buf + n->len, name, l);
	n->len += l;
	return 1;
}

size_t go_provider_names(char *buf, size_t cap) {
	go_names n = {buf, cap, 0};
	OSSL_PROVIDER_do_all(NULL, go_collect_name, &n);
	return n.len;
}

typedef struct {
	const char *name;
	OSSL_PROVIDER *found;
} go_find;

static int go_find_provider(OSSL_PROVIDER *p, void *arg) {
	go_find *f = arg;
	if (strcmp(OSSL_PROVIDER_get0_name(p), f->name) == 0) {
		f->found = p;
		return 0;
	}
	return 1;
}

static OSSL_PROVIDER *go_provider(const char *name) {
	go_find f = {name, NULL};
	OSSL_PROVIDER_do_all(NULL, go_find_provider, &f);
	return f.found;
}

int go_provider_param(const char *prov, const char *param, char *buf, size_t cap) {
	OSSL_PROVIDER *p = go_provider(prov);
	char *val = NULL;
	OSSL_PARAM params[2];
	if (p == NULL || cap == 0)
		return 0;
	params[0] = OSSL_PARAM_construct_utf8_ptr(param, &val, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (OSSL_PROVIDER_get_params(p, params) != 1 || val == NULL) {
		ERR_clear_error();
		return 0;
	}
	strncpy(buf, val, cap - 1);
	buf[cap - 1] = 0;
	return 1;
}

int go_provider_status(const char *prov) {
	OSSL_PROVIDER *p = go_provider(prov);
	int r;
	if (p == NULL)
		return -1;
	r = OSSL_PROVIDER_self_test(p);
	ERR_clear_error();
	return r;
}

/* ---- fetching ---- */

/* 1 when p is the provider named want (or want is NULL); else 0, with p's
 * name copied into got. */
static int go_provider_is(const OSSL_PROVIDER *p, const char *want, char got[GO_PROV_NAME]) {
	const char *name;
	if (want == NULL)
		return 1;
	name = p != NULL ? OSSL_PROVIDER_get0_name(p) : NULL;
	if (name != NULL && strcmp(name, want) == 0)
		return 1;
	strncpy(got, name != NULL ? name : "(none)", GO_PROV_NAME - 1);
	got[GO_PROV_NAME - 1] = 0;
	return 0;
}

const char *go_provider_of(int kind, const void *obj) {
	const OSSL_PROVIDER *p = NULL;
	if (obj == NULL)
		return NULL;
	switch (kind) {
	case GO_OBJ_MD:
		p = EVP_MD_get0_provider(obj);
		break;
	case GO_OBJ_CIPHER:
		p = EVP_CIPHER_get0_provider(obj);
		break;
	case GO_OBJ_MAC:
		p = EVP_MAC_get0_provider(obj);
		break;
	case GO_OBJ_CIPHER_CTX:
		p = EVP_CIPHER_get0_provider(EVP_CIPHER_CTX_get0_cipher(obj));
		break;
	case GO_OBJ_MAC_CTX:
		p = EVP_MAC_get0_provider(EVP_MAC_CTX_get0_mac((EVP_MAC_CTX *)obj));
		break;
	}
	return p != NULL ? OSSL_PROVIDER_get0_name(p) : NULL;
}

/* ---- digests ---- */

go_md_info go_md_fetch(const char *name, const char *propq, const char *prov) {
	GO_ERR_BEGIN();
	go_md_info info;
	EVP_MD_CTX *ctx;
	memset(&info, 0, sizeof(info));
	info.legacy_known = EVP_get_digestbyname(name) != NULL;
	info.md = EVP_MD_fetch(NULL, name, propq);
	if (info.md == NULL) {
		info.errq = go_errq_take();
		return info;
	}
	if (!go_provider_is(EVP_MD_get0_provider(info.md), prov, info.wrong_provider)) {
		EVP_MD_free(info.md);
		info.md = NULL;
		return info;
	}
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL || EVP_DigestInit_ex2(ctx, info.md, NULL) != 1) {
		info.errq = go_errq_take();
		EVP_MD_CTX_free(ctx);
		EVP_MD_free(info.md);
		info.md = NULL;
		return info;
	}
	EVP_MD_CTX_free(ctx);
	info.size = EVP_MD_get_size(info.md);
	info.block_size = EVP_MD_get_block_size(info.md);
	info.xof = (EVP_MD_get_flags(info.md) & EVP_MD_FLAG_XOF) != 0;
	return info;
}

go_md_state *go_md_state_new(go_errq **errq) {
	GO_ERR_BEGIN();
	go_md_state *st = calloc(1, sizeof(*st));
	if (st != NULL)
		st->ctx = EVP_MD_CTX_new();
	if (st == NULL || st->ctx == NULL) {
		*errq = go_errq_take();
		go_md_state_free(st);
		return NULL;
	}
	return st;
}

void go_md_state_free(go_md_state *st) {
	if (st == NULL)
		return;
	EVP_MD_CTX_free(st->ctx);
	free(st);
}

int go_md_states_new(go_md_state **out, int n, go_errq **errq) {
	int i;
	for (i = 0; i < n; i++) {
		out[i] = go_md_state_new(errq);
		if (out[i] == NULL) {
			go_md_states_free(out, i);
			return 0;
		}
	}
	return 1;
}

void go_md_states_free(go_md_state **sts, int n) {
	int i;
	for (i = 0; i < n; i++) {
		go_md_state_free(sts[i]);
		sts[i] = NULL;
	}
}

go_result go_md_state_copy(go_md_state *dst, const go_md_state *src) {
	GO_ERR_BEGIN();
	if (EVP_MD_CTX_copy_ex(dst->ctx, src->ctx) != 1)
		return go_fail();
	return go_ok(0);
}

/* GO_RUN_TWICE(run, outl) is how the per-message digest and MAC helpers
 * below report errors without opening with GO_ERR_BEGIN (about 30 ns of CPU
 * time per call, as much as the rest of a short message's overhead). Each
 * of them is idempotent: it starts from a state it sets itself (an init, a
 * copy) and writes its output only on success. When run fails, the helper
 * drops whatever the thread's queue holds (what run added, and entries
 * that another library left), runs again, and reports the errors of that
 * second run only, which are its own. A failure that does not repeat
 * (memory short for a moment) ends in success, with the right result. */
#define GO_RUN_TWICE(run, outl)              \
	do {                                     \
		if (run)                             \
			return go_ok(outl);              \
		ERR_clear_error();                   \
		if (run)                             \
			return go_ok(outl);              \
		return go_fail();                    \
	} while (0)

static int go_digest_flush_update_run(go_md_state *st, const EVP_MD *md,
                                      const unsigned char *a, size_t alen,
                                      const unsigned char *b, size_t blen) {
	return EVP_DigestInit_ex2(st->ctx, md, NULL) == 1 &&
	       (alen == 0 || EVP_DigestUpdate(st->ctx, a, alen) == 1) &&
	       (blen == 0 || EVP_DigestUpdate(st->ctx, b, blen) == 1);
}

go_result go_digest_flush_update(go_md_state *st, const EVP_MD *md,
                                 const unsigned char *a, size_t alen,
                                 const unsigned char *b, size_t blen) {
	GO_RUN_TWICE(go_digest_flush_update_run(st, md, a, alen, b, blen), 0);
}

go_result go_digest_update(go_md_state *st, const unsigned char *p, size_t len) {
	if (EVP_DigestUpdate(st->ctx, p, len) != 1)
		return go_fail();
	return go_ok(0);
}

static int go_digest_final(EVP_MD_CTX *ctx, unsigned char *out, size_t outlen, int xof) {
	unsigned int n = 0;
	if (xof)
		return EVP_DigestFinalXOF(ctx, out, outlen);
	return EVP_DigestFinal_ex(ctx, out, &n);
}

go_result go_digest_sum(go_md_state *st, unsigned char *out, size_t outlen, int xof) {
	EVP_MD_CTX *tmp;
	GO_RUN_TWICE((tmp = go_tls_md_ctx()) != NULL && EVP_MD_CTX_copy_ex(tmp, st->ctx) == 1 &&
	                 go_digest_final(tmp, out, outlen, xof) == 1,
	             (int)outlen);
}

/* Finalises st in place, for Finalize, which spends the state: no copy,
 * as go_digest_sum needs to leave the state unchanged. Not idempotent, so
 * it opens with GO_ERR_BEGIN rather than running twice. */
go_result go_digest_final_inplace(go_md_state *st, unsigned char *out, size_t outlen, int xof) {
	GO_ERR_BEGIN();
	if (go_digest_final(st->ctx, out, outlen, xof) != 1)
		return go_fail();
	return go_ok((int)outlen);
}

static int go_digest_oneshot_run(go_md_state *st, const EVP_MD *md,
                                 const unsigned char *p, size_t len,
                                 unsigned char *out, size_t outlen, int xof) {
	return EVP_DigestInit_ex2(st->ctx, md, NULL) == 1 &&
	       (len == 0 || EVP_DigestUpdate(st->ctx, p, len) == 1) &&
	       go_digest_final(st->ctx, out, outlen, xof) == 1;
}

go_result go_digest_oneshot(go_md_state *st, const EVP_MD *md,
                            const unsigned char *p, size_t len,
                            unsigned char *out, size_t outlen, int xof) {
	GO_RUN_TWICE(go_digest_oneshot_run(st, md, p, len, out, outlen, xof), (int)outlen);
}

static pthread_key_t go_tls_md_key;
static pthread_once_t go_tls_md_once = PTHREAD_ONCE_INIT;
static int go_tls_md_key_ok;

static void go_tls_md_free(void *ctx) { EVP_MD_CTX_free(ctx); }
static void go_tls_md_key_init(void) { go_tls_md_key_ok = pthread_key_create(&go_tls_md_key, go_tls_md_free) == 0; }

/* This thread's one-shot digest context, or NULL (the queue says why). */
static EVP_MD_CTX *go_tls_md_ctx(void) {
	EVP_MD_CTX *ctx;
	if (pthread_once(&go_tls_md_once, go_tls_md_key_init) != 0 || !go_tls_md_key_ok) {
		ERR_raise_data(ERR_LIB_USER, ERR_R_INTERNAL_ERROR, "no thread-local key for the one-shot digest context");
		return NULL;
	}
	ctx = pthread_getspecific(go_tls_md_key);
	if (ctx != NULL)
		return ctx;
	ctx = EVP_MD_CTX_new();
	if (ctx != NULL && pthread_setspecific(go_tls_md_key, ctx) != 0) {
		EVP_MD_CTX_free(ctx);
		ERR_raise_data(ERR_LIB_USER, ERR_R_INTERNAL_ERROR, "cannot keep the one-shot digest context");
		return NULL;
	}
	return ctx;
}

static int go_digest_oneshot_tls_run(const EVP_MD *md, const unsigned char *p, size_t len,
                                     unsigned char *out, size_t outlen, int xof) {
	EVP_MD_CTX *ctx = go_tls_md_ctx();
	return ctx != NULL && EVP_DigestInit_ex2(ctx, md, NULL) == 1 &&
	       (len == 0 || EVP_DigestUpdate(ctx, p, len) == 1) &&
	       go_digest_final(ctx, out, outlen, xof) == 1;
}

go_result go_digest_oneshot_tls(const EVP_MD *md, const unsigned char *p, size_t len,
                                unsigned char *out, size_t outlen, int xof) {
	GO_RUN_TWICE(go_digest_oneshot_tls_run(md, p, len, out, outlen, xof), (int)outlen);
}

/* ---- HMAC ---- */

go_mac_info go_mac_fetch(const char *name, const char *propq, const char *prov) {
	GO_ERR_BEGIN();
	go_mac_info info;
	memset(&info, 0, sizeof(info));
	info.mac = EVP_MAC_fetch(NULL, name, propq);
	if (info.mac == NULL) {
		info.errq = go_errq_take();
		return info;
	}
	if (!go_provider_is(EVP_MAC_get0_provider(info.mac), prov, info.wrong_provider)) {
		EVP_MAC_free(info.mac);
		info.mac = NULL;
	}
	return info;
}

EVP_MAC_CTX *go_hmac_new(EVP_MAC *mac, const char *digest, const char *propq,
                         const unsigned char *key, size_t keylen, go_errq **errq) {
	GO_ERR_BEGIN();
	static const unsigned char empty[1] = {0};
	OSSL_PARAM params[3];
	EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
	if (ctx == NULL) {
		*errq = go_errq_take();
		return NULL;
	}
	/* The digest is fetched by the MAC under the same query as the MAC. */
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest, 0);
	params[1] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_PROPERTIES, (char *)propq, 0);
	params[2] = OSSL_PARAM_construct_end();
	/* A NULL key would mean "keep the key you have": an empty key is a
	 * valid HMAC key and must be passed as a real, empty buffer. */
	if (EVP_MAC_init(ctx, key != NULL ? key : empty, keylen, params) != 1) {
		*errq = go_errq_take();
		EVP_MAC_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

/* This thread's HMAC contexts: one per (MAC, digest, property query). The
 * MAC is told apart by address (the context holds a reference to it, so
 * no other MAC can take its place), the names by their text, kept in the
 * slot. A context holds a public key between calls (go_rest_key). */
typedef struct go_tls_hmac {
	const EVP_MAC *mac;
	char *digest, *propq; /* copies, owned by the slot */
	EVP_MAC_CTX *ctx;
	unsigned long long used; /* the thread's clock at its last use; 0: empty */
} go_tls_hmac;
typedef struct go_tls_hmacs {
	go_tls_hmac slot[GO_TLS_HMACS];
	unsigned long long clock; /* counts the uses of the thread's contexts */
} go_tls_hmacs;

static pthread_key_t go_tls_hmac_key;
static pthread_once_t go_tls_hmac_once = PTHREAD_ONCE_INIT;
static int go_tls_hmac_key_ok;

/* Empties a slot, freeing (and so cleansing) its context. */
static void go_tls_hmac_clear(go_tls_hmac *s) {
	EVP_MAC_CTX_free(s->ctx);
	free(s->digest);
	free(s->propq);
	memset(s, 0, sizeof(*s));
}

static void go_tls_hmacs_free(void *p) {
	go_tls_hmacs *t = p;
	int i;
	for (i = 0; i < GO_TLS_HMACS; i++)
		go_tls_hmac_clear(&t->slot[i]);
	free(t);
}
static void go_tls_hmac_key_init(void) {
	go_tls_hmac_key_ok = pthread_key_create(&go_tls_hmac_key, go_tls_hmacs_free) == 0;
}

static const unsigned char go_empty_key[1] = {0};
/* The key a thread's HMAC context holds between calls: public, and long
 * enough for a FIPS provider's key check (112 bits or more). */
static const unsigned char go_rest_key[32] = {0};

/* Returns the slot of this thread's HMAC context for (mac, digest, propq),
 * its context keyed with key, or NULL (the queue says why). */
static go_tls_hmac *go_tls_hmac_keyed(EVP_MAC *mac, const char *digest, const char *propq,
                                      const unsigned char *key, size_t keylen,
                                      int may_fetch, int *need_fetch) {
	go_tls_hmacs *t;
	go_tls_hmac *s;
	EVP_MAC_CTX *ctx;
	OSSL_PARAM params[3];
	int i, victim = 0;

	if (key == NULL)
		key = go_empty_key; /* NULL would mean "keep the key you have" */
	if (pthread_once(&go_tls_hmac_once, go_tls_hmac_key_init) != 0 || !go_tls_hmac_key_ok) {
		ERR_raise_data(ERR_LIB_USER, ERR_R_INTERNAL_ERROR, "no thread-local key for the HMAC contexts");
		return NULL;
	}
	t = pthread_getspecific(go_tls_hmac_key);
	if (t == NULL) {
		t = calloc(1, sizeof(*t));
		if (t == NULL || pthread_setspecific(go_tls_hmac_key, t) != 0) {
			free(t);
			ERR_raise_data(ERR_LIB_USER, ERR_R_MALLOC_FAILURE, "cannot keep the HMAC contexts");
			return NULL;
		}
	}
	for (i = 0; i < GO_TLS_HMACS; i++) {
		s = &t->slot[i];
		if (s->used < t->slot[victim].used)
			victim = i;
		if (s->ctx == NULL)
			continue;
		if (s->mac == mac && strcmp(s->digest, digest) == 0 && strcmp(s->propq, propq) == 0) {
			if (EVP_MAC_init(s->ctx, key, keylen, NULL) == 1) {
				s->used = ++t->clock;
				return s;
			}
			/* Refused (a FIPS provider's key check): whatever the
			 * context kept of the key goes, cleansed, with it. */
			go_tls_hmac_clear(s);
			return NULL;
		}
	}
	if (!may_fetch) {
		*need_fetch = 1;
		return NULL;
	}
	ctx = EVP_MAC_CTX_new(mac);
	if (ctx == NULL)
		return NULL;
	/* The digest is fetched by the MAC under the same query as the MAC. */
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest, 0);
	params[1] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_PROPERTIES, (char *)propq, 0);
	params[2] = OSSL_PARAM_construct_end();
	if (EVP_MAC_init(ctx, key, keylen, params) != 1) {
		EVP_MAC_CTX_free(ctx);
		return NULL;
	}
	/* An empty slot (never used, or emptied by a refused key) if there is
	 * one, else the context used least recently gives way: a thread that
	 * cycles through more digests than it keeps contexts always keeps
	 * those it used last, whatever it held before. */
	s = &t->slot[victim];
	go_tls_hmac_clear(s);
	s->digest = strdup(digest);
	s->propq = strdup(propq);
	if (s->digest == NULL || s->propq == NULL) {
		free(s->digest);
		free(s->propq);
		s->digest = s->propq = NULL;
		EVP_MAC_CTX_free(ctx);
		ERR_raise_data(ERR_LIB_USER, ERR_R_MALLOC_FAILURE, "cannot keep an HMAC context");
		return NULL;
	}
	s->mac = mac;
	s->ctx = ctx;
	s->used = ++t->clock;
	return s;
}

/* For the tests: how many of this thread's next HMACs on its own contexts
 * find the context refusing the resting key (go_test_hmac_rest_failures). */
static __thread int go_test_rest_failures;
void go_test_hmac_rest_failures(int n) { go_test_rest_failures = n; }

/* Keys a thread's HMAC context with the resting key; 1 on success. */
static int go_hmac_rest(EVP_MAC_CTX *ctx) {
	if (go_test_rest_failures > 0) {
		go_test_rest_failures--;
		return 0;
	}
	return EVP_MAC_init(ctx, go_rest_key, sizeof(go_rest_key), NULL) == 1;
}

/* Sets *step to the GO_HMAC_STEP_* of the call that failed. */
static int go_hmac_oneshot_tls_run(EVP_MAC *mac, const char *digest, const char *propq,
                                   const unsigned char *key, size_t keylen,
                                   const unsigned char *p, size_t len,
                                   unsigned char *out, size_t *n, size_t outlen,
                                   int may_fetch, int *step) {
	go_tls_hmac *s;
	int ok, need_fetch = 0;
	*step = GO_HMAC_STEP_INIT;
	s = go_tls_hmac_keyed(mac, digest, propq, key, keylen, may_fetch, &need_fetch);
	if (need_fetch)
		*step = GO_HMAC_STEP_NEED_FETCH;
	if (s == NULL)
		return 0;
	*step = GO_HMAC_STEP_UPDATE;
	ok = len == 0 || EVP_MAC_update(s->ctx, p, len) == 1;
	if (ok) {
		*step = GO_HMAC_STEP_FINAL;
		ok = EVP_MAC_final(s->ctx, out, n, outlen) == 1;
	}
	/* Forget the key: the provider frees its copy (cleansed), and the
	 * inner and outer states are computed again from the resting key.
	 * A context that cannot forget it is freed (cleansed) instead, and a
	 * MAC it computed stands: the caller must not run this again once
	 * out is written, as out may lie over p or key (dst over the message
	 * or the key of a one-shot HMAC). The queue then holds only what the
	 * failed keying added, or stale entries, which a rerun drops too. */
	if (!go_hmac_rest(s->ctx)) {
		go_tls_hmac_clear(s);
		if (ok)
			ERR_clear_error();
	}
	return ok;
}

/* GO_RUN_TWICE, with the step that failed in outl. */
go_result go_hmac_oneshot_tls(EVP_MAC *mac, const char *digest, const char *propq,
                              const unsigned char *key, size_t keylen,
                              const unsigned char *p, size_t len,
                              unsigned char *out, size_t outlen, int may_fetch) {
	size_t n = 0;
	int step = 0;
	go_result r;
	if (go_hmac_oneshot_tls_run(mac, digest, propq, key, keylen, p, len, out, &n, outlen, may_fetch, &step))
		return go_ok((int)n);
	if (step == GO_HMAC_STEP_NEED_FETCH) {
		/* Nothing was done: the queue is the caller's next call's. */
		r.ok = 0;
		r.outl = step;
		r.errq = NULL;
		return r;
	}
	ERR_clear_error();
	if (go_hmac_oneshot_tls_run(mac, digest, propq, key, keylen, p, len, out, &n, outlen, may_fetch, &step))
		return go_ok((int)n);
	r = go_fail();
	r.outl = step;
	return r;
}

int go_hmac_tls_peek(EVP_MAC *mac, const char *digest, const char *propq,
                     const unsigned char *p, size_t len, unsigned char *out, size_t outlen) {
	go_tls_hmacs *t;
	go_tls_hmac *s;
	size_t n = 0;
	int i, used = 0, found = -1;

	if (pthread_once(&go_tls_hmac_once, go_tls_hmac_key_init) != 0 || !go_tls_hmac_key_ok)
		return -1;
	t = pthread_getspecific(go_tls_hmac_key);
	if (t == NULL)
		return -1;
	for (i = 0; i < GO_TLS_HMACS; i++) {
		s = &t->slot[i];
		if (s->ctx == NULL)
			continue;
		used++;
		if (s->mac == mac && strcmp(s->digest, digest) == 0 && strcmp(s->propq, propq) == 0)
			found = i;
	}
	if (found < 0)
		return -1;
	s = &t->slot[found];
	/* A NULL key keeps the key the context holds. */
	if (EVP_MAC_init(s->ctx, NULL, 0, NULL) != 1 || EVP_MAC_update(s->ctx, p, len) != 1 ||
	    EVP_MAC_final(s->ctx, out, &n, outlen) != 1) {
		ERR_clear_error();
		return -1;
	}
	return used;
}

EVP_MAC_CTX *go_mac_dup(EVP_MAC_CTX *ctx, go_errq **errq) {
	GO_ERR_BEGIN();
	EVP_MAC_CTX *d = EVP_MAC_CTX_dup(ctx);
	if (d == NULL)
		*errq = go_errq_take();
	return d;
}

static int go_mac_flush_update_run(EVP_MAC_CTX *ctx,
                                   const unsigned char *a, size_t alen,
                                   const unsigned char *b, size_t blen) {
	return EVP_MAC_init(ctx, NULL, 0, NULL) == 1 &&
	       (alen == 0 || EVP_MAC_update(ctx, a, alen) == 1) &&
	       (blen == 0 || EVP_MAC_update(ctx, b, blen) == 1);
}

go_result go_mac_flush_update(EVP_MAC_CTX *ctx,
                              const unsigned char *a, size_t alen,
                              const unsigned char *b, size_t blen) {
	GO_RUN_TWICE(go_mac_flush_update_run(ctx, a, alen, b, blen), 0);
}

go_result go_mac_update(EVP_MAC_CTX *ctx, const unsigned char *p, size_t len) {
	if (EVP_MAC_update(ctx, p, len) != 1)
		return go_fail();
	return go_ok(0);
}

static int go_mac_sum_run(EVP_MAC_CTX *ctx, unsigned char *out, size_t *n, size_t outlen) {
	EVP_MAC_CTX *d = EVP_MAC_CTX_dup(ctx);
	int ok = d != NULL && EVP_MAC_final(d, out, n, outlen) == 1;
	EVP_MAC_CTX_free(d);
	return ok;
}

go_result go_mac_sum(EVP_MAC_CTX *ctx, unsigned char *out, size_t outlen) {
	size_t n = 0;
	GO_RUN_TWICE(go_mac_sum_run(ctx, out, &n, outlen), (int)n);
}

/* Finalises ctx in place, for Finalize, which spends the state: no
 * EVP_MAC_CTX_dup, as go_mac_sum needs. Not idempotent, so it opens with
 * GO_ERR_BEGIN rather than running twice; a later EVP_MAC_init with no key
 * (go_mac_flush_update, go_mac_oneshot) starts the context over. */
go_result go_mac_final_inplace(EVP_MAC_CTX *ctx, unsigned char *out, size_t outlen) {
	size_t n = 0;
	GO_ERR_BEGIN();
	if (EVP_MAC_final(ctx, out, &n, outlen) != 1)
		return go_fail();
	return go_ok((int)n);
}

static int go_mac_oneshot_run(EVP_MAC_CTX *ctx, const unsigned char *p, size_t len,
                              unsigned char *out, size_t *n, size_t outlen) {
	return EVP_MAC_init(ctx, NULL, 0, NULL) == 1 &&
	       (len == 0 || EVP_MAC_update(ctx, p, len) == 1) &&
	       EVP_MAC_final(ctx, out, n, outlen) == 1;
}

go_result go_mac_oneshot(EVP_MAC_CTX *ctx, const unsigned char *p, size_t len,
                         unsigned char *out, size_t outlen) {
	size_t n = 0;
	GO_RUN_TWICE(go_mac_oneshot_run(ctx, p, len, out, &n, outlen), (int)n);
}

/* ---- symmetric ciphers ---- */

/* One block of zeros through ctx, freshly initialised for cipher in the
 * direction enc: whether the provider runs the cipher that way. */
static int go_cipher_trial(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                           const unsigned char *key, const unsigned char *iv, int enc) {
	unsigned char buf[64], out[128];
	int n = 0;

	memset(buf, 0, sizeof(buf));
	if (EVP_CipherInit_ex2(ctx, cipher, key, iv, enc, NULL) != 1)
		return 0;
	EVP_CIPHER_CTX_set_padding(ctx, 0);
	return EVP_CipherUpdate(ctx, out, &n, buf, 32) == 1;
}

/* Whether OpenSSL's default provider implements the cipher name, asked in a
 * library context of its own so that the default context's providers and
 * properties stay as they are. A cipher that only providers implement
 * (SM4-GCM, OpenSSL 3.1 and later) has no entry in the legacy name table, so
 * this is how a failed fetch in FIPS mode is known to be a FIPS refusal. */
static int go_default_provider_has_cipher(const char *name) {
	OSSL_LIB_CTX *lc = OSSL_LIB_CTX_new();
	OSSL_PROVIDER *p = NULL;
	EVP_CIPHER *c = NULL;
	int ok = 0;

	if (lc != NULL && (p = OSSL_PROVIDER_load(lc, "default")) != NULL &&
	    (c = EVP_CIPHER_fetch(lc, name, NULL)) != NULL)
		ok = 1;
	EVP_CIPHER_free(c);
	OSSL_PROVIDER_unload(p);
	OSSL_LIB_CTX_free(lc);
	ERR_clear_error(); /* the failed fetch of a cipher nobody has */
	return ok;
}

go_cipher_info go_cipher_fetch(const char *name, const char *propq, const char *prov) {
	GO_ERR_BEGIN();
	go_cipher_info info;
	EVP_CIPHER_CTX *ctx = NULL;
	unsigned char key[EVP_MAX_KEY_LENGTH * 2], iv[EVP_MAX_IV_LENGTH];
	const unsigned char *ivp;
	int i;

	memset(&info, 0, sizeof(info));
	info.legacy_known = EVP_get_cipherbyname(name) != NULL;
	info.cipher = EVP_CIPHER_fetch(NULL, name, propq);
	if (info.cipher == NULL) {
		info.errq = go_errq_take();
		if (!info.legacy_known)
			info.legacy_known = go_default_provider_has_cipher(name);
		return info;
	}
	if (!go_provider_is(EVP_CIPHER_get0_provider(info.cipher), prov, info.wrong_provider)) {
		EVP_CIPHER_free(info.cipher);
		info.cipher = NULL;
		return info;
	}
	info.key_len = EVP_CIPHER_get_key_length(info.cipher);
	info.iv_len = EVP_CIPHER_get_iv_length(info.cipher);
	info.block_size = EVP_CIPHER_get_block_size(info.cipher);
	info.mode = EVP_CIPHER_get_mode(info.cipher);
	/* Provided ciphers say whether their key length can be set through
	 * their settable parameters; the legacy flag covers the rest. */
	info.variable_key = (EVP_CIPHER_get_flags(info.cipher) & EVP_CIPH_VARIABLE_LENGTH) != 0 ||
	    OSSL_PARAM_locate_const(EVP_CIPHER_settable_ctx_params(info.cipher), OSSL_CIPHER_PARAM_KEYLEN) != NULL;
	info.aead = (EVP_CIPHER_get_flags(info.cipher) & EVP_CIPH_FLAG_AEAD_CIPHER) != 0;
	if (info.key_len > (int)sizeof(key) || info.iv_len > (int)sizeof(iv))
		goto fail;
	/* Distinct key bytes: XTS refuses equal key halves. */
	for (i = 0; i < (int)sizeof(key); i++)
		key[i] = (unsigned char)(i * 7 + 1);
	memset(iv, 0, sizeof(iv));
	ivp = info.iv_len > 0 ? iv : NULL;
	ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL)
		goto fail;
	if (!go_cipher_trial(ctx, info.cipher, key, ivp, 1)) {
		/* A provider may decrypt what it no longer encrypts (3DES under a
		 * FIPS provider's tdes-encrypt-disabled, OpenSSL 3.4 and later):
		 * keep the cipher, with the reason encryption was refused. */
		info.errq = go_errq_take();
		if (!go_cipher_trial(ctx, info.cipher, key, ivp, 0)) {
			ERR_clear_error();
			goto refused; /* report the encryption failure */
		}
		info.encrypt_refused = 1;
	}
	EVP_CIPHER_CTX_free(ctx);
	return info;
fail:
	info.errq = go_errq_take();
refused:
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(info.cipher);
	info.cipher = NULL;
	return info;
}

EVP_CIPHER_CTX *go_cipher_ctx_new(go_errq **errq) {
	GO_ERR_BEGIN();
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL)
		*errq = go_errq_take();
	return ctx;
}
void go_cipher_ctx_free(EVP_CIPHER_CTX *ctx) { EVP_CIPHER_CTX_free(ctx); }

go_result go_cipher_init(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                         const unsigned char *key, int keylen,
                         const unsigned char *iv, int ivlen, int enc) {
	GO_ERR_BEGIN();
	int flags = EVP_CIPHER_get_flags(cipher);
	if (EVP_CipherInit_ex2(ctx, cipher, NULL, NULL, enc, NULL) != 1)
		return go_fail();
	if (keylen != EVP_CIPHER_CTX_get_key_length(ctx) &&
	    EVP_CIPHER_CTX_set_key_length(ctx, keylen) != 1)
		return go_fail();
	if (iv != NULL && (flags & EVP_CIPH_FLAG_AEAD_CIPHER) &&
	    ivlen != EVP_CIPHER_CTX_get_iv_length(ctx) &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, ivlen, NULL) != 1)
		return go_fail();
	if (EVP_CipherInit_ex2(ctx, NULL, key, iv, enc, NULL) != 1)
		return go_fail();
	EVP_CIPHER_CTX_set_padding(ctx, 0);
	return go_ok(0);
}

go_result go_cipher_update(EVP_CIPHER_CTX *ctx, unsigned char *out,
                           const unsigned char *in, int inl) {
	go_result r = {1, 0, NULL};
	unsigned char none[EVP_MAX_BLOCK_LENGTH];
	if (inl == 0)
		return r;
	/* An Update that completes no block gets an empty Go buffer; NULL
	 * would make an authenticated cipher take the data as AAD. */
	if (out == NULL)
		out = none;
	if (EVP_CipherUpdate(ctx, out, &r.outl, in, inl) != 1)
		return go_fail();
	return r;
}

go_result go_cipher_aad(EVP_CIPHER_CTX *ctx, const unsigned char *aad, int aadlen) {
	GO_ERR_BEGIN();
	int n = 0;
	if (aadlen == 0)
		return go_ok(0);
	if (EVP_CipherUpdate(ctx, NULL, &n, aad, aadlen) != 1)
		return go_fail();
	return go_ok(0);
}

go_result go_cipher_final(EVP_CIPHER_CTX *ctx, unsigned char *out, int aead, int enc,
                          unsigned char *tag, int taglen) {
	GO_ERR_BEGIN();
	go_result r = {1, 0, NULL};
	if (aead && !enc &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, taglen, tag) != 1)
		return go_fail();
	if (EVP_CipherFinal_ex(ctx, out, &r.outl) != 1) {
		if (aead && !enc) {
			/* A tag mismatch: opaque, and the queue is cleared. */
			ERR_clear_error();
			r.ok = 0;
			return r;
		}
		return go_fail();
	}
	if (aead && enc &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, taglen, tag) != 1)
		return go_fail();
	return r;
}

/* The empty-but-non-NULL buffer that stands in for empty Go slices where
 * OpenSSL gives NULL a meaning (NULL out means "this is AAD"). */
static unsigned char go_empty[1];

static int go_aead_seal_run(EVP_CIPHER_CTX *ctx, const unsigned char *iv, int ivlen, int set_ivlen,
                            const unsigned char *aad, int aadlen,
                            const unsigned char *in, int inl,
                            unsigned char *out, int taglen) {
	int n = 0, m = 0;
	return (!set_ivlen || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, ivlen, NULL) == 1) &&
	       EVP_EncryptInit_ex2(ctx, NULL, NULL, iv, NULL) == 1 &&
	       (aadlen == 0 || EVP_EncryptUpdate(ctx, NULL, &n, aad, aadlen) == 1) &&
	       (inl == 0 || EVP_EncryptUpdate(ctx, out, &n, in, inl) == 1) &&
	       EVP_EncryptFinal_ex(ctx, go_empty, &m) == 1 &&
	       EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, taglen, out + inl) == 1;
}

/* Seal and open report errors as the per-message digest and MAC helpers
 * do (GO_RUN_TWICE), without GO_ERR_BEGIN: each starts from the IV it
 * sets, so a run after a failure, on a cleared queue, computes the same
 * and reports only its own errors. A seal in place is the exception: a run
 * that failed after its Update may have encrypted the input already, and a
 * second run would encrypt that ciphertext, which for a counter mode gives
 * back the plaintext under a valid tag. Such a failure is reported with the
 * queue as it is (it may hold an entry another library left). */
go_result go_aead_seal(EVP_CIPHER_CTX *ctx, const unsigned char *iv, int ivlen, int set_ivlen,
                       const unsigned char *aad, int aadlen,
                       const unsigned char *in, int inl,
                       unsigned char *out, int taglen) {
	int overlap = inl > 0 && out < in + inl && in < out + inl + taglen;
	if (go_aead_seal_run(ctx, iv, ivlen, set_ivlen, aad, aadlen, in, inl, out, taglen))
		return go_ok(inl + taglen);
	if (overlap)
		return go_fail();
	ERR_clear_error();
	if (go_aead_seal_run(ctx, iv, ivlen, set_ivlen, aad, aadlen, in, inl, out, taglen))
		return go_ok(inl + taglen);
	return go_fail();
}

/* 1: opened; 0: failed, with errors queued; -1: the tag does not match
 * (out cleansed, the queue cleared of what the check left). */
static int go_aead_open_run(EVP_CIPHER_CTX *ctx, const unsigned char *iv, int ivlen, int set_ivlen,
                            const unsigned char *aad, int aadlen,
                            const unsigned char *in, int ptlen,
                            unsigned char *out, int taglen) {
	int n = 0, m = 0;
	if ((set_ivlen && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, ivlen, NULL) != 1) ||
	    EVP_DecryptInit_ex2(ctx, NULL, NULL, iv, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, taglen, (void *)(in + ptlen)) != 1 ||
	    (aadlen > 0 && EVP_DecryptUpdate(ctx, NULL, &n, aad, aadlen) != 1) ||
	    (ptlen > 0 && EVP_DecryptUpdate(ctx, out, &n, in, ptlen) != 1))
		return 0;
	if (EVP_DecryptFinal_ex(ctx, go_empty, &m) != 1) {
		ERR_clear_error();
		if (ptlen > 0)
			OPENSSL_cleanse(out, ptlen);
		return -1;
	}
	return 1;
}

go_result go_aead_open(EVP_CIPHER_CTX *ctx, const unsigned char *iv, int ivlen, int set_ivlen,
                       const unsigned char *aad, int aadlen,
                       const unsigned char *in, int inl,
                       unsigned char *out, int taglen) {
	int ptlen = inl - taglen, rc;
	go_result r = {0, 0, NULL};
	if (ptlen < 0)
		return r;
	rc = go_aead_open_run(ctx, iv, ivlen, set_ivlen, aad, aadlen, in, ptlen, out, taglen);
	if (rc == 0) {
		ERR_clear_error();
		rc = go_aead_open_run(ctx, iv, ivlen, set_ivlen, aad, aadlen, in, ptlen, out, taglen);
	}
	if (rc == 1)
		return go_ok(ptlen);
	if (rc == -1)
		return r;
	return go_fail();
}

go_result go_aead_key(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                      const unsigned char *key, int keylen, int enc) {
	GO_ERR_BEGIN();
	if (EVP_CipherInit_ex2(ctx, cipher, NULL, NULL, enc, NULL) != 1 ||
	    (keylen != EVP_CIPHER_CTX_get_key_length(ctx) &&
	     EVP_CIPHER_CTX_set_key_length(ctx, keylen) != 1) ||
	    EVP_CipherInit_ex2(ctx, NULL, key, NULL, enc, NULL) != 1)
		return go_fail();
	return go_ok(0);
}

/* One run of go_aead_seal_randiv: 1 when sealed, else 0 with errors
 * queued (or none, when the IV length differs). *wrote is set once the
 * ciphertext starts to go into out. */
static int go_aead_seal_randiv_run(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                                   const unsigned char *key,
                                   const unsigned char *aad, int aadlen,
                                   const unsigned char *in, int inl,
                                   unsigned char *out, int ivlen, int taglen, int *wrote) {
	int n = 0, m = 0;
	unsigned char *ct = out + ivlen;
	/* Passing the cipher again resets the context: a fresh provider
	 * context has no IV, and GCM then generates one; a keyed context that
	 * has sealed once has none left to use. */
	if (EVP_EncryptInit_ex2(ctx, cipher, key, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_get_iv_length(ctx) != ivlen ||
	    (aadlen > 0 && EVP_EncryptUpdate(ctx, NULL, &n, aad, aadlen) != 1))
		return 0;
	*wrote = 1;
	return (inl == 0 || EVP_EncryptUpdate(ctx, ct, &n, in, inl) == 1) &&
	       EVP_EncryptFinal_ex(ctx, go_empty, &m) == 1 &&
	       EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, taglen, ct + inl) == 1 &&
	       EVP_CIPHER_CTX_get_updated_iv(ctx, out, (size_t)ivlen) == 1;
}

/* Reports errors as go_aead_seal does, without GO_ERR_BEGIN: a run starts
 * from the cipher, the key and an IV the provider draws afresh, so after a
 * failure it runs again on a cleared queue and reports that run's errors.
 * Except in one case: a run that failed after it began to encrypt a
 * plaintext that lies where the ciphertext goes (a seal in place) has
 * overwritten its input, and a second run would encrypt ciphertext; that
 * failure is reported with the queue as it is. GCM fails there only when
 * the provider does (a FIPS provider in its error state), never for the
 * caller's input, which the first steps check. */
go_result go_aead_seal_randiv(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                              const unsigned char *key,
                              const unsigned char *aad, int aadlen,
                              const unsigned char *in, int inl,
                              unsigned char *out, int ivlen, int taglen, int *ivgen) {
	unsigned int gen = 2;
	int wrote = 0;
	const unsigned char *ct = out + ivlen;
	int overlap = inl > 0 && (uintptr_t)in < (uintptr_t)(ct + inl) && (uintptr_t)ct < (uintptr_t)(in + inl);
	go_result r = {0, 0, NULL};
	OSSL_PARAM p[2] = {OSSL_PARAM_construct_uint("iv-generated", &gen), OSSL_PARAM_construct_end()};
	*ivgen = -1;
	int ok = go_aead_seal_randiv_run(ctx, cipher, key, aad, aadlen, in, inl, out, ivlen, taglen, &wrote);
	if (!ok && !(overlap && wrote)) {
		ERR_clear_error();
		ok = go_aead_seal_randiv_run(ctx, cipher, key, aad, aadlen, in, inl, out, ivlen, taglen, &wrote);
	}
	if (!ok) {
		r = go_fail();
		OPENSSL_cleanse(out, (size_t)ivlen + (size_t)inl + (size_t)taglen);
		return r;
	}
	if (EVP_CIPHER_CTX_get_params(ctx, p) == 1 && OSSL_PARAM_modified(&p[0]) && gen <= 1) {
		*ivgen = (int)gen;
		if (gen == 0) {
			OPENSSL_cleanse(out, (size_t)ivlen + (size_t)inl + (size_t)taglen);
			return r;
		}
	}
	return go_ok(ivlen + inl + taglen);
}

static int go_ccm_setup(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                        const unsigned char *key, int keylen,
                        const unsigned char *nonce, int noncelen,
                        int taglen, const unsigned char *tag, int enc, int inl) {
	int n = 0;
	(void)keylen;
	return EVP_CipherInit_ex2(ctx, cipher, NULL, NULL, enc, NULL) == 1 &&
	       EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, noncelen, NULL) == 1 &&
	       EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, taglen, (void *)tag) == 1 &&
	       EVP_CipherInit_ex2(ctx, NULL, key, nonce, enc, NULL) == 1 &&
	       EVP_CipherUpdate(ctx, NULL, &n, NULL, inl) == 1;
}

go_result go_ccm_seal(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                      const unsigned char *key, int keylen,
                      const unsigned char *nonce, int noncelen,
                      const unsigned char *aad, int aadlen,
                      const unsigned char *in, int inl,
                      unsigned char *out, int taglen) {
	GO_ERR_BEGIN();
	int n = 0, m = 0;
	if (!go_ccm_setup(ctx, cipher, key, keylen, nonce, noncelen, taglen, NULL, 1, inl) ||
	    (aadlen > 0 && EVP_EncryptUpdate(ctx, NULL, &n, aad, aadlen) != 1) ||
	    EVP_EncryptUpdate(ctx, inl > 0 ? out : go_empty, &n, inl > 0 ? in : go_empty, inl) != 1 ||
	    EVP_EncryptFinal_ex(ctx, go_empty, &m) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, taglen, out + inl) != 1)
		return go_fail();
	return go_ok(inl + taglen);
}

go_result go_ccm_open(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                      const unsigned char *key, int keylen,
                      const unsigned char *nonce, int noncelen,
                      const unsigned char *aad, int aadlen,
                      const unsigned char *in, int inl,
                      unsigned char *out, int taglen) {
	GO_ERR_BEGIN();
	int n = 0, ptlen = inl - taglen;
	go_result r = {0, 0, NULL};
	if (ptlen < 0)
		return r;
	if (!go_ccm_setup(ctx, cipher, key, keylen, nonce, noncelen, taglen, in + ptlen, 0, ptlen) ||
	    (aadlen > 0 && EVP_DecryptUpdate(ctx, NULL, &n, aad, aadlen) != 1))
		return go_fail();
	if (EVP_DecryptUpdate(ctx, ptlen > 0 ? out : go_empty, &n, ptlen > 0 ? in : go_empty, ptlen) != 1) {
		ERR_clear_error();
		if (ptlen > 0)
			OPENSSL_cleanse(out, ptlen);
		return r;
	}
	return go_ok(ptlen);
}

long long go_malloc_inuse(void) {
#if defined(__SANITIZE_ADDRESS__)
	/* Under the address sanitizer, malloc is the sanitizer's. */
	return (long long)__sanitizer_get_current_allocated_bytes();
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
	struct mallinfo2 mi = mallinfo2();
	return (long long)(mi.uordblks + mi.hblkhd);
#else
	return -1;
#endif
}

/* ---- cipher shapes ---- */

go_cipher_shape go_cipher_shape_of(const EVP_CIPHER *c) {
	go_cipher_shape s;
	const OSSL_PARAM *settable;
	memset(&s, 0, sizeof(s));
	s.mode = EVP_CIPHER_get_mode(c);
	s.flags = EVP_CIPHER_get_flags(c);
	s.block_size = EVP_CIPHER_get_block_size(c);
	s.iv_len = EVP_CIPHER_get_iv_length(c);
	settable = EVP_CIPHER_settable_ctx_params(c);
	s.mac_key = OSSL_PARAM_locate_const(settable, OSSL_CIPHER_PARAM_AEAD_MAC_KEY) != NULL;
	s.aead_tag = OSSL_PARAM_locate_const(settable, OSSL_CIPHER_PARAM_AEAD_TAG) != NULL;
	s.des3_wrap = EVP_CIPHER_is_a(c, "DES3-WRAP");
	ERR_clear_error();
	return s;
}

typedef struct {
	char *buf;
	size_t cap, len;
} go_name_list;

static void go_add_cipher_name(const char *name, void *arg) {
	go_name_list *n = arg;
	size_t l = strlen(name) + 1;
	if (n->len + l <= n->cap)
		memcpy(n->buf + n->len, name, l);
	n->len += l;
}

static void go_add_cipher(EVP_CIPHER *c, void *arg) {
	EVP_CIPHER_names_do_all(c, go_add_cipher_name, arg);
}

size_t go_cipher_names(char *buf, size_t cap) {
	go_name_list n = {buf, cap, 0};
	EVP_CIPHER_do_all_provided(NULL, go_add_cipher, &n);
	ERR_clear_error();
	return n.len;
}

go_result go_cipher_reference(const EVP_CIPHER *cipher,
                              const unsigned char *key, int keylen,
                              const unsigned char *iv, int ivlen, int enc,
                              const unsigned char *in, int inl,
                              unsigned char *out) {
	GO_ERR_BEGIN();
	int n = 0, m = 0;
	go_result r;
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL)
		return go_fail();
	r = go_cipher_init(ctx, cipher, key, keylen, iv, ivlen, enc);
	if (r.ok == 1 && inl > 0 && EVP_CipherUpdate(ctx, out, &n, in, inl) != 1)
		r = go_fail();
	if (r.ok == 1 && EVP_CipherFinal_ex(ctx, out + n, &m) != 1)
		r = go_fail();
	EVP_CIPHER_CTX_free(ctx);
	if (r.ok == 1)
		r.outl = n + m;
	return r;
}

/* ---- plain calls ---- */

void go_md_free(EVP_MD *md) { EVP_MD_free(md); }
void go_cipher_free(EVP_CIPHER *cipher) { EVP_CIPHER_free(cipher); }
void go_mac_free(EVP_MAC *mac) { EVP_MAC_free(mac); }
void go_mac_ctx_free(EVP_MAC_CTX *ctx) { EVP_MAC_CTX_free(ctx); }

const char *go_err_lib_text(unsigned long code) { return ERR_lib_error_string(code); }
const char *go_err_reason_text(unsigned long code) { return ERR_reason_error_string(code); }
int go_err_reason(unsigned long code) { return ERR_GET_REASON(code); }

const char *go_modules_dir(void) { return OPENSSL_info(OPENSSL_INFO_MODULES_DIR); }

/* ---- MACs ---- */

static EVP_MAC_CTX *go_xmac_make(EVP_MAC *mac, const char *cipher, const char *propq,
                                 const unsigned char *iv, size_t ivlen,
                                 const unsigned char *custom, size_t customlen, size_t size,
                                 const unsigned char *key, size_t keylen) {
	OSSL_PARAM params[6];
	int n = 0;
	EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
	if (ctx == NULL)
		return NULL;
	if (cipher != NULL) {
		params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, (char *)cipher, 0);
		params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_PROPERTIES, (char *)propq, 0);
	}
	if (iv != NULL)
		params[n++] = OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_IV, (void *)iv, ivlen);
	if (custom != NULL && customlen > 0)
		params[n++] = OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_CUSTOM, (void *)custom, customlen);
	if (size > 0)
		params[n++] = OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size);
	params[n] = OSSL_PARAM_construct_end();
	/* Parameters first: GMAC needs its cipher before the key and IV, and
	 * KMAC its customization before the key is absorbed. */
	if (EVP_MAC_CTX_set_params(ctx, params) != 1 || EVP_MAC_init(ctx, key, keylen, NULL) != 1) {
		EVP_MAC_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

EVP_MAC_CTX *go_xmac_new(EVP_MAC *mac, const char *cipher, const char *propq,
                         const unsigned char *iv, size_t ivlen,
                         const unsigned char *custom, size_t customlen, size_t size,
                         const unsigned char *key, size_t keylen,
                         size_t *outsize, go_errq **errq) {
	GO_ERR_BEGIN();
	EVP_MAC_CTX *ctx = go_xmac_make(mac, cipher, propq, iv, ivlen, custom, customlen, size, key, keylen);
	if (ctx == NULL) {
		*errq = go_errq_take();
		return NULL;
	}
	*outsize = EVP_MAC_CTX_get_mac_size(ctx);
	return ctx;
}

go_result go_xmac_oneshot(EVP_MAC *mac, const char *cipher, const char *propq,
                          const unsigned char *iv, size_t ivlen,
                          const unsigned char *custom, size_t customlen, size_t size,
                          const unsigned char *key, size_t keylen,
                          const unsigned char *in, size_t inlen,
                          unsigned char *out, size_t outlen) {
	GO_ERR_BEGIN();
	size_t n = 0;
	go_result r;
	EVP_MAC_CTX *ctx = go_xmac_make(mac, cipher, propq, iv, ivlen, custom, customlen, size, key, keylen);
	if (ctx == NULL)
		return go_fail();
	if (EVP_MAC_CTX_get_mac_size(ctx) != outlen) {
		EVP_MAC_CTX_free(ctx);
		r.ok = 0;
		r.outl = 0;
		r.errq = NULL;
		return r;
	}
	if ((inlen > 0 && EVP_MAC_update(ctx, in, inlen) != 1) || EVP_MAC_final(ctx, out, &n, outlen) != 1) {
		r = go_fail();
		EVP_MAC_CTX_free(ctx);
		return r;
	}
	EVP_MAC_CTX_free(ctx);
	return go_ok((int)n);
}

/* ---- key wrap ---- */

/* 1: done, *outl written; 0: failed, with errors queued; -1: an unwrap
 * whose integrity check failed (queue cleared of what it left). out is
 * cleansed on failure. */
static int go_keywrap_run(const EVP_CIPHER *cipher, const unsigned char *key, int enc,
                          const unsigned char *in, int inl, unsigned char *out, int outcap, int *outl) {
	int n = 0, m = 0, rc = 1;
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL || EVP_CipherInit_ex2(ctx, cipher, key, NULL, enc, NULL) != 1) {
		rc = 0;
	} else if (EVP_CipherUpdate(ctx, out, &n, in, inl) != 1 || EVP_CipherFinal_ex(ctx, out + n, &m) != 1) {
		rc = enc ? 0 : -1;
		if (!enc)
			ERR_clear_error();
		OPENSSL_cleanse(out, outcap);
	}
	EVP_CIPHER_CTX_free(ctx);
	*outl = n + m;
	return rc;
}

/* Reports errors as GO_RUN_TWICE does, without GO_ERR_BEGIN: each run
 * makes its own context, so a run after a failure, on a cleared queue,
 * computes the same and reports only its own errors. */
go_result go_keywrap(const EVP_CIPHER *cipher, const unsigned char *key, int keylen, int enc,
                     const unsigned char *in, int inl, unsigned char *out, int outcap) {
	go_result r = {0, 0, NULL};
	int outl = 0, rc;
	(void)keylen;
	rc = go_keywrap_run(cipher, key, enc, in, inl, out, outcap, &outl);
	if (rc == 0) {
		ERR_clear_error();
		rc = go_keywrap_run(cipher, key, enc, in, inl, out, outcap, &outl);
	}
	if (rc == 1)
		return go_ok(outl);
	if (rc == -1) {
		r.outl = -1;
		return r;
	}
	return go_fail();
}

/* ---- random ---- */

static void go_rand_name(EVP_RAND_CTX *c, char out[GO_PROV_NAME]) {
	const OSSL_PROVIDER *p = NULL;
	const char *name;
	out[0] = 0;
	if (c != NULL && EVP_RAND_CTX_get0_rand(c) != NULL)
		p = EVP_RAND_get0_provider(EVP_RAND_CTX_get0_rand(c));
	name = p != NULL ? OSSL_PROVIDER_get0_name(p) : NULL;
	if (name != NULL) {
		strncpy(out, name, GO_PROV_NAME - 1);
		out[GO_PROV_NAME - 1] = 0;
	}
}

/* Whether go_rand_bytes has found this thread's public [0] and private [1]
 * DRBG: OpenSSL keeps a thread's DRBGs until the thread ends, so that later
 * draws make nothing and fetch nothing. */
static __thread int go_rand_found[2];

/* One draw: 1 on success, 0 on a failure with its errors queued, -1 when
 * the DRBG is another provider's than prov (r->wrong_provider names it;
 * nothing queued). */
static int go_rand_run(unsigned char *buf, size_t n, int priv, const char *prov, go_rand_result *r) {
	EVP_RAND_CTX *drbg = priv ? RAND_get0_private(NULL) : RAND_get0_public(NULL);
	if (drbg == NULL)
		return 0;
	go_rand_found[priv] = 1;
	if (prov != NULL) {
		const OSSL_PROVIDER *p = EVP_RAND_get0_provider(EVP_RAND_CTX_get0_rand(drbg));
		if (!go_provider_is(p, prov, r->wrong_provider))
			return -1;
		/* The primary DRBG that seeds it must be the provider's too. */
		p = EVP_RAND_get0_provider(EVP_RAND_CTX_get0_rand(RAND_get0_primary(NULL)));
		if (!go_provider_is(p, prov, r->wrong_provider))
			return -1;
	}
	/* What RAND_bytes_ex and RAND_priv_bytes_ex do after finding this
	 * DRBG; called on the checked DRBG itself, so that what was checked is
	 * what runs. OpenSSL splits n into requests the DRBG takes. */
	return EVP_RAND_generate(drbg, buf, n, 0, 0, NULL, 0) == 1;
}

/* Reports errors as GO_RUN_TWICE does, without a check of the queue
 * before the draw (GO_ERR_BEGIN costs a third of a 32-byte draw's
 * overhead): a failed draw is run again on a cleared queue, and the
 * errors reported are the second run's own. A draw run twice fills buf
 * with the second run's bytes, as random as the first's. */
go_rand_result go_rand_bytes(unsigned char *buf, size_t n, int priv, const char *prov, int locked) {
	go_rand_result r;
	int rc;
	memset(&r, 0, sizeof(r));
	priv = priv != 0;
	if (!locked && !go_rand_found[priv]) {
		r.ok = GO_RAND_LOCK;
		return r;
	}
	rc = go_rand_run(buf, n, priv, prov, &r);
	if (rc == 0) {
		ERR_clear_error();
		rc = go_rand_run(buf, n, priv, prov, &r);
		if (rc == 0)
			r.errq = go_errq_take();
	}
	r.ok = rc == 1;
	return r;
}

void go_rand_providers(char primary[GO_PROV_NAME], char pub[GO_PROV_NAME], char priv[GO_PROV_NAME]) {
	go_rand_name(RAND_get0_primary(NULL), primary);
	go_rand_name(RAND_get0_public(NULL), pub);
	go_rand_name(RAND_get0_private(NULL), priv);
	ERR_clear_error();
}
/* ---- KDFs ---- */

const char *go_kdf_provider(const EVP_KDF *kdf) {
	const OSSL_PROVIDER *p = kdf != NULL ? EVP_KDF_get0_provider(kdf) : NULL;
	return p != NULL ? OSSL_PROVIDER_get0_name(p) : NULL;
}

go_kdf_info go_kdf_fetch(const char *name, const char *propq, const char *prov) {
	GO_ERR_BEGIN();
	go_kdf_info info;
	const OSSL_PARAM *settable;
	memset(&info, 0, sizeof(info));
	info.kdf = EVP_KDF_fetch(NULL, name, propq);
	if (info.kdf == NULL) {
		info.errq = go_errq_take();
		return info;
	}
	if (!go_provider_is(EVP_KDF_get0_provider(info.kdf), prov, info.wrong_provider)) {
		EVP_KDF_free(info.kdf);
		info.kdf = NULL;
		return info;
	}
	settable = EVP_KDF_settable_ctx_params(info.kdf);
	info.settable_r = settable != NULL && OSSL_PARAM_locate_const(settable, "r") != NULL;
	return info;
}

/* An octet-string parameter; a NULL buffer of an empty slice becomes a
 * static empty one, as OpenSSL reads NULL as "not given" in places. */
static OSSL_PARAM go_octets(const char *key, const unsigned char *p, size_t len) {
	static unsigned char empty[1];
	return OSSL_PARAM_construct_octet_string(key, p != NULL ? (void *)p : (void *)empty, len);
}

/* The parameters of spec that name what the KDF fetches (digest, MAC,
 * cipher) and the properties it fetches them with: set once on a prepared
 * context, on every derivation of a fresh one. */
static int go_kdf_fetched_params(const go_kdf_spec *spec, OSSL_PARAM *params) {
	int n = 0;
	if (spec->digest != NULL)
		params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)spec->digest, 0);
	if (spec->mac != NULL)
		params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MAC, (char *)spec->mac, 0);
	if (spec->cipher != NULL)
		params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_CIPHER, (char *)spec->cipher, 0);
	if (spec->propq != NULL)
		params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_PROPERTIES, (char *)spec->propq, 0);
	return n;
}

/* The name of the parameter that takes the secret. */
static const char *go_kdf_secret_key(int kind) {
	return kind == GO_KDF_PBKDF2 || kind == GO_KDF_SCRYPT ? OSSL_KDF_PARAM_PASSWORD : OSSL_KDF_PARAM_KEY;
}

/* The parameters of one derivation: spec's scalars (spec must outlive the
 * params, which point into it) and the buffers. */
static int go_kdf_derive_params(go_kdf_spec *spec, OSSL_PARAM *params,
                                const unsigned char *secret, size_t secretlen,
                                const unsigned char *salt, size_t saltlen,
                                const unsigned char *info, size_t infolen,
                                const unsigned char *seed, size_t seedlen) {
	int n = 0;

	switch (spec->kind) {
	case GO_KDF_HKDF:
		params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &spec->hkdf_mode);
		break;
	case GO_KDF_PBKDF2:
		params[n++] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_ITER, &spec->iter);
		break;
	case GO_KDF_KBKDF:
		params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MODE,
		                                               spec->feedback ? "feedback" : "counter", 0);
		params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_KBKDF_USE_L, &spec->use_l);
		params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_KBKDF_USE_SEPARATOR, &spec->use_sep);
		if (spec->r_bits != 0)
			params[n++] = OSSL_PARAM_construct_int("r", &spec->r_bits);
		break;
	case GO_KDF_SCRYPT:
		params[n++] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &spec->n);
		params[n++] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &spec->r);
		params[n++] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &spec->p);
		if (spec->maxmem != 0)
			params[n++] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &spec->maxmem);
		break;
	}
	params[n++] = go_octets(go_kdf_secret_key(spec->kind), secret, secretlen);
	if (salt != NULL)
		params[n++] = go_octets(OSSL_KDF_PARAM_SALT, salt, saltlen);
	if (info != NULL)
		params[n++] = go_octets(OSSL_KDF_PARAM_INFO, info, infolen);
	if (seed != NULL)
		params[n++] = go_octets(OSSL_KDF_PARAM_SEED, seed, seedlen);
	return n;
}

EVP_KDF_CTX *go_kdf_ctx_new(const EVP_KDF *kdf, go_kdf_spec spec) {
	OSSL_PARAM params[8];
	EVP_KDF_CTX *ctx;
	int n;

	/* Errors of a failed preparation are dropped: the derivation then runs
	 * on a fresh context, whose errors are the ones reported. */
	ERR_set_mark();
	ctx = EVP_KDF_CTX_new((EVP_KDF *)kdf);
	if (ctx != NULL) {
		n = go_kdf_fetched_params(&spec, params);
		params[n] = OSSL_PARAM_construct_end();
		if (EVP_KDF_CTX_set_params(ctx, params) != 1) {
			EVP_KDF_CTX_free(ctx);
			ctx = NULL;
		}
	}
	ERR_pop_to_mark();
	return ctx;
}

void go_kdf_ctx_free(EVP_KDF_CTX *ctx) { EVP_KDF_CTX_free(ctx); }

/* A key of this many zero bytes replaces the secret in a prepared context
 * after each derivation: long enough for every FIPS key-size rule (112
 * bits), so that the FIPS provider neither refuses it nor marks the
 * context unapproved. */
#define GO_KDF_WIPE_LEN 32
static const unsigned char go_kdf_zero_key[GO_KDF_WIPE_LEN];

/* Derives on the prepared ctx; then overwrites the secret it holds. 0 when
 * either fails: ctx is then spent. */
static int go_kdf_derive_prepared(EVP_KDF_CTX *ctx, const OSSL_PARAM *params,
                                  const char *secret_key, unsigned char *buf, size_t outlen) {
	OSSL_PARAM wipe[2];
	int ok = EVP_KDF_derive(ctx, buf, outlen, params) == 1;

	wipe[0] = OSSL_PARAM_construct_octet_string(secret_key, (void *)go_kdf_zero_key, GO_KDF_WIPE_LEN);
	wipe[1] = OSSL_PARAM_construct_end();
	return EVP_KDF_CTX_set_params(ctx, wipe) == 1 && ok;
}

go_kdf_result go_kdf_derive(const EVP_KDF *kdf, EVP_KDF_CTX *prepared, go_kdf_spec spec,
                            const unsigned char *secret, size_t secretlen,
                            const unsigned char *salt, size_t saltlen,
                            const unsigned char *info, size_t infolen,
                            const unsigned char *seed, size_t seedlen,
                            unsigned char *out, size_t outlen) {
	OSSL_PARAM params[16];
	int n, nf, ok = 0;
	EVP_KDF_CTX *ctx;
	unsigned char stackbuf[256], *buf = stackbuf;
	go_kdf_result r = {0, 0, NULL};

	/* The fetched parameters first, then those of the derivation: a
	 * prepared context takes the array from params + nf. */
	nf = go_kdf_fetched_params(&spec, params);
	n = nf + go_kdf_derive_params(&spec, params + nf, secret, secretlen, salt, saltlen,
	                              info, infolen, seed, seedlen);
	params[n] = OSSL_PARAM_construct_end();

	if (outlen > sizeof(stackbuf)) {
		buf = OPENSSL_malloc(outlen);
		if (buf == NULL) {
			ERR_clear_error();
			if ((buf = OPENSSL_malloc(outlen)) == NULL) {
				r.spent = prepared != NULL;
				r.errq = go_errq_take();
				return r;
			}
		}
	}
	/* No GO_ERR_BEGIN: a failed derivation runs again on a fresh context
	 * of its own, after the queue is cleared, and reports that run's
	 * errors only (as GO_RUN_TWICE does). On a prepared context the
	 * first run sets only the derivation's parameters: the digest (or
	 * MAC) it holds was fetched when it was prepared, which spares the
	 * KDF a fetch and a parse of the properties per derivation. Without
	 * one, both runs are on fresh contexts. The KDFs fail on their
	 * parameters before they compute, so a refused derivation costs
	 * little twice. */
	if (kdf == NULL && prepared != NULL)
		kdf = EVP_KDF_CTX_kdf(prepared);
	if (prepared != NULL) {
		ok = go_kdf_derive_prepared(prepared, params + nf, go_kdf_secret_key(spec.kind), buf, outlen);
		r.spent = !ok;
	} else {
		ctx = EVP_KDF_CTX_new((EVP_KDF *)kdf);
		ok = ctx != NULL && EVP_KDF_derive(ctx, buf, outlen, params) == 1;
		EVP_KDF_CTX_free(ctx);
	}
	if (!ok) {
		ERR_clear_error();
		ctx = EVP_KDF_CTX_new((EVP_KDF *)kdf);
		ok = ctx != NULL && EVP_KDF_derive(ctx, buf, outlen, params) == 1;
		EVP_KDF_CTX_free(ctx);
	}
	r.ok = ok;
	if (ok)
		memcpy(out, buf, outlen);
	else
		r.errq = go_errq_take();
	OPENSSL_cleanse(buf, outlen);
	if (buf != stackbuf)
		OPENSSL_free(buf);
	return r;
}
