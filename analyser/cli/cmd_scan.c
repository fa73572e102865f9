/* exposure scan: read webmail databases into one set, write the lists. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "domains.h"
#include "outfile.h"
#include "progress.h"
#include "profile.h"
#include "report.h"
#include "scan.h"
#include "segment.h"
#include "timeutil.h"
#include "rejects.h"
#include "writer.h"

#define ERR_MAX CLI_ERR_MAX
#define PASSWORD_MAX 1024

const char cmd_scan_help[] =
	"usage: exposure scan [options] SOURCE...\n"
	"\n"
	"Read webmail databases, list every exposed address with its origins.\n"
	"\n"
	"  SOURCE                 [NAME=]URI: {schemes}, or a PATH to an SQLite file;\n"
	"                         NAME tags the source (default: the host or file name)\n"
	"  -p, --profile [NAME=]P {profiles} | PATH to a profile\n"
	"                         file (default: detected from the tables present);\n"
	"                         NAME=P: for the source tagged NAME only (repeatable)\n"
	"      --origins LIST     any of login,addressbook,sent (default: all three)\n"
	"      --since T, --until T  the incident window (ISO 8601 date or date-time, UTC;\n"
	"                         an --until date means the end of that day). Every row\n"
	"                         stored while the attacker had access was exposed: only\n"
	"                         rows created or written after --until are left out;\n"
	"                         rows changed after it, rows without a time and old rows\n"
	"                         are kept. --since bounds the logins of customers-login\n"
	"      --time-zone [NAME=]Z  the zone of date-times stored without one (UTC,\n"
	"                         +hh:mm or e.g. Europe/Berlin; default UTC), for every\n"
	"                         source or the one tagged NAME (repeatable)\n"
	"      --login-domain D   complete logins that carry no domain (Roundcube)\n"
	"      --exclude-deleted  leave out soft-deleted rows (kept by default: they were\n"
	"                         in the database that was read)\n"
	"      --internal-domain D  repeatable; default: the domains of the logins\n"
	"  -f, --format F         {list-formats}\n"
	"  -o, --output FILE      the affected list (default: standard output)\n"
	"      --rejects FILE     every value that yielded no address, with its reason\n"
	"      --summary FILE     the summary report: {summary-formats}\n"
	"                         (a text summary always also goes to standard error,\n"
	"                         unless --quiet)\n"
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
	"  -h, --help             this help\n";

struct scan_cli {
	const char **profiles; /* [NAME=]P, as given */
	size_t n_profiles;
	const char **zones; /* [NAME=]ZONE, as given */
	size_t n_zones;
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
	struct profile **loaded; /* from profile files, one per -p at most */
	size_t n_loaded;
	struct time_zone **loaded_zones; /* one per --time-zone */
	size_t n_loaded_zones;
	char password[PASSWORD_MAX];
};

/* ---- argument parsing ----------------------------------------------------- */

