/* Address-list parsing and address normalisation (see include/address.h).
 *
 * The list parser works on (pointer, length) only: fields come from databases
 * and may hold NUL bytes, so no function here that stops at a NUL ever looks
 * at a field. It splits the field into items at top-level ',' ';' ':',
 * then reads each item's tokens again to find its address candidates, which
 * addr_normalise() turns into addresses or rejects.
 */
#include "address.h"
#include "address_private.h"

#include <arpa/inet.h>
#include <idn2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LOCAL_MAX 64        /* RFC 5321 local-part limit */
#define DOMAIN_MAX 253      /* longest host name */
#define ADDRESS_MAX 254     /* RFC 5321 path limit less the brackets */
#define LABEL_MAX 63
#define IDN_INPUT_MAX 1024  /* punycode is at least a quarter of the UTF-8 */
#define LITERAL_MAX 64      /* longest text inside [...] worth a look */
#define ANGLE_SPEC_MAX 1024 /* longer angle contents are too long anyway */
#define NOT_FOUND ((size_t)-1)

static const char *const reject_names[ADDR_REJECT_COUNT] = {
	[ADDR_OK] = "ok",
	[ADDR_REJECT_EMPTY] = "empty",
	[ADDR_REJECT_NO_AT] = "no-at-sign",
	[ADDR_REJECT_BAD_LOCAL] = "bad-local-part",
	[ADDR_REJECT_BAD_DOMAIN] = "bad-domain",
	[ADDR_REJECT_BAD_IDN] = "bad-idn",
	[ADDR_REJECT_TRUNCATED] = "truncated",
	[ADDR_REJECT_TOO_LONG] = "too-long",
	[ADDR_REJECT_BAD_ENCODING] = "bad-encoding",
	[ADDR_REJECT_CONTROL_CHAR] = "control-char",
	[ADDR_REJECT_BAD_SYNTAX] = "bad-syntax",
	[ADDR_REJECT_SYSTEM_ACCOUNT] = "system-account",
	[ADDR_REJECT_AMBIGUOUS] = "ambiguous",
	[ADDR_REJECT_SINGLE_LABEL] = "single-label-domain",
};

const char *addr_reject_name(enum addr_reject why)
{
	if ((unsigned)why >= ADDR_REJECT_COUNT)
		return "unknown";
	return reject_names[why];
}

int addr_reject_is_anomaly(enum addr_reject why)
{
	return why == ADDR_REJECT_TOO_LONG || why == ADDR_REJECT_BAD_ENCODING ||
	       why == ADDR_REJECT_CONTROL_CHAR;
}

/* ---- bytes ---- */

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/* Characters that end a word in a list (RFC 5322 specials that matter). */
static int is_special(unsigned char c)
{
	switch (c) { /* a switch, not memchr: this runs for every byte of every field */
	case '(': case ')': case '<': case '>': case '"': case ',': case ';': case ':':
		return 1;
	default:
		return 0;
	}
}

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static unsigned char to_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

/* RFC 5322 atext, plus any non-ASCII byte (RFC 6532 UTF-8 local parts). */
static int is_atext(unsigned char c)
{
	if (is_alpha(c) || is_digit(c) || c >= 0x80)
		return 1;
	switch (c) {
	case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
	case '/': case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}': case '~':
		return 1;
	default:
		return 0;
	}
}

static void trim(const char *s, size_t *start, size_t *end)
{
	while (*start < *end && is_ws((unsigned char)s[*start]))
		(*start)++;
	while (*end > *start && is_ws((unsigned char)s[*end - 1]))
		(*end)--;
}

static int utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		if (u[i] < 0x80) { /* most text is ASCII: skip it without the call */
			i++;
			continue;
		}
		size_t step = utf8_char_len(u + i, n - i);
		if (step == 0)
			return 0;
		i += step;
	}
	return 1;
}

/* ---- addr_normalise ---- */

static int is_dot_atom(const char *s, size_t n)
{
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.' ? s[i - 1] == '.' : !is_atext(c))
			return 0;
	}
	return 1;
}

/* A local part's value as it is assembled: cap bytes kept, len counting on
 * past cap so that an overflow shows. */
struct local_value {
	char text[ADDR_BUF];
	size_t len;
};

static void value_put(struct local_value *v, char c)
{
	if (v->len < sizeof v->text)
		v->text[v->len] = c;
	v->len++;
}

/* The quoted string at s[i] (s[i] is '"'), unescaped into v; returns the
 * index past its closing quote, or NOT_FOUND if it does not close. */
static size_t take_quoted_word(const char *s, size_t n, size_t i, struct local_value *v)
{
	for (i++; i < n; i++) {
		char c = s[i];
		if (c == '"')
			return i + 1;
		if (c == '\\') {
			if (++i == n)
				return NOT_FOUND;
			c = s[i];
		}
		value_put(v, c);
	}
	return NOT_FOUND;
}

/* The value of an obsolete local part, words (atoms or quoted strings)
 * joined by '.' (RFC 5322 obs-local-part): the words' values joined by
 * '.'. Returns 0 if s is no such sequence of words. */
static int local_part_value(const char *s, size_t n, struct local_value *v)
{
	size_t i = 0;

	v->len = 0;
	for (;;) {
		if (i < n && s[i] == '"') {
			i = take_quoted_word(s, n, i, v);
			if (i == NOT_FOUND)
				return 0;
		} else {
			size_t start = i;
			for (; i < n && is_atext((unsigned char)s[i]); i++)
				value_put(v, s[i]);
			if (i == start)
				return 0; /* an empty word: ".a", "a..b", "a." */
		}
		if (i == n)
			return 1;
		if (s[i] != '.')
			return 0;
		value_put(v, '.');
		i++;
	}
}

/* The canonical form of a local part's value into buf: as it is when it is
 * a dot-atom, else quoted with a backslash before '"' and '\' alone, so
 * that one mailbox has one form ("a b", "a\ b"). */
