package io.coffer.secrets.kernel;

import java.util.List;
import java.util.Map;

/**
 * A stored token. The token itself is never stored: the entry is found by an HMAC of it,
 * and {@link #parent} is the parent's HMAC, never the parent token.
 *
 * @param accessor the token's accessor (safe to log and list)
 * @param policies attached policies, sorted
 * @param path the creation path, e.g. {@code auth/token/create}
 * @param displayName e.g. {@code token-ci}
 * @param creationTime unix seconds
 * @param ttlSeconds the TTL given at creation; 0 = never expires (root)
 * @param numUses uses left, 0 = unlimited; -1 = the last use was taken and the token is
 * being revoked
 * @param orphan no parent
 * @param meta free metadata
 * @param parent the parent's storage id (an HMAC), empty for an orphan
 * @param expireTime unix seconds when the token stops working, 0 = never
 * @param lastRenewalTime unix seconds of the last renewal, 0 = never renewed
 * @param explicitMaxTtl hard limit from creation in seconds, 0 = none
 * @param period periodic renewal interval in seconds, 0 = not periodic
 * @param maxTtl the lifetime cap from creation for a non-periodic token (mount, method
 * and explicit maximum combined), 0 = none
 * @param renewable whether renew is allowed
 * @param role the token role it was created from, empty if none
 * @param boundCidrs where the token may be used from (Vault's {@code bound_cidrs}); empty
 * = anywhere
 * @param batch whether this is a batch token: never stored, carried encrypted inside the
 * token itself, without accessor, not renewable, not revocable, no children, no cubbyhole
 * @param entityId the identity entity the token belongs to (Vault's {@code entity_id}),
 * empty for none
 */
