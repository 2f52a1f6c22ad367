package io.coffer.secrets.policy;

import java.util.List;
import java.util.Map;

/**
 * What a token's identity entity adds to its own policies: the entity's policies and
 * those of the groups it belongs to, directly or through nested groups (Vault's
 * {@code identity_policies}). Implemented by the identity store, so that policies never
 * depend on identity.
 */
public interface IdentityPolicies {

	/** No identity store: no entity adds anything or is disabled. */
	IdentityPolicies NONE = new IdentityPolicies() {

		@Override
		public EntityGrant of(String entityId) {
			return EntityGrant.NONE;
		}

		@Override
		public Map<String, String> templateValues(String entityId) {
			return Map.of();
		}

	};

	/**
	 * What the entity grants; {@link EntityGrant#NONE} for an empty or unknown id (a
	 * deleted entity leaves its tokens with their own policies, as in Vault).
	 */
	EntityGrant of(String entityId);

	/**
	 * The values ACL templates may use for this entity, by template key (e.g.
	 * {@code identity.entity.name}, {@code identity.entity.metadata.team},
	 * {@code identity.groups.names.ops.id}); empty for an unknown entity.
	 */
	Map<String, String> templateValues(String entityId);

	/**
	 * @param disabled whether the entity is disabled: its tokens are refused everything
	 * @param policies the identity policies, sorted, without duplicates
	 */
	record EntityGrant(boolean disabled, List<String> policies) {

		public static final EntityGrant NONE = new EntityGrant(false, List.of());

		public EntityGrant {
			policies = List.copyOf(policies);
		}

	}

}
