package io.coffer.secrets.auth.jwt;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;

/**
 * OIDC discovery as go-oidc does it for Vault: the document at
 * {@code <issuer>/.well-known/openid-configuration} must name the same issuer, and its
 * {@code jwks_uri} is where the signing keys are.
 *
 * @param issuer the provider's issuer, which every JWT's {@code iss} must equal
 * @param jwksUri the provider's JWKS
 */
record OidcDiscovery(String issuer, URL jwksUri) {

	/**
	 * @throws IllegalArgumentException what went wrong (no secret in it: the document is
	 * public)
	 */
	static OidcDiscovery fetch(String issuer, ResourceRetriever retriever) {
		String wellKnown = issuer.replaceFirst("/+$", "") + "/.well-known/openid-configuration";
		Map<String, Object> document;
		try {
			document = JSONObjectUtils.parse(retriever.retrieveResource(URI.create(wellKnown).toURL()).getContent());
		}
		catch (IOException | ParseException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("error creating provider with given values: " + ex.getMessage(), ex);
		}
		Object named = document.get("issuer");
		if (!issuer.equals(named)) {
			throw new IllegalArgumentException(
					"error creating provider with given values: oidc: issuer did not match the issuer returned by provider, expected \""
							+ issuer + "\" got \"" + named + "\"");
		}
		Object jwks = document.get("jwks_uri");
		if (!(jwks instanceof String uri) || uri.isBlank()) {
			throw new IllegalArgumentException(
					"error creating provider with given values: no jwks_uri in discovery document");
		}
		try {
			return new OidcDiscovery(issuer, URI.create(uri).toURL());
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("error creating provider with given values: invalid jwks_uri", ex);
		}
	}

}
