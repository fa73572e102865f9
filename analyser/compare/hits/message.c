/* Trap messages read through GMime, their recipients and dates (see
 * message.h), shared by the mbox and maildir readers. Our RFC 5322 date
 * parser stays: g_mime_utils_header_decode_date (GMime 3.2) disagrees with
 * 12 of the 27 cases of the dates test. It refuses a three-digit year and
 * a leap second, and reads what we refuse: no zone, "CET", "j", "+01",
 * "+0160", text after the zone, an open comment, "Xyz," and a one-digit
 * year. A Date we cannot read is counted apart, so that would change counts. */
#include "message.h"

#include <errno.h>
#include <gmime/gmime.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

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
		if (n < max_digits) /* past it the number is refused: never overflow */
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

/* ---- messages, through GMime ------------------------------------------------- */

/* The headers kept, in the order the recipient is looked for. */
enum kept_header { KEPT_DELIVERED_TO, KEPT_X_ORIGINAL_TO, KEPT_TO, KEPT_DATE, KEPT_COUNT };

static const char *const kept_names[KEPT_COUNT] = { "delivered-to", "x-original-to", "to", "date" };

/* Longer values are cut here: the address-list parser rejects anything
 * above ADDRLIST_MAX_FIELD as too long anyway. */
#define KEPT_VALUE_MAX (ADDRLIST_MAX_FIELD + 1)

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

/* The kept header a field name is (white space before the colon, as the
 * obsolete syntax allows, ignored), or -1. */
static int kept_index(const char *name)
{
	size_t len = strlen(name);
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
		len--;
	for (int k = 0; k < KEPT_COUNT; k++)
		if (strlen(kept_names[k]) == len && strncasecmp(name, kept_names[k], len) == 0)
			return k;
	return -1;
}

/* Byte offsets of the file into line numbers, counting line ends in what
 * pread reads ahead (the stream GMime reads keeps its own position).
 * Offsets are asked for in increasing order. */
struct line_map {
	int fd;
	int64_t pos;              /* line ends counted up to here */
	unsigned long line;       /* the line at pos, from 1 */
	int64_t buf_at;           /* the file offset of buf[0] */
	size_t buf_len;
	char buf[65536];
};

static unsigned long line_at(struct line_map *m, int64_t off)
{
	while (m->pos < off) {
		if (m->pos >= m->buf_at + (int64_t)m->buf_len) {
			ssize_t got = pread(m->fd, m->buf, sizeof(m->buf), (off_t)m->pos);
			if (got <= 0)
				break;
			m->buf_at = m->pos;
			m->buf_len = (size_t)got;
		}
		const char *p = m->buf + (m->pos - m->buf_at), *end = m->buf + m->buf_len;
		if (off < m->buf_at + (int64_t)m->buf_len)
			end = m->buf + (off - m->buf_at);
		m->pos += end - p;
		while ((p = memchr(p, '\n', (size_t)(end - p)))) {
			m->line++;
			p++;
		}
	}
	return m->line;
}

/* A kept header's value as the file holds it, from the header's offset:
 * the text after its colon and its continuation lines, the line breaks
 * dropped (CRLF or LF), cut at KEPT_VALUE_MAX, into buf; its length.
 * GMime hands a value out as a C string, which a NUL byte would cut short
 * (losing the addresses after it): read from the file, the NUL stays and
 * the address parser rejects its item as control-char, as it always did. */
static size_t header_value(int fd, int64_t off, char *buf)
{
	char chunk[4096];
	size_t n = 0;
	int in_value = 0, line_start = 0, cr = 0;
	for (ssize_t got; n < KEPT_VALUE_MAX && (got = pread(fd, chunk, sizeof(chunk), (off_t)off)) > 0; off += got)
		for (ssize_t i = 0; i < got && n < KEPT_VALUE_MAX; i++) {
			char c = chunk[i];
			if (line_start && c != ' ' && c != '\t')
				goto done; /* the next field, or the body */
			line_start = 0;
			if (!in_value) {
				in_value = c == ':';
				continue;
			}
			if (cr && c != '\n')
				buf[n++] = '\r';
			cr = c == '\r';
			if (c == '\n')
				line_start = 1;
			else if (!cr && n < KEPT_VALUE_MAX)
				buf[n++] = c;
		}
done:
	buf[n] = '\0';
	return n;
}

