package io.coffer.secrets.engine.identity;

/**
 * The alias of an external group: the name an auth mount reports for a group outside
 * Coffer (a JWT's groups claim value...). Logins through that mount that report the name
 * make their entity a member of the group. Unique per mount accessor and name; an
 * external group has at most one.
 *
 * @param id its UUID
 * @param canonicalId the external group it belongs to
 * @param name the name on the mount, compared without case
 * @param mountAccessor the auth mount's accessor
 * @param creationTime RFC 3339
 * @param lastUpdateTime RFC 3339
 */
record GroupAlias(String id, String canonicalId, String name, String mountAccessor, String creationTime,
		String lastUpdateTime) {

}
