#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const exit_meanings[CLI_EXIT_COUNT] = {
	[CLI_EXIT_OK] = "done",
	[CLI_EXIT_USAGE] = "usage error, bad input, or an output file in the way",
	[CLI_EXIT_FAILED] = "a source or input could not be read, or output could not be written",
	[CLI_EXIT_ANOMALIES] = "done, but some values look corrupt or hostile",
	[CLI_EXIT_PARTIAL] = "partial: written with --keep-going although a source failed",
};

const char *cli_exit_meaning(enum cli_exit code)
{
	return (unsigned)code < CLI_EXIT_COUNT ? exit_meanings[code] : "?";
}

void cli_print_help(FILE *f, const char *text, unsigned exits)
{
	cli_put_help_text(f, text);
	fputs("\nexit status:\n", f);
	for (int code = 0; code < CLI_EXIT_COUNT; code++)
		if (exits & CLI_EXITS(code))
			fprintf(f, "  %d   %s\n", code, cli_exit_meaning((enum cli_exit)code));
}

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
	fprintf(stderr, "exposure: %s", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
}

void cli_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("warning: ", fmt, ap);
	va_end(ap);
}

void cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "exposure %s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'exposure %s --help')\n", command);
}

/* ---- options ------------------------------------------------------------------ */

/* The option getopt stopped at, as the user wrote it: "-x", or "--name"
 * without any "=value". */
static void offending_option(int argc, char **argv, char *buf, size_t size)
{
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	if (strncmp(arg, "--", 2) == 0)
		snprintf(buf, size, "%.*s", (int)strcspn(arg, "="), arg);
	else if (optopt > 0 && optopt < 256 && isprint(optopt))
		snprintf(buf, size, "-%c", optopt);
	else
		snprintf(buf, size, "%s", arg);
}

int cli_getopt(const char *command, int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	char colon_first[64], opt[128];
	snprintf(colon_first, sizeof(colon_first), ":%s", shortopts);
	opterr = 0;
	int c = getopt_long(argc, argv, colon_first, longopts, NULL);
	if (c != '?' && c != ':')
		return c;
	offending_option(argc, argv, opt, sizeof(opt));
	if (c == ':')
		cli_usage_error(command, "option '%s' needs an argument", opt);
	else if (optopt != 0 && strncmp(opt, "--", 2) == 0) /* a known long option given "=value" */
		cli_usage_error(command, "option '%s' takes no argument", opt);
	else
		cli_usage_error(command, "unknown option '%s'", opt);
	return '?';
}

unsigned cli_parse_count(const char *s, unsigned max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	return (*s >= '0' && *s <= '9' && *end == '\0' && v >= 1 && v <= max) ? (unsigned)v : 0;
}

int cli_read_password_file(const char *path, char *buf, size_t size, char *err, size_t errsz)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errsz, "cannot read password file '%s': %s", path, strerror(errno));
		return -1;
	}
	int ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (!ok) {
		snprintf(err, errsz, "password file '%s' is empty", path);
		return -1;
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}
