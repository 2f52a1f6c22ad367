package io.coffer.secrets.token;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.coffer.secrets.kernel.TokenEntry;

/** Vault's JSON shapes of a token: the {@code auth} block and the lookup data. */
final class TokenViews {

	private TokenViews() {
	}

	/**
	 * The {@code auth} block of create, login and renew responses.
	 * @param token the token to return as {@code client_token}, empty to withhold it
	 * @param entry the token's entry
	 * @param now the current time, to report the TTL left
	 * @param identityPolicies the policies the token's entity and its groups add
	 * ({@code policies} lists them with the token's own, as Vault does)
	 */
	static Map<String, Object> auth(String token, TokenEntry entry, long now, List<String> identityPolicies) {
		Map<String, Object> auth = new LinkedHashMap<>();
		auth.put("client_token", token);
		auth.put("accessor", entry.accessor());
		TreeSet<String> all = new TreeSet<>(entry.policies());
		all.addAll(identityPolicies);
		auth.put("policies", List.copyOf(all));
		auth.put("token_policies", entry.policies());
		if (!identityPolicies.isEmpty()) {
			auth.put("identity_policies", identityPolicies);
		}
		auth.put("metadata", entry.meta().isEmpty() ? null : new LinkedHashMap<>(entry.meta()));
		auth.put("lease_duration", entry.ttlAt(now));
		auth.put("renewable", entry.renewable());
		auth.put("entity_id", entry.entityId());
		auth.put("token_type", entry.type());
		auth.put("orphan", entry.orphan());
		auth.put("mfa_requirement", null);
		auth.put("num_uses", Math.max(0, entry.numUses()));
		return auth;
	}

	/**
	 * The data of {@code lookup}, {@code lookup-self} and {@code lookup-accessor}.
	 * @param token the token to return as {@code id}, empty for lookup-accessor
	 * @param identityPolicies the policies the token's entity and its groups add, shown
	 * apart from the token's own as Vault shows them
	 */
	static Map<String, Object> lookup(String token, TokenEntry entry, long now, List<String> identityPolicies) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("accessor", entry.accessor());
		if (!entry.boundCidrs().isEmpty()) {
			data.put("bound_cidrs", entry.boundCidrs());
		}
		data.put("creation_time", entry.creationTime());
		data.put("creation_ttl", entry.ttlSeconds());
		data.put("display_name", entry.displayName());
		data.put("entity_id", entry.entityId());
		data.put("expire_time",
				(entry.expireTime() == 0) ? null : Instant.ofEpochSecond(entry.expireTime()).toString());
		data.put("explicit_max_ttl", entry.explicitMaxTtl());
		data.put("id", token);
		if (!identityPolicies.isEmpty()) {
			data.put("identity_policies", identityPolicies);
		}
		data.put("issue_time", Instant.ofEpochSecond(entry.creationTime()).toString());
		if (entry.lastRenewalTime() > 0) {
			data.put("last_renewal", Instant.ofEpochSecond(entry.lastRenewalTime()).toString());
			data.put("last_renewal_time", entry.lastRenewalTime());
		}
		data.put("meta", entry.meta().isEmpty() ? null : new LinkedHashMap<>(entry.meta()));
		data.put("num_uses", Math.max(0, entry.numUses()));
		data.put("orphan", entry.orphan());
		data.put("path", entry.path());
		if (entry.period() > 0) {
			data.put("period", entry.period());
		}
		data.put("policies", entry.policies());
		data.put("renewable", entry.renewable());
		if (!entry.role().isEmpty()) {
			data.put("role", entry.role());
		}
		data.put("ttl", entry.ttlAt(now));
		data.put("type", entry.type());
		return data;
	}

}
