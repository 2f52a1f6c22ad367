package io.coffer.secrets.token;

import java.util.Optional;

import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.policy.TokenPolicies;

import org.springframework.stereotype.Component;

/**
 * Answers {@code sys/capabilities}' question "which token is this": its entry, whose own
 * and entity's policies the capabilities are computed from.
 */
@Component
class StoredTokenPolicies implements TokenPolicies {

	private final TokenStore tokens;

	StoredTokenPolicies(TokenStore tokens) {
		this.tokens = tokens;
	}

	@Override
	public Optional<TokenEntry> entryOf(String token) {
		return this.tokens.lookup(token);
	}

}
