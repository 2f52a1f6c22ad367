package io.coffer.secrets.auth.jwt;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;

/**
 * Where a mount's signing keys come from, built once per configuration: the PEM keys, or
 * a remote JWKS (directly or through OIDC discovery) fetched by Nimbus's
 * {@link JWKSourceBuilder}: cached for five minutes and fetched again at once (rate
 * limited to Nimbus's default interval) when a JWT names a {@code kid} the cache does not
 * hold, so a provider's key rotation is picked up by the first login that needs it.
 *
 * @param selector the key selector for Nimbus's JWT processor, limited to the configured
 * algorithms
 * @param algorithms the configured algorithms
 * @param issuer the discovery document's issuer, which every JWT must name; empty without
 * discovery
 */
record JwtKeys(JWSKeySelector<SecurityContext> selector, Set<JWSAlgorithm> algorithms, Optional<String> issuer) {

	private static final int TIMEOUT_MILLIS = 10_000;

	private static final int SIZE_LIMIT = 1024 * 1024;

	private static final long CACHE_TTL_MILLIS = 5 * 60 * 1000;

	private static final long CACHE_REFRESH_TIMEOUT_MILLIS = 15_000;

	/**
	 * The keys of {@code config}; fetches the discovery document when there is one.
	 * @throws IllegalArgumentException Vault's message for a key source that cannot be
	 * used
	 */
	static JwtKeys of(JwtConfig config) {
		Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
		config.algorithms().forEach((name) -> algorithms.add(JWSAlgorithm.parse(name)));
		if (!config.jwtValidationPubkeys().isEmpty()) {
			return new JwtKeys(new StaticKeySelector(algorithms, PemKeys.parse(config.jwtValidationPubkeys())),
					algorithms, Optional.empty());
		}
		if (!config.jwksUrl().isEmpty()) {
			ResourceRetriever retriever = retriever(config.jwksCaPem(), "error checking jwks_ca_pem: ");
			return new JwtKeys(remote(url(config.jwksUrl(), "error checking jwks URL: "), retriever, algorithms),
					algorithms, Optional.empty());
		}
		ResourceRetriever retriever = retriever(config.oidcDiscoveryCaPem(), "error creating provider: ");
		OidcDiscovery discovery = OidcDiscovery.fetch(config.oidcDiscoveryUrl(), retriever);
		return new JwtKeys(remote(discovery.jwksUri(), retriever, algorithms), algorithms,
				Optional.of(discovery.issuer()));
	}

	/**
	 * Checks a configuration before it is stored, as Vault does: PEM keys must parse, the
	 * JWKS URL must serve a JWK set, the discovery document must be served and name its
	 * issuer.
	 * @throws IllegalArgumentException Vault's message
	 */
	static void check(JwtConfig config) {
		if (!config.oidcDiscoveryUrl().isEmpty()) {
			try {
				of(config);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("error checking oidc discovery URL: " + ex.getMessage(), ex);
			}
			return;
		}
		if (!config.jwksUrl().isEmpty()) {
			ResourceRetriever retriever = retriever(config.jwksCaPem(), "error checking jwks_ca_pem: ");
			URL url = url(config.jwksUrl(), "error checking jwks URL: ");
			try {
				JWKSet.parse(retriever.retrieveResource(url).getContent());
			}
			catch (IOException | ParseException ex) {
				throw new IllegalArgumentException("error checking jwks URL: " + ex.getMessage(), ex);
			}
			return;
		}
		PemKeys.parse(config.jwtValidationPubkeys());
	}

	private static JWSKeySelector<SecurityContext> remote(URL url, ResourceRetriever retriever,
			Set<JWSAlgorithm> algorithms) {
		JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(url, retriever)
			.cache(CACHE_TTL_MILLIS, CACHE_REFRESH_TIMEOUT_MILLIS)
			.refreshAheadCache(false)
			.rateLimited(true)
			.retrying(false)
			.build();
		return new JWSVerificationKeySelector<>(algorithms, source);
	}

	private static ResourceRetriever retriever(String caPem, String errorPrefix) {
		try {
			return new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT, true,
					CaTrust.socketFactory(caPem));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(errorPrefix + ex.getMessage(), ex);
		}
	}

	private static URL url(String value, String errorPrefix) {
		try {
			URI uri = URI.create(value);
			if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
				throw new IllegalArgumentException("unsupported protocol scheme");
			}
			return uri.toURL();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalArgumentException(errorPrefix + "unsupported protocol scheme or invalid URL", ex);
		}
	}

}
