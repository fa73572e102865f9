/* Trap messages' header blocks and dates (see message.h), shared by the
 * mbox and maildir readers. */
#include "message.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "address.h"
#include "timeutil.h"

/* ---- dates ---------------------------------------------------------------- */

struct date_lexer {
	const char *s;
	size_t len, i;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* White space and comments, nested; -1 when a comment is left open. */
static int skip_cfws(struct date_lexer *lx)
{
	int depth = 0;
	for (; lx->i < lx->len; lx->i++) {
		char c = lx->s[lx->i];
		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		else if (c == '\\' && depth > 0 && lx->i + 1 < lx->len)
			lx->i++;
		else if (depth == 0 && !is_space(c))
			break;
	}
	return depth == 0 ? 0 : -1;
}

/* A run of letters, its first `cap - 1` kept lower-cased in buf; its length. */
static size_t read_word(struct date_lexer *lx, char *buf, size_t cap)
{
	size_t n = 0;
	for (; lx->i < lx->len && is_letter(lx->s[lx->i]); lx->i++, n++)
		if (n + 1 < cap)
			buf[n] = (char)(lx->s[lx->i] | 0x20);
	buf[n + 1 < cap ? n : cap - 1] = '\0';
	return n;
}

/* A run of 1 to max_digits digits into *v; the count, 0 when none or too many. */
static int read_number(struct date_lexer *lx, int max_digits, int *v)
{
	int n = 0;
	*v = 0;
	for (; lx->i < lx->len && is_digit(lx->s[lx->i]); lx->i++, n++)
		*v = *v * 10 + (lx->s[lx->i] - '0');
	return n <= max_digits ? n : 0;
}

static int expect_char(struct date_lexer *lx, char c)
{
	if (lx->i < lx->len && lx->s[lx->i] == c) {
		lx->i++;
		return 1;
	}
	return 0;
}

/* A day name ("tue", "tuesday"), then a comma that RFC 5322 wants and
 * some mailers leave out. */
static int skip_day_name(struct date_lexer *lx)
{
	static const char days[] = "mon tue wed thu fri sat sun";
	char w[16];
	if (lx->i >= lx->len || !is_letter(lx->s[lx->i]))
		return 0;
	if (read_word(lx, w, sizeof(w)) < 3 || (w[3] = '\0', !strstr(days, w)))
		return -1;
	if (skip_cfws(lx) != 0)
		return -1;
	expect_char(lx, ',');
	return skip_cfws(lx);
}

static int month_number(const char *w)
{
	static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
					      "jul", "aug", "sep", "oct", "nov", "dec" };
	for (int m = 0; m < 12; m++)
		if (strncmp(w, months[m], 3) == 0)
			return m + 1;
	return 0;
}

/* RFC 5322 4.3: two digits below 50 are 20xx, other two or three digits 19xx. */
static int full_year(int y, int digits)
{
	if (digits == 2)
		return y < 50 ? 2000 + y : 1900 + y;
	return digits == 3 ? 1900 + y : y;
}

/* A named zone's offset in minutes east; 0 for UT, GMT, Z and the military
 * letters (RFC 5322 says to read those as -0000). -1 for no zone name. */
static int named_zone(const char *w, int *minutes)
{
	static const struct {
		const char *name;
		int minutes;
	} zones[] = { { "ut", 0 },     { "gmt", 0 },    { "utc", 0 },    { "est", -300 }, { "edt", -240 },
		      { "cst", -360 }, { "cdt", -300 }, { "mst", -420 }, { "mdt", -360 }, { "pst", -480 },
		      { "pdt", -420 } };
	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++)
		if (strcmp(w, zones[z].name) == 0) {
			*minutes = zones[z].minutes;
			return 0;
		}
	if (strlen(w) == 1 && w[0] != 'j') {
		*minutes = 0;
		return 0;
	}
	return -1;
}

static int read_zone(struct date_lexer *lx, int *minutes)
{
	char w[8];
	if (lx->i < lx->len && (lx->s[lx->i] == '+' || lx->s[lx->i] == '-')) {
		int sign = lx->s[lx->i++] == '-' ? -1 : 1, hhmm;
		size_t start = lx->i;
		if (read_number(lx, 4, &hhmm) != 4 || lx->i - start != 4 || hhmm % 100 > 59)
			return -1;
		*minutes = sign * (hhmm / 100 * 60 + hhmm % 100);
		return 0;
	}
	if (read_word(lx, w, sizeof(w)) == 0 || strlen(w) > 4)
		return -1;
	return named_zone(w, minutes);
}

static int read_clock(struct date_lexer *lx, int *hh, int *mi, int *ss)
{
	*ss = 0;
	if (read_number(lx, 2, hh) == 0 || !expect_char(lx, ':') || read_number(lx, 2, mi) != 2)
		return -1;
	if (expect_char(lx, ':') && read_number(lx, 2, ss) != 2)
		return -1;
	return 0;
}

