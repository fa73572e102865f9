/* Address-list parsing and address normalisation.
 *
 * A database field holds an address *list* as people and mailers write it:
 *   Ann <a@x.org>, "Doe, Jo" <jo@y.org>; team: b@y.org, c@z.org; (c) d@w.org
 * addrlist_parse() splits it into items and hands each item to a callback,
 * either as a normalised address or as a reject with a reason. Every field
 * yields at least one callback, so counts reconcile: items = accepted + rejected.
 */
#ifndef EXPOSURE_ADDRESS_H
#define EXPOSURE_ADDRESS_H

#include <stddef.h>

#include "utf8.h"

/* Longest normalised address (RFC 5321: 254 octets) plus its NUL. */
#define ADDR_BUF 256
/* Longest field the parser looks at; a longer one is one `too-long` reject. */
#define ADDRLIST_MAX_FIELD (64 * 1024)

/* Why an item yielded no address. Names (addr_reject_name) are stable:
 * they appear in the rejects file and the summary. */
enum addr_reject {
	ADDR_OK = 0,
	ADDR_REJECT_EMPTY,          /* nothing that could be an address */
	ADDR_REJECT_NO_AT,          /* text without an @ */
	ADDR_REJECT_BAD_LOCAL,      /* local part is not a dot-atom or quoted string */
	ADDR_REJECT_BAD_DOMAIN,     /* domain is not a valid host name or literal */
	ADDR_REJECT_BAD_IDN,        /* internationalised domain libidn2 refuses */
	ADDR_REJECT_TRUNCATED,      /* the field was cut: its last item is partial */
	ADDR_REJECT_TOO_LONG,       /* address, local part, domain or field too long */
	ADDR_REJECT_BAD_ENCODING,   /* invalid UTF-8 */
	ADDR_REJECT_CONTROL_CHAR,   /* NUL or another control character */
	ADDR_REJECT_BAD_SYNTAX,     /* unbalanced quote, bracket or comment */
	ADDR_REJECT_SYSTEM_ACCOUNT, /* @Mail's `System` pseudo-account (set by callers) */
	/* appended, so that the reasons before keep their place in outputs */
	ADDR_REJECT_AMBIGUOUS,      /* a phrase glued to a bare addr-spec: "John Doe@x.org" */
	ADDR_REJECT_SINGLE_LABEL,   /* a domain of one label: "a@localhost" */
	ADDR_REJECT_COUNT
};

/* The stable name of a reason, e.g. "no-at-sign"; "ok" for ADDR_OK. */
const char *addr_reject_name(enum addr_reject why);

/* 1 when a reject suggests corrupt or hostile data rather than ordinary
 * mess (too-long, bad-encoding, control-char). */
int addr_reject_is_anomaly(enum addr_reject why);


/* Normalise one bare addr-spec (no display name, no brackets, no comments):
 * trims white space, splits on the last '@', checks the local part (words,
 * atoms or quoted strings, joined by dots: its value is written in one
 * canonical form, unquoted when it is a dot-atom, else quoted with a
 * backslash only before '"' and '\') and the domain (host name of two or
 * more labels, or [IPv4] / [IPv6:...] literal), converts an
 * internationalised domain to punycode with libidn2, drops one trailing dot
 * of the domain, lower-cases the whole address (ASCII letters only; UTF-8
 * local parts are kept otherwise as they are).
 * On ADDR_OK, out holds the NUL-terminated address. */
enum addr_reject addr_normalise(const char *spec, size_t len, char out[ADDR_BUF]);

/* Flags for addrlist_parse. */
#define ADDRLIST_TRUNCATED 1u /* field was cut at its column width */

/* One item of a list. On ADDR_OK `addr` is the normalised address;
 * otherwise `addr` is NULL. `raw`/`raw_len` is the item's text as it stood
 * in the field (not NUL-terminated). Return 0 to go on, non-zero to stop. */
typedef int (*addr_item_fn)(void *ctx, enum addr_reject why, const char *addr,
			    const char *raw, size_t raw_len);

/* Parse a field holding an address list and call `cb` once per item.
 * Accepted syntax, leniently: comma- or semicolon-separated items; display
 * names (atoms, quoted strings with commas, RFC 2047 encoded words kept as
 * one token); comments, nested; angle addresses, with an obsolete source
 * route dropped; group syntax `name: a, b;` (an empty group yields nothing);
 * bare addresses separated only by white space (`a@x.org b@y.org`, as in
 * header text joined with spaces). Obsolete syntax (RFC 5322 section 4.4)
 * is read the same in a bare addr-spec and inside <...>: white space,
 * folding and comments around each '.' and '@' vanish, and words joined by
 * dots are one local part (`"first" . last @ x.org`). A phrase glued to a
 * bare addr-spec (`John Doe@x.org`) is one `ambiguous` reject, never a
 * guess; a control character in a comment or a quoted display name is
 * allowed, in the addr-spec it is not. With ADDRLIST_TRUNCATED the last item is
 * rejected as `truncated` unless the field ends after a separator, white
 * space or a closing '>' (and it is, even after white space, when a quote,
 * comment or bracket is left open at the end). A field with no item at all yields one `empty`
 * reject; a field longer than ADDRLIST_MAX_FIELD yields one `too-long`.
 * Returns 0, or the callback's non-zero value if it stopped the parse. */
int addrlist_parse(const char *field, size_t len, unsigned flags,
		   addr_item_fn cb, void *ctx);

#endif
