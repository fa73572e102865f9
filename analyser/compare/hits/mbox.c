/* Hits as an mbox: messages, each after a "From " line (read by GMime). */
#include "message.h"

#include <string.h>

static int is_from_line(const char *s, size_t len)
{
	return len >= 5 && memcmp(s, "From ", 5) == 0;
}

static enum hits_status read_mbox(const struct hits_reader *self, FILE *f, struct hits_emitter *em, char *err,
				  size_t errsz)
{
	(void)self;
	return message_read_all(f, 1, em, err, errsz);
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
	.init = message_library_init,
	.shutdown = message_library_shutdown,
};