static enum addr_reject canonical_local(const struct local_value *v,
					char buf[ADDR_BUF], size_t *out_len)
{
	size_t len = 0;

	if (v->len > LOCAL_MAX)
		return ADDR_REJECT_TOO_LONG;
	if (is_dot_atom(v->text, v->len)) {
		memcpy(buf, v->text, v->len);
		*out_len = v->len;
		return ADDR_OK;
	}
	buf[len++] = '"';
	for (size_t i = 0; i < v->len && len <= LOCAL_MAX; i++) {
		if (v->text[i] == '"' || v->text[i] == '\\')
			buf[len++] = '\\';
		buf[len++] = v->text[i];
	}
	buf[len++] = '"';
	if (len > LOCAL_MAX)
		return ADDR_REJECT_TOO_LONG;
	*out_len = len;
	return ADDR_OK;
}

/* Check a local part and put its canonical (not yet lower-cased) form in
 * buf. */
static enum addr_reject normalise_local(const char *s, size_t n,
					char buf[ADDR_BUF], size_t *out_len)
{
	struct local_value v;

	if (is_dot_atom(s, n)) { /* most local parts: no copy of the value */
		if (n > LOCAL_MAX)
			return ADDR_REJECT_TOO_LONG;
		memcpy(buf, s, n);
		*out_len = n;
		return ADDR_OK;
	}
	if (!local_part_value(s, n, &v) || v.len == 0)
		return ADDR_REJECT_BAD_LOCAL;
	return canonical_local(&v, buf, out_len);
}

/* Check a host name: two or more LDH labels of at most 63 octets, the
 * last not all digits (an IPv4 address, not a name). Sets *a_label when a
 * label starts "xn--" (looked at once a label, not once a byte). */
static enum addr_reject check_host_name(const char *s, size_t n, int *a_label)
{
	size_t labels = 0, i = 0;
	int all_digits = 0;

	*a_label = 0;
	while (i <= n) {
		size_t start = i;
		all_digits = 1;
		while (i < n && s[i] != '.') {
			unsigned char c = (unsigned char)s[i];
			if (!is_alpha(c) && !is_digit(c) && c != '-')
				return ADDR_REJECT_BAD_DOMAIN;
			if (!is_digit(c))
				all_digits = 0;
			i++;
		}
		if (i == start || i - start > LABEL_MAX || s[start] == '-' || s[i - 1] == '-')
			return ADDR_REJECT_BAD_DOMAIN;
		if (i - start >= 4 && s[start + 2] == '-' && s[start + 3] == '-' &&
		    to_lower((unsigned char)s[start]) == 'x' && to_lower((unsigned char)s[start + 1]) == 'n')
			*a_label = 1;
		labels++;
		i++; /* past the dot, or past the end */
	}
	if (all_digits)
		return ADDR_REJECT_BAD_DOMAIN;
	return labels >= 2 ? ADDR_OK : ADDR_REJECT_SINGLE_LABEL;
}

/* An A-label must be what IDNA makes of its own Unicode form: "xn--zz"
 * (no valid punycode) and "xn--n3h" (a snowman, which IDNA 2008 refuses
 * when written as one) are bad-idn, as the same domains in Unicode are. */
static int a_labels_valid(const char *host)
{
	char *unicode = NULL;
	uint8_t *back = NULL;
	int ok = idn2_to_unicode_8z8z(host, &unicode, 0) == IDN2_OK &&
		 idn2_lookup_u8((const uint8_t *)unicode, &back, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL) == IDN2_OK &&
		 strcmp((const char *)back, host) == 0;
	idn2_free(unicode);
	idn2_free(back);
	return ok;
}

static enum addr_reject copy_host_name(const char *s, size_t n,
				       char buf[ADDR_BUF], size_t *out_len)
{
	int a_label;
	enum addr_reject why = check_host_name(s, n, &a_label);
	if (why != ADDR_OK)
		return why;
	if (n > DOMAIN_MAX)
		return ADDR_REJECT_TOO_LONG;
	for (size_t i = 0; i < n; i++) /* a loop of its own: the compiler vectorises it */
		buf[i] = (char)to_lower((unsigned char)s[i]);
	*out_len = n;
	if (a_label) {
		buf[n] = '\0';
		if (!a_labels_valid(buf))
			return ADDR_REJECT_BAD_IDN;
	}
	return ADDR_OK;
}

static enum addr_reject normalise_idn(const char *s, size_t n,
				      char buf[ADDR_BUF], size_t *out_len)
{
	char input[IDN_INPUT_MAX];
	uint8_t *ascii = NULL;
	enum addr_reject why;

	if (n >= sizeof input)
		return ADDR_REJECT_TOO_LONG;
	for (size_t i = 0; i < n; i++)
		input[i] = (char)to_lower((unsigned char)s[i]);
	input[n] = '\0';
	if (idn2_lookup_u8((const uint8_t *)input, &ascii,
			   IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL) != IDN2_OK)
		return ADDR_REJECT_BAD_IDN;
	why = copy_host_name((const char *)ascii, strlen((const char *)ascii),
			     buf, out_len);
	idn2_free(ascii);
	return why;
}

static int starts_with_ipv6_tag(const char *s, size_t n)
{
	static const char tag[] = "ipv6:";
	if (n < sizeof tag - 1)
		return 0;
	for (size_t i = 0; i < sizeof tag - 1; i++)
		if (to_lower((unsigned char)s[i]) != (unsigned char)tag[i])
			return 0;
	return 1;
}

