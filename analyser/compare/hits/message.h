/* Private to the message readers (mbox.c, maildir.c): a message's header
 * block, the recipient from the first of Delivered-To, X-Original-To, To
 * that is present (the first such header line, unfolded: all of its
 * addresses), the time from the first Date. */
#ifndef EXPOSURE_HITS_MESSAGE_H
#define EXPOSURE_HITS_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "address.h"
#include "reader.h"

/* An RFC 5322 date-time, e.g. "Tue, 06 Mar 2007 09:05:00 +0100": an
 * optional day name, day, month name, year (two-digit years as RFC 5322's
 * obsolete syntax says: below 50 is 20xx), hh:mm[:ss], and a zone: +hhmm,
 * -hhmm, UT, GMT, Z, the US zone names, or a military letter (taken as
 * -0000). Comments "(CET)" and folding white space anywhere. Into seconds
 * since the epoch, UTC: 0, or -1 when it is not such a date. */
int mail_date_parse(const char *s, size_t len, int64_t *out);

/* 1 when a line opens a message's header block (a header field name we
 * know, such as Received, Return-Path, Delivered-To, From or X-..., then a
 * colon): a message file given where an mbox was expected. */
int mail_line_is_header(const char *s, size_t len);

/* The headers kept, in the order the recipient is looked for. */
enum kept_header { KEPT_DELIVERED_TO, KEPT_X_ORIGINAL_TO, KEPT_TO, KEPT_DATE, KEPT_COUNT };

static const char *const kept_names[KEPT_COUNT] = { "delivered-to", "x-original-to", "to", "date" };

/* Longer values are cut here: the address-list parser rejects anything
 * above ADDRLIST_MAX_FIELD as too long anyway. */
#define KEPT_VALUE_MAX (ADDRLIST_MAX_FIELD + 1)

struct kept_value {
	char *text;
	size_t len, cap;
	unsigned long line;
	int seen;
};

struct message {
	struct kept_value kept[KEPT_COUNT];
	int capturing;          /* the kept header being unfolded, or -1 */
	int in_headers;         /* 0 once the empty line ending them was read */
	unsigned long first_line;
};

void message_start(struct message *m, unsigned long first_line);
void message_release(struct message *m);
/* One line of the header block: a field, or a folded continuation of the
 * last one (unfolding drops only the line break); the empty line ends the
 * block (in_headers 0). 0, or -1 on no memory. */
int message_header_line(struct message *m, const char *s, size_t len, unsigned long line);
/* The message is read: its hits, or one no-recipient skip. 0, or non-zero
 * when the sink said stop. */
int message_finish(struct message *m, struct hits_emitter *em);

#endif
