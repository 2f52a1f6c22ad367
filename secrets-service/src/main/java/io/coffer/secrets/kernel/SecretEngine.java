package io.coffer.secrets.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mounted engine. It sees only the {@code BarrierView} of its mount, given at creation;
 * never storage, the keyring or another mount.
 */
public interface SecretEngine {

	/**
	 * Handles one request.
	 * @throws VaultException with Vault's status and message for anything the client must
	 * see as an error
	 */
	LogicalResponse handle(LogicalRequest request);

	/**
	 * Whether the path already holds data (Vault's existence check: a write is then
	 * {@code update}, else {@code create}). Engines without a check treat every write as
	 * an update.
	 */
	default boolean exists(LogicalRequest request) {
		return true;
	}

	/**
	 * Whether a path (below the mount) is served without a token, as an auth method's
	 * login is (Vault's unauthenticated paths). The request's caller is then a
	 * policy-less stand-in to which no ACL applies.
	 */
	default boolean isUnauthenticated(String path) {
		return false;
	}

	/**
	 * Whether a path (below the mount) is protected with {@code sudo} on top of the
	 * operation's own capability, as the engine declares it (see {@link EnginePaths}).
	 */
	default boolean requiresSudo(String path) {
		return false;
	}

	/**
	 * Whether this engine does the same for {@code create} as for {@code update}, so that
	 * the existence check only matters when the caller's ACL tells them apart.
	 */
	default boolean treatsCreateAsUpdate() {
		return false;
	}

	/**
	 * Revokes a secret this engine issued with a {@link LeasedSecret} (expiry, revoke,
	 * revoke-prefix, the revocation of the token that created it). Must be idempotent: a
	 * secret already gone counts as revoked.
	 * @param internalData the secret's internal data, as the engine returned them
	 * @throws VaultException when the backend refuses; its message is kept as the lease's
	 * last error, so it must never carry a secret value
	 */
	default void revokeSecret(Map<String, Object> internalData) {
		throw VaultException.badRequest("this engine does not issue leases");
	}

	/**
	 * Revokes many secrets this engine issued (lease-service's batched expiry and
	 * revoke-prefix). Each one is revoked or refused on its own: one refusal never fails
	 * or undoes the others. By default one {@link #revokeSecret} after the other; engines
	 * whose backend does better in bulk override it.
	 * @param secrets the secrets' internal data
	 * @return one entry per secret, in order: empty when it is revoked, else the refusal
	 * (its message follows the rules of {@link #revokeSecret})
	 */
	default List<Optional<VaultException>> revokeSecrets(List<Map<String, Object>> secrets) {
		List<Optional<VaultException>> outcomes = new ArrayList<>(secrets.size());
		for (Map<String, Object> secret : secrets) {
			try {
				revokeSecret(secret);
				outcomes.add(Optional.empty());
			}
			catch (VaultException ex) {
				outcomes.add(Optional.of(ex));
			}
		}
		return outcomes;
	}

	/**
	 * Renews a secret this engine issued, extending it at its backend, and answers the
	 * secret with the TTL granted (never more than {@code renewal.ceilingSeconds()}).
	 * @throws VaultException with Vault's message when it cannot be renewed (400
	 * {@code lease is not renewable})
	 */
	default LeasedSecret renewSecret(LeasedSecret.Renewal renewal) {
		throw VaultException.badRequest("lease is not renewable");
	}

}
