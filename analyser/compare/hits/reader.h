/* Private interface of the hits readers (analyser/compare/hits/): what
 * every reader emits through, and each reader's table entry. Only the
 * readers and registry.c include it; compare sees include/hits.h. */
#ifndef EXPOSURE_HITS_READER_H
#define EXPOSURE_HITS_READER_H

#include <stddef.h>
#include <stdint.h>

#include "hits.h"
#include "lines.h"

struct hits_emitter {
	const struct hits_sink *sink;
	struct hits_counts *counts;
	const char *file;
};

/* Each 0, or non-zero when the sink said stop. */
int hits_emit_hit(struct hits_emitter *em, unsigned long line, const char *key, enum hit_date date, int64_t time);
int hits_emit_skip(struct hits_emitter *em, unsigned long line, enum hits_skip why, const char *detail,
		   const char *text, size_t len);
/* Parse value as an address list: a hit per address (with date and time),
 * a skip per item that is none, a no-address skip when it yields neither. */
int hits_emit_addresses(struct hits_emitter *em, unsigned long line, const char *value, size_t len,
			enum hit_date date, int64_t time);

/* A data line of a line form: counted, and skipped when blank. 1 when it
 * was blank (nothing more to do), 0 when it holds text, -1 when the sink
 * said stop. */
int hits_data_line(struct hits_emitter *em, const struct line_reader *lr);

/* Every line of f into line(ctx, lr) until it returns other than HITS_OK.
 * A read error is HITS_UNREADABLE (HITS_STOPPED on no memory), message in err. */
enum hits_status hits_each_line(FILE *f, struct hits_emitter *em,
				enum hits_status (*line)(void *ctx, const struct line_reader *lr), void *ctx,
				char *err, size_t errsz);

#endif
