package io.coffer.secrets.authorize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import io.coffer.common.authorize.AclEpoch;
import io.coffer.secrets.policy.PolicyStore;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.token.TokenRevokedEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * This node's {@link AclEpoch}: changes whenever a token is revoked (explicitly, with its
 * parent, by its last use, by tidy), whenever the policy store's generation moves (a
 * policy written or deleted; the node became active or standby, sealed or unsealed) and
 * on every restart (a random incarnation). Only the active node decides, so its own
 * events are all it has to count; a change it cannot see (another node became active)
 * shows in the gateway as another node's epoch.
 * <p>
 * The value is a digest of those counters: it tells the gateway "something changed" and
 * nothing about how many tokens were revoked.
 */
@Component
public class NodeAclEpoch {

	private final byte[] incarnation = new byte[16];

	private final AtomicLong revocations = new AtomicLong();

	private final PolicyStore policies;

	private volatile Cached cached = new Cached(-1, -1, "");

	NodeAclEpoch(PolicyStore policies, SecureRandom random) {
		this.policies = policies;
		random.nextBytes(this.incarnation);
	}

	/** The current epoch, cheap enough to send with every response. */
	public String current() {
		long revoked = this.revocations.get();
		long generation = this.policies.generation();
		Cached last = this.cached;
		if (last.revocations() == revoked && last.generation() == generation) {
			return last.value();
		}
		String value = digest(revoked, generation);
		this.cached = new Cached(revoked, generation, value);
		return value;
	}

	@EventListener
	void onTokenRevoked(TokenRevokedEvent event) {
		this.revocations.incrementAndGet();
	}

	@EventListener
	void onSealEvent(SealEvent event) {
		this.revocations.incrementAndGet();
	}

	private String digest(long revoked, long generation) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(this.incarnation);
			sha.update((revoked + "/" + generation).getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(sha.digest(), 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from the JDK", ex);
		}
	}

	private record Cached(long revocations, long generation, String value) {
	}

}
