/* SQLite: the embedded default. Opened read-only, with query_only set and
 * one read transaction around the whole scan, so the evidence file is never
 * written and every query sees the same snapshot. */
#include "connector.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SQLITE_MAX_COLS 64

struct sqlite_conn {
	struct conn base;
	sqlite3 *db;
	char *path;
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

static void sqlite_close(struct conn *c)
{
	struct sqlite_conn *s = (struct sqlite_conn *)c;
	if (!s)
		return;
	if (s->db) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(s->db);
	}
	free(s->path);
	free(s);
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
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
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
