/*
 * dane_verify: the reference for dane-check's differential tests. It verifies certificate chains
 * against TLSA records with OpenSSL's own DANE code, set up the way Postfix's SMTP client sets it
 * up for a DANE destination, and runs X509_verify_cert the way libssl's client does after a
 * handshake (ssl/ssl_cert.c ssl_verify_cert_chain), without a network.
 *
 * What is mirrored, and from where:
 *   Postfix tls_client.c tls_client_init:  SSL_CTX_set_security_level(ctx, 0), raised to 1 per
 *       connection for levels that must match (TLS_MUST_MATCH, which includes dane);
 *       SSL_CTX_set_verify_depth(ctx, smtp_tls_scert_verifydepth + 1) = 9 + 1;
 *       SSL_CTX_dane_enable; tls_dane_digest_init with the default "sha512 sha256", which gives
 *       the same ordinals as OpenSSL's defaults (SHA2-512 preferred over SHA2-256).
 *   Postfix tls_client.c tls_auth_enable (dane levels): SSL_dane_enable(ssl, 0) (no base domain
 *       given to OpenSSL: every name comes from add_namechecks), SSL_dane_set_flags(
 *       DANE_FLAG_NO_DANE_EE_NAMECHECKS); add_namechecks: SSL_set_hostflags(
 *       X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS) and SSL_add1_host for each match name (for DANE,
 *       smtp_tls_policy.c: the TLSA base domain, then the MX host's rname and qname).
 *   Postfix tls_dane.c parse_tlsa_rr: usages other than 2 and 3, and matching type 255, are
 *       dropped before OpenSSL sees them (reported here as unusable, like OpenSSL's own refusals).
 *   Postfix tls_verify.c tls_verify_certificate_callback: the callback always returns 1 (the
 *       verdict is read afterwards) and keeps the error closest to the leaf, a hostname mismatch
 *       having the lowest priority (update_error_state).
 *   OpenSSL ssl_cert.c ssl_verify_cert_chain: X509_STORE_CTX_init(store, leaf, peer chain incl.
 *       leaf), X509_VERIFY_PARAM_set_auth_level(security level), ex_data SSL, set0_dane,
 *       X509_STORE_CTX_set_default("ssl_server"), X509_VERIFY_PARAM_set1(param, SSL's param),
 *       the verify callback, X509_verify_cert; the verify result is the store context's error.
 * The only addition: the verification time is fixed (as s_client -attime does).
 *
 * Input on stdin, one case after another:
 *   BEGIN <id>
 *   TIME <unix seconds>
 *   HOST <reference name>        (repeatable)
 *   TLSA <u> <s> <m> <hex|->     (repeatable; "-" is empty data)
 *   CERT <hex DER>               (repeatable; the chain as sent, leaf first)
 *   END
 * Output on stdout, one line per case, tab-separated:
 *   <id> <verified 0|1> <verify result code> <error depth> <usable flags, one 0/1 per TLSA line>
 *   <matched depth or -1> <matched record "u s m" or -> <1 if the match is a bare DANE-TA key not
 *   sent (its depth is then that of the certificate it signed), else 0> <error string>
 * The first line printed is "VERSION <OpenSSL version text>".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#define MAX_LINE (1 << 22)
#define MAX_ITEMS 256

static int err_code;
static int err_depth;

/* Postfix update_error_state: keep the error nearest the leaf; hostname mismatch ranks last. */
static int verify_cb(int ok, X509_STORE_CTX *ctx) {
  if (!ok) {
    int code = X509_STORE_CTX_get_error(ctx);
    int depth = X509_STORE_CTX_get_error_depth(ctx);
    if (err_depth >= 0 &&
        ((err_depth <= depth && err_code != X509_V_ERR_HOSTNAME_MISMATCH) ||
         code == X509_V_ERR_HOSTNAME_MISMATCH)) {
      X509_STORE_CTX_set_error(ctx, err_code);
      return 1;
    }
    err_code = code;
    err_depth = depth;
  }
  return 1;
}

