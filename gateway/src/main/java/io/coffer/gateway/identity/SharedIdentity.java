package io.coffer.gateway.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.coffer.common.identity.IdentitySigner;

/**
 * The identity the gateway sends with every call to a node, signed anew every
 * {@link #REUSE} rather than per request: an ES256 signature costs the gateway about 0.1
 * ms and its verification a node about 0.3 ms, more than the rest of a KV read. Nodes
 * remember identities that verified until they expire, so a reused one costs them
 * nothing. Each identity still lives 30 s at most; one is at most {@code REUSE} old when
 * sent, so a node always gets at least 20 s of validity. Concurrent callers may sign a
 * few extra identities at a renewal; that is harmless.
 */
final class SharedIdentity {

	static final Duration REUSE = Duration.ofSeconds(10);

	private final IdentitySigner signer;

	private final InstantSource clock;

	private final Supplier<String> ids;

	private final AtomicReference<Signed> current = new AtomicReference<>();

	SharedIdentity(IdentitySigner signer, InstantSource clock, Supplier<String> ids) {
		this.signer = signer;
		this.clock = clock;
		this.ids = ids;
	}

	String token() {
		Instant now = this.clock.instant();
		Signed signed = this.current.get();
		if (signed == null || !now.isBefore(signed.issuedAt().plus(REUSE)) || now.isBefore(signed.issuedAt())) {
			signed = new Signed(this.signer.sign(this.ids.get()), now);
			this.current.set(signed);
		}
		return signed.token();
	}

	private record Signed(String token, Instant issuedAt) {

		@Override
		public String toString() {
			return "Signed[token=<redacted>, issuedAt=" + this.issuedAt + "]";
		}

	}

}
