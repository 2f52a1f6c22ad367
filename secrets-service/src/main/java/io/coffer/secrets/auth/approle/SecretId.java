package io.coffer.secrets.auth.approle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored SecretID. The SecretID itself is not stored: this entry is found by its HMAC.
 *
 * @param accessor the SecretID accessor (listable, usable to look up and destroy)
 * @param creationTime unix seconds
 * @param expirationTime unix seconds, 0 = never
 * @param lastUpdatedTime unix seconds
 * @param numUses uses left, 0 = unlimited
 * @param ttl the TTL it was created with, in seconds
 * @param metadata copied into the token's metadata on login
 * @param cidrList where it may be used from
 * @param tokenBoundCidrs where tokens of logins with it may be used from (instead of the
 * role's {@code token_bound_cidrs}), empty = the role's
 */
record SecretId(String accessor, long creationTime, long expirationTime, long lastUpdatedTime, int numUses, long ttl,
		Map<String, String> metadata, List<String> cidrList, List<String> tokenBoundCidrs) {

	/** How Vault renders "never": Go's zero time. */
	private static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

	SecretId {
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
		cidrList = List.copyOf(cidrList);
		tokenBoundCidrs = (tokenBoundCidrs != null) ? List.copyOf(tokenBoundCidrs) : List.of();
	}

	boolean expiredAt(long now) {
		return this.expirationTime != 0 && now >= this.expirationTime;
	}

	SecretId used(long now) {
		return new SecretId(this.accessor, this.creationTime, this.expirationTime, now, this.numUses - 1, this.ttl,
				this.metadata, this.cidrList, this.tokenBoundCidrs);
	}

	Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("cidr_list", this.cidrList);
		out.put("creation_time", Instant.ofEpochSecond(this.creationTime).toString());
		out.put("expiration_time",
				(this.expirationTime == 0) ? GO_ZERO_TIME : Instant.ofEpochSecond(this.expirationTime).toString());
		out.put("last_updated_time", Instant.ofEpochSecond(this.lastUpdatedTime).toString());
		out.put("metadata", new LinkedHashMap<>(this.metadata));
		out.put("secret_id_accessor", this.accessor);
		out.put("secret_id_num_uses", this.numUses);
		out.put("secret_id_ttl", this.ttl);
		out.put("token_bound_cidrs", this.tokenBoundCidrs);
		return out;
	}

}
