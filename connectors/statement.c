/* The statement check: a query the core runs (a profile's, probe's) must be
 * one read-only query, a SELECT or WITH ... SELECT, before any connector
 * sees it. Read-only sessions refuse most writes, but not all: DDL commits a
 * MariaDB transaction and runs outside it, SELECT ... INTO OUTFILE writes a
 * server file, COMMIT AND CHAIN starts a PostgreSQL transaction that may be
 * set READ WRITE. So what may run is decided here, by reading the text the
 * way the server will: strings, quoted identifiers and comments of the
 * connector's dialect (its sql_lexis). What the dialect leaves ambiguous (a
 * backslash in a MariaDB string means one thing or another by sql_mode) is
 * refused, not guessed. */
#include "connector.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define WORD_MAX 32 /* longer words are no keyword of ours */

struct lexer {
	const char *s;
	size_t i;
	unsigned lexis; /* enum conn_sql_lexis */
	int depth;      /* of parentheses */
	char first[WORD_MAX], prev[WORD_MAX];
	char why[160]; /* the refusal; empty while none */
	char word[WORD_MAX];
};

/* Words that make a query more than a read: writes, SELECT ... INTO,
 * row locks, transaction control. */
static const char *const refused_words[] = {
	"INSERT", "UPDATE", "DELETE", "MERGE", "INTO", "OUTFILE", "DUMPFILE",
	"COMMIT", "ROLLBACK", "SAVEPOINT",
};

/* Functions whose effects the read-only transaction does not hold back:
 * server files, other sessions or databases, settings, sequences. Refused
 * by name, written plainly or as a quoted identifier. */
static const char *const refused_functions[] = {
	"LO_EXPORT", "LO_IMPORT", "PG_FILE_WRITE", "PG_FILE_RENAME", "PG_FILE_UNLINK",
	"DBLINK", "DBLINK_EXEC", "DBLINK_SEND_QUERY", "DBLINK_CONNECT",
	"PG_TERMINATE_BACKEND", "PG_CANCEL_BACKEND", "PG_RELOAD_CONF", "PG_ROTATE_LOGFILE",
	"SET_CONFIG", "NEXTVAL", "SETVAL", "SYS_EXEC", "SYS_EVAL",
};

/* Families of functions refused when called, whatever the rest of the name:
 * large objects (lo_unlink, lo_create: kept outside the transaction's
 * read-only rule), the server's own (pg_switch_wal, pg_notify,
 * pg_advisory_lock, pg_stat_reset, ...), and dblink's. A plain word with
 * such a prefix that is no call (pg_catalog.t) stays allowed. */
static const char *const refused_call_prefixes[] = { "LO_", "PG_", "DBLINK" };

/* Whether the n bytes at name are a refused function's name (any case). */
static int is_refused_function(const char *name, size_t n)
{
	for (size_t k = 0; k < sizeof(refused_functions) / sizeof(*refused_functions); k++)
		if (strlen(refused_functions[k]) == n && strncasecmp(name, refused_functions[k], n) == 0)
			return 1;
	return 0;
}

/* Whether a '(' follows s[i] after blanks: the word before it is called. */
static int is_called(const char *s, size_t i)
{
	i += strspn(s + i, " \t\r\n\f\v");
	return s[i] == '(';
}

/* Whether the n bytes at name, called, are a refused function's name. */
static int is_refused_call(const char *name, size_t n)
{
	for (size_t k = 0; k < sizeof(refused_call_prefixes) / sizeof(*refused_call_prefixes); k++) {
		size_t len = strlen(refused_call_prefixes[k]);
		if (n >= len && strncasecmp(name, refused_call_prefixes[k], len) == 0)
			return 1;
	}
	return is_refused_function(name, n);
}

static int is_word_char(unsigned char ch)
{
	return isalnum(ch) || ch == '_' || ch == '$' || ch >= 0x80;
}

static void refuse(struct lexer *lx, const char *why)
{
	if (!lx->why[0])
		snprintf(lx->why, sizeof(lx->why), "%s", why);
}

static void refuse_function(struct lexer *lx, const char *name, size_t n)
{
	if (!lx->why[0])
		snprintf(lx->why, sizeof(lx->why),
			 "'%.*s' may not appear in a query (it acts outside the read-only transaction)", (int)n, name);
}

