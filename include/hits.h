/* Spam-trap hits and complaint reports, in whatever form they come: each
 * reader (a table of them, analyser/compare/hits/registry.c) turns a file
 * (or a maildir) into hits (a normalised address, or a digest) and skips
 * (a line or item that yielded none, with its reason). Every line, record
 * or message yields at least one of the two, so counts reconcile:
 * items = hits + skipped. */
#ifndef EXPOSURE_HITS_H
#define EXPOSURE_HITS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "address.h"

/* What a hit's key is: a normalised address, or the hex digest of one
 * (as `exposure scan -f sha256|md5` writes them). */
enum key_space { KEY_ADDRESS, KEY_SHA256, KEY_MD5 };

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
	uint64_t lines;      /* data lines of the line forms (a CSV header is not one; a CSV record
	                        spanning lines is one) */
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

/* ---- the readers: one file each under analyser/compare/hits/, one line in
 * the table of registry.c ---------------------------------------------------- */

enum hits_reader_flag {
	HITS_READS_DIRECTORY = 1, /* sniffs and reads directories, not files */
	HITS_DIGESTS = 2,         /* its keys are digests (space says which) */
	HITS_MESSAGES = 4,        /* counts messages, not lines; no population */
};

/* What a sniff hook looks at: a directory, or a file's first non-blank line. */
struct hits_sniff {
	const char *path;
	const char *line;     /* NULL for a directory; else NUL-terminated, no line end */
	size_t len;
	unsigned long number; /* of that line, from 1 */
};

struct hits_emitter; /* where a reader puts hits and skips: compare/hits/reader.h */

struct hits_reader {
	const char *name;        /* "list", "csv", ...: in the report and messages */
	const char *description; /* one line for the help */
	unsigned flags;          /* enum hits_reader_flag */
	enum key_space space;    /* of its keys: KEY_ADDRESS unless HITS_DIGESTS */
	/* 1: the input is in this form; 0: not; -1: it is this form, broken,
	 * which is fatal (message in err, with the file and line, never the
	 * text). Called in table order until one says 1 or -1. */
	int (*sniff)(const struct hits_reader *self, const struct hits_sniff *in, char *err, size_t errsz);
	/* Every hit and skip of the input into em. f is the open file (NULL for
	 * a directory reader: em->file is the path); the caller closes it. */
	enum hits_status (*read)(const struct hits_reader *self, FILE *f, struct hits_emitter *em, char *err,
				 size_t errsz);
	const void *data;        /* the reader's own constants */
	/* A library the reader needs, set up and torn down once a process (by
	 * hits_readers_init and hits_readers_shutdown); NULL when none. */
	void (*init)(void);
	void (*shutdown)(void);
};

/* The readers in sniffing order, NULL-terminated. */
extern const struct hits_reader *const hits_readers[];

/* Every reader's init hook: once a process, before the first hits_read. */
void hits_readers_init(void);
/* Every reader's shutdown hook, after the last hits_read. */
void hits_readers_shutdown(void);

/* The reader named name, or NULL. */
const struct hits_reader *hits_reader_find(const char *name);

/* "  NAME  DESCRIPTION" a line for each reader, in table order: for the help. */
void hits_readers_describe(FILE *f);
/* "maildir, mbox, sha256, md5, csv, list": the names in the table's order,
 * for the help. 0, or -1 when buf is too small. */
int hits_readers_names(char *buf, size_t sz);

/* What path holds, from its first non-blank line, or the directory: the
 * first reader of the table whose sniff takes it. Fatal (HITS_BAD_INPUT):
 * an empty file, a message file that does not start with "From ", a
 * directory that is not a maildir. */
enum hits_status hits_detect(const char *path, const struct hits_reader **form, char *err, size_t errsz);

/* Read path with reader, every hit and skip into sink, counts added to
 * *counts. Fatal: a digest file with a line that is not a digest of its
 * length (with the file and line, not the text), a CSV with no data row, a
 * maildir with no message. */
enum hits_status hits_read(const char *path, const struct hits_reader *form, const struct hits_sink *sink,
			   struct hits_counts *counts, char *err, size_t errsz);

#endif
