/* Private to analyser/profiles: the keys of a profile file, in one table
 * (file.c) that the loader reads with and the printer (print.c) writes
 * from, in this order. */
#ifndef EXPOSURE_PROFILE_KEYS_H
#define EXPOSURE_PROFILE_KEYS_H

#include <stddef.h>

enum key {
	/* before the first section: fields of struct profile */
	KEY_NAME,
	KEY_DESCRIPTION,
	KEY_DETECT,
	/* in an extractor section: fields of struct extractor */
	KEY_ORIGIN,
	KEY_TABLES,
	KEY_QUERY,
	KEY_ADDRESS,
	KEY_OWNER,
	KEY_TIME,
	KEY_TIME_KIND,
	KEY_LOGIN_TIME,
	KEY_KEY,
	KEY_DELETED,
	KEY_VCARD,
	KEY_INTERNAL,
	KEY_TRUNCATE_AT,
	KEY_FILTER,
	KEY_LOGIN_NAME,
	KEY_COUNT,
	KEY_NONE = KEY_COUNT,
};
#define KEY_FIRST_SECTION KEY_ORIGIN

/* How a key's value is read and written. */
enum key_kind {
	KIND_TEXT,        /* a string field, kept as written */
	KIND_COLUMN,      /* a string field that must be a plain column name */
	KIND_ORIGIN,      /* login | addressbook | sent */
	KIND_ADDRESS,     /* 1 to 5 columns */
	KIND_TRUNCATE_AT, /* 1..65535; 0 (not written): never cut */
	KIND_FILTER,      /* a field filter's name; none is not written */
	KIND_TIME_KIND,   /* created | event | changed; written when there is a time */
	KIND_LOGIN_NAME,  /* yes | no: the EXTRACTOR_LOGIN_NAME flag */
};

struct profile_key {
	const char *name;
	enum key_kind kind;
	size_t offset; /* of its field in struct profile or struct extractor */
};

extern const struct profile_key profile_keys[KEY_COUNT];

#endif
