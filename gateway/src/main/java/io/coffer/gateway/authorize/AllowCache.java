package io.coffer.gateway.authorize;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.coffer.common.authorize.AclEpoch;
import io.coffer.gateway.cluster.ClusterView;
import io.coffer.gateway.cluster.NodeStatus;

/**
 * The short allow-cache in front of {@code /internal/authorize}: the identity signed for
 * an allowed request, reused for the same token, path, operation, client address, query
 * and body for a few seconds (never past the token's own TTL), so a client repeating a
 * request for another service costs no round trip to the active node and no signature.
 * <p>
 * Keys are a SHA-256 of those fields: the token is never kept, logged or counted here.
 * Denials, and decisions for use-limited tokens (every request must take a use on the
 * node), are never cached. The whole cache is dropped whenever a node's {@link AclEpoch}
 * changes — seen on its health probes and on every response it sends through the gateway,
 * so a revocation or policy change made through this gateway clears the cache before its
 * own answer reaches the client — and whenever another node becomes active. An entry
 * decided while the cache was dropped is not stored.
 * <p>
 * At most {@code maxSize} entries: past that, expired ones are removed, and if that is
 * not enough the cache starts over rather than grow.
 */
public final class AllowCache {

	private final Clock clock;

	private final Duration ttl;

	private final int maxSize;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Map<URI, String> epochs = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private volatile Optional<URI> active = Optional.empty();

	public AllowCache(Clock clock, Duration ttl, int maxSize) {
		this.clock = clock;
		this.ttl = ttl;
		this.maxSize = maxSize;
	}

	/**
	 * The cache key of one request: a SHA-256 over every field that can change the node's
	 * decision, each length-prefixed so that no two requests share a key.
	 */
	public static String key(String token, String path, String operation, String clientAddress, String rawQuery,
			byte[] body) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (String field : new String[] { token, path, operation, clientAddress, rawQuery }) {
				byte[] bytes = (field != null) ? field.getBytes(StandardCharsets.UTF_8) : new byte[0];
				sha.update(lengthOf((field != null) ? bytes.length : -1));
				sha.update(bytes);
			}
			sha.update(lengthOf(body.length));
			sha.update(body);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from the JDK", ex);
		}
	}

	/** The identity signed for an allowed request with this key, if still valid. */
	public Optional<String> get(String key) {
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return Optional.empty();
		}
		if (!this.clock.instant().isBefore(entry.expiresAt())) {
			this.entries.remove(key, entry);
			return Optional.empty();
		}
		return Optional.of(entry.identity());
	}

	/** Changes whenever the cache is dropped; read it before asking the node. */
	public long generation() {
		return this.generation.get();
	}

	/**
	 * Remembers an allowed request's identity, unless the cache was dropped since
	 * {@code generation} was read (the decision may predate a revocation).
	 * @param tokenTtlSeconds the token's remaining TTL; 0 = never expires
	 */
	public void put(String key, String identity, long tokenTtlSeconds, long generation) {
		if (this.ttl.isZero() || this.maxSize == 0) {
			return;
		}
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.ttl);
		if (tokenTtlSeconds > 0 && now.plusSeconds(tokenTtlSeconds).isBefore(expiresAt)) {
			expiresAt = now.plusSeconds(tokenTtlSeconds);
		}
		if (this.entries.size() >= this.maxSize) {
			this.entries.values().removeIf((entry) -> !now.isBefore(entry.expiresAt()));
			if (this.entries.size() >= this.maxSize) {
				this.entries.clear();
			}
		}
		Entry entry = new Entry(identity, expiresAt);
		this.entries.put(key, entry);
		if (this.generation.get() != generation) {
			this.entries.remove(key, entry);
		}
	}

	/** A node's current ACL epoch: a change drops every entry. */
	public void observe(URI node, String epoch) {
		String previous = this.epochs.put(node, epoch);
		if (!epoch.equals(previous)) {
			drop();
		}
	}

	/** A probe round: every node's epoch, and a change of the active node. */
	public void observe(ClusterView view) {
		Optional<URI> current = view.active();
		if (!current.equals(this.active)) {
			this.active = current;
			drop();
		}
		for (NodeStatus status : view.nodes()) {
			if (status.aclEpoch() != null) {
				observe(status.node(), status.aclEpoch());
			}
		}
	}

	/** How many entries are held (for tests and metrics). */
	public int size() {
		return this.entries.size();
	}

	private void drop() {
		// The generation moves first: a put racing with this drop sees it and backs out.
		this.generation.incrementAndGet();
		this.entries.clear();
	}

	private static byte[] lengthOf(int length) {
		return new byte[] { (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length };
	}

	private record Entry(String identity, Instant expiresAt) {

		@Override
		public String toString() {
			return "Entry[identity=<redacted>, expiresAt=" + this.expiresAt + "]";
		}

	}

}
