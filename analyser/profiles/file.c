/* Profile files: a custom profile as data, loaded into the same structs as a
 * built-in one (profile_atmail.c), every string owned by the profile.
 *
 * The format:
 *
 *   # a comment: a line that starts with '#' or ';' (in the first column)
 *   name = billing                  optional, before the first section;
 *                                   default: the file's base name without
 *                                   its extension
 *   description = Billing database  optional, before the first section
 *   detect = customers invoices     optional, before the first section:
 *                                   table globs that must all be present
 *
 *   [extractor billing]             NAME: letters, digits, '_', '-'; unique
 *                                   in the file (case-insensitively)
 *   origin = login                  required: login | addressbook | sent
 *   query = SELECT customer_id, billing_email, updated_at
 *           FROM customers          required
 *   address = billing_email         required: 1 to 5 columns, separated by
 *                                   ',' and/or white space
 *   key = customer_id               required: what names the row in the
 *                                   rejects file
 *   owner = customer_id             optional: the account that held the row
 *   time = updated_at               optional
 *   time_kind = changed             optional, with time: created | event |
 *                                   changed (default: changed, which never
 *                                   drops a row)
 *   login_time = last_login         optional: a login time of the row's
 *                                   owner (the customers-login segment)
 *   deleted = del                   optional: a soft-delete flag column
 *   vcard = vcard                   optional: a column holding a vCard, whose EMAIL lines are read too
 *   internal = billing_email        optional: one of the address columns,
 *                                   whose domains are internal by default
 *   tables = customers              optional: table globs; the query is run
 *                                   once per matching table, "{table}"
 *                                   replaced by its quoted name. With
 *                                   'tables' the query must hold {table},
 *                                   without it it must not (it names its
 *                                   tables itself and runs once)
 *   truncate_at = 64                optional, 1..65535: fields this long were
 *                                   cut at the column width
 *   filter = none                   optional: none | atmail-logmsg | vcard
 *   login_name = yes                optional: yes | no: the address may be
 *                                   a bare login, completed by --login-domain
 *
 * Lines are "key = value". Keys are case-insensitive, and so are the words
 * origin, filter and login_name take; column names are kept as written and
 * must be plain identifiers ([A-Za-z_][A-Za-z0-9_$]*). Values are trimmed
 * and may not be empty. There are no trailing comments: '#' and ';' inside a
 * value are part of it (a query may hold them).
 *
 * A line that starts with white space continues the value of the line just
 * above it, joined with one space ("query =" may be left empty, the query
 * starting on the next line). A blank or comment line ends a value: an
 * indented line after one, or after a section header, is an error.
 *
 * A line may hold at most 4096 bytes (not counting its newline) and no NUL
 * byte; a trailing carriage return is white space. A file needs at least one
 * extractor. Every error names the file and the line: "'billing.profile':7:
 * unknown key 'adress'"; a missing required key names the line of its
 * section header, a file without extractor its last line. Two address
 * columns may not be the same (case-insensitively, as the scan matches them),
 * and 'internal' is matched against them the same way.
 *
 * The query itself is not checked here: the database checks it, and the scan
 * checks at the first row that the named columns come back. */
#include "profile.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keys.h"
#include "textcmp.h"

#define LINE_MAX_BYTES 4096
#define TRUNCATE_AT_MAX 65535u

#define PROFILE_FIELD(f) offsetof(struct profile, f)
#define EXTRACTOR_FIELD(f) offsetof(struct extractor, f)

const struct profile_key profile_keys[KEY_COUNT] = {
	[KEY_NAME] = { "name", KIND_TEXT, PROFILE_FIELD(name) },
	[KEY_DESCRIPTION] = { "description", KIND_TEXT, PROFILE_FIELD(description) },
	[KEY_DETECT] = { "detect", KIND_TEXT, PROFILE_FIELD(detect) },
	[KEY_ORIGIN] = { "origin", KIND_ORIGIN, EXTRACTOR_FIELD(origin) },
	[KEY_TABLES] = { "tables", KIND_TEXT, EXTRACTOR_FIELD(tables) },
	[KEY_QUERY] = { "query", KIND_TEXT, EXTRACTOR_FIELD(query) },
	[KEY_ADDRESS] = { "address", KIND_ADDRESS, EXTRACTOR_FIELD(address) },
	[KEY_OWNER] = { "owner", KIND_COLUMN, EXTRACTOR_FIELD(owner) },
	[KEY_TIME] = { "time", KIND_COLUMN, EXTRACTOR_FIELD(time) },
	[KEY_TIME_KIND] = { "time_kind", KIND_TIME_KIND, EXTRACTOR_FIELD(time_kind) },
	[KEY_LOGIN_TIME] = { "login_time", KIND_COLUMN, EXTRACTOR_FIELD(login_time) },
	[KEY_KEY] = { "key", KIND_COLUMN, EXTRACTOR_FIELD(key) },
	[KEY_DELETED] = { "deleted", KIND_COLUMN, EXTRACTOR_FIELD(deleted) },
	[KEY_VCARD] = { "vcard", KIND_COLUMN, EXTRACTOR_FIELD(vcard) },
	[KEY_INTERNAL] = { "internal", KIND_COLUMN, EXTRACTOR_FIELD(internal) },
	[KEY_TRUNCATE_AT] = { "truncate_at", KIND_TRUNCATE_AT, EXTRACTOR_FIELD(truncate_at) },
	[KEY_FILTER] = { "filter", KIND_FILTER, EXTRACTOR_FIELD(filter) },
	[KEY_LOGIN_NAME] = { "login_name", KIND_LOGIN_NAME, EXTRACTOR_FIELD(flags) },
};

