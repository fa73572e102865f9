/* Hits as hex digests of addresses, one a line: sha256 and md5, two table
 * entries over the same code. */
#include "reader.h"

#include <string.h>

struct digest_shape {
	size_t hex;         /* digits of one digest */
	const char *called; /* "a sha256", for messages */
};

static const struct digest_shape sha256 = { 64, "a sha256" }, md5 = { 32, "an md5" };

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Spaces and tabs trimmed off both ends of s[0..*len); the new start. */
static const char *trimmed(const char *s, size_t *len)
{
	while (*len > 0 && (*s == ' ' || *s == '\t'))
		s++, (*len)--;
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
	return s;
}

/* 1 when s[0..len), trimmed, is hex digits of the shape's length. */
static int is_digest(const struct digest_shape *d, const char *s, size_t len)
{
	s = trimmed(s, &len);
	if (len != d->hex)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!is_hex(s[i]))
			return 0;
	return 1;
}

static int sniff_digest(const struct hits_reader *self, const struct hits_sniff *in, char *err, size_t errsz)
{
	(void)err, (void)errsz;
	return in->line && is_digest(self->data, in->line, in->len);
}

struct digest_read {
	const struct hits_reader *self;
	struct hits_emitter *em;
	char *err;
	size_t errsz;
};

static enum hits_status digest_line(void *ctx, const struct line_reader *lr)
{
	struct digest_read *dr = ctx;
	const struct digest_shape *d = dr->self->data;
	int blank = hits_data_line(dr->em, lr);
	if (blank)
		return blank < 0 ? HITS_STOPPED : HITS_OK;
	if (!is_digest(d, lr->buf, lr->len)) {
		snprintf(dr->err, dr->errsz, "'%s':%lu: not %s digest (%zu hex digits) in a file of %s digests",
			 dr->em->file, lr->number, d->called, d->hex, dr->self->name);
		return HITS_BAD_INPUT;
	}
	size_t len = lr->len;
	const char *s = trimmed(lr->buf, &len);
	char key[HITS_KEY_BUF];
	for (size_t i = 0; i < len; i++)
		key[i] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] + ('a' - 'A') : s[i]);
	key[len] = '\0';
	return hits_emit_hit(dr->em, lr->number, key, HIT_DATE_NONE, 0) ? HITS_STOPPED : HITS_OK;
}

static enum hits_status read_digests(const struct hits_reader *self, FILE *f, struct hits_emitter *em, char *err,
				     size_t errsz)
{
	struct digest_read dr = { self, em, err, errsz };
	return hits_each_line(f, em, digest_line, &dr, err, errsz);
}

const struct hits_reader hits_reader_sha256 = {
	.name = "sha256",
	.description = "sha256 hex digests of addresses, one a line (64 hex digits)",
	.flags = HITS_DIGESTS,
	.space = KEY_SHA256,
	.sniff = sniff_digest,
	.read = read_digests,
	.data = &sha256,
};

const struct hits_reader hits_reader_md5 = {
	.name = "md5",
	.description = "md5 hex digests of addresses, one a line (32 hex digits)",
	.flags = HITS_DIGESTS,
	.space = KEY_MD5,
	.sniff = sniff_digest,
	.read = read_digests,
	.data = &md5,
};
