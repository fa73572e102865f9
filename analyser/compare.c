/* stub: being written */
#include "compare.h"

#include <stdio.h>

int compare_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "exposure: error: 'compare' is not built yet in this version\n");
	return 1;
}
