/* Comparing text that is not NUL-terminated where it stands (a field, a
 * line of a vCard, a word of a list). */
#ifndef EXPOSURE_TEXTCMP_H
#define EXPOSURE_TEXTCMP_H

#include <stddef.h>

/* 1 when s[0..len) is word, ignoring ASCII case; 0 when not, or word is NULL. */
int equals_ci(const char *s, size_t len, const char *word);

#endif
