/* UTF-8 sequences, checked the one way every module uses. */
#ifndef EXPOSURE_UTF8_H
#define EXPOSURE_UTF8_H

#include <stddef.h>

/* Bytes of the UTF-8 sequence at s (at most n bytes), or 0 when it is not
 * valid: no overlong forms, no surrogates, nothing above U+10FFFF. */
size_t utf8_char_len(const unsigned char *s, size_t n);

/* A copy of s[0..len) with each byte that does not start a valid sequence
 * replaced by U+FFFD, NUL-terminated; its length in *out_len. The caller
 * frees it; NULL on no memory. */
char *utf8_repaired(const char *s, size_t len, size_t *out_len);

#endif
