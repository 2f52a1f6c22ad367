package io.coffer.secrets.quota;

import java.util.Map;
import java.util.Optional;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.secrets.kernel.VaultException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Applies the rate-limit quota of a path to the client of the current request, as Vault
 * does before it handles a request: the request path's own pipeline and
 * {@code /internal/authorize} (the gateway's question before it forwards a request to the
 * lease, audit or snapshot services) both call {@link #enforce}.
 * <p>
 * The client is the address in the gateway's signed internal identity (the client's TCP
 * peer, or what a proxy the gateway trusts forwarded); calls from other Coffer services
 * are not client requests and are never limited. A refused request is Vault's 429
 * {@code request path "<path>": rate limit quota exceeded} with {@code Retry-After}; with
 * {@code enable_rate_limit_response_headers}, every answer on a limited path also carries
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}.
 * Every refusal counts in {@code vault.quota.rate_limit.violation}, tagged with the
 * rule's name only (never a path or an address).
 */
@Component
public class RateLimitEnforcer {

	static final String VIOLATION_METRIC = "vault.quota.rate_limit.violation";

	private final RateLimitQuotas quotas;

	private final MeterRegistry registry;

	RateLimitEnforcer(RateLimitQuotas quotas, MeterRegistry registry) {
		this.quotas = quotas;
		this.registry = registry;
	}

	/**
	 * Takes one request of the current client against the rule limiting {@code path}.
	 * @param path the request path below {@code /v1/}
	 * @return whether a rule limits this path for this caller (a decision about it must
	 * not be reused without asking again)
	 * @throws VaultException 429 when the client is over the rule's rate or blocked
	 */
	public boolean enforce(String path) {
		Optional<String> client = gatewayClient();
		if (client.isEmpty()) {
			return false;
		}
		Optional<ClientLimiter> limiter = this.quotas.applicable(path);
		if (limiter.isEmpty()) {
			return false;
		}
		RateLimitOutcome outcome = limiter.get().take(client.get());
		if (this.quotas.config().enableRateLimitResponseHeaders()) {
			setHeaders(outcome.rateLimitHeaders());
		}
		if (!outcome.allowed()) {
			setHeaders(Map.of(RateLimitOutcome.RETRY_AFTER, Long.toString(outcome.retryAfterSeconds())));
			violation(limiter.get().quota().name());
			throw new VaultException(429, "request path " + quoted(path) + ": rate limit quota exceeded");
		}
		return true;
	}

	/**
	 * Whether requests a rule refuses are audited ({@code sys/quotas/config}'s
	 * {@code enable_rate_limit_audit_logging}, default false as in Vault).
	 */
	public boolean auditsRefusals() {
		return this.quotas.config().enableRateLimitAuditLogging();
	}

	private void violation(String quotaName) {
		Counter.builder(VIOLATION_METRIC)
			.description("Requests refused by a rate-limit quota, by quota name")
			.tag("name", quotaName)
			.register(this.registry)
			.increment();
	}

	/**
	 * The client address of a request the gateway signed ({@code ""} when it names none:
	 * such clients share one bucket); empty for every other caller.
	 */
	private static Optional<String> gatewayClient() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt identity
				&& InternalIdentity.GATEWAY_ISSUER.equals(identity.getClaimAsString(JwtClaimNames.ISS))) {
			String address = identity.getClaimAsString(InternalIdentity.CLIENT_ADDRESS_CLAIM);
			return Optional.of((address != null) ? address : "");
		}
		return Optional.empty();
	}

	/**
	 * Sets headers on the response of the current request; they stay on whatever answer
	 * it gets (a later error included), as Vault writes them before handling the request.
	 */
	private static void setHeaders(Map<String, String> headers) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletResponse response = servlet.getResponse();
			if (response != null && !response.isCommitted()) {
				headers.forEach(response::setHeader);
			}
		}
	}

	/** Go's {@code %q} for the characters a path can hold that need escaping. */
	private static String quoted(String path) {
		return '"' + path.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
