/* -f sha256, -f md5: one lowercase hex digest of the address a line, as
 * compare matches them. Never masked: a digest shows no address. */
#include "digest.h"
#include "list_format.h"

static int digest_record(struct output_ctx *o, const struct addr_entry *e, int sha256)
{
	char hex[ADDRESS_DIGEST_HEX];
	if (address_digest(e->addr, sha256, hex) != 0)
		return -1;
	return fputs(hex, o->f) == EOF || fputc('\n', o->f) == EOF ? -1 : 0;
}

static int sha256_record(struct output_ctx *o, const struct addr_entry *e)
{
	return digest_record(o, e, 1);
}

static int md5_record(struct output_ctx *o, const struct addr_entry *e)
{
	return digest_record(o, e, 0);
}

const struct list_format list_format_sha256 = {
	.name = "sha256",
	.description = "one lowercase hex sha256 of the address a line",
	.extension = "sha256",
	.record = sha256_record,
};

const struct list_format list_format_md5 = {
	.name = "md5",
	.description = "one lowercase hex md5 of the address a line",
	.extension = "md5",
	.record = md5_record,
};
