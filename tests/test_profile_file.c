/* stub: being written */
#include "suites.h"
Suite *profile_file_suite(void)
{
	return suite_create("profile_file");
}