/* [1.2.3.4] or [IPv6:...], checked with inet_pton, kept lower-cased. */
static enum addr_reject normalise_literal(const char *s, size_t n,
					  char buf[ADDR_BUF], size_t *out_len)
{
	char text[LITERAL_MAX];
	unsigned char addr[16];
	const char *inner = s + 1;
	size_t inner_len = n - 2;
	int family = AF_INET;
	size_t skip = 0;

	if (n < 2 || s[n - 1] != ']' || inner_len >= sizeof text)
		return ADDR_REJECT_BAD_DOMAIN;
	if (starts_with_ipv6_tag(inner, inner_len)) {
		family = AF_INET6;
		skip = 5;
	}
	memcpy(text, inner + skip, inner_len - skip);
	text[inner_len - skip] = '\0';
	if (inet_pton(family, text, addr) != 1)
		return ADDR_REJECT_BAD_DOMAIN;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)to_lower((unsigned char)s[i]);
	*out_len = n;
	return ADDR_OK;
}

static int has_non_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/* Check a domain and put its lower-case ASCII form in buf. */
static enum addr_reject normalise_domain(const char *s, size_t n,
					 char buf[ADDR_BUF], size_t *out_len)
{
	if (n > 0 && s[n - 1] == '.')
		n--;
	if (n == 0)
		return ADDR_REJECT_BAD_DOMAIN;
	if (s[0] == '[')
		return normalise_literal(s, n, buf, out_len);
	if (has_non_ascii(s, n))
		return normalise_idn(s, n, buf, out_len);
	return copy_host_name(s, n, buf, out_len);
}

static enum addr_reject normalise_trimmed(const char *s, size_t n,
					  char out[ADDR_BUF])
{
	char local[ADDR_BUF], domain[ADDR_BUF];
	size_t local_len, domain_len, at;
	enum addr_reject why;

	if (n == 0)
		return ADDR_REJECT_EMPTY;
	/* one pass for control characters, non-ASCII bytes and the last '@' */
	int non_ascii = 0;
	at = NOT_FOUND;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			non_ascii = 1;
		else if (c == '@')
			at = i;
		else if (is_control(c))
			return ADDR_REJECT_CONTROL_CHAR;
	}
	if (non_ascii && !utf8_valid(s, n))
		return ADDR_REJECT_BAD_ENCODING;
	if (at == NOT_FOUND)
		return ADDR_REJECT_NO_AT;
	why = normalise_local(s, at, local, &local_len);
	if (why != ADDR_OK)
		return why;
	why = normalise_domain(s + at + 1, n - at - 1, domain, &domain_len);
	if (why != ADDR_OK)
		return why;
	if (local_len + 1 + domain_len > ADDRESS_MAX)
		return ADDR_REJECT_TOO_LONG;
	for (size_t i = 0; i < local_len; i++)
		out[i] = (char)to_lower((unsigned char)local[i]);
	out[local_len] = '@';
	memcpy(out + local_len + 1, domain, domain_len);
	out[local_len + 1 + domain_len] = '\0';
	return ADDR_OK;
}

enum addr_reject addr_normalise(const char *spec, size_t len, char out[ADDR_BUF])
{
	size_t start = 0, end = len;
	enum addr_reject why;

	trim(spec, &start, &end);
	why = normalise_trimmed(spec + start, end - start, out);
	if (why != ADDR_OK)
		out[0] = '\0';
	return why;
}

/* ---- the list lexer ---- */

enum tok_type {
	TOK_END,
	TOK_WORD,     /* atoms, dots, '@', encoded words, [literals] */
	TOK_QUOTED,   /* "..." */
	TOK_COMMENT,  /* (...), nested */
	TOK_ANGLE,    /* <...> */
	TOK_SEP,      /* , ; : */
	TOK_STRAY,    /* ) or > with nothing to close */
	TOK_UNCLOSED  /* quote, comment or angle running to the end */
};

struct token {
	enum tok_type type;
	size_t start, end; /* [start, end) in the field */
};

/* The lexer's whole state is a position, so peeking is saving it. */
struct lexer {
	const char *s;
	size_t len;
	size_t pos;
};

/* s[i] is '"'; returns the index past the closing quote. */
static size_t skip_quoted(const char *s, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return NOT_FOUND;
}

/* s[i] is '('; returns the index past the matching ')'. */
static size_t skip_comment(const char *s, size_t len, size_t i)
{
	size_t depth = 0;
	for (; i < len; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i + 1;
	}
	return NOT_FOUND;
}

/* s[i] is '<'; returns the index past the '>' (quotes and comments inside
 * may hold a '>'). Sets *nested when another '<' stands before it. */
static size_t skip_angle(const char *s, size_t len, size_t i, int *nested)
{
	*nested = 0;
	for (i++; i < len;) {
		if (s[i] == '>')
			return i + 1;
		*nested |= s[i] == '<';
		if (s[i] == '"')
			i = skip_quoted(s, len, i);
		else if (s[i] == '(')
			i = skip_comment(s, len, i);
		else
			i++;
		if (i == NOT_FOUND)
			return NOT_FOUND;
	}
	return NOT_FOUND;
}

/* Length of an RFC 2047 encoded word =?charset?b-or-q?text?= at s[i], or 0.
 * Its text may hold commas and other specials, so it is one token. */
static size_t encoded_word_len(const char *s, size_t len, size_t i)
{
	size_t p = i + 2;

	if (p > len || s[i] != '=' || s[i + 1] != '?')
		return 0;
	while (p < len && s[p] != '?' && !is_ws((unsigned char)s[p]) &&
	       !is_special((unsigned char)s[p]))
		p++;
	if (p == i + 2 || p + 3 > len || s[p] != '?' || s[p + 2] != '?' ||
	    !memchr("bBqQ", s[p + 1], 4))
		return 0;
	for (p += 3; p < len && s[p] != '?' && !is_ws((unsigned char)s[p]); p++)
		;
	if (p + 1 >= len || s[p] != '?' || s[p + 1] != '=')
		return 0;
	return p + 2 - i;
}

/* s[i] is '['; returns the index past the ']' of a domain literal, whose
 * ':' (IPv6) must not open a group, or 0 if it is no literal. */
