/* @Mail / Atmail 5: every table of docs SCHEMAS.md that holds addresses.
 * Per-user tables are sharded by the first letter of the account
 * (Abook_a .. Abook_z, Abook_other, Abook_shared): discovered by glob.
 * Password columns are never selected. */
#include "profile.h"

#include <strings.h>

static const struct extractor atmail_extractors[] = {
	{
		.name = "users",
		.origin = ORIGIN_LOGIN,
		.tables = "Users",
		.query = "SELECT Account, OtherEmail, DateCreate FROM {table}",
		.address = { "Account", "OtherEmail" },
		.owner = "Account",
		.time = "DateCreate",
		.time_kind = TIME_KIND_CREATED,
		.key = "Account",
		.internal = "Account",
	},
	{
		.name = "usersession",
		.origin = ORIGIN_LOGIN,
		.tables = "UserSession",
		.query = "SELECT Account, LastLogin FROM {table}",
		.address = { "Account" },
		.owner = "Account",
		.time = "LastLogin",
		.time_kind = TIME_KIND_CHANGED,
		.login_time = "LastLogin",
		.key = "Account",
		.internal = "Account",
	},
	{
		.name = "log_login",
		.origin = ORIGIN_LOGIN,
		.tables = "Log_Login",
		.query = "SELECT id, Account, LogDate FROM {table}",
		.address = { "Account" },
		.owner = "Account",
		.time = "LogDate",
		.time_kind = TIME_KIND_EVENT,
		.key = "id",
		.internal = "Account",
		.login_time = "LogDate",
	},
	{
		/* external mailboxes a user added to the account */
		.name = "accounts",
		.origin = ORIGIN_LOGIN,
		.tables = "Accounts",
		.query = "SELECT UserAccount, Account FROM {table}",
		.address = { "Account" },
		.owner = "UserAccount",
		.key = "UserAccount",
	},
	{
		.name = "abook",
		.origin = ORIGIN_ADDRESSBOOK,
		.tables = "Abook_? Abook_other Abook_shared",
		.query = "SELECT id, Account, UserEmail, UserEmail2, UserEmail3, UserEmail4, UserEmail5, "
			 "DateAdded FROM {table}",
		.address = { "UserEmail", "UserEmail2", "UserEmail3", "UserEmail4", "UserEmail5" },
		.owner = "Account",
		.time = "DateAdded",
		.time_kind = TIME_KIND_CREATED,
		.key = "id",
		.truncate_at = 255, /* varchar(255): a value this long may have been cut */
	},
	{
		/* a group's own row has no member: only member rows hold an address */
		.name = "abookgroup",
		.origin = ORIGIN_ADDRESSBOOK,
		.tables = "AbookGroup_? AbookGroup_other AbookGroup_shared",
		.query = "SELECT id, Account, GroupEmail FROM {table} "
			 "WHERE GroupEmail IS NOT NULL AND GroupEmail <> ''",
		.address = { "GroupEmail" },
		.owner = "Account",
		.key = "id",
		.truncate_at = 64, /* varchar(64) */
	},
	{
		.name = "log_sendmail",
		.origin = ORIGIN_SENT,
		.tables = "Log_SendMail",
		.query = "SELECT id, Account, LogMsg, LogDate FROM {table}",
		.address = { "LogMsg" },
		.owner = "Account",
		.time = "LogDate",
		.time_kind = TIME_KIND_EVENT,
		.key = "id",
		.truncate_at = 64,
		.filter = FILTER_ATMAIL_LOGMSG,
	},
};

const struct profile profile_atmail = {
	.name = "atmail",
	.description = "@Mail / Atmail 5 (Atmail Open): logins, sharded address books, sent log",
	.detect = "Users UserSession",
	.system_account = "System",
	.extractors = atmail_extractors,
	.n_extractors = sizeof(atmail_extractors) / sizeof(atmail_extractors[0]),
};

/* ---- Log_SendMail's prefix (filter = atmail-logmsg) ---------------------- */

static int is_ip_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
	       c == ':';
}

size_t atmail_logmsg_prefix(const char *s, size_t len)
{
	size_t skip = 0;
	if (len >= 8 && strncasecmp(s, "WebMail:", 8) == 0)
		skip = 8;
	/* the IP ends at the last ':' of the leading run of IP characters
	 * (IPv6 has colons of its own; a local part never has an unquoted one) */
	size_t last_colon = 0, i = skip;
	for (; i < len && is_ip_char(s[i]); i++)
		if (s[i] == ':')
			last_colon = i + 1;
	return last_colon ? last_colon : skip;
}
