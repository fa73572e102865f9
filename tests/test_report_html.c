/* stub: being written */
#include "suites.h"
Suite *report_html_suite(void)
{
	return suite_create("report_html");
}