static size_t literal_end(const char *s, size_t len, size_t i)
{
	for (size_t j = i + 1; j < len; j++) {
		unsigned char c = (unsigned char)s[j];
		if (c == ']')
			return j + 1;
		if (is_ws(c) || c == '[' || (c != ':' && is_special(c)))
			return 0;
	}
	return 0;
}

/* Where a word's next piece ends: an encoded word or a domain literal is
 * taken whole, anything else is one byte. */
static size_t word_piece_end(const char *s, size_t len, size_t i)
{
	size_t n;

	if (s[i] == '=' && (n = encoded_word_len(s, len, i)) > 0)
		return i + n;
	if (s[i] == '[' && (n = literal_end(s, len, i)) > 0)
		return n;
	return i + 1;
}

static size_t word_end(const char *s, size_t len, size_t i)
{
	while (i < len && !is_ws((unsigned char)s[i]) &&
	       !is_special((unsigned char)s[i]))
		i = word_piece_end(s, len, i);
	return i;
}

/* A token that runs to a closing character, or to the end if unclosed. */
static enum tok_type closed_or_not(struct token *t, size_t end, size_t len,
				   enum tok_type type)
{
	if (end == NOT_FOUND) {
		t->end = len;
		return TOK_UNCLOSED;
	}
	t->end = end;
	return type;
}

static enum tok_type token_at(const char *s, size_t len, size_t i, struct token *t)
{
	t->end = i + 1;
	switch (s[i]) {
	case '"':
		return closed_or_not(t, skip_quoted(s, len, i), len, TOK_QUOTED);
	case '(':
		return closed_or_not(t, skip_comment(s, len, i), len, TOK_COMMENT);
	case '<': {
		int nested;
		enum tok_type type = closed_or_not(t, skip_angle(s, len, i, &nested), len, TOK_ANGLE);
		return type == TOK_ANGLE && nested ? TOK_STRAY : type; /* "<<a@x.org>": unbalanced */
	}
	case ',': case ';': case ':':
		return TOK_SEP;
	case ')': case '>':
		return TOK_STRAY;
	default:
		t->end = word_end(s, len, i);
		return TOK_WORD;
	}
}

static enum tok_type next_token(struct lexer *lx, struct token *t)
{
	while (lx->pos < lx->len && is_ws((unsigned char)lx->s[lx->pos]))
		lx->pos++;
	t->start = t->end = lx->pos;
	if (lx->pos == lx->len)
		t->type = TOK_END;
	else
		t->type = token_at(lx->s, lx->len, lx->pos, t);
	lx->pos = t->end;
	return t->type;
}

/* ---- words: which join into one addr-spec ---- */

static int is_word(enum tok_type type)
{
	return type == TOK_WORD || type == TOK_QUOTED;
}

static int word_has_at(const char *s, const struct token *t)
{
	return t->type == TOK_WORD && memchr(s + t->start, '@', t->end - t->start) != NULL;
}

/* Whether the word b continues the addr-spec of the word a when white space
 * or a comment stands between them: when a '.' or '@' stands on either side
 * of the gap (RFC 5322 obsolete CFWS: "a . b @ x.org"). Elsewhere the gap
 * ends a's words. In a domain (in_domain), a dot, a gap, then a word holding
 * an '@' is a trailing dot and a new address ("a@x.org. b@y.org"). */
static int joins_across_gap(const char *s, const struct token *a,
			    const struct token *b, int in_domain)
{
	char last = s[a->end - 1], first = s[b->start];

	if (b->type == TOK_WORD && (first == '.' || first == '@'))
		return 1;
	if (a->type != TOK_WORD)
		return 0;
	if (last == '@')
		return 1;
	return last == '.' && !(in_domain && word_has_at(s, b));
}

/* ---- the text of an addr-spec ---- */

/* An addr-spec written plainly in s[start, end): ASCII atext, dots and '@'
 * only, and short enough to need no copy: the text is its own spec. */
static int is_plain_spec(const char *s, size_t start, size_t end)
{
	for (size_t i = start; i < end; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c != '@' && c != '.' && (c >= 0x80 || !is_atext(c)))
			return 0;
	}
	return end > start && end - start < ANGLE_SPEC_MAX;
}

/* Whether the inside of <...>, s[start, end), is its own addr-spec: no
 * white space, comment, quoted string or route's ':' for spec_text to
 * assemble, and short enough for its buffer. */
static int angle_is_plain(const char *s, size_t start, size_t end)
{
	if (end - start >= ANGLE_SPEC_MAX)
		return 0;
	for (size_t i = start; i < end; i++)
		if (is_ws((unsigned char)s[i]) || s[i] == '(' || s[i] == '"' || s[i] == ':')
			return 0;
	return 1;
}

struct spec_buf {
	char text[ANGLE_SPEC_MAX];
	size_t len;
	int overflow;
};

static void spec_append(struct spec_buf *b, const char *s, size_t n)
{
	if (b->len + n > sizeof b->text) {
		b->overflow = 1;
		return;
	}
	memcpy(b->text + b->len, s, n);
	b->len += n;
}

static size_t skip_cfws(const char *s, size_t end, size_t i)
{
	while (i < end) {
		if (is_ws((unsigned char)s[i]))
			i++;
		else if (s[i] == '(')
			i = skip_comment(s, end, i);
		else
			break;
		if (i == NOT_FOUND)
			return end;
	}
	return i;
}

/* Past an obsolete source route "@a.org, (c) @b.org:" at i, if there is one;
 * white space and comments anywhere in it are CFWS. */
static size_t skip_source_route(const char *s, size_t end, size_t i)
{
	size_t j = skip_cfws(s, end, i);

	if (j >= end || s[j] != '@')
		return i;
	while (j < end && s[j] != ':') {
		if (s[j] == '"')
			return i; /* not a route, leave it to normalisation */
		j = s[j] == '(' ? skip_comment(s, end, j) : j + 1;
		if (j == NOT_FOUND)
			return i;
	}
	return j < end ? j + 1 : i;
}

