package io.coffer.secrets.token;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.PolicyService;

import org.springframework.stereotype.Component;

/**
 * {@code auth/token/renew}, {@code renew-self} and {@code renew-accessor}: a periodic
 * token gets its period again, any other the increment (or its original TTL), never past
 * its maximum lifetime from creation.
 */
@Component
class TokenRenewal {

	private final TokenStore store;

	private final PolicyService policies;

	TokenRenewal(TokenStore store, PolicyService policies) {
		this.store = store;
		this.policies = policies;
	}

	/**
	 * @param target the token to renew
	 * @param increment the requested TTL in seconds, 0 = the token's original TTL
	 * @param shownToken the token to echo as {@code client_token} (empty for
	 * renew-accessor)
	 */
	LogicalResponse renew(StoredToken target, long increment, String shownToken) {
		TokenEntry entry = target.entry();
		if (!entry.renewable() || entry.expireTime() == 0) {
			throw VaultException.badRequest("lease is not renewable");
		}
		TokenTtl limits = new TokenTtl(entry.ttlSeconds(), entry.maxTtl(), entry.explicitMaxTtl(), entry.period());
		long now = this.store.now();
		TokenTtl.Result result = limits.calculate((increment > 0) ? increment : entry.ttlSeconds(),
				entry.creationTime(), now);
		TokenEntry renewed = this.store.update(target.id(), (current) -> current.renewed(now + result.ttl(), now));
		return LogicalResponse.empty()
			.withAuth(TokenViews.auth(shownToken, renewed, now, this.policies.identityOf(renewed).policies()))
			.withWarnings(result.warnings());
	}

}