public record TokenEntry(String accessor, List<String> policies, String path, String displayName, long creationTime,
		long ttlSeconds, int numUses, boolean orphan, Map<String, String> meta, String parent, long expireTime,
		long lastRenewalTime, long explicitMaxTtl, long period, long maxTtl, boolean renewable, String role,
		List<String> boundCidrs, boolean batch, String entityId) {

	/**
	 * Stands in for a caller on login paths, which take no token. Its root policy only
	 * gets the request past the ACL check; login handlers never act on a caller.
	 */
	/** Holds no policy: a login is exempt from the ACL check, never granted by it. */
	private static final TokenEntry UNAUTHENTICATED_LOGIN = new TokenEntry("", List.of(), "", "login", 0, 0, 0, true,
			Map.of());

	public TokenEntry {
		policies = List.copyOf(policies);
		meta = (meta != null) ? Map.copyOf(meta) : Map.of();
		parent = (parent != null) ? parent : "";
		role = (role != null) ? role : "";
		boundCidrs = (boundCidrs != null) ? List.copyOf(boundCidrs) : List.of();
		entityId = (entityId != null) ? entityId : "";
	}

	/** An entry of no entity. */
	public TokenEntry(String accessor, List<String> policies, String path, String displayName, long creationTime,
			long ttlSeconds, int numUses, boolean orphan, Map<String, String> meta, String parent, long expireTime,
			long lastRenewalTime, long explicitMaxTtl, long period, long maxTtl, boolean renewable, String role,
			List<String> boundCidrs, boolean batch) {
		this(accessor, policies, path, displayName, creationTime, ttlSeconds, numUses, orphan, meta, parent, expireTime,
				lastRenewalTime, explicitMaxTtl, period, maxTtl, renewable, role, boundCidrs, batch, "");
	}

	/** A service token's entry. */
	public TokenEntry(String accessor, List<String> policies, String path, String displayName, long creationTime,
			long ttlSeconds, int numUses, boolean orphan, Map<String, String> meta, String parent, long expireTime,
			long lastRenewalTime, long explicitMaxTtl, long period, long maxTtl, boolean renewable, String role,
			List<String> boundCidrs) {
		this(accessor, policies, path, displayName, creationTime, ttlSeconds, numUses, orphan, meta, parent, expireTime,
				lastRenewalTime, explicitMaxTtl, period, maxTtl, renewable, role, boundCidrs, false);
	}

	/** An entry bound to no address. */
	public TokenEntry(String accessor, List<String> policies, String path, String displayName, long creationTime,
			long ttlSeconds, int numUses, boolean orphan, Map<String, String> meta, String parent, long expireTime,
			long lastRenewalTime, long explicitMaxTtl, long period, long maxTtl, boolean renewable, String role) {
		this(accessor, policies, path, displayName, creationTime, ttlSeconds, numUses, orphan, meta, parent, expireTime,
				lastRenewalTime, explicitMaxTtl, period, maxTtl, renewable, role, List.of());
	}

	/** An entry without renewal data, as the root token and simple fixtures have. */
	public TokenEntry(String accessor, List<String> policies, String path, String displayName, long creationTime,
			long ttlSeconds, int numUses, boolean orphan, Map<String, String> meta) {
		this(accessor, policies, path, displayName, creationTime, ttlSeconds, numUses, orphan, meta, "",
				(ttlSeconds > 0) ? creationTime + ttlSeconds : 0, 0, 0, 0, ttlSeconds, false, "");
	}

	/** The caller of an unauthenticated login request (see {@link #isLoginCaller()}). */
	public static TokenEntry unauthenticatedLogin() {
		return UNAUTHENTICATED_LOGIN;
	}

	/** Whether this is the stand-in caller of a login request rather than a token. */
	public boolean isLoginCaller() {
		return this == UNAUTHENTICATED_LOGIN;
	}

	public boolean isRoot() {
		return this.policies.contains("root");
	}

	/** Whether the token has stopped working by {@code now} (unix seconds). */
	public boolean expiredAt(long now) {
		return this.expireTime != 0 && now >= this.expireTime;
	}

	/** Seconds left at {@code now}; 0 for a token that never expires. */
	public long ttlAt(long now) {
		return (this.expireTime == 0) ? 0 : Math.max(0, this.expireTime - now);
	}

	public TokenEntry withNumUses(int uses) {
		return new TokenEntry(this.accessor, this.policies, this.path, this.displayName, this.creationTime,
				this.ttlSeconds, uses, this.orphan, this.meta, this.parent, this.expireTime, this.lastRenewalTime,
				this.explicitMaxTtl, this.period, this.maxTtl, this.renewable, this.role, this.boundCidrs, this.batch,
				this.entityId);
	}

	public TokenEntry renewed(long newExpireTime, long now) {
		return new TokenEntry(this.accessor, this.policies, this.path, this.displayName, this.creationTime,
				this.ttlSeconds, this.numUses, this.orphan, this.meta, this.parent, newExpireTime, now,
				this.explicitMaxTtl, this.period, this.maxTtl, this.renewable, this.role, this.boundCidrs, this.batch,
				this.entityId);
	}

	public TokenEntry orphaned() {
		return new TokenEntry(this.accessor, this.policies, this.path, this.displayName, this.creationTime,
				this.ttlSeconds, this.numUses, true, this.meta, "", this.expireTime, this.lastRenewalTime,
				this.explicitMaxTtl, this.period, this.maxTtl, this.renewable, this.role, this.boundCidrs, this.batch,
				this.entityId);
	}

	/**
	 * This entry bound to {@code cidrs}. A token that never expires is never bound, as in
	 * Vault (a root token must stay usable from anywhere).
	 */
	public TokenEntry withBoundCidrs(List<String> cidrs) {
		List<String> bound = (this.ttlSeconds == 0) ? List.of() : cidrs;
		return new TokenEntry(this.accessor, this.policies, this.path, this.displayName, this.creationTime,
				this.ttlSeconds, this.numUses, this.orphan, this.meta, this.parent, this.expireTime,
				this.lastRenewalTime, this.explicitMaxTtl, this.period, this.maxTtl, this.renewable, this.role, bound,
				this.batch, this.entityId);
	}

	/** This entry belonging to the entity {@code id} (empty for none). */
	public TokenEntry withEntityId(String id) {
		return new TokenEntry(this.accessor, this.policies, this.path, this.displayName, this.creationTime,
				this.ttlSeconds, this.numUses, this.orphan, this.meta, this.parent, this.expireTime,
				this.lastRenewalTime, this.explicitMaxTtl, this.period, this.maxTtl, this.renewable, this.role,
				this.boundCidrs, this.batch, id);
	}

	/** Vault's name of the token's type, {@code service} or {@code batch}. */
	public String type() {
		return this.batch ? "batch" : "service";
	}

	@Override
	public String toString() {
		return "TokenEntry[accessor=" + this.accessor + ", policies=" + this.policies + ", path=" + this.path + "]";
	}

}
