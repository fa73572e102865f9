/* Spam-trap hits and complaint reports, in whatever form they come: each
 * reader turns a file (or a maildir) into hits (a normalised address, or a
 * digest) and skips (a line or item that yielded none, with its reason).
 * Every line or message yields at least one of the two, so counts
 * reconcile: items = hits + skipped. */
#ifndef EXPOSURE_HITS_H
#define EXPOSURE_HITS_H

#include <stddef.h>
#include <stdint.h>

#include "address.h"

enum hits_form {
	HITS_FORM_LIST,    /* one address (or address list) a line */
	HITS_FORM_CSV,     /* a header, then rows: the address, email or recipient column */
	HITS_FORM_SHA256,  /* one sha256 hex digest of an address a line */
	HITS_FORM_MD5,     /* one md5 hex digest a line */
	HITS_FORM_MBOX,    /* messages, each after a "From " line */
	HITS_FORM_MAILDIR, /* a directory with cur/ and/or new/, a message a file */
	HITS_FORM_COUNT
};

/* "list", "csv", "sha256", "md5", "mbox", "maildir". */
const char *hits_form_name(enum hits_form f);
int hits_form_is_digest(enum hits_form f);
int hits_form_is_message(enum hits_form f);

/* Why a line or item yielded no hit. Names (hits_skip_name) are stable: they
 * appear in the --skipped file and the report. */
enum hits_skip {
	HITS_SKIP_BLANK,          /* an empty line or value */
	HITS_SKIP_NOT_ADDRESS,    /* text that is no address (detail: the address reject) */
	HITS_SKIP_NO_ADDRESS,     /* text with no address in it: "undisclosed-recipients:;", "<>" */
	HITS_SKIP_BAD_CSV,        /* a quote left open */
	HITS_SKIP_MISSING_COLUMN, /* a row shorter than the address column */
	HITS_SKIP_NO_RECIPIENT,   /* a message with no Delivered-To, X-Original-To or To */
	HITS_SKIP_COUNT
};

const char *hits_skip_name(enum hits_skip why);

/* Whether a hit's time came from a Date header. */
enum hit_date {
	HIT_DATE_NONE,       /* no Date header, or a form without dates */
	HIT_DATE_READ,       /* time is set */
	HIT_DATE_UNREADABLE, /* a Date header we could not read */
};

#define HITS_KEY_BUF ADDR_BUF /* a normalised address, or a hex digest, and its NUL */

struct hit {
	const char *key;      /* normalised address, or lower-case hex digest */
	enum hit_date date;
	int64_t time;         /* seconds since the epoch, UTC, when date is HIT_DATE_READ */
	const char *file;
	unsigned long line;   /* of the line, or of the recipient header */
};

struct hits_skipped {
	const char *file;
	unsigned long line;   /* of the line, the header, or the message's first line */
	enum hits_skip why;
	const char *detail;   /* the address reject's name for not-an-address, else "" */
	const char *text;     /* the line or item as it stood (not NUL-terminated) */
	size_t text_len;
};

/* Where hits and skips go. Each hook returns 0 to go on, non-zero to stop
 * the reader (it then returns HITS_STOPPED; the sink keeps its own message). */
struct hits_sink {
	int (*hit)(void *ctx, const struct hit *h);
	int (*skip)(void *ctx, const struct hits_skipped *s);
	void *ctx;
};

/* What one file yielded. */
struct hits_counts {
	uint64_t lines;      /* data lines of the line forms (a CSV header is not one) */
	uint64_t messages;
	uint64_t hits;
	uint64_t skipped;
	uint64_t by_reason[HITS_SKIP_COUNT];
};

enum hits_status {
	HITS_OK = 0,
	HITS_BAD_INPUT = -1,  /* the file is not usable hits: message in err */
	HITS_UNREADABLE = -2, /* missing or unreadable: message in err */
	HITS_STOPPED = -3,    /* the sink said stop, or no memory: message in err */
};

/* What path holds, from its first non-blank line, or its cur/ and new/.
 * Fatal (HITS_BAD_INPUT): an empty file, a message file that does not start
 * with "From ", a directory that is not a maildir. */
enum hits_status hits_detect(const char *path, enum hits_form *form, char *err, size_t errsz);

/* Read path as form, every hit and skip into sink, counts added to *counts.
 * Fatal: a digest file with a line that is not a digest of its length (with
 * the file and line, not the text), a CSV with no data row, a maildir with
 * no message. */
enum hits_status hits_read(const char *path, enum hits_form form, const struct hits_sink *sink,
			   struct hits_counts *counts, char *err, size_t errsz);

/* ---- shared by the readers (hits.c, compare_mail.c) ------------------------ */

struct hits_emitter {
	const struct hits_sink *sink;
	struct hits_counts *counts;
	const char *file;
};

/* Parse value as an address list: a hit per address (with date and time),
 * a skip per item that is none, a no-address skip when it yields neither.
 * 0, or non-zero when the sink said stop. */
int hits_emit_addresses(struct hits_emitter *em, unsigned long line, const char *value, size_t len,
			enum hit_date date, int64_t time);
int hits_emit_skip(struct hits_emitter *em, unsigned long line, enum hits_skip why, const char *detail,
		   const char *text, size_t len);

#endif
