/* Address-list parsing and normalisation: every case states the exact
 * outcome, the whole list of callbacks in order. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "suites.h"
#include "../analyser/address/address_private.h"

#define MAX_SEEN 16
#define TEXT_MAX 600

/* A string literal and its length, NUL bytes included. */
#define BYTES(s) s, sizeof(s) - 1

/* What the callback saw, one line per item: "<reason> <address or raw>",
 * and separately "<reason> <raw>". Raw bytes that are not printable are
 * shown as \xNN. */
struct seen {
	char line[MAX_SEEN][TEXT_MAX];
	char raw[MAX_SEEN][TEXT_MAX];
	size_t raw_len[MAX_SEEN];
	int n;
	int stop_at; /* 1-based call that answers stop_rc; 0: never stop */
	int stop_rc;
};

static void escape(char *dst, size_t cap, const char *src, size_t n)
{
	size_t used = 0;
	for (size_t i = 0; i < n && used + 5 < cap; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c < 0x20 || c == 0x7f)
			used += (size_t)snprintf(dst + used, cap - used, "\\x%02x", c);
		else
			dst[used++] = (char)c;
	}
	dst[used] = '\0';
}

static int collect(void *ctx, enum addr_reject why, const char *addr,
		   const char *raw, size_t raw_len)
{
	struct seen *s = ctx;
	char text[TEXT_MAX - 32];

	ck_assert_int_lt(s->n, MAX_SEEN);
	ck_assert(why == ADDR_OK ? addr != NULL : addr == NULL);
	escape(text, sizeof text, raw, raw_len);
	snprintf(s->raw[s->n], TEXT_MAX, "%s %s", addr_reject_name(why), text);
	snprintf(s->line[s->n], TEXT_MAX, "%s %s", addr_reject_name(why),
		 why == ADDR_OK ? addr : text);
	s->raw_len[s->n] = raw_len;
	s->n++;
	return s->n == s->stop_at ? s->stop_rc : 0;
}

static void join(char *dst, size_t cap, char lines[][TEXT_MAX], int n)
{
	dst[0] = '\0';
	for (int i = 0; i < n; i++) {
		strncat(dst, i ? " | " : "", cap - strlen(dst) - 1);
		strncat(dst, lines[i], cap - strlen(dst) - 1);
	}
}

static void join_expected(char *dst, size_t cap, const char *const *want, int *n)
{
	dst[0] = '\0';
	for (*n = 0; want[*n]; (*n)++) {
		strncat(dst, *n ? " | " : "", cap - strlen(dst) - 1);
		strncat(dst, want[*n], cap - strlen(dst) - 1);
	}
}

/* Compare what was seen, line by line, with a NULL-terminated list. */
static void assert_seen(const char *what, char lines[][TEXT_MAX], int n,
			const char *const *want)
{
	char got_s[4096], want_s[4096];
	int want_n;

	join(got_s, sizeof got_s, lines, n);
	join_expected(want_s, sizeof want_s, want, &want_n);
	ck_assert_msg(want_n == n && strcmp(got_s, want_s) == 0,
		      "%s:\n  got  [%s]\n  want [%s]", what, got_s, want_s);
}

#define MAX_WANT 8

struct list_case {
	const char *field;
	size_t len;
	unsigned flags;
	const char *want[MAX_WANT];
};

#define CUT ADDRLIST_TRUNCATED

