package io.coffer.secrets.policy;

import java.time.Duration;
import java.util.List;

/**
 * The answer of {@link PolicyService#check}: whether the request may proceed, and what
 * the caller holds on the path. The reason names the deciding rule or parameter, never a
 * request value, so it may be logged or audited.
 *
 * @param allowed whether the operation is permitted (parameters included)
 * @param capabilities the capabilities granted on the path, sorted Vault names;
 * {@code ["root"]} for the root policy, {@code ["deny"]} when nothing is granted
 * @param sudo whether sudo is granted (root or a {@code sudo} capability not overridden
 * by {@code deny}); the caller must require it on paths the serving engine declares
 * {@code sudo} ({@code SecretEngine.requiresSudo})
 * @param root whether the root policy decided
 * @param reason why, for logs and audit
 * @param minWrappingTtl the rule's {@code min_wrapping_ttl}, zero when unset
 * @param maxWrappingTtl the rule's {@code max_wrapping_ttl}, zero when unset
 */
public record AclDecision(boolean allowed, List<String> capabilities, boolean sudo, boolean root, String reason,
		Duration minWrappingTtl, Duration maxWrappingTtl) {

	public AclDecision {
		capabilities = List.copyOf(capabilities);
	}

	static AclDecision rootPolicy() {
		return new AclDecision(true, List.of("root"), true, true, "root policy", Duration.ZERO, Duration.ZERO);
	}

	static AclDecision denied(String reason) {
		return new AclDecision(false, List.of("deny"), false, false, reason, Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Vault's wrapping constraints: with {@code max_wrapping_ttl} or
	 * {@code min_wrapping_ttl} set, the request must be wrapped with a TTL within them.
	 * @param wrapTtl the requested {@code X-Vault-Wrap-TTL}, or null when not wrapped
	 */
	public boolean permitsWrapTtl(Duration wrapTtl) {
		if (!this.minWrappingTtl.isZero() && !this.maxWrappingTtl.isZero()
				&& this.maxWrappingTtl.compareTo(this.minWrappingTtl) < 0) {
			return false;
		}
		if (!this.maxWrappingTtl.isZero() && (wrapTtl == null || wrapTtl.compareTo(this.maxWrappingTtl) > 0)) {
			return false;
		}
		return this.minWrappingTtl.isZero() || (wrapTtl != null && wrapTtl.compareTo(this.minWrappingTtl) >= 0);
	}

}
