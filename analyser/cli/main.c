#define _XOPEN_SOURCE 700 /* realpath */
/* exposure: the command line. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare.h"
#include "domains.h"
#include "outfile.h"
#include "probe.h"
#include "progress.h"
#include "profile.h"
#include "report.h"
#include "scan.h"
#include "segment.h"
#include "timeutil.h"
#include "writer.h"

#define EXPOSURE_VERSION "0.1.0"
#define ERR_MAX 1024

enum exit_code {
	EXIT_OK = 0,
	EXIT_USAGE = 1,     /* bad command line, or an output file in the way */
	EXIT_FAILED = 2,    /* a source failed or output could not be written: no output */
	EXIT_ANOMALIES = 3, /* done, but some values look corrupt or hostile */
	EXIT_PARTIAL = 4,   /* --keep-going: written, but some sources failed */
};

#define PASSWORD_MAX 1024

static const char usage_text[] =
	"usage: exposure scan [options] SOURCE...\n"
	"       exposure probe [-p P] [--password-file F] [--timeout S] SOURCE\n"
	"       exposure profiles [NAME|PATH]\n"
	"       exposure compare [options] EXPOSED HITS...   (see exposure compare --help)\n"
	"       exposure --help | --version\n"
	"\n"
	"scan: read webmail databases, list every exposed address with its origins\n"
	"  SOURCE                 [NAME=]URI: postgresql://, postgres://, mysql://,\n"
	"                         mariadb://, sqlite:PATH or a PATH to an SQLite file;\n"
	"                         NAME tags the source (default: the host or file name)\n"
	"  -p, --profile P        atmail | roundcube | squirrelmail | PATH to a profile\n"
	"                         file (default: detected from the tables present)\n"
	"      --origins LIST     any of login,addressbook,sent (default: all three)\n"
	"      --since T, --until T  the incident window (ISO 8601 date or date-time, UTC;\n"
	"                         an --until date means the end of that day): rows with a\n"
	"                         time outside it are left out, rows without one are kept\n"
	"      --login-domain D   complete logins that carry no domain (Roundcube)\n"
	"      --exclude-deleted  leave out soft-deleted rows (kept by default: they were\n"
	"                         in the database that was read)\n"
	"      --internal-domain D  repeatable; default: the domains of the logins\n"
	"  -f, --format F         csv (default) | jsonl | list | sha256 | md5\n"
	"  -o, --output FILE      the affected list (default: standard output)\n"
	"      --rejects FILE     every value that yielded no address, with its reason\n"
	"      --summary FILE     the summary report: FILE.json gives JSON, FILE.html a\n"
	"                         self-contained page, else text (a text summary always\n"
	"                         also goes to standard error, unless --quiet)\n"
	"      --segment DIR      write the notification lists by segment into DIR\n"
	"                         (customers-login, internal-other, external, in the\n"
	"                         format of -f), with manifest.json and SHA256SUMS;\n"
	"                         standard output then gets no list unless -o says so\n"
	"      --mask             show addresses as j***@example.com in every output,\n"
	"                         so that it can be shared without the addresses\n"
	"      --force            overwrite existing output files\n"
	"  -q, --quiet            no summary and no progress on standard error\n"
	"      --progress         the progress line even when standard error is no\n"
	"                         terminal (it is shown on a terminal anyway)\n"
	"  -j, --jobs N           sources read at once (default 4)\n"
	"      --timeout S        seconds allowed to connect and to each query\n"
	"      --password-file F  the password, on the first line of F (else PGPASSWORD,\n"
	"                         ~/.pgpass, MYSQL_PWD, ~/.my.cnf as each library does)\n"
	"      --keep-going       when a source fails, finish the others and write a\n"
	"                         result marked partial (exit status 4)\n"
	"\n"
	"probe: connect, list the tables with their row counts and the detected profile\n"
	"\n"
	"exit status: 0 done; 1 usage or an output file in the way; 2 a source\n"
	"failed (nothing written); 3 done, but some values look corrupt or hostile;\n"
	"4 partial: written with --keep-going although a source failed\n";

