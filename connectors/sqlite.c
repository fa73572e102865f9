/* SQLite: the embedded default. The evidence file is never written and
 * nothing is created beside it:
 *  - with no -wal, -shm or -journal file beside it, it is opened read-only
 *    and immutable=1 (no locks, no -shm, no -wal created; a read-only
 *    directory is fine);
 *  - with one (a WAL may hold committed rows the main file lacks, a journal
 *    an unfinished transaction), the file and its -wal or -journal are
 *    copied into a private 0700 directory and the copy is read (SQLite may
 *    then apply the WAL or roll back in the copy); the copy is removed when
 *    the handle closes, and the handle's note says so.
 * Either way query_only is set and one read transaction spans the scan, so
 * every query sees the same snapshot. */
#include "connector.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SQLITE_MAX_COLS 64

/* What SQLite may keep beside a database; the first two are copied. */
static const char *const sidecars[] = { "-wal", "-journal", "-shm" };
#define SIDECARS_COPIED 2

struct sqlite_conn {
	struct conn base;
	sqlite3 *db;
	char *path;
	char *copy_dir; /* the private copy's directory; NULL: the file itself is read */
};

static int sqlite_exec_simple(struct sqlite_conn *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	conn_fail(&s->base, "cannot read '%s': %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	return -1;
}

static int sqlite_check_file(const char *path, char *err, size_t errsz)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		snprintf(err, errsz, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errsz, "cannot open '%s': not a regular file", path);
		return -1;
	}
	return 0;
}

/* "DIR/db" and "DIR/db" followed by a sidecar: the copy's names. */
static int copy_name(char *out, size_t outsz, const char *dir, const char *suffix)
{
	int n = snprintf(out, outsz, "%s/db%s", dir, suffix);
	return n >= 0 && (size_t)n < outsz ? 0 : -1;
}

/* Remove the private copy and its directory. */
static void copy_remove(char *dir)
{
	char name[PATH_MAX];
	if (!dir)
		return;
	if (copy_name(name, sizeof(name), dir, "") == 0)
		unlink(name);
	for (size_t i = 0; i < sizeof(sidecars) / sizeof(*sidecars); i++)
		if (copy_name(name, sizeof(name), dir, sidecars[i]) == 0)
			unlink(name);
	rmdir(dir);
	free(dir);
}

static void sqlite_close(struct conn *c)
{
	struct sqlite_conn *s = (struct sqlite_conn *)c;
	if (!s)
		return;
	if (s->db) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(s->db);
	}
	copy_remove(s->copy_dir);
	free(s->path);
	free(s);
}

/* Whether SQLite keeps a -wal, -shm or -journal file beside path. */
static int has_sidecar(const char *path)
{
	char name[PATH_MAX];
	struct stat st;
	for (size_t i = 0; i < sizeof(sidecars) / sizeof(*sidecars); i++) {
		int n = snprintf(name, sizeof(name), "%s%s", path, sidecars[i]);
		if (n < 0 || (size_t)n >= sizeof(name) || lstat(name, &st) == 0)
			return 1; /* a name too long to look at: the copy is safe either way */
	}
	return 0;
}

/* Copy the file `from` to a new file `to` (0600). 0, or -1 with errno set;
 * a `from` that does not exist is no error when optional. */
static int copy_file(const char *from, const char *to, int optional)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, rc = -1;
	ssize_t n = 0;
	if (in < 0)
		return optional && errno == ENOENT ? 0 : -1;
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		goto out;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		for (ssize_t done = 0, w; done < n; done += w)
			if ((w = write(out, buf + done, (size_t)(n - done))) < 0)
				goto out;
	rc = n == 0 ? 0 : -1;
out:
	if (out >= 0 && close(out) != 0)
		rc = -1;
	close(in);
	return rc;
}

/* Copy path and its -wal and -journal into a new private directory; the
 * copy's path in copy (the directory in *dir, malloc'd). 0, or -1 with a
 * message. */
static int copy_evidence(const char *path, char **dir, char *copy, size_t copysz, char *err, size_t errsz)
{
	const char *tmp = getenv("TMPDIR");
	char tmpl[PATH_MAX], from[PATH_MAX], to[PATH_MAX];
	int n = snprintf(tmpl, sizeof(tmpl), "%s/exposure-sqlite-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (n < 0 || (size_t)n >= sizeof(tmpl) || !mkdtemp(tmpl) || !(*dir = strdup(tmpl))) {
		snprintf(err, errsz, "cannot copy '%s' to read it: cannot make a private directory: %s", path,
			 strerror(errno));
		return -1;
	}
	if (copy_name(copy, copysz, *dir, "") != 0 || copy_file(path, copy, 0) != 0)
		goto fail;
	for (size_t i = 0; i < SIDECARS_COPIED; i++) {
		n = snprintf(from, sizeof(from), "%s%s", path, sidecars[i]);
		if (n < 0 || (size_t)n >= sizeof(from) || copy_name(to, sizeof(to), *dir, sidecars[i]) != 0 ||
		    copy_file(from, to, 1) != 0)
			goto fail;
	}
	return 0;
fail:
	snprintf(err, errsz, "cannot copy '%s' to read it: %s", path, strerror(errno));
	copy_remove(*dir);
	*dir = NULL;
	return -1;
}

