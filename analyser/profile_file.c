/* stub: being written */
#include "profile.h"
#include <stdio.h>
struct profile *profile_load(const char *path, char *err, size_t errsz)
{
	snprintf(err, errsz, "cannot load '%s': not built yet", path);
	return NULL;
}
void profile_free(struct profile *p)
{
	(void)p;
}