struct scan_cli {
	const char *profile;
	const char *origins;
	const char *format;
	const char *output;
	const char *rejects;
	const char *summary;
	const char *segment;
	int mask;
	const char *password_file;
	const char *since;
	const char *until;
	const char *login_domain;
	int exclude_deleted;
	const char **internal;
	size_t n_internal;
	unsigned jobs;
	unsigned timeout;
	int force;
	int quiet;
	int progress;
	int keep_going;
	struct profile *loaded_profile; /* from a profile file */
	char password[PASSWORD_MAX];
};

static void error(const char *msg)
{
	fprintf(stderr, "exposure: error: %s\n", msg);
}

/* ---- argument parsing ----------------------------------------------------- */

/* A whole number from 1 to max, or 0 when s is not one. */
static unsigned parse_count(const char *s, unsigned max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	return (*s >= '0' && *s <= '9' && *end == '\0' && v >= 1 && v <= max) ? (unsigned)v : 0;
}

static int parse_scan_options(int argc, char **argv, struct scan_cli *cli)
{
	enum { OPT_ORIGINS = 256, OPT_INTERNAL, OPT_REJECTS, OPT_SUMMARY, OPT_FORCE, OPT_TIMEOUT,
	       OPT_PASSWORD_FILE, OPT_KEEP_GOING, OPT_SINCE, OPT_UNTIL, OPT_LOGIN_DOMAIN, OPT_EXCLUDE_DELETED,
	       OPT_SEGMENT, OPT_MASK, OPT_PROGRESS };
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "origins", required_argument, NULL, OPT_ORIGINS },
		{ "internal-domain", required_argument, NULL, OPT_INTERNAL },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "summary", required_argument, NULL, OPT_SUMMARY },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
		{ "keep-going", no_argument, NULL, OPT_KEEP_GOING },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "login-domain", required_argument, NULL, OPT_LOGIN_DOMAIN },
		{ "exclude-deleted", no_argument, NULL, OPT_EXCLUDE_DELETED },
		{ "segment", required_argument, NULL, OPT_SEGMENT },
		{ "mask", no_argument, NULL, OPT_MASK },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	cli->format = "csv";
	cli->internal = calloc((size_t)argc, sizeof(*cli->internal));
	if (!cli->internal)
		return -1;
	while ((c = getopt_long(argc, argv, "p:f:o:qj:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': cli->profile = optarg; break;
		case OPT_ORIGINS: cli->origins = optarg; break;
		case OPT_INTERNAL: cli->internal[cli->n_internal++] = optarg; break;
		case 'f': cli->format = optarg; break;
		case 'o': cli->output = optarg; break;
		case OPT_REJECTS: cli->rejects = optarg; break;
		case OPT_SUMMARY: cli->summary = optarg; break;
		case OPT_FORCE: cli->force = 1; break;
		case 'q': cli->quiet = 1; break;
		case 'j':
			if (!(cli->jobs = parse_count(optarg, ADDRSET_MAX_SOURCES))) {
				error("--jobs takes a whole number from 1 to 64");
				return -1;
			}
			break;
		case OPT_TIMEOUT:
			if (!(cli->timeout = parse_count(optarg, 86400))) {
				error("--timeout takes a whole number of seconds from 1 to 86400");
				return -1;
			}
			break;
		case OPT_PASSWORD_FILE: cli->password_file = optarg; break;
		case OPT_KEEP_GOING: cli->keep_going = 1; break;
		case OPT_SINCE: cli->since = optarg; break;
		case OPT_UNTIL: cli->until = optarg; break;
		case OPT_LOGIN_DOMAIN: cli->login_domain = optarg; break;
		case OPT_EXCLUDE_DELETED: cli->exclude_deleted = 1; break;
		case OPT_SEGMENT: cli->segment = optarg; break;
		case OPT_MASK: cli->mask = 1; break;
		case OPT_PROGRESS: cli->progress = 1; break;
		case 'h': fputs(usage_text, stdout); exit(EXIT_OK);
		default: return -1;
		}
	}
	return 0;
}

