/* Hits as an mbox: messages, each after a "From " line. */
#include "message.h"

#include <errno.h>
#include <string.h>

/* ---- mbox ------------------------------------------------------------------- */

static int is_from_line(const char *s, size_t len)
{
	return len >= 5 && memcmp(s, "From ", 5) == 0;
}

/* Feed one line of an mbox: a "From " line ends the message before it. */
static int mbox_line(struct message *m, int *open, const struct line_reader *lr, struct hits_emitter *em)
{
	if (is_from_line(lr->buf, lr->len)) {
		if (*open && message_finish(m, em) != 0)
			return 1;
		message_start(m, lr->number);
		*open = 1;
		return 0;
	}
	if (*open && m->in_headers && message_header_line(m, lr->buf, lr->len, lr->number) != 0)
		return -1;
	return 0;
}

static enum hits_status read_mbox(const struct hits_reader *self, FILE *f, struct hits_emitter *em, char *err,
				  size_t errsz)
{
	(void)self;
	struct line_reader lr;
	struct message m = { 0 };
	enum hits_status rc = HITS_OK;
	int open = 0, got = 0, fed = 0;
	line_reader_init(&lr, f);
	while (fed == 0 && (got = line_reader_next(&lr)) > 0)
		fed = mbox_line(&m, &open, &lr, em);
	if (fed > 0 || (fed == 0 && got == 0 && open && message_finish(&m, em) != 0)) {
		rc = HITS_STOPPED;
		goto out;
	}
	if (fed < 0 || got < 0) {
		snprintf(err, errsz, "cannot read '%s': %s", em->file, strerror(fed < 0 ? ENOMEM : errno));
		rc = fed < 0 ? HITS_STOPPED : HITS_UNREADABLE;
	}
out:
	message_release(&m);
	line_reader_release(&lr);
	return rc;
}

/* A "From " line opens an mbox; a header line there is a message file
 * given where an mbox was expected: fatal, not a list. */
static int sniff_mbox(const struct hits_reader *self, const struct hits_sniff *in, char *err, size_t errsz)
{
	(void)self;
	if (!in->line)
		return 0;
	if (is_from_line(in->line, in->len))
		return 1;
	if (!mail_line_is_header(in->line, in->len))
		return 0;
	snprintf(err, errsz, "'%s':%lu: broken mbox: a file of messages must start with a 'From ' line "
			     "(or give a maildir)", in->path, in->number);
	return -1;
}

const struct hits_reader hits_reader_mbox = {
	.name = "mbox",
	.description = "an mbox: messages, each after a \"From \" line",
	.flags = HITS_MESSAGES,
	.space = KEY_ADDRESS,
	.sniff = sniff_mbox,
	.read = read_mbox,
};
