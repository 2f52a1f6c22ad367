package io.coffer.secrets.wrapping;

import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.VaultException;

/**
 * The {@code sys/wrapping/*} paths and the rules the request path applies to them before
 * any endpoint runs: which take the wrapping token itself as their credential.
 */
public final class WrappingPaths {

	public static final String WRAP = "sys/wrapping/wrap";

	public static final String UNWRAP = "sys/wrapping/unwrap";

	public static final String LOOKUP = "sys/wrapping/lookup";

	public static final String REWRAP = "sys/wrapping/rewrap";

	private WrappingPaths() {
	}

	/**
	 * Whether the request authenticates no client token: {@code lookup} never does (it is
	 * unauthenticated in Vault), and {@code unwrap} or {@code rewrap} with no token in
	 * the body treat {@code X-Vault-Token} as the wrapping token, whose single use the
	 * endpoint takes. Going through the normal token check would spend that use first.
	 * @throws VaultException 400 when the same token is both the client token and the
	 * body's token: Vault would burn it and return nothing
	 */
	public static boolean authenticatesWithWrappingToken(String path, Map<String, Object> data, String clientToken) {
		if (path.equals(LOOKUP)) {
			return true;
		}
		if (!path.equals(UNWRAP) && !path.equals(REWRAP)) {
			return false;
		}
		Optional<String> bodyToken = bodyToken(data);
		if (bodyToken.isPresent() && bodyToken.get().equals(clientToken)) {
			throw VaultException
				.badRequest("the wrapping token must be given either as X-Vault-Token or in the body, not both");
		}
		return bodyToken.isEmpty();
	}

	/**
	 * The {@code token} field of the body, if any.
	 * @throws VaultException 400 when it is present but not a non-empty string
	 */
	static Optional<String> bodyToken(Map<String, Object> data) {
		Object raw = data.get("token");
		if (raw == null) {
			return Optional.empty();
		}
		if (!(raw instanceof String token)) {
			throw VaultException.badRequest("could not decode token in request body");
		}
		if (token.isEmpty()) {
			throw VaultException.badRequest("empty token in request body");
		}
		return Optional.of(token);
	}

}