/* Whether two output paths name the same file: both standard output ("-"
 * or none), or the same name in the same directory however written. */
static int same_output(const char *a, const char *b)
{
	int a_std = !a || strcmp(a, "-") == 0, b_std = !b || strcmp(b, "-") == 0;
	if (a_std || b_std)
		return a_std && b_std;
	char ra[PATH_MAX], rb[PATH_MAX];
	char *da = strdup(a), *db = strdup(b);
	int same = strcmp(a, b) == 0;
	if (da && db && !same) {
		char *sa = strrchr(da, '/'), *sb = strrchr(db, '/');
		const char *na = sa ? sa + 1 : a, *nb = sb ? sb + 1 : b;
		if (sa)
			*sa = '\0';
		if (sb)
			*sb = '\0';
		same = strcmp(na, nb) == 0 && realpath(sa ? (*da ? da : "/") : ".", ra) &&
		       realpath(sb ? (*db ? db : "/") : ".", rb) && strcmp(ra, rb) == 0;
	}
	free(da);
	free(db);
	return same;
}

static int check_outputs(const struct scan_cli *cli, char *err)
{
	if ((cli->rejects && same_output(cli->output, cli->rejects)) ||
	    (cli->summary && same_output(cli->output, cli->summary)) ||
	    (cli->rejects && cli->summary && same_output(cli->rejects, cli->summary))) {
		snprintf(err, ERR_MAX, "--output, --rejects and --summary must name different files");
		return -1;
	}
	const char *paths[] = { cli->output, cli->rejects, cli->summary };
	for (size_t i = 0; i < 3; i++)
		if (paths[i] && outfile_precheck(paths[i], cli->force, err, ERR_MAX) != 0)
			return -1;
	if (cli->segment && segments_precheck(cli->segment, cli->format, cli->force, err, ERR_MAX) != 0)
		return -1;
	for (int i = 0; cli->segment && i < SEGMENT_FILES; i++) {
		char seg[PATH_MAX];
		segments_file_path(cli->segment, cli->format, i, seg, sizeof(seg));
		for (size_t k = 0; k < 3; k++)
			if (paths[k] && same_output(paths[k], seg)) {
				snprintf(err, ERR_MAX, "'%s' is one of the files --segment writes", paths[k]);
				return -1;
			}
	}
	return 0;
}

/* ---- scan ------------------------------------------------------------------ */

/* The first line of the password file; never echoed anywhere. */
static int read_password_file(struct scan_cli *cli, char *err)
{
	FILE *f = fopen(cli->password_file, "r");
	if (!f) {
		snprintf(err, ERR_MAX, "cannot read password file '%s': %s", cli->password_file, strerror(errno));
		return -1;
	}
	int ok = fgets(cli->password, sizeof(cli->password), f) != NULL;
	fclose(f);
	if (!ok) {
		snprintf(err, ERR_MAX, "password file '%s' is empty", cli->password_file);
		return -1;
	}
	cli->password[strcspn(cli->password, "\r\n")] = '\0';
	return 0;
}

/* An ISO 8601 date or date-time; a date alone for --until means the end of
 * that day, so that "--until 2007-03-04" includes the 4th. */
static int parse_window_end(const char *opt, const char *text, int end_of_day, int64_t *t, char *err)
{
	if (time_parse(text, strlen(text), t) != TIME_PARSED || strspn(text, "0123456789") == strlen(text)) {
		snprintf(err, ERR_MAX, "bad %s '%s': use an ISO 8601 date or date-time (UTC), e.g. 2007-03-01 "
				       "or 2007-03-01T12:00:00Z", opt, text);
		return -1;
	}
	if (end_of_day && strlen(text) == 10)
		*t += 86399;
	return 0;
}

