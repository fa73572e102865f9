/* exposure compare: how much of the spam the exposure explains. */
#ifndef EXPOSURE_COMPARE_H
#define EXPOSURE_COMPARE_H

/* The whole `exposure compare` command: argv[0] is "compare". Returns the
 * exit status (0 done, 1 usage or bad input, 2 an unreadable file). */
int compare_main(int argc, char **argv);

#endif
