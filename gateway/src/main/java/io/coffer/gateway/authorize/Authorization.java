package io.coffer.gateway.authorize;

/**
 * The outcome of authorizing a request for another service: forward it with its identity,
 * or give the client the node's own answer (sealed, a bad request). A denial is an error
 * ({@code PermissionDeniedException}).
 */
public sealed interface Authorization {

	/**
	 * Forward, carrying {@code identity} (signed for this caller's authorization).
	 *
	 * @param identity the signed identity
	 */
	record Allowed(String identity) implements Authorization {

		@Override
		public String toString() {
			return "Allowed[identity=<redacted>]";
		}

	}

	/**
	 * Answer the client with what the node answered (e.g. 503 {@code Vault is sealed}).
	 *
	 * @param answer the node's answer
	 */
	record Relayed(NodeAnswer answer) implements Authorization {

	}

}