/* A quoted string, its folding (CRLF before white space) removed: FWS
 * there is white space, the CRLF is no part of the value (RFC 5322 3.2.2). */
static void append_unfolded(struct spec_buf *b, const char *s, size_t n)
{
	size_t from = 0;

	for (size_t i = 0; i + 2 < n; i++) {
		if (s[i] == '\\') /* an escaped CR is a quoted-pair, no folding */
			i++;
		else if (s[i] == '\r' && s[i + 1] == '\n' && (s[i + 2] == ' ' || s[i + 2] == '\t')) {
			spec_append(b, s + from, i - from);
			from = i + 2;
			i++;
		}
	}
	spec_append(b, s + from, n - from);
}

/* The addr-spec written in s[start, end), a bare one or the inside of
 * <...>, into b: its words and quoted strings as written, comments and white
 * space dropped where a '.' or '@' stands beside them (obsolete CFWS); a gap
 * elsewhere is kept as one space, so that "<a b@x.org>" stays invalid, and
 * any other token is kept as written, for normalisation to refuse. */
static void spec_text(const char *s, size_t start, size_t end, struct spec_buf *b)
{
	struct lexer lx = { s, end, start };
	struct token t, prev = { TOK_END, start, start };
	int gap = 0;

	b->len = 0;
	b->overflow = 0;
	while (next_token(&lx, &t) != TOK_END) {
		if (t.type == TOK_COMMENT) {
			gap = 1;
			continue;
		}
		gap |= t.start != prev.end;
		if (gap && is_word(prev.type) && is_word(t.type) &&
		    !joins_across_gap(s, &prev, &t, 0))
			spec_append(b, " ", 1);
		if (t.type == TOK_QUOTED)
			append_unfolded(b, s + t.start, t.end - t.start);
		else
			spec_append(b, s + t.start, t.end - t.start);
		prev = t;
		gap = 0;
	}
}

/* ---- items ---- */

struct parse {
	const char *s;
	size_t len;
	addr_item_fn cb;
	void *ctx;
	int cut;   /* the field was cut inside its last item */
	int at_width; /* ADDRLIST_TRUNCATED: the field fills its column */
	int calls; /* callbacks made so far */
	int stop;  /* the callback's non-zero answer */
};

/* Tokens an item keeps from the walk that found it, so that it is not
 * lexed again; an item with more is lexed again. */
#define ITEM_TOKENS 16

/* Text between two top-level separators. */
struct item {
	size_t start, end; /* untrimmed */
	size_t text_start, text_end; /* trimmed */
	char sep; /* ',' ';' ':' or 0 at the end of the field */
	int ntok; /* tokens kept, or -1 when there were more than ITEM_TOKENS */
	struct token tok[ITEM_TOKENS];
};

/* An address candidate in an item: an angle address or a bare addr-spec. */
struct candidate {
	enum tok_type type; /* TOK_ANGLE or TOK_WORD */
	enum addr_reject why; /* ADDR_OK, or `ambiguous` for a phrase glued to a bare addr-spec */
	size_t start, end;  /* the token(s) */
	size_t raw_start;   /* with the display name before an angle address */
	int words;          /* words and quoted strings of a bare addr-spec */
};

struct item_shape {
	int has_text; /* words, quoted strings or angle addresses */
	int broken;   /* unclosed or stray quote, comment or bracket */
	int unclosed; /* a quote, comment or bracket runs to the item's end */
};

static int emit(struct parse *p, enum addr_reject why, const char *addr,
		size_t raw_start, size_t raw_end)
{
	p->calls++;
	p->stop = p->cb(p->ctx, why, why == ADDR_OK ? addr : NULL,
			p->s + raw_start, raw_end - raw_start);
	return p->stop;
}

static struct item next_item(struct lexer *lx)
{
	struct item it; /* no initialiser: it would zero all the kept tokens */
	struct token t;

	it.start = lx->pos;
	it.sep = 0;
	it.ntok = 0;

	for (;;) {
		enum tok_type type = next_token(lx, &t);
		if (type == TOK_END || type == TOK_SEP)
			break;
		if (it.ntok >= 0 && it.ntok < ITEM_TOKENS)
			it.tok[it.ntok++] = t;
		else
			it.ntok = -1;
	}
	it.end = t.start;
	if (t.type == TOK_SEP)
		it.sep = lx->s[t.start];
	it.text_start = it.start;
	it.text_end = it.end;
	trim(lx->s, &it.text_start, &it.text_end);
	return it;
}

/* The tokens of an item: those it kept, or lexed again when it kept none.
 * Its whole state is small, so peeking is copying it. */
struct walk {
	const struct item *it;
	int pos;         /* the next kept token */
	struct lexer lx; /* when the item kept no tokens */
};

static struct walk walk_start(const struct parse *p, const struct item *it)
{
	struct walk w = { it, 0, { p->s, it->end, it->start } };
	return w;
}

static enum tok_type walk_next(struct walk *w, struct token *t)
{
	if (w->it->ntok < 0)
		return next_token(&w->lx, t);
	if (w->pos == w->it->ntok) {
		*t = (struct token){ TOK_END, w->it->end, w->it->end };
		return TOK_END;
	}
	*t = w->it->tok[w->pos++];
	return t->type;
}

/* Words that make one addr-spec, or one run of phrase words. */
struct chunk {
	size_t start, end;
	int has_at; /* an '@' outside quoted strings: an addr-spec */
	int words;
	int spaced;  /* words joined across white space or a comment */
	int dot_gap; /* a complete domain's trailing dot, a gap, then a word */
};