/* "file:PATH?mode=ro&immutable=1", PATH percent-encoded but for the
 * characters a path may show as they are. 0, or -1 when it does not fit. */
static int immutable_uri(const char *path, char *out, size_t outsz)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-~";
	size_t o = (size_t)snprintf(out, outsz, "file:%s", path[0] == '/' ? "//" : "");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (o + 4 >= outsz)
			return -1;
		if (strchr(plain, *p))
			out[o++] = (char)*p;
		else
			o += (size_t)snprintf(out + o, outsz - o, "%%%02X", *p);
	}
	int n = snprintf(out + o, outsz - o, "?mode=ro&immutable=1");
	return n >= 0 && (size_t)n < outsz - o ? 0 : -1;
}

static struct conn *sqlite_open(const char *location, const struct conn_options *opts, char *err,
				size_t errsz)
{
	const char *path = strncmp(location, "//", 2) == 0 ? location + 2 : location;
	(void)opts; /* a local file: no password, and SQLite reads do not hang */
	if (sqlite_check_file(path, err, errsz) != 0)
		return NULL;
	struct sqlite_conn *s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		free(s);
		snprintf(err, errsz, "cannot open '%s': out of memory", path);
		return NULL;
	}
	char name[3 * PATH_MAX + 32]; /* a path percent-encoded */
	int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	if (has_sidecar(path)) {
		/* the copy is ours: SQLite may apply its WAL or roll back its journal */
		if (copy_evidence(path, &s->copy_dir, name, sizeof(name), err, errsz) != 0) {
			sqlite_close(&s->base);
			return NULL;
		}
		flags = SQLITE_OPEN_READWRITE;
		snprintf(s->base.note, sizeof(s->base.note),
			 "a -wal, -shm or -journal file lies beside it: a private copy was read");
	} else if (immutable_uri(path, name, sizeof(name)) != 0) {
		snprintf(err, errsz, "cannot open '%s': path too long", path);
		sqlite_close(&s->base);
		return NULL;
	}
	if (sqlite3_open_v2(name, &s->db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "cannot open '%s': %s", path,
			 s->db ? sqlite3_errmsg(s->db) : "out of memory");
		sqlite_close(&s->base);
		return NULL;
	}
	/* the first statement that reads the file reveals a corrupt one */
	if (sqlite_exec_simple(s, "PRAGMA query_only = 1; BEGIN; SELECT count(*) FROM sqlite_master") != 0) {
		snprintf(err, errsz, "%s", s->base.err);
		sqlite_close(&s->base);
		return NULL;
	}
	return &s->base;
}

static int sqlite_quote_ident(const char *ident, char *out, size_t outsz)
{
	return conn_quote_ident_with('"', ident, out, outsz);
}

static int sqlite_stream(struct sqlite_conn *s, sqlite3_stmt *st, const char *sql,
			 conn_row_fn cb, void *ctx)
{
	int ncols = sqlite3_column_count(st);
	if (ncols > SQLITE_MAX_COLS) {
		conn_fail(&s->base, "query on '%s' returns %d columns, more than %d", s->path, ncols,
			  SQLITE_MAX_COLS);
		return -1;
	}
	const char *names[SQLITE_MAX_COLS];
	const char *values[SQLITE_MAX_COLS];
	size_t lengths[SQLITE_MAX_COLS];
	for (int i = 0; i < ncols; i++)
		names[i] = sqlite3_column_name(st, i);
	struct conn_row row = { ncols, names, values, lengths };
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < ncols; i++) {
			/* text of any type; bytes after, since the text call may convert */
			values[i] = (const char *)sqlite3_column_text(st, i);
			lengths[i] = values[i] ? (size_t)sqlite3_column_bytes(st, i) : 0;
			if (!values[i] && sqlite3_column_type(st, i) != SQLITE_NULL) {
				conn_fail(&s->base, "cannot read '%s': out of memory", s->path);
				return -1;
			}
		}
		if (cb(ctx, &row) != 0)
			return 1;
	}
	if (rc != SQLITE_DONE) {
		conn_fail(&s->base, "query failed on '%s': %s [%s]", s->path, sqlite3_errmsg(s->db), sql);
		return -1;
	}
	return 0;
}

static int sqlite_query(struct conn *c, const char *sql, conn_row_fn cb, void *ctx)
{
	struct sqlite_conn *s = (struct sqlite_conn *)c;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		conn_fail(c, "query failed on '%s': %s [%s]", s->path, sqlite3_errmsg(s->db), sql);
		return -1;
	}
	int rc = sqlite_stream(s, st, sql, cb, ctx);
	sqlite3_finalize(st);
	return rc;
}

static int sqlite_list_tables(struct conn *c, conn_table_fn cb, void *ctx)
{
	return conn_list_tables_by_query(c, sqlite_query,
					 "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name",
					 cb, ctx);
}

const struct connector connector_sqlite = {
	.name = "sqlite",
	.caps = CONN_CAP_STREAM | CONN_CAP_READ_ONLY | CONN_CAP_FILE,
	.sql_lexis = CONN_SQL_BACKTICK | CONN_SQL_BRACKET_IDENT,
	.open = sqlite_open,
	.list_tables = sqlite_list_tables,
	.quote_ident = sqlite_quote_ident,
	.query = sqlite_query,
	.close = sqlite_close,
};
