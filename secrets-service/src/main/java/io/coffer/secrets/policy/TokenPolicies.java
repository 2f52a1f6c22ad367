package io.coffer.secrets.policy;

import java.util.Optional;

import io.coffer.secrets.kernel.TokenEntry;

/**
 * The policies attached to a token, for {@code sys/capabilities}. Implemented by the
 * token store, so that policies never depend on tokens (tokens depend on policies).
 */
public interface TokenPolicies {

	/**
	 * The entry of a live token (its policies and entity); empty when the token is
	 * unknown or expired.
	 */
	Optional<TokenEntry> entryOf(String token);

}