static const struct list_case list_cases[] = {
	/* plain, case, white space */
	{ BYTES("a@x.org"), 0, { "ok a@x.org" } },
	{ BYTES("A.B@X.ORG"), 0, { "ok a.b@x.org" } },
	{ BYTES(" \t a@x.org \r\n"), 0, { "ok a@x.org" } },
	{ BYTES("a+tag@sub.x.org, b_c@y.org"), 0, { "ok a+tag@sub.x.org", "ok b_c@y.org" } },
	/* display names */
	{ BYTES("Ann Example <Ann.Example@X.org>"), 0, { "ok ann.example@x.org" } },
	{ BYTES("\"ann@x.org\" <Ann@X.org>"), 0, { "ok ann@x.org" } },
	{ BYTES("=?utf-8?q?J=C3=B6rg?= <J@x.org>"), 0, { "ok j@x.org" } },
	{ BYTES("Ann <@x.org>"), 0, { "bad-local-part Ann <@x.org>" } },
	{ BYTES("Ann <a@x.org>, \"Doe, Jo\" <jo@y.org>"), 0, { "ok a@x.org", "ok jo@y.org" } },
	{ BYTES("\"Doe, Jo \\\"JD\\\"\" <jo@y.org>"), 0, { "ok jo@y.org" } },
	/* a bare address before an angle address is an address, not a name */
	{ BYTES("a@x.org <b@y.org>"), 0, { "ok a@x.org", "ok b@y.org" } },
	{ BYTES("a@x.org b@y.org Carl <c@z.org>"), 0, { "ok a@x.org", "ok b@y.org", "ok c@z.org" } },
	{ BYTES("\"a@x.org\" <b@y.org>"), 0, { "ok b@y.org" } },
	{ BYTES("<a@x.org>"), 0, { "ok a@x.org" } },
	{ BYTES("< a@x.org >"), 0, { "ok a@x.org" } },
	/* RFC 2047 encoded display names, commas inside them */
	{ BYTES("=?UTF-8?B?SsO8cmdlbiwgSg==?= <j@x.org>"), 0, { "ok j@x.org" } },
	{ BYTES("=?iso-8859-1?Q?Doe,_J=F6?= <jo@y.org>, b@y.org"), 0,
	  { "ok jo@y.org", "ok b@y.org" } },
	{ BYTES("=?utf-8?q?Doe,_Jo?="), 0, { "no-at-sign =?utf-8?q?Doe,_Jo?=" } },
	{ BYTES("=?utf-8?q?a?= =?utf-8?q?,b?= <c@z.org>"), 0, { "ok c@z.org" } },
	{ BYTES("=?broken, a@x.org"), 0, { "no-at-sign =?broken", "ok a@x.org" } },
	/* comments */
	{ BYTES("(boss) a@x.org"), 0, { "ok a@x.org" } },
	{ BYTES("a@x.org (Ann)"), 0, { "ok a@x.org" } },
	{ BYTES("a@x.org(Ann)"), 0, { "ok a@x.org" } },
	{ BYTES("Ann (the (nested) boss) <a@x.org>"), 0, { "ok a@x.org" } },
	{ BYTES("<a@x.org (Ann)>"), 0, { "ok a@x.org" } },
	{ BYTES("<(Ann)a(x)@x.org>"), 0, { "ok a@x.org" } },
	{ BYTES("(Doe, Jo; \\) x: y) a@x.org"), 0, { "ok a@x.org" } },
	{ BYTES("(only a comment)"), 0, { "empty (only a comment)" } },
	/* groups, semicolons */
	{ BYTES("team: b@y.org, c@z.org;"), 0, { "ok b@y.org", "ok c@z.org" } },
	{ BYTES("\"The Team\": b@y.org; d@w.org"), 0, { "ok b@y.org", "ok d@w.org" } },
	{ BYTES("Ann <a@x.org>, \"Doe, Jo\" <jo@y.org>; team: b@y.org, c@z.org; (c) d@w.org"), 0,
	  { "ok a@x.org", "ok jo@y.org", "ok b@y.org", "ok c@z.org", "ok d@w.org" } },
	{ BYTES("undisclosed-recipients:;"), 0, { "empty undisclosed-recipients:;" } },
	{ BYTES("a@x.org, undisclosed-recipients:;, b@y.org"), 0, { "ok a@x.org", "ok b@y.org" } },
	{ BYTES("a@x.org; b@y.org;c@z.org"), 0, { "ok a@x.org", "ok b@y.org", "ok c@z.org" } },
	{ BYTES("Re: Ann <a@x.org>"), 0, { "ok a@x.org" } },
	{ BYTES("mailto:a@x.org"), 0, { "ok a@x.org" } },
	{ BYTES("a@x.org: b@y.org"), 0, { "ok a@x.org", "ok b@y.org" } },
	/* several addresses in one item */
	{ BYTES("a@x.org b@y.org\tc@z.org"), 0, { "ok a@x.org", "ok b@y.org", "ok c@z.org" } },
	{ BYTES("Ann <a@x.org> c@z.org"), 0, { "ok a@x.org", "ok c@z.org" } },
	{ BYTES("Ann <a@x.org> Bob <b@y.org>"), 0, { "ok a@x.org", "ok b@y.org" } },
	/* a phrase glued to a bare address: the name, or a part of it? (issue 12) */
	{ BYTES("Ann a@x.org"), 0, { "ambiguous Ann a@x.org" } },
	{ BYTES("a@x.org, Ann Example, b@y.org"), 0,
	  { "ok a@x.org", "no-at-sign Ann Example", "ok b@y.org" } },
	{ BYTES("\"Ann\""), 0, { "no-at-sign \"Ann\"" } },
	/* source routes */
	{ BYTES("<@r1.org,@r2.org:a@x.org>"), 0, { "ok a@x.org" } },
	{ BYTES("Ann <@r1.org:A@X.org>, b@y.org"), 0, { "ok a@x.org", "ok b@y.org" } },
	/* quoted local parts */
	{ BYTES("\"jo smith\"@y.org"), 0, { "ok \"jo smith\"@y.org" } },
	{ BYTES("\"Jo.Smith\"@Y.org"), 0, { "ok jo.smith@y.org" } },
	{ BYTES("Jo <\"jo, smith\"@y.org>"), 0, { "ok \"jo, smith\"@y.org" } },
	{ BYTES("\"a\\\"b\"@x.org"), 0, { "ok \"a\\\"b\"@x.org" } },
	{ BYTES("\"a@b\"@x.org"), 0, { "ok \"a@b\"@x.org" } },
	{ BYTES("jo.\"smith\"@y.org"), 0, { "ok jo.smith@y.org" } },
	{ BYTES("<a b@x.org>"), 0, { "bad-local-part <a b@x.org>" } },
	{ BYTES("<a @ x . org>"), 0, { "ok a@x.org" } },
	/* internationalised addresses */
	{ BYTES("jürgen@münchen.de"), 0, { "ok jürgen@xn--mnchen-3ya.de" } },
	{ BYTES("Jürgen <JÜRGEN@MÜNCHEN.DE>"), 0, { "ok jÜrgen@xn--mnchen-3ya.de" } },
	{ BYTES("a@☃.com"), 0, { "bad-idn a@☃.com" } },
	{ BYTES("a@\xcc\x81x.org"), 0, { "bad-idn a@\xcc\x81x.org" } },
	/* domains */
	{ BYTES("a@x.org."), 0, { "ok a@x.org" } },
	{ BYTES("a@x.org.."), 0, { "bad-domain a@x.org.." } },
	{ BYTES("a@[192.0.2.1]"), 0, { "ok a@[192.0.2.1]" } },
	{ BYTES("a@[IPv6:2001:DB8::1], b@y.org"), 0, { "ok a@[ipv6:2001:db8::1]", "ok b@y.org" } },
	{ BYTES("Ann <a@[IPv6:::1]>"), 0, { "ok a@[ipv6:::1]" } },
	{ BYTES("a@[300.1.1.1]"), 0, { "bad-domain a@[300.1.1.1]" } },
	{ BYTES("a@localhost"), 0, { "single-label-domain a@localhost" } },
	{ BYTES("a@x..org"), 0, { "bad-domain a@x..org" } },
	{ BYTES("a@-x.org"), 0, { "bad-domain a@-x.org" } },
	{ BYTES("a@x.123"), 0, { "bad-domain a@x.123" } },
	{ BYTES("a@x_y.org"), 0, { "bad-domain a@x_y.org" } },
	{ BYTES("a@"), 0, { "bad-domain a@" } },
	{ BYTES("@x.org"), 0, { "bad-local-part @x.org" } },
	{ BYTES("a@b@x.org"), 0, { "bad-local-part a@b@x.org" } },
	{ BYTES("<>"), 0, { "empty <>" } },
	/* encoding and control characters */
	{ BYTES("a\xff@x.org"), 0, { "bad-encoding a\xff@x.org" } },
	{ BYTES("Ann \xc0\xaf <a@x.org>, b@y.org"), 0,
	  { "bad-encoding Ann \xc0\xaf <a@x.org>", "ok b@y.org" } },
	{ BYTES("a\0b@x.org"), 0, { "control-char a\\x00b@x.org" } },
	{ BYTES("a@x.org, b@y.org\0, c@z.org"), 0,
	  { "ok a@x.org", "control-char b@y.org\\x00", "ok c@z.org" } },
	{ BYTES("Ann\x7f <a@x.org>"), 0, { "control-char Ann\\x7f <a@x.org>" } },
	{ BYTES("a@x.org,\r\n\tb@y.org"), 0, { "ok a@x.org", "ok b@y.org" } },
	/* unbalanced */
	{ BYTES("\"Ann <a@x.org>, b@y.org"), 0, { "bad-syntax \"Ann <a@x.org>, b@y.org" } },
	{ BYTES("Ann <a@x.org, b@y.org"), 0, { "bad-syntax Ann <a@x.org, b@y.org" } },
	{ BYTES("(Ann a@x.org"), 0, { "bad-syntax (Ann a@x.org" } },
	{ BYTES("Ann a@x.org>, b@y.org"), 0, { "bad-syntax Ann a@x.org>", "ok b@y.org" } },
	{ BYTES("a@x.org), b@y.org"), 0, { "bad-syntax a@x.org)", "ok b@y.org" } },
	/* issue 12: obsolete CFWS in a bare addr-spec, read as inside <...> */
	{ BYTES("test . test@iana.org"), 0, { "ok test.test@iana.org" } },
	{ BYTES("merwok. wok .  wok@xample.com"), 0, { "ok merwok.wok.wok@xample.com" } },
	{ BYTES("test.(comment)test@iana.org"), 0, { "ok test.test@iana.org" } },
	{ BYTES("Test.\r\n Folding.\r\n Whitespace@iana.org"), 0, { "ok test.folding.whitespace@iana.org" } },
	{ BYTES("pete(his account)@silly.test(his host)"), 0, { "ok pete@silly.test" } },
	{ BYTES("foo  @bar.com"), 0, { "ok foo@bar.com" } },
	{ BYTES("foo@  bar.com"), 0, { "ok foo@bar.com" } },
	{ BYTES("first.last @iana.org"), 0, { "ok first.last@iana.org" } },
	{ BYTES("jdoe@test   . example"), 0, { "ok jdoe@test.example" } },
	{ BYTES("jdoe@test.  example"), 0, { "ok jdoe@test.example" } },
	{ BYTES("(foo) dinsdale(bar)@ (bird) example.com (bog)"), 0, { "ok dinsdale@example.com" } },
	{ BYTES("<test . test@iana.org>"), 0, { "ok test.test@iana.org" } },
	{ BYTES("a@x.org. b@y.org"), 0, { "ok a@x.org", "ok b@y.org" } },
	/* issue 12: words joined by dots are one local part, in one form */
	{ BYTES("\"first\".last@iana.org"), 0, { "ok first.last@iana.org" } },
	{ BYTES("<\"first\".last@iana.org>"), 0, { "ok first.last@iana.org" } },
	{ BYTES("\"first\" . \"last\"@iana.org"), 0, { "ok first.last@iana.org" } },
	{ BYTES("\"a b\"@x.org, \"a\\ b\"@x.org"), 0, { "ok \"a b\"@x.org", "ok \"a b\"@x.org" } },
	{ BYTES("\"a\\b\"@x.org"), 0, { "ok ab@x.org" } },
	{ BYTES("\"first\\\"last\"@x.org"), 0, { "ok \"first\\\"last\"@x.org" } },
	{ BYTES("\"a..b\"@x.org"), 0, { "ok \"a..b\"@x.org" } },
	{ BYTES("\"a\".\"b c\"@x.org"), 0, { "ok \"a.b c\"@x.org" } },
	{ BYTES("\"\"@x.org"), 0, { "bad-local-part \"\"@x.org" } },
	{ BYTES("a.\"b\"c@x.org"), 0, { "bad-local-part a.\"b\"c@x.org" } },
	/* issue 12: a phrase glued to a bare addr-spec is ambiguous */
	{ BYTES("John Doe@foo.bar"), 0, { "ambiguous John Doe@foo.bar" } },
	{ BYTES("Ima Fool@iana.org"), 0, { "ambiguous Ima Fool@iana.org" } },
	{ BYTES("Carl c@z.org"), 0, { "ambiguous Carl c@z.org" } },
	{ BYTES("John Doe @ foo.bar"), 0, { "ambiguous John Doe @ foo.bar" } },
	{ BYTES("\"Ann\" a@x.org"), 0, { "ambiguous \"Ann\" a@x.org" } },
	{ BYTES("Fred\\ Bloggs@iana.org"), 0, { "ambiguous Fred\\ Bloggs@iana.org" } },
	{ BYTES("a@x.org Carl c@z.org"), 0, { "ok a@x.org", "ambiguous Carl c@z.org" } },
	{ BYTES("a@x.org, Carl c@z.org"), 0, { "ok a@x.org", "ambiguous Carl c@z.org" } },
	/* issue 12: our leniency stays: white space separates bare addresses,
	 * words after a complete addr-spec cannot continue it */
	{ BYTES("a@x.org Carl <c@z.org>"), 0, { "ok a@x.org", "ok c@z.org" } },
	{ BYTES("a@x.org Alice"), 0, { "ok a@x.org" } },
	/* issue 12: single-label domains have their own reason */
	{ BYTES("postmaster@localhost"), 0, { "single-label-domain postmaster@localhost" } },
	{ BYTES("a@1.2.3.4"), 0, { "bad-domain a@1.2.3.4" } },
	{ BYTES("a@123"), 0, { "bad-domain a@123" } },
	/* issue 12: control characters in comments and quoted names are allowed */
	{ BYTES("(\x07)test@iana.org"), 0, { "ok test@iana.org" } },
	{ BYTES("\"Ann\x07\" <a@x.org>"), 0, { "ok a@x.org" } },
	{ BYTES("<a(\x01)@x.org>"), 0, { "ok a@x.org" } },
	{ BYTES("\"a\x07\"@x.org"), 0, { "control-char \"a\\x07\"@x.org" } },
	{ BYTES("(\0)a@x.org"), 0, { "control-char (\\x00)a@x.org" } },
	{ BYTES("a@x\x01.org"), 0, { "control-char a@x\\x01.org" } },
	/* issue 12: an obsolete route with comments; a missing '>' stays a reject */
	{ BYTES("(foo)<@example.com, (bird) @two.example.com: dinsdale@example.com>"), 0,
	  { "ok dinsdale@example.com" } },
	{ BYTES("<dinsdale@example.com"), 0, { "bad-syntax <dinsdale@example.com" } },
	/* brackets that do not pair up; those that do are left to the other rules */
	{ BYTES("alice@example.org<<bob@example.com>, c@z.org"), 0,
	  { "bad-syntax alice@example.org<<bob@example.com>", "ok c@z.org" } },
	{ BYTES("alice@example.org[<bob@example.com>"), 0, { "bad-syntax alice@example.org[<bob@example.com>" } },
	{ BYTES("<jdoe@[192.168.0.1>"), 0, { "bad-syntax <jdoe@[192.168.0.1>" } },
	{ BYTES("a@[1.2.3.4\\]"), 0, { "bad-syntax a@[1.2.3.4\\]" } },
	{ BYTES("a@x.org]"), 0, { "bad-syntax a@x.org]" } },
	{ BYTES("[EXT] Ann <a@x.org>"), 0, { "ok a@x.org" } },
	{ BYTES("\"[a]\" <a@x.org>, (]) b@y.org"), 0, { "ok a@x.org", "ok b@y.org" } },
	/* folding inside a quoted local part unfolds; an escaped CR does not */
	{ BYTES("\"test\r\n blah\"@iana.org"), 0, { "ok \"test blah\"@iana.org" } },
	{ BYTES("\"test\\\r\n blah\"@iana.org"), 0, { "control-char \"test\\\\x0d\\x0a blah\"@iana.org" } },
	/* nothing there */
	{ BYTES(""), 0, { "empty " } },
	{ BYTES("  \t "), 0, { "empty   \\x09 " } },
	{ BYTES(",;,"), 0, { "empty ,;," } },
	{ BYTES(""), CUT, { "empty " } },
	/* truncated fields */
	{ BYTES("a@x.org, b@y.o"), CUT, { "ok a@x.org", "truncated b@y.o" } },
	{ BYTES("a@x.org, b@y.o"), 0, { "ok a@x.org", "ok b@y.o" } },
	{ BYTES("a@x.or"), CUT, { "truncated a@x.or" } },
	{ BYTES("a@x.org, \"Doe, J"), CUT, { "ok a@x.org", "truncated \"Doe, J" } },
	{ BYTES("a@x.org, Ann <b@y.or"), CUT, { "ok a@x.org", "truncated Ann <b@y.or" } },
	{ BYTES("a@x.org (Ann"), CUT, { "ok a@x.org", "truncated (Ann" } },
	/* a cut after a blank inside a quote or comment is still a cut (issue 18:
	 * a LogMsg cut at 64 as '..., "John ' was bad-syntax) */
	{ BYTES("a@x.org, \"John "), CUT, { "ok a@x.org", "truncated \"John" } },
	{ BYTES("a@x.org (Ann "), CUT, { "ok a@x.org", "truncated (Ann" } },
	{ BYTES("a@x.org, \"John "), 0, { "ok a@x.org", "bad-syntax \"John" } },
	/* header text joined with spaces and cut: only the last piece is partial */
	{ BYTES("to.person@example.com cc.person@example.org bcc@example"), CUT,
	  { "ok to.person@example.com", "ok cc.person@example.org", "truncated bcc@example" } },
	{ BYTES("Ann <a@x.org> Bob <b@y.o"), CUT, { "ok a@x.org", "truncated Bob <b@y.o" } },
	{ BYTES("x@y.org, Jo Smith <jo@exa"), CUT, { "ok x@y.org", "truncated Jo Smith <jo@exa" } },
	{ BYTES("a@x.org, jürgen@m\xc3"), CUT, { "ok a@x.org", "truncated jürgen@m\xc3" } },
	{ BYTES("a@x.org, b@y.org,"), CUT, { "ok a@x.org", "ok b@y.org" } },
	{ BYTES("a@x.org; b@y.org;"), CUT, { "ok a@x.org", "ok b@y.org" } },
	{ BYTES("a@x.org, b@y.org "), CUT, { "ok a@x.org", "ok b@y.org" } },
	{ BYTES("a@x.org, Bob <b@y.org>"), CUT, { "ok a@x.org", "ok b@y.org" } },
	{ BYTES("team:"), CUT, { "empty team:" } },
};

