package io.coffer.secrets.engine.identity;

import java.util.List;
import java.util.Map;

/**
 * An identity entity: one client (person or machine) behind any number of aliases on auth
 * mounts.
 *
 * @param id its UUID
 * @param name unique, compared without case
 * @param metadata free key/value pairs
 * @param policies policies every token of the entity gets on top of its own
 * @param disabled a disabled entity's tokens are refused and its aliases cannot log in
 * @param creationTime RFC 3339
 * @param lastUpdateTime RFC 3339
 */
record Entity(String id, String name, Map<String, String> metadata, List<String> policies, boolean disabled,
		String creationTime, String lastUpdateTime) {

	Entity {
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
		policies = (policies != null) ? List.copyOf(policies) : List.of();
	}

	Entity updated(String newName, Map<String, String> newMetadata, List<String> newPolicies, boolean newDisabled,
			String now) {
		return new Entity(this.id, newName, newMetadata, newPolicies, newDisabled, this.creationTime, now);
	}

}
