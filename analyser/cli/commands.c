/* exposure: the table of commands, and main(), which only dispatches. A new
 * command is a file of its own (cmd_NAME.c) and one line here. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "connector.h"
#include "outfile.h"

#define EXPOSURE_VERSION "0.1.0"

#define SCAN_EXITS                                                                                           \
	(CLI_EXITS(CLI_EXIT_OK) | CLI_EXITS(CLI_EXIT_USAGE) | CLI_EXITS(CLI_EXIT_FAILED) |                   \
	 CLI_EXITS(CLI_EXIT_ANOMALIES) | CLI_EXITS(CLI_EXIT_PARTIAL))
#define PLAIN_EXITS (CLI_EXITS(CLI_EXIT_OK) | CLI_EXITS(CLI_EXIT_USAGE) | CLI_EXITS(CLI_EXIT_FAILED))

static const struct cli_command commands[] = {
	{ "scan", "[options] SOURCE...", "read webmail databases, list every exposed address with its origins",
	  cmd_scan_help, SCAN_EXITS, 1, cmd_scan },
	{ "probe", "[-p P] [--password-file F] [--timeout S] SOURCE",
	  "connect, list the tables with their row counts and the detected profile", cmd_probe_help, PLAIN_EXITS, 1,
	  cmd_probe },
	{ "profiles", "[NAME|PATH]", "list the built-in profiles, or print one as a profile file", cmd_profiles_help,
	  PLAIN_EXITS, 0, cmd_profiles },
	{ "compare", "[options] EXPOSED HITS...", "how much of the spam-trap hits the exposure explains",
	  cmd_compare_help, PLAIN_EXITS, 0, cmd_compare },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* The global usage, from the table. */
static void print_usage(FILE *f)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "%s exposure %s %s\n", i ? "      " : "usage:", commands[i].name, commands[i].synopsis);
	fputs("       exposure --help | --version\n\ncommands:\n", f);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'exposure COMMAND --help' gives the options of a command.\n", f);
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int run_command(const struct cli_command *cmd, int argc, char **argv)
{
	char err[CLI_ERR_MAX];
	if (cmd->needs_connectors && connectors_init(err, sizeof(err)) != 0) {
		cli_error("%s", err);
		return CLI_EXIT_FAILED;
	}
	int rc = cmd->run(cmd, argc, argv);
	if (cmd->needs_connectors)
		connectors_end();
	return rc;
}

int main(int argc, char **argv)
{
	if (cli_standard_fds_open() != 0)
		return CLI_EXIT_FAILED;
	if (argc < 2) {
		print_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	outfile_install_signal_cleanup();
	signal(SIGPIPE, SIG_IGN); /* a closed pipe is a write error, reported and cleaned up */
	const char *name = argv[1];
	const struct cli_command *cmd = find_command(name);
	if (cmd)
		return run_command(cmd, argc - 1, argv + 1);
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		print_usage(stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(name, "--version") == 0) {
		printf("exposure %s\n", EXPOSURE_VERSION);
		return CLI_EXIT_OK;
	}
	cli_error("unknown command '%s' (see 'exposure --help')", name);
	return CLI_EXIT_USAGE;
}
