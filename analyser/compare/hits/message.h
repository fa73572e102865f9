/* Private to the message readers (mbox.c, maildir.c): messages through
 * GMime, the recipient from the first of Delivered-To, X-Original-To, To
 * that is present (the first such header line, unfolded: all of its
 * addresses), the time from the first Date. */
#ifndef EXPOSURE_HITS_MESSAGE_H
#define EXPOSURE_HITS_MESSAGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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

/* GMime up and down: the init and shutdown hooks of mbox and maildir. */
void message_library_init(void);
void message_library_shutdown(void);

/* Every message of f into em, a hit per recipient address, a skip per
 * message with none: mbox non-zero, an mbox (messages after "From "
 * lines); else f is one message (a maildir file). f stays open. */
enum hits_status message_read_all(FILE *f, int mbox, struct hits_emitter *em, char *err, size_t errsz);

#endif