static unsigned char *unhex(const char *s, size_t *len) {
  size_t n = strlen(s);
  while (n > 0 && isspace((unsigned char)s[n - 1])) n--;
  if (n == 1 && s[0] == '-') {
    *len = 0;
    return OPENSSL_malloc(1);
  }
  if (n % 2) return NULL;
  unsigned char *out = OPENSSL_malloc(n / 2 + 1);
  for (size_t i = 0; i < n / 2; i++) {
    int hi = OPENSSL_hexchar2int(s[2 * i]), lo = OPENSSL_hexchar2int(s[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      OPENSSL_free(out);
      return NULL;
    }
    out[i] = (unsigned char)(hi << 4 | lo);
  }
  *len = n / 2;
  return out;
}

struct tlsa {
  int u, s, m;
  unsigned char *data;
  size_t len;
};

struct testcase {
  char id[512];
  long long when;
  int nhosts, ntlsa, ncerts;
  char *hosts[MAX_ITEMS];
  struct tlsa tlsa[MAX_ITEMS];
  unsigned char *certs[MAX_ITEMS];
  size_t certlen[MAX_ITEMS];
};

static void clean(char *s) {
  for (; *s; s++)
    if (*s == '\t' || *s == '\n' || *s == '\r') *s = ' ';
}

static void run(SSL_CTX *ctx, struct testcase *tc) {
  char usable[MAX_ITEMS + 1];
  char errstr[1024] = "";
  int verified = 0, result = X509_V_OK, mdepth = -1;
  char matched[32] = "-";
  int bare = 0;
  STACK_OF(X509) *chain = sk_X509_new_null();
  SSL *ssl = SSL_new(ctx);
  X509_STORE_CTX *sctx = NULL;
  int nusable = 0;

  memset(usable, 0, sizeof usable);
  err_code = X509_V_OK;
  err_depth = -1;
  ERR_clear_error();

  if (SSL_dane_enable(ssl, NULL) <= 0) {
    snprintf(errstr, sizeof errstr, "SSL_dane_enable failed");
    goto out;
  }
  SSL_dane_set_flags(ssl, DANE_FLAG_NO_DANE_EE_NAMECHECKS);
  SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  for (int i = 0; i < tc->nhosts; i++) {
    if (!SSL_add1_host(ssl, tc->hosts[i])) {
      snprintf(errstr, sizeof errstr, "SSL_add1_host(%s) failed", tc->hosts[i]);
      goto out;
    }
  }
  for (int i = 0; i < tc->ntlsa; i++) {
    struct tlsa *t = &tc->tlsa[i];
    int r = 0;
    /* Postfix parse_tlsa_rr drops empty data, usages other than 2 and 3, matching type 255. */
    if ((t->u == 2 || t->u == 3) && t->m != 255 && t->len > 0 && t->s >= 0 && t->s <= 255 &&
        t->m >= 0)
      r = SSL_dane_tlsa_add(ssl, (uint8_t)t->u, (uint8_t)t->s, (uint8_t)t->m, t->data, t->len);
    if (r < 0) {
      snprintf(errstr, sizeof errstr, "SSL_dane_tlsa_add internal error");
      goto out;
    }
    usable[i] = r > 0 ? '1' : '0';
    nusable += r > 0;
  }
  ERR_clear_error();
  /* TLS_MUST_MATCH(dane): security level 1 for the connection. */
  SSL_set_security_level(ssl, 1);
  SSL_set_connect_state(ssl);
  X509_VERIFY_PARAM_set_time(SSL_get0_param(ssl), (time_t)tc->when);

  for (int i = 0; i < tc->ncerts; i++) {
    const unsigned char *p = tc->certs[i];
    X509 *x = d2i_X509(NULL, &p, (long)tc->certlen[i]);
    if (x == NULL || p != tc->certs[i] + tc->certlen[i]) {
      X509_free(x);
      /* libssl would abort the handshake with a decode error: never verified. */
      result = -1;
      snprintf(errstr, sizeof errstr, "certificate %d does not decode", i);
      goto out;
    }
    sk_X509_push(chain, x);
  }
  if (tc->ncerts == 0) {
    result = -1;
    snprintf(errstr, sizeof errstr, "no certificate");
    goto out;
  }

  /* ssl_verify_cert_chain, client side. */
  sctx = X509_STORE_CTX_new();
  if (!X509_STORE_CTX_init(sctx, SSL_CTX_get_cert_store(ctx), sk_X509_value(chain, 0), chain)) {
    snprintf(errstr, sizeof errstr, "X509_STORE_CTX_init failed");
    goto out;
  }
  X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(sctx);
  X509_VERIFY_PARAM_set_auth_level(param, SSL_get_security_level(ssl));
  X509_STORE_CTX_set_ex_data(sctx, SSL_get_ex_data_X509_STORE_CTX_idx(), ssl);
  if (nusable > 0) X509_STORE_CTX_set0_dane(sctx, SSL_get0_dane(ssl));
  X509_STORE_CTX_set_default(sctx, "ssl_server");
  X509_VERIFY_PARAM_set1(param, SSL_get0_param(ssl));
  X509_STORE_CTX_set_verify_cb(sctx, verify_cb);
  int ret = X509_verify_cert(sctx);
  result = X509_STORE_CTX_get_error(sctx);
  SSL_set_verify_result(ssl, result);
  if (ret > 0 && result == X509_V_OK && err_code == X509_V_OK && nusable > 0) {
    X509 *mcert = NULL;
    EVP_PKEY *mspki = NULL;
    uint8_t u, s, m;
    const unsigned char *data;
    size_t dlen;
    verified = 1;
    mdepth = SSL_get0_dane_authority(ssl, &mcert, &mspki);
    /* A DANE-TA key not sent (2 1 0): the depth is that of the certificate it signed. */
    bare = mcert == NULL && mspki != NULL;
    if (SSL_get0_dane_tlsa(ssl, &u, &s, &m, &data, &dlen) >= 0)
      snprintf(matched, sizeof matched, "%u %u %u", u, s, m);
  }
  if (result == X509_V_OK && err_code != X509_V_OK) result = err_code;
  if (!verified && result == X509_V_OK && nusable == 0)
    snprintf(errstr, sizeof errstr, "no usable TLSA records");
  else if (!verified && result == X509_V_OK)
    snprintf(errstr, sizeof errstr, "X509_verify_cert returned %d", ret);
  else if (!verified)
    snprintf(errstr, sizeof errstr, "%s", X509_verify_cert_error_string(result));
  else
    snprintf(errstr, sizeof errstr, "ok");

out:
  clean(tc->id);
  clean(errstr);
  printf("%s\t%d\t%d\t%d\t%s\t%d\t%s\t%d\t%s\n", tc->id, verified, result, err_depth,
         tc->ntlsa ? usable : "-", mdepth, matched, bare, errstr);
  fflush(stdout);
  X509_STORE_CTX_free(sctx);
  sk_X509_pop_free(chain, X509_free);
  SSL_free(ssl);
}

static void reset(struct testcase *tc) {
  for (int i = 0; i < tc->nhosts; i++) free(tc->hosts[i]);
  for (int i = 0; i < tc->ntlsa; i++) OPENSSL_free(tc->tlsa[i].data);
  for (int i = 0; i < tc->ncerts; i++) OPENSSL_free(tc->certs[i]);
  memset(tc, 0, sizeof *tc);
}

static void die(const char *what, const char *line) {
  fprintf(stderr, "dane_verify: %s: %.200s\n", what, line);
  exit(2);
}

int main(void) {
  static char line[MAX_LINE];
  static struct testcase tc;
  SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == NULL) die("SSL_CTX_new failed", "");
  SSL_CTX_set_security_level(ctx, 0);
  SSL_CTX_set_verify_depth(ctx, 9 + 1);
  if (SSL_CTX_dane_enable(ctx) <= 0) die("SSL_CTX_dane_enable failed", "");
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, verify_cb);
  printf("VERSION %s\n", OpenSSL_version(OPENSSL_VERSION));
  fflush(stdout);

  int open = 0;
  while (fgets(line, sizeof line, stdin) != NULL) {
    size_t n = strlen(line);
    if (n == sizeof line - 1 && line[n - 1] != '\n') die("line too long", line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
    if (n == 0) continue;
    if (strncmp(line, "BEGIN ", 6) == 0) {
      reset(&tc);
      snprintf(tc.id, sizeof tc.id, "%.500s", line + 6);
      open = 1;
    } else if (!open) {
      die("outside BEGIN/END", line);
    } else if (strncmp(line, "TIME ", 5) == 0) {
      tc.when = atoll(line + 5);
    } else if (strncmp(line, "HOST ", 5) == 0) {
      if (tc.nhosts == MAX_ITEMS) die("too many HOST", line);
      tc.hosts[tc.nhosts++] = strdup(line + 5);
    } else if (strncmp(line, "TLSA ", 5) == 0) {
      struct tlsa *t;
      int used = 0;
      if (tc.ntlsa == MAX_ITEMS) die("too many TLSA", line);
      t = &tc.tlsa[tc.ntlsa];
      if (sscanf(line + 5, "%d %d %d %n", &t->u, &t->s, &t->m, &used) != 3)
        die("bad TLSA", line);
      if ((t->data = unhex(line + 5 + used, &t->len)) == NULL) die("bad TLSA hex", line);
      tc.ntlsa++;
    } else if (strncmp(line, "CERT ", 5) == 0) {
      if (tc.ncerts == MAX_ITEMS) die("too many CERT", line);
      if ((tc.certs[tc.ncerts] = unhex(line + 5, &tc.certlen[tc.ncerts])) == NULL)
        die("bad CERT hex", line);
      tc.ncerts++;
    } else if (strcmp(line, "END") == 0) {
      run(ctx, &tc);
      reset(&tc);
      open = 0;
    } else {
      die("unknown line", line);
    }
  }
  SSL_CTX_free(ctx);
  return 0;
}