int mail_date_parse(const char *s, size_t len, int64_t *out)
{
	struct date_lexer lx = { s, len, 0 };
	int day, year, hh, mi, ss, zone, digits;
	char month[16];
	if (skip_cfws(&lx) != 0 || skip_day_name(&lx) != 0 || read_number(&lx, 2, &day) == 0 || skip_cfws(&lx) != 0)
		return -1;
	if (read_word(&lx, month, sizeof(month)) < 3 || !month_number(month) || skip_cfws(&lx) != 0)
		return -1;
	if ((digits = read_number(&lx, 4, &year)) < 2 || skip_cfws(&lx) != 0)
		return -1;
	if (read_clock(&lx, &hh, &mi, &ss) != 0 || skip_cfws(&lx) != 0 || read_zone(&lx, &zone) != 0)
		return -1;
	if (skip_cfws(&lx) != 0 || lx.i != lx.len)
		return -1;
	/* time_parse checks the calendar and the clock */
	char iso[48];
	int az = zone < 0 ? -zone : zone;
	int n = snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", full_year(year, digits),
			 month_number(month), day, hh, mi, ss, zone < 0 ? '-' : '+', az / 60, az % 60);
	if (n < 0 || (size_t)n >= sizeof(iso))
		return -1;
	return time_parse(iso, (size_t)n, out) == TIME_PARSED ? 0 : -1;
}

/* ---- header blocks ---------------------------------------------------------- */

void message_start(struct message *m, unsigned long first_line)
{
	for (int k = 0; k < KEPT_COUNT; k++) {
		m->kept[k].len = 0;
		m->kept[k].seen = 0;
	}
	m->capturing = -1;
	m->in_headers = 1;
	m->first_line = first_line;
}

void message_release(struct message *m)
{
	for (int k = 0; k < KEPT_COUNT; k++)
		free(m->kept[k].text);
	memset(m, 0, sizeof(*m));
}

static int kept_append(struct kept_value *v, const char *s, size_t len)
{
	if (v->len + len > KEPT_VALUE_MAX)
		len = KEPT_VALUE_MAX - v->len;
	if (v->len + len + 1 > v->cap) {
		size_t cap = v->len + len + 1 > 2 * v->cap ? v->len + len + 1 : 2 * v->cap;
		char *t = realloc(v->text, cap);
		if (!t)
			return -1;
		v->text = t;
		v->cap = cap;
	}
	memcpy(v->text + v->len, s, len);
	v->len += len;
	v->text[v->len] = '\0';
	return 0;
}

/* The length of a header field name before its colon (white space before
 * the colon allowed, as the obsolete syntax does); 0 when it is none. */
static size_t header_name_len(const char *s, size_t len, size_t *colon)
{
	size_t n = 0;
	while (n < len && s[n] > ' ' && s[n] < 127 && s[n] != ':')
		n++;
	size_t c = n;
	while (c < len && (s[c] == ' ' || s[c] == '\t'))
		c++;
	if (n == 0 || c >= len || s[c] != ':')
		return 0;
	*colon = c;
	return n;
}

static int kept_index(const char *name, size_t len)
{
	for (int k = 0; k < KEPT_COUNT; k++)
		if (strlen(kept_names[k]) == len && strncasecmp(name, kept_names[k], len) == 0)
			return k;
	return -1;
}

/* One line of the header block: a field, or a folded continuation of the
 * last one (unfolding drops only the line break). -1 on no memory. */
int message_header_line(struct message *m, const char *s, size_t len, unsigned long line)
{
	if (len == 0) {
		m->in_headers = 0;
		return 0;
	}
	if (s[0] == ' ' || s[0] == '\t')
		return m->capturing < 0 ? 0 : kept_append(&m->kept[m->capturing], s, len);
	size_t colon;
	size_t n = header_name_len(s, len, &colon);
	int k = n ? kept_index(s, n) : -1;
	m->capturing = -1;
	if (k < 0 || m->kept[k].seen)
		return 0;
	m->kept[k].seen = 1;
	m->kept[k].line = line;
	m->kept[k].len = 0;
	m->capturing = k;
	return kept_append(&m->kept[k], s + colon + 1, len - colon - 1);
}

static void message_date(const struct message *m, enum hit_date *date, int64_t *time)
{
	const struct kept_value *d = &m->kept[KEPT_DATE];
	*time = 0;
	if (!d->seen)
		*date = HIT_DATE_NONE;
	else
		*date = mail_date_parse(d->text, d->len, time) == 0 ? HIT_DATE_READ : HIT_DATE_UNREADABLE;
}

/* The message is read: its hits, or one no-recipient skip. */
int message_finish(struct message *m, struct hits_emitter *em)
{
	enum hit_date date;
	int64_t time;
	em->counts->messages++;
	message_date(m, &date, &time);
	for (int k = KEPT_DELIVERED_TO; k <= KEPT_TO; k++) {
		const struct kept_value *v = &m->kept[k];
		if (v->seen)
			return hits_emit_addresses(em, v->line, v->text ? v->text : "", v->len, date, time);
	}
	return hits_emit_skip(em, m->first_line, HITS_SKIP_NO_RECIPIENT, "", "", 0);
}

/* ---- detection ----------------------------------------------------------- */

int mail_line_is_header(const char *s, size_t len)
{
	static const char *const names[] = { "return-path", "received", "delivered-to", "x-original-to",
					     "envelope-to", "from", "to", "cc", "date", "subject", "message-id",
					     "mime-version", "content-type", "reply-to", "sender", NULL };
	size_t colon, n = header_name_len(s, len, &colon);
	if (n == 0)
		return 0;
	if (n > 2 && strncasecmp(s, "x-", 2) == 0)
		return 1;
	for (size_t i = 0; names[i]; i++)
		if (strlen(names[i]) == n && strncasecmp(s, names[i], n) == 0)
			return 1;
	return 0;
}
