package io.coffer.secrets.policy;

import java.util.List;

/**
 * What a token's identity entity adds to its own policies: the entity's policies and
 * those of the groups it belongs to, directly or through nested groups (Vault's
 * {@code identity_policies}). Implemented by the identity store, so that policies never
 * depend on identity.
 */
public interface IdentityPolicies {

	/** No identity store: no entity adds anything or is disabled. */
	IdentityPolicies NONE = (entityId) -> EntityGrant.NONE;

	/**
	 * What the entity grants; {@link EntityGrant#NONE} for an empty or unknown id (a
	 * deleted entity leaves its tokens with their own policies, as in Vault).
	 */
	EntityGrant of(String entityId);

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
