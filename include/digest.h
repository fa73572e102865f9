/* Digests as exposure writes them: lowercase hex of sha256 or md5. The
 * sha256 and md5 lists write address digests, compare matches them, and a
 * segment directory's manifest holds each file's sha256. */
#ifndef EXPOSURE_DIGEST_H
#define EXPOSURE_DIGEST_H

#define ADDRESS_DIGEST_HEX 65 /* 64 hex digits of a sha256 and the NUL */

/* The lowercase hex sha256 (or md5) of an address, as the sha256 and md5
 * lists write it and compare matches it. 0, or -1 when the digest failed. */
int address_digest(const char *addr, int sha256, char out[ADDRESS_DIGEST_HEX]);

/* The lowercase hex sha256 of a whole file. 0, or -1 when it could not be
 * read (errno set) or the digest failed. */
int file_sha256(const char *path, char out[ADDRESS_DIGEST_HEX]);

#endif