START_TEST(test_list)
{
	const struct list_case *c = &list_cases[_i];
	struct seen s = { .n = 0 };
	char what[TEXT_MAX];

	escape(what, sizeof what, c->field, c->len);
	ck_assert_int_eq(addrlist_parse(c->field, c->len, c->flags, collect, &s), 0);
	assert_seen(what, s.line, s.n, c->want);
}
END_TEST

/* The raw text handed back with each item. */
static const struct list_case raw_cases[] = {
	{ BYTES("  Ann <a@x.org> (boss) ,b@y.org"), 0,
	  { "ok Ann <a@x.org> (boss)", "ok b@y.org" } },
	{ BYTES("a@x.org  b@y.org"), 0, { "ok a@x.org", "ok b@y.org" } },
	{ BYTES("Ann <a@x.org> c@z.org"), 0, { "ok Ann <a@x.org>", "ok c@z.org" } },
	{ BYTES("Ann <a@x.org> Bob <B@y.org>"), 0, { "ok Ann <a@x.org>", "ok Bob <B@y.org>" } },
	{ BYTES("  Ann Example , x"), 0, { "no-at-sign Ann Example", "no-at-sign x" } },
	{ BYTES("team: Ann <a@x.org>;"), 0, { "ok Ann <a@x.org>" } },
	{ BYTES("a@x.org,  b@y.o"), CUT, { "ok a@x.org", "truncated b@y.o" } },
	/* one bare address, the direct path: the raw text is the trimmed field */
	{ BYTES(" \t FRIEND12@Example.COM \r\n"), 0, { "ok FRIEND12@Example.COM" } },
	{ BYTES("a@b@x.org"), 0, { "bad-local-part a@b@x.org" } },
	{ BYTES("a..b@x.org"), 0, { "bad-local-part a..b@x.org" } },
	{ BYTES("a@x"), 0, { "single-label-domain a@x" } },
	{ BYTES("=?utf-8?q?x?=@x.org"), 0, { "ok =?utf-8?q?x?=@x.org" } },
	{ BYTES("a@x.org"), CUT, { "truncated a@x.org" } },
	{ BYTES("a@x.org "), CUT, { "ok a@x.org" } },
	/* one display name and one angle address, the direct path */
	{ BYTES("  Friend   12 <Friend12@Example.COM>  "), 0, { "ok Friend   12 <Friend12@Example.COM>" } },
	{ BYTES("\"Doe, J12\" <friend12@example.com>"), 0, { "ok \"Doe, J12\" <friend12@example.com>" } },
	{ BYTES("\"ann@x.org\" <Ann@X.org>"), 0, { "ok \"ann@x.org\" <Ann@X.org>" } },
	{ BYTES("<a@x.org>"), 0, { "ok <a@x.org>" } },
	{ BYTES("Ann <a..b@x.org>"), 0, { "bad-local-part Ann <a..b@x.org>" } },
	{ BYTES("Ann <@x.org>"), 0, { "bad-local-part Ann <@x.org>" } },
	{ BYTES("Ann <a@x>"), 0, { "single-label-domain Ann <a@x>" } },
	{ BYTES("=?utf-8?q?J=C3=B6rg?= <j@x.org>"), 0, { "ok =?utf-8?q?J=C3=B6rg?= <j@x.org>" } },
	{ BYTES("a.b Jr. <a@x.org>"), 0, { "ok a.b Jr. <a@x.org>" } },
	/* an encoded word takes specials into its word: the general path decides */
	{ BYTES("=?u?q?<x?=@y.org>"), 0, { "bad-syntax =?u?q?<x?=@y.org>" } },
	{ BYTES("=?u?q?\"?= \"<x@y.org>"), 0, { "bad-syntax =?u?q?\"?= \"<x@y.org>" } },
	{ BYTES("Ann <a@x.org>"), CUT, { "ok Ann <a@x.org>" } },
};

