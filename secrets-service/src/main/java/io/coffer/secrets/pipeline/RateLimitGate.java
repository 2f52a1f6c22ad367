package io.coffer.secrets.pipeline;

import io.coffer.secrets.quota.RateLimitEnforcer;

import org.springframework.stereotype.Component;

/**
 * Step {@code rate limit}: the rate-limit quota of the path, for the client the gateway
 * names, before the token is looked at (Vault applies quotas before it handles a request,
 * so a client over its rate costs no token lookup or use). Over the rate is Vault's 429.
 */
@Component
class RateLimitGate implements RequestStep {

	private final RateLimitEnforcer enforcer;

	RateLimitGate(RateLimitEnforcer enforcer) {
		this.enforcer = enforcer;
	}

	@Override
	public String name() {
		return "rate limit";
	}

	/**
	 * Whether a refusal of this step is audited
	 * ({@code enable_rate_limit_audit_logging}).
	 */
	boolean auditsRefusals() {
		return this.enforcer.auditsRefusals();
	}

	@Override
	public void apply(RequestState state) {
		this.enforcer.enforce(state.path());
	}

}
