/* Profiles are data: which queries pull address fields out of a product's
 * schema, and what each result column means. The scan runs them through any
 * connector; nothing here knows which database it talks to. */
#ifndef EXPOSURE_PROFILE_H
#define EXPOSURE_PROFILE_H

#include <stddef.h>
#include <stdio.h>

enum origin { ORIGIN_LOGIN, ORIGIN_ADDRESSBOOK, ORIGIN_SENT, ORIGIN_COUNT };
#define ORIGIN_ALL ((1u << ORIGIN_COUNT) - 1)

/* "login", "addressbook", "sent". */
const char *origin_name(enum origin o);
/* Parse "login,sent" into a bit mask (1u << origin); -1 on an unknown name. */
int origins_parse(const char *list, unsigned *mask);

/* How a field is cleaned before it is parsed as an address list. */
enum field_filter {
	FILTER_NONE,
	FILTER_ATMAIL_LOGMSG, /* strip "<IP>:" or "WebMail:<IP>:" from Log_SendMail */
	FILTER_VCARD,         /* the field is a vCard: parse the value of each EMAIL line */
	FILTER_COUNT,
};

/* The filters are named once (profiles/filters.c): the loader reads the
 * names, the printer writes them, the scan asks what to strip. */
const char *field_filter_name(enum field_filter f);
/* The filter of that name (case-insensitively): 0, or -1 when none is. */
int field_filter_parse(const char *name, enum field_filter *f);
/* "none, atmail-logmsg or vcard", for messages. */
void field_filter_names(char *buf, size_t size);
/* How many leading bytes of a field the filter strips before parsing. */
size_t field_filter_skip(enum field_filter f, const char *s, size_t len);

/* Strip @Mail's Log_SendMail prefix ("<IP>:" or "WebMail:<IP>:"); returns
 * how many leading bytes to skip (profiles/atmail.c). */
size_t atmail_logmsg_prefix(const char *s, size_t len);

/* What a row's time says about the row, for the incident window: a row
 * created or written after --until was not there to be read and is left
 * out; a row only changed after it existed before and is kept. */
enum time_kind {
	TIME_KIND_CHANGED, /* a last-change or last-login time (the default: it never drops a row) */
	TIME_KIND_CREATED, /* when the row was created (@Mail Users.DateCreate, Abook DateAdded) */
	TIME_KIND_EVENT,   /* the row records an event and was written then (a log line) */
	TIME_KIND_COUNT,
};

/* "changed", "created", "event". */
const char *time_kind_name(enum time_kind k);
/* The kind of that name (case-insensitively): 0, or -1 when none is. */
int time_kind_parse(const char *name, enum time_kind *k);

/* Extractor flags. */
#define EXTRACTOR_LOGIN_NAME 1u /* the address may be a bare login: completed by --login-domain */

#define EXTRACTOR_MAX_ADDRESS 5

struct extractor {
	const char *name;
	enum origin origin;
	/* White-space separated globs ('*', '?'), matched case-insensitively
	 * against the source's tables: every match is read. NULL: the query
	 * names its tables itself and runs once (profile files). */
	const char *tables;
	/* The query; "{table}" is replaced by the quoted name of the table, and
	 * "{c:NAME}" by the quoted identifier NAME (for reserved words such as
	 * SquirrelMail's `user`). */
	const char *query;
	/* Result columns with address fields (NULL-terminated). */
	const char *address[EXTRACTOR_MAX_ADDRESS + 1];
	const char *owner; /* the account whose data held the row */
	const char *time;  /* NULL when rows carry no time */
	enum time_kind time_kind;
	/* A login time of the row's owner (Log_Login, last-login columns): an
	 * owner with one inside the window is in the customers-login segment.
	 * May be the time column itself. NULL: none. */
	const char *login_time;
	const char *key;   /* what names the row in the rejects file */
	/* A soft-delete flag column (Roundcube `del`): rows where it is set
	 * (anything but NULL, '', '0', 'f', 'false') are kept and counted apart,
	 * or skipped with --exclude-deleted. NULL: none. */
	const char *deleted;
	/* A column holding a vCard whose EMAIL lines are address fields too
	 * (Roundcube contacts), read with the same row. NULL: none. */
	const char *vcard;
	/* The address column whose domains are internal by default (logins). */
	const char *internal;
	/* A field this many characters long was cut at the column width: its
	 * last address is partial. 0: fields are never cut. */
	unsigned truncate_at;
	enum field_filter filter;
	unsigned flags;
};

struct profile {
	const char *name;
	const char *description;
	/* Globs of tables that must all be present for detection. */
	const char *detect;
	/* The owner value that is no user (@Mail's "System"); NULL: none. */
	const char *system_account;
	const struct extractor *extractors;
	size_t n_extractors;
};

/* A profile file: "[extractor NAME]" sections of "key = value" lines (see
 * docs). Returns a profile to free with profile_free, or NULL with a message
 * naming the file and line. */
struct profile *profile_load(const char *path, char *err, size_t errsz);
void profile_free(struct profile *p);

/* Detect which built-in profile fits a list of table names (its `detect`
 * globs all match one); NULL: none. */
const struct profile *profile_detect(const char *const *tables, size_t n);

/* Print p in the form of a profile file (a header of comments, then each
 * extractor's keys), from the loader's own table of keys. */
void profile_print(FILE *f, const struct profile *p);

/* Built-in profiles, by name; NULL when there is none of that name. */
const struct profile *profile_builtin(const char *name);
/* The i-th built-in profile, NULL past the last. */
const struct profile *profile_builtin_at(size_t i);
/* The built-in profiles' names joined by sep, for help and messages: 0, or
 * -1 when buf is too small. */
int profile_names_text(char *buf, size_t sz, const char *sep);

/* --profile NAME: a built-in profile, or a profile file when NAME has a '/'
 * or a '.' (then *loaded is set, to free with profile_free). NULL with a
 * message in err when it is neither. */
const struct profile *profile_choose(const char *name, struct profile **loaded, char *err, size_t errsz);

/* Case-insensitive glob match ('*' any run, '?' one character). */
int glob_match_ci(const char *pattern, const char *text);
/* 1 when `table` matches one of the white-space separated globs. */
int glob_list_match_ci(const char *globs, const char *table);

/* The one rule of which tables an extractor reads, shared by scan and probe:
 * each table its globs match, or, without globs, none of the listed ones:
 * its query names its own tables and runs once. */
int extractor_reads_table(const struct extractor *ex, const char *table);

/* Called for each run of an extractor: table is NULL for a query of its own. */
typedef int (*extractor_run_fn)(void *ctx, const struct extractor *ex, const char *table);

/* Call fn once per run of ex over the source's tables (see
 * extractor_reads_table). Returns the number of runs, 0 when no table of the
 * source fits, or -1 as soon as fn returns non-zero. */
long extractor_each_run(const struct extractor *ex, char *const *tables, size_t n, extractor_run_fn fn,
			void *ctx);

#endif
