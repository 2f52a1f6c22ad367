package io.coffer.e2e.kubernetes;

import java.util.List;

/**
 * The service account a projected token belongs to, and the audiences it was issued for.
 */
public record ServiceAccountToken(String namespace, String name, String uid, List<String> audiences) {

	public ServiceAccountToken {
		audiences = List.copyOf(audiences);
	}

	/** The account's user name in the API server, the token's {@code sub}. */
	public String subject() {
		return "system:serviceaccount:" + this.namespace + ":" + this.name;
	}

}
