/* What every hits reader emits through (see reader.h): hits, skips, the
 * addresses of a value, and the loop over a file's lines. */
#include "reader.h"

#include <errno.h>
#include <string.h>

#include "address.h"

static const char *const skip_names[HITS_SKIP_COUNT] = {
	[HITS_SKIP_BLANK] = "blank",
	[HITS_SKIP_NOT_ADDRESS] = "not-an-address",
	[HITS_SKIP_NO_ADDRESS] = "no-address",
	[HITS_SKIP_BAD_CSV] = "bad-csv",
	[HITS_SKIP_MISSING_COLUMN] = "missing-column",
	[HITS_SKIP_NO_RECIPIENT] = "no-recipient",
};

const char *hits_skip_name(enum hits_skip why)
{
	return (unsigned)why < HITS_SKIP_COUNT ? skip_names[why] : "unknown";
}

int hits_emit_skip(struct hits_emitter *em, unsigned long line, enum hits_skip why, const char *detail,
		   const char *text, size_t len)
{
	struct hits_skipped s = { em->file, line, why, detail, text, len };
	em->counts->skipped++;
	em->counts->by_reason[why]++;
	return em->sink->skip ? em->sink->skip(em->sink->ctx, &s) : 0;
}

int hits_emit_hit(struct hits_emitter *em, unsigned long line, const char *key, enum hit_date date, int64_t time)
{
	struct hit h = { key, date, time, em->file, line };
	em->counts->hits++;
	return em->sink->hit ? em->sink->hit(em->sink->ctx, &h) : 0;
}

struct item_ctx {
	struct hits_emitter *em;
	unsigned long line;
	enum hit_date date;
	int64_t time;
	unsigned long items;
};

static int on_item(void *ctx, enum addr_reject why, const char *addr, const char *raw, size_t raw_len)
{
	struct item_ctx *c = ctx;
	c->items++;
	if (why == ADDR_OK)
		return hits_emit_hit(c->em, c->line, addr, c->date, c->time);
	if (why == ADDR_REJECT_EMPTY)
		return hits_emit_skip(c->em, c->line, line_is_blank(raw, raw_len) ? HITS_SKIP_BLANK : HITS_SKIP_NO_ADDRESS,
				      "", raw, raw_len);
	return hits_emit_skip(c->em, c->line, HITS_SKIP_NOT_ADDRESS, addr_reject_name(why), raw, raw_len);
}

int hits_emit_addresses(struct hits_emitter *em, unsigned long line, const char *value, size_t len,
			enum hit_date date, int64_t time)
{
	struct item_ctx c = { em, line, date, time, 0 };
	int rc = addrlist_parse(value, len, 0, on_item, &c);
	if (rc == 0 && c.items == 0)
		rc = hits_emit_skip(em, line, HITS_SKIP_NO_ADDRESS, "", value, len);
	return rc;
}

int hits_data_line(struct hits_emitter *em, const struct line_reader *lr)
{
	em->counts->lines++;
	if (!line_is_blank(lr->buf, lr->len))
		return 0;
	return hits_emit_skip(em, lr->number, HITS_SKIP_BLANK, "", lr->buf, lr->len) ? -1 : 1;
}

enum hits_status hits_each_line(FILE *f, struct hits_emitter *em,
				enum hits_status (*line)(void *ctx, const struct line_reader *lr), void *ctx,
				char *err, size_t errsz)
{
	struct line_reader lr;
	int got = 0;
	enum hits_status rc = HITS_OK;
	line_reader_init(&lr, f);
	while (rc == HITS_OK && (got = line_reader_next(&lr)) > 0)
		rc = line(ctx, &lr);
	if (rc == HITS_OK && got < 0) {
		snprintf(err, errsz, "cannot read '%s': %s", em->file, strerror(errno));
		rc = errno == ENOMEM ? HITS_STOPPED : HITS_UNREADABLE;
	}
	line_reader_release(&lr);
	return rc;
}