/* --profile NAME of a built-in one, or a path to a profile file (then
 * *loaded is set, to free). NULL with a message when neither. */
static const struct profile *choose_profile(const char *name, struct profile **loaded, char *err)
{
	const struct profile *p = profile_builtin(name);
	if (p)
		return p;
	if (!strchr(name, '/') && !strchr(name, '.')) {
		snprintf(err, ERR_MAX, "unknown profile '%s' (built in: atmail, roundcube, squirrelmail; "
				       "or a path to a profile file)", name);
		return NULL;
	}
	return *loaded = profile_load(name, err, ERR_MAX);
}

static int setup_window(struct scan *sc, const struct scan_cli *cli, char *err)
{
	if (cli->since && parse_window_end("--since", cli->since, 0, &sc->since, err) != 0)
		return -1;
	if (cli->until && parse_window_end("--until", cli->until, 1, &sc->until, err) != 0)
		return -1;
	if (sc->since != TIME_NONE && sc->until != TIME_NONE && sc->since > sc->until) {
		snprintf(err, ERR_MAX, "the window is empty: --since %s is after --until %s", cli->since, cli->until);
		return -1;
	}
	return 0;
}

static int setup_scan(struct scan *sc, struct scan_cli *cli, int nsrc, char **srcs, char *err)
{
	sc->jobs = cli->jobs;
	sc->login_domain = cli->login_domain;
	sc->exclude_deleted = cli->exclude_deleted;
	if (setup_window(sc, cli, err) != 0)
		return -1;
	sc->conn_opts.timeout_seconds = cli->timeout;
	sc->conn_opts.app_name = "exposure";
	if (cli->password_file) {
		if (read_password_file(cli, err) != 0)
			return -1;
		sc->conn_opts.password = cli->password;
	}
	if (cli->profile && !(sc->profile = choose_profile(cli->profile, &cli->loaded_profile, err)))
		return -1;
	if (cli->origins && origins_parse(cli->origins, &sc->origins) != 0) {
		snprintf(err, ERR_MAX, "bad --origins '%s': use any of login,addressbook,sent", cli->origins);
		return -1;
	}
	if (!list_format_find(cli->format)) {
		char known[256];
		list_formats_names(known, sizeof(known));
		snprintf(err, ERR_MAX, "unknown format '%s' (%s)", cli->format, known);
		return -1;
	}
	if (nsrc == 0) {
		snprintf(err, ERR_MAX, "no SOURCE given");
		return -1;
	}
	for (int i = 0; i < nsrc; i++)
		if (scan_add_source(sc, srcs[i], err, ERR_MAX) != 0)
			return -1;
	return 0;
}

static int internal_domains(struct domain_set *d, const struct scan *sc, const struct scan_cli *cli)
{
	for (size_t i = 0; i < cli->n_internal; i++)
		if (domain_set_add(d, cli->internal[i]) != 0)
			return -1;
	return cli->n_internal ? 0 : domain_set_from_logins(d, &sc->set);
}

static int write_affected(const struct scan *sc, const struct domain_set *internal, const struct scan_cli *cli,
			  struct outfile *out, char *err)
{
	if (cli->segment && !cli->output)
		return 0; /* the segments are the lists asked for */
	if (outfile_open(out, cli->output, cli->force, err, ERR_MAX) != 0)
		return -1;
	if (writer_write_scan_filtered(list_format_find(cli->format), out->f, sc, internal, cli->mask, NULL, NULL) != 0) {
		snprintf(err, ERR_MAX, "cannot write '%s': %s", cli->output ? cli->output : "standard output",
			 strerror(errno));
		return -1;
	}
	return 0;
}

