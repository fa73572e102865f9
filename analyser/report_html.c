/* stub: being written */
#include "report.h"

int report_html(FILE *f, const struct scan *sc, const struct domain_set *internal, int internal_given)
{
	(void)sc;
	(void)internal;
	(void)internal_given;
	return fputs("<!DOCTYPE html><title>exposure</title>\n", f) < 0 ? -1 : 0;
}
