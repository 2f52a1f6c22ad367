package io.coffer.secrets.token;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.BarrierException;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;

/**
 * Batch tokens (Vault's {@code hvb.} tokens): the token is its own entry, sealed by the
 * barrier (AES-256-GCM under the keyring's active term, fresh nonce, bound to a fixed
 * context as associated data) and base64url-encoded. Nothing is stored, so any node whose
 * barrier is unsealed with the cluster's keyring opens it without a storage read or
 * write; a rotated keyring keeps its older terms, so a token outlives a rotation until
 * its TTL, as in Vault (whose barrier also seals batch tokens). The GCM tag refuses any
 * changed byte; what a token says is never trusted before it opened.
 */
final class BatchTokens {

	static final String PREFIX = "hvb.";

	/**
	 * Associated data of a sealed batch token: a token never opens as another detached
	 * value (a lease's revocation data) or the other way round.
	 */
	private static final String CONTEXT = "coffer/token/batch/v1";

	/**
	 * Longest batch token accepted or issued: it travels in a header, and its metadata is
	 * what makes it long.
	 */
	static final int MAX_LENGTH = 4096;

	private final Barrier barrier;

	BatchTokens(Barrier barrier) {
		this.barrier = barrier;
	}

	static boolean isBatch(String token) {
		return token != null && token.startsWith(PREFIX);
	}

	/**
	 * Seals {@code entry} into a new batch token.
	 * @throws VaultException 400 when the token would be too long to present
	 */
	String seal(TokenEntry entry) {
		Claims claims = new Claims(entry.policies(), entry.path(), entry.displayName(), entry.creationTime(),
				entry.ttlSeconds(), entry.meta(), entry.parent(), entry.expireTime(), entry.role(), entry.boundCidrs(),
				entry.entityId());
		byte[] sealed = this.barrier.sealDetached(CONTEXT, Json.write(claims));
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
		if (token.length() > MAX_LENGTH) {
			throw VaultException.badRequest("batch token too large: reduce its metadata");
		}
		return token;
	}

	/**
	 * The entry a batch token carries, as sealed; empty when it does not open (changed,
	 * truncated, sealed by another cluster, not base64url). Expiry and parent are the
	 * caller's to check.
	 */
	Optional<TokenEntry> open(String token) {
		if (!isBatch(token) || token.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			byte[] sealed = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
			Claims claims = Json.read(this.barrier.openDetached(CONTEXT, sealed), Claims.class);
			return Optional.of(claims.entry());
		}
		catch (IllegalArgumentException | BarrierException ex) {
			return Optional.empty();
		}
	}

	/**
	 * What a batch token carries: no accessor, no use count, no renewal data.
	 *
	 * @param policies the token's policies
	 * @param path its creation path
	 * @param displayName its display name
	 * @param creationTime unix seconds
	 * @param ttl its TTL at creation, seconds
	 * @param meta its metadata
	 * @param parent the parent's storage id, empty for an orphan
	 * @param expireTime unix seconds
	 * @param role the token role it was created from, empty if none
	 * @param boundCidrs where it may be used from
	 * @param entityId its identity entity, empty (or absent) for none
	 */
	record Claims(List<String> policies, String path, String displayName, long creationTime, long ttl,
			Map<String, String> meta, String parent, long expireTime, String role, List<String> boundCidrs,
			String entityId) {

		TokenEntry entry() {
			String parentId = (this.parent != null) ? this.parent : "";
			return new TokenEntry("", this.policies, this.path, this.displayName, this.creationTime, this.ttl, 0,
					parentId.isEmpty(), this.meta, parentId, this.expireTime, 0, 0, 0, this.ttl, false, this.role,
					this.boundCidrs, true, this.entityId);
		}

	}

}
