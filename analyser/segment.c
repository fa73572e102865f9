#include "segment.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "outfile.h"
#include "profile.h"

#define SEGMENTS 3

static int is_customer_login(const struct output_ctx *o, const struct addr_entry *e)
{
	return strcmp(address_class(o, e), "internal") == 0 && (e->origins & (1u << ORIGIN_LOGIN));
}

static int is_other_internal(const struct output_ctx *o, const struct addr_entry *e)
{
	return strcmp(address_class(o, e), "internal") == 0 && !(e->origins & (1u << ORIGIN_LOGIN));
}

static int is_external(const struct output_ctx *o, const struct addr_entry *e)
{
	return strcmp(address_class(o, e), "external") == 0;
}

static const struct {
	const char *name;
	const char *meaning;
	entry_filter_fn keep;
} segments[SEGMENTS] = {
	{ "customers-login", "internal addresses that logged in (in the window, when one was given)",
	  is_customer_login },
	{ "internal-other", "other internal addresses (address books, sent mail)", is_other_internal },
	{ "external", "third parties", is_external },
};

static const char *extension(const char *format)
{
	return strcmp(format, "list") == 0 ? "txt" : format;
}

static void segment_path(char *buf, size_t sz, const char *dir, const char *name, const char *ext)
{
	snprintf(buf, sz, "%s/%s%s%s", dir, name, ext ? "." : "", ext ? ext : "");
}

int segments_precheck(const char *dir, const char *format, int force, char *err, size_t errsz)
{
	char path[4096];
	struct stat st;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		snprintf(err, errsz, "--segment '%s' is not a directory", dir);
		return -1;
	}
	for (int i = 0; i < SEGMENTS; i++) {
		segment_path(path, sizeof(path), dir, segments[i].name, extension(format));
		if (!force && stat(path, &st) == 0) {
			snprintf(err, errsz, "'%s' exists: use --force to overwrite it", path);
			return -1;
		}
	}
	return 0;
}

/* The sha256 of a file as lowercase hex. 0, or -1. */
static int file_sha256(const char *path, char hex[65])
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
	for (unsigned int i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	rc = 0;
out:
	if (f)
		fclose(f);
	EVP_MD_CTX_free(ctx);
	return rc;
}

struct segment_result {
	size_t count;
	char sha256[65];
};

static int write_one(const char *dir, const char *format, int i, const struct scan *sc,
		     const struct domain_set *internal, int mask, int force, struct segment_result *res, char *err,
		     size_t errsz)
{
	char path[4096];
	struct outfile out;
	segment_path(path, sizeof(path), dir, segments[i].name, extension(format));
	if (outfile_open(&out, path, force, err, errsz) != 0)
		return -1;
	if (writer_write_scan_filtered(writer_find(format), out.f, sc, internal, mask, segments[i].keep,
				       &res->count) != 0) {
		snprintf(err, errsz, "cannot write '%s': %s", path, strerror(errno));
		outfile_abort(&out);
		return -1;
	}
	if (outfile_commit(&out, err, errsz) != 0)
		return -1;
	if (file_sha256(path, res->sha256) != 0) {
		snprintf(err, errsz, "cannot read back '%s' for its sha256", path);
		return -1;
	}
	return 0;
}

static int write_manifest(const char *dir, const char *format, const struct segment_result *res, int force,
			  char *err, size_t errsz)
{
	char path[4096];
	struct outfile json, sums;
	segment_path(path, sizeof(path), dir, "manifest", "json");
	if (outfile_open(&json, path, force, err, errsz) != 0)
		return -1;
	fprintf(json.f, "{\"schema\":\"exposure-segments/1\",\"format\":\"%s\",\"segments\":[", format);
	for (int i = 0; i < SEGMENTS; i++)
		fprintf(json.f, "%s{\"name\":\"%s\",\"file\":\"%s.%s\",\"addresses\":%zu,\"sha256\":\"%s\","
				"\"holds\":\"%s\"}",
			i ? "," : "", segments[i].name, segments[i].name, extension(format), res[i].count, res[i].sha256,
			segments[i].meaning);
	fputs("]}\n", json.f);
	if (outfile_commit(&json, err, errsz) != 0)
		return -1;
	segment_path(path, sizeof(path), dir, "SHA256SUMS", NULL);
	if (outfile_open(&sums, path, force, err, errsz) != 0)
		return -1;
	for (int i = 0; i < SEGMENTS; i++)
		fprintf(sums.f, "%s  %s.%s\n", res[i].sha256, segments[i].name, extension(format));
	return outfile_commit(&sums, err, errsz);
}

int segments_write(const char *dir, const char *format, const struct scan *sc, const struct domain_set *internal,
		   int mask, int force, char *err, size_t errsz)
{
	struct segment_result res[SEGMENTS] = { 0 };
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errsz, "cannot create '%s': %s", dir, strerror(errno));
		return -1;
	}
	for (int i = 0; i < SEGMENTS; i++)
		if (write_one(dir, format, i, sc, internal, mask, force, &res[i], err, errsz) != 0)
			return -1;
	return write_manifest(dir, format, res, force, err, errsz);
}