START_TEST(test_raw)
{
	const struct list_case *c = &raw_cases[_i];
	struct seen s = { .n = 0 };

	ck_assert_int_eq(addrlist_parse(c->field, c->len, c->flags, collect, &s), 0);
	assert_seen(c->field, s.raw, s.n, c->want);
}
END_TEST

/* The direct paths of addrlist_parse (one bare address; one name and one
 * angle address) make the callbacks the general parser makes. */
static void assert_paths_agree(const struct list_case *c)
{
	struct seen direct = { .n = 0 }, general = { .n = 0 };
	char what[TEXT_MAX];

	escape(what, sizeof what, c->field, c->len);
	ck_assert_int_eq(addrlist_parse(c->field, c->len, c->flags, collect, &direct), 0);
	ck_assert_int_eq(addrlist_parse_general(c->field, c->len, c->flags, collect, &general), 0);
	ck_assert_msg(direct.n == general.n, "%s: %d callbacks, %d on the general path", what,
		      direct.n, general.n);
	for (int i = 0; i < direct.n; i++) {
		ck_assert_msg(strcmp(direct.raw[i], general.raw[i]) == 0 &&
				      strcmp(direct.line[i], general.line[i]) == 0,
			      "%s: [%s | %s], on the general path [%s | %s]", what, direct.line[i],
			      direct.raw[i], general.line[i], general.raw[i]);
	}
}

