/* Private to analyser/cli: the commands of `exposure`, one file each, and
 * the table that names them (commands.c). */
#ifndef EXPOSURE_CLI_COMMANDS_H
#define EXPOSURE_CLI_COMMANDS_H

#include "cli.h"

struct cli_command {
	const char *name;
	const char *synopsis; /* what follows "exposure NAME" in a usage line */
	const char *summary;  /* one line for the global usage */
	/* The options, printed by NAME --help with the exit codes below. */
	const char *help;
	unsigned exits;       /* the exit codes it may return: CLI_EXITS bits */
	int needs_connectors; /* connectors_init() before it runs */
	/* argv[0] is the command's name. Returns the exit status. */
	int (*run)(const struct cli_command *cmd, int argc, char **argv);
};

/* What a command's option parser returns when the command is to run; else
 * it returns the exit status: CLI_EXIT_OK with the help printed, or
 * CLI_EXIT_USAGE with the error said. */
#define CLI_RUN (-1)

int cmd_scan(const struct cli_command *cmd, int argc, char **argv);
int cmd_probe(const struct cli_command *cmd, int argc, char **argv);
int cmd_profiles(const struct cli_command *cmd, int argc, char **argv);
int cmd_compare(const struct cli_command *cmd, int argc, char **argv);

extern const char cmd_scan_help[];
extern const char cmd_probe_help[];
extern const char cmd_profiles_help[];
extern const char cmd_compare_help[];

#endif
