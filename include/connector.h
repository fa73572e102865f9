/* The connector interface: a connector only opens a source, lists its tables
 * and runs a query, streaming rows as strings to a callback. It knows nothing
 * of profiles or addresses.
 *
 * One connector per file under connectors/, each exporting one
 * `const struct connector connector_NAME`; the one scheme table in
 * connectors/registry.c lists them by URI scheme, and also those known but
 * not built into this binary. The core calls the hooks only through the
 * conn_* wrappers below (connectors/core.c), which check them once: a NULL
 * hook means "cannot", never a crash. */
#ifndef EXPOSURE_CONNECTOR_H
#define EXPOSURE_CONNECTOR_H

#include <stddef.h>

#define CONN_ERR_MAX 512

/* What a connector can do; the core checks these, not each connector. */
enum conn_caps {
	CONN_CAP_STREAM = 1u << 0,   /* rows are streamed, never the whole result held */
	CONN_CAP_READ_ONLY = 1u << 1, /* the session itself refuses writes */
	CONN_CAP_TLS = 1u << 2,
	CONN_CAP_FILE = 1u << 3,      /* the location is a local file: no output may replace it */
};

/* How a connector's SQL is written, for the statement check: what quotes a
 * string or an identifier, what makes a comment. */
enum conn_sql_lexis {
	CONN_SQL_HASH_COMMENT = 1u << 0,   /* '#' to the end of the line (MariaDB) */
	CONN_SQL_DASH_BLANK = 1u << 1,     /* "--" is a comment only before a blank (MariaDB) */
	CONN_SQL_BACKSLASH = 1u << 2,      /* '' and "" strings may take backslash escapes, by
					    * the server's mode (MariaDB): a backslash is refused */
	CONN_SQL_BACKTICK = 1u << 3,       /* `identifier` */
	CONN_SQL_BRACKET_IDENT = 1u << 4,  /* [identifier] (SQLite) */
	CONN_SQL_EXEC_COMMENT = 1u << 5,   /* the server runs an executable comment, slash star bang (MariaDB) */
	CONN_SQL_NESTED_COMMENT = 1u << 6, /* block comments nest (PostgreSQL) */
	CONN_SQL_DOLLAR_QUOTE = 1u << 7,   /* $tag$ ... $tag$ (PostgreSQL) */
	CONN_SQL_E_STRING = 1u << 8,       /* E'...' takes backslash escapes (PostgreSQL, with
					    * standard_conforming_strings on) */
};

/* One row. Valid only during the callback: copy what you keep.
 * values[i] is NULL for SQL NULL; lengths[i] is its length in bytes (a value
 * may hold NUL bytes). Numbers and times arrive as their text. */
struct conn_row {
	int ncols;
	const char *const *names;
	const char *const *values;
	const size_t *lengths;
};

/* Return 0 to go on, non-zero to stop the iteration. */
typedef int (*conn_row_fn)(void *ctx, const struct conn_row *row);
typedef int (*conn_table_fn)(void *ctx, const char *table);

struct connector;

/* What the user asked of every connection. */
struct conn_options {
	const char *password;     /* from --password-file; NULL: the library's own
				   * ways (each connector's credentials_hint) */
	unsigned timeout_seconds; /* connect and per-statement limit; 0: none */
	const char *app_name;     /* shown to the server's admins, e.g. "exposure" */
};

/* Every handle starts with this; connectors embed it as their first member. */
struct conn {
	const struct connector *impl;
	char err[CONN_ERR_MAX]; /* first error wins; never holds a password */
	char note[CONN_ERR_MAX]; /* set by open: what the user should hear of how the
				  * source is read (a private copy, a role that may
				  * write); empty: nothing */
};

/* Both are required: connector_open refuses a connector without them. */
#define CONN_CAPS_REQUIRED (CONN_CAP_STREAM | CONN_CAP_READ_ONLY)

struct connector {
	const char *name;
	unsigned caps; /* enum conn_caps */
	/* Where its client library finds a password besides --password-file,
	 * for the message that refuses one in a URI ("PGPASSWORD or ~/.pgpass");
	 * NULL: nowhere. */
	const char *credentials_hint;
	unsigned sql_lexis; /* enum conn_sql_lexis */

	/* Open `location` for reading only and begin a read-only transaction
	 * (one snapshot for the whole scan). `location` is the whole URI for the
	 * network databases (postgresql://..., mysql://...), the path for
	 * SQLite. Returns a handle, or NULL with a message in err (lower case,
	 * subject quoted, never a password). The handle's impl is set by
	 * connector_open, not here. Required: connector_open refuses NULL. */
	struct conn *(*open)(const char *location, const struct conn_options *opts, char *err,
			     size_t errsz);