START_TEST(test_list_paths_agree)
{
	assert_paths_agree(&list_cases[_i]);
}
END_TEST

START_TEST(test_raw_paths_agree)
{
	assert_paths_agree(&raw_cases[_i]);
}
END_TEST

struct norm_case {
	const char *spec;
	size_t len;
	enum addr_reject why;
	const char *out; /* on ADDR_OK */
};

static const struct norm_case norm_cases[] = {
	{ BYTES("a@x.org"), ADDR_OK, "a@x.org" },
	{ BYTES("  A@X.ORG\t"), ADDR_OK, "a@x.org" },
	{ BYTES(""), ADDR_REJECT_EMPTY, NULL },
	{ BYTES(" \r\n"), ADDR_REJECT_EMPTY, NULL },
	{ BYTES("ann"), ADDR_REJECT_NO_AT, NULL },
	{ BYTES("a\tb@x.org"), ADDR_REJECT_CONTROL_CHAR, NULL },
	{ BYTES("a@x.org\0"), ADDR_REJECT_CONTROL_CHAR, NULL },
	{ BYTES("\xed\xa0\x80@x.org"), ADDR_REJECT_BAD_ENCODING, NULL },
	{ BYTES("\xf4\x90\x80\x80@x.org"), ADDR_REJECT_BAD_ENCODING, NULL },
	{ BYTES("\xe2\x82@x.org"), ADDR_REJECT_BAD_ENCODING, NULL },
	{ BYTES("a\x01\xff@x.org"), ADDR_REJECT_CONTROL_CHAR, NULL },
	{ BYTES("ü@x.org"), ADDR_OK, "ü@x.org" },
	{ BYTES(".a@x.org"), ADDR_REJECT_BAD_LOCAL, NULL },
	{ BYTES("a.@x.org"), ADDR_REJECT_BAD_LOCAL, NULL },
	{ BYTES("a..b@x.org"), ADDR_REJECT_BAD_LOCAL, NULL },
	{ BYTES("a(b@x.org"), ADDR_REJECT_BAD_LOCAL, NULL },
	{ BYTES("\"\"@x.org"), ADDR_REJECT_BAD_LOCAL, NULL },
	{ BYTES("\"a\"b\"@x.org"), ADDR_REJECT_BAD_LOCAL, NULL },
	{ BYTES("\"a\\\"@x.org"), ADDR_REJECT_BAD_LOCAL, NULL },
	{ BYTES("\"a b\" @x.org"), ADDR_REJECT_BAD_LOCAL, NULL },
	{ BYTES("\"A\\B\"@x.org"), ADDR_OK, "ab@x.org" },
	{ BYTES("\"A..B\"@x.org"), ADDR_OK, "\"a..b\"@x.org" },
	{ BYTES("!#$%&'*+-/=?^_`{|}~@x.org"), ADDR_OK, "!#$%&'*+-/=?^_`{|}~@x.org" },
	{ BYTES("a@x-y.org"), ADDR_OK, "a@x-y.org" },
	{ BYTES("a@x-.org"), ADDR_REJECT_BAD_DOMAIN, NULL },
	{ BYTES("a@1.2.3.4"), ADDR_REJECT_BAD_DOMAIN, NULL },
	{ BYTES("a@123.org"), ADDR_OK, "a@123.org" },
	{ BYTES("a@x.org.."), ADDR_REJECT_BAD_DOMAIN, NULL },
	{ BYTES("a@."), ADDR_REJECT_BAD_DOMAIN, NULL },
	{ BYTES("a@[1.2.3.4"), ADDR_REJECT_BAD_DOMAIN, NULL },
	{ BYTES("a@[]"), ADDR_REJECT_BAD_DOMAIN, NULL },
	{ BYTES("a@[IPv6:1.2.3.4]"), ADDR_REJECT_BAD_DOMAIN, NULL },
	{ BYTES("a@[2001:db8::1]"), ADDR_REJECT_BAD_DOMAIN, NULL },
	{ BYTES("a@[ipv6:2001:DB8::1]."), ADDR_OK, "a@[ipv6:2001:db8::1]" },
	{ BYTES("a@faß.de"), ADDR_OK, "a@xn--fa-hia.de" },
	{ BYTES("a@münchen"), ADDR_REJECT_SINGLE_LABEL, NULL },
	{ BYTES("a@xn--mnchen-3ya.de"), ADDR_OK, "a@xn--mnchen-3ya.de" },
	{ BYTES("a@a\xe2\x80\x8d" "b.org"), ADDR_REJECT_BAD_IDN, NULL },
};

