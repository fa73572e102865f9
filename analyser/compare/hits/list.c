/* Hits as a plain list: one address, or an address list, a line. */
#include "reader.h"

/* Whatever no reader before it in the table takes. */
static int sniff_list(const struct hits_reader *self, const struct hits_sniff *in, char *err, size_t errsz)
{
	(void)self, (void)err, (void)errsz;
	return in->line != NULL;
}

static enum hits_status list_line(void *ctx, const struct line_reader *lr)
{
	struct hits_emitter *em = ctx;
	int blank = hits_data_line(em, lr);
	if (blank)
		return blank < 0 ? HITS_STOPPED : HITS_OK;
	return hits_emit_addresses(em, lr->number, lr->buf, lr->len, HIT_DATE_NONE, 0) ? HITS_STOPPED : HITS_OK;
}

static enum hits_status read_list(const struct hits_reader *self, FILE *f, struct hits_emitter *em, char *err,
				  size_t errsz)
{
	(void)self;
	return hits_each_line(f, em, list_line, em, err, errsz);
}

const struct hits_reader hits_reader_list = {
	.name = "list",
	.description = "one address a line (display names dropped; several on a line: a hit each)",
	.space = KEY_ADDRESS,
	.sniff = sniff_list,
	.read = read_list,
};