static int parse_scan_options(const struct cli_command *cmd, int argc, char **argv, struct scan_cli *cli)
{
	enum { OPT_ORIGINS = 256, OPT_INTERNAL, OPT_REJECTS, OPT_SUMMARY, OPT_FORCE, OPT_TIMEOUT,
	       OPT_PASSWORD_FILE, OPT_KEEP_GOING, OPT_SINCE, OPT_UNTIL, OPT_LOGIN_DOMAIN, OPT_EXCLUDE_DELETED,
	       OPT_SEGMENT, OPT_MASK, OPT_PROGRESS, OPT_TIME_ZONE };
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
		{ "time-zone", required_argument, NULL, OPT_TIME_ZONE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	cli->format = "csv";
	cli->internal = calloc((size_t)argc, sizeof(*cli->internal));
	cli->profiles = calloc((size_t)argc, sizeof(*cli->profiles));
	cli->zones = calloc((size_t)argc, sizeof(*cli->zones));
	cli->loaded = calloc((size_t)argc, sizeof(*cli->loaded));
	cli->loaded_zones = calloc((size_t)argc, sizeof(*cli->loaded_zones));
	if (!cli->internal || !cli->profiles || !cli->zones || !cli->loaded || !cli->loaded_zones) {
		cli_error("out of memory");
		return CLI_EXIT_USAGE;
	}
	optind = 0; /* a fresh parse */
	while ((c = cli_getopt("scan", argc, argv, "p:f:o:qj:h", opts)) != -1) {
		switch (c) {
		case 'p': cli->profiles[cli->n_profiles++] = optarg; break;
		case OPT_TIME_ZONE: cli->zones[cli->n_zones++] = optarg; break;
		case OPT_ORIGINS: cli->origins = optarg; break;
		case OPT_INTERNAL: cli->internal[cli->n_internal++] = optarg; break;
		case 'f': cli->format = optarg; break;
		case 'o': cli->output = optarg; break;
		case OPT_REJECTS: cli->rejects = optarg; break;
		case OPT_SUMMARY: cli->summary = optarg; break;
		case OPT_FORCE: cli->force = 1; break;
		case 'q': cli->quiet = 1; break;
		case 'j':
			if (!(cli->jobs = cli_parse_count(optarg, ADDRSET_MAX_SOURCES))) {
				cli_error("--jobs takes a whole number from 1 to %d", ADDRSET_MAX_SOURCES);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_TIMEOUT:
			if (!(cli->timeout = cli_parse_count(optarg, 86400))) {
				cli_error("--timeout takes a whole number of seconds from 1 to 86400");
				return CLI_EXIT_USAGE;
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
		case 'h': cli_print_help(stdout, cmd->help, cmd->exits); return CLI_EXIT_OK;
		default: return CLI_EXIT_USAGE;
		}
	}
	return CLI_RUN;
}

/* 0 when output replaces no source file of sc; else -1 with the message. */
static int check_not_a_source(const char *output, const char *opt, const struct scan *sc, char *err)
{
	for (size_t i = 0; output && i < sc->n_sources; i++)
		if ((sc->sources[i].impl->caps & CONN_CAP_FILE) &&
		    outfile_replaces_source(output, sc->sources[i].location)) {
			snprintf(err, ERR_MAX, "%s '%s' would replace the source '%s' (not even with --force)", opt,
				 output, sc->sources[i].location);
			return -1;
		}
	return 0;
}

static int check_outputs(const struct scan_cli *cli, const struct scan *sc, char *err)
{
	if (check_not_a_source(cli->output, "--output", sc, err) != 0 ||
	    check_not_a_source(cli->rejects, "--rejects", sc, err) != 0 ||
	    check_not_a_source(cli->summary, "--summary", sc, err) != 0)
		return -1;
	if ((cli->rejects && outfile_same_output(cli->output, cli->rejects)) ||
	    (cli->summary && outfile_same_output(cli->output, cli->summary)) ||
	    (cli->rejects && cli->summary && outfile_same_output(cli->rejects, cli->summary))) {
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
		if (check_not_a_source(seg, "--segment", sc, err) != 0)
			return -1;
		for (size_t k = 0; k < 3; k++)
			if (paths[k] && outfile_same_output(paths[k], seg)) {
				snprintf(err, ERR_MAX, "'%s' is one of the files --segment writes", paths[k]);
				return -1;
			}
	}
	return 0;
}

/* ---- scan ------------------------------------------------------------------ */

/* An ISO 8601 date or date-time; a date alone for --until means the end of
 * that day, so that "--until 2007-03-04" includes the 4th. */
/* A window end starts YYYY-MM-DD and has no blanks around it: time_parse
 * also reads an epoch ("2007 " would be 1970) and trims blanks (which would
 * hide the date-only form, the end of that day). */
static int looks_like_date(const char *text)
{
	size_t n = strlen(text);
	return n >= 10 && strspn(text, "0123456789") == 4 && text[4] == '-' && text[7] == '-' &&
	       !isspace((unsigned char)text[n - 1]);
}

static int parse_window_end(const char *opt, const char *text, int end_of_day, int64_t *t, char *err)
{
	if (!looks_like_date(text) || time_parse(text, strlen(text), t) != TIME_PARSED) {
		snprintf(err, ERR_MAX, "bad %s '%s': use an ISO 8601 date or date-time (UTC), e.g. 2007-03-01 "
				       "or 2007-03-01T12:00:00Z", opt, text);
		return -1;
	}
	if (end_of_day && strlen(text) == 10)
		*t += 86399;
	return 0;
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

/* "NAME=VALUE" whose NAME tags one of the sources: that source, and *value
 * the text after the '='; NULL otherwise. */
static struct scan_source *source_prefix(struct scan *sc, const char *arg, const char **value)
{
	const char *eq = strchr(arg, '=');
	char name[256];
	if (!eq || (size_t)(eq - arg) >= sizeof(name))
		return NULL;
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	*value = eq + 1;
	return scan_find_source(sc, name);
}

/* -p P for every source, -p NAME=P for one: a source given two is refused. */
static int setup_profiles(struct scan *sc, struct scan_cli *cli, char *err)
{
	for (size_t i = 0; i < cli->n_profiles; i++) {
		const char *name = cli->profiles[i];
		struct scan_source *src = source_prefix(sc, cli->profiles[i], &name);
		const struct profile **slot = src ? &src->chosen_profile : &sc->profile;
		if (!src) /* a path may hold '=' too: then it is all the profile's name */
			name = cli->profiles[i];
		if (*slot) {
			snprintf(err, ERR_MAX, "two profiles for %s%s%s: give --profile once%s", src ? "source '" : "",
				 src ? src->name : "every source", src ? "'" : "", src ? " per source" : "");
			return -1;
		}
		if (!(*slot = profile_choose(name, &cli->loaded[cli->n_loaded], err, ERR_MAX)))
			return -1;
		cli->n_loaded += cli->loaded[cli->n_loaded] != NULL;
	}
	return 0;
}

/* --time-zone Z for every source, --time-zone NAME=Z for one. */
static int setup_zones(struct scan *sc, struct scan_cli *cli, char *err)
{
	const struct time_zone *every = NULL;
	for (size_t i = 0; i < cli->n_zones; i++) {
		const char *arg = cli->zones[i], *zone = arg;
		struct scan_source *src = source_prefix(sc, arg, &zone);
		if (!src && strchr(arg, '=')) { /* a zone name has no '=' */
			snprintf(err, ERR_MAX, "bad --time-zone '%s': no source is tagged '%.*s'", arg,
				 (int)(strchr(arg, '=') - arg), arg);
			return -1;
		}
		struct time_zone *z = time_zone_load(zone, err, ERR_MAX);
		if (!z)
			return -1;
		cli->loaded_zones[cli->n_loaded_zones++] = z;
		if ((src && src->zone) || (!src && every)) {
			snprintf(err, ERR_MAX, "two time zones for %s: give --time-zone once%s",
				 src ? "one source" : "every source", src ? " per source" : "");
			return -1;
		}
		if (src)
			src->zone = z;
		else
			every = z;
	}
	for (size_t i = 0; every && i < sc->n_sources; i++)
		if (!sc->sources[i].zone)
			sc->sources[i].zone = every;
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
		if (cli_read_password_file(cli->password_file, cli->password, sizeof(cli->password), err, ERR_MAX) != 0)
			return -1;
		sc->conn_opts.password = cli->password;
	}
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
	return setup_profiles(sc, cli, err) != 0 || setup_zones(sc, cli, err) != 0 ? -1 : 0;
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
			cli_error("%s", sc->sources[i].err);
}

static int commit_all(struct outfile *files, size_t n, char *err)
{
	for (size_t i = 0; i < n; i++)
		if (files[i].f && outfile_commit(&files[i], err, ERR_MAX) != 0)
			return -1;
	return 0;
}

int cmd_scan(const struct cli_command *cmd, int argc, char **argv)
{
	struct scan_cli cli = { 0 };
	struct scan sc;
	struct domain_set internal;
	struct outfile files[3] = { 0 }; /* rejects, output, summary */
	char err[ERR_MAX] = "";
	int rc = CLI_EXIT_USAGE;
	int ready = scan_init(&sc);
	domain_set_init(&internal);
	if ((rc = parse_scan_options(cmd, argc, argv, &cli)) != CLI_RUN)
		goto out;
	rc = CLI_EXIT_FAILED;
	if (ready != 0) {
		snprintf(err, ERR_MAX, "out of memory");
		goto fail;
	}
	rc = CLI_EXIT_USAGE;
	if (setup_scan(&sc, &cli, argc - optind, argv + optind, err) != 0 || check_outputs(&cli, &sc, err) != 0)
		goto fail;
	rc = CLI_EXIT_FAILED;
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
	for (size_t i = 0; i < sc.n_sources; i++)
		if (sc.sources[i].note[0])
			cli_warning("source '%s': %s", sc.sources[i].name, sc.sources[i].note);
	if (failed) {
		report_failures(&sc);
		if (!cli.keep_going) {
			cli_error("scan failed: no output written");
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
	rc = failed ? CLI_EXIT_PARTIAL : report_anomalies(&sc) ? CLI_EXIT_ANOMALIES : CLI_EXIT_OK;
	if (failed)
		cli_warning("PARTIAL result: %zu of %zu sources failed (--keep-going)", failed, sc.n_sources);
	goto out;
fail:
	cli_error("%s", err);
out:
	for (size_t i = 0; i < 3; i++)
		outfile_abort(&files[i]);
	free(cli.internal);
	memset(cli.password, 0, sizeof(cli.password));
	for (size_t i = 0; i < cli.n_loaded; i++)
		profile_free(cli.loaded[i]);
	for (size_t i = 0; i < cli.n_loaded_zones; i++)
		time_zone_free(cli.loaded_zones[i]);
	free(cli.loaded);
	free(cli.loaded_zones);
	free(cli.profiles);
	free(cli.zones);
	domain_set_release(&internal);
	scan_release(&sc);
	return rc;
}
