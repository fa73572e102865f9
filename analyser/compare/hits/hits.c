/* Hits files: what form each is in, and the readers of the line forms
 * (see include/hits.h; messages are in compare_mail.c). */
#include "hits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvfile.h"
#include "lines.h"
#include "mail.h"

static const char *const form_names[HITS_FORM_COUNT] = {
	[HITS_FORM_LIST] = "list",     [HITS_FORM_CSV] = "csv",   [HITS_FORM_SHA256] = "sha256",
	[HITS_FORM_MD5] = "md5",       [HITS_FORM_MBOX] = "mbox", [HITS_FORM_MAILDIR] = "maildir",
};

static const char *const skip_names[HITS_SKIP_COUNT] = {
	[HITS_SKIP_BLANK] = "blank",
	[HITS_SKIP_NOT_ADDRESS] = "not-an-address",
	[HITS_SKIP_NO_ADDRESS] = "no-address",
	[HITS_SKIP_BAD_CSV] = "bad-csv",
	[HITS_SKIP_MISSING_COLUMN] = "missing-column",
	[HITS_SKIP_NO_RECIPIENT] = "no-recipient",
};

/* The CSV columns that hold the hit, case-insensitively; the leftmost wins. */
static const char *const address_columns[] = { "address", "email", "recipient", NULL };

const char *hits_form_name(enum hits_form f)
{
	return (unsigned)f < HITS_FORM_COUNT ? form_names[f] : "unknown";
}

int hits_form_is_digest(enum hits_form f)
{
	return f == HITS_FORM_SHA256 || f == HITS_FORM_MD5;
}

int hits_form_is_message(enum hits_form f)
{
	return f == HITS_FORM_MBOX || f == HITS_FORM_MAILDIR;
}

const char *hits_skip_name(enum hits_skip why)
{
	return (unsigned)why < HITS_SKIP_COUNT ? skip_names[why] : "unknown";
}

/* ---- emitting --------------------------------------------------------------- */

int hits_emit_skip(struct hits_emitter *em, unsigned long line, enum hits_skip why, const char *detail,
		   const char *text, size_t len)
{
	struct hits_skipped s = { em->file, line, why, detail, text, len };
	em->counts->skipped++;
	em->counts->by_reason[why]++;
	return em->sink->skip ? em->sink->skip(em->sink->ctx, &s) : 0;
}

static int emit_hit(struct hits_emitter *em, unsigned long line, const char *key, enum hit_date date, int64_t time)
{
	struct hit h = { key, date, time, em->file, line };
	em->counts->hits++;
	return em->sink->hit ? em->sink->hit(em->sink->ctx, &h) : 0;
}

struct item_ctx {
	struct hits_emitter *em;
	unsigned long line;
	enum hit_date date;
	int64_t time;
	unsigned long items;
};

static int on_item(void *ctx, enum addr_reject why, const char *addr, const char *raw, size_t raw_len)
{
	struct item_ctx *c = ctx;
	c->items++;
	if (why == ADDR_OK)
		return emit_hit(c->em, c->line, addr, c->date, c->time);
	if (why == ADDR_REJECT_EMPTY)
		return hits_emit_skip(c->em, c->line, line_is_blank(raw, raw_len) ? HITS_SKIP_BLANK : HITS_SKIP_NO_ADDRESS,
				      "", raw, raw_len);
	return hits_emit_skip(c->em, c->line, HITS_SKIP_NOT_ADDRESS, addr_reject_name(why), raw, raw_len);
}

int hits_emit_addresses(struct hits_emitter *em, unsigned long line, const char *value, size_t len,
			enum hit_date date, int64_t time)
{
	struct item_ctx c = { em, line, date, time, 0 };
	int rc = addrlist_parse(value, len, 0, on_item, &c);
	if (rc == 0 && c.items == 0)
		rc = hits_emit_skip(em, line, HITS_SKIP_NO_ADDRESS, "", value, len);
	return rc;
}

/* ---- detection --------------------------------------------------------------- */

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Spaces and tabs trimmed off both ends of s[0..*len); the new start. */
static const char *trimmed(const char *s, size_t *len)
{
	while (*len > 0 && (*s == ' ' || *s == '\t'))
		s++, (*len)--;
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
	return s;
}

/* The digest length (64 or 32) when the line is one, else 0. */
static size_t digest_length(const char *s, size_t len)
{
	s = trimmed(s, &len);
	if (len != 64 && len != 32)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!is_hex(s[i]))
			return 0;
	return len;
}

