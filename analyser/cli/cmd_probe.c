/* exposure probe: what a source holds, before a scan. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "probe.h"
#include "profile.h"
#include "scan.h"

#define PASSWORD_MAX 1024

const char cmd_probe_help[] =
	"usage: exposure probe [-p P] [--password-file F] [--timeout S] SOURCE\n"
	"\n"
	"Connect, list the tables with their row counts, which extractor of the\n"
	"profile reads each, and the profile (forced with -p, else detected).\n"
	"\n"
	"  SOURCE                 [NAME=]URI, as for exposure scan\n"
	"  -p, --profile P        {profiles} | PATH to a profile\n"
	"                         file (default: detected from the tables present)\n"
	"      --timeout S        seconds allowed to connect and to each query\n"
	"      --password-file F  the password, on the first line of F\n"
	"  -h, --help             this help\n";

struct probe_cli {
	const char *profile;
	const char *password_file;
	unsigned timeout;
	char password[PASSWORD_MAX];
};

static int parse_probe_options(const struct cli_command *cmd, int argc, char **argv, struct probe_cli *cli)
{
	enum { OPT_TIMEOUT = 256, OPT_PASSWORD_FILE };
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 0; /* a fresh parse */
	while ((c = cli_getopt("probe", argc, argv, "p:h", opts)) != -1) {
		switch (c) {
		case 'p': cli->profile = optarg; break;
		case OPT_PASSWORD_FILE: cli->password_file = optarg; break;
		case OPT_TIMEOUT:
			if (!(cli->timeout = cli_parse_count(optarg, 86400))) {
				cli_error("--timeout takes a whole number of seconds from 1 to 86400");
				return CLI_EXIT_USAGE;
			}
			break;
		case 'h': cli_print_help(stdout, cmd->help, cmd->exits); return CLI_EXIT_OK;
		default: return CLI_EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		cli_usage_error("probe", "give one SOURCE");
		return CLI_EXIT_USAGE;
	}
	return CLI_RUN;
}

int cmd_probe(const struct cli_command *cmd, int argc, char **argv)
{
	struct probe_cli cli = { 0 };
	struct profile *loaded = NULL;
	const struct profile *p = NULL;
	struct conn_options opts = { .app_name = "exposure" };
	struct scan sc;
	char err[CLI_ERR_MAX] = "";
	int rc = CLI_EXIT_USAGE;
	scan_init(&sc); /* out of memory leaves only the threads' part unset: probe needs none */
	if ((rc = parse_probe_options(cmd, argc, argv, &cli)) != CLI_RUN)
		goto out;
	rc = CLI_EXIT_USAGE;
	if (scan_add_source(&sc, argv[optind], err, sizeof(err)) != 0 ||
	    (cli.profile && !(p = profile_choose(cli.profile, &loaded, err, sizeof(err)))))
		goto fail;
	if (cli.password_file) {
		if (cli_read_password_file(cli.password_file, cli.password, sizeof(cli.password), err, sizeof(err)) != 0)
			goto fail;
		opts.password = cli.password;
	}
	opts.timeout_seconds = cli.timeout;
	rc = CLI_EXIT_FAILED;
	if (probe_source(&sc.sources[0], p, &opts, stdout, err, sizeof(err)) != 0)
		goto fail;
	rc = CLI_EXIT_OK;
	goto out;
fail:
	cli_error("%s", err);
out:
	memset(cli.password, 0, sizeof(cli.password));
	profile_free(loaded);
	scan_release(&sc);
	return rc;
}