static void refuse_word(struct lexer *lx)
{
	if (!lx->why[0])
		snprintf(lx->why, sizeof(lx->why),
			 "'%s' may not appear in a query (no writes, INTO, row locks or transaction control)",
			 lx->word);
}

/* Past a quoted span that `quote` opened at s[i - 1] and ends, a doubled
 * quote standing for itself. backslash: 1 escapes the next character (a
 * PostgreSQL E'' string), -1 refuses any (MariaDB), 0 is plain text. */
static void skip_quoted(struct lexer *lx, char quote, int backslash)
{
	const char *s = lx->s;
	for (;;) {
		char ch = s[lx->i];
		if (!ch) {
			refuse(lx, "a quoted string or identifier is not closed");
			return;
		}
		lx->i++;
		if (ch == '\\' && backslash < 0) {
			refuse(lx, "a backslash in a quoted string (its meaning depends on the server's sql_mode)");
			return;
		}
		if (ch == '\\' && backslash > 0 && s[lx->i]) {
			lx->i++;
		} else if (ch == quote) {
			if (s[lx->i] != quote)
				return;
			lx->i++;
		}
	}
}

/* A line comment ends at a LF or a CR: PostgreSQL ends it at either, and
 * ending it sooner than a server does only makes the check look at more. */
static void skip_line_comment(struct lexer *lx)
{
	lx->i += strcspn(lx->s + lx->i, "\n\r");
}

/* Past a block comment opened at s[i]: nested where the dialect nests them. */
static void skip_block_comment(struct lexer *lx)
{
	const char *s = lx->s;
	int level = 0;
	if ((lx->lexis & CONN_SQL_EXEC_COMMENT) &&
	    (s[lx->i + 2] == '!' || (s[lx->i + 2] == 'M' && s[lx->i + 3] == '!'))) {
		refuse(lx, "an executable comment '/*!' (the server runs what it holds)");
		return;
	}
	while (s[lx->i]) {
		if (s[lx->i] == '/' && s[lx->i + 1] == '*' && (level == 0 || (lx->lexis & CONN_SQL_NESTED_COMMENT))) {
			level++;
			lx->i += 2;
		} else if (s[lx->i] == '*' && s[lx->i + 1] == '/') {
			lx->i += 2;
			if (--level == 0)
				return;
		} else {
			lx->i++;
		}
	}
	refuse(lx, "a comment is not closed");
}

/* A PostgreSQL dollar quote $tag$...$tag$ opened at s[i]; 0 when s[i] opens
 * none (a parameter $1, or a lone '$'). */
static int skip_dollar_quote(struct lexer *lx)
{
	const char *s = lx->s, *open = s + lx->i;
	size_t n = 1;
	if (isdigit((unsigned char)open[1]))
		return 0;
	while (open[n] && open[n] != '$' && is_word_char((unsigned char)open[n]))
		n++;
	if (open[n] != '$')
		return 0;
	n++; /* the tag with both its dollars */
	const char *close = open + n;
	while ((close = strchr(close, '$')) && strncmp(close, open, n) != 0)
		close++;
	if (!close) {
		refuse(lx, "a dollar-quoted string is not closed");
		lx->i += strlen(open);
	} else {
		lx->i = (size_t)(close + n - s);
	}
	return 1;
}