START_TEST(test_normalise)
{
	const struct norm_case *c = &norm_cases[_i];
	char out[ADDR_BUF];
	enum addr_reject why;

	memset(out, 'z', sizeof out);
	why = addr_normalise(c->spec, c->len, out);
	ck_assert_msg(why == c->why, "'%s': got %s, want %s", c->spec,
		      addr_reject_name(why), addr_reject_name(c->why));
	if (why == ADDR_OK)
		ck_assert_str_eq(out, c->out);
	else
		ck_assert_str_eq(out, "");
}
END_TEST

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static enum addr_reject normalise_parts(const char *local, const char *domain,
					char out[ADDR_BUF])
{
	char spec[1024];
	snprintf(spec, sizeof spec, "%s@%s", local, domain);
	return addr_normalise(spec, strlen(spec), out);
}

START_TEST(test_lengths)
{
	char out[ADDR_BUF];
	char *l64 = repeat('a', 64), *l65 = repeat('a', 65);
	char *label63 = repeat('b', 63), *label64 = repeat('b', 64);
	char domain[600];

	ck_assert_int_eq(normalise_parts(l64, "x.org", out), ADDR_OK);
	ck_assert_int_eq(strlen(out), 70);
	ck_assert_int_eq(normalise_parts(l65, "x.org", out), ADDR_REJECT_TOO_LONG);
	/* a 65-octet local part written as a quoted string is still too long */
	snprintf(domain, sizeof domain, "\"%s\"", l64);
	ck_assert_int_eq(normalise_parts(domain, "x.org", out), ADDR_OK);
	snprintf(domain, sizeof domain, "\"%s\"", l65);
	ck_assert_int_eq(normalise_parts(domain, "x.org", out), ADDR_REJECT_TOO_LONG);

	snprintf(domain, sizeof domain, "%s.org", label63);
	ck_assert_int_eq(normalise_parts("a", domain, out), ADDR_OK);
	snprintf(domain, sizeof domain, "%s.org", label64);
	ck_assert_int_eq(normalise_parts("a", domain, out), ADDR_REJECT_BAD_DOMAIN);

	/* 63.63.63.61 is a 253-octet domain; with a local part and '@' the
	 * address is over 254. 63.63.63.60 with one letter is exactly 254. */
	snprintf(domain, sizeof domain, "%s.%s.%s.%.61s", label63, label63, label63, label63);
	ck_assert_int_eq(strlen(domain), 253);
	ck_assert_int_eq(normalise_parts("a", domain, out), ADDR_REJECT_TOO_LONG);
	snprintf(domain, sizeof domain, "%s.%s.%s.%.60s", label63, label63, label63, label63);
	ck_assert_int_eq(normalise_parts("a", domain, out), ADDR_OK);
	ck_assert_int_eq(strlen(out), 254);
	ck_assert_int_eq(normalise_parts("ab", domain, out), ADDR_REJECT_TOO_LONG);
	snprintf(domain, sizeof domain, "%s.%s.%s.%.62s", label63, label63, label63, label63);
	ck_assert_int_eq(normalise_parts("a", domain, out), ADDR_REJECT_TOO_LONG);
	snprintf(domain, sizeof domain, "%s.%s.%s.%s", label63, label63, label63, label63);
	ck_assert_int_eq(normalise_parts("a", domain, out), ADDR_REJECT_TOO_LONG);
	/* the longest local part with a 189-octet domain: 254 */
	snprintf(domain, sizeof domain, "%.61s.%s.%s", label63, label63, label63);
	ck_assert_int_eq(normalise_parts(l64, domain, out), ADDR_OK);
	ck_assert_int_eq(strlen(out), 254);
	snprintf(domain, sizeof domain, "%.62s.%s.%s", label63, label63, label63);
	ck_assert_int_eq(normalise_parts(l64, domain, out), ADDR_REJECT_TOO_LONG);
	free(l64);
	free(l65);
	free(label63);
	free(label64);
}
END_TEST

