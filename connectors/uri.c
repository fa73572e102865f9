/* Source arguments and URIs: the one parser (include/source_uri.h). */
#include "source_uri.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "connector.h"

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t source_uri_scheme_length(const char *uri)
{
	size_t n = 0;
	if (!is_alpha(uri[0]))
		return 0;
	while (uri[n] && (is_alpha(uri[n]) || (uri[n] >= '0' && uri[n] <= '9') || strchr("+-.", uri[n])))
		n++;
	return uri[n] == ':' ? n : 0;
}

static struct uri_part part(const char *at, size_t len)
{
	return (struct uri_part){ at, len };
}

/* The user info before the last '@' of the authority [p, end). */
static const char *split_user_info(struct source_uri *u, const char *p, const char *end)
{
	const char *at = NULL;
	for (const char *q = p; q < end; q++)
		if (*q == '@')
			at = q;
	if (!at)
		return p;
	const char *colon = memchr(p, ':', (size_t)(at - p));
	const char *user_end = colon ? colon : at;
	u->user = part(p, (size_t)(user_end - p));
	if (colon)
		u->password = part(colon + 1, (size_t)(at - colon - 1));
	return at + 1;
}

/* host[:port] or [IPv6][:port] in [hp, end). */
static void split_host_port(struct source_uri *u, const char *hp, const char *end)
{
	const char *host_end;
	u->hostport = part(hp, (size_t)(end - hp));
	u->host_ok = 1;
	if (*hp == '[') {
		u->bracketed = 1;
		host_end = memchr(hp + 1, ']', (size_t)(end - hp - 1));
		if (!host_end || host_end == hp + 1 || (host_end + 1 < end && host_end[1] != ':')) {
			u->host_ok = 0;
			u->host = part(hp + 1, (size_t)((host_end ? host_end : end) - hp - 1));
			return;
		}
		u->host = part(hp + 1, (size_t)(host_end - hp - 1));
		if (host_end + 1 < end)
			u->port = part(host_end + 2, (size_t)(end - host_end - 2));
		return;
	}
	host_end = memchr(hp, ':', (size_t)(end - hp));
	u->host = part(hp, (size_t)((host_end ? host_end : end) - hp));
	if (host_end)
		u->port = part(host_end + 1, (size_t)(end - host_end - 1));
}

int source_uri_split(const char *uri, struct source_uri *u)
{
	memset(u, 0, sizeof(*u));
	size_t n = source_uri_scheme_length(uri);
	if (n == 0 || strncmp(uri + n, "://", 3) != 0)
		return -1;
	u->scheme = part(uri, n);
	const char *p = uri + n + 3;
	const char *end = p + strcspn(p, "/?");
	split_host_port(u, split_user_info(u, p, end), end);
	if (*end == '/') {
		const char *path = end + 1;
		u->path = part(path, strcspn(path, "?"));
	}
	const char *query = strchr(end, '?');
	if (query)
		u->query = part(query + 1, strlen(query + 1));
	return 0;
}

int source_uri_next_param(struct uri_part *query, struct uri_part *key, struct uri_part *value)
{
	while (query->at && query->len > 0) {
		const char *p = query->at;
		const char *amp = memchr(p, '&', query->len);
		size_t n = amp ? (size_t)(amp - p) : query->len;
		query->at += n + (amp != NULL);
		query->len -= n + (amp != NULL);
		if (n == 0)
			continue;
		const char *eq = memchr(p, '=', n);
		*key = part(p, eq ? (size_t)(eq - p) : n);
		*value = eq ? part(eq + 1, (size_t)(p + n - eq - 1)) : part(NULL, 0);
		return 1;
	}
	return 0;
}

void uri_secret_free(char *s)
{
	if (!s)
		return;
	for (volatile char *v = s; *v; v++)
		*v = '\0';
	free(s);
}

int uri_decode(const char *s, size_t n, char **out)
{
	char *d = malloc(n + 1);
	size_t o = 0;
	if (!d)
		return -2;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			d[o++] = s[i];
			continue;
		}
		int hi = i + 2 < n ? conn_hex_value(s[i + 1]) : -1;
		int lo = hi >= 0 ? conn_hex_value(s[i + 2]) : -1;
		if (lo < 0 || (hi == 0 && lo == 0)) {
			d[o] = '\0';
			uri_secret_free(d); /* it may hold part of a password */
			return -1;
		}
		d[o++] = (char)(hi << 4 | lo);
		i += 2;
	}
	d[o] = '\0';
	*out = d;
	return 0;
}

size_t source_tag_length(const char *arg)
{
	size_t n = strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");
	return (n > 0 && arg[n] == '=') ? n : 0;
}

char *source_default_name(const char *location)
{
	struct source_uri u;
	if (source_uri_split(location, &u) != 0) {
		const char *slash = strrchr(location, '/');
		return strdup(slash ? slash + 1 : location);
	}
	if (!u.host_ok)
		return strndup(u.hostport.at, u.hostport.len);
	if (u.host.len == 0)
		return strdup("localhost");
	if (u.bracketed) /* with its brackets, as written */
		return strndup(u.host.at - 1, u.host.len + 2);
	return strndup(u.host.at, u.host.len);
}

