/* The EMAIL properties of a vCard (Roundcube keeps one per contact). */
#ifndef EXPOSURE_VCARD_H
#define EXPOSURE_VCARD_H

#include <stddef.h>

/* Called with the value of each EMAIL line; non-zero stops. */
typedef int (*vcard_value_fn)(void *ctx, const char *value, size_t len);

/* Unfold the vCard (a line that starts with a space or tab continues the
 * one before), and call cb with the trimmed value of every EMAIL property,
 * whatever its parameters or group ("item1.EMAIL;TYPE=home:x"), in order.
 * Returns the number of EMAIL values seen, -1 on no memory, or -2 when cb
 * stopped. */
int vcard_emails(const char *vcard, size_t len, vcard_value_fn cb, void *ctx);

#endif