/* Whether the domain in s[start, end), which ends in the '.' a gap
 * follows, already has two labels: "ann@example.com. Bob" may be a
 * sentence's full stop and a name as well as the domain example.com.bob,
 * where "jdoe@machine. example" can only be machine.example. */
static int domain_complete_before_dot(const char *s, size_t start, size_t end)
{
	size_t at = end;
	while (at > start && s[at - 1] != '@')
		at--;
	return at > start && memchr(s + at, '.', end - 1 - at) != NULL;
}

/* The chunk that starts with the word `first`: the words and quoted strings
 * after it that touch it, or that a gap separates from it where
 * joins_across_gap says they join. The walk is left after its last word. */
static void take_chunk(const char *s, struct walk *w, const struct token *first,
		       struct chunk *c)
{
	struct token prev = *first, t;

	*c = (struct chunk){ first->start, first->end, word_has_at(s, first), 1, 0, 0 };
	for (;;) {
		struct walk saved = *w;
		enum tok_type type;
		int gap = 0;
		while ((type = walk_next(w, &t)) == TOK_COMMENT)
			gap = 1;
		gap |= t.start != prev.end;
		if (!is_word(type) || (gap && !joins_across_gap(s, &prev, &t, c->has_at))) {
			*w = saved;
			return;
		}
		if (gap) {
			c->spaced = 1;
			if (c->has_at && prev.type == TOK_WORD && s[prev.end - 1] == '.' &&
			    s[t.start] != '.' && domain_complete_before_dot(s, c->start, prev.end))
				c->dot_gap = 1;
		}
		c->end = t.end;
		c->has_at |= word_has_at(s, &t);
		c->words++;
		prev = t;
	}
}

static void note_shape(struct item_shape *sh, enum tok_type type)
{
	if (type == TOK_STRAY || type == TOK_UNCLOSED)
		sh->broken = 1;
	if (type == TOK_UNCLOSED)
		sh->unclosed = 1;
	if (type == TOK_WORD || type == TOK_QUOTED || type == TOK_ANGLE)
		sh->has_text = 1;
}

/* Whether an angle address comes later in the item the walk is in. */
static int angle_follows(struct walk w)
{
	struct token t;
	enum tok_type type;
	while ((type = walk_next(&w, &t)) != TOK_END)
		if (type == TOK_ANGLE)
			return 1;
	return 0;
}

/* A bare addr-spec is `ambiguous`, never a guess, when phrase words stand
 * before it (John Doe@x.org), when a complete domain's trailing dot joins
 * the next word (ann@example.com. Bob), or when it was joined across gaps
 * and an angle address follows: then it is likely a display name
 * (Smith @ Acme.com <john@acme.com>). */
static enum addr_reject bare_spec_verdict(const struct chunk *ch, int phrase, const struct walk *w)
{
	if (phrase || ch->dot_gap || (ch->spaced && angle_follows(*w)))
		return ADDR_REJECT_AMBIGUOUS;
	return ADDR_OK;
}

/* The next candidate of an item, or 0 at its end: an angle address, or a
 * chunk of words holding a bare '@'. Phrase words before an angle address
 * are its display name; before a bare addr-spec they make it `ambiguous`
 * (John Doe@x.org: the name, or a part of the address?); after a complete
 * addr-spec with nothing after them they cannot continue it and are left.
 * Notes the shape of every token on the way. */
static int next_candidate(const struct parse *p, struct walk *w, struct candidate *c,
			  struct item_shape *sh)
{
	struct token t;
	size_t mark = NOT_FOUND;
	int phrase = 0;

	while (walk_next(w, &t) != TOK_END) {
		note_shape(sh, t.type);
		if (mark == NOT_FOUND)
			mark = t.start;
		if (t.type == TOK_ANGLE) {
			*c = (struct candidate){ TOK_ANGLE, ADDR_OK, t.start, t.end, mark, 0 };
			return 1;
		}
		if (!is_word(t.type))
			continue;
		struct chunk ch;
		take_chunk(p->s, w, &t, &ch);
		if (!ch.has_at) {
			phrase = 1;
			continue;
		}
		/* a bare address is an address even before an angle address
		 * ("a@x.org Carl <c@z.org>"): never dropped as a name */
		*c = (struct candidate){ TOK_WORD, bare_spec_verdict(&ch, phrase, w),
					 ch.start, ch.end, phrase ? mark : ch.start, ch.words };
		return 1;
	}
	return 0;
}

/* The candidates of an item, the first SURVEY_KEEP of them kept, and its
 * shape, in one walk over its tokens. */
#define SURVEY_KEEP 8

struct survey {
	struct item_shape sh;
	int n;
	struct candidate c[SURVEY_KEEP];
};

static void survey_item(const struct parse *p, const struct item *it, struct survey *sv)
{
	struct walk w = walk_start(p, it);
	struct candidate c;

	memset(&sv->sh, 0, sizeof(sv->sh));
	sv->n = 0;
	while (next_candidate(p, &w, &c, &sv->sh)) {
		if (sv->n < SURVEY_KEEP)
			sv->c[sv->n] = c;
		sv->n++;
	}
}

static enum addr_reject normalise_candidate(const struct parse *p,
					    const struct candidate *c,
					    char out[ADDR_BUF])
{
	struct spec_buf spec;

	out[0] = '\0';
	if (c->why != ADDR_OK)
		return c->why;
	if (c->type == TOK_WORD && c->words == 1) /* most: no copy */
		return addr_normalise(p->s + c->start, c->end - c->start, out);
	if (c->type == TOK_ANGLE && angle_is_plain(p->s, c->start + 1, c->end - 1))
		return addr_normalise(p->s + c->start + 1, c->end - c->start - 2, out);
	if (c->type == TOK_WORD)
		spec_text(p->s, c->start, c->end, &spec);
	else
		spec_text(p->s, skip_source_route(p->s, c->end - 1, c->start + 1),
			  c->end - 1, &spec);
	if (spec.overflow)
		return ADDR_REJECT_TOO_LONG;
	return addr_normalise(spec.text, spec.len, out);
}

