package io.coffer.secrets.auth.jwt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.FieldSchema;
import io.coffer.secrets.token.Fields;

/**
 * A jwt mount's {@code config}: where the keys that sign accepted JWTs come from (exactly
 * one of static PEM keys, a JWKS URL or an OIDC discovery URL), the issuer every JWT must
 * name, the default role and the accepted signature algorithms.
 *
 * @param oidcDiscoveryUrl the issuer URL whose {@code .well-known/openid-configuration}
 * names the JWKS
 * @param oidcDiscoveryCaPem CA certificates (PEM) trusted for the discovery URL, empty =
 * the JDK's
 * @param jwksUrl the JWKS URL
 * @param jwksCaPem CA certificates (PEM) trusted for the JWKS URL, empty = the JDK's
 * @param jwtValidationPubkeys PEM public keys or certificates
 * @param jwtSupportedAlgs accepted {@code alg} values, empty = {@code RS256}
 * @param boundIssuer the {@code iss} every JWT must carry, empty = any
 * @param defaultRole the role of a login that names none
 */
record JwtConfig(String oidcDiscoveryUrl, String oidcDiscoveryCaPem, String jwksUrl, String jwksCaPem,
		List<String> jwtValidationPubkeys, List<String> jwtSupportedAlgs, String boundIssuer, String defaultRole) {

	/** What Vault accepts in {@code jwt_supported_algs}. */
	static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384",
			"PS512", "EdDSA");

	private static final String NO_OIDC_FLOW = "the OIDC authorization code flow is not implemented; log in with a JWT";

	static final FieldSchema FIELDS = FieldSchema.of(
			List.of("oidc_discovery_url", "oidc_discovery_ca_pem", "jwks_url", "jwks_ca_pem", "jwt_validation_pubkeys",
					"jwt_supported_algs", "bound_issuer", "default_role"),
			Map.of("oidc_client_id", NO_OIDC_FLOW, "oidc_client_secret", NO_OIDC_FLOW, "oidc_response_mode",
					NO_OIDC_FLOW, "oidc_response_types", NO_OIDC_FLOW, "provider_config",
					"provider-specific group fetching is not implemented", "jwks_pairs",
					"several JWKS URLs are not implemented; use one jwks_url", "namespace_in_state", NO_OIDC_FLOW));

	JwtConfig {
		jwtValidationPubkeys = List.copyOf(jwtValidationPubkeys);
		jwtSupportedAlgs = List.copyOf(jwtSupportedAlgs);
	}

	/**
	 * A configuration from a write, checked as Vault checks it (the key source itself is
	 * tried by {@link JwtKeys}).
	 * @throws VaultException 400 with Vault's message
	 */
	static JwtConfig of(Fields fields) {
		JwtConfig config = new JwtConfig(fields.string("oidc_discovery_url"), fields.string("oidc_discovery_ca_pem"),
				fields.string("jwks_url"), fields.string("jwks_ca_pem"), fields.list("jwt_validation_pubkeys"),
				fields.list("jwt_supported_algs"), fields.string("bound_issuer"),
				fields.string("default_role").toLowerCase(Locale.ROOT));
		int sources = (config.oidcDiscoveryUrl.isEmpty() ? 0 : 1) + (config.jwksUrl.isEmpty() ? 0 : 1)
				+ (config.jwtValidationPubkeys.isEmpty() ? 0 : 1);
		if (sources != 1) {
			throw VaultException
				.badRequest("exactly one of 'jwt_validation_pubkeys', 'jwks_url' or 'oidc_discovery_url' must be set");
		}
		for (String alg : config.jwtSupportedAlgs) {
			if (!ALGORITHMS.contains(alg)) {
				throw VaultException.badRequest("Invalid supported algorithm: " + alg);
			}
		}
		return config;
	}

	/** The accepted algorithms, {@code RS256} unless configured. */
	List<String> algorithms() {
		return this.jwtSupportedAlgs.isEmpty() ? List.of("RS256") : this.jwtSupportedAlgs;
	}

	Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("bound_issuer", this.boundIssuer);
		out.put("default_role", this.defaultRole);
		out.put("jwks_ca_pem", this.jwksCaPem);
		out.put("jwks_url", this.jwksUrl);
		out.put("jwt_supported_algs", this.jwtSupportedAlgs);
		out.put("jwt_validation_pubkeys", this.jwtValidationPubkeys);
		out.put("oidc_discovery_ca_pem", this.oidcDiscoveryCaPem);
		out.put("oidc_discovery_url", this.oidcDiscoveryUrl);
		out.put("oidc_client_id", "");
		out.put("oidc_response_mode", "");
		out.put("oidc_response_types", List.of());
		out.put("provider_config", Map.of());
		out.put("namespace_in_state", false);
		return out;
	}

}