START_TEST(test_list_lengths)
{
	char *local = repeat('a', 65), field[200];
	struct seen s = { .n = 0 };

	snprintf(field, sizeof field, "Ann <%s@x.org>, b@y.org", local);
	ck_assert_int_eq(addrlist_parse(field, strlen(field), 0, collect, &s), 0);
	ck_assert_int_eq(s.n, 2);
	ck_assert_str_eq(s.line[1], "ok b@y.org");
	ck_assert_int_eq(strncmp(s.line[0], "too-long Ann <aaa", 17), 0);
	free(local);
}
END_TEST

START_TEST(test_field_too_long)
{
	size_t len = ADDRLIST_MAX_FIELD + 1;
	char *field = repeat(',', len);
	struct seen s = { .n = 0 };

	memcpy(field, "a@x.org", 7);
	ck_assert_int_eq(addrlist_parse(field, len, 0, collect, &s), 0);
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(strncmp(s.line[0], "too-long a@x.org,,,", 19), 0);
	ck_assert_uint_eq(s.raw_len[0], len);

	/* at the limit it is parsed */
	s.n = 0;
	ck_assert_int_eq(addrlist_parse(field, len - 1, 0, collect, &s), 0);
	ck_assert_int_eq(s.n, 1);
	ck_assert_str_eq(s.line[0], "ok a@x.org");
	free(field);
}
END_TEST

