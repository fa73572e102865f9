/* Output files hold personal data: created 0600 under a temporary name in
 * the same directory, renamed into place only on success, never over an
 * existing file without --force. "-" (or no path) is standard output. */
#ifndef EXPOSURE_OUTFILE_H
#define EXPOSURE_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

struct outfile {
	char *path; /* NULL: standard output */
	char *tmp;
	FILE *f;
	int force;
};

/* Fail early, before any work: the file exists and force is off, or its
 * directory is missing. 0 or -1 with a message. */
int outfile_precheck(const char *path, int force, char *err, size_t errsz);

/* Create the temporary file. 0 or -1 with a message. */
int outfile_open(struct outfile *o, const char *path, int force, char *err, size_t errsz);

/* Flush, sync and rename into place. 0 or -1 with a message (the temporary
 * file is removed then). */
int outfile_commit(struct outfile *o, char *err, size_t errsz);

/* Drop the temporary file; safe on an outfile never opened or committed. */
void outfile_abort(struct outfile *o);

/* Remove every temporary file still open when SIGINT, SIGTERM or SIGHUP
 * arrive, then die of that signal. */
void outfile_install_signal_cleanup(void);

/* Standard output: NULL or "-". */
int outfile_is_stdout(const char *path);
/* Whether two paths name one file: the same string; two existing regular
 * files by device and inode (links); anything else (a file not yet there,
 * /dev/null, a terminal) by the real path of its directory and its name. */
int outfile_same_file(const char *a, const char *b);
/* Whether two outputs land in one place: both standard output, or one file. */
int outfile_same_output(const char *a, const char *b);
/* Whether writing `output` would replace the source file `source`, or one
 * that SQLite keeps beside it (SOURCE-wal, -shm, -journal). */
int outfile_replaces_source(const char *output, const char *source);

#endif