static void message_date(GMimeHeader *date_header, int fd, char *buf, enum hit_date *date, int64_t *time)
{
	*time = 0;
	if (!date_header) {
		*date = HIT_DATE_NONE;
		return;
	}
	size_t len = header_value(fd, g_mime_header_get_offset(date_header), buf);
	*date = mail_date_parse(buf, len, time) == 0 ? HIT_DATE_READ : HIT_DATE_UNREADABLE;
}

/* One message (NULL: one with no header at all), whose first line is at
 * offset first: its hits, or one no-recipient skip. Non-zero when the sink
 * said stop. */
static int emit_message(GMimeMessage *msg, int64_t first, struct line_map *lm, char *buf, struct hits_emitter *em)
{
	GMimeHeader *kept[KEPT_COUNT] = { 0 };
	GMimeHeaderList *list = msg ? g_mime_object_get_header_list(GMIME_OBJECT(msg)) : NULL;
	int count = list ? g_mime_header_list_get_count(list) : 0;
	enum hit_date date;
	int64_t time;
	for (int i = 0; i < count; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
		int k = kept_index(g_mime_header_get_name(h));
		if (k >= 0 && !kept[k])
			kept[k] = h;
	}
	em->counts->messages++;
	message_date(kept[KEPT_DATE], lm->fd, buf, &date, &time);
	for (int k = KEPT_DELIVERED_TO; k <= KEPT_TO; k++)
		if (kept[k]) {
			size_t len = header_value(lm->fd, g_mime_header_get_offset(kept[k]), buf);
			return hits_emit_addresses(em, line_at(lm, g_mime_header_get_offset(kept[k])), buf, len, date, time);
		}
	return hits_emit_skip(em, line_at(lm, first), HITS_SKIP_NO_RECIPIENT, "", "", 0);
}

/* The offset of a "From " line starting a line in [from, to) of the file,
 * or -1. */
static int64_t bare_marker(int fd, int64_t from, int64_t to)
{
	char chunk[4096];
	ssize_t got = to > from ? pread(fd, chunk, to - from < (int64_t)sizeof(chunk) ? (size_t)(to - from) : sizeof(chunk),
					 (off_t)from)
				: 0;
	for (ssize_t i = 0; i + 5 <= got; i++)
		if ((i == 0 || chunk[i - 1] == '\n') && memcmp(chunk + i, "From ", 5) == 0)
			return from + i;
	return -1;
}

/* GMime's init and shutdown count their calls: the mbox and maildir
 * entries both name these, and the library is up from the first init to
 * the last shutdown. */
void message_library_init(void)
{
	g_mime_init();
}

void message_library_shutdown(void)
{
	g_mime_shutdown();
}

enum hits_status message_read_all(FILE *f, int mbox, struct hits_emitter *em, char *err, size_t errsz)
{
	enum hits_status rc = HITS_OK;
	struct line_map *lm = malloc(sizeof(*lm));
	char *buf = malloc(KEPT_VALUE_MAX + 1);
	GMimeStream *stream = NULL;
	GMimeParser *parser = NULL;
	if (!lm || !buf) {
		snprintf(err, errsz, "out of memory");
		rc = HITS_STOPPED;
		goto out;
	}
	*lm = (struct line_map){ .fd = fileno(f), .line = 1 };
	stream = g_mime_stream_file_new(f);
	g_mime_stream_file_set_owner(GMIME_STREAM_FILE(stream), FALSE); /* the caller closes f */
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
	do {
		int64_t before = g_mime_parser_tell(parser);
		GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
		int64_t marker = mbox ? g_mime_parser_get_mbox_marker_offset(parser) : 0;
		/* GMime gives no message for a "From " line with nothing after it
		 * (a file cut mid-delivery); it is one all the same, with no header:
		 * a no-recipient skip, so that counts reconcile */
		if (!msg && mbox && (marker = bare_marker(lm->fd, before, g_mime_parser_tell(parser))) < 0)
			break;
		int stop = emit_message(msg, marker, lm, buf, em);
		if (msg)
			g_object_unref(msg);
		if (stop)
			rc = HITS_STOPPED;
	} while (rc == HITS_OK && mbox && !g_mime_parser_eos(parser));
	if (rc == HITS_OK && ferror(f)) {
		snprintf(err, errsz, "cannot read '%s': %s", em->file, strerror(errno));
		rc = HITS_UNREADABLE;
	}
out:
	if (parser)
		g_object_unref(parser);
	if (stream)
		g_object_unref(stream);
	free(buf);
	free(lm);
	return rc;
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