START_TEST(test_angle_too_long)
{
	size_t len = 3000;
	char *field = repeat('a', len);
	struct seen s = { .n = 0 };

	field[0] = '<';
	field[1500] = '@';
	field[len - 1] = '>';
	ck_assert_int_eq(addrlist_parse(field, len, 0, collect, &s), 0);
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(strncmp(s.line[0], "too-long <aaa", 13), 0);
	free(field);
}
END_TEST

START_TEST(test_callback_stops)
{
	struct seen s = { .n = 0, .stop_at = 2, .stop_rc = 7 };
	const char *field = "a@x.org, b@y.org, c@z.org";

	ck_assert_int_eq(addrlist_parse(field, strlen(field), 0, collect, &s), 7);
	ck_assert_int_eq(s.n, 2);

	/* within one item of several addresses too */
	s = (struct seen){ .n = 0, .stop_at = 1, .stop_rc = -1 };
	field = "a@x.org b@y.org";
	ck_assert_int_eq(addrlist_parse(field, strlen(field), 0, collect, &s), -1);
	ck_assert_int_eq(s.n, 1);

	/* and for the one `empty` or `too-long` callback */
	s = (struct seen){ .n = 0, .stop_at = 1, .stop_rc = 3 };
	ck_assert_int_eq(addrlist_parse("", 0, 0, collect, &s), 3);
	s = (struct seen){ .n = 0, .stop_at = 1, .stop_rc = 4 };
	char *big = repeat('x', ADDRLIST_MAX_FIELD + 1);
	ck_assert_int_eq(addrlist_parse(big, ADDRLIST_MAX_FIELD + 1, 0, collect, &s), 4);
	free(big);
}
END_TEST

START_TEST(test_reject_names)
{
	static const char *const names[ADDR_REJECT_COUNT] = {
		"ok", "empty", "no-at-sign", "bad-local-part", "bad-domain",
		"bad-idn", "truncated", "too-long", "bad-encoding",
		"control-char", "bad-syntax", "system-account", "ambiguous",
		"single-label-domain",
	};
	for (int i = 0; i < ADDR_REJECT_COUNT; i++) {
		ck_assert_str_eq(addr_reject_name((enum addr_reject)i), names[i]);
		int anomaly = i == ADDR_REJECT_TOO_LONG || i == ADDR_REJECT_BAD_ENCODING ||
			      i == ADDR_REJECT_CONTROL_CHAR;
		ck_assert_int_eq(addr_reject_is_anomaly((enum addr_reject)i), anomaly);
	}
	ck_assert_str_eq(addr_reject_name(ADDR_REJECT_COUNT), "unknown");
}
END_TEST

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *address_suite(void)
{
	Suite *s = suite_create("address");
	TCase *list = tcase_create("list");
	TCase *norm = tcase_create("normalise");

	tcase_add_loop_test(list, test_list, 0, COUNT(list_cases));
	tcase_add_loop_test(list, test_raw, 0, COUNT(raw_cases));
	tcase_add_loop_test(list, test_list_paths_agree, 0, COUNT(list_cases));
	tcase_add_loop_test(list, test_raw_paths_agree, 0, COUNT(raw_cases));
	tcase_add_test(list, test_list_lengths);
	tcase_add_test(list, test_field_too_long);
	tcase_add_test(list, test_angle_too_long);
	tcase_add_test(list, test_callback_stops);
	tcase_add_loop_test(norm, test_normalise, 0, COUNT(norm_cases));
	tcase_add_test(norm, test_lengths);
	tcase_add_test(norm, test_reject_names);
	suite_add_tcase(s, list);
	suite_add_tcase(s, norm);
	return s;
}