/* A word outside quotes: the first must begin a query, some may not appear. */
static void take_word(struct lexer *lx)
{
	size_t start = lx->i, n;
	while (is_word_char((unsigned char)lx->s[lx->i]))
		lx->i++;
	n = lx->i - start;
	if (n >= WORD_MAX)
		n = WORD_MAX - 1;
	memcpy(lx->word, lx->s + start, n);
	lx->word[n] = '\0';
	if (!lx->first[0]) {
		memcpy(lx->first, lx->word, n + 1);
		if (strcasecmp(lx->word, "SELECT") != 0 && strcasecmp(lx->word, "WITH") != 0 && !lx->why[0])
			snprintf(lx->why, sizeof(lx->why), "a query must be a SELECT or WITH ... SELECT, not '%s'",
				 lx->word);
	}
	for (size_t k = 0; k < sizeof(refused_words) / sizeof(*refused_words); k++)
		if (strcasecmp(lx->word, refused_words[k]) == 0)
			refuse_word(lx);
	if (is_refused_function(lx->s + start, lx->i - start) ||
	    (is_called(lx->s, lx->i) && is_refused_call(lx->s + start, lx->i - start)))
		refuse_function(lx, lx->s + start, lx->i - start);
	/* PostgreSQL's U&"\0064blink" names dblink in escapes no check reads */
	if (n == 1 && (lx->word[0] == 'U' || lx->word[0] == 'u') && lx->s[lx->i] == '&' &&
	    (lx->s[lx->i + 1] == '"' || lx->s[lx->i + 1] == '\''))
		refuse(lx, "a Unicode-escaped string or identifier (U&) may hide a name");
	if (strcasecmp(lx->word, "SHARE") == 0 &&
	    (!strcasecmp(lx->prev, "FOR") || !strcasecmp(lx->prev, "KEY") || !strcasecmp(lx->prev, "IN")))
		refuse_word(lx);
	/* PostgreSQL's E'...' takes backslash escapes */
	if ((lx->lexis & CONN_SQL_E_STRING) && n == 1 && (lx->word[0] == 'E' || lx->word[0] == 'e') &&
	    lx->s[lx->i] == '\'') {
		lx->i++;
		skip_quoted(lx, '\'', 1);
	}
	memcpy(lx->prev, lx->word, n + 1);
}

/* After a ';': nothing but blanks may follow. */
static void take_semicolon(struct lexer *lx)
{
	lx->i++;
	lx->i += strspn(lx->s + lx->i, " \t\r\n\f\v");
	if (lx->s[lx->i])
		refuse(lx, "a second statement after ';'");
}

static void take_token(struct lexer *lx)
{
	const char *s = lx->s;
	char ch = s[lx->i];
	int backslash = (lx->lexis & CONN_SQL_BACKSLASH) ? -1 : 0;
	if (ch == '\'' || ch == '"' || (ch == '`' && (lx->lexis & CONN_SQL_BACKTICK))) {
		size_t start = ++lx->i;
		skip_quoted(lx, ch, ch == '`' ? 0 : backslash);
		/* a function may be called by its quoted name: "lo_export"(...) */
		if (ch != '\'' && !lx->why[0] &&
		    (is_refused_function(s + start, lx->i - start - 1) ||
		     (is_called(s, lx->i) && is_refused_call(s + start, lx->i - start - 1))))
			refuse_function(lx, s + start, lx->i - start - 1);
	} else if (ch == '[' && (lx->lexis & CONN_SQL_BRACKET_IDENT)) {
		const char *close = strchr(s + lx->i, ']');
		if (!close)
			refuse(lx, "a quoted string or identifier is not closed");
		lx->i = close ? (size_t)(close + 1 - s) : strlen(s);
	} else if (ch == '-' && s[lx->i + 1] == '-' &&
		   (!(lx->lexis & CONN_SQL_DASH_BLANK) || (unsigned char)s[lx->i + 2] <= ' ')) {
		skip_line_comment(lx);
	} else if (ch == '#' && (lx->lexis & CONN_SQL_HASH_COMMENT)) {
		skip_line_comment(lx);
	} else if (ch == '/' && s[lx->i + 1] == '*') {
		skip_block_comment(lx);
	} else if (ch == '$' && (lx->lexis & CONN_SQL_DOLLAR_QUOTE) && skip_dollar_quote(lx)) {
		/* skipped */
	} else if (is_word_char((unsigned char)ch)) {
		take_word(lx);
	} else if (ch == ';') {
		take_semicolon(lx);
	} else {
		if (ch == '(')
			lx->depth++;
		if (ch == ')' && --lx->depth < 0)
			refuse(lx, "a ')' closes no '('");
		lx->i++;
	}
}

int conn_check_statement(const char *sql, unsigned lexis, char *why, size_t whysz)
{
	struct lexer lx = { .s = sql, .lexis = lexis };
	while (sql[lx.i] && !lx.why[0])
		take_token(&lx);
	if (!lx.first[0])
		refuse(&lx, "the query is empty");
	if (lx.depth != 0)
		refuse(&lx, "a '(' is not closed");
	if (!lx.why[0])
		return 0;
	snprintf(why, whysz, "%s", lx.why);
	return -1;
}