static int write_summary(const struct scan *sc, const struct domain_set *internal, const struct scan_cli *cli,
			 struct outfile *sum, char *err)
{
	int given = cli->n_internal > 0;
	if (!cli->quiet)
		report_text(stderr, sc, internal, given);
	if (!cli->summary)
		return 0;
	if (outfile_open(sum, cli->summary, cli->force, err, ERR_MAX) != 0)
		return -1;
	if (summary_format_for_path(cli->summary)->write(sum->f, sc, internal, given) != 0) {
		snprintf(err, ERR_MAX, "cannot write '%s'", cli->summary);
		return -1;
	}
	return 0;
}

static void report_failures(const struct scan *sc)
{
	for (size_t i = 0; i < sc->n_sources; i++)
		if (sc->sources[i].failed)
			error(sc->sources[i].err);
}

static int commit_all(struct outfile *files, size_t n, char *err)
{
	for (size_t i = 0; i < n; i++)
		if (files[i].f && outfile_commit(&files[i], err, ERR_MAX) != 0)
			return -1;
	return 0;
}

static int cmd_scan(int argc, char **argv)
{
	struct scan_cli cli = { 0 };
	struct scan sc;
	struct domain_set internal;
	struct outfile files[3] = { 0 }; /* rejects, output, summary */
	char err[ERR_MAX] = "";
	int rc = EXIT_USAGE;
	scan_init(&sc);
	domain_set_init(&internal);
	if (parse_scan_options(argc, argv, &cli) != 0) {
		fputs(usage_text, stderr);
		goto out;
	}
	if (setup_scan(&sc, &cli, argc - optind, argv + optind, err) != 0 || check_outputs(&cli, err) != 0)
		goto fail;
	rc = EXIT_FAILED;
	if (cli.rejects) {
		if (outfile_open(&files[0], cli.rejects, cli.force, err, ERR_MAX) != 0)
			goto fail;
		rejects_csv_header(files[0].f);
		sc.on_reject = cli.mask ? rejects_csv_row_masked : rejects_csv_row;
		sc.reject_ctx = files[0].f;
	}
	struct progress progress;
	int show_progress = !cli.quiet && (cli.progress || isatty(STDERR_FILENO));
	if (show_progress && progress_start(&progress, &sc) != 0)
		show_progress = 0;
	size_t failed = scan_run_all(&sc);
	if (show_progress)
		progress_stop(&progress);
	if (failed) {
		report_failures(&sc);
		if (!cli.keep_going) {
			error("scan failed: no output written");
			goto out;
		}
	}
	if (internal_domains(&internal, &sc, &cli) != 0) {
		snprintf(err, ERR_MAX, "out of memory");
		goto fail;
	}
	if (write_affected(&sc, &internal, &cli, &files[1], err) != 0 ||
	    write_summary(&sc, &internal, &cli, &files[2], err) != 0 || commit_all(files, 3, err) != 0)
		goto fail;
	if (cli.segment &&
	    segments_write(cli.segment, cli.format, &sc, &internal, cli.mask, cli.force, err, ERR_MAX) != 0)
		goto fail;
	rc = failed ? EXIT_PARTIAL : report_anomalies(&sc) ? EXIT_ANOMALIES : EXIT_OK;
	if (failed)
		fprintf(stderr, "exposure: warning: PARTIAL result: %zu of %zu sources failed (--keep-going)\n", failed,
			sc.n_sources);
	goto out;
fail:
	error(err);
out:
	for (size_t i = 0; i < 3; i++)
		outfile_abort(&files[i]);
	free(cli.internal);
	memset(cli.password, 0, sizeof(cli.password));
	profile_free(cli.loaded_profile);
	domain_set_release(&internal);
	scan_release(&sc);
	return rc;
}

/* ---- probe ----------------------------------------------------------------- */

