#include "digest.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

/* d as lowercase hex into out (ADDRESS_DIGEST_HEX bytes). 0, or -1 when it does not fit. */
static int hex_into(const unsigned char *d, unsigned int n, char out[ADDRESS_DIGEST_HEX])
{
	static const char hex[] = "0123456789abcdef";
	if (2 * n >= ADDRESS_DIGEST_HEX)
		return -1;
	for (unsigned int i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
	return 0;
}

int address_digest(const char *addr, int sha256, char out[ADDRESS_DIGEST_HEX])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (EVP_Digest(addr, strlen(addr), d, &n, sha256 ? EVP_sha256() : EVP_md5(), NULL) != 1)
		return -1;
	return hex_into(d, n, out);
}

int file_sha256(const char *path, char out[ADDRESS_DIGEST_HEX])
{
	unsigned char buf[65536], d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	size_t got;
	int rc = -1;
	FILE *f = fopen(path, "rb");
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!f || !ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		goto out;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		if (EVP_DigestUpdate(ctx, buf, got) != 1)
			goto out;
	if (ferror(f) || EVP_DigestFinal_ex(ctx, d, &n) != 1)
		goto out;
	rc = hex_into(d, n, out);
out:
	if (f)
		fclose(f);
	EVP_MD_CTX_free(ctx);
	return rc;
}
