package io.coffer.secrets.quota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code sys/quotas/config}: the paths no rate-limit quota applies to (exact, or a prefix
 * when ending in {@code *}), whether refusals are audited, and whether
 * {@code X-RateLimit-*} headers are sent.
 *
 * @param rateLimitExemptPaths paths exempt from every rate-limit quota
 * @param enableRateLimitAuditLogging audit refused requests (kept for when audit devices
 * exist)
 * @param enableRateLimitResponseHeaders send {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} on limited paths
 */
public record QuotaConfig(@JsonProperty("rate_limit_exempt_paths") List<String> rateLimitExemptPaths,
		@JsonProperty("enable_rate_limit_audit_logging") boolean enableRateLimitAuditLogging,
		@JsonProperty("enable_rate_limit_response_headers") boolean enableRateLimitResponseHeaders) {

	/** Vault's exempt paths until an operator writes the configuration. */
	public static final List<String> DEFAULT_EXEMPT_PATHS = List.of("sys/generate-recovery-token/attempt",
			"sys/generate-recovery-token/update", "sys/generate-root/attempt", "sys/generate-root/update", "sys/health",
			"sys/seal-status", "sys/unseal");

	/** The configuration of a cluster where none was written. */
	public static final QuotaConfig DEFAULTS = new QuotaConfig(DEFAULT_EXEMPT_PATHS, false, false);

	public QuotaConfig {
		rateLimitExemptPaths = (rateLimitExemptPaths != null) ? List.copyOf(rateLimitExemptPaths) : List.of();
	}

	/**
	 * Whether {@code path} is exempt (Vault's path manager: exact entries, and entries
	 * ending in {@code *} as prefixes).
	 */
	boolean exempts(String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		for (String exempt : this.rateLimitExemptPaths) {
			if (exempt.endsWith("*") ? path.startsWith(exempt.substring(0, exempt.length() - 1))
					: exempt.equals(path) || exempt.equals(trimmed)) {
				return true;
			}
		}
		return false;
	}

	Map<String, Object> toData() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("enable_rate_limit_audit_logging", this.enableRateLimitAuditLogging);
		data.put("enable_rate_limit_response_headers", this.enableRateLimitResponseHeaders);
		data.put("rate_limit_exempt_paths", this.rateLimitExemptPaths);
		return data;
	}

}