static int cmd_probe(int argc, char **argv)
{
	struct scan_cli cli = { 0 };
	char err[ERR_MAX] = "";
	int rc = EXIT_USAGE;
	const struct profile *p = NULL;
	struct conn_options opts = { .app_name = "exposure" };
	if (parse_scan_options(argc, argv, &cli) != 0 || optind != argc - 1) {
		fputs(usage_text, stderr);
		goto out;
	}
	if (cli.profile && !(p = choose_profile(cli.profile, &cli.loaded_profile, err)))
		goto fail;
	if (cli.password_file) {
		if (read_password_file(&cli, err) != 0)
			goto fail;
		opts.password = cli.password;
	}
	opts.timeout_seconds = cli.timeout;
	int probed = probe_source(argv[optind], p, &opts, stdout, err, ERR_MAX);
	if (probed != 0) {
		rc = probed == -2 ? EXIT_USAGE : EXIT_FAILED;
		goto fail;
	}
	rc = EXIT_OK;
	goto out;
fail:
	error(err);
out:
	free(cli.internal);
	memset(cli.password, 0, sizeof(cli.password));
	profile_free(cli.loaded_profile);
	return rc;
}

/* ---- profiles -------------------------------------------------------------- */

static void print_extractor(const struct extractor *ex)
{
	printf("[extractor %s]\norigin = %s\n", ex->name, origin_name(ex->origin));
	if (ex->tables)
		printf("tables = %s\n", ex->tables);
	printf("query = %s\naddress =", ex->query);
	for (int i = 0; i < EXTRACTOR_MAX_ADDRESS && ex->address[i]; i++)
		printf(" %s", ex->address[i]);
	printf("\n");
	const char *roles[] = { "owner", ex->owner, "time", ex->time, "key", ex->key };
	for (size_t i = 0; i < 6; i += 2)
		if (roles[i + 1])
			printf("%s = %s\n", roles[i], roles[i + 1]);
	if (ex->deleted)
		printf("deleted = %s\n", ex->deleted);
	if (ex->vcard)
		printf("vcard = %s\n", ex->vcard);
	if (ex->internal)
		printf("internal = %s\n", ex->internal);
	if (ex->truncate_at)
		printf("truncate_at = %u\n", ex->truncate_at);
	if (ex->filter != FILTER_NONE)
		printf("filter = %s\n", ex->filter == FILTER_VCARD ? "vcard" : "atmail-logmsg");
	if (ex->flags & EXTRACTOR_LOGIN_NAME)
		printf("login_name = yes\n");
	printf("\n");
}

static int cmd_profiles(int argc, char **argv)
{
	char err[ERR_MAX] = "";
	struct profile *loaded = NULL;
	if (argc < 2) {
		for (size_t i = 0; profile_builtin_at(i); i++)
			printf("%-14s %s\n", profile_builtin_at(i)->name, profile_builtin_at(i)->description);
		return EXIT_OK;
	}
	const struct profile *p = choose_profile(argv[1], &loaded, err);
	if (!p) {
		error(err);
		return EXIT_USAGE;
	}
	printf("# profile %s: %s\n# detected by tables: %s\n\n", p->name, p->description ? p->description : "",
	       p->detect ? p->detect : "(never detected: name it with --profile)");
	for (size_t i = 0; i < p->n_extractors; i++)
		print_extractor(&p->extractors[i]);
	profile_free(loaded);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	outfile_install_signal_cleanup();
	signal(SIGPIPE, SIG_IGN); /* a closed pipe is a write error, reported and cleaned up */
	const char *cmd = argv[1];
	if (strcmp(cmd, "scan") == 0 || strcmp(cmd, "probe") == 0) {
		char err[ERR_MAX];
		if (connectors_init(err, sizeof(err)) != 0) {
			error(err);
			return EXIT_FAILED;
		}
		int rc = cmd[0] == 's' ? cmd_scan(argc - 1, argv + 1) : cmd_probe(argc - 1, argv + 1);
		connectors_end();
		return rc;
	}
	if (strcmp(cmd, "profiles") == 0)
		return cmd_profiles(argc - 1, argv + 1);
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("exposure %s\n", EXPOSURE_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "compare") == 0)
		return compare_main(argc - 1, argv + 1);
	fprintf(stderr, "exposure: error: unknown command '%s'\n", cmd);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}
