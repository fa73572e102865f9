/* Source arguments and their URIs, parsed in one place for the core and
 * every connector: the NAME=URI split, the scheme, the parts of
 * scheme://[user[:password]@]host[:port][/path][?query], percent-decoding,
 * the default source name, and the refusal of a password in a URI. */
#ifndef EXPOSURE_SOURCE_URI_H
#define EXPOSURE_SOURCE_URI_H

#include <stddef.h>

/* A span of the URI, not decoded; at is NULL when the part is absent
 * (an empty part that is present has at set and len 0). */
struct uri_part {
	const char *at;
	size_t len;
};

struct source_uri {
	struct uri_part scheme;
	struct uri_part user;     /* before the ':' or the last '@' of the user info */
	struct uri_part password; /* after the user's ':' */
	struct uri_part hostport; /* between the user info and the path: safe to show */
	struct uri_part host;     /* without the brackets of an IPv6 address */
	int bracketed;            /* the host was written [IPv6] */
	int host_ok;              /* 0: '[' without ']', "[]", or "[...]" followed by other than ":port" */
	struct uri_part port;     /* after the host's ':' */
	struct uri_part path;     /* after the '/' that ends the authority, up to '?' */
	struct uri_part query;    /* after the first '?' past the authority */
};

/* Length of a leading URI scheme ("sqlite" in "sqlite:x.db"), or 0. */
size_t source_uri_scheme_length(const char *uri);

/* Split "scheme://...". The authority ends at the first '/' or '?'; in it,
 * the last '@' ends the user info. 0, or -1 when uri is not "scheme://". */
int source_uri_split(const char *uri, struct source_uri *u);

/* Take the next "key[=value]" of query (split on '&', empty ones skipped)
 * into key and value (value absent without '='), moving query past it.
 * 1 when one was taken, 0 at the end. */
int source_uri_next_param(struct uri_part *query, struct uri_part *key, struct uri_part *value);

/* The n bytes at s, percent-decoded, in *out (malloc'd, NUL-terminated).
 * 0, -1 on a malformed escape or an escaped NUL, -2 out of memory. */
int uri_decode(const char *s, size_t n, char **out);

/* Overwrite a string that may hold a secret, then free it. NULL is fine. */
void uri_secret_free(char *s);

/* Length of a "NAME=" tag at the start of a source argument, or 0. */
size_t source_tag_length(const char *arg);

/* The name of an untagged source: the host of a URI ("localhost" when it
 * names none), else the file name of the path. malloc'd; NULL: no memory. */
char *source_default_name(const char *location);

/* 1 when uri carries a password: a ':' between "://" and the last '@'
 * (even where a malformed URI makes that '@' no end of the user info), a
 * "password=" anywhere, or a query key that, percent-decoded as libpq does,
 * contains "password" (any case: "passwor%64", "sslpassword"). Else 0. */
int source_uri_has_password(const char *uri);

/* 0 when uri carries no password; else -1 with "source WHO: a password in
 * the URI would show in the process list: give it through ..." naming the
 * ways of the URI's connector (its credentials_hint). Never echoes a value. */
int source_refuse_password(const char *uri, const char *who, char *err, size_t errsz);

/* Overwrite each occurrence of secret[0..n) in msg with '*'. */
void source_redact_span(char *msg, const char *secret, size_t n);

/* Blank out in msg, with '*', every password that uri carries: the user
 * info's and the values of the password keys above, as written and decoded. */
void source_uri_redact(char *msg, const char *uri);

/* Blank out in msg, with '*', every quoted span ("..." or '...') that holds
 * the value of a query parameter of uri, as written or decoded: client
 * libraries quote the values they refuse, and a value may be a secret. */
void source_uri_redact_values(char *msg, const char *uri);

#endif
