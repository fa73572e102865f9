#include "segment.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "digest.h"
#include "jsonout.h"
#include "outfile.h"
#include "profile.h"
#include "writer.h"

#define SEGMENTS 3

static int is_other_customer(const struct output_ctx *o, const struct addr_entry *e)
{
	return address_is_customer(o, e) && !address_is_customer_login(o, e);
}

static int is_third_party(const struct output_ctx *o, const struct addr_entry *e)
{
	return !address_is_customer(o, e);
}

static const struct {
	const char *name;
	const char *meaning;
	entry_filter_fn keep;
} segments[SEGMENTS] = {
	{ "customers-login",
	  "accounts with a login inside the window (without a window: internal addresses with the login origin)",
	  address_is_customer_login },
	{ "internal-other",
	  "the customers' other addresses: other accounts, their own identities and mailboxes (whatever their "
	  "domain), internal addresses from address books and sent mail",
	  is_other_customer },
	{ "external", "third parties: addresses only from address books and sent mail, outside the internal domains",
	  is_third_party },
};

/* The format's file extension, from the table; the name for one not in it. */
static const char *extension(const char *format)
{
	const struct list_format *lf = list_format_find(format);
	return lf ? lf->extension : format;
}

static void segment_path(char *buf, size_t sz, const char *dir, const char *name, const char *ext)
{
	snprintf(buf, sz, "%s/%s%s%s", dir, name, ext ? "." : "", ext ? ext : "");
}

/* The five files of a segment directory, in the order they are written. */
static void file_names(const char *format, char names[SEGMENTS + 2][64])
{
	for (int i = 0; i < SEGMENTS; i++)
		snprintf(names[i], 64, "%s.%s", segments[i].name, extension(format));
	snprintf(names[SEGMENTS], 64, "manifest.json");
	snprintf(names[SEGMENTS + 1], 64, "SHA256SUMS");
}

void segments_file_path(const char *dir, const char *format, int i, char *buf, size_t sz)
{
	char names[SEGMENTS + 2][64];
	file_names(format, names);
	segment_path(buf, sz, dir, names[i], NULL);
}

int segments_precheck(const char *dir, const char *format, int force, char *err, size_t errsz)
{
	char path[4096], names[SEGMENTS + 2][64];
	struct stat st;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		snprintf(err, errsz, "--segment '%s' is not a directory", dir);
		return -1;
	}
	file_names(format, names);
	for (int i = 0; i < SEGMENTS + 2; i++) {
		segment_path(path, sizeof(path), dir, names[i], NULL);
		if (!force && stat(path, &st) == 0) {
			snprintf(err, errsz, "'%s' exists: use --force to overwrite it", path);
			return -1;
		}
	}
	return 0;
}

struct segment_result {
	size_t count;
	char sha256[ADDRESS_DIGEST_HEX];
};

/* A segment into its (still temporary) file, and the digest of what was written. */
static int write_one(struct outfile *out, const char *format, int i, const struct scan *sc,
		     const struct domain_set *internal, int mask, struct segment_result *res, char *err, size_t errsz)
{
	if (writer_write_scan_filtered(list_format_find(format), out->f, sc, internal, mask, segments[i].keep,
				       &res->count) != 0 || fflush(out->f) != 0) {
		snprintf(err, errsz, "cannot write '%s': %s", out->path, strerror(errno));
		return -1;
	}
	if (file_sha256(out->tmp, res->sha256) != 0) {
		snprintf(err, errsz, "cannot read back '%s' for its sha256", out->path);
		return -1;
	}
	return 0;
}

static json_t *manifest(const char *format, char names[SEGMENTS + 2][64], const struct segment_result *res)
{
	json_t *root = json_object(), *list = json_array();
	int rc = json_object_set_new(root, "schema", json_string("exposure-segments/1"));
	rc |= json_object_set_new(root, "format", jsonout_text0(format));
	for (int i = 0; i < SEGMENTS; i++) {
		json_t *seg = json_object();
		rc |= json_object_set_new(seg, "name", json_string(segments[i].name));
		rc |= json_object_set_new(seg, "file", jsonout_text0(names[i]));
		rc |= json_object_set_new(seg, "addresses", jsonout_count(res[i].count));
		rc |= json_object_set_new(seg, "sha256", json_string(res[i].sha256));
		rc |= json_object_set_new(seg, "holds", json_string(segments[i].meaning));
		rc |= json_array_append_new(list, seg);
	}
	rc |= json_object_set_new(root, "segments", list);
	return rc ? (json_decref(root), NULL) : root;
}

/* manifest.json and SHA256SUMS. 0, or -1 on a write error or no memory. */
static int write_manifests(FILE *json, FILE *sums, const char *format, char names[SEGMENTS + 2][64],
			   const struct segment_result *res)
{
	json_t *m = manifest(format, names, res);
	int rc = m ? jsonout_line(json, m) : -1;
	json_decref(m);
	for (int i = 0; i < SEGMENTS; i++)
		if (fprintf(sums, "%s  %s\n", res[i].sha256, names[i]) < 0)
			rc = -1;
	return rc;
}

int segments_write(const char *dir, const char *format, const struct scan *sc, const struct domain_set *internal,
		   int mask, int force, char *err, size_t errsz)
{
	struct segment_result res[SEGMENTS] = { 0 };
	struct outfile files[SEGMENTS + 2] = { 0 };
	char path[4096], names[SEGMENTS + 2][64];
	int rc = -1;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errsz, "cannot create '%s': %s", dir, strerror(errno));
		return -1;
	}
	file_names(format, names);
	for (int i = 0; i < SEGMENTS + 2; i++) {
		segment_path(path, sizeof(path), dir, names[i], NULL);
		if (outfile_open(&files[i], path, force, err, errsz) != 0)
			goto out;
	}
	for (int i = 0; i < SEGMENTS; i++)
		if (write_one(&files[i], format, i, sc, internal, mask, &res[i], err, errsz) != 0)
			goto out;
	if (write_manifests(files[SEGMENTS].f, files[SEGMENTS + 1].f, format, names, res) != 0) {
		snprintf(err, errsz, "cannot write '%s': %s", files[SEGMENTS].path, strerror(errno));
		goto out;
	}
	/* every file complete before any takes its name: a failed run leaves none */
	for (int i = 0; i < SEGMENTS + 2; i++)
		if (outfile_commit(&files[i], err, errsz) != 0)
			goto out;
	rc = 0;
out:
	for (int i = 0; i < SEGMENTS + 2; i++)
		outfile_abort(&files[i]);
	return rc;
}