/* A query key that names a password, percent-decoded as libpq decodes it;
 * one that does not decode is no key libpq accepts. */
static int is_password_key(struct uri_part key)
{
	char *k = NULL;
	int rc = uri_decode(key.at, key.len, &k);
	if (rc == -2)
		return 1; /* out of memory: refuse rather than guess */
	if (rc != 0)
		return 0;
	int found = 0;
	for (const char *p = k; *p && !found; p++)
		found = strncasecmp(p, "password", 8) == 0;
	free(k);
	return found;
}

/* Call fn for the value of each password key of uri's query. */
static void password_values(const char *uri, void (*fn)(void *, struct uri_part), void *ctx)
{
	struct source_uri u;
	struct uri_part key, value;
	if (source_uri_split(uri, &u) != 0)
		return;
	while (source_uri_next_param(&u.query, &key, &value))
		if (is_password_key(key))
			fn(ctx, value.at ? value : part(key.at + key.len, 0));
}

static void flag_found(void *ctx, struct uri_part value)
{
	(void)value;
	*(int *)ctx = 1;
}

int source_uri_has_password(const char *uri)
{
	for (const char *p = uri; *p; p++)
		if (strncasecmp(p, "password=", 9) == 0)
			return 1;
	const char *start = strstr(uri, "://");
	const char *at = strrchr(uri, '@');
	if (start && at && at > start && memchr(start + 3, ':', (size_t)(at - (start + 3))))
		return 1;
	int found = 0;
	password_values(uri, flag_found, &found);
	return found;
}

int source_refuse_password(const char *uri, const char *who, char *err, size_t errsz)
{
	const struct connector *impl = NULL;
	const char *location;
	char ignored[CONN_ERR_MAX];
	if (!source_uri_has_password(uri))
		return 0;
	/* an unknown or unbuilt scheme has no ways to name */
	if (connector_lookup(uri, &impl, &location, ignored, sizeof(ignored)) != 0)
		impl = NULL;
	const char *hint = impl ? impl->credentials_hint : NULL;
	snprintf(err, errsz, "source %s: a password in the URI would show in the process list: give it through %s%s--password-file",
		 who, hint ? hint : "", hint ? ", or " : "");
	return -1;
}

void source_redact_span(char *s, const char *secret, size_t n)
{
	if (n == 0)
		return;
	for (char *p = s; *p;) {
		if (strncmp(p, secret, n) == 0) {
			memset(p, '*', n);
			p += n;
		} else {
			p++;
		}
	}
}

/* A value as written, and as decoded. */
static void redact_value(void *ctx, struct uri_part value)
{
	char *msg = ctx, *decoded = NULL;
	source_redact_span(msg, value.at, value.len);
	if (uri_decode(value.at, value.len, &decoded) == 0) {
		source_redact_span(msg, decoded, strlen(decoded));
		uri_secret_free(decoded);
	}
}

void source_uri_redact(char *msg, const char *uri)
{
	struct source_uri u;
	if (source_uri_split(uri, &u) == 0 && u.password.at)
		redact_value(msg, u.password);
	password_values(uri, redact_value, msg);
	for (const char *p = uri; (p = strstr(p, "password=")); ) { /* however malformed */
		p += strlen("password=");
		source_redact_span(msg, p, strcspn(p, "&#"));
	}
}

/* Whether the n bytes at span hold the value v (as written or decoded). */
static int span_holds(const char *span, size_t n, struct uri_part v)
{
	char *decoded = NULL;
	int found = 0;
	if (v.len == 0)
		return 0;
	for (size_t i = 0; !found && i + v.len <= n; i++)
		found = memcmp(span + i, v.at, v.len) == 0;
	if (!found && uri_decode(v.at, v.len, &decoded) == 0) {
		size_t d = strlen(decoded);
		for (size_t i = 0; d && !found && i + d <= n; i++)
			found = memcmp(span + i, decoded, d) == 0;
	}
	uri_secret_free(decoded);
	return found;
}

/* Whether the n bytes at span hold the value of a query parameter of uri. */
static int span_holds_a_value(const char *span, size_t n, const char *uri)
{
	struct source_uri u;
	struct uri_part key, value;
	if (source_uri_split(uri, &u) != 0)
		return 0;
	while (source_uri_next_param(&u.query, &key, &value))
		if (value.at && span_holds(span, n, value))
			return 1;
	return 0;
}

void source_uri_redact_values(char *msg, const char *uri)
{
	for (char *p = msg; *p; p++) {
		if (*p != '"' && *p != '\'')
			continue;
		char *close = strchr(p + 1, *p);
		if (!close)
			return;
		if (span_holds_a_value(p + 1, (size_t)(close - p - 1), uri))
			memset(p + 1, '*', (size_t)(close - p - 1));
		p = close;
	}
}