/* A CSV header: no '@', and a field named like an address column. A first
 * line like "Smith, John" is no header: read as a list, every address of
 * every line counts, where CSV would keep one column and lose the others. */
static int is_csv_header(const char *s, size_t len)
{
	if (memchr(s, '@', len))
		return 0;
	struct csv_row row;
	csv_row_init(&row);
	int named = csv_row_split(&row, s, len) == CSV_SPLIT_OK && csv_row_find(&row, address_columns) >= 0;
	csv_row_release(&row);
	return named;
}

static enum hits_status classify_line(const char *path, const struct line_reader *lr, enum hits_form *form,
				      char *err, size_t errsz)
{
	size_t digest = digest_length(lr->buf, lr->len);
	if (lr->len >= 5 && memcmp(lr->buf, "From ", 5) == 0)
		*form = HITS_FORM_MBOX;
	else if (mail_line_is_header(lr->buf, lr->len)) {
		snprintf(err, errsz, "'%s':%lu: broken mbox: a file of messages must start with a 'From ' line "
				     "(or give a maildir)", path, lr->number);
		return HITS_BAD_INPUT;
	} else if (digest)
		*form = digest == 64 ? HITS_FORM_SHA256 : HITS_FORM_MD5;
	else if (is_csv_header(lr->buf, lr->len))
		*form = HITS_FORM_CSV;
	else
		*form = HITS_FORM_LIST;
	return HITS_OK;
}

static enum hits_status detect_directory(const char *path, enum hits_form *form, char *err, size_t errsz)
{
	if (!mail_is_maildir(path)) {
		snprintf(err, errsz, "'%s' is a directory but not a maildir (no cur/ or new/ in it)", path);
		return HITS_BAD_INPUT;
	}
	*form = HITS_FORM_MAILDIR;
	return HITS_OK;
}

enum hits_status hits_detect(const char *path, enum hits_form *form, char *err, size_t errsz)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		snprintf(err, errsz, "cannot read '%s': %s", path, strerror(errno));
		return HITS_UNREADABLE;
	}
	if (S_ISDIR(st.st_mode))
		return detect_directory(path, form, err, errsz);
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errsz, "cannot read '%s': %s", path, strerror(errno));
		return HITS_UNREADABLE;
	}
	struct line_reader lr;
	int got;
	enum hits_status rc;
	line_reader_init(&lr, f);
	while ((got = line_reader_next(&lr)) > 0 && line_is_blank(lr.buf, lr.len))
		;
	if (got < 0) {
		snprintf(err, errsz, "cannot read '%s': %s", path, strerror(errno));
		rc = HITS_UNREADABLE;
	} else if (got == 0) {
		snprintf(err, errsz, "'%s' is empty: no hits in it", path);
		rc = HITS_BAD_INPUT;
	} else {
		rc = classify_line(path, &lr, form, err, errsz);
	}
	line_reader_release(&lr);
	fclose(f);
	return rc;
}

/* ---- the line forms ---------------------------------------------------------- */

struct line_form {
	enum hits_form form;
	struct hits_emitter em;
	struct csv_row row;
	long column;      /* CSV: the address column, -1 until the header is read */
	size_t digest;    /* sha256: 64, md5: 32 */
	char *err;
	size_t errsz;
};

static enum hits_status digest_line(struct line_form *lf, const struct line_reader *lr)
{
	size_t len = lr->len;
	const char *s = trimmed(lr->buf, &len);
	if (digest_length(s, len) != lf->digest) {
		snprintf(lf->err, lf->errsz, "'%s':%lu: not %s digest (%zu hex digits) in a file of %s digests",
			 lf->em.file, lr->number, lf->form == HITS_FORM_MD5 ? "an md5" : "a sha256", lf->digest,
			 hits_form_name(lf->form));
		return HITS_BAD_INPUT;
	}
	char key[HITS_KEY_BUF];
	for (size_t i = 0; i < len; i++)
		key[i] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] + ('a' - 'A') : s[i]);
	key[len] = '\0';
	return emit_hit(&lf->em, lr->number, key, HIT_DATE_NONE, 0) ? HITS_STOPPED : HITS_OK;
}

