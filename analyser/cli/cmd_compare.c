/* exposure compare: the command line of the spam-trap comparison; the
 * work is compare_run (analyser/compare/). */
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "compare.h"

const char cmd_compare_help[] =
	"usage: exposure compare [options] EXPOSED HITS...\n"
	"       exposure compare [options] --exposed NAME=FILE [--exposed NAME=FILE ...] HITS...\n"
	"\n"
	"How much of the spam-trap hits or complaint reports the exposure explains.\n"
	"\n"
	"  EXPOSED              an affected list written by `exposure scan` (csv or jsonl,\n"
	"                       detected); named after its file\n"
	"  HITS                 files or maildirs, each in one of the forms {hits-forms} (detected):\n"
	"                       a plain list, one address a line (display names dropped;\n"
	"                       a line with several addresses gives a hit for each);\n"
	"                       CSV: a first line with no '@' that names a column\n"
	"                       address, email or recipient (case-insensitive): the hit\n"
	"                       is the leftmost such column (a file whose first line names\n"
	"                       none is read as a list, so no address of a line is lost;\n"
	"                       a quoted field may span lines: that record counts as\n"
	"                       one line, at its first);\n"
	"                       sha256 or md5 hex digests of addresses (the first line is\n"
	"                       64 or 32 hex digits; then every line must be one, and the\n"
	"                       exposed addresses are hashed to match);\n"
	"                       an mbox (first line starts with \"From \"); a maildir (a\n"
	"                       directory with cur/ and/or new/; tmp/ is not read).\n"
	"                       A message's hits: every address of the first header line\n"
	"                       present of Delivered-To, else X-Original-To, else To\n"
	"                       (unfolded); its time from Date (RFC 5322, any zone).\n"
	"  --exposed NAME=FILE  an exposed set with a name (repeatable, up to 32): each\n"
	"                       gets its own line, and the set that explains the most\n"
	"                       hits is named (ties broken by the smaller p)\n"
	"  --population FILE    every address that could have been hit (a list, CSV or\n"
	"                       digests; not messages): adds N, K, n, k and\n"
	"                       P(X >= k) for X ~ Hypergeometric(N, K, n), the chance of\n"
	"                       an overlap at least this large if the hits were unrelated\n"
	"                       to the exposure; hits outside it are counted apart\n"
	"  --unexplained FILE   the unique hits no exposed set explains, one a line, sorted\n"
	"  --skipped FILE       CSV: file,line,reason,detail,text of every line, item or\n"
	"                       message that yielded no hit (also the population's)\n"
	"  --json               the report as one JSON object (keys: see below)\n"
	"  -o, --output FILE    the report (default: standard output)\n"
	"      --force          overwrite existing output files\n"
	"\n"
	"Counting: hits read = addresses found (a message or line may hold several);\n"
	"every line, item or message yields a hit or a skip, by reason: blank,\n"
	"not-an-address, no-address, bad-csv, missing-column, no-recipient. Unique\n"
	"hits: a hit read more than once (in one file or several) counts once. A hit\n"
	"counts for each origin and source its address has. The days count hits read\n"
	"(UTC days of each message's Date); lines and messages without a readable Date\n"
	"are \"no date\". Digest hits files cannot be mixed with address ones, nor\n"
	"sha256 with md5; a digest population makes the run match digests.\n"
	"The report holds counts only; addresses go to --unexplained and --skipped.\n"
	"\n"
	"Fatal (exit 1): an empty hits file, a CSV with a header only, a digest of\n"
	"the wrong length among digests, a message file not starting with \"From \",\n"
	"a directory that is no maildir or holds no message, an exposed list that is\n"
	"not one. Exit 2: a file that cannot be read, or output that cannot be written.\n"
	"\n"
	"JSON keys: key_space, hits_files[] {file, form, lines, messages, hits,\n"
	"skipped}, lines_read, messages_read, hits_read, skipped {total, and one per\n"
	"reason}, unique_hits, explained, explained_share, unexplained,\n"
	"unexplained_share, sets[] {name, file, format, addresses, explained, share,\n"
	"by_origin, by_source, and with --population K, k, exposed_outside_population,\n"
	"expected, p, log10_p}, best_set, tied_sets[], per_day[] {day, explained,\n"
	"unexplained}, no_date {explained, unexplained, unreadable_dates}, population\n"
	"(null or {file, form, lines, skipped, N, n, hits_outside}).\n";

static const char usage_hint[] = "usage: exposure compare [options] EXPOSED HITS...  (see 'exposure compare --help')\n";

enum parsed { PARSED_OK, PARSED_HELP, PARSED_BAD };

static enum parsed parse_options(int argc, char **argv, struct compare_options *cli, char *err)
{
	enum { OPT_EXPOSED = 256, OPT_POPULATION, OPT_UNEXPLAINED, OPT_SKIPPED, OPT_JSON, OPT_FORCE };
	static const struct option opts[] = {
		{ "exposed", required_argument, NULL, OPT_EXPOSED },
		{ "population", required_argument, NULL, OPT_POPULATION },
		{ "unexplained", required_argument, NULL, OPT_UNEXPLAINED },
		{ "skipped", required_argument, NULL, OPT_SKIPPED },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 0; /* a fresh parse, also when called again in one process */
	while ((c = cli_getopt("compare", argc, argv, "o:h", opts)) != -1) {
		switch (c) {
		case OPT_EXPOSED:
			if (cli->n_exposed == COMPARE_MAX_SETS) {
				snprintf(err, CLI_ERR_MAX, "at most %d --exposed sets", COMPARE_MAX_SETS);
				return PARSED_BAD;
			}
			cli->exposed[cli->n_exposed++] = optarg;
			break;
		case OPT_POPULATION: cli->population = optarg; break;
		case OPT_UNEXPLAINED: cli->unexplained = optarg; break;
		case OPT_SKIPPED: cli->skipped = optarg; break;
		case OPT_JSON: cli->report = "json"; break;
		case 'o': cli->output = optarg; break;
		case OPT_FORCE: cli->force = 1; break;
		case 'h': return PARSED_HELP;
		default: return PARSED_BAD; /* cli_getopt said which, err stays empty */
		}
	}
	cli->hits = argv + optind;
	cli->n_hits = (size_t)(argc - optind);
	return PARSED_OK;
}

int cmd_compare(const struct cli_command *cmd, int argc, char **argv)
{
	struct compare_options opts = { .report = "text" };
	char err[CLI_ERR_MAX] = "";
	switch (parse_options(argc, argv, &opts, err)) {
	case PARSED_HELP:
		cli_print_help(stdout, cmd->help, cmd->exits);
		return CLI_EXIT_OK;
	case PARSED_BAD:
		if (err[0])
			cli_error("%s", err);
		fputs(usage_hint, stderr);
		return CLI_EXIT_USAGE;
	case PARSED_OK:
		break;
	}
	switch (compare_run(&opts, err, sizeof(err))) {
	case COMPARE_DONE:
		return CLI_EXIT_OK;
	case COMPARE_USAGE:
		cli_error("%s", err);
		fputs(usage_hint, stderr);
		return CLI_EXIT_USAGE;
	case COMPARE_BAD_INPUT:
		cli_error("%s", err);
		return CLI_EXIT_USAGE;
	case COMPARE_FAILED:
		break;
	}
	cli_error("%s", err);
	return CLI_EXIT_FAILED;
}