/* In the order a missing one is reported. */
static const enum key required_keys[] = { KEY_ORIGIN, KEY_QUERY, KEY_ADDRESS, KEY_KEY };

/* A growing string: the value being read, continuation lines included. */
struct strbuf {
	char *buf;
	size_t len, cap;
};

struct loader {
	const char *path;
	char *err;
	size_t errsz;
	int failed;          /* first error wins */
	unsigned line;       /* the last line read */
	struct profile *p;   /* being built; its extractors are `ex` */
	struct extractor *ex;
	size_t section;      /* index of the current extractor; valid when n > 0 */
	unsigned section_line;
	unsigned given[KEY_COUNT]; /* the line each key was given on; 0: not yet */
	enum key pending;    /* the key whose value is being read; KEY_NONE: none */
	unsigned pending_line;
	struct strbuf value;
};

/* ---- errors ----------------------------------------------------------------- */

static int fail_line(struct loader *ld, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "'<path>':<line>: <what>", once. Returns -1. */
static int fail_line(struct loader *ld, unsigned line, const char *fmt, ...)
{
	if (ld->failed || ld->errsz == 0)
		return -1;
	ld->failed = 1;
	int n = snprintf(ld->err, ld->errsz, "'%s':%u: ", ld->path, line);
	if (n < 0 || (size_t)n >= ld->errsz)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ld->err + n, ld->errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int fail_plain(struct loader *ld, const char *what, int errnum)
{
	if (ld->failed || ld->errsz == 0)
		return -1;
	ld->failed = 1;
	if (errnum)
		snprintf(ld->err, ld->errsz, "cannot read '%s': %s", ld->path, strerror(errnum));
	else
		snprintf(ld->err, ld->errsz, "%s", what);
	return -1;
}

static int out_of_memory(struct loader *ld)
{
	return fail_plain(ld, "out of memory", 0);
}

/* ---- small text helpers ------------------------------------------------------- */

/* Trims white space at both ends, in place. */
static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int is_identifier(const char *s, size_t n)
{
	if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '$'))
			return 0;
	return 1;
}

