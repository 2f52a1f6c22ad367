package io.coffer.secrets.policy;

import java.util.List;
import java.util.Optional;

/**
 * The policies attached to a token, for {@code sys/capabilities}. Implemented by the
 * token store, so that policies never depend on tokens (tokens depend on policies).
 */
public interface TokenPolicies {

	/** The policies of a live token; empty when the token is unknown or expired. */
	Optional<List<String>> policiesOf(String token);

}
