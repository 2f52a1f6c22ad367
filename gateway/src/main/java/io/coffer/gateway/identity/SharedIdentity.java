package io.coffer.gateway.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.coffer.support.identity.IdentitySigner;

/**
 * The identities the gateway sends with its calls to nodes: one per client address,
 * signed anew every {@link #REUSE} rather than per request. An ES256 signature costs the
 * gateway about 0.1 ms and its verification a node about 0.3 ms, more than the rest of a
 * KV read; nodes remember identities that verified until they expire, so a reused one
 * costs them nothing. Clients from a handful of addresses therefore cost what one did;
 * each further address active in a 10-s window costs one signature here and one
 * verification per node it reaches. Each identity still lives 30 s at most; one is at
 * most {@code REUSE} old when sent, so a node always gets at least 20 s of validity.
 * Concurrent callers may sign a few extra identities at a renewal; that is harmless.
 * <p>
 * At most {@link #MAX_ADDRESSES} addresses are remembered: past that, identities of
 * addresses not seen in the current window are forgotten (they are signed again when
 * their clients return), so memory stays bounded whatever the clients do.
 */
final class SharedIdentity {

	static final Duration REUSE = Duration.ofSeconds(10);

	static final int MAX_ADDRESSES = 10_000;

	/** The key of calls that speak for no client (health probes). */
	private static final String NO_CLIENT = "";

	private final IdentitySigner signer;

	private final InstantSource clock;

	private final Supplier<String> ids;

	private final Map<String, Signed> current = new ConcurrentHashMap<>();

	SharedIdentity(IdentitySigner signer, InstantSource clock, Supplier<String> ids) {
		this.signer = signer;
		this.clock = clock;
		this.ids = ids;
	}

	/** The current identity of the gateway's own calls (no client address). */
	String token() {
		return token(null);
	}

	/**
	 * The current identity for calls made on behalf of a client at {@code clientAddress}.
	 * @param clientAddress an IP literal, or null for the gateway's own calls
	 */
	String token(String clientAddress) {
		String key = (clientAddress != null) ? clientAddress : NO_CLIENT;
		Instant now = this.clock.instant();
		Signed signed = this.current.get(key);
		if (signed == null || signed.staleAt(now)) {
			signed = new Signed(this.signer.sign(this.ids.get(), clientAddress), now);
			if (this.current.size() >= MAX_ADDRESSES) {
				forgetStale(now);
			}
			this.current.put(key, signed);
		}
		return signed.token();
	}

	/** How many addresses have an identity remembered (for tests). */
	int remembered() {
		return this.current.size();
	}

	private void forgetStale(Instant now) {
		this.current.values().removeIf((entry) -> entry.staleAt(now));
		if (this.current.size() >= MAX_ADDRESSES) {
			// More distinct addresses in one window than the bound: start over rather
			// than grow; the cost is one signature per address, as without reuse.
			this.current.clear();
		}
	}

	private record Signed(String token, Instant issuedAt) {

		/** Past the reuse window, or signed "in the future" by a clock that went back. */
		boolean staleAt(Instant now) {
			return !now.isBefore(this.issuedAt.plus(REUSE)) || now.isBefore(this.issuedAt);
		}

		@Override
		public String toString() {
			return "Signed[token=<redacted>, issuedAt=" + this.issuedAt + "]";
		}

	}

}