static int emit_candidate(struct parse *p, const struct item *it, const struct candidate *c, int alone)
{
	char addr[ADDR_BUF];
	enum addr_reject why = normalise_candidate(p, c, addr);
	size_t raw_start = alone ? it->text_start : c->raw_start;
	size_t raw_end = alone ? it->text_end : c->end;
	return emit(p, why, addr, raw_start, raw_end);
}

/* The survey's kept candidates, or all of them walked again when it could
 * not keep them all. */
static int emit_candidates(struct parse *p, const struct item *it, const struct survey *sv)
{
	int alone = sv->n == 1;
	if (sv->n <= SURVEY_KEEP) {
		for (int i = 0; i < sv->n; i++)
			if (emit_candidate(p, it, &sv->c[i], alone))
				return p->stop;
		return 0;
	}
	struct walk w = walk_start(p, it);
	struct candidate c;
	struct item_shape sh;
	while (next_candidate(p, &w, &c, &sh))
		if (emit_candidate(p, it, &c, alone))
			return p->stop;
	return 0;
}

/* Where the bytes of an item stand, worked out up to `pos`: in a quoted
 * string, in comments (how deep), or neither. */
struct nesting {
	size_t pos;
	size_t comments;
	int quoted;
};

/* Whether s[i] stands in a comment or a quoted string, going on from where
 * the last call stopped (i never goes back), so that an item is read once
 * however many control characters it holds. A backslash there escapes the
 * next byte. */
static int in_comment_or_quote(struct nesting *n, const char *s, size_t i)
{
	for (size_t j = n->pos; j < i; j++) {
		if (s[j] == '\\' && (n->quoted || n->comments))
			j++;
		else if (s[j] == '"' && !n->comments)
			n->quoted = !n->quoted;
		else if (s[j] == '(' && !n->quoted)
			n->comments++;
		else if (s[j] == ')' && !n->quoted && n->comments)
			n->comments--;
		n->pos = j + 1;
	}
	if (n->pos < i)
		n->pos = i;
	return n->quoted || n->comments;
}

/* Whether the square brackets of s[start, end) fail to pair up outside
 * quoted strings and comments: a ']' with no '[' open, a '[' inside
 * another, a '[' left open. Inside a domain literal a backslash escapes
 * the next byte (RFC 5322 obs-dtext), so "[1.2.3.4\\]" is left open. */
static int brackets_unbalanced(const char *s, size_t start, size_t end)
{
	struct nesting nest = { start, 0, 0 };
	int open = 0;

	for (size_t i = start; i < end; i++) {
		if (open && s[i] == '\\') {
			i++;
			continue;
		}
		if ((s[i] != '[' && s[i] != ']') || in_comment_or_quote(&nest, s, i))
			continue;
		if ((s[i] == '[') == open)
			return 1;
		open = !open;
	}
	return open;
}

/* Checks over the whole item text, before any parsing: a NUL anywhere, or
 * another control character outside comments and quoted strings (other
 * than the white space a list may be folded with), is control-char, and
 * wins over bad UTF-8 wherever that stands. In a comment or a quoted
 * string it is RFC 5322 obs-NO-WS-CTL: a comment is dropped, a quoted
 * display name too, and a quoted local part is checked with its address.
 * Square brackets that do not pair up are bad-syntax. */
static enum addr_reject item_text_reject(const struct parse *p,
					 const struct item *it)
{
	const unsigned char *u = (const unsigned char *)p->s + it->text_start;
	size_t n = it->text_end - it->text_start;
	struct nesting nest = { it->text_start, 0, 0 };
	int bad_encoding = 0;

	for (size_t i = 0; i < n;) {
		if (u[i] < 0x80) {
			/* control characters are rare: where they stand is only
			 * worked out when there is one */
			if (is_control(u[i]) && !is_ws(u[i]) &&
			    (u[i] == 0 || !in_comment_or_quote(&nest, p->s, it->text_start + i)))
				return ADDR_REJECT_CONTROL_CHAR;
			i++;
			continue;
		}
		size_t step = utf8_char_len(u + i, n - i);
		bad_encoding |= step == 0;
		i += step ? step : 1;
	}
	if (bad_encoding)
		return ADDR_REJECT_BAD_ENCODING;
	/* brackets are rare too: memchr finds there are none at once */
	if ((memchr(u, '[', n) || memchr(u, ']', n)) &&
	    brackets_unbalanced(p->s, it->text_start, it->text_end))
		return ADDR_REJECT_BAD_SYNTAX;
	return ADDR_OK;
}

/* Where the complete part of a cut last item ends: after its last address
 * (a chunk with a bare '@', or an angle address) that more text follows,
 * as in "to@x.org cc@y.org bcc@exa"; NOT_FOUND when nothing before the cut
 * is complete. */
static size_t complete_part_end(const struct parse *p, const struct item *it)
{
	struct walk w = walk_start(p, it);
	struct token t;
	size_t last_end = NOT_FOUND, split = NOT_FOUND;

	while (walk_next(&w, &t) != TOK_END) {
		int complete = t.type == TOK_ANGLE;
		if (last_end != NOT_FOUND && t.start > last_end)
			split = last_end;
		if (is_word(t.type)) {
			struct chunk ch;
			take_chunk(p->s, &w, &t, &ch);
			t.end = ch.end;
			complete = ch.has_at;
		}
		last_end = complete ? t.end : NOT_FOUND;
	}
	return split;
}

static int parse_item(struct parse *p, const struct item *it);

/* The last item of a cut field: its complete addresses are parsed as any
 * item's, and only the partial rest is rejected as truncated. */
