package io.coffer.secrets.engine.identity;

import java.util.Map;

/**
 * An entity alias: the name an auth mount knows a client by (the user name, RoleID,
 * service account UID...), tied to one entity. Unique per mount accessor and name.
 *
 * @param id its UUID
 * @param canonicalId the entity it belongs to
 * @param name the name on the mount, compared without case
 * @param mountAccessor the auth mount's accessor
 * @param customMetadata free key/value pairs set through the API
 * @param creationTime RFC 3339
 * @param lastUpdateTime RFC 3339
 */
record EntityAlias(String id, String canonicalId, String name, String mountAccessor, Map<String, String> customMetadata,
		String creationTime, String lastUpdateTime) {

	EntityAlias {
		customMetadata = (customMetadata != null) ? Map.copyOf(customMetadata) : Map.of();
	}

}
