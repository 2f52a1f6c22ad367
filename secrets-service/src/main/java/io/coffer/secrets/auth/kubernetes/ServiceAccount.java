package io.coffer.secrets.auth.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * The service account a JWT names: the legacy secret-token claims
 * ({@code kubernetes.io/serviceaccount/...}) or, preferred when present, the projected
 * token's {@code kubernetes.io} claim.
 *
 * @param name the service account's name
 * @param namespace its namespace
 * @param uid its UID, empty when the JWT carries none
 * @param secretName the secret of a legacy token, empty for projected tokens
 * @param audiences the JWT's {@code aud}
 */
record ServiceAccount(String name, String namespace, String uid, String secretName, List<String> audiences) {

	private static final String LEGACY = "kubernetes.io/serviceaccount/";

	static ServiceAccount of(Map<String, Object> claims, List<String> audiences) {
		String name = text(claims.get(LEGACY + "service-account.name"));
		String uid = text(claims.get(LEGACY + "service-account.uid"));
		String namespace = text(claims.get(LEGACY + "namespace"));
		if (claims.get("kubernetes.io") instanceof Map<?, ?> projected) {
			namespace = text(projected.get("namespace"));
			if (projected.get("serviceaccount") instanceof Map<?, ?> account) {
				name = text(account.get("name"));
				uid = text(account.get("uid"));
			}
		}
		return new ServiceAccount(name, namespace, uid, text(claims.get(LEGACY + "secret.name")),
				List.copyOf(audiences));
	}

	private static String text(Object value) {
		return (value instanceof String string) ? string : "";
	}

}
