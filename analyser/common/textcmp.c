#include "textcmp.h"

#include <string.h>
#include <strings.h>

int equals_ci(const char *s, size_t len, const char *word)
{
	return word && strlen(word) == len && strncasecmp(s, word, len) == 0;
}