static int parse_cut_item(struct parse *p, const struct item *it)
{
	size_t split = complete_part_end(p, it);
	if (split != NOT_FOUND) {
		struct item head = *it;
		head.end = head.text_end = split;
		head.sep = ' '; /* complete: ends before white space */
		head.ntok = -1; /* its kept tokens run past the split: lex it again */
		trim(p->s, &head.text_start, &head.text_end);
		if (parse_item(p, &head))
			return p->stop;
	}
	size_t tail_start = split != NOT_FOUND ? split : it->text_start, tail_end = it->text_end;
	trim(p->s, &tail_start, &tail_end);
	return emit(p, ADDR_REJECT_TRUNCATED, NULL, tail_start, tail_end);
}

static int parse_item(struct parse *p, const struct item *it)
{
	struct survey sv;
	enum addr_reject why;

	if (it->text_start == it->text_end)
		return 0;
	if (it->sep == 0 && p->cut)
		return parse_cut_item(p, it);
	why = item_text_reject(p, it);
	if (why != ADDR_OK)
		return emit(p, why, NULL, it->text_start, it->text_end);
	survey_item(p, it, &sv);
	/* a field cut at its width inside a quote ("... \"John ") is cut, not
	 * broken, even when the cut fell after a blank */
	if (sv.sh.unclosed && it->sep == 0 && p->at_width)
		return parse_cut_item(p, it);
	if (sv.sh.broken)
		return emit(p, ADDR_REJECT_BAD_SYNTAX, NULL, it->text_start, it->text_end);
	if (sv.n > 0)
		return emit_candidates(p, it, &sv);
	if (it->sep == ':' || !sv.sh.has_text)
		return 0; /* a group's name, or only comments */
	return emit(p, ADDR_REJECT_NO_AT, NULL, it->text_start, it->text_end);
}

/* A field that is one bare address, plain ASCII without white space inside,
 * without specials, quotes or brackets, as most address-book and login
 * fields are: the lexer would find one item of one word holding an '@'. Sets
 * [*spec_start, *spec_end) to the trimmed field. */
static int is_one_bare_address(const char *s, size_t len, size_t *spec_start, size_t *spec_end)
{
	size_t start = 0, end = len;
	int at = 0;
	trim(s, &start, &end);
	*spec_start = start;
	*spec_end = end;
	if (start == end)
		return 0;
	for (size_t i = start; i < end; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '@')
			at = 1;
		else if (c != '.' && (c >= 0x80 || !is_atext(c)))
			return 0;
	}
	return at;
}

/* A field of one display name and one angle address, as most address-book
 * fields with a name are ("Ann Example <ann@x.org>", "\"Doe, Jo\" <jo@y.org>"):
 * ASCII, a name of words, dots, blanks and quoted strings without
 * backslashes, then '<', a plain address, '>' at the end. The lexer would
 * find one item whose one candidate is the angle address, its spec the
 * plain text inside. Sets [*open, *close) to that text. */
static int is_one_named_address(const char *s, size_t len, size_t *open, size_t *close)
{
	size_t start = 0, end = len, i;
	trim(s, &start, &end);
	if (end - start < 3 || s[end - 1] != '>')
		return 0;
	for (i = start; i < end && s[i] != '<'; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"') {
			for (i++; i < end && s[i] != '"'; i++)
				if (s[i] == '\\' || is_control((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
					return 0;
			if (i == end)
				return 0;
		} else if (c == '?' || (c != ' ' && c != '.' && (c >= 0x80 || !is_atext(c)))) {
			return 0; /* '?': an encoded word may hide specials, the lexer's to read */
		}
	}
	if (i == end)
		return 0;
	*open = i + 1;
	*close = end - 1;
	return is_plain_spec(s, *open, *close);
}

/* What parse_item concludes of a field on a direct path: its one candidate
 * is the spec at [spec_start, spec_end), the raw text the trimmed field. */
static int parse_direct(struct parse *p, size_t spec_start, size_t spec_end)
{
	char addr[ADDR_BUF];
	size_t start = 0, end = p->len;
	trim(p->s, &start, &end);
	enum addr_reject why = addr_normalise(p->s + spec_start, spec_end - spec_start, addr);
	emit(p, why, addr, start, end);
	return p->stop;
}

/* A cut field still ends its last item cleanly after these. */
static int ends_item(unsigned char c)
{
	return c == ',' || c == ';' || c == '>' || is_ws(c);
}

/* addrlist_parse, with or without the direct paths (without: the tests
 * check that both agree). */
static int parse_field(const char *field, size_t len, unsigned flags,
		       addr_item_fn cb, void *ctx, int direct)
{
	struct parse p = { field, len, cb, ctx, 0, (flags & ADDRLIST_TRUNCATED) != 0, 0, 0 };
	struct lexer lx = { field, len, 0 };

	if (len > ADDRLIST_MAX_FIELD)
		return emit(&p, ADDR_REJECT_TOO_LONG, NULL, 0, len);
	p.cut = (flags & ADDRLIST_TRUNCATED) && len > 0 &&
		!ends_item((unsigned char)field[len - 1]);
	size_t spec_start, spec_end;
	if (direct && !p.cut && (is_one_bare_address(field, len, &spec_start, &spec_end) ||
				 is_one_named_address(field, len, &spec_start, &spec_end)))
		return parse_direct(&p, spec_start, spec_end);
	for (;;) {
		struct item it = next_item(&lx);
		if (parse_item(&p, &it))
			return p.stop;
		if (it.sep == 0)
			break;
	}
	if (p.calls == 0)
		return emit(&p, ADDR_REJECT_EMPTY, NULL, 0, len);
	return 0;
}

int addrlist_parse(const char *field, size_t len, unsigned flags,
		   addr_item_fn cb, void *ctx)
{
	return parse_field(field, len, flags, cb, ctx, 1);
}

int addrlist_parse_general(const char *field, size_t len, unsigned flags,
			   addr_item_fn cb, void *ctx)
{
	return parse_field(field, len, flags, cb, ctx, 0);
}
