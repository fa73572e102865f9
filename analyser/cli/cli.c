#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Refuse a password file that others may read or write, as ssh refuses a
 * private key: 0, or -1 with a message. */
static int check_password_file_mode(const char *path, int fd, char *err, size_t errsz)
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		snprintf(err, errsz, "cannot read password file '%s': %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errsz, "password file '%s' is not a regular file", path);
		return -1;
	}
	if (st.st_mode & 077) {
		snprintf(err, errsz, "password file '%s' is open to others (mode %04o): allow its owner alone, "
			 "e.g. chmod 600 '%s'", path, (unsigned)(st.st_mode & 07777), path);
		return -1;
	}
	return 0;
}

int cli_read_password_file(const char *path, char *buf, size_t size, char *err, size_t errsz)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (!f) {
		snprintf(err, errsz, "cannot read password file '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int rc = check_password_file_mode(path, fd, err, errsz);
	if (rc == 0 && !fgets(buf, (int)size, f)) {
		snprintf(err, errsz, "password file '%s' is empty", path);
		rc = -1;
	}
	/* a first line that does not fit (no line end, more to read) is an error, not cut */
	if (rc == 0 && !strpbrk(buf, "\r\n")) {
		int next = fgetc(f);
		if (next != EOF && next != '\n' && next != '\r') {
			snprintf(err, errsz, "the password in '%s' is longer than %zu bytes", path, size - 1);
			rc = -1;
		}
	}
	fclose(f);
	if (rc != 0) {
		memset(buf, 0, size);
		return -1;
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

int cli_standard_fds_open(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* the lowest free descriptor: this one, the lower ones being open */
		int null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (null != fd) {
			if (null >= 0)
				close(null);
			return -1;
		}
	}
	return 0;
}
