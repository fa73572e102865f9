/* SquirrelMail's database back end: personal and global address books, and
 * the users' own addresses in their preferences. No times, no delete flag,
 * no sent log. */
#include "profile.h"

static const struct extractor squirrelmail_extractors[] = {
	{
		.name = "address",
		.origin = ORIGIN_ADDRESSBOOK,
		.tables = "address global_abook",
		.query = "SELECT owner, nickname, email FROM {table}",
		.address = { "email" },
		.owner = "owner",
		.key = "nickname",
	},
	{
		/* email_address, email_address1 ... email_addressN */
		.name = "userprefs",
		.origin = ORIGIN_LOGIN,
		.tables = "userprefs",
		.query = "SELECT {c:user}, prefkey, prefval FROM {table} WHERE prefkey LIKE 'email_address%'",
		.address = { "prefval" },
		.owner = "user",
		.key = "prefkey",
		.internal = "prefval",
	},
};

const struct profile profile_squirrelmail = {
	.name = "squirrelmail",
	.description = "SquirrelMail database back end: address books and the users' own addresses",
	.detect = "address userprefs",
	.extractors = squirrelmail_extractors,
	.n_extractors = sizeof(squirrelmail_extractors) / sizeof(squirrelmail_extractors[0]),
};
