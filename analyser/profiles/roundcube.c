/* Roundcube (1.x): logins, identities, address books with their vCards,
 * collected addresses (1.5+), and the automatic_addressbook plugin's
 * collected_contacts. The owner of every row is users.username, joined on
 * user_id with a LEFT JOIN so that a row whose user is gone is still read.
 * Soft-deleted rows (del = 1) are exposed too: kept, counted apart. */
#include "profile.h"

#define OWNER_JOIN " LEFT JOIN users u ON u.user_id = t.user_id"

static const struct extractor roundcube_extractors[] = {
	{
		.name = "users",
		.origin = ORIGIN_LOGIN,
		.tables = "users",
		.query = "SELECT user_id, username, created, last_login FROM {table}",
		.address = { "username" },
		.owner = "username",
		.time = "created",
		.time_kind = TIME_KIND_CREATED,
		.login_time = "last_login",
		.key = "user_id",
		.internal = "username",
		.flags = EXTRACTOR_LOGIN_NAME,
	},
	{
		.name = "identities",
		.origin = ORIGIN_LOGIN,
		.tables = "identities",
		.query = "SELECT t.identity_id, u.username, t.email, t.changed, t.del FROM {table} t" OWNER_JOIN,
		.address = { "email" },
		.owner = "username",
		.time = "changed",
		.time_kind = TIME_KIND_CHANGED,
		.key = "identity_id",
		.deleted = "del",
	},
	{
		/* email holds all the contact's addresses joined with ','; the
		 * vCard's EMAIL lines may hold more */
		.name = "contacts",
		.origin = ORIGIN_ADDRESSBOOK,
		.tables = "contacts collected_contacts",
		.query = "SELECT t.contact_id, u.username, t.email, t.vcard, t.changed, t.del FROM {table} t" OWNER_JOIN,
		.address = { "email" },
		.vcard = "vcard",
		.owner = "username",
		.time = "changed",
		.time_kind = TIME_KIND_CHANGED,
		.key = "contact_id",
		.deleted = "del",
	},
	{
		/* trusted senders */
		.name = "collected_book",
		.origin = ORIGIN_ADDRESSBOOK,
		.tables = "collected_addresses",
		.query = "SELECT t.address_id, u.username, t.email, t.changed FROM {table} t" OWNER_JOIN
			 " WHERE t.type = 2",
		.address = { "email" },
		.owner = "username",
		.time = "changed",
		.time_kind = TIME_KIND_CHANGED,
		.key = "address_id",
	},
	{
		/* recipients collected after sending */
		.name = "collected_sent",
		.origin = ORIGIN_SENT,
		.tables = "collected_addresses",
		.query = "SELECT t.address_id, u.username, t.email, t.changed FROM {table} t" OWNER_JOIN
			 " WHERE t.type = 1",
		.address = { "email" },
		.owner = "username",
		.time = "changed",
		.time_kind = TIME_KIND_CHANGED,
		.key = "address_id",
	},
};

const struct profile profile_roundcube = {
	.name = "roundcube",
	.description = "Roundcube: users, identities, contacts and vCards, collected addresses",
	.detect = "users identities contacts",
	.extractors = roundcube_extractors,
	.n_extractors = sizeof(roundcube_extractors) / sizeof(roundcube_extractors[0]),
};
