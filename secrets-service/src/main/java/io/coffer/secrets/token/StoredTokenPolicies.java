package io.coffer.secrets.token;

import java.util.List;
import java.util.Optional;

import io.coffer.secrets.policy.PolicyService;
import io.coffer.secrets.policy.TokenPolicies;

import org.springframework.stereotype.Component;

/**
 * Answers {@code sys/capabilities}' question "which policies does this token hold": its
 * own and its entity's.
 */
@Component
class StoredTokenPolicies implements TokenPolicies {

	private final TokenStore tokens;

	private final PolicyService policies;

	StoredTokenPolicies(TokenStore tokens, PolicyService policies) {
		this.tokens = tokens;
		this.policies = policies;
	}

	@Override
	public Optional<List<String>> policiesOf(String token) {
		return this.tokens.lookup(token).map(this.policies::policiesFor);
	}

}
