/* Trap messages: an mbox file or a maildir. Only the header block of each
 * message is looked at: the recipient from the first of Delivered-To,
 * X-Original-To, To that is present (the first such header line, unfolded:
 * all of its addresses), the time from the first Date. */
#ifndef EXPOSURE_COMPARE_MAIL_H
#define EXPOSURE_COMPARE_MAIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hits.h"

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

/* The messages of an open mbox file (its first non-blank line starts with
 * "From "), a hit per recipient address, a skip per message with none. */
enum hits_status mail_read_mbox(FILE *f, struct hits_emitter *em, char *err, size_t errsz);

/* The messages of a maildir: the files of cur/ and new/ (not tmp/), in name
 * order, cur/ first. Fatal: a maildir with no message in it. */
enum hits_status mail_read_maildir(const char *dir, struct hits_emitter *em, char *err, size_t errsz);

/* 1 when dir holds a cur/ or a new/ directory. */
int mail_is_maildir(const char *dir);

#endif
