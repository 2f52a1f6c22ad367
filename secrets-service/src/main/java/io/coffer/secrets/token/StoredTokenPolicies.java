package io.coffer.secrets.token;

import java.util.List;
import java.util.Optional;

import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.policy.TokenPolicies;

import org.springframework.stereotype.Component;

/** Answers {@code sys/capabilities}' question "which policies does this token hold". */
@Component
class StoredTokenPolicies implements TokenPolicies {

	private final TokenStore tokens;

	StoredTokenPolicies(TokenStore tokens) {
		this.tokens = tokens;
	}

	@Override
	public Optional<List<String>> policiesOf(String token) {
		return this.tokens.lookup(token).map(TokenEntry::policies);
	}

}