	/* Call cb once per table or view name (valid during the call only).
	 * 0 done, -1 error (in c->err), 1 stopped by cb. NULL: cannot list. */
	int (*list_tables)(struct conn *c, conn_table_fn cb, void *ctx);

	/* Quote an identifier for this database into out (NUL-terminated).
	 * Returns 0, or -1 when it does not fit. NULL: cannot quote. */
	int (*quote_ident)(const char *ident, char *out, size_t outsz);

	/* Run sql (one statement, read-only; conn_query has checked it with
	 * conn_check_statement) and stream each row to cb; the
	 * row lives until cb returns. 0 done, -1 error (in c->err), 1 stopped
	 * by cb; either way the handle stays usable for the next query.
	 * NULL: cannot query. */
	int (*query)(struct conn *c, const char *sql, conn_row_fn cb, void *ctx);

	/* End the transaction and free the handle (the core never passes
	 * NULL). NULL hook: nothing to free. */
	void (*close)(struct conn *c);

	/* Once per process, before any thread opens a handle (0, or -1: the
	 * program stops), and at exit. NULL: nothing to do. */
	int (*library_init)(void);
	void (*library_end)(void);
};

/* ---- the scheme table (connectors/registry.c) ---- */

/* Call every built connector's library_init; 0, or -1 with a message. */
int connectors_init(char *err, size_t errsz);
void connectors_end(void);

/* Find the connector for a source URI. On success *impl is set and
 * *location is what its open() takes: the path past "sqlite:" (a bare path
 * means SQLite), the whole URI for the others.
 * Returns 0, or -1 with a message: unknown scheme (naming the known ones),
 * or known but not built into this exposure. */
int connector_lookup(const char *uri, const struct connector **impl,
		     const char **location, char *err, size_t errsz);

/* The source forms the table knows, for usage texts: "postgresql://,
 * postgres://, mysql://, mariadb://, sqlite:PATH", a scheme not built
 * followed by " (not built)". 0, or -1 when it does not fit in buf. */
int connector_schemes_text(char *buf, size_t sz);

/* ---- the core's calls, checked once (connectors/core.c) ---- */

/* Open through impl->open and record impl in the handle (c->impl), so that
 * connectors need not. NULL with a message when the connector has no open
 * hook or lacks CONN_CAPS_REQUIRED, or when open fails. */
struct conn *connector_open(const struct connector *impl, const char *location,
			    const struct conn_options *opts, char *err, size_t errsz);

/* 0 when sql is one read-only query in the dialect that lexis describes:
 * one statement (a ';' only at its end), beginning with SELECT or WITH,
 * without INTO, writes, row locks (FOR UPDATE/SHARE) or transaction
 * control, its parentheses balanced (a COPY around it stays around it).
 * Else -1 with the reason in why. conn_query refuses what it refuses,
 * before the connector sees it (connectors/statement.c). */
int conn_check_statement(const char *sql, unsigned lexis, char *why, size_t whysz);

/* The hooks of c->impl, or -1 with "'NAME' sources cannot ..." in c->err
 * when the hook is NULL. conn_quote_ident also records an identifier too
 * long to quote. conn_close(NULL) does nothing. */
int conn_list_tables(struct conn *c, conn_table_fn cb, void *ctx);
int conn_query(struct conn *c, const char *sql, conn_row_fn cb, void *ctx);
int conn_quote_ident(struct conn *c, const char *ident, char *out, size_t outsz);
void conn_close(struct conn *c);

/* ---- pieces every connector shares (connectors/common.c) ---- */

/* One row's arrays, kept in a handle and grown to the widest result. */
struct conn_rowbuf {
	size_t cap;
	const char **names;
	const char **values;
	size_t *lengths;
};
/* Room for ncols columns: 0, or -1 on no memory. */
int conn_rowbuf_reserve(struct conn_rowbuf *b, size_t ncols);
void conn_rowbuf_release(struct conn_rowbuf *b);

/* Quote an identifier between two `quote` characters, doubling any inside;
 * the quote_ident hook of a connector. 0, or -1 when it does not fit. */
int conn_quote_ident_with(char quote, const char *ident, char *out, size_t outsz);

/* list_tables through a one-column query of the catalogue. */
int conn_list_tables_by_query(struct conn *c, int (*query)(struct conn *, const char *, conn_row_fn, void *),
			      const char *sql, conn_table_fn cb, void *ctx);

/* The value of a hex digit, or -1. */
int conn_hex_value(char ch);

/* Record the first error of a handle (printf-style). */
void conn_fail(struct conn *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