static int is_extractor_name(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static int strbuf_set(struct strbuf *sb, const char *s, int join)
{
	size_t n = strlen(s), sep = (join && sb->len > 0 && n > 0) ? 1 : 0;
	size_t keep = join ? sb->len : 0;
	if (keep + sep + n + 1 > sb->cap) {
		size_t cap = (keep + sep + n + 1) * 2;
		char *b = realloc(sb->buf, cap);
		if (!b)
			return -1;
		sb->buf = b;
		sb->cap = cap;
	}
	if (sep)
		sb->buf[keep] = ' ';
	memcpy(sb->buf + keep + sep, s, n + 1);
	sb->len = keep + sep + n;
	return 0;
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* ---- values -------------------------------------------------------------------- */

static struct extractor *current(struct loader *ld)
{
	return &ld->ex[ld->section];
}

static const char *section_name(struct loader *ld)
{
	return current(ld)->name;
}

/* The string field a key fills (KIND_TEXT, KIND_COLUMN). */
static const char **string_field(struct loader *ld, enum key k)
{
	char *base = k < KEY_FIRST_SECTION ? (char *)ld->p : (char *)current(ld);
	return (const char **)(base + profile_keys[k].offset);
}

static int set_string(struct loader *ld, enum key k, const char *v)
{
	if (profile_keys[k].kind == KIND_COLUMN && !is_identifier(v, strlen(v)))
		return fail_line(ld, ld->pending_line, "'%s' in '%s' is not a plain column name", v,
				 profile_keys[k].name);
	char *d = dup_n(v, strlen(v));
	if (!d)
		return out_of_memory(ld);
	*string_field(ld, k) = d;
	return 0;
}

static int add_address(struct loader *ld, const char *col, size_t n)
{
	struct extractor *ex = current(ld);
	size_t i = 0;
	if (!is_identifier(col, n))
		return fail_line(ld, ld->pending_line, "'%.*s' in 'address' is not a plain column name",
				 (int)n, col);
	for (; ex->address[i]; i++)
		if (equals_ci(col, n, ex->address[i]))
			return fail_line(ld, ld->pending_line, "'%.*s' given twice in 'address'", (int)n, col);
	if (i == EXTRACTOR_MAX_ADDRESS)
		return fail_line(ld, ld->pending_line, "extractor '%s' has more than %d address columns",
				 section_name(ld), EXTRACTOR_MAX_ADDRESS);
	if (!(ex->address[i] = dup_n(col, n)))
		return out_of_memory(ld);
	return 0;
}

static int set_address(struct loader *ld, const char *v)
{
	static const char sep[] = ", \t\r\n\v\f";
	for (int added = 0;; added++) {
		v += strspn(v, sep);
		size_t n = strcspn(v, sep);
		if (n == 0)
			return added ? 0 : fail_line(ld, ld->pending_line, "'address' names no column");
		if (add_address(ld, v, n) != 0)
			return -1;
		v += n;
	}
}

static int set_origin(struct loader *ld, const char *v)
{
	for (int o = 0; o < ORIGIN_COUNT; o++)
		if (strcasecmp(v, origin_name((enum origin)o)) == 0) {
			current(ld)->origin = (enum origin)o;
			return 0;
		}
	return fail_line(ld, ld->pending_line, "origin must be login, addressbook or sent, not '%s'", v);
}

static int set_filter(struct loader *ld, const char *v)
{
	char names[128];
	if (field_filter_parse(v, &current(ld)->filter) == 0)
		return 0;
	field_filter_names(names, sizeof(names));
	return fail_line(ld, ld->pending_line, "filter must be %s, not '%s'", names, v);
}

static int set_time_kind(struct loader *ld, const char *v)
{
	if (time_kind_parse(v, &current(ld)->time_kind) == 0)
		return 0;
	return fail_line(ld, ld->pending_line, "time_kind must be created, event or changed, not '%s'", v);
}

static int set_login_name(struct loader *ld, const char *v)
{
	if (strcasecmp(v, "yes") == 0)
		current(ld)->flags |= EXTRACTOR_LOGIN_NAME;
	else if (strcasecmp(v, "no") == 0)
		current(ld)->flags &= ~EXTRACTOR_LOGIN_NAME;
	else
		return fail_line(ld, ld->pending_line, "login_name must be yes or no, not '%s'", v);
	return 0;
}

static int set_truncate_at(struct loader *ld, const char *v)
{
	unsigned long n = 0;
	const char *s = v;
	for (; isdigit((unsigned char)*s) && n <= TRUNCATE_AT_MAX; s++)
		n = n * 10 + (unsigned long)(*s - '0');
	if (*s || n < 1 || n > TRUNCATE_AT_MAX)
		return fail_line(ld, ld->pending_line, "truncate_at must be a number from 1 to %u, not '%s'",
				 TRUNCATE_AT_MAX, v);
	current(ld)->truncate_at = (unsigned)n;
	return 0;
}

/* The value of the pending key is complete: check it and store it. */
static int end_value(struct loader *ld)
{
	enum key k = ld->pending;
	if (k == KEY_NONE)
		return 0;
	ld->pending = KEY_NONE;
	const char *v = ld->value.buf;
	if (*v == '\0')
		return fail_line(ld, ld->pending_line, "empty value for '%s'", profile_keys[k].name);
	switch (profile_keys[k].kind) {
	case KIND_ORIGIN: return set_origin(ld, v);
	case KIND_ADDRESS: return set_address(ld, v);
	case KIND_TRUNCATE_AT: return set_truncate_at(ld, v);
	case KIND_FILTER: return set_filter(ld, v);
	case KIND_TIME_KIND: return set_time_kind(ld, v);
	case KIND_LOGIN_NAME: return set_login_name(ld, v);
	case KIND_TEXT:
	case KIND_COLUMN: break;
	}
	return set_string(ld, k, v);
}

/* ---- lines ------------------------------------------------------------------------ */

static enum key find_key(const char *name)
{
	for (int k = 0; k < KEY_COUNT; k++)
		if (strcasecmp(name, profile_keys[k].name) == 0)
			return (enum key)k;
	return KEY_NONE;
}

/* "key = value": the key is checked now, the value once its continuation
 * lines are in. */
static int begin_value(struct loader *ld, char *line)
{
	char *eq = strchr(line, '=');
	if (!eq || eq == line)
		return fail_line(ld, ld->line, "expected key = value, not '%s'", trim(line));
	*eq = '\0';
	const char *name = trim(line);
	enum key k = find_key(name);
	int in_section = ld->p->n_extractors > 0;
	if (k == KEY_NONE)
		return fail_line(ld, ld->line, "unknown key '%s'", name);
	if (k < KEY_FIRST_SECTION && in_section)
		return fail_line(ld, ld->line, "'%s' must come before the first section", profile_keys[k].name);
	if (k >= KEY_FIRST_SECTION && !in_section)
		return fail_line(ld, ld->line, "'%s' must be in an [extractor NAME] section", profile_keys[k].name);
	if (ld->given[k] && in_section)
		return fail_line(ld, ld->line, "'%s' given twice in extractor '%s'", profile_keys[k].name,
				 section_name(ld));
	if (ld->given[k])
		return fail_line(ld, ld->line, "'%s' given twice", profile_keys[k].name);
	ld->given[k] = ld->line;
	ld->pending = k;
	ld->pending_line = ld->line;
	return strbuf_set(&ld->value, trim(eq + 1), 0) == 0 ? 0 : out_of_memory(ld);
}

static int continue_value(struct loader *ld, char *line)
{
	if (ld->pending == KEY_NONE)
		return fail_line(ld, ld->line, "continuation line with no value to continue");
	return strbuf_set(&ld->value, trim(line), 1) == 0 ? 0 : out_of_memory(ld);
}

/* The checks that need the whole section. */
static int end_section(struct loader *ld)
{
	if (ld->p->n_extractors == 0)
		return 0;
	const struct extractor *ex = current(ld);
	for (size_t i = 0; i < sizeof(required_keys) / sizeof(required_keys[0]); i++)
		if (!ld->given[required_keys[i]])
			return fail_line(ld, ld->section_line, "extractor '%s' has no '%s'", ex->name,
					 profile_keys[required_keys[i]].name);
	if (ex->internal) {
		size_t i = 0;
		while (ex->address[i] && strcasecmp(ex->address[i], ex->internal) != 0)
			i++;
		if (!ex->address[i])
			return fail_line(ld, ld->given[KEY_INTERNAL],
					 "internal column '%s' is not among the address columns of extractor '%s'",
					 ex->internal, ex->name);
	}
	if (ld->given[KEY_TIME_KIND] && !ex->time)
		return fail_line(ld, ld->given[KEY_TIME_KIND], "extractor '%s' has a 'time_kind' but no 'time'",
				 ex->name);
	int has_placeholder = strstr(ex->query, "{table}") != NULL;
	if (has_placeholder && !ex->tables)
		return fail_line(ld, ld->given[KEY_QUERY], "query of extractor '%s' has {table} but no 'tables'",
				 ex->name);
	if (!has_placeholder && ex->tables)
		return fail_line(ld, ld->given[KEY_TABLES],
				 "'tables' given but the query of extractor '%s' has no {table}", ex->name);
	return 0;
}

/* "[extractor NAME]": the name, or NULL when the header is not one. */
static const char *parse_header(char *line, size_t *namelen)
{
	char *s = trim(line + 1);
	size_t n = strlen(s);
	if (n == 0 || s[n - 1] != ']')
		return NULL;
	s[n - 1] = '\0';
	s = trim(s);
	if (strncasecmp(s, "extractor", 9) != 0 || !isspace((unsigned char)s[9]))
		return NULL;
	s = trim(s + 9);
	*namelen = strlen(s);
	return is_extractor_name(s, *namelen) ? s : NULL;
}

static int grow_extractors(struct loader *ld)
{
	struct extractor *v = realloc(ld->ex, (ld->p->n_extractors + 1) * sizeof(*v));
	if (!v)
		return out_of_memory(ld);
	ld->ex = v;
	ld->p->extractors = v;
	memset(&v[ld->p->n_extractors], 0, sizeof(*v));
	ld->section = ld->p->n_extractors++;
	return 0;
}

static int begin_section(struct loader *ld, char *line)
{
	if (end_section(ld) != 0)
		return -1;
	char copy[LINE_MAX_BYTES + 1];
	size_t n;
	snprintf(copy, sizeof(copy), "%s", line);
	const char *name = parse_header(line, &n);
	if (!name)
		return fail_line(ld, ld->line, "bad section header '%s'", trim(copy));
	for (size_t i = 0; i < ld->p->n_extractors; i++)
		if (strcasecmp(ld->ex[i].name, name) == 0)
			return fail_line(ld, ld->line, "extractor '%s' given twice", name);
	if (grow_extractors(ld) != 0)
		return -1;
	if (!(current(ld)->name = dup_n(name, n)))
		return out_of_memory(ld);
	for (int k = KEY_FIRST_SECTION; k < KEY_COUNT; k++)
		ld->given[k] = 0;
	ld->section_line = ld->line;
	return 0;
}

static int is_blank(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

static int take_line(struct loader *ld, char *line)
{
	if (is_blank(line))
		return end_value(ld);
	if (isspace((unsigned char)line[0]))
		return continue_value(ld, line);
	if (end_value(ld) != 0)
		return -1;
	if (line[0] == '#' || line[0] == ';')
		return 0;
	if (line[0] == '[')
		return begin_section(ld, line);
	return begin_value(ld, line);
}

/* One line into buf (LINE_MAX_BYTES + 1 bytes), without its newline.
 * 1: a line, 0: end of file, -1: error. */
static int read_line(struct loader *ld, FILE *f, char *buf)
{
	size_t n = 0;
	int c;
	while ((c = getc(f)) != EOF && c != '\n') {
		if (c == '\0')
			return fail_line(ld, ld->line + 1, "NUL byte");
		if (n == LINE_MAX_BYTES)
			return fail_line(ld, ld->line + 1, "line longer than %d bytes", LINE_MAX_BYTES);
		buf[n++] = (char)c;
	}
	if (ferror(f))
		return fail_plain(ld, NULL, errno ? errno : EIO);
	buf[n] = '\0';
	if (c == EOF && n == 0)
		return 0;
	ld->line++;
	return 1;
}

static int read_lines(struct loader *ld, FILE *f)
{
	char line[LINE_MAX_BYTES + 1];
	int rv;
	while ((rv = read_line(ld, f, line)) > 0)
		if (take_line(ld, line) != 0)
			return -1;
	return rv;
}

/* The file's base name without its extension. */
static int default_name(struct loader *ld)
{
	const char *base = strrchr(ld->path, '/');
	base = base ? base + 1 : ld->path;
	const char *dot = strrchr(base, '.');
	size_t n = (dot && dot != base) ? (size_t)(dot - base) : strlen(base);
	if (!(ld->p->name = dup_n(base, n)))
		return out_of_memory(ld);
	return 0;
}

static int end_file(struct loader *ld)
{
	if (end_value(ld) != 0 || end_section(ld) != 0)
		return -1;
	if (ld->p->n_extractors == 0)
		return fail_line(ld, ld->line ? ld->line : 1, "no [extractor NAME] section");
	return ld->p->name ? 0 : default_name(ld);
}

/* ---- the interface ------------------------------------------------------------------ */

struct profile *profile_load(const char *path, char *err, size_t errsz)
{
	struct loader ld = { .path = path, .err = err, .errsz = errsz, .pending = KEY_NONE };
	struct profile *ret = NULL;
	FILE *f = fopen(path, "r");
	if (!f) {
		fail_plain(&ld, NULL, errno);
		goto out;
	}
	if (!(ld.p = calloc(1, sizeof(*ld.p)))) {
		out_of_memory(&ld);
		goto out;
	}
	if (read_lines(&ld, f) != 0 || end_file(&ld) != 0)
		goto out;
	ret = ld.p;
	ld.p = NULL;
out:
	if (f)
		fclose(f);
	free(ld.value.buf);
	profile_free(ld.p);
	return ret;
}

static void extractor_release(struct extractor *ex)
{
	free((char *)ex->name);
	free((char *)ex->tables);
	free((char *)ex->query);
	for (size_t i = 0; ex->address[i]; i++)
		free((char *)ex->address[i]);
	free((char *)ex->owner);
	free((char *)ex->time);
	free((char *)ex->login_time);
	free((char *)ex->key);
	free((char *)ex->deleted);
	free((char *)ex->vcard);
	free((char *)ex->internal);
}

void profile_free(struct profile *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_extractors; i++)
		extractor_release((struct extractor *)&p->extractors[i]);
	free((struct extractor *)p->extractors);
	free((char *)p->name);
	free((char *)p->description);
	free((char *)p->detect);
	free((char *)p->system_account);
	free(p);
}
