package io.coffer.common.authorize;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The active secrets node's answer to an {@link AuthorizeRequest}. A denial carries
 * nothing but {@code allowed=false}: the client gets Vault's {@code permission denied}
 * whatever the reason (no token, unknown or expired token, no policy, no sudo).
 *
 * @param allowed whether the request may be forwarded
 * @param policies the token's policies, sorted
 * @param accessor the token's accessor (never the token)
 * @param displayName the token's display name
 * @param entityId the token's entity id; empty when the token has none
 * @param ttl seconds the token has left; 0 when it never expires
 * @param cacheable whether the gateway may reuse this decision for a few seconds: false
 * for use-limited tokens, whose every request must take a use on the node
 * @param aclEpoch the node's ACL epoch read before the decision ({@link AclEpoch})
 */
public record AuthorizeDecision(boolean allowed, List<String> policies, String accessor,
		@JsonProperty("display_name") String displayName, @JsonProperty("entity_id") String entityId, long ttl,
		boolean cacheable, @JsonProperty("acl_epoch") String aclEpoch) {

	public AuthorizeDecision {
		policies = (policies != null) ? List.copyOf(policies) : List.of();
		accessor = (accessor != null) ? accessor : "";
		displayName = (displayName != null) ? displayName : "";
		entityId = (entityId != null) ? entityId : "";
		aclEpoch = (aclEpoch != null) ? aclEpoch : "";
	}

	/** A denial, decided under {@code aclEpoch}. */
	public static AuthorizeDecision denied(String aclEpoch) {
		return new AuthorizeDecision(false, List.of(), "", "", "", 0, false, aclEpoch);
	}

}