static enum hits_status csv_header_line(struct line_form *lf, const struct line_reader *lr)
{
	enum csv_split split = csv_row_split(&lf->row, lr->buf, lr->len);
	if (split == CSV_SPLIT_NO_MEMORY) {
		snprintf(lf->err, lf->errsz, "out of memory");
		return HITS_STOPPED;
	}
	if (split != CSV_SPLIT_OK) {
		snprintf(lf->err, lf->errsz, "'%s':%lu: the CSV header has a quote left open", lf->em.file, lr->number);
		return HITS_BAD_INPUT;
	}
	lf->column = csv_row_find(&lf->row, address_columns);
	if (lf->column < 0)
		lf->column = 0;
	return HITS_OK;
}

static enum hits_status csv_data_line(struct line_form *lf, const struct line_reader *lr)
{
	enum csv_split split = csv_row_split(&lf->row, lr->buf, lr->len);
	int stop;
	if (split == CSV_SPLIT_NO_MEMORY) {
		snprintf(lf->err, lf->errsz, "out of memory");
		return HITS_STOPPED;
	}
	if (split != CSV_SPLIT_OK)
		stop = hits_emit_skip(&lf->em, lr->number, HITS_SKIP_BAD_CSV, "", lr->buf, lr->len);
	else if ((size_t)lf->column >= lf->row.n)
		stop = hits_emit_skip(&lf->em, lr->number, HITS_SKIP_MISSING_COLUMN, "", lr->buf, lr->len);
	else
		stop = hits_emit_addresses(&lf->em, lr->number, lf->row.field[lf->column],
					   lf->row.field_len[lf->column], HIT_DATE_NONE, 0);
	return stop ? HITS_STOPPED : HITS_OK;
}

/* One line of a list, CSV or digest file. */
static enum hits_status form_line(struct line_form *lf, const struct line_reader *lr)
{
	int blank = line_is_blank(lr->buf, lr->len);
	if (lf->form == HITS_FORM_CSV && lf->column < 0 && !blank)
		return csv_header_line(lf, lr);
	lf->em.counts->lines++;
	if (blank)
		return hits_emit_skip(&lf->em, lr->number, HITS_SKIP_BLANK, "", lr->buf, lr->len) ? HITS_STOPPED
												      : HITS_OK;
	if (lf->digest)
		return digest_line(lf, lr);
	if (lf->form == HITS_FORM_CSV)
		return csv_data_line(lf, lr);
	return hits_emit_addresses(&lf->em, lr->number, lr->buf, lr->len, HIT_DATE_NONE, 0) ? HITS_STOPPED : HITS_OK;
}

static enum hits_status read_line_form(FILE *f, struct line_form *lf)
{
	struct line_reader lr;
	int got = 0;
	enum hits_status rc = HITS_OK;
	uint64_t lines_before = lf->em.counts->lines;
	line_reader_init(&lr, f);
	while (rc == HITS_OK && (got = line_reader_next(&lr)) > 0)
		rc = form_line(lf, &lr);
	if (rc == HITS_OK && got < 0) {
		snprintf(lf->err, lf->errsz, "cannot read '%s': %s", lf->em.file, strerror(errno));
		rc = errno == ENOMEM ? HITS_STOPPED : HITS_UNREADABLE;
	}
	if (rc == HITS_OK && lf->form == HITS_FORM_CSV && lf->em.counts->lines == lines_before) {
		snprintf(lf->err, lf->errsz, "'%s' holds a CSV header and no rows: no hits in it", lf->em.file);
		rc = HITS_BAD_INPUT;
	}
	line_reader_release(&lr);
	return rc;
}

enum hits_status hits_read(const char *path, enum hits_form form, const struct hits_sink *sink,
			   struct hits_counts *counts, char *err, size_t errsz)
{
	struct hits_emitter em = { sink, counts, path };
	if (form == HITS_FORM_MAILDIR)
		return mail_read_maildir(path, &em, err, errsz);
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errsz, "cannot read '%s': %s", path, strerror(errno));
		return HITS_UNREADABLE;
	}
	enum hits_status rc;
	if (form == HITS_FORM_MBOX) {
		rc = mail_read_mbox(f, &em, err, errsz);
	} else {
		struct line_form lf = { .form = form, .em = em, .column = -1, .err = err, .errsz = errsz };
		lf.digest = form == HITS_FORM_SHA256 ? 64 : form == HITS_FORM_MD5 ? 32 : 0;
		csv_row_init(&lf.row);
		rc = read_line_form(f, &lf);
		csv_row_release(&lf.row);
	}
	fclose(f);
	return rc;
}
