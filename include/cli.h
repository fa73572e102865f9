/* The command line's one convention, shared by every command: the exit
 * codes and their meanings, messages in git's manner, unknown options, and
 * help texts. */
#ifndef EXPOSURE_CLI_H
#define EXPOSURE_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

/* The exit codes of every command; cli_exit_meaning gives each its words. */
enum cli_exit {
	CLI_EXIT_OK = 0,        /* done */
	CLI_EXIT_USAGE = 1,     /* usage error, bad input, or an output in the way */
	CLI_EXIT_FAILED = 2,    /* a source or input unreadable, or output unwritable */
	CLI_EXIT_ANOMALIES = 3, /* done, but some values look corrupt or hostile */
	CLI_EXIT_PARTIAL = 4,   /* --keep-going: written, but some sources failed */
	CLI_EXIT_COUNT,
};
/* The bit of an exit code in a command's set of codes. */
#define CLI_EXITS(code) (1u << (code))

/* What an exit code means, as the help texts say it. */
const char *cli_exit_meaning(enum cli_exit code);

/* A help text with its "{field}" placeholders filled in from the plug-in
 * tables: {schemes}, {list-formats}, {summary-formats}, {profiles},
 * {hits-forms}. */
void cli_put_help_text(FILE *f, const char *text);

/* A command's help: its text (as cli_put_help_text writes it), then "exit status:" and the meaning of each
 * code in `exits` (CLI_EXITS bits). */
void cli_print_help(FILE *f, const char *text, unsigned exits);

/* The room a message takes in a caller's buffer. */
#define CLI_ERR_MAX 1024

/* "exposure: <message>" on standard error. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "exposure: warning: <message>" on standard error. */
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A wrong command line, in one line that names the command and its help:
 * "exposure probe: give one SOURCE (see 'exposure probe --help')". */
void cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* getopt_long for the command `command`, with our own messages: an unknown
 * option or a missing argument prints one line naming the command and its
 * help, "exposure scan: unknown option '--frobnicate' (see 'exposure scan
 * --help')", and returns '?'. Else as getopt_long. shortopts must not
 * start with ':' (added here). */
int cli_getopt(const char *command, int argc, char **argv, const char *shortopts, const struct option *longopts);

/* A whole number from 1 to max, or 0 when s is not one. */
unsigned cli_parse_count(const char *s, unsigned max);


/* The first line of the file at path into buf (the line end dropped); the
 * password is never echoed. 0, or -1 with a message in err: the file is
 * open to its group or others (as ssh refuses a key), empty, or its first
 * line does not fit in size - 1 bytes (never cut). */
int cli_read_password_file(const char *path, char *buf, size_t size, char *err, size_t errsz);

/* Open /dev/null on each of descriptors 0-2 that is closed, so that no file
 * opened later takes its place (an affected list written to a "stdout" that
 * is the rejects file). 0, or -1 when one cannot be opened. */
int cli_standard_fds_open(void);

#endif
